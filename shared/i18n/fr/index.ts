/** The fr catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import diff from './diff.js';

const catalogue = {
  common,
  diff,
} satisfies Catalogue;

export default catalogue;
