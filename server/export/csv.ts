import { measuredPlan } from './baseline.js';
import { ExportError, LANG_PARAM, exportLocale, type ExportFormat, type ExportSource } from './formats.js';
import { sheetWords } from './xlsx-text.js';
import { planInLanguage } from '../../shared/domain/translations.js';
import {
  agreedScoresTable,
  budgetTable,
  criteriaTable,
  fundingTable,
  indicatorsTable,
  liveReviews,
  matrixTable,
  monitoringSheets,
  monitoringTable,
  namedScoresAllowed,
  namedScoresTable,
  reviewsTable,
  scoresTable,
  fixedSheets,
  type Cell,
  type Table,
} from './tables.js';

/** The sheets `export.csv` serves, by the value of its `sheet` parameter. */
export const CSV_SHEETS = ['matrix', 'budget', 'funding', 'monitoring', 'scores', 'named-scores', 'criteria', 'agreed-scores', 'indicators', 'reviews'] as const;

/** Characters that make a spreadsheet read a cell as a formula (or run it): such text gets a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): numbers as written, dates as `YYYY-MM-DD`, formulas as their
 * value; text that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * prefixed with `'`; quoted when it holds a comma, quote or line break.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return String(cell.result);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV text: a UTF-8 byte order mark (so Excel reads the accents), the header line, one line per row, CRLF. */
export function tableCsv(t: Table): string {
  const lines = [t.columns.map((c) => csvField(c.header)), ...t.rows.map((r) => r.map(csvField))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** The table `export.csv` serves for `params` (see {@link csvFormat}). */
function csvTable({ plan: source, params, baselines }: ExportSource): Table {
  const sheet = params['sheet'];
  const w = sheetWords(exportLocale(source, params));
  if (!sheet) throw new ExportError('missing_sheet', `Say which sheet: ?sheet=${CSV_SHEETS.join('|')}.`);
  if (sheet !== 'monitoring' && params['period'] !== undefined) throw new ExportError('invalid_export_param', '"period" only applies to sheet=monitoring.');
  // ML9: titles in the file's language where translated; the matrix also keeps the originals (its own columns).
  if (sheet === 'matrix') return matrixTable(source, w);
  const plan = planInLanguage(source, w.locale);
  if (sheet === 'budget') return budgetTable(plan, w);
  if (sheet === 'funding') return fundingTable(plan, w);
  if (sheet === 'scores') return scoresTable(plan, w);
  if (sheet === 'criteria') return criteriaTable(plan, w);
  if (sheet === 'agreed-scores') return agreedScoresTable(plan, w);
  if (sheet === 'reviews') return reviewsTable(plan, monitoringSheets(plan, new Set(fixedSheets(w)), w), w);
  if (sheet === 'named-scores') {
    // SC21: named scores leave Roundtable only where the facilitators allowed them (and scoring is not anonymous).
    if (!namedScoresAllowed(plan)) throw new ExportError('named_scores_hidden', 'This plan does not show individual named scores in exports (a facilitator setting; never with anonymous scoring).');
    return namedScoresTable(plan, w);
  }
  if (sheet === 'indicators') return indicatorsTable(plan, w);
  const reviews = liveReviews(plan);
  const wanted = params['period'];
  const known = reviews.map((r) => `${r.id} ("${r.label}")`).join(', ') || 'none';
  if (wanted === undefined && reviews.length !== 1) {
    throw new ExportError('missing_period', `Say which review period: ?period=<id or label>. This plan's periods: ${known}.`);
  }
  const review = wanted === undefined ? reviews[0]! : reviews.find((r) => r.id === wanted) ?? reviews.find((r) => r.label === wanted);
  if (!review) throw new ExportError('unknown_period', `No live review period "${wanted}". This plan's periods: ${known}.`, { period: String(wanted).slice(0, 100) });
  return monitoringTable(planInLanguage(measuredPlan(source, review, baselines), w.locale), review, w.t('xlsx:sheet.monitoring', { label: review.label || review.kind }), w);
}

/**
 * `export.csv?sheet=matrix|budget|funding|monitoring|scores|named-scores|criteria|agreed-scores|indicators|reviews`: one sheet of the Excel
 * workbook as CSV (RFC 4180, UTF-8 with BOM, formula values instead of formulas, safe from
 * formula injection), its header row in the plan's language or `lang` (L11). `monitoring` takes `period` (a review period's id or label; optional
 * when the plan has one live period).
 */
export const csvFormat: ExportFormat = {
  name: 'csv',
  contentType: 'text/csv; charset=utf-8',
  disposition: 'attachment',
  summary: 'One sheet of the Excel workbook as CSV (UTF-8 with BOM, RFC 4180); ?sheet= is required',
  params: {
    sheet: { description: 'which sheet (required)', values: CSV_SHEETS },
    period: { description: 'sheet=monitoring: the review period (id or label); optional when the plan has one live period' },
    lang: LANG_PARAM,
  },
  errorCodes: ['missing_sheet', 'missing_period', 'unknown_period', 'invalid_export_param', 'named_scores_hidden'],
  render: (source) => tableCsv(csvTable(source)),
};
