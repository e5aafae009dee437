import type { Activity, DependencyType } from '../schema/types.js';
import { dayNumber } from './days.js';
import { englishIssueText, englishMessageText, issueKey, type IssueMessage, type IssueParams, type IssueRow } from './issue-text.js';

/**
 * The plan's timeline (rules TL1-TL7 in shared/SPEC.md). Pure: live activities in, dependency
 * checks, loops and the critical path out, in O(activities + dependencies).
 *
 * A dependency is written on the activity that depends (B) and names the one it depends on (A):
 * - chronological: B starts once A has ended (finish to start);
 * - parallel: A and B run together (their periods share at least one day);
 * - overlapping: B starts while A runs (on or after A's start, before A's end).
 * Dates are calendar days `YYYY-MM-DD`, both ends included. The day A ends may be the day B
 * starts (a hand-over day) for a chronological link, as V8 has always allowed.
 */

// Calendar-day arithmetic lives in days.ts (no message catalogues), so a command that shifts dates
// does not bring the timeline's issue texts into the first load (SPEC BL5).
export { addDays, dayNumber } from './days.js';
/** TL1: days an activity runs, both ends included; null when a date is missing or it ends before it starts. */
export function durationDays(a: Pick<Activity, 'start' | 'end'>): number | null {
  const s = dayNumber(a.start);
  const e = dayNumber(a.end);
  return s === null || e === null || e < s ? null : e - s + 1;
}

/** What contradicts a dependency (TL2-TL4). */
export type ConflictReason =
  /** chronological: B starts before A ends. */
  | 'starts-before-end'
  /** parallel: the two periods share no day (A ends before B starts, or B ends before A starts). */
  | 'never-together'
  /** overlapping: B starts before A starts. */
  | 'starts-before-start'
  /** overlapping: B starts on or after the day A ends, so they do not overlap. */
  | 'starts-after-end';

/** A dependency whose dates contradict its kind. */
export interface DependencyConflict {
  /** V8 for chronological (the issues panel's existing rule), TL3 parallel, TL4 overlapping. */
  rule: 'V8' | 'TL3' | 'TL4';
  /** The activity that depends (B). */
  activityId: string;
  /** The activity it depends on (A). */
  dependsOn: string;
  type: DependencyType;
  reason: ConflictReason;
}

/** TL5: a dependency whose kind cannot be checked because a date it needs is missing. */
export interface UncheckedDependency {
  activityId: string;
  dependsOn: string;
  type: DependencyType;
  /** Which dates are missing, e.g. `['start of B', 'end of A']` as `{ of: 'B', date: 'start' }`. */
  missing: { of: 'A' | 'B'; date: 'start' | 'end' }[];
}

/** TL6: a loop through order constraints with at least one overlapping link. */
export interface DependencyLoop {
  /** The activities in order, the first repeated at the end (A -> B -> A). */
  ids: string[];
  /** True when a chronological link is in the loop: its dates can never all be met (error). */
  impossible: boolean;
}

/** TL7: the longest chain by duration through the dependencies that constrain order. */
export interface CriticalPath {
  /** Activity ids from first to last ([] when no activity has dates). */
  ids: string[];
  /** Length of the chain in days, from the start of its first activity to the end of its last. */
  days: number;
  /** Activities on the path whose duration is unknown (counted as 0 days: the length is a minimum). */
  unknown: string[];
}

/** An issue the timeline adds to validation (the same shape as validation's `Issue`; L10: `params` for `timeline:issues.<rule>`). */
export interface TimelineIssue {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  entity: { kind: 'activity'; id: string };
  params: IssueParams;
  /** The English sentence made from `params`. */
  message: string;
}

/** Everything the timeline knows about a plan's activities. */
export interface TimelineAnalysis {
  conflicts: DependencyConflict[];
  unchecked: UncheckedDependency[];
  loops: DependencyLoop[];
  critical: CriticalPath;
}

/** A dependency between two activities of the list, as an edge A -> B. */
interface Edge {
  from: number;
  to: number;
  type: DependencyType;
}

/** An activity's first and last day as day numbers (null when missing). */
interface Span {
  s: number | null;
  e: number | null;
}

const spanOf = (a: Pick<Activity, 'start' | 'end'>): Span => ({ s: dayNumber(a.start), e: dayNumber(a.end) });

/** TL2-TL4 on day numbers. */
function conflictOfSpans(type: DependencyType, a: Span, b: Span): ConflictReason | null {
  if (type === 'chronological') return b.s !== null && a.e !== null && b.s < a.e ? 'starts-before-end' : null;
  if (type === 'parallel') {
    if (a.s === null || a.e === null || b.s === null || b.e === null) return null;
    return a.e < b.s || b.e < a.s ? 'never-together' : null;
  }
  if (b.s !== null && a.s !== null && b.s < a.s) return 'starts-before-start';
  if (b.s !== null && a.e !== null && b.s >= a.e) return 'starts-after-end';
  return null;
}

/** TL2-TL4: why the dates of A and B contradict a dependency of this kind, or null. */
export function conflictOf(type: DependencyType, a: Pick<Activity, 'start' | 'end'>, b: Pick<Activity, 'start' | 'end'>): ConflictReason | null {
  return conflictOfSpans(type, spanOf(a), spanOf(b));
}

/** TL5: the dates a dependency of this kind needs that are missing. */
function missingDates(type: DependencyType, a: Span, b: Span): UncheckedDependency['missing'] {
  const need: UncheckedDependency['missing'] =
    type === 'chronological'
      ? [{ of: 'A', date: 'end' }, { of: 'B', date: 'start' }]
      : type === 'parallel'
        ? [{ of: 'A', date: 'start' }, { of: 'A', date: 'end' }, { of: 'B', date: 'start' }, { of: 'B', date: 'end' }]
        : [{ of: 'A', date: 'start' }, { of: 'A', date: 'end' }, { of: 'B', date: 'start' }];
  return need.filter((n) => (n.of === 'A' ? a : b)[n.date === 'start' ? 's' : 'e'] === null);
}

const RULE_OF: Record<DependencyType, DependencyConflict['rule']> = { chronological: 'V8', parallel: 'TL3', overlapping: 'TL4' };

/**
 * Analyses the timeline of `activities` (pass the live ones, in display order: ties in the
 * critical path go to the earlier one). Dependencies on activities not in the list, and on the
 * activity itself, are ignored here (V7 reports them).
 */
export function analyseTimeline(activities: readonly Activity[]): TimelineAnalysis {
  const at = new Map<string, number>();
  activities.forEach((a, i) => at.set(a.id, i));
  const spans = activities.map(spanOf);
  const edges: Edge[] = [];
  const conflicts: DependencyConflict[] = [];
  const unchecked: UncheckedDependency[] = [];
  activities.forEach((b, to) => {
    const seen = new Set<string>();
    for (const d of b.dependencies) {
      const from = at.get(d.activityId);
      if (from === undefined || from === to || seen.has(d.activityId)) continue;
      seen.add(d.activityId);
      const a = activities[from]!;
      edges.push({ from, to, type: d.type });
      const missing = missingDates(d.type, spans[from]!, spans[to]!);
      if (missing.length) unchecked.push({ activityId: b.id, dependsOn: a.id, type: d.type, missing });
      const reason = conflictOfSpans(d.type, spans[from]!, spans[to]!);
      if (reason) conflicts.push({ rule: RULE_OF[d.type], activityId: b.id, dependsOn: a.id, type: d.type, reason });
    }
  });
  const order = edges.filter((e) => e.type !== 'parallel');
  const out: Edge[][] = activities.map(() => []);
  for (const e of order) out[e.from]!.push(e);
  const components = stronglyConnected(activities.length, out);
  const loops = namedLoops(activities, components, out);
  const critical = criticalPath(activities, spans, components, out);
  return { conflicts, unchecked, loops, critical };
}

/**
 * Tarjan's strongly connected components, iterative (chains can be long). Returns the component
 * number of each node; components are numbered in reverse topological order (a component's
 * successors have smaller numbers).
 */
function stronglyConnected(n: number, out: readonly Edge[][]): number[] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const comp = new Array<number>(n).fill(-1);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  let next = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const e = out[v]![i];
      if (e) {
        top[1]++;
        const w = e.to;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  return comp;
}

/** Sizes of each component. */
function componentSizes(comp: readonly number[]): number[] {
  const sizes: number[] = [];
  for (const c of comp) sizes[c] = (sizes[c] ?? 0) + 1;
  return sizes;
}

/**
 * TL6: one named loop per component that holds an overlapping link inside it: the shortest way
 * from that link's end back to its start, staying in the component (breadth-first, linear).
 */
function namedLoops(activities: readonly Activity[], comp: readonly number[], out: readonly Edge[][]): DependencyLoop[] {
  const sizes = componentSizes(comp);
  const done = new Set<number>();
  const loops: DependencyLoop[] = [];
  for (const list of out) {
    for (const e of list) {
      const c = comp[e.from]!;
      if (e.type !== 'overlapping' || comp[e.to] !== c || sizes[c]! < 2 || done.has(c)) continue;
      done.add(c);
      // Breadth-first from e.to back to e.from inside the component.
      const via = new Map<number, Edge>();
      const queue = [e.to];
      for (let q = 0; q < queue.length && !via.has(e.from); q++) {
        for (const f of out[queue[q]!]!) {
          if (comp[f.to] !== c || via.has(f.to) || f.to === e.to) continue;
          via.set(f.to, f);
          queue.push(f.to);
        }
      }
      const path: Edge[] = [e];
      for (let v = e.from; v !== e.to; ) {
        const f = via.get(v)!;
        path.push(f);
        v = f.from;
      }
      // path holds e, then the way back reversed: A->B, then ... ->A read backwards.
      const chain = [e, ...path.slice(1).reverse()];
      const ids = [activities[e.from]!.id, ...chain.map((x) => activities[x.to]!.id)];
      loops.push({ ids, impossible: chain.some((x) => x.type === 'chronological') });
    }
  }
  return loops;
}

/**
 * TL7: earliest finish of every activity outside loops by the durations alone (a chronological
 * link makes B start at A's earliest finish, an overlapping link at A's earliest start, parallel
 * links do not order), then the chain back from the latest finish.
 */
function criticalPath(activities: readonly Activity[], spans: readonly Span[], comp: readonly number[], out: readonly Edge[][]): CriticalPath {
  const n = activities.length;
  const sizes = componentSizes(comp);
  const inLoop = (v: number): boolean => sizes[comp[v]!]! > 1;
  const dur = spans.map(({ s, e }) => (s === null || e === null || e < s ? null : e - s + 1));
  const es = new Array<number>(n).fill(0);
  const prev = new Array<number>(n).fill(-1);
  // Components are numbered in reverse topological order: visit the highest number first.
  const byComp = [...Array(n).keys()].sort((x, y) => comp[y]! - comp[x]! || x - y);
  let best = -1;
  let bestEf = -1;
  for (const v of byComp) {
    if (inLoop(v)) continue;
    const ef = es[v]! + (dur[v] ?? 0);
    if (dur[v] !== null && (ef > bestEf || (ef === bestEf && v < best))) {
      best = v;
      bestEf = ef;
    }
    for (const e of out[v]!) {
      if (inLoop(e.to)) continue;
      const start = e.type === 'chronological' ? ef : es[v]!;
      if (start > es[e.to]! || (start === es[e.to]! && prev[e.to] === -1)) {
        es[e.to] = start;
        prev[e.to] = v;
      }
    }
  }
  if (best < 0) return { ids: [], days: 0, unknown: [] };
  const ids: string[] = [];
  const unknown: string[] = [];
  for (let v = best; v !== -1; v = prev[v]!) {
    ids.push(activities[v]!.id);
    if (dur[v] === null) unknown.push(activities[v]!.id);
  }
  ids.reverse();
  unknown.reverse();
  return { ids, days: bestEf, unknown };
}

/** The message variant of each conflict reason (TL2-TL4). */
const REASON_CONTEXT: Record<ConflictReason, string | undefined> = {
  'starts-before-end': undefined,
  'never-together': undefined,
  'starts-before-start': 'beforeStart',
  'starts-after-end': 'afterEnd',
};

/**
 * A conflict as a catalogue message (L10): `issues:V8` for chronological links, else
 * `timeline:issues.TL3` / `TL4` (its variant by reason), with B as `row`, A as `target` and
 * their dates. `row` names an activity (kind, full code, title).
 */
export function conflictMessage(c: DependencyConflict, byId: ReadonlyMap<string, Activity>, row: (a: Activity) => IssueRow): IssueMessage {
  const a = byId.get(c.dependsOn)!;
  const b = byId.get(c.activityId)!;
  const params: IssueParams = { row: row(b), target: row(a), startDate: b.start ?? '', endDate: b.end ?? '', targetStartDate: a.start ?? '', targetEndDate: a.end ?? '' };
  const context = REASON_CONTEXT[c.reason];
  if (context) params.context = context;
  return { key: issueKey(c.rule), params };
}

/** Plain English sentence for a conflict ("activity 1.1.1.2 "X" starts (2027-03-01) before activity 1.1.1.1 "Y", which must finish first, ends (2027-06-30)"). */
export function describeConflict(c: DependencyConflict, byId: ReadonlyMap<string, Activity>, row: (a: Activity) => IssueRow): string {
  return englishMessageText(conflictMessage(c, byId, row));
}

/**
 * The issues the timeline adds to validation: TL3, TL4 (warnings), TL5 (info), TL6 (error when
 * a chronological link is in the loop, else warning). Chronological conflicts (V8) and loops of
 * chronological links alone (V6) are left to the rules that already report them. Each carries
 * `params` for its message in the reader's language (L10) and its English `message`.
 */
export function timelineIssues(activities: readonly Activity[], row: (a: Activity) => IssueRow, analysis: TimelineAnalysis = analyseTimeline(activities)): TimelineIssue[] {
  const byId = new Map(activities.map((a) => [a.id, a]));
  const issues: TimelineIssue[] = [];
  const issue = (rule: string, severity: TimelineIssue['severity'], id: string, params: IssueParams): void => {
    issues.push({ rule, severity, entity: { kind: 'activity', id }, params, message: englishIssueText(rule, params) });
  };
  for (const c of analysis.conflicts) if (c.rule !== 'V8') issue(c.rule, 'warning', c.activityId, conflictMessage(c, byId, row).params);
  for (const u of analysis.unchecked) {
    const target = row(byId.get(u.dependsOn)!);
    const missing = u.missing.map((m): IssueMessage => ({ key: `timeline:issues.missing.${m.date}${m.of === 'B' ? 'This' : 'Of'}`, params: m.of === 'B' ? {} : { target } }));
    issue('TL5', 'info', u.activityId, { context: u.type, row: row(byId.get(u.activityId)!), target, missing });
  }
  for (const l of analysis.loops) {
    const loop = l.ids.map((id) => row(byId.get(id)!));
    issue('TL6', l.impossible ? 'error' : 'warning', l.ids[0]!, l.impossible ? { context: 'impossible', loop } : { loop });
  }
  return issues;
}
