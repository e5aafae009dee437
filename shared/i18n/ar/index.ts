/** The ar catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import poa from './poa.js';
import cycle from './cycle.js';
import monitoring from './monitoring.js';

const catalogue = {
  common,
  poa,
  cycle,
  monitoring,
} satisfies Catalogue;

export default catalogue;
