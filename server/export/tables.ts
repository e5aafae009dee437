import { scorerNamesShown } from '../../shared/domain/scoring.js';
import { measuredPlan } from './baseline.js';
import {
  GROUPS,
  buildForest,
  compareOrder,
  nodeCodes,
  rankGoals,
  rollupBudget,
  type Activity,
  type Group,
  type Indicator,
  type PlanData,
  type Review,
  type TreeNode,
} from '../../shared/model.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { sheetWords, type SheetWords } from './xlsx-text.js';
import { momentText } from './poa-model.js';
import { planInLanguage, planTexts } from '../../shared/domain/translations.js';
import xlsxEn from '../../shared/i18n/en/xlsx.js';

/** The English column names (the names the import reads by, L12). */
const HEAD = xlsxEn.head;
import { formatParts, formatPeriodTargets, progressRollup } from '../../shared/domain/monitoring.js';

/**
 * The sheets of the Excel export as neutral tables (server/export/xlsx.ts writes them with
 * formats and merges, server/export/csv.ts writes their values). Every table has a header row
 * at {@link HEADER_ROW} and data from {@link FIRST_DATA_ROW}; formulas name those rows.
 */

/** A formula with the value it computes now (Excel shows the cached value until it recalculates). */
export interface Formula {
  formula: string;
  result: number;
}

/** One cell: text, number, date (UTC day), live formula, or empty. */
export type Cell = string | number | Date | Formula | null;

/** A column of a table. */
export interface Column {
  header: string;
  /** Width in characters. */
  width: number;
  /** Excel number format of the column's cells (dates, money). */
  numFmt?: string;
}

/** One sheet. `merges` are `[firstRow, column, lastRow]` (0-based data rows) merged down one column. */
export interface Table {
  /** Sheet name (at most 31 characters, unique in the workbook). */
  sheet: string;
  /** Third title row: what the sheet is. */
  subtitle: string;
  columns: Column[];
  rows: Cell[][];
  /** Data rows shown in bold (goal, outcome, output and total rows). */
  strong: Set<number>;
  merges: [number, number, number][];
  /** Number formats of single cells (`row:column`, 0-based data row), over the column's. */
  cellFmts: Map<string, string>;
  /** Notes of single cells (`row:column`): a title shown in translation says so and gives the original (ML9). */
  notes: Map<string, string>;
}

/** Worksheet row of the column headers (1-based); the plan title, its context and the subtitle are above. */
export const HEADER_ROW = 4;
/** Worksheet row of the first data row (1-based). */
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** The Excel column letters of a 0-based column index (0 → A, 26 → AA). */
export function colLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The Excel number format of an amount in `currency`: `#,##0.00 "USD"`. */
export function moneyFormat(currency: string): string {
  return `#,##0.00 "${currency}"`;
}

/** Excel number format of date cells. */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A `YYYY-MM-DD` date as a UTC Date cell, or null. */
function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** The plan's second title row: country, currency, and which version (snapshot or live) this is. */
export function contextLine(plan: PlanData, snapshot: SnapshotMeta | null, generatedAt: string, w: SheetWords = sheetWords()): string {
  const notSet = w.t('xlsx:context.notSet');
  const parts = [w.t('xlsx:context.country', { code: plan.country ?? notSet }), w.t('xlsx:context.currency', { code: plan.currency ?? notSet })];
  // A version's status reads in the workbook's language (English keeps the code, which is its word).
  const status = snapshot && w.locale !== 'en' ? w.t(`export:snapshotStatus.${snapshot.status}`).toLocaleLowerCase(w.locale) : snapshot?.status;
  parts.push(snapshot ? w.t('xlsx:context.snapshot', { name: snapshot.name, status, date: momentText(snapshot.createdAt, w.locale), sha: snapshot.sha256.slice(0, 12) }) : w.t('xlsx:context.live'));
  parts.push(w.t('xlsx:context.generated', { when: momentText(generatedAt, w.locale) }));
  return parts.join(' · ');
}

/** A row of the matrix walk: the node, its level and where its children are. */
interface TreeRow {
  node: TreeNode;
  /** Data-row index of each child row. */
  children: number[];
  /** Last data-row index of the node's subtree. */
  last: number;
}

/** The live matrix in display order (pre-order), one entry per node, indicator rows optional after their node. */
function walkTree(plan: PlanData, extra?: (node: TreeNode) => number): { rows: TreeRow[] } {
  const rows: TreeRow[] = [];
  let next = 0;
  const visit = (node: TreeNode): number => {
    const at = next++;
    const row: TreeRow = { node, children: [], last: at };
    rows.push(row);
    next += extra ? extra(node) : 0;
    for (const child of node.children) row.children.push(visit(child));
    row.last = next - 1;
    return at;
  };
  buildForest(plan).goals.forEach(visit);
  return { rows };
}

/** Currencies a plan's money is in (budgets, expenditures, its default currency), sorted. */
function currenciesOf(plan: PlanData): string[] {
  const set = new Set<string>();
  if (plan.currency) set.add(plan.currency);
  for (const a of plan.activities) if (a.budget) set.add(a.budget.currency);
  for (const r of plan.reviews) for (const e of r.activities) if (e.expenditure) set.add(e.expenditure.currency);
  for (const g of plan.goals) if (g.resourceTarget) set.add(g.resourceTarget.currency);
  return [...set].sort();
}

/** Most arguments one SUM lists before the roll-up uses SUMIFS over the subtree instead (Excel allows 255). */
const MAX_SUM_ARGS = 200;

/**
 * The roll-up of an aggregate row as a live formula: SUM over its child rows (a range when
 * they are contiguous activity rows), or SUMIFS of the activity rows of its subtree when it
 * has too many children to list. Null when the row has no children.
 */
function rollupFormula(col: string, levelCol: string, at: number, row: TreeRow, childRows: number[], result: number): Formula | null {
  if (childRows.length === 0) return null;
  const r = (i: number): number => i + FIRST_DATA_ROW;
  const first = childRows[0]!;
  const lastChild = childRows[childRows.length - 1]!;
  const contiguous = row.node.kind === 'output';
  if (contiguous) return { formula: `SUM(${col}${r(first)}:${col}${r(lastChild)})`, result };
  if (childRows.length <= MAX_SUM_ARGS) return { formula: `SUM(${childRows.map((c) => `${col}${r(c)}`).join(',')})`, result };
  return { formula: `SUMIFS(${col}${r(at + 1)}:${col}${r(row.last)},${levelCol}${r(at + 1)}:${levelCol}${r(row.last)},"activity")`, result };
}

/** Amount in `currency` of a money list (0 when absent). */
const amountIn = (list: readonly { amount: number; currency: string }[] | undefined, currency: string): number =>
  list?.find((m) => m.currency === currency)?.amount ?? 0;

/** An empty table named `sheet`. */
function table(sheet: string, subtitle: string, columns: Column[]): Table {
  return { sheet, subtitle, columns, rows: [], strong: new Set(), merges: [], cellFmts: new Map(), notes: new Map() };
}

/** Activity dependencies as `1.1.1.1 (chronological); 1.1.1.2 (parallel)`. */
function dependencyText(a: Activity, codes: Map<string, string>): string {
  return a.dependencies
    .filter((d) => codes.has(d.activityId))
    .map((d) => `${codes.get(d.activityId)} (${d.type})`)
    .join('; ');
}

/** Live indicators of a node in display order. */
function indicatorsByNode(plan: PlanData): Map<string, Indicator[]> {
  const out = new Map<string, Indicator[]>();
  for (const i of [...plan.indicators].sort(compareOrder)) {
    if (i.archived) continue;
    out.set(i.nodeId, [...(out.get(i.nodeId) ?? []), i]);
  }
  return out;
}

/** Column headers of the Matrix sheet that the import reads back (see server/import/xlsx.ts). */
export const MATRIX_HEADERS = {
  goal: HEAD.strategicGoal,
  outcome: HEAD.expectedOutcome,
  output: HEAD.expectedOutput,
  level: HEAD.level,
  code: HEAD.code,
  title: HEAD.title,
  responsible: HEAD.responsible,
  start: HEAD.start,
  end: HEAD.end,
  planned: HEAD.planned,
  actual: HEAD.actual,
  fundingKind: HEAD.fundingKind,
  modality: HEAD.modality,
  funder: HEAD.funder,
  fundingStatus: HEAD.fundingStatus,
  result: HEAD.result,
  risks: HEAD.risks,
  verification: HEAD.verification,
  dependsOn: HEAD.dependsOn,
  indicators: HEAD.indicators,
  sectors: HEAD.sectors,
  source: HEAD.librarySource,
  originalTitle: HEAD.originalTitle,
  originalLanguage: HEAD.originalLanguage,
} as const;

/**
 * The Implementation Plan Matrix: one row per live goal, outcome, output and activity in
 * display order, the goal, outcome and output columns merged down their rows, full codes,
 * planned and actual money in one column per currency with roll-ups as SUM formulas over the
 * child rows (cached values from `rollupBudget`), and a total row.
 */
export function matrixTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const H = MATRIX_HEADERS;
  const currencies = currenciesOf(plan);
  const codes = new Map<string, string>();
  // ML9: titles in the workbook's language where translated; the original and its language beside them.
  const texts = planTexts(plan, w.locale);
  const { rows } = walkTree(planInLanguage(plan, w.locale));
  for (const r of rows) codes.set(r.node.id, r.node.code);
  const fixed: Column[] = [
    { header: w.head(H.goal), width: 28 },
    { header: w.head(H.outcome), width: 28 },
    { header: w.head(H.output), width: 28 },
    { header: w.head(H.level), width: 9 },
    { header: w.head(H.code), width: 10 },
    { header: w.head(H.title), width: 44 },
    { header: w.head(H.responsible), width: 20 },
    { header: w.head(H.start), width: 11, numFmt: DATE_FORMAT },
    { header: w.head(H.end), width: 11, numFmt: DATE_FORMAT },
  ];
  const money = (label: string): Column[] => currencies.map((c) => ({ header: w.money(label, c), width: 16, numFmt: moneyFormat(c) }));
  const t = table(w.sheet('matrix'), w.t('xlsx:subtitle.matrix'), [
    ...fixed,
    ...money(H.planned),
    ...money(H.actual),
    { header: w.head(H.fundingKind), width: 12 },
    { header: w.head(H.modality), width: 15 },
    { header: w.head(H.funder), width: 18 },
    { header: w.head(H.fundingStatus), width: 12 },
    { header: w.head(H.result), width: 32 },
    { header: w.head(H.risks), width: 32 },
    { header: w.head(H.verification), width: 24 },
    { header: w.head(H.dependsOn), width: 22 },
    { header: w.head(H.indicators), width: 32 },
    { header: w.head(H.sectors), width: 24 },
    { header: w.head(H.source), width: 16 },
    { header: w.head(H.originalTitle), width: 32 },
    { header: w.head(H.originalLanguage), width: 10 },
  ]);
  const tail = t.columns.length - 5;
  const plannedAt = fixed.length;
  const actualAt = plannedAt + currencies.length;
  const levelCol = colLetter(3);
  const budget = rollupBudget(plan);
  const lines = new Map<string, { planned: { amount: number; currency: string }[]; actual: { amount: number; currency: string }[] }>();
  for (const list of [budget.goals, budget.outcomes, budget.outputs, budget.activities]) for (const l of list) lines.set(l.id, l);
  const activities = new Map(plan.activities.map((a) => [a.id, a]));
  const goals = new Map(plan.goals.map((g) => [g.id, g]));
  const responsible = new Map<string, string>([...plan.outcomes, ...plan.outputs].map((n) => [n.id, n.responsible]));
  const indicators = indicatorsByNode(plan);
  const nodeById = new Map<string, { title: string; source: string | null; sectors?: readonly string[] }>([...plan.goals, ...plan.outcomes, ...plan.outputs, ...plan.activities].map((n) => [n.id, n]));
  const label = (n: TreeNode): string => `${n.code} ${n.title}`.trim();

  rows.forEach((row, at) => {
    const n = row.node;
    const cells: Cell[] = new Array(t.columns.length).fill(null);
    cells[3] = n.kind;
    cells[4] = n.code;
    cells[5] = n.title;
    const line = lines.get(n.id);
    if (n.kind === 'goal') cells[0] = label(n);
    if (n.kind === 'outcome') cells[1] = label(n);
    if (n.kind === 'output') cells[2] = label(n);
    if (n.kind !== 'activity' && row.last > at) {
      t.merges.push([at, n.kind === 'goal' ? 0 : n.kind === 'outcome' ? 1 : 2, row.last]);
    }
    const a = activities.get(n.id);
    if (a) {
      cells[6] = a.responsible;
      cells[7] = dateCell(a.start);
      cells[8] = dateCell(a.end);
      currencies.forEach((c, i) => {
        cells[plannedAt + i] = a.budget?.currency === c ? a.budget.amount : null;
        const spent = amountIn(line?.actual, c);
        cells[actualAt + i] = line?.actual.some((m) => m.currency === c) ? spent : null;
      });
      const f = a.funding;
      const after = actualAt + currencies.length;
      cells[after] = f?.kind ?? null;
      cells[after + 1] = f?.modality ?? null;
      cells[after + 2] = f ? f.funder : null;
      cells[after + 3] = f?.status ?? null;
      cells[after + 4] = a.result;
      cells[after + 5] = a.risks;
      cells[after + 6] = a.verification;
      cells[after + 7] = dependencyText(a, codes);
    } else {
      t.strong.add(at);
      const g = goals.get(n.id);
      if (g) {
        cells[6] = g.responsibleParties.join('; ');
        cells[7] = dateCell(g.start);
        cells[8] = dateCell(g.end);
      } else cells[6] = responsible.get(n.id) ?? '';
      currencies.forEach((c, i) => {
        cells[plannedAt + i] = rollupFormula(colLetter(plannedAt + i), levelCol, at, row, row.children, amountIn(line?.planned, c));
        cells[actualAt + i] = rollupFormula(colLetter(actualAt + i), levelCol, at, row, row.children, amountIn(line?.actual, c));
      });
    }
    cells[tail] = (indicators.get(n.id) ?? []).map((i) => i.name).join('; ');
    // Annex C sectors of goals and outcomes (SK2) and the library entry a row came from (LB3).
    const full = nodeById.get(n.id);
    cells[tail + 1] = full && 'sectors' in full && Array.isArray(full.sectors) ? full.sectors.join('; ') : null;
    cells[tail + 2] = full?.source ?? null;
    // ML9: "Original title" only where Title shows a translation; "Original language" wherever the original is in another language.
    const v = texts.version(n.kind, n.id, 'title', full?.title ?? n.title);
    if (!v.original) {
      cells[tail + 3] = full?.title ?? null;
      t.notes.set(`${at}:5`, w.t('xlsx:translatedNote', { lang: v.lang.toUpperCase(), original: v.originalLang.toUpperCase(), text: full?.title ?? '' }));
    }
    cells[tail + 4] = v.originalLang !== w.locale ? v.originalLang : null;
    t.rows.push(cells);
  });
  const goalRows = rows.map((r, i) => (r.node.kind === 'goal' ? i : -1)).filter((i) => i >= 0);
  const total: Cell[] = new Array(t.columns.length).fill(null);
  total[3] = 'total';
  total[5] = w.t('xlsx:total');
  const sum = (col: number, list: readonly { amount: number; currency: string }[], c: string): Formula => ({
    formula: goalRows.length ? `SUM(${goalRows.map((g) => `${colLetter(col)}${g + FIRST_DATA_ROW}`).join(',')})` : '0',
    result: amountIn(list, c),
  });
  currencies.forEach((c, i) => {
    total[plannedAt + i] = sum(plannedAt + i, budget.plan.planned, c);
    total[actualAt + i] = sum(actualAt + i, budget.plan.actual, c);
  });
  t.strong.add(t.rows.length);
  t.rows.push(total);
  return t;
}

/** Live review periods in their order (start date, then label). */
export function liveReviews(plan: PlanData): Review[] {
  return plan.reviews
    .filter((r) => !r.archived)
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}

/**
 * The Monitoring Implementation Matrix of one review period: node rows with planned and actual
 * money per currency (roll-ups as formulas), the period's result, progress and risks per
 * activity, and after each goal, outcome or output its indicators with baseline, target and
 * the value read in this period.
 */
export function monitoringTable(plan: PlanData, review: Review, sheet: string, w: SheetWords = sheetWords()): Table {
  const currencies = currenciesOf(plan);
  const indicators = indicatorsByNode(plan);
  const { rows } = walkTree(plan, (n) => indicators.get(n.id)?.length ?? 0);
  const money = (label: string): Column[] => currencies.map((c) => ({ header: w.money(label, c), width: 16, numFmt: moneyFormat(c) }));
  const period = [review.kind, review.start && review.end ? w.t('xlsx:subtitle.dates', { start: review.start, end: review.end }) : '', w.t('xlsx:subtitle.reporting', { reporting: review.reporting })].filter(Boolean).join(', ');
  const t = table(sheet, w.t('xlsx:subtitle.monitoring', { label: review.label || review.kind, period }), [
    { header: w.head(HEAD.level), width: 10 },
    { header: w.head(HEAD.code), width: 10 },
    { header: w.head(HEAD.title), width: 44 },
    { header: w.head(HEAD.responsible), width: 20 },
    ...money(HEAD.planned),
    ...money(HEAD.actual),
    { header: w.head(HEAD.result), width: 32 },
    { header: w.head(HEAD.progressText), width: 32 },
    { header: w.head(HEAD.risksMaterialised), width: 28 },
    { header: w.head(HEAD.indicatorBaseline), width: 12 },
    { header: w.head(HEAD.indicatorTarget), width: 12 },
    { header: w.head(HEAD.indicatorValue), width: 12 },
    { header: w.head(HEAD.note), width: 28 },
    { header: w.head(MONITORING_HEADERS.parts), width: 28 },
    { header: w.head(MONITORING_HEADERS.progress), width: 12 },
  ]);
  const progress = new Map(progressRollup(plan, review.id).indicators.map((p) => [p.indicatorId, p]));
  const plannedAt = 4;
  const actualAt = plannedAt + currencies.length;
  const after = actualAt + currencies.length;
  const all = rollupBudget(plan);
  const period_ = rollupBudget(plan, { reviewId: review.id });
  const planned = new Map<string, { amount: number; currency: string }[]>();
  const actual = new Map<string, { amount: number; currency: string }[]>();
  for (const list of [all.goals, all.outcomes, all.outputs, all.activities]) for (const l of list) planned.set(l.id, l.planned);
  for (const list of [period_.goals, period_.outcomes, period_.outputs, period_.activities]) for (const l of list) actual.set(l.id, l.actual);
  const reports = new Map(review.activities.map((e) => [e.activityId, e]));
  const readings = new Map(review.indicators.map((e) => [e.indicatorId, e]));
  const activities = new Map(plan.activities.map((a) => [a.id, a]));
  const responsible = new Map<string, string>([...plan.outcomes, ...plan.outputs, ...plan.activities].map((n) => [n.id, n.responsible]));
  for (const g of plan.goals) responsible.set(g.id, g.responsibleParties.join('; '));
  const levelCol = colLetter(0);
  for (const row of rows) {
    const n = row.node;
    const at = t.rows.length;
    const cells: Cell[] = new Array(t.columns.length).fill(null);
    cells[0] = n.kind;
    cells[1] = n.code;
    cells[2] = n.title;
    cells[3] = responsible.get(n.id) ?? '';
    const a = activities.get(n.id);
    if (a) {
      const e = reports.get(a.id);
      currencies.forEach((c, i) => {
        cells[plannedAt + i] = a.budget?.currency === c ? a.budget.amount : null;
        cells[actualAt + i] = e?.expenditure?.currency === c ? e.expenditure.amount : null;
      });
      cells[after] = e?.result ?? '';
      cells[after + 1] = e?.progress ?? '';
      cells[after + 2] = e?.risksMaterialised ?? '';
    } else {
      t.strong.add(at);
      currencies.forEach((c, i) => {
        cells[plannedAt + i] = rollupFormula(colLetter(plannedAt + i), levelCol, at, row, row.children, amountIn(planned.get(n.id), c));
        cells[actualAt + i] = rollupFormula(colLetter(actualAt + i), levelCol, at, row, row.children, amountIn(actual.get(n.id), c));
      });
    }
    t.rows.push(cells);
    for (const ind of indicators.get(n.id) ?? []) {
      const r = readings.get(ind.id);
      const line: Cell[] = new Array(t.columns.length).fill(null);
      line[0] = 'indicator';
      line[1] = n.code;
      line[2] = ind.name;
      const p = progress.get(ind.id);
      line[after + 3] = ind.baseline?.value ?? null;
      // IN3: the target of this period (a per-period target when one applies).
      line[after + 4] = p?.target?.value ?? ind.target?.value ?? null;
      line[after + 5] = r?.value ?? null;
      line[after + 6] = r?.note ?? '';
      line[after + 7] = formatParts(r?.parts ?? []);
      line[after + 8] = p?.percent === null || p?.percent === undefined ? null : Math.round(p.percent * 10) / 10;
      t.rows.push(line);
    }
  }
  return t;
}

/** Column headers of a Monitoring sheet that the import reads back besides the matrix ones. */
export const MONITORING_HEADERS = {
  result: HEAD.result,
  progressText: HEAD.progressText,
  risks: HEAD.risksMaterialised,
  value: HEAD.indicatorValue,
  note: HEAD.note,
  parts: HEAD.parts,
  progress: HEAD.progress,
  actual: HEAD.actual,
} as const;

/** Column headers of the Reviews sheet (one row per live review period) that the import reads back. */
export const REVIEW_HEADERS = {
  label: HEAD.review,
  kind: HEAD.kind,
  start: HEAD.start,
  end: HEAD.end,
  reporting: HEAD.reporting,
  baseline: HEAD.baselineSnapshot,
  sheet: HEAD.sheet,
} as const;

/** The review periods and the name of each one's Monitoring sheet (RV1, RV4). */
export function reviewsTable(plan: PlanData, sheets: { review: Review; sheet: string }[], w: SheetWords = sheetWords()): Table {
  const H = REVIEW_HEADERS;
  const t = table(w.sheet('reviews'), w.t('xlsx:subtitle.reviews'), [
    { header: w.head(H.label), width: 24 },
    { header: w.head(H.kind), width: 10 },
    { header: w.head(H.start), width: 12, numFmt: DATE_FORMAT },
    { header: w.head(H.end), width: 12, numFmt: DATE_FORMAT },
    { header: w.head(H.reporting), width: 12 },
    { header: w.head(H.baseline), width: 24 },
    { header: w.head(H.sheet), width: 24 },
  ]);
  for (const { review: r, sheet } of sheets) t.rows.push([r.label, r.kind, dateCell(r.start), dateCell(r.end), r.reporting, r.baselineSnapshotId ?? '', sheet]);
  return t;
}

/** Column headers of the Indicators sheet that the import reads back. */
export const INDICATOR_HEADERS = {
  code: HEAD.rowCode,
  rowLevel: HEAD.rowLevel,
  rowTitle: HEAD.rowTitle,
  name: HEAD.indicator,
  kind: HEAD.kind,
  level: HEAD.level,
  unit: HEAD.unit,
  baseline: HEAD.baseline,
  baselineDate: HEAD.baselineDate,
  target: HEAD.target,
  targetDate: HEAD.targetDate,
  disaggregation: HEAD.disaggregation,
  verification: HEAD.verification,
  source: HEAD.source,
  measurement: HEAD.measurement,
  frequency: HEAD.frequency,
  periodTargets: HEAD.periodTargets,
} as const;

/** Every live indicator of a live row, in matrix order, with its value in each live review period. */
export function indicatorsTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const H = INDICATOR_HEADERS;
  const reviews = liveReviews(plan);
  const t = table(w.sheet('indicators'), w.t('xlsx:subtitle.indicators'), [
    { header: w.head(H.code), width: 10 },
    { header: w.head(H.rowLevel), width: 10 },
    { header: w.head(H.rowTitle), width: 36 },
    { header: w.head(H.name), width: 36 },
    { header: w.head(H.kind), width: 10 },
    { header: w.head(H.level), width: 10 },
    { header: w.head(H.unit), width: 12 },
    { header: w.head(H.baseline), width: 10 },
    { header: w.head(H.baselineDate), width: 12, numFmt: DATE_FORMAT },
    { header: w.head(H.target), width: 10 },
    { header: w.head(H.targetDate), width: 12, numFmt: DATE_FORMAT },
    { header: w.head(H.disaggregation), width: 20 },
    { header: w.head(H.verification), width: 24 },
    { header: w.head(H.source), width: 20 },
    { header: w.head(H.measurement), width: 14 },
    { header: w.head(H.frequency), width: 14 },
    { header: w.head(H.periodTargets), width: 32 },
    ...reviews.map((r) => ({ header: w.t('xlsx:param.valueOf', { label: r.label || r.kind }), width: 12 })),
  ]);
  const byNode = indicatorsByNode(plan);
  for (const { node } of walkTree(plan).rows) {
    for (const i of byNode.get(node.id) ?? []) {
      t.rows.push([
        node.code,
        node.kind,
        node.title,
        i.name,
        i.kind,
        i.level,
        i.unit,
        i.baseline?.value ?? null,
        dateCell(i.baseline?.date ?? null),
        i.target?.value ?? null,
        dateCell(i.target?.date ?? null),
        i.disaggregation.join('; '),
        i.verification,
        i.source,
        i.measurement,
        i.frequency,
        formatPeriodTargets(i.periodTargets),
        ...reviews.map((r) => r.indicators.find((x) => x.indicatorId === i.id)?.value ?? null),
      ]);
    }
  }
  return t;
}

/** A funding source line: who pays, how, how firmly, in which currency. */
function sourceKey(a: Activity): string[] {
  const f = a.funding;
  return [f?.kind ?? '', f?.modality ?? '', f?.funder ?? '', f?.status ?? '', a.budget?.currency ?? ''];
}

/**
 * Budget and funding by source: per goal, one row per funding source (kind, modality, funder,
 * status) and currency with its activities, planned and actual money; then one total row per
 * currency as SUMIF formulas over the table.
 */
export function budgetTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const t = table(w.sheet('budget'), w.t('xlsx:subtitle.budget'), [
    { header: w.head(HEAD.goalCode), width: 10 },
    { header: w.head(HEAD.goal), width: 36 },
    { header: w.head(HEAD.fundingKind), width: 12 },
    { header: w.head(HEAD.modality), width: 15 },
    { header: w.head(HEAD.funder), width: 20 },
    { header: w.head(HEAD.fundingStatus), width: 12 },
    { header: w.head(HEAD.currency), width: 9 },
    { header: w.head(HEAD.activities), width: 10 },
    { header: w.head(HEAD.unbudgeted), width: 12 },
    { header: w.head(HEAD.planned), width: 16 },
    { header: w.head(HEAD.actual), width: 16 },
  ]);
  const spent = new Map<string, { amount: number; currency: string }[]>();
  for (const a of rollupBudget(plan).activities) spent.set(a.id, a.actual);
  const activities = new Map(plan.activities.map((a) => [a.id, a]));
  const totals = new Map<string, { planned: number; actual: number }>();
  for (const goal of buildForest(plan).goals) {
    const groups = new Map<string, { key: string[]; count: number; unknown: number; planned: number; actual: number }>();
    const visit = (n: TreeNode): void => {
      const a = activities.get(n.id);
      if (a) {
        const key = sourceKey(a);
        const k = JSON.stringify(key);
        const g = groups.get(k) ?? { key, count: 0, unknown: 0, planned: 0, actual: 0 };
        g.count++;
        if (!a.budget) g.unknown++;
        g.planned += a.budget?.amount ?? 0;
        if (a.budget) g.actual += amountIn(spent.get(a.id), a.budget.currency);
        groups.set(k, g);
      }
      n.children.forEach(visit);
    };
    visit(goal);
    for (const g of [...groups.values()].sort((x, y) => x.key.join('\u0000').localeCompare(y.key.join('\u0000')))) {
      const [kind, modality, funder, status, currency] = g.key as [string, string, string, string, string];
      const at = t.rows.length;
      t.rows.push([goal.code, goal.title, kind, modality, funder, status, currency, g.count, g.unknown, currency ? g.planned : null, currency ? g.actual : null]);
      if (currency) {
        t.cellFmts.set(`${at}:9`, moneyFormat(currency));
        t.cellFmts.set(`${at}:10`, moneyFormat(currency));
        const sum = totals.get(currency) ?? { planned: 0, actual: 0 };
        sum.planned += g.planned;
        sum.actual += g.actual;
        totals.set(currency, sum);
      }
    }
  }
  const last = t.rows.length - 1 + FIRST_DATA_ROW;
  for (const [currency, sum] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    const at = t.rows.length;
    const sumif = (col: string, result: number): Formula => ({ formula: `SUMIF(G${FIRST_DATA_ROW}:G${last},"${currency}",${col}${FIRST_DATA_ROW}:${col}${last})`, result: Math.round(result * 100) / 100 });
    t.rows.push(['', w.t('xlsx:total'), '', '', '', '', currency, null, null, sumif('J', sum.planned), sumif('K', sum.actual)]);
    t.strong.add(at);
    t.cellFmts.set(`${at}:9`, moneyFormat(currency));
    t.cellFmts.set(`${at}:10`, moneyFormat(currency));
  }
  return t;
}

/**
 * Funding lines and the funding-by-source summary (SPEC FN1-FN4, B11): one row per funding line
 * counted (implied lines of old records too) with its activity's code, funder, status, source,
 * budget line, IATI activity, amount and the amount in the plan currency; then one row per
 * funder and per source with pledged, committed and disbursed money in the plan currency.
 */
export function fundingTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const cur = plan.currency ?? '';
  const t = table(w.sheet('funding'), cur ? w.t('xlsx:subtitle.fundingIn', { currency: cur }) : w.t('xlsx:subtitle.funding'), [
    { header: w.head(HEAD.activityCode), width: 12 },
    { header: w.head(HEAD.funder), width: 26 },
    { header: w.head(HEAD.status), width: 11 },
    { header: w.head(HEAD.source), width: 16 },
    { header: w.head(HEAD.budgetLine), width: 14 },
    { header: w.head(HEAD.iatiActivity), width: 24 },
    { header: w.head(HEAD.currency), width: 9 },
    { header: w.head(HEAD.amount), width: 16 },
    { header: cur ? w.t('xlsx:param.inCurrency', { currency: cur }) : w.head(HEAD.inPlanCurrency), width: 16 },
    { header: w.head(HEAD.pledged), width: 16 },
    { header: w.head(HEAD.committed), width: 16 },
    { header: w.head(HEAD.disbursed), width: 16 },
  ]);
  const b = rollupBudget(plan);
  for (const l of b.fundingLines) {
    const at = t.rows.length;
    t.rows.push([l.code, l.funder, l.status, w.t(`funding:sourceKind.${l.source}`), l.budgetLine, l.iatiActivityId, l.amount?.currency ?? '', l.amount?.amount ?? null, l.converted, null, null, null]);
    if (l.amount) t.cellFmts.set(`${at}:7`, moneyFormat(l.amount.currency));
    if (cur) t.cellFmts.set(`${at}:8`, moneyFormat(cur));
  }
  for (const [kind, rows] of [[w.t('xlsx:funderRow'), b.bySource.funders], [w.t('xlsx:sourceRow'), b.bySource.sources]] as const) {
    for (const r of rows) {
      const at = t.rows.length;
      t.rows.push([kind, r.label, '', '', '', '', cur, null, null, r.converted?.pledged ?? null, r.converted?.committed ?? null, r.converted?.disbursed ?? null]);
      t.strong.add(at);
      if (cur) for (const c of [9, 10, 11]) t.cellFmts.set(`${at}:${c}`, moneyFormat(cur));
    }
  }
  return t;
}

/** Whether the plan lets exports show individual named scores (facilitators' setting, G12). */
export function namedScoresAllowed(plan: PlanData): boolean {
  return scorerNamesShown(plan, false);
}

const mean = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null);

/**
 * Goal scores: per goal in ranking order, one row with the score that counts per criterion
 * (agreed, else the mean), its total and rank, then one row per stakeholder group with that
 * group's mean per criterion and total (a total only when the group scored every criterion).
 * Never names anyone: individual scores are on the Named scores sheet, when allowed.
 */
export function scoresTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const ranking = rankGoals(plan);
  const criteria = liveCriteria(plan);
  const codes = nodeCodes(plan);
  const t = table(w.sheet('scores'), w.t('xlsx:subtitle.scores'), [
    { header: w.head(SCORE_HEADERS.rank), width: 6 },
    { header: w.head(SCORE_HEADERS.goal), width: 40 },
    { header: w.head(SCORE_HEADERS.status), width: 10 },
    { header: w.head(SCORE_HEADERS.scoresOf), width: 26 },
    ...criteria.map((c) => ({ header: c.title || c.id, width: 14, numFmt: '0.00' })),
    { header: w.head(HEAD.total), width: 8, numFmt: '0.00' },
    { header: w.head(HEAD.maximum), width: 9 },
    { header: w.head(SCORE_HEADERS.code), width: 8 },
  ]);
  const code = (goalId: string): string => codes.get(goalId)?.code ?? '';
  const groupOf = new Map<string, Group | null>();
  for (const p of plan.participants) if (!p.archived) groupOf.set(p.id, p.group);
  const scored = (goalId: string, criterionId: string, group: Group): number[] =>
    plan.scores.filter((s) => s.goalId === goalId && s.criterionId === criterionId && groupOf.get(s.participantId) === group && [0, 1, 2].includes(s.value)).map((s) => s.value);
  for (const g of ranking.goals) {
    t.strong.add(t.rows.length);
    const values = g.criteria.map((c) => c.score);
    t.rows.push([g.rank, g.title, g.status, w.t('xlsx:everyone'), ...values, g.total, g.maxTotal, code(g.goalId)]);
    for (const group of GROUPS) {
      const means = criteria.map((c) => mean(scored(g.goalId, c.id, group)));
      if (means.every((m) => m === null)) continue;
      const people = new Set(plan.scores.filter((s) => s.goalId === g.goalId && groupOf.get(s.participantId) === group).map((s) => s.participantId)).size;
      const total = means.every((m) => m !== null) ? Math.round(means.reduce((a, m) => a + (m ?? 0), 0) * 1000) / 1000 : null;
      t.rows.push([null, g.title, g.status, w.t('xlsx:groupRow', { group, count: people }), ...means, total, g.maxTotal, code(g.goalId)]);
    }
  }
  return t;
}

/** Column headers of the Scores, Criteria, Agreed scores and Named scores sheets that the import reads back (server/import/xlsx-scores.ts). */
export const SCORE_HEADERS = {
  rank: HEAD.rank,
  goal: HEAD.goal,
  status: HEAD.status,
  scoresOf: HEAD.scoresOf,
  code: HEAD.goalCode,
  number: HEAD.number,
  criterion: HEAD.criterion,
  criterionNo: HEAD.criterionNo,
  description: HEAD.description,
  score: HEAD.score,
  note: HEAD.note,
  participant: HEAD.participant,
  participantNo: HEAD.participantNo,
  organisation: HEAD.organisation,
  group: HEAD.group,
  committee: HEAD.committee,
} as const;

/** Live criteria in display order (their 1-based position is the "Criterion no." of the score sheets). */
function liveCriteria(plan: PlanData): PlanData['criteria'] {
  return plan.criteria.filter((c) => !c.archived).sort(compareOrder);
}

/** Live goals with their full code, in display order (a goal's code is its position, M7). */
function codedGoals(plan: PlanData): { id: string; code: string; title: string }[] {
  const codes = nodeCodes(plan);
  return plan.goals
    .filter((g) => !g.archived && codes.get(g.id)?.code)
    .sort(compareOrder)
    .map((g) => ({ id: g.id, code: codes.get(g.id)!.code, title: g.title }));
}

/** The scoring criteria (SC1: each scored 0, 1 or 2; a goal's total is their plain, unweighted sum, SC3), numbered in display order. */
export function criteriaTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const H = SCORE_HEADERS;
  const t = table(w.sheet('criteria'), w.t('xlsx:subtitle.criteria'), [
    { header: w.head(H.number), width: 5 },
    { header: w.head(H.criterion), width: 40 },
    { header: w.head(H.description), width: 60 },
  ]);
  liveCriteria(plan).forEach((c, i) => t.rows.push([i + 1, c.title, c.description]));
  return t;
}

/** The committees' agreed scores (they replace the mean, SC2): goal by code, criterion by number, score and note. */
export function agreedScoresTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const H = SCORE_HEADERS;
  const t = table(w.sheet('agreedScores'), w.t('xlsx:subtitle.agreedScores'), [
    { header: w.head(H.code), width: 8 },
    { header: w.head(H.goal), width: 40 },
    { header: w.head(H.criterionNo), width: 10 },
    { header: w.head(H.criterion), width: 30 },
    { header: w.head(H.score), width: 6 },
    { header: w.head(H.note), width: 36 },
  ]);
  const criteria = liveCriteria(plan);
  const cells = new Map(plan.agreedScores.map((s) => [`${s.goalId}:${s.criterionId}`, s]));
  for (const g of codedGoals(plan)) {
    criteria.forEach((c, i) => {
      const s = cells.get(`${g.id}:${c.id}`);
      if (s) t.rows.push([g.code, g.title, i + 1, c.title, s.value, s.note ?? '']);
    });
  }
  return t;
}

/** Every individual score with the scorer's name (only exported when {@link namedScoresAllowed}); goals by code, criteria and participants by number. */
export function namedScoresTable(plan: PlanData, w: SheetWords = sheetWords()): Table {
  const H = SCORE_HEADERS;
  const t = table(w.sheet('namedScores'), w.t('xlsx:subtitle.namedScores'), [
    { header: w.head(H.goal), width: 36 },
    { header: w.head(H.criterion), width: 24 },
    { header: w.head(H.participant), width: 20 },
    { header: w.head(H.organisation), width: 20 },
    { header: w.head(H.group), width: 16 },
    { header: w.head(H.committee), width: 10 },
    { header: w.head(H.score), width: 6 },
    { header: w.head(H.note), width: 30 },
    { header: w.head(H.code), width: 8 },
    { header: w.head(H.criterionNo), width: 10 },
    { header: w.head(H.participantNo), width: 10 },
  ]);
  const goals = codedGoals(plan);
  const criteria = liveCriteria(plan);
  const people = plan.participants.filter((p) => !p.archived);
  const goalAt = new Map(goals.map((g, i) => [g.id, i]));
  const critAt = new Map(criteria.map((c, i) => [c.id, i]));
  const personAt = new Map(people.map((p, i) => [p.id, i]));
  const scores = plan.scores
    .filter((s) => goalAt.has(s.goalId) && critAt.has(s.criterionId) && personAt.has(s.participantId))
    .sort((a, b) => goalAt.get(a.goalId)! - goalAt.get(b.goalId)! || critAt.get(a.criterionId)! - critAt.get(b.criterionId)! || people[personAt.get(a.participantId)!]!.name.localeCompare(people[personAt.get(b.participantId)!]!.name) || personAt.get(a.participantId)! - personAt.get(b.participantId)!);
  for (const s of scores) {
    const p = people[personAt.get(s.participantId)!]!;
    const g = goals[goalAt.get(s.goalId)!]!;
    const c = critAt.get(s.criterionId)!;
    t.rows.push([g.title, criteria[c]!.title, p.name, p.organisation, p.group, p.committee, s.value, s.note ?? '', g.code, c + 1, personAt.get(s.participantId)! + 1]);
  }
  return t;
}

/** A sheet name Excel accepts (no `[]:*?/\`, at most 31 characters), unique among `taken`. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The keys of the workbook's fixed sheets. */
const FIXED_SHEET_KEYS = ['matrix', 'budget', 'funding', 'scores', 'namedScores', 'criteria', 'agreedScores', 'indicators', 'reviews'] as const;

/** Lower-case names of the workbook's fixed sheets in its language (a Monitoring sheet never takes one). */
export function fixedSheets(w: SheetWords = sheetWords()): string[] {
  return FIXED_SHEET_KEYS.map((k) => w.sheet(k).toLowerCase());
}

/** The monitoring sheet name of each live review period, in order. */
export function monitoringSheets(plan: PlanData, taken: Set<string>, w: SheetWords = sheetWords()): { review: Review; sheet: string }[] {
  return liveReviews(plan).map((review) => ({ review, sheet: sheetName(w.t('xlsx:sheet.monitoring', { label: review.label || review.kind }), taken) }));
}

/** Every sheet of the workbook, in order: Matrix, Budget, Funding, one Monitoring sheet per live review, Scores (+ Named scores), Criteria, Agreed scores, Indicators, Reviews (when there are any). */
export function workbookTables(plan: PlanData, baselines?: ReadonlyMap<string, PlanData>, w: SheetWords = sheetWords()): Table[] {
  const taken = new Set(fixedSheets(w));
  const sheets = monitoringSheets(plan, taken, w);
  // ML9: every sheet shows titles in the workbook's language where translated; the Matrix sheet also keeps the originals.
  const shown = planInLanguage(plan, w.locale);
  return [
    matrixTable(plan, w),
    budgetTable(shown, w),
    fundingTable(shown, w),
    // RV4: a review bound to an agreed version measures against its budgets and targets.
    ...sheets.map(({ review, sheet }) => monitoringTable(planInLanguage(measuredPlan(plan, review, baselines), w.locale), review, sheet, w)),
    scoresTable(shown, w),
    ...(namedScoresAllowed(plan) ? [namedScoresTable(shown, w)] : []),
    criteriaTable(shown, w),
    agreedScoresTable(shown, w),
    indicatorsTable(shown, w),
    ...(sheets.length ? [reviewsTable(shown, sheets, w)] : []),
  ];
}
