/** The ar catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import sectors from './sectors.js';
import library from './library.js';

const catalogue = {
  common,
  sectors,
  library,
} satisfies Catalogue;

export default catalogue;
