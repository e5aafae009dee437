import type { Activity, Money, PlanData } from '../schema/types.js';
import { MoneyTotals } from './money.js';
import { parentProblem, type NodeEntry, type RowCode } from './tree.js';
import { activityPositions, treeIndexOf } from './tree-memo.js';
import { LooseKeep, planStateOf } from './plan-state.js';
import { englishIssueText, type IssueParams, type IssueRef, type IssueRow } from './issue-text.js';
import type { NodeKind } from '../schema/types.js';
import { monitoringIssues } from './monitoring.js';
import { timelineIssues } from './timeline.js';

/**
 * Plan validation (rules S1-S3 and V1-V28 in shared/SPEC.md). Pure: plan data in, issues out.
 * Only live entities are checked (archived ones, and nodes under an archived parent, are
 * skipped), but references to archived entities are reported. A missing number or date is
 * "unknown": it produces an issue where it matters and is never read as 0.
 */

export type Severity = 'error' | 'warning' | 'info';

/** The thing an issue is about. Score ids are `goalId:criterionId[:participantId]`. */
export interface IssueEntity {
  kind: 'plan' | 'goal' | 'outcome' | 'output' | 'activity' | 'criterion' | 'participant' | 'score' | 'indicator' | 'review';
  id: string;
}

/**
 * One finding: the rule it breaks, how serious it is, what it is about, and why: `params` for the
 * reader's language (`issues:<rule>`, L5; monitoring and timeline rules in their namespaces, L10),
 * `message` the same sentence in English (API, logs).
 */
export interface Issue {
  rule: string;
  severity: Severity;
  entity: IssueEntity;
  message: string;
  params?: IssueParams;
}

/** Verbs that say a programme contributes to a larger aim (see the glossary of overall objectives). */
const CONTRIBUTION_VERBS = ['contribute', 'enhance', 'strengthen', 'support', 'reinforce'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const RANKS = new Map<string, [string, number]>();

/** A rule id's prefix and number (V12: ['V', 12]), parsed once per id. */
function ruleRank(rule: string): [string, number] {
  let rank = RANKS.get(rule);
  if (!rank) {
    const m = /^([A-Z]+)(\d+)$/.exec(rule);
    rank = m ? [m[1]!, Number(m[2])] : [rule, 0];
    if (RANKS.size < 1000) RANKS.set(rule, rank);
  }
  return rank;
}

/** Deterministic issue order: severity, rule (S before V, numerically), entity kind, id, message. */
export function compareIssues(a: Issue, b: Issue): number {
  const [pa, na] = ruleRank(a.rule);
  const [pb, nb] = ruleRank(b.rule);
  const key = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    key(pa, pb) ||
    na - nb ||
    key(a.entity.kind, b.entity.kind) ||
    key(a.entity.id, b.entity.id) ||
    key(a.message, b.message)
  );
}


/** Adds one issue: its English message is made from `params` (or given, for producers that word their own). */
type Add = (rule: string, severity: Severity, kind: IssueEntity['kind'], id: string, params: IssueParams | string) => void;

/** What the rules share, computed once per validation. */
interface Ctx {
  plan: PlanData;
  add: Add;
  index: Map<string, NodeEntry>;
  /** Live nodes: not archived, under no archived node. */
  live: Set<string>;
  /** Live children per node id. */
  childCount: Map<string, number>;
  /** The goal above each live node. */
  goalOf: Map<string, string>;
  goalsById: Map<string, PlanData['goals'][number]>;
  /** Live activities. */
  activities: readonly Activity[];
  /** Per position in {@link activities}: its full code and its goal's id (SPEC DJ7: read by position, not looked up by id). */
  activityCode: readonly (string | undefined)[];
  activityGoal: readonly (string | undefined)[];
  /** Every node of the index is live (so no structure issue, and every activity is live). */
  allLive: boolean;
  /** Where this plan's last activity memos and sorted results are kept (its state's slot, or the module's for a plan with none). */
  kept: KeptRuns;
  /** The tree's codes map: the same map means every row's id and kind sit where they sat (DI2). */
  codes: Map<string, RowCode>;
  /** The activity with this id, live or archived (from the shared index: no map of its own). */
  activityById: { get(id: string): Activity | undefined };
  /** How issues name a row: kind, full code and title (M7). */
  name: (kind: NodeKind, node: { id: string; title: string }) => IssueRow;
  /** A row's full code (undefined: not a live row). */
  codeOf: (id: string) => string | undefined;
  /** A new issue object (its English message made from `params`, or given). */
  make: (rule: string, severity: Severity, kind: IssueEntity['kind'], id: string, params: IssueParams | string) => Issue;
  /** Counts an issue kept from an earlier run (SPEC DJ2). */
  /** Uses a kept memo's issues again (the list itself is kept, not copied). */
  reuse: (issues: readonly Issue[]) => void;
  /** Counts an issue made in this run. */
  fresh: (issue: Issue) => void;
}

/** A new issue object: its English message made from `params` (or given, for producers that word their own). */
function makeIssue(rule: string, severity: Severity, kind: IssueEntity['kind'], id: string, p: IssueParams | string): Issue {
  if (typeof p === 'string') return { rule, severity, entity: { kind, id }, message: p };
  return { rule, severity, entity: { kind, id }, message: englishIssueText(rule, p), params: p };
}

/** Where a run's issues go: those made in it and those kept from an earlier run. */
interface Collected {
  /**
   * Every issue, in the order the rules gave them: one at a time, or a kept memo's whole list (an
   * unchanged activity's issues are one entry, not one per issue: SPEC DK4); see {@link flat}.
   */
  all: (Issue | readonly Issue[])[];
  fresh: Issue[];
  /** The kept memos' lists of issues used again, in order. */
  reused: (readonly Issue[])[];
  /** The issues made by rules other than an activity's own (never kept in a memo). */
  volatile: Issue[];
  /**
   * Set by a run that keeps rows by position (SPEC DJ7): whether every kept memo used was the one
   * at the same position in the last run, and the issues of the last run's memos that were not
   * used again.
   */
  placed: boolean;
  gone: Issue[];
}

function context(plan: PlanData, into: Collected): Ctx {
  const tree = treeIndexOf(plan);
  const { index, live, codes, goalOf, liveChildren } = tree;
  const rows = activityPositions(tree, plan.activities);
  const allLive = live.size === index.size;
  let activities: readonly Activity[] = plan.activities;
  let activityCode = rows.code;
  let activityGoal = rows.goal;
  if (rows.liveCount !== plan.activities.length) {
    const kept: Activity[] = [];
    const code: (string | undefined)[] = [];
    const goal: (string | undefined)[] = [];
    for (let i = 0; i < plan.activities.length; i++) {
      if (rows.live[i] !== 1) continue;
      kept.push(plan.activities[i]!);
      code.push(rows.code[i]);
      goal.push(rows.goal[i]);
    }
    activities = kept;
    activityCode = code;
    activityGoal = goal;
  }
  const state = planStateOf(plan);
  return {
    kept: state ? state.slot(RUNS, (): KeptRuns => ({ own: true, rows: { items: [], memos: [] }, results: [], last: null, entries: null })) : looseRuns.get(),
    plan,
    add: (rule, severity, kind, id, p) => {
      const issue = makeIssue(rule, severity, kind, id, p);
      into.all.push(issue);
      into.fresh.push(issue);
      into.volatile.push(issue);
    },
    make: makeIssue,
    reuse: (issues) => {
      if (issues.length === 0) return;
      into.all.push(issues);
      into.reused.push(issues);
    },
    fresh: (issue) => {
      into.all.push(issue);
      into.fresh.push(issue);
    },
    codeOf: (id) => codes.get(id)?.code,
    codes,
    index,
    live,
    childCount: liveChildren,
    goalOf,
    goalsById: new Map(plan.goals.map((g) => [g.id, g])),
    activities,
    activityCode,
    activityGoal,
    allLive,
    activityById: {
      get: (id) => {
        const e = index.get(id);
        return e?.kind === 'activity' ? (e.node as Activity) : undefined;
      },
    },
    name: (kind, node) => ({ kind, code: codes.get(node.id)?.code, title: node.title, id: node.id }),
  };
}

/** S1-S3: every node sits under an existing parent of the right kind; hidden nodes are noted. */
function structure({ index, live, add, name, allLive }: Ctx): void {
  if (allLive) return;
  for (const [id, e] of index) {
    if (e.node.archived || live.has(id)) continue;
    const problem = parentProblem(index, e);
    if (problem === 'missing-parent') add('S1', 'error', e.kind, id, { row: name(e.kind, e.node) });
    else if (problem === 'wrong-parent-kind') add('S2', 'error', e.kind, id, { row: name(e.kind, e.node), parentKind: index.get(e.parentId!)?.kind });
    else if (!live.has(id) && e.parentId !== null) add('S3', 'info', e.kind, id, { row: name(e.kind, e.node) });
  }
}

/** V1-V3: outcomes have outputs, outputs have activities, both have a responsible party. */
function completeness({ plan, live, childCount, add, name }: Ctx): void {
  const levels = [
    ['outcome', plan.outcomes, 'V1'],
    ['output', plan.outputs, 'V2'],
  ] as const;
  for (const [kind, nodes, rule] of levels) {
    for (const o of nodes) {
      if (!live.has(o.id)) continue;
      if (!childCount.get(o.id)) add(rule, 'warning', kind, o.id, { row: name(kind, o) });
      if (!o.responsible.trim()) add('V3', 'warning', kind, o.id, { row: name(kind, o) });
    }
  }
}

/** V7, V8: dependencies name live activities; a chronological one finishes first. */
function dependencyRules({ live, activityById, add, name: label }: Ctx, a: Activity, name: () => IssueRow): void {
  for (const d of a.dependencies) {
    const target = activityById.get(d.activityId);
    if (!target || d.activityId === a.id) add('V7', 'error', 'activity', a.id, { row: name(), missingId: d.activityId });
    else if (!live.has(target.id)) add('V7', 'warning', 'activity', a.id, { context: 'archived', row: name(), target: label('activity', target) });
    else if (d.type === 'chronological' && a.start && target.end && a.start < target.end) {
      add('V8', 'warning', 'activity', a.id, { row: name(), startDate: a.start, target: label('activity', target), targetEndDate: target.end });
    }
  }
}

/** V21: an activity stays within the plan horizon and its goal's timeframe. */
function timeframeRule({ plan, goalsById, add }: Ctx, a: Activity, goalId: string | undefined, name: () => IssueRow): void {
  if (!a.start && !a.end) return;
  const outside: string[] = [];
  if (plan.horizonStart && a.start && a.start < plan.horizonStart) outside.push('horizonStart');
  if (plan.horizonEnd && a.end && a.end > plan.horizonEnd) outside.push('horizonEnd');
  const goal = goalsById.get(goalId ?? '');
  if (goal?.start && a.start && a.start < goal.start) outside.push('goalStart');
  if (goal?.end && a.end && a.end > goal.end) outside.push('goalEnd');
  if (outside.length) add('V21', 'warning', 'activity', a.id, { row: name(), reasons: outside });
}

/**
 * An activity's own issues (V3-V5, V21-V23), kept by its item (SPEC DJ2) with what they were made
 * from: the fields they read (compared by value, so an item changed in place is seen), its code,
 * its goal's dates and the plan horizon.
 */
interface ActivityMemo {
  inputs: unknown[];
  issues: Issue[];
}
const ACTIVITY_ISSUES = new WeakMap<Activity, ActivityMemo>();

/**
 * What validation keeps about one plan between runs (SPEC DJ7): the last run's live activities (a
 * copy of the list) and their memos by position, so the same item at the same place finds its
 * memo without a lookup by item (a memo found either way is used only when what it read is the
 * same by value); and the sorted results of the last few runs (DJ2). A projection's plan keeps
 * them in its own state, so they die with it; any other plan in {@link looseRuns} (weakly).
 */
interface KeptRuns {
  /** Whether a projection's state keeps these (rows by position are kept for a projection's plan alone). */
  own: boolean;
  rows: { items: readonly Activity[]; memos: readonly ActivityMemo[] };
  results: Issue[][];
  /** The last run's sorted result, its {@link Collected.volatile} issues and its memos by position (only when it was strictly sorted). */
  last: { sorted: Issue[]; volatile: Issue[]; memos: readonly ActivityMemo[] } | null;
  /** V24: the live reviews' activity entries (ids, flat, each review's count first) and, per live review, the ids that name no activity, for the tree's codes map they were checked against. */
  entries: { codes: Map<string, RowCode>; ids: unknown[]; missing: string[][] } | null;
}
/** The slot of a plan state's {@link KeptRuns}. */
const RUNS: object = {};
/** The kept runs of plans with no state of their own: results only, held weakly (SPEC DK6). */
const looseRuns = new LooseKeep((): KeptRuns => ({ own: false, rows: { items: [], memos: [] }, results: [], last: null, entries: null }));

/** What an activity's own issues read (see {@link ActivityMemo}), flat; `at` is its position in `ctx.activities`. */
function activityInputs(ctx: Ctx, a: Activity, at: number): unknown[] {
  const goal = ctx.goalsById.get(ctx.activityGoal[at] ?? '');
  const { plan } = ctx;
  return [a.id, a.title, ctx.activityCode[at], a.responsible, a.start, a.end, !a.budget, a.funding?.kind, a.funding?.funder, goal?.start, goal?.end, plan.horizonStart, plan.horizonEnd];
}

/** Whether `activityInputs(ctx, a, at)` would equal `f` (checked without making the list). */
function sameInputs(f: readonly unknown[], ctx: Ctx, a: Activity, at: number): boolean {
  if (f[0] !== a.id || f[1] !== a.title || f[3] !== a.responsible || f[4] !== a.start || f[5] !== a.end || f[6] !== !a.budget) return false;
  if (f[7] !== a.funding?.kind || f[8] !== a.funding?.funder || f[11] !== ctx.plan.horizonStart || f[12] !== ctx.plan.horizonEnd) return false;
  if (f[2] !== ctx.activityCode[at]) return false;
  const goal = ctx.goalsById.get(ctx.activityGoal[at] ?? '');
  return f[9] === goal?.start && f[10] === goal?.end;
}

/** V3-V5, V21-V23 of one activity at position `at` of `ctx.activities` (its label is built only when an issue names it). */
function ownActivityRules(ctx: Ctx, a: Activity, at: number, add: Add): void {
  let label: IssueRow | undefined;
  const name = (): IssueRow => (label ??= { kind: 'activity', code: ctx.activityCode[at], title: a.title, id: a.id });
  if (!a.responsible.trim()) add('V3', 'warning', 'activity', a.id, { row: name() });
  if (!a.start || !a.end) add('V4', 'warning', 'activity', a.id, { context: !a.start && !a.end ? undefined : !a.start ? 'start' : 'end', row: name() });
  if (a.start && a.end && a.end < a.start) add('V5', 'error', 'activity', a.id, { row: name(), endDate: a.end, startDate: a.start });
  timeframeRule({ ...ctx, add }, a, ctx.activityGoal[at], name);
  if (!a.budget) add('V22', 'info', 'activity', a.id, { row: name() });
  if (a.funding?.kind === 'external' && !a.funding.funder.trim()) add('V23', 'warning', 'activity', a.id, { row: name() });
}

/**
 * V3-V8, V21-V23: each live activity. Its own issues come from its memo while what they read is
 * the same (the very issue objects of the last run: SPEC DJ2); dependency rules, which read other
 * activities, run each time for the activities that have dependencies.
 */
function activityRules(ctx: Ctx, into: Collected): void {
  const { activities } = ctx;
  const owned = ctx.kept.own;
  const last = ctx.kept.rows;
  const memos = owned ? new Array<ActivityMemo>(activities.length) : [];
  for (let at = 0; at < activities.length; at++) {
    const a = activities[at]!;
    const kept = last.items[at] === a ? last.memos[at] : ACTIVITY_ISSUES.get(a);
    let memo: ActivityMemo;
    if (kept && sameInputs(kept.inputs, ctx, a, at)) {
      memo = kept;
      ctx.reuse(kept.issues);
    } else {
      const issues: Issue[] = [];
      ownActivityRules(ctx, a, at, (rule, severity, kind, id, p) => issues.push(ctx.make(rule, severity, kind, id, p)));
      memo = { inputs: activityInputs(ctx, a, at), issues };
      ACTIVITY_ISSUES.set(a, memo);
      for (const issue of issues) ctx.fresh(issue);
    }
    if (owned) {
      memos[at] = memo;
      const before = last.memos[at];
      if (memo !== before) {
        if (memo === kept) into.placed = false;
        if (before !== undefined) for (const issue of before.issues) into.gone.push(issue);
      }
    }
    if (a.dependencies.length) {
      let label: IssueRow | undefined;
      dependencyRules(ctx, a, () => (label ??= ctx.name('activity', a)));
    }
  }
  if (owned) {
    for (let at = activities.length; at < last.memos.length; at++) for (const issue of last.memos[at]!.issues) into.gone.push(issue);
    ctx.kept.rows = { items: activities.slice(), memos };
  }
}

/** V6: chronological dependencies form no loop. */
function cycleRule({ activities, live, activityById, add, name }: Ctx): void {
  findCycles(activities, live).forEach((cycle) => {
    const loop = cycle.map((id) => name('activity', activityById.get(id) ?? { id, title: id }));
    add('V6', 'error', 'activity', cycle[0]!, { loop });
  });
}

/** V5 for the plan horizon and review periods (activities and goals are checked with them). */
function dateRanges({ plan, add }: Ctx): void {
  if (plan.horizonStart && plan.horizonEnd && plan.horizonEnd < plan.horizonStart) add('V5', 'error', 'plan', plan.id, { context: 'horizon' });
  for (const r of plan.reviews) {
    if (!r.archived && r.start && r.end && r.end < r.start) add('V5', 'error', 'review', r.id, { context: 'review', review: r.label || r.id });
  }
}

/** V9-V11, V28: indicators sit on live matrix rows (any level, SPEC IN1), with target, verification and sane dates. */
function indicatorRules({ plan, index, live, add }: Ctx): void {
  for (const i of plan.indicators) {
    if (i.archived) continue;
    const node = index.get(i.nodeId);
    const name = { indicator: i.name || i.id };
    if (!node) {
      add('V11', 'error', 'indicator', i.id, name);
      continue;
    }
    if (!live.has(node.node.id)) continue;
    if (!i.target) add('V9', 'warning', 'indicator', i.id, name);
    if (!i.verification.trim()) add('V10', 'warning', 'indicator', i.id, name);
    if (i.baseline?.date && i.target?.date && i.baseline.date > i.target.date) add('V28', 'warning', 'indicator', i.id, name);
  }
}

/** Per goal: how many live indicators with a target sit on it or below it (V12). */
function measuredGoals({ plan, index, live, goalOf }: Ctx): Map<string, number> {
  const count = new Map<string, number>();
  for (const i of plan.indicators) {
    const node = index.get(i.nodeId);
    if (i.archived || !i.target || !node || !live.has(node.node.id)) continue;
    const goal = goalOf.get(i.nodeId);
    if (goal) count.set(goal, (count.get(goal) ?? 0) + 1);
  }
  return count;
}

/** Planned activity budgets per goal, per currency. */
function plannedByGoal({ activities, activityGoal }: Ctx): Map<string, MoneyTotals> {
  const out = new Map<string, MoneyTotals>();
  for (let at = 0; at < activities.length; at++) {
    const a = activities[at]!;
    const g = activityGoal[at];
    if (!g || !a.budget) continue;
    const t = out.get(g) ?? new MoneyTotals();
    t.add(a.budget);
    out.set(g, t);
  }
  return out;
}

type Goal = PlanData['goals'][number];

/** V14, V15: budgets against the resource target, and money in several currencies. */
function goalMoney(add: Add, g: Goal, name: IssueRow, planned: MoneyTotals | undefined): void {
  const currencies = planned?.currencies() ?? [];
  if (g.resourceTarget && planned) {
    const same = planned.get(g.resourceTarget.currency);
    if (same > g.resourceTarget.amount) {
      add('V14', 'warning', 'goal', g.id, { row: name, planned: { amount: same, currency: g.resourceTarget.currency }, resourceTarget: g.resourceTarget });
    }
  }
  const mixed = new Set(currencies);
  if (g.resourceTarget && currencies.length) mixed.add(g.resourceTarget.currency);
  if (mixed.size > 1) {
    add('V15', 'warning', 'goal', g.id, { row: name, currencies: [...mixed].sort() });
  }
}

/** V19, V3, V20: what a selected goal must name, and its scores. */
function selectedGoal({ plan, add }: Ctx, g: Goal, name: IssueRow, scoredCells: ReadonlySet<string>): void {
  if (g.nationalGoals.every((n) => !n.trim())) add('V19', 'warning', 'goal', g.id, { row: name });
  if (g.responsibleParties.every((p) => !p.trim())) add('V3', 'warning', 'goal', g.id, { context: 'selected', row: name });
  const missing = plan.criteria.filter((c) => !c.archived && !scoredCells.has(`${g.id}:${c.id}`));
  if (missing.length) add('V20', 'info', 'goal', g.id, { row: name, count: missing.length });
}

/** V12-V15, V19, V20, V26: each live goal that is not rejected. */
function goalRules(ctx: Ctx): void {
  const { plan, live, add } = ctx;
  const measured = measuredGoals(ctx);
  const planned = plannedByGoal(ctx);
  const scoredCells = new Set([...plan.scores, ...plan.agreedScores].map((s) => `${s.goalId}:${s.criterionId}`));
  for (const g of plan.goals) {
    if (!live.has(g.id) || g.status === 'rejected') continue;
    const name = ctx.name('goal', g);
    if (!measured.get(g.id)) add('V12', 'warning', 'goal', g.id, { row: name });
    if (!g.end) add('V13', 'warning', 'goal', g.id, { row: name });
    if (g.start && g.end && g.end < g.start) add('V5', 'error', 'goal', g.id, { context: 'goal', row: name });
    goalMoney(add, g, name, planned.get(g.id));
    if (g.status === 'selected') selectedGoal(ctx, g, name, scoredCells);
    const objective = g.objective.trim().toLowerCase();
    if (objective && !CONTRIBUTION_VERBS.some((v) => objective.startsWith(v) || objective.startsWith(`to ${v}`))) {
      add('V26', 'info', 'goal', g.id, { row: name });
    }
  }
}

/** V18: no more selected goals than a handful. */
function handfulRule({ plan, live, add }: Ctx): void {
  const selected = plan.goals.filter((g) => live.has(g.id) && g.status === 'selected').length;
  if (selected > plan.handful) add('V18', 'warning', 'plan', plan.id, { selected, handful: plan.handful });
}

/** V16, V17: score values, and what the scores refer to. */
function scoreRules({ plan, index, live, add }: Ctx): void {
  const criteria = new Map(plan.criteria.map((c) => [c.id, c]));
  const participants = new Map(plan.participants.map((p) => [p.id, p]));
  const checkRefs = (id: string, goalId: string, criterionId: string, participantId: string | null): void => {
    const unknown: IssueRef[] = [];
    const archived: IssueRef['kind'][] = [];
    if (index.get(goalId)?.kind !== 'goal') unknown.push({ kind: 'goal', id: goalId });
    else if (!live.has(goalId)) archived.push('goal');
    const c = criteria.get(criterionId);
    if (!c) unknown.push({ kind: 'criterion', id: criterionId });
    else if (c.archived) archived.push('criterion');
    if (participantId !== null) {
      const p = participants.get(participantId);
      if (!p) unknown.push({ kind: 'participant', id: participantId });
      else if (p.archived) archived.push('participant');
    }
    if (unknown.length) add('V17', 'error', 'score', id, { refs: unknown });
    else if (archived.length) add('V17', 'info', 'score', id, { context: 'archived', kinds: archived });
  };
  const valid = (v: number): boolean => v === 0 || v === 1 || v === 2;
  for (const s of plan.scores) {
    const id = `${s.goalId}:${s.criterionId}:${s.participantId}`;
    if (!valid(s.value)) add('V16', 'error', 'score', id, { value: s.value });
    checkRefs(id, s.goalId, s.criterionId, s.participantId);
  }
  for (const s of plan.agreedScores) {
    const id = `${s.goalId}:${s.criterionId}`;
    if (!valid(s.value)) add('V16', 'error', 'score', id, { context: 'agreed', value: s.value });
    checkRefs(id, s.goalId, s.criterionId, null);
  }
}

/** V24, V25: review entries name existing activities and indicators; periods do not overlap. */
function reviewRules(ctx: Ctx): void {
  const { plan, add } = ctx;
  const indicatorIds = new Set(plan.indicators.map((i) => i.id));
  const liveReviews = plan.reviews.filter((r) => !r.archived);
  const missing = missingActivities(ctx, liveReviews);
  for (let k = 0; k < liveReviews.length; k++) {
    const r = liveReviews[k]!;
    for (const id of missing[k]!) add('V24', 'error', 'review', r.id, { review: r.label || r.id, missingId: id });
    for (const e of r.indicators) {
      if (!indicatorIds.has(e.indicatorId)) add('V24', 'error', 'review', r.id, { context: 'indicator', review: r.label || r.id, missingId: e.indicatorId });
    }
  }
  for (let i = 0; i < liveReviews.length; i++) {
    for (let j = i + 1; j < liveReviews.length; j++) {
      const a = liveReviews[i]!;
      const b = liveReviews[j]!;
      if (a.start && a.end && b.start && b.end && a.start <= b.end && b.start <= a.end) {
        add('V25', 'warning', 'review', a.id, { review: a.label || a.id, other: b.label || b.id });
      }
    }
  }
}

/**
 * Per live review, the activity ids of its entries that name no activity (V24), in entry order. A
 * projection's plan keeps them with the entries' ids (compared by value) and the tree's codes map
 * (SPEC DJ7): while both are the same, no id is looked up again.
 */
function missingActivities({ index, codes, kept }: Ctx, liveReviews: readonly PlanData['reviews'][number][]): string[][] {
  const last = kept.entries;
  if (last !== null && last.codes === codes && sameEntryIds(last.ids, liveReviews)) return last.missing;
  const ids: unknown[] = [];
  const missing = liveReviews.map((r) => {
    ids.push(r.activities.length);
    const out: string[] = [];
    for (const e of r.activities) {
      ids.push(e.activityId);
      if (index.get(e.activityId)?.kind !== 'activity') out.push(e.activityId);
    }
    return out;
  });
  if (kept.own) kept.entries = { codes, ids, missing };
  return missing;
}

/** Whether the live reviews' activity entries name the ids `ids` holds (as {@link missingActivities} lists them). */
function sameEntryIds(ids: readonly unknown[], liveReviews: readonly PlanData['reviews'][number][]): boolean {
  let i = 0;
  for (const r of liveReviews) {
    const entries = r.activities;
    if (ids[i++] !== entries.length) return false;
    for (let k = 0; k < entries.length; k++) if (ids[i++] !== entries[k]!.activityId) return false;
  }
  return i === ids.length;
}

/** RV3, IN7: monitoring issues (partly overlapping spending reports, disaggregated actuals that do not add up). */
function monitoringRules({ plan, add }: Ctx): void {
  for (const i of monitoringIssues(plan)) add(i.rule, i.severity, i.entity.kind, i.entity.id, i.params);
}

/** V27: an IMC member has a level. */
function participantRules({ plan, add }: Ctx): void {
  for (const p of plan.participants) {
    if (!p.archived && p.committee === 'imc' && !p.imcLevel) add('V27', 'info', 'participant', p.id, { participant: p.name || p.id });
  }
}

/** TL3-TL6: what the timeline finds in the live activities' dependencies (shared/domain/timeline.ts). */
function timelineRule({ activities, add, name }: Ctx): void {
  for (const i of timelineIssues(linkedActivities(activities), (a) => name('activity', a))) add(i.rule, i.severity, 'activity', i.entity.id, i.params);
}

/**
 * The activities of `activities` that a dependency links (those that have one, and those one of
 * them names), in their order: the timeline's issues (conflicts, missing dates, loops) concern
 * only these, and come out the same as from the whole list (SPEC DJ3), which most plans make far
 * longer.
 */
function linkedActivities(activities: readonly Activity[]): readonly Activity[] {
  const named = new Set<string>();
  for (const a of activities) for (const d of a.dependencies) named.add(d.activityId);
  if (named.size === 0) return [];
  return activities.filter((a) => a.dependencies.length > 0 || named.has(a.id));
}

/** The rules, each a small function over the shared context (and where the run's issues go). */
const RULES: readonly ((ctx: Ctx, into: Collected) => void)[] = [
  structure,
  completeness,
  activityRules,
  cycleRule,
  dateRanges,
  indicatorRules,
  goalRules,
  handfulRule,
  scoreRules,
  reviewRules,
  participantRules,
  monitoringRules,
  timelineRule,
];

/** Sorted results kept of the last few runs (most recent first, in {@link KeptRuns}) with no two issues comparing equal, to merge the next run's kept issues from (SPEC DJ2). */
const KEEP_RESULTS = 4;

/** The issues of {@link Collected.all} (or `reused`) one by one, in order. */
function flat(parts: readonly (Issue | readonly Issue[])[]): Issue[] {
  const out: Issue[] = [];
  for (const p of parts) {
    if (Array.isArray(p)) for (const x of p as readonly Issue[]) out.push(x);
    else out.push(p as Issue);
  }
  return out;
}

/** Whether no two neighbours of a sorted list compare equal. */
function strictlySorted(list: readonly Issue[]): boolean {
  for (let n = 1; n < list.length; n++) if (compareIssues(list[n - 1]!, list[n]!) === 0) return false;
  return true;
}

/**
 * The run's issues sorted by {@link compareIssues}: the kept ones (`reused`) in the order a kept
 * result holds them, merged with the new ones sorted; null when no kept result holds every reused
 * issue, or when two issues compare equal (their order is then the order they were made in, which
 * only a full sort of {@link Collected.all} gives).
 */
function mergeSorted({ fresh, reused: lists }: Collected, lastResults: readonly Issue[][]): Issue[] | null {
  const reused = flat(lists);
  if (reused.length === 0) return null;
  const keep = new Set(reused);
  for (const last of lastResults) {
    const old: Issue[] = [];
    for (const x of last) if (keep.has(x)) old.push(x);
    if (old.length !== reused.length) continue;
    const added = fresh.slice().sort(compareIssues);
    if (!strictlySorted(added)) return null;
    const out = new Array<Issue>(old.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < added.length) {
      const c = compareIssues(old[i]!, added[j]!);
      if (c === 0) return null;
      out[k++] = c < 0 ? old[i++]! : added[j++]!;
    }
    while (i < old.length) out[k++] = old[i++]!;
    while (j < added.length) out[k++] = added[j++]!;
    return out;
  }
  return null;
}

/**
 * Every issue a planning team should look at, in a deterministic order (see
 * {@link compareIssues}). Errors are broken data or contradictions, warnings are gaps the
 * handbook's method would not accept, infos are hints. Runs the table of rules {@link RULES}.
 *
 * After an edit (SPEC DJ2) an unchanged activity's own issues are the very objects of the last
 * run, and the result is the kept sorted result without the issues that went, merged with the new
 * ones: equal to a full run. Issues may be shared between calls: treat them as read-only.
 */
export function validatePlan(plan: PlanData): Issue[] {
  const into: Collected = { all: [], fresh: [], reused: [], volatile: [], placed: true, gone: [] };
  const ctx = context(plan, into);
  const { kept } = ctx;
  const before = kept.last !== null && kept.last.memos === kept.rows.memos ? kept.last : null;
  for (const rule of RULES) rule(ctx, into);
  let sorted = null;
  if (before !== null && into.placed) {
    for (const issue of before.volatile) into.gone.push(issue);
    sorted = mergeByPlace(before.sorted, into.gone, into.fresh);
  }
  sorted ??= mergeSorted(into, kept.results);
  let strict = sorted !== null;
  if (sorted === null) {
    // Issues that compare equal keep the order they were made in (rule by rule), as always.
    sorted = flat(into.all).sort(compareIssues);
    strict = strictlySorted(sorted);
  }
  if (strict) kept.results = [sorted, ...kept.results].slice(0, KEEP_RESULTS);
  kept.last = strict && kept.own ? { sorted, volatile: into.volatile, memos: kept.rows.memos } : null;
  return sorted;
}

/**
 * The last run's strictly sorted result without the issues that went (`gone`, each found by a
 * binary search) and with the new ones (`fresh`, sorted, each placed by a binary search), without
 * comparing or reading the issues kept in between (SPEC DJ7); null when an issue that went is not
 * where the search puts it, or a new issue compares equal to a kept one or to another new one
 * (then the caller sorts as before). The result is strictly sorted.
 */
function mergeByPlace(last: readonly Issue[], gone: readonly Issue[], fresh: readonly Issue[]): Issue[] | null {
  /** The first index of `last` whose issue does not sort before `x`. */
  const lowerBound = (x: Issue): number => {
    let lo = 0;
    let hi = last.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIssues(last[mid]!, x) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const dropped = new Uint8Array(last.length);
  for (const x of gone) {
    const i = lowerBound(x);
    if (last[i] !== x || dropped[i] === 1) return null;
    dropped[i] = 1;
  }
  const added = fresh.slice().sort(compareIssues);
  if (!strictlySorted(added)) return null;
  const places = new Array<number>(added.length);
  for (let k = 0; k < added.length; k++) {
    const i = lowerBound(added[k]!);
    // Equal to a kept issue: only a full sort knows their order. Equal to one that went: it takes its place.
    if (i < last.length && dropped[i] === 0 && compareIssues(last[i]!, added[k]!) === 0) return null;
    places[k] = i;
  }
  // Made at its final length: a 180,000-issue result grown by pushes was a seventh of an edit (SPEC DK4).
  const out = new Array<Issue>(last.length - gone.length + added.length);
  let n = 0;
  let k = 0;
  for (let i = 0; i < last.length; i++) {
    while (k < added.length && places[k] === i) out[n++] = added[k++]!;
    if (dropped[i] === 0) out[n++] = last[i]!;
  }
  while (k < added.length) out[n++] = added[k++]!;
  return out;
}

/**
 * Loops in the "must finish first" (chronological) dependencies between live activities. Each
 * loop is reported once, starting from its smallest id, so the result is deterministic.
 */
function findCycles(activities: readonly Activity[], live: ReadonlySet<string>): string[][] {
  // Only activities that wait on another can be in a loop; the others are left out of the walk.
  const edges = new Map<string, string[]>();
  for (const a of activities) {
    if (a.dependencies.length === 0) continue;
    const next = a.dependencies.filter((d) => d.type === 'chronological' && live.has(d.activityId) && d.activityId !== a.id).map((d) => d.activityId).sort();
    if (next.length) edges.set(a.id, next);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  // Iterative depth-first search: dependency chains can be long, recursion could overflow.
  for (const root of [...edges.keys()].sort()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const cursor: number[] = [0];
    state.set(root, 'active');
    while (path.length > 0) {
      const id = path[path.length - 1]!;
      const next = (edges.get(id) ?? [])[cursor[cursor.length - 1]!];
      if (next === undefined) {
        state.set(id, 'done');
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1]!++;
      const s = state.get(next);
      if (s === 'active') {
        const cycle = path.slice(path.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = rotated.join('>');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, rotated[0]!]);
        }
      } else if (s === undefined) {
        state.set(next, 'active');
        path.push(next);
        cursor.push(0);
      }
    }
  }
  return cycles;
}
