/** The en catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import matrix from './matrix.js';

const catalogue = {
  common,
  matrix,
} satisfies Catalogue;

export default catalogue;
