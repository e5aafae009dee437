/** The ar catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';

const catalogue = {
  common,
} satisfies Catalogue;

export default catalogue;
