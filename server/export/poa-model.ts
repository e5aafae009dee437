import { formatParts, progressRollup } from '../../shared/domain/monitoring.js';
import type { Activity, Goal, Indicator, Money, PlanData, Review, Section } from '../../shared/schema/types.js';
import { rollupBudget, type BudgetLine } from '../../shared/domain/budget.js';
import { formatMoney } from '../../shared/domain/money.js';
import { formatRate } from '../../shared/domain/currency.js';
import { compareOrder } from '../../shared/domain/order.js';
import { rankGoals, scorerNamesShown, type RankingWarning } from '../../shared/domain/scoring.js';
import { buildForest, type TreeNode } from '../../shared/domain/tree.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { countryName } from '../../shared/schema/values.js';
import { ExportError, type ExportParam } from './formats.js';
import { measuredPlan } from './baseline.js';
import { targetLabel, threadsOf } from '../../shared/domain/comments.js';
import { consultationPart } from './consult-part.js';
import { sectorPart, type PoaSectorRow } from './sector-part.js';
import { nodeCodes } from '../../shared/domain/tree.js';
import { CHECKLIST_CATEGORIES, planRepresentation } from '../../shared/domain/representation.js';
import { DEFAULT_LOCALE, intlTag, type Locale } from '../../shared/i18n/locales.js';
import { formatDate, formatMoney as formatMoneyIn, formatNumber, formatPercent } from '../../shared/i18n/format.js';
import { translator } from '../i18n.js';

/**
 * The words and figures of one document's language (L8, L11): `t` for its fixed texts (namespace
 * `export`), money and percentages by `Intl` for the locale (English keeps "39,000 USD").
 */
export interface DocWords {
  locale: Locale;
  t: (key: string, params?: Record<string, unknown>) => string;
  money(m: Money): string;
  /** Money per currency: "39,000 USD + 2,500 EUR". */
  moneyList(list: readonly Money[]): string;
  /** A calendar date (`YYYY-MM-DD`) as the language writes it (L130): English keeps the ISO date, others go through `Intl` ("15 janv. 2027"). */
  day(iso: string): string;
  /** A plain figure (an indicator's value) as the language writes it (L130): English as typed, others through `Intl` ("1 500"). */
  figure(value: number): string;
}

/** The {@link DocWords} of `locale`. */
export function docWords(locale: Locale = DEFAULT_LOCALE): DocWords {
  const t = translator(locale);
  const money = (m: Money): string => (locale === DEFAULT_LOCALE ? formatMoney(m) : formatMoneyIn(locale, m.amount, m.currency));
  const day = (iso: string): string => (locale === DEFAULT_LOCALE ? iso : formatDate(locale, iso));
  const figure = (value: number): string => (locale === DEFAULT_LOCALE ? String(value) : formatNumber(locale, value));
  return { locale, t, money, moneyList: (list) => list.map(money).join(' + '), day, figure };
}

/**
 * A neutral document model of the National Plan of Action (domain.md §3, §5.3, §5.5), computed
 * from plain plan data. Every renderer (print view, Word) lays out this model and nothing else,
 * so the documents agree. All values are plain strings ready to print (user text is NOT
 * escaped here: each renderer escapes for its own format). Rows are named by their full code
 * (SPEC M7); money is kept per currency ("39,000 USD + 2,500 EUR").
 */

/** A titled piece of free text (background section, annex). */
export interface PoaSection {
  title: string;
  body: string;
}

/** The snapshot a document shows (null on the cover of the live plan). */
export interface PoaSnapshot {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  /** When it was taken, as the document's language writes a date and time (UTC, {@link momentText}). */
  taken: string;
  sha256: string;
  endorsed: boolean;
}

/** The cover page. */
export interface PoaCover {
  title: string;
  /** Country name and ISO code, e.g. "Senegal (SN)"; '' when unknown. */
  country: string;
  /** "Live plan (not an agreed version)" or "Endorsed version" etc. */
  status: string;
  snapshot: PoaSnapshot | null;
  horizon: string;
  frameworks: string;
  stage: string;
  /** When the document was made, as its language writes a date and time (UTC, {@link momentText}). */
  generatedAt: string;
}

/** A labelled value of a goal (overall objective, timeframe...). */
export interface PoaField {
  label: string;
  value: string;
}

/** One goal of Section 2 ("for each M&D goal, state..."). */
export interface PoaGoal {
  id: string;
  code: string;
  title: string;
  fields: PoaField[];
  /** Supporting requirements: kind label and description. */
  requirements: PoaField[];
}

/** The ranking table: per-criterion scores, totals and committee (group) totals. */
export interface PoaRanking {
  criteria: string[];
  rows: PoaRankingRow[];
  /** Individual named scores, only when the plan's `exportNamedScores` is on; else null. */
  named: PoaNamedScores | null;
  warnings: string[];
}

/** One goal in the ranking table. */
export interface PoaRankingRow {
  rank: string;
  code: string;
  title: string;
  status: string;
  /** One per criterion: the score that counts, with "(agreed)" when the committee agreed it. */
  scores: string[];
  total: string;
  imc: string;
  ncc: string;
}

/** Individual named scores: one row per participant and goal. */
export interface PoaNamedScores {
  criteria: string[];
  rows: { participant: string; group: string; goal: string; scores: string[] }[];
}

/**
 * A cell spanning rows of the matrix table (goal, outcome or output). A level with nothing in
 * it (a goal without outcomes, an outcome without outputs) gets an empty cell: `id` ''.
 */
export interface PoaSpanCell {
  id: string;
  code: string;
  title: string;
  /** Rows this cell covers (>= 1). */
  rowSpan: number;
  /** Roll-up text, e.g. "Planned 39,000 USD". */
  rollup: string;
  responsible: string;
  /** Indicators of this node, one line each. */
  indicators: string[];
}

/** One activity's cells in the Implementation Plan Matrix. */
export interface PoaActivityCells {
  id: string;
  code: string;
  short: string;
  title: string;
  budget: string;
  funding: string;
  verification: string;
  risks: string;
  responsible: string;
  timeframe: string;
  dependencies: string;
}

/**
 * One table row. `goal`, `outcome` and `output` are set on the first row they cover (with
 * `rowSpan`) and null on the rows they merge into; `activity` is null for a row without one.
 */
export interface PoaMatrixRow {
  goal: PoaSpanCell | null;
  outcome: PoaSpanCell | null;
  output: PoaSpanCell | null;
  activity: PoaActivityCells | null;
}

/** The Implementation Plan Matrix (domain.md §5.3) with its plan-wide roll-up. */
export interface PoaMatrix {
  columns: readonly string[];
  rows: PoaMatrixRow[];
  total: string;
}

/** One activity row of the monitoring matrix of a review period. */
export interface PoaMonitoringCells {
  id: string;
  /** Full code (2.1.1.3), for references outside the table. */
  code: string;
  /** Short code within its output (1.3), as the table shows it: the same form as the implementation matrix. */
  short: string;
  /** The activity's own indicators (SPEC IN1) with the period's reading, target and progress, one line each. */
  indicators: string[];
  title: string;
  planned: string;
  expenditure: string;
  result: string;
  progress: string;
}

/** A row of the Monitoring Implementation Matrix (same spans as the implementation matrix). */
export interface PoaMonitoringRow {
  goal: PoaSpanCell | null;
  outcome: PoaSpanCell | null;
  output: PoaSpanCell | null;
  activity: PoaMonitoringCells | null;
}

/** The Monitoring Implementation Matrix of one review period (domain.md §5.5), or why there is none. */
export interface PoaMonitoring {
  /** "Yearly review 2025 (2025-01-01 to 2025-12-31)"; '' when the plan has no review period. */
  period: string;
  periodId: string | null;
  columns: readonly string[];
  rows: PoaMonitoringRow[];
  total: string;
}

/** Who took part (RP5): the whole plan's representation figures and the gaps named. */
export interface PoaRepresentation {
  /** "12 organisations and people" or "nobody in the stakeholder register yet". */
  summary: string;
  /** Figure sets: "Participation checklist", "Stakeholder group", "Gender", "Voice", "Committee". */
  tables: { heading: string; rows: PoaField[] }[];
  gaps: string[];
}

/** A small table of the funding part: a caption, column headers and rows of printable text. */
export interface PoaTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/**
 * The funding part (after the matrix): the whole plan's money by status with its gap, funding by
 * source and by funder (per currency, and in the plan currency with the rates used), planned money
 * per fiscal year, and the notes saying which rates were used and which currencies have none.
 */
export interface PoaFunding {
  /** The plan currency, or null when none is set (nothing is converted then). */
  currency: string | null;
  /** One line per rate used: "1 EUR = 19.5 MDL (value date 2026-01-01)". */
  rates: string[];
  /** Why some figures are not converted (a currency without a rate, or no plan currency); [] when all are. */
  notes: string[];
  /** Whole plan, By source, By funder, Planned money per fiscal year: in that order, each possibly without rows. */
  tables: PoaTable[];
}

/** The whole Plan of Action as a document. */
export interface PoaDocument {
  cover: PoaCover;
  background: PoaSection[];
  goals: PoaGoal[];
  ranking: PoaRanking;
  matrix: PoaMatrix;
  funding: PoaFunding;
  monitoring: PoaMonitoring;
  representation: PoaRepresentation;
  annexes: PoaSection[];
  /** The discussion annex, one section per thread (only when asked, SPEC CM10); null when not asked. */
  comments: PoaSection[] | null;
  /** Consultation rounds with their recommendations (SPEC CO9); empty when the plan has none. */
  consultations: PoaSection[];
  /** Sector coverage, one row per Annex C sector in order (SPEC SK5). */
  sectors: PoaSectorRow[];
}

/** The export parameter that adds the discussion annex (SPEC CM10). */
export const COMMENTS_PARAM: ExportParam = { description: '1 adds an annex with every comment thread under the item it discusses (author, date, resolution, replies); default 0', values: ['0', '1'] };

/** The parameters of the Plan of Action documents (print view and Word), as `buildPoaDocument` takes them. */
export function poaOptions(params: Readonly<Record<string, string>>, baselines?: ReadonlyMap<string, PlanData>): { periodId?: string; comments: boolean; baselines?: ReadonlyMap<string, PlanData> } {
  return { ...(params['period'] !== undefined ? { periodId: params['period'] } : {}), comments: params['comments'] === '1', ...(baselines ? { baselines } : {}) };
}

/** "2026-03-01 10:00 UTC" */
const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '');

/** Date-and-time formats of the documents (UTC), per language. */
const MOMENTS = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A moment of a document (when it was made, a version taken, a comment written), in UTC (L71):
 * English as before (`2026-12-02 11:13 UTC`), other languages as they write a date and a time
 * (`2 déc. 2026, 11:13 UTC`, Arabic with Latin digits). Not a time: '' for none, else as given.
 */
export function momentText(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === DEFAULT_LOCALE) return utc(d.toISOString());
  let f = MOMENTS.get(locale);
  if (!f) MOMENTS.set(locale, (f = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })));
  return `${f.format(d)} UTC`;
}

/**
 * CM10: one section per thread, in the order the threads were started: the title names the item
 * discussed (M7 labels) and whether the thread is open or resolved; the body is each comment
 * (author, role, date) as a paragraph, replies after it. Deleted comments are left out.
 */
export function commentAnnex(plan: PlanData, w: DocWords = docWords()): PoaSection[] {
  const codes = nodeCodes(plan);
  const { t } = w;
  return threadsOf(plan).map(({ first, replies }) => {
    const status = first.resolved ? t('export:comment.resolved', { who: first.resolvedBy || t('export:comment.someone'), when: momentText(first.resolvedAt, w.locale) }) : t('export:comment.open');
    const said = (c: typeof first, reply: boolean) => {
      const text = t(c.editedAt ? 'export:comment.saidEdited' : 'export:comment.said', { who: c.authorName || t('export:comment.someoneName'), role: c.authorRole, when: momentText(c.createdAt, w.locale), body: c.body });
      return reply ? t('export:comment.reply', { text }) : text;
    };
    const body = [first, ...replies].filter((c) => !c.deleted).map((c) => said(c, c !== first));
    return { title: t('export:comment.on', { target: targetLabel(plan, { kind: first.targetKind, id: first.targetId }, codes), status }), body: body.join('\n\n') };
  });
}

/** Columns of the Implementation Plan Matrix (goal, outcome and output cells are merged), as keys of `export:matrix.column`. */
export const MATRIX_COLUMNS = ['goal', 'outcome', 'output', 'activity', 'budget', 'funding', 'indicators', 'verification', 'risks', 'responsible', 'timeframe'] as const;

/** Columns of the Monitoring Implementation Matrix (the handbook's five, after goal and outcome), as keys of `export:matrix.column`. */
export const MONITORING_COLUMNS = ['goal', 'outcome', 'output', 'activity', 'budget', 'expenditure', 'result', 'progress'] as const;

/** Column headings in the document's language. */
const columnsIn = (keys: readonly string[], w: DocWords): string[] => keys.map((k) => w.t(`export:matrix.column.${k}`));

/** "2025-01-01 to 2025-12-31", "from 2025-01-01", "until ...", or '' (in the document's language, its dates as it writes them, L130). */
export function span(rawStart: string | null, rawEnd: string | null, w: DocWords = docWords()): string {
  const start = rawStart ? w.day(rawStart) : rawStart;
  const end = rawEnd ? w.day(rawEnd) : rawEnd;
  if (start && end) return w.t('export:span.both', { start, end });
  if (start) return w.t('export:span.from', { start });
  if (end) return w.t('export:span.until', { end });
  return '';
}

/** The country's name in the document's language and its code, or the code alone when the runtime has no name for it. */
function countryLine(code: string | null, w: DocWords): string {
  if (!code) return '';
  const name = countryName(code, w.locale);
  return name !== code ? `${name} (${code})` : code;
}

/** A score for print: 2, 1.5, or an en dash for none. */
function score(v: number | null): string {
  return v === null ? '–' : String(Math.round(v * 100) / 100);
}

/** "Planned 39,000 USD"; notes the activities without a budget. */
function rollupText(line: BudgetLine | undefined, w: DocWords): string {
  if (!line || line.activities === 0) return '';
  const { t } = w;
  const planned = line.planned.length ? t('export:matrix.planned', { money: w.moneyList(line.planned) }) : t('export:matrix.notCosted');
  const unknown = line.unknownPlanned > 0 && line.planned.length ? t('export:matrix.uncosted', { n: line.unknownPlanned, total: line.activities }) : '';
  const gap = line.gap.some((m) => m.amount !== 0) ? t('export:matrix.gap', { money: w.moneyList(line.gap) }) : '';
  return planned + unknown + gap;
}

function indicatorLine(i: Indicator, w: DocWords): string {
  const measure = (m: { value: number; date: string | null } | null): string => (m ? `${w.figure(m.value)}${i.unit ? ` ${i.unit}` : ''}${m.date ? ` (${w.day(m.date)})` : ''}` : '');
  const parts = [i.name || w.t('export:matrix.unnamedIndicator')];
  if (i.baseline) parts.push(w.t('export:matrix.baseline', { value: measure(i.baseline) }));
  if (i.target) parts.push(w.t('export:matrix.target', { value: measure(i.target) }));
  if (i.verification) parts.push(w.t('export:matrix.verifiedBy', { means: i.verification }));
  return parts.join('; ');
}

function fundingText(a: Activity, w: DocWords): string {
  const f = a.funding;
  if (!f) return '';
  const { t } = w;
  const how = [t(f.kind === 'domestic' ? 'export:matrix.domestic' : 'export:matrix.external'), f.modality ? t(`export:matrix.modality.${f.modality}`) : ''].filter(Boolean).join(', ');
  return [f.funder, `${how}, ${t(`export:matrix.fundingStatus.${f.status}`)}`].filter(Boolean).join(' — ');
}

function money(m: Money | null, w: DocWords): string {
  return m ? w.money(m) : '';
}

function sectionsOf(plan: PlanData, part: Section['part']): PoaSection[] {
  return plan.sections
    .filter((s) => s.part === part && !s.archived)
    .sort(compareOrder)
    .map((s) => ({ title: s.title, body: s.body }));
}

function cover(plan: PlanData, snapshot: SnapshotMeta | null, generatedAt: string, w: DocWords): PoaCover {
  const { t } = w;
  const snap = snapshot
    ? { id: snapshot.id, name: snapshot.name, status: snapshot.status, createdAt: snapshot.createdAt, taken: momentText(snapshot.createdAt, w.locale), sha256: snapshot.sha256, endorsed: snapshot.status === 'endorsed' }
    : null;
  return {
    title: plan.title,
    country: countryLine(plan.country, w),
    status: snap ? t('export:cover.snapshot', { status: t(`export:snapshotStatus.${snap.status}`), name: snap.name }) : t('export:cover.live'),
    snapshot: snap,
    horizon: span(plan.horizonStart, plan.horizonEnd, w),
    frameworks: plan.frameworks.map((f) => t(`export:framework.${f}`)).join(', '),
    stage: t(`export:stage.${plan.stage}`),
    generatedAt: momentText(generatedAt, w.locale),
  };
}

function goalSection(g: Goal, code: string, w: DocWords): PoaGoal {
  const { t } = w;
  const smart = (Object.entries(g.smart) as [string, boolean][]).filter(([, v]) => v).map(([k]) => t(`export:goal.smart.${k}`));
  const status = t(`export:goal.status.${g.status}`);
  const field = (key: string, value: string): PoaField => ({ label: t(`export:goal.field.${key}`), value });
  const fields: PoaField[] = [
    field('status', g.priority !== null ? t('export:goal.priority', { status, n: g.priority }) : status),
    field('nationalGoals', g.nationalGoals.join('\n')),
    field('mdGoal', g.mdGoal),
    field('objective', g.objective),
    field('programmes', g.programmes),
    field('timeframe', span(g.start, g.end, w)),
    field('responsible', g.responsibleParties.join(', ')),
    field('resourceTarget', money(g.resourceTarget, w)),
    field('smart', smart.join(', ')),
  ];
  const requirements = [...g.requirements].sort(compareOrder).map((r) => ({ label: t(`export:goal.requirement.${r.kind}`), value: r.description }));
  return { id: g.id, code, title: g.title, fields, requirements };
}

function ranking(plan: PlanData, codes: ReadonlyMap<string, string>, w: DocWords): PoaRanking {
  const { t } = w;
  const r = rankGoals(plan);
  const criteria = plan.criteria.filter((c) => !c.archived).sort(compareOrder);
  const rows = r.goals.map((g) => ({
    rank: g.rank === null ? '–' : g.tied ? t('export:ranking.tie', { rank: g.rank }) : String(g.rank),
    code: codes.get(g.goalId) ?? '',
    title: g.title,
    status: t(`export:goal.status.${g.status}`),
    scores: g.criteria.map((c) => (c.source === 'agreed' ? t('export:ranking.agreed', { score: score(c.score) }) : score(c.score))),
    total: g.total === null ? t('export:ranking.incomplete', { score: score(g.partialTotal), max: g.maxTotal }) : t('export:ranking.of', { score: score(g.total), max: g.maxTotal }),
    imc: score(g.groups.imc),
    ncc: score(g.groups.ncc),
  }));
  let named: PoaNamedScores | null = null;
  if (scorerNamesShown(plan, false)) {
    const goals = plan.goals.filter((g) => !g.archived).sort(compareOrder);
    const people = plan.participants.filter((p) => !p.archived);
    const cell = new Map(plan.scores.map((s) => [`${s.participantId}\u0000${s.goalId}\u0000${s.criterionId}`, s.value]));
    const list: PoaNamedScores['rows'] = [];
    for (const p of people) {
      for (const g of goals) {
        const values = criteria.map((c) => cell.get(`${p.id}\u0000${g.id}\u0000${c.id}`));
        if (values.every((v) => v === undefined)) continue;
        list.push({
          participant: p.name || t('export:ranking.unnamed'),
          group: [p.group ? t(`people:label.${p.group}`) : '', p.committee === 'none' ? '' : t(`export:ranking.${p.committee}`)].filter(Boolean).join(', '),
          goal: `${codes.get(g.id) ?? ''} ${g.title}`.trim(),
          scores: values.map((v) => (v === undefined ? '–' : String(v))),
        });
      }
    }
    named = { criteria: criteria.map((c) => c.title), rows: list };
  }
  return { criteria: criteria.map((c) => c.title), rows, named, warnings: r.warnings.map((x) => t('common:labelled', { label: x.rule, value: warningText(x, w) })) };
}

/** A ranking warning in the document's language (L102, L130, as the scoring view words it, L30); one without params keeps its English. */
function warningText(x: RankingWarning, w: DocWords): string {
  if (!x.params) return x.message;
  const { count, total, handful } = x.params;
  const n = (v: number | undefined) => (v === undefined ? '' : formatNumber(w.locale, v));
  return w.t(`scoring:warnings.${x.rule}`, { count, total: n(total), handful: n(handful), defaultValue: x.message });
}

/** The per-node context the matrices share: codes, roll-ups, indicators by node. */
interface MatrixContext {
  lines: Map<string, BudgetLine>;
  /** The whole plan's line. */
  total: BudgetLine;
  indicators: Map<string, Indicator[]>;
  nodes: Map<string, { responsible?: string }>;
  activities: Map<string, Activity>;
}

function spanCell(n: TreeNode, rowSpan: number, ctx: MatrixContext, w: DocWords): PoaSpanCell {
  return {
    id: n.id,
    code: n.code,
    title: n.title,
    rowSpan,
    rollup: rollupText(ctx.lines.get(n.id), w),
    responsible: ctx.nodes.get(n.id)?.responsible ?? '',
    indicators: (ctx.indicators.get(n.id) ?? []).map((i) => indicatorLine(i, w)),
  };
}

const NO_CELL: PoaSpanCell = { id: '', code: '', title: '', rowSpan: 1, rollup: '', responsible: '', indicators: [] };

/** Lays the forest out as table rows with merged goal, outcome and output cells. */
function layRows<T>(goals: readonly TreeNode[], ctx: MatrixContext, w: DocWords, cells: (a: TreeNode) => T): { goal: PoaSpanCell | null; outcome: PoaSpanCell | null; output: PoaSpanCell | null; activity: T | null }[] {
  const rows: { goal: PoaSpanCell | null; outcome: PoaSpanCell | null; output: PoaSpanCell | null; activity: T | null }[] = [];
  const height = (n: TreeNode): number => (n.kind === 'activity' ? 1 : Math.max(1, n.children.reduce((a, c) => a + height(c), 0)));
  for (const g of goals) {
    let goalCell: PoaSpanCell | null = spanCell(g, height(g), ctx, w);
    const outcomes = g.children.length ? g.children : [null];
    for (const oc of outcomes) {
      let outcomeCell: PoaSpanCell | null = oc ? spanCell(oc, height(oc), ctx, w) : NO_CELL;
      const outputs = oc && oc.children.length ? oc.children : [null];
      for (const op of outputs) {
        let outputCell: PoaSpanCell | null = op ? spanCell(op, height(op), ctx, w) : NO_CELL;
        const acts = op && op.children.length ? op.children : [null];
        for (const a of acts) {
          rows.push({ goal: goalCell, outcome: outcomeCell, output: outputCell, activity: a ? cells(a) : null });
          goalCell = outcomeCell = outputCell = null;
        }
      }
    }
  }
  return rows;
}

function matrixContext(plan: PlanData, reviewId?: string): MatrixContext {
  const budget = rollupBudget(plan, reviewId === undefined ? {} : { reviewId });
  const lines = new Map<string, BudgetLine>();
  for (const list of [budget.goals, budget.outcomes, budget.outputs, budget.activities]) for (const l of list) lines.set(l.id, l);
  const indicators = new Map<string, Indicator[]>();
  for (const i of [...plan.indicators].filter((x) => !x.archived).sort(compareOrder)) {
    indicators.set(i.nodeId, [...(indicators.get(i.nodeId) ?? []), i]);
  }
  const nodes = new Map<string, { responsible?: string }>();
  for (const n of [...plan.goals, ...plan.outcomes, ...plan.outputs, ...plan.activities]) nodes.set(n.id, 'responsible' in n ? { responsible: n.responsible } : {});
  const activities = new Map(plan.activities.map((a) => [a.id, a]));
  return { lines, total: budget.plan, indicators, nodes, activities };
}

function matrix(plan: PlanData, goals: readonly TreeNode[], w: DocWords): PoaMatrix {
  const ctx = matrixContext(plan);
  const codeOf = new Map<string, string>();
  const walk = (n: TreeNode): void => {
    codeOf.set(n.id, n.code);
    n.children.forEach(walk);
  };
  goals.forEach(walk);
  const rows = layRows(goals, ctx, w, (n): PoaActivityCells => {
    const a = ctx.activities.get(n.id)!;
    return {
      id: a.id,
      code: n.code,
      short: n.short,
      title: a.title,
      budget: money(a.budget, w),
      funding: fundingText(a, w),
      verification: a.verification,
      risks: a.risks,
      responsible: a.responsible,
      timeframe: span(a.start, a.end, w),
      dependencies: a.dependencies
        .map((d) => (codeOf.get(d.activityId) ? w.t(`export:matrix.dependency.${d.type}`, { code: codeOf.get(d.activityId) }) : ''))
        .filter(Boolean)
        .join('; '),
    };
  });
  return { columns: columnsIn(MATRIX_COLUMNS, w), rows, total: rollupText(ctx.total, w) };
}

/** The live review periods, latest first (by end, then start date; undated last). */
function reviewsLatestFirst(plan: PlanData): Review[] {
  const key = (r: Review): string => r.end ?? r.start ?? '';
  return plan.reviews.filter((r) => !r.archived).sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : a.id < b.id ? -1 : 1));
}

function monitoring(plan: PlanData, goals: readonly TreeNode[], periodId: string | undefined, baselines: ReadonlyMap<string, PlanData> | undefined, w: DocWords): PoaMonitoring {
  const { t } = w;
  const live = reviewsLatestFirst(plan);
  let review: Review | undefined;
  if (periodId !== undefined) {
    review = live.find((r) => r.id === periodId);
    if (!review) {
      const known = live.map((r) => `${r.id} (${r.label || r.kind})`).join(', ');
      throw new ExportError('unknown_period', `The plan has no review period "${periodId}"${known ? `; its periods are: ${known}` : '; it has no review periods yet'}.`, { period: periodId.slice(0, 100) });
    }
  } else review = live[0];
  if (!review) return { period: '', periodId: null, columns: columnsIn(MONITORING_COLUMNS, w), rows: [], total: '' };
  // RV4: a review bound to an agreed version measures against its budgets and targets.
  const measured = measuredPlan(plan, review, baselines);
  const ctx = matrixContext(measured, review.id);
  const reports = new Map(review.activities.map((e) => [e.activityId, e]));
  const readings = new Map(review.indicators.map((r) => [r.indicatorId, r]));
  // Indicator cells of the monitoring matrix show the period's reading beside baseline and target,
  // then the target of this period (IN3), progress to it (IN4) and the actuals by disaggregation (IN7).
  const progress = new Map(progressRollup(measured, review.id).indicators.map((p) => [p.indicatorId, p]));
  for (const [nodeId, list] of ctx.indicators) {
    ctx.indicators.set(
      nodeId,
      list.map((i) => {
        const r = readings.get(i.id);
        if (!r || (r.value === null && !r.note)) return i;
        const p = progress.get(i.id);
        const extra = [
          p?.target && p.target.from === 'period' ? t('export:monitoring.periodTarget', { value: `${w.figure(p.target.value)}${i.unit ? ` ${i.unit}` : ''}`, by: p.target.by ? w.day(p.target.by) : p.target.by }) : '',
          p?.percent !== null && p?.percent !== undefined ? t('export:monitoring.ofTarget', { percent: w.locale === DEFAULT_LOCALE ? `${Math.round(p.percent)}%` : formatPercent(w.locale, Math.round(p.percent) / 100) }) : '',
          r.parts.length ? t('export:monitoring.byParts', { parts: formatParts(r.parts) }) : '',
        ].filter(Boolean);
        // A label and its value (L51): "Indicator\u202f: 12" in French.
        return { ...i, name: t('common:labelled', { label: i.name, value: `${r.value ?? '–'}${i.unit ? ` ${i.unit}` : ''}${r.note ? ` (${r.note})` : ''}${extra.length ? `, ${extra.join(', ')}` : ''}` }) };
      }),
    );
  }
  const rows = layRows(goals, ctx, w, (n): PoaMonitoringCells => {
    const a = ctx.activities.get(n.id)!;
    const e = reports.get(a.id);
    const progress = [e?.progress ?? '', e?.risksMaterialised ? t('export:monitoring.risksMaterialised', { text: e.risksMaterialised }) : ''].filter(Boolean).join('\n');
    return { id: a.id, code: n.code, short: n.short, indicators: (ctx.indicators.get(a.id) ?? []).map((i) => indicatorLine(i, w)), title: a.title, planned: money(a.budget, w), expenditure: money(e?.expenditure ?? null, w), result: e?.result ?? '', progress };
  });
  const line = ctx.total;
  const label = `${t(`export:reviewKind.${review.kind}`)}${review.label ? ` ${review.label}` : ''}`;
  const dates = span(review.start, review.end, w);
  const against = measured !== plan ? t('export:monitoring.against', { id: review.baselineSnapshotId }) : '';
  return {
    period: (dates ? `${label} (${dates})` : label) + against,
    periodId: review.id,
    columns: columnsIn(MONITORING_COLUMNS, w),
    rows,
    total: t('export:monitoring.spent', { rollup: rollupText(line, w), money: line.actual.length ? w.moneyList(line.actual) : t('export:monitoring.nothingReported') }),
  };
}

/** A converted figure for print: "12,345 MDL", "– (no rate)" when a currency in it has no rate. */
function convertedText(value: number | null, currency: string, w: DocWords): string {
  return value === null ? w.t('export:funding.noRate') : w.money({ amount: value, currency });
}

/** Money per currency for print, or an en dash for none. */
function listText(list: readonly Money[], w: DocWords): string {
  return list.length ? w.moneyList(list) : '–';
}

/**
 * The funding part (issue 11): the plan's figures (rollupBudget: B5, FN3, FN4, CU2-CU5) as
 * printable tables. Each money cell shows the amounts per currency; the plan-currency columns
 * show the converted sum, or "– (no rate)" when a currency in it has no rate in force (named in
 * `notes`, never guessed).
 */
function funding(plan: PlanData, w: DocWords): PoaFunding {
  const { t } = w;
  const b = rollupBudget(plan);
  const cur = b.currency;
  const inCur = (label: string): string => t('export:funding.labelIn', { label, currency: cur });
  const conv = (value: number | null): string[] => (cur ? [convertedText(value, cur, w)] : []);
  const p = b.plan;
  const whole: PoaTable = {
    caption: t('export:funding.whole'),
    columns: [t('export:funding.figure'), t('export:funding.perCurrency'), ...(cur ? [t('export:funding.inCurrency', { currency: cur })] : [])],
    rows: (
      [
        ['planned', p.planned, p.converted?.planned ?? null],
        ['pledged', p.pledged, p.converted?.pledged ?? null],
        ['committed', p.committed, p.converted?.committed ?? null],
        ['disbursed', p.disbursed, p.converted?.disbursed ?? null],
        ['gap', p.gap, p.converted?.gap ?? null],
      ] as const
    ).map(([key, list, value]) => [t(`export:funding.${key}`), listText(list, w), ...conv(value)]),
  };
  const [pledged, committed, disbursed] = [t('export:funding.pledged'), t('export:funding.committed'), t('export:funding.disbursed')];
  const bySource = (caption: string, first: string, rows: typeof b.bySource.funders, sources: boolean): PoaTable => ({
    caption,
    columns: [first, pledged, committed, disbursed, ...(cur ? [inCur(pledged), inCur(committed), inCur(disbursed)] : [])],
    rows: rows.map((r) => {
      // A source row is named by its kind (national budget, new money), in the document's language.
      const label = sources ? t(`funding:sourceKind.${r.key}`) : r.label;
      return [
        r.unknownAmount ? t('export:funding.withoutAmount', { label, n: r.unknownAmount, total: r.lines }) : label,
        listText(r.pledged, w),
        listText(r.committed, w),
        listText(r.disbursed, w),
        ...(cur && r.converted ? [convertedText(r.converted.pledged, cur, w), convertedText(r.converted.committed, cur, w), convertedText(r.converted.disbursed, cur, w)] : []),
      ];
    }),
  });
  const fiscal: PoaTable = {
    caption: t('export:funding.fiscal', { month: t(`export:funding.month.${b.fiscal.startMonth >= 1 && b.fiscal.startMonth <= 12 ? b.fiscal.startMonth : 1}`) }),
    columns: [t('export:funding.fiscalYear'), t('export:funding.dates'), t('export:funding.planned'), ...(cur ? [t('export:funding.inCurrency', { currency: cur })] : [])],
    rows: b.fiscal.years.map((y) => [y.label, span(y.start, y.end, w), listText(y.planned, w), ...conv(y.converted)]),
  };
  if (b.fiscal.unscheduled.length) fiscal.rows.push([t('export:funding.notScheduled'), t('export:funding.withoutDates'), listText(b.fiscal.unscheduled, w), ...(cur ? [''] : [])]);
  const notes: string[] = [];
  if (!cur) notes.push(t('export:funding.noCurrency'));
  if (b.missingRates.length) notes.push(t('export:funding.missingRates', { currency: cur, list: b.missingRates.join(', '), count: b.missingRates.length }));
  return {
    currency: cur,
    // English keeps formatRate's wording; other languages word the value date and group the rate by Intl.
    rates: b.rates.map((r) => (w.locale === DEFAULT_LOCALE ? formatRate(r) : t('export:funding.rate', { from: r.currency, to: r.quote, date: w.day(r.date), rate: formatNumber(w.locale, Number(r.rate.toPrecision(6)), 6) }))),
    notes,
    tables: [whole, bySource(t('export:funding.bySource'), t('export:funding.source'), b.bySource.sources, true), bySource(t('export:funding.byFunder'), t('export:funding.funder'), b.bySource.funders, false), fiscal],
  };
}

/** RP5: the whole-plan representation figures as labelled counts, and the gaps (in the document's language). */
function representation(plan: PlanData, w: DocWords): PoaRepresentation {
  const { t } = w;
  const r = planRepresentation(plan);
  const rows = (counts: Record<string, number>): PoaField[] => Object.entries(counts).map(([k, n]) => ({ label: t(`people:label.${k}`), value: String(n) }));
  const checklist = CHECKLIST_CATEGORIES.map((c) => ({ label: t('export:rep.category', { label: t(`people:label.${c}`), who: t(`people:gapWho.${c}`) }), value: String(r.byCategory[c]) }));
  return {
    summary: r.total === 0 ? t('export:rep.nobody') : t('export:rep.total', { count: r.total }),
    tables: [
      { heading: t('export:rep.checklist'), rows: checklist },
      { heading: t('export:rep.group'), rows: rows(r.byGroup) },
      { heading: t('export:rep.gender'), rows: rows(r.byGender) },
      { heading: t('export:rep.voice'), rows: rows(r.byVoice) },
      { heading: t('export:rep.committee'), rows: rows(r.byBody) },
    ],
    // The whole plan's gaps are the checklist categories nobody speaks for (RP5).
    gaps: CHECKLIST_CATEGORIES.filter((c) => r.byCategory[c] === 0).map((c) => t('export:rep.gap', { who: t(`people:gapWho.${c}`) })),
  };
}

/**
 * The Plan of Action of `plan` as a document: cover (with the snapshot shown, its status and
 * checksum), background, goals with their fields, the ranking table (named individual scores
 * only when `exportNamedScores` is on), the Implementation Plan Matrix with merged
 * goal/outcome/output rows and roll-ups, the monitoring matrix of review period `periodId`
 * (measured against its agreed version from `baselines` when it is bound to one, RV4)
 * (default: the latest live one), who took part (RP5) and the annexes, with the discussion annex
 * when `comments` is set (CM10). Live rows only; throws
 * {@link ExportError} `unknown_period` for a period the plan does not have.
 */
export function buildPoaDocument(plan: PlanData, opts: { snapshot: SnapshotMeta | null; generatedAt: string; periodId?: string; comments?: boolean; baselines?: ReadonlyMap<string, PlanData>; locale?: Locale }): PoaDocument {
  const w = docWords(opts.locale);
  const forest = buildForest(plan).goals;
  const codes = new Map(forest.map((g) => [g.id, g.code]));
  const goalById = new Map(plan.goals.map((g) => [g.id, g]));
  return {
    cover: cover(plan, opts.snapshot, opts.generatedAt, w),
    background: sectionsOf(plan, 'background'),
    goals: forest.map((n) => goalSection(goalById.get(n.id)!, n.code, w)),
    ranking: ranking(plan, codes, w),
    matrix: matrix(plan, forest, w),
    funding: funding(plan, w),
    monitoring: monitoring(plan, forest, opts.periodId, opts.baselines, w),
    representation: representation(plan, w),
    annexes: sectionsOf(plan, 'annex'),
    comments: opts.comments ? commentAnnex(plan, w) : null,
    consultations: consultationPart(plan, w.t, w.day),
    sectors: sectorPart(plan),
  };
}
