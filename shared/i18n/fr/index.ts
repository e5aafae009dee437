/** The fr catalogue: one namespace per area of the product. New areas add one import and one entry. */
import type { Catalogue } from '../types.js';
import common from './common.js';
import shell from './shell.js';
import scoring from './scoring.js';
import versions from './versions.js';
import collab from './collab.js';
import sectors from './sectors.js';
import library from './library.js';
import consult from './consult.js';
import diff from './diff.js';
import errors from './errors.js';
import exportTexts from './export.js';
import matrix from './matrix.js';
import poa from './poa.js';
import cycle from './cycle.js';
import monitoring from './monitoring.js';
import issues from './issues.js';
import timeline from './timeline.js';
import funding from './funding.js';
import people from './people.js';
import iati from './iati.js';
import stages from './stages.js';
import translations from './translations.js';
import xlsx from './xlsx.js';
import a11y from './a11y.js';
import refusals from './refusals.js';
import defaults from './defaults.js';
import gate from './gate.js';

const catalogue = {
  common,
  shell,
  scoring,
  versions,
  collab,
  sectors,
  library,
  consult,
  diff,
  errors,
  export: exportTexts,
  matrix,
  poa,
  cycle,
  monitoring,
  issues,
  timeline,
  funding,
  people,
  iati,
  stages,
  translations,
  xlsx,
  a11y,
  refusals,
  defaults,
  gate,
} satisfies Catalogue;

export default catalogue;
