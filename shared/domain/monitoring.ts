import type { Indicator, IndicatorReading, Money, NodeKind, PeriodTarget, PlanData, ReadingPart, Review } from '../schema/types.js';
import { MoneyTotals } from './money.js';
import { diffPlans, type Change } from './diff.js';
import { indexNodes, liveNodeIds, nodeCodes, type RowCode } from './tree.js';
import { englishIssueText, englishMessageText, type IssueMessage, type IssueParams } from './issue-text.js';

/**
 * Monitoring rules (RV1-RV6 and IN1-IN7 in shared/SPEC.md): how review periods add up without
 * counting money twice, which target an indicator is measured against in a review, progress to
 * target per indicator and per matrix row, the check of disaggregated actuals, and what a review
 * bound to an agreed version shows. Pure: plain plans in, plain data out.
 */

/** The time a review's figures cover (RV1): `from` null means "from the very beginning" (cumulative). */
export interface Coverage {
  from: string | null;
  to: string;
}

/**
 * What a review's money covers (RV1): a `period` review covers its own dates, a `cumulative` one
 * everything up to its end. Null when the dates needed are missing (then the review is counted
 * on its own, RV2).
 */
export function reviewCoverage(r: Review): Coverage | null {
  if (!r.end) return null;
  if (r.reporting === 'cumulative') return { from: null, to: r.end };
  return r.start ? { from: r.start, to: r.end } : null;
}

const before = (a: string | null, b: string | null): boolean => a === null ? b !== null : b !== null && a < b;
const startsBy = (a: string | null, b: string | null): boolean => a === null || (b !== null && a <= b);

/** True when `inner` lies within `outer`. */
function within(inner: Coverage, outer: Coverage): boolean {
  return startsBy(outer.from, inner.from) && inner.to <= outer.to;
}

/** True when two coverages share at least one day. */
function overlaps(a: Coverage, b: Coverage): boolean {
  return startsBy(a.from, b.to) && startsBy(b.from, a.to);
}

/** One review report of an activity's expenditure and whether it counts in the totals (RV2). */
export interface CountedReport {
  reviewId: string;
  activityId: string;
  expenditure: Money;
  /** counted: in the totals; inside: already counted by a wider review; partial: overlaps a counted review only in part (RV3). */
  status: 'counted' | 'inside' | 'partial';
  /** The counted review that makes this one `inside` or `partial`. */
  by?: string;
}

/**
 * Which expenditure reports count in the totals (RV2), per activity: the reports of live reviews
 * are taken latest coverage end first (the wider coverage first on a tie); a report is counted
 * when its coverage shares no day with a counted one, left out as `inside` when a counted report
 * covers all of it, and left out as `partial` (RV3 warning) when it overlaps one in part. Reviews
 * without the dates their reporting needs are counted on their own. `reviewId` limits to one review.
 */
export function countedReports(plan: PlanData, reviewId?: string): CountedReport[] {
  const out: CountedReport[] = [];
  const byActivity = new Map<string, { review: Review; cov: Coverage | null; expenditure: Money }[]>();
  for (const r of plan.reviews) {
    if (r.archived || (reviewId !== undefined && r.id !== reviewId)) continue;
    const cov = reviewCoverage(r);
    for (const e of r.activities) {
      if (!e.expenditure) continue;
      const list = byActivity.get(e.activityId) ?? [];
      list.push({ review: r, cov, expenditure: e.expenditure });
      byActivity.set(e.activityId, list);
    }
  }
  for (const [activityId, list] of byActivity) {
    list.sort((a, b) => {
      if (!a.cov || !b.cov) return a.cov ? -1 : b.cov ? 1 : a.review.id < b.review.id ? -1 : 1;
      if (a.cov.to !== b.cov.to) return a.cov.to > b.cov.to ? -1 : 1;
      if (a.cov.from !== b.cov.from) return before(a.cov.from, b.cov.from) ? -1 : 1;
      return a.review.id < b.review.id ? -1 : 1;
    });
    const taken: { id: string; cov: Coverage }[] = [];
    for (const x of list) {
      const base = { reviewId: x.review.id, activityId, expenditure: x.expenditure };
      if (!x.cov) {
        out.push({ ...base, status: 'counted' });
        continue;
      }
      const outer = taken.find((t) => within(x.cov!, t.cov));
      const partly = outer ? undefined : taken.find((t) => overlaps(x.cov!, t.cov));
      if (outer) out.push({ ...base, status: 'inside', by: outer.id });
      else if (partly) out.push({ ...base, status: 'partial', by: partly.id });
      else {
        taken.push({ id: x.review.id, cov: x.cov });
        out.push({ ...base, status: 'counted' });
      }
    }
  }
  return out;
}

/** True when some two live reviews (of `reviewId` only, when given) have coverages that share a day (RV1). */
function anyOverlap(plan: PlanData, reviewId?: string): boolean {
  const covs: Coverage[] = [];
  for (const r of plan.reviews) {
    if (r.archived || (reviewId !== undefined && r.id !== reviewId)) continue;
    const c = reviewCoverage(r);
    if (c) covs.push(c);
  }
  for (let i = 0; i < covs.length; i++) for (let j = i + 1; j < covs.length; j++) if (overlaps(covs[i]!, covs[j]!)) return true;
  return false;
}

/**
 * Actual expenditure per activity, counted once over overlapping reviews (RV2); or one review's
 * own figures. When no two reviews overlap every report counts, and the reports are summed
 * directly (the common case, without the per-activity ordering of {@link countedReports}).
 */
export function spentByActivity(plan: PlanData, reviewId?: string): Map<string, MoneyTotals> {
  const spent = new Map<string, MoneyTotals>();
  if (!anyOverlap(plan, reviewId)) {
    for (const r of plan.reviews) {
      if (r.archived || (reviewId !== undefined && r.id !== reviewId)) continue;
      for (const e of r.activities) {
        if (!e.expenditure) continue;
        const t = spent.get(e.activityId) ?? new MoneyTotals();
        t.add(e.expenditure);
        spent.set(e.activityId, t);
      }
    }
    return spent;
  }
  for (const c of countedReports(plan, reviewId)) {
    if (c.status !== 'counted') continue;
    const t = spent.get(c.activityId) ?? new MoneyTotals();
    t.add(c.expenditure);
    spent.set(c.activityId, t);
  }
  return spent;
}

/** The value an indicator is measured against in a review, and where it comes from (IN3). */
export interface AppliedTarget {
  value: number;
  /** `period`: one of the indicator's period targets; `overall`: its target. */
  from: 'period' | 'overall';
  /** The end of the period target, or the overall target's date. */
  by: string | null;
}

/**
 * The target an indicator is measured against at a review (IN3): the period target whose period
 * holds the review's end (the earliest-ending if several), else the latest one that ended before
 * it, else the indicator's overall target; null when there is none. No review (or no end): the overall target.
 */
export function targetAt(ind: Indicator, reviewEnd: string | null): AppliedTarget | null {
  const overall: AppliedTarget | null = ind.target ? { value: ind.target.value, from: 'overall', by: ind.target.date } : null;
  if (!reviewEnd || ind.periodTargets.length === 0) return overall;
  const sorted = [...ind.periodTargets].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const holding = sorted.find((t) => (t.start === null || t.start <= reviewEnd) && reviewEnd <= t.end);
  if (holding) return { value: holding.value, from: 'period', by: holding.end };
  const past = sorted.filter((t) => t.end < reviewEnd).pop();
  if (past) return { value: past.value, from: 'period', by: past.end };
  return overall;
}

/**
 * Progress to target in % (IN4): (actual - baseline) / (target - baseline) x 100, the baseline
 * taken as 0 when unknown. Null for a qualitative indicator, with no actual or no target, or
 * when target equals baseline. Not clamped: 120 means the target was passed.
 */
export function progressPercent(ind: Indicator, actual: number | null, target: number | null): number | null {
  if (ind.measurement === 'qualitative' || actual === null || target === null) return null;
  const base = ind.baseline?.value ?? 0;
  if (target === base) return null;
  return ((actual - base) / (target - base)) * 100;
}

/** Progress of one indicator in a review (IN4, IN5). */
export interface IndicatorProgress {
  indicatorId: string;
  nodeId: string;
  actual: number | null;
  target: AppliedTarget | null;
  percent: number | null;
}

/** Progress of one matrix row: the mean of its indicators' and its descendants' indicators' progress (IN6). */
export interface NodeProgress {
  id: string;
  kind: NodeKind;
  code: string;
  title: string;
  /** Mean of the clamped progress of the indicators counted, or null when none has a progress. */
  percent: number | null;
  /** Indicators with a progress at or below this row. */
  measured: number;
  /** Live indicators at or below this row. */
  indicators: number;
}

/** Result of {@link progressRollup}. */
export interface ProgressRollup {
  indicators: IndicatorProgress[];
  nodes: Map<string, NodeProgress>;
  /** The whole plan (IN6). */
  plan: { percent: number | null; measured: number; indicators: number };
}

/**
 * Progress to target per indicator and per row for one review (IN4-IN6). `agreed` is the plan
 * whose indicators (baselines and targets) count (the review's baseline snapshot, RV4); actuals
 * always come from `live`'s readings of `reviewId`. An indicator absent from `agreed` is measured
 * against its live definition. Row progress = mean over every indicator at or below the row of
 * its progress clamped to 0-100, so one overshoot cannot hide a lagging indicator.
 */
export function progressRollup(live: PlanData, reviewId: string | null, agreed: PlanData = live): ProgressRollup {
  const review = reviewId ? live.reviews.find((r) => r.id === reviewId) : undefined;
  const readings = new Map<string, IndicatorReading>((review?.indicators ?? []).map((r) => [r.indicatorId, r]));
  const agreedInd = new Map(agreed.indicators.map((i) => [i.id, i]));
  const index = indexNodes(live);
  const liveIds = liveNodeIds(live, index);
  const codes = nodeCodes(live);
  const indicators: IndicatorProgress[] = [];
  const sums = new Map<string, { sum: number; measured: number; indicators: number }>();
  const bump = (id: string, pct: number | null) => {
    const s = sums.get(id) ?? { sum: 0, measured: 0, indicators: 0 };
    s.indicators++;
    if (pct !== null) {
      s.sum += Math.max(0, Math.min(100, pct));
      s.measured++;
    }
    sums.set(id, s);
  };
  for (const ind of live.indicators) {
    if (ind.archived || !liveIds.has(ind.nodeId)) continue;
    const def = agreedInd.get(ind.id) ?? ind;
    const actual = readings.get(ind.id)?.value ?? null;
    const target = targetAt(def, review?.end ?? null);
    const percent = progressPercent(def, actual, target?.value ?? null);
    indicators.push({ indicatorId: ind.id, nodeId: ind.nodeId, actual, target, percent });
    for (let id: string | null = ind.nodeId; id; id = index.get(id)?.parentId ?? null) bump(id, percent);
    bump('', percent);
  }
  const nodes = new Map<string, NodeProgress>();
  for (const id of liveIds) {
    const e = index.get(id)!;
    const s = sums.get(id) ?? { sum: 0, measured: 0, indicators: 0 };
    nodes.set(id, { id, kind: e.kind, code: codes.get(id)?.code ?? '', title: e.node.title, percent: s.measured ? s.sum / s.measured : null, measured: s.measured, indicators: s.indicators });
  }
  const p = sums.get('') ?? { sum: 0, measured: 0, indicators: 0 };
  return { indicators, nodes, plan: { percent: p.measured ? p.sum / p.measured : null, measured: p.measured, indicators: p.indicators } };
}

/** Tolerance of the parts-add-up check (IN7), relative to the total. */
const PARTS_EPSILON = 1e-9;

/** A problem with a disaggregated reading (IN7). */
export interface PartsProblem {
  dimension: string;
  /** The problem as a catalogue message (`monitoring:parts.<kind>`, L10): screens word it in the reader's language. */
  problem: IssueMessage;
  /** The same in English (API users, logs). */
  message: string;
}

/** One IN7 problem of `dimension`: `monitoring:parts.<kind>` with its parameters, and its English. */
function partsProblem(dimension: string, kind: string, params: IssueParams = {}): PartsProblem {
  const problem = { key: `monitoring:parts.${kind}`, params: { dimension, ...params } };
  return { dimension, problem, message: englishMessageText(problem) };
}

/**
 * The check of actuals per disaggregation (IN7): every dimension named in a reading's parts must
 * be one of the indicator's disaggregations, name each category once, and its parts must add up
 * to the reading's value; parts without a total are a problem too.
 */
export function checkReadingParts(ind: Indicator, reading: IndicatorReading): PartsProblem[] {
  const out: PartsProblem[] = [];
  const dims = new Map<string, { sum: number; seen: Set<string> }>();
  for (const p of reading.parts) {
    const d = dims.get(p.dimension) ?? { sum: 0, seen: new Set<string>() };
    if (d.seen.has(p.category)) out.push(partsProblem(p.dimension, 'twice', { category: p.category }));
    d.seen.add(p.category);
    d.sum += p.value;
    dims.set(p.dimension, d);
  }
  for (const [dimension, d] of dims) {
    if (!ind.disaggregation.includes(dimension)) {
      out.push(ind.disaggregation.length ? partsProblem(dimension, 'unknown', { allowed: [...ind.disaggregation] }) : partsProblem(dimension, 'unknownNone'));
    }
    if (reading.value === null) out.push(partsProblem(dimension, 'noTotal'));
    else if (Math.abs(d.sum - reading.value) > PARTS_EPSILON * Math.max(1, Math.abs(reading.value))) {
      out.push(partsProblem(dimension, 'sum', { sum: d.sum, total: reading.value }));
    }
  }
  return out;
}

/** An issue found by the monitoring rules, in the shape the validation collects (L10: `params` for `monitoring:issues.<rule>`). */
export interface MonitoringIssue {
  rule: 'RV3' | 'IN7';
  severity: 'warning';
  entity: { kind: 'review'; id: string };
  params: IssueParams;
  /** The English sentence made from `params`. */
  message: string;
}

/** Monitoring issues for the issues panel: partly overlapping expenditure reports (RV3) and readings whose parts do not add up (IN7). */
export function monitoringIssues(plan: PlanData): MonitoringIssue[] {
  const out: MonitoringIssue[] = [];
  const reviews = new Map(plan.reviews.map((r) => [r.id, r]));
  const name = (id: string) => reviews.get(id)?.label || id;
  const issue = (rule: MonitoringIssue['rule'], id: string, params: IssueParams) =>
    out.push({ rule, severity: 'warning', entity: { kind: 'review', id }, params, message: englishIssueText(rule, params) });
  // Codes and titles are looked up only when a report is partial (most plans have none).
  let rows: { codes: Map<string, RowCode>; titles: Map<string, string> } | undefined;
  // A report is partial only where two live reviews' coverages overlap (RV3): without such a pair, none is.
  for (const c of anyOverlap(plan) ? countedReports(plan) : []) {
    if (c.status !== 'partial') continue;
    rows ??= { codes: nodeCodes(plan), titles: new Map(plan.activities.map((a) => [a.id, a.title])) };
    const row = { kind: 'activity' as const, code: rows.codes.get(c.activityId)?.code, title: rows.titles.get(c.activityId) ?? '', id: c.activityId };
    issue('RV3', c.reviewId, { review: name(c.reviewId), row, other: name(c.by!) });
  }
  const inds = new Map(plan.indicators.map((i) => [i.id, i]));
  for (const r of plan.reviews) {
    if (r.archived) continue;
    for (const reading of r.indicators) {
      const ind = inds.get(reading.indicatorId);
      if (!ind || ind.archived) continue;
      for (const p of checkReadingParts(ind, reading)) issue('IN7', r.id, { review: name(r.id), indicator: ind.name || ind.id, problem: p.problem });
    }
  }
  return out;
}

/** One row of a review bound to an agreed version (RV4, RV5): the agreed figure, the live one, and what changed since. */
export interface BaselineRow {
  id: string;
  /** `activity` rows compare budgets, `indicator` rows targets. */
  kind: 'activity' | 'indicator';
  agreedBudget?: Money | null;
  liveBudget?: Money | null;
  agreedTarget?: number | null;
  liveTarget?: number | null;
  /** Diff lines about this row since the agreed version (RV5). */
  changes: Change[];
}

/**
 * What a review bound to an agreed version shows (RV4, RV5): for every live activity and
 * indicator, the agreed budget or target (from `agreed`, the snapshot) beside the live one, and
 * the semantic diff lines since the snapshot that are about that row. Rows added since the
 * snapshot have no agreed figure (null).
 */
export function baselineRows(agreed: PlanData, live: PlanData): BaselineRow[] {
  const diff = diffPlans(agreed, live);
  const about = new Map<string, Change[]>();
  for (const c of diff.changes) {
    const list = about.get(c.entity.id) ?? [];
    list.push(c);
    about.set(c.entity.id, list);
  }
  const agreedActs = new Map(agreed.activities.map((a) => [a.id, a]));
  const agreedInds = new Map(agreed.indicators.map((i) => [i.id, i]));
  const rows: BaselineRow[] = [];
  for (const a of live.activities) {
    if (a.archived) continue;
    const was = agreedActs.get(a.id);
    rows.push({ id: a.id, kind: 'activity', agreedBudget: was ? was.budget : null, liveBudget: a.budget, changes: about.get(a.id) ?? [] });
  }
  for (const i of live.indicators) {
    if (i.archived) continue;
    const was = agreedInds.get(i.id);
    rows.push({ id: i.id, kind: 'indicator', agreedTarget: was?.target?.value ?? null, liveTarget: i.target?.value ?? null, changes: about.get(i.id) ?? [] });
  }
  return rows;
}

/** Per-period targets as one line of text (IN3), as sheets and CSV write them: "2027-01-01..2027-12-31: 30; 2028-12-31: 60". */
export function formatPeriodTargets(list: readonly PeriodTarget[]): string {
  return list.map((t) => `${t.start ? `${t.start}..` : ''}${t.end}: ${t.value}`).join('; ');
}

/** Reads {@link formatPeriodTargets}'s text back; a string naming the first bad part when it is not that shape. */
export function parsePeriodTargets(text: string): PeriodTarget[] | string {
  const out: PeriodTarget[] = [];
  for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(?:(\d{4}-\d{2}-\d{2})\s*\.\.\s*)?(\d{4}-\d{2}-\d{2})\s*:\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/i.exec(part);
    if (!m) return `"${part}" is not a period target such as "2027-01-01..2027-12-31: 30" or "2027-12-31: 30"`;
    out.push({ start: m[1] ?? null, end: m[2]!, value: Number(m[3]) });
  }
  return out;
}

/** Disaggregated actuals as one line of text (IN7): "sex: female=5, male=4; age: <25=3". */
export function formatParts(parts: readonly ReadingPart[]): string {
  const dims = new Map<string, string[]>();
  for (const p of parts) dims.set(p.dimension, [...(dims.get(p.dimension) ?? []), `${p.category}=${p.value}`]);
  return [...dims].map(([d, list]) => `${d}: ${list.join(', ')}`).join('; ');
}

/** Reads {@link formatParts}'s text back; a string naming the first bad part when it is not that shape. */
export function parseParts(text: string): ReadingPart[] | string {
  const out: ReadingPart[] = [];
  for (const group of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^:]+):(.*)$/.exec(group);
    if (!m) return `"${group}" is not a breakdown such as "sex: female=5, male=4"`;
    const dimension = m[1]!.trim();
    for (const pair of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const p = /^(.+?)\s*=\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/i.exec(pair);
      if (!p) return `"${pair}" is not a category=number pair`;
      out.push({ dimension, category: p[1]!.trim(), value: Number(p[2]) });
    }
  }
  return out;
}
