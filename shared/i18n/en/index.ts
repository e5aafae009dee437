/** The en catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import consult from './consult.js';

const catalogue = {
  common,
  consult,
} satisfies Catalogue;

export default catalogue;
