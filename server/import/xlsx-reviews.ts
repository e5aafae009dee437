import type ExcelJS from 'exceljs';
import { newId } from '../../shared/ids.js';
import { REVIEW_KINDS, REVIEW_REPORTINGS, type NodeKind } from '../../shared/model.js';
import { parseParts } from '../../shared/domain/monitoring.js';
import { isId } from '../../shared/ids.js';
import { MATRIX_HEADERS, MONITORING_HEADERS, REVIEW_HEADERS } from '../export/tables.js';
import { RowReader, findHeader, firstBad, indicatorKey, type Problems } from './xlsx-cells.js';

/** What the review import needs of the rest of the workbook: matrix rows and indicators by code. */
export interface ReviewContext {
  byCode: Map<string, { kind: NodeKind; id: string }>;
  /** Indicator ids by {@link indicatorKey} (row code and name), in sheet order. */
  indicators: Map<string, string[]>;
}

type Item = Record<string, unknown> & { id: string };
type Entry = Record<string, unknown>;

/**
 * The Reviews sheet (one row per review period: label, kind, dates, reporting, the snapshot it is
 * measured against and its Monitoring sheet) and each named Monitoring sheet (activity rows: actual
 * expenditure per currency column, result, progress, risks materialised; indicator rows, found by
 * row code and indicator name: value, note, actual by disaggregation) as review items with their
 * entries, in the layout `export.xlsx` writes. Derived columns (planned money, roll-up formulas,
 * targets, progress %) are ignored. Problems go to `problems` by sheet, row and column.
 */
export function readReviews(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, ctx: ReviewContext, problems: Problems): Item[] {
  const H = REVIEW_HEADERS;
  const header = findHeader(ws, [H.label, H.sheet]);
  if (!header) {
    problems.noHeader(ws.name, [H.label, H.sheet], `The sheet has no header row with the columns "${H.label}" and "${H.sheet}".`);
    return [];
  }
  const out: Item[] = [];
  const used = new Set<string>();
  for (let row = header.row + 1; row <= ws.rowCount; row++) {
    const r = new RowReader(ws, header, row, problems);
    const label = r.text(H.label);
    const sheetName = r.text(H.sheet);
    if (!label && !sheetName) continue;
    const baseline = r.text(H.baseline);
    if (baseline && !isId(baseline)) r.problem(H.baseline, `"${baseline}" is not a snapshot id.`, { code: 'notSnapshotId', params: { value: baseline } });
    const item: Item = {
      id: newId(),
      label,
      kind: r.oneOf(H.kind, REVIEW_KINDS) ?? 'yearly',
      start: r.date(H.start),
      end: r.date(H.end),
      reporting: r.oneOf(H.reporting, REVIEW_REPORTINGS) ?? 'period',
      baselineSnapshotId: baseline && isId(baseline) ? baseline : null,
      activities: [],
      indicators: [],
    };
    const sheet = sheetName ? wb.worksheets.find((w) => w.name.toLowerCase() === sheetName.toLowerCase()) : undefined;
    if (!sheet) r.problem(H.sheet, `There is no sheet "${sheetName}" with this review's monitoring matrix.`, { code: 'noReviewSheet', params: { sheet: sheetName } });
    else if (used.has(sheet.name)) r.problem(H.sheet, `The sheet "${sheet.name}" is named by two reviews.`, { code: 'sheetTwice', params: { sheet: sheet.name } });
    else {
      used.add(sheet.name);
      readEntries(sheet, item, ctx, problems);
    }
    out.push(item);
  }
  return out;
}

/** One Monitoring sheet's activity and indicator rows as the review's entries. */
function readEntries(ws: ExcelJS.Worksheet, review: Item, ctx: ReviewContext, problems: Problems): void {
  const M = MONITORING_HEADERS;
  const header = findHeader(ws, [MATRIX_HEADERS.level, MATRIX_HEADERS.code, MATRIX_HEADERS.title]);
  if (!header) {
    problems.noHeader(ws.name, [MATRIX_HEADERS.level, MATRIX_HEADERS.code, MATRIX_HEADERS.title], `The sheet has no header row with the columns ${MATRIX_HEADERS.level}, ${MATRIX_HEADERS.code}, ${MATRIX_HEADERS.title}.`);
    return;
  }
  const actualCols: { header: string; currency: string }[] = [];
  for (const [h] of header.cols) {
    const m = new RegExp(`^${M.actual.toLowerCase().replace(/[()]/g, '\\$&')} \\(([a-z]{3})\\)$`).exec(h);
    if (m) actualCols.push({ header: h, currency: m[1]!.toUpperCase() });
  }
  const activities = review['activities'] as Entry[];
  const readings = review['indicators'] as Entry[];
  const taken = new Map<string, number>();
  const seen = new Set<string>();
  for (let row = header.row + 1; row <= ws.rowCount; row++) {
    const r = new RowReader(ws, header, row, problems);
    const level = r.text(MATRIX_HEADERS.level).toLowerCase();
    const code = r.text(MATRIX_HEADERS.code);
    if (level === 'activity') {
      const node = ctx.byCode.get(code);
      if (!node || node.kind !== 'activity') {
        r.problem(MATRIX_HEADERS.code, `"${code}" is not the code of an activity in the Matrix sheet.`, { code: 'notActivityCode', params: { code } });
        continue;
      }
      const amounts = actualCols.map((c) => ({ currency: c.currency, amount: r.number(c.header) })).filter((m) => m.amount !== null);
      if (amounts.length > 1) r.problem(null, `An activity reports one expenditure per review; this row has one in ${amounts.map((m) => m.currency).join(' and ')}.`, { code: 'twoExpenditures', params: { currencies: amounts.map((m) => m.currency).join(', ') } });
      else if (amounts[0] && amounts[0].amount! < 0) r.problem(`${M.actual} (${amounts[0].currency})`, 'An expenditure cannot be negative.', { code: 'negativeExpenditure', params: {} });
      const entry = { activityId: node.id, expenditure: amounts[0] ?? null, result: r.text(M.result), progress: r.text(M.progressText), risksMaterialised: r.text(M.risks) };
      if (entry.expenditure || entry.result || entry.progress || entry.risksMaterialised) activities.push(entry);
    } else if (level === 'indicator') {
      const name = r.text(MATRIX_HEADERS.title);
      const key = indicatorKey(code, name);
      const ids = ctx.indicators.get(key) ?? [];
      const n = taken.get(key) ?? 0;
      const id = ids[n];
      if (!id) {
        r.problem(MATRIX_HEADERS.title, `There is no indicator "${name}" on row ${code} in the Indicators sheet.`, { code: 'noIndicator', params: { name, code } });
        continue;
      }
      taken.set(key, n + 1);
      if (seen.has(id)) continue;
      seen.add(id);
      const parts = parseParts(r.text(M.parts));
      if (typeof parts === 'string') r.problem(M.parts, `"${M.parts}": ${parts}.`, { code: 'notBreakdown', params: { ...r.column(M.parts), value: firstBad(r.text(M.parts), parseParts) } });
      const value = r.number(M.value);
      const note = r.text(M.note);
      const list = typeof parts === 'string' ? [] : parts;
      if (value !== null || note || list.length) readings.push({ indicatorId: id, value, note, parts: list });
    }
  }
}
