/** The en catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import diff from './diff.js';
import errors from './errors.js';
import exportTexts from './export.js';

const catalogue = {
  common,
  diff,
  errors,
  export: exportTexts,
} satisfies Catalogue;

export default catalogue;
