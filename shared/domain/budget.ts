import type { Money, NodeKind, PlanData } from '../schema/types.js';
import { MoneyTotals, roundMoney } from './money.js';
import { buildForest, indexNodes, liveNodeIds, type TreeNode } from './tree.js';
import { spentByActivity } from './monitoring.js';

/**
 * Budget roll-ups (rules B1-B7 in shared/SPEC.md): activity -> output -> outcome -> goal -> plan,
 * always per currency. Planned money comes from activity budgets, actual money from review
 * entries, secured and pledged money from each activity's funding status. A missing budget is
 * unknown: it is counted in `unknownPlanned`, never added as 0.
 */

/** Money figures of one level of the matrix (or the whole plan). */
export interface BudgetLine {
  planned: Money[];
  /** Actual expenditure reported in review periods. */
  actual: Money[];
  /** Planned money whose funding is secured. */
  secured: Money[];
  /** Planned money whose funding is only pledged. */
  pledged: Money[];
  /** planned - secured, per currency (pledged money still counts as a gap). */
  gap: Money[];
  /** Live activities below this level. */
  activities: number;
  /** Of those, how many have no planned budget: the totals are incomplete when > 0. */
  unknownPlanned: number;
  /** Of those, how many have at least one reported expenditure. */
  reported: number;
}

/** A budget line for one node. */
export interface NodeBudget extends BudgetLine {
  id: string;
  kind: NodeKind;
  title: string;
  /** Derived code (see tree.ts). */
  code: string;
}

/** A goal's budget line plus its resource mobilisation target. */
export interface GoalBudget extends NodeBudget {
  target: Money | null;
  /** target - planned in the target's currency; negative when planned exceeds the target. */
  headroom: Money | null;
}

/** Result of {@link rollupBudget}. */
export interface BudgetRollup {
  plan: BudgetLine;
  goals: GoalBudget[];
  outcomes: NodeBudget[];
  outputs: NodeBudget[];
  activities: NodeBudget[];
}

/** Options of {@link rollupBudget}. */
export interface BudgetOptions {
  /** Count actual expenditure from this review period only (default: all live periods). */
  reviewId?: string;
}

class Acc {
  planned = new MoneyTotals();
  actual = new MoneyTotals();
  secured = new MoneyTotals();
  pledged = new MoneyTotals();
  activities = 0;
  unknownPlanned = 0;
  reported = 0;
  addAll(o: Acc): void {
    this.planned.addAll(o.planned);
    this.actual.addAll(o.actual);
    this.secured.addAll(o.secured);
    this.pledged.addAll(o.pledged);
    this.activities += o.activities;
    this.unknownPlanned += o.unknownPlanned;
    this.reported += o.reported;
  }
  line(): BudgetLine {
    const gap = new MoneyTotals();
    for (const m of this.planned.list()) gap.add({ currency: m.currency, amount: m.amount - this.secured.get(m.currency) });
    return {
      planned: this.planned.list(),
      actual: this.actual.list(),
      secured: this.secured.list(),
      pledged: this.pledged.list(),
      gap: gap.list(),
      activities: this.activities,
      unknownPlanned: this.unknownPlanned,
      reported: this.reported,
    };
  }
}

/**
 * Rolls money up the matrix for live nodes (archived nodes and their subtrees are left out).
 * Node lists follow the forest's display order. Actual expenditure sums the entries of every live review
 * period, each activity's spending counted once over overlapping periods (RV2), or of `opts.reviewId` only.
 *
 * @example
 * rollupBudget(plan).outputs.find((o) => o.id === 'out-1')?.planned // [{ amount: 39000, currency: 'USD' }]
 */
export function rollupBudget(plan: PlanData, opts: BudgetOptions = {}): BudgetRollup {
  const index = indexNodes(plan);
  const live = liveNodeIds(plan, index);
  const codes = new Map<string, string>();
  const position = new Map<string, number>();
  const walk = (n: TreeNode): void => {
    codes.set(n.id, n.code);
    position.set(n.id, position.size);
    n.children.forEach(walk);
  };
  buildForest(plan).goals.forEach(walk);
  const inTreeOrder = <T extends { id: string }>(items: readonly T[]): T[] =>
    items.filter((n) => live.has(n.id)).sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  const accs = new Map<string, Acc>();
  const acc = (id: string): Acc => {
    let a = accs.get(id);
    if (!a) accs.set(id, (a = new Acc()));
    return a;
  };

  // RV2: overlapping review periods count each activity's spending once.
  const spent = spentByActivity(plan, opts.reviewId);

  for (const a of plan.activities) {
    if (!live.has(a.id)) continue;
    const x = acc(a.id);
    x.activities = 1;
    if (a.budget) {
      x.planned.add(a.budget);
      if (a.funding?.status === 'secured') x.secured.add(a.budget);
      if (a.funding?.status === 'pledged') x.pledged.add(a.budget);
    } else x.unknownPlanned = 1;
    const s = spent.get(a.id);
    if (s) {
      x.actual.addAll(s);
      x.reported = 1;
    }
  }
  // Roll up level by level, bottom first.
  const total = new Acc();
  for (const level of [plan.activities, plan.outputs, plan.outcomes] as const) {
    for (const n of level) {
      if (!live.has(n.id)) continue;
      const parent = index.get(n.id)?.parentId;
      if (parent) acc(parent).addAll(acc(n.id));
    }
  }
  for (const g of plan.goals) if (live.has(g.id)) total.addAll(acc(g.id));

  const node = (kind: NodeKind) => (n: { id: string; title: string }): NodeBudget => ({
    id: n.id,
    kind,
    title: n.title,
    code: codes.get(n.id) ?? '',
    ...acc(n.id).line(),
  });
  return {
    plan: total.line(),
    goals: inTreeOrder(plan.goals).map((g) => {
        const line = node('goal')(g);
        const target = g.resourceTarget;
        const headroom = target ? { currency: target.currency, amount: roundMoney(target.amount - acc(g.id).planned.get(target.currency)) } : null;
        return { ...line, target, headroom };
      }),
    outcomes: inTreeOrder(plan.outcomes).map(node('outcome')),
    outputs: inTreeOrder(plan.outputs).map(node('output')),
    activities: inTreeOrder(plan.activities).map(node('activity')),
  };
}
