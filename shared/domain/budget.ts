import type { Activity, Goal, Money, NodeKind, PlanData } from '../schema/types.js';
import { roundMoney } from './money.js';
import { treeIndex, type NodeEntry } from './tree.js';
import { converterFor, convertList, fiscalYear, splitByFiscalYear, type Converter, type RateInForce } from './currency.js';
import { SummaryBuilder, effectiveLines, linesByActivity, type EffectiveLine, type FundingSummary } from './funding.js';
import { spentByActivity } from './monitoring.js';

/**
 * Budget roll-ups (rules B1-B12 in shared/SPEC.md): activity -> output -> outcome -> goal -> plan,
 * always per currency, plus the same figures converted into the plan currency with the rates in
 * force (CU2, CU3). Planned money comes from activity budgets, actual money from review entries,
 * committed, disbursed and pledged money from funding lines (FN1-FN3). A missing budget is
 * unknown: it is counted in `unknownPlanned`, never added as 0.
 *
 * Cost (B9, DV3): linear in the plan: one tree index (`treeIndex`: no tree objects), one pass
 * over activities, funding lines and review entries, and one bottom-up pass; money is kept in
 * flat per-node arrays indexed by currency, so nothing is sorted or copied per node until the
 * result is written, and each result line is one object literal.
 */

/** A node's figures converted into the plan currency; a figure is null when a currency in it has no rate (CU3). */
export interface ConvertedLine {
  currency: string;
  planned: number | null;
  actual: number | null;
  committed: number | null;
  disbursed: number | null;
  pledged: number | null;
  /** planned - committed - disbursed in the plan currency (FN3). */
  gap: number | null;
  /** Currencies of this node's money with no rate in force (named, never guessed). */
  missing: string[];
}

/** Money figures of one level of the matrix (or the whole plan). */
export interface BudgetLine {
  planned: Money[];
  /** Actual expenditure reported in review periods. */
  actual: Money[];
  /** committed + disbursed: money that is firm (B5). */
  secured: Money[];
  /** Money only promised (does not close the gap). */
  pledged: Money[];
  /** Money legally committed by funders. */
  committed: Money[];
  /** Money paid out. */
  disbursed: Money[];
  /** planned - committed - disbursed, per currency of the planned money (B5, FN3). */
  gap: Money[];
  /** Live activities below this level. */
  activities: number;
  /** Of those, how many have no planned budget: the totals are incomplete when > 0. */
  unknownPlanned: number;
  /** Of those, how many have at least one reported expenditure. */
  reported: number;
  /** The figures in the plan currency (null when the plan has no currency). */
  converted: ConvertedLine | null;
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

/** One funding line as the budget counts it, with its activity's code and its converted amount. */
export interface FundingLineBudget extends EffectiveLine {
  /** Full code of the activity it funds. */
  code: string;
  /** The amount in the plan currency (null: unknown amount, no plan currency or no rate). */
  converted: number | null;
}

/** Planned money of one fiscal year (CU5). */
export interface FiscalYearBudget {
  label: string;
  start: string;
  end: string;
  planned: Money[];
  /** In the plan currency (null: no plan currency, or a currency without a rate). */
  converted: number | null;
}

/** Result of {@link rollupBudget}. */
export interface BudgetRollup {
  plan: BudgetLine;
  goals: GoalBudget[];
  outcomes: NodeBudget[];
  outputs: NodeBudget[];
  activities: NodeBudget[];
  /** The plan currency totals are converted into (null: none set). */
  currency: string | null;
  /** The date that decided the rates in force (null: the latest rate of each currency), CU2. */
  asOf: string | null;
  /** The rates used, one per currency, to show beside the totals. */
  rates: RateInForce[];
  /** Currencies of the plan's money with no rate in force (CU3). */
  missingRates: string[];
  /** Every funding line counted (implied ones included), in matrix order. */
  fundingLines: FundingLineBudget[];
  /** Resource-mobilisation view: per funder and per source (FN4). */
  bySource: FundingSummary;
  /** Planned money per fiscal year (CU4, CU5). */
  fiscal: { startMonth: number; years: FiscalYearBudget[]; unscheduled: Money[] };
}

/** Options of {@link rollupBudget}. */
export interface BudgetOptions {
  /** Count actual expenditure from this review period only (default: all live periods). */
  reviewId?: string;
  /** Rates in force on this date (YYYY-MM-DD); default: the latest rate of each currency (CU2). */
  asOf?: string | null;
}

// Figures kept per node, each an array slot per currency.
const PLANNED = 0;
const ACTUAL = 1;
const COMMITTED = 2;
const DISBURSED = 3;
const PLEDGED = 4;
const FIGURES = 5;
const STATUS_FIGURE = { committed: COMMITTED, disbursed: DISBURSED, pledged: PLEDGED } as const;

/**
 * Money of every node in three flat arrays (one allocation each, not one per node): node slot
 * `k` holds `v[k * W + figure * C + currency]` (W = FIGURES * C), `has` marks the entries something
 * was added to, `counts[k * 3 + 0..2]` activities, unknownPlanned and reported.
 */
class Accs {
  readonly w: number;
  readonly v: Float64Array;
  readonly has: Uint8Array;
  readonly counts: Int32Array;
  private next = 0;
  constructor(readonly c: number, slots: number) {
    this.w = FIGURES * c;
    this.v = new Float64Array(slots * this.w);
    this.has = new Uint8Array(slots * this.w);
    this.counts = new Int32Array(slots * 3);
  }
  /** A fresh node slot. */
  take(): number {
    return this.next++;
  }
  /** Adds `amount` to `figure` in currency slot `cur` of node `k`. */
  put(k: number, figure: number, cur: number, amount: number): void {
    const i = k * this.w + figure * this.c + cur;
    this.v[i] = this.v[i]! + amount;
    this.has[i] = 1;
  }
  /** Whether anything was added to that entry, and its amount. */
  at(k: number, figure: number, cur: number): number {
    return this.v[k * this.w + figure * this.c + cur]!;
  }
  hasAt(k: number, figure: number, cur: number): boolean {
    return this.has[k * this.w + figure * this.c + cur] === 1;
  }
  /** Adds a child's money and counts into its parent's. */
  merge(into: number, from: number): void {
    const a = into * this.w;
    const b = from * this.w;
    for (let i = 0; i < this.w; i++) {
      this.v[a + i] = this.v[a + i]! + this.v[b + i]!;
      this.has[a + i] = this.has[a + i]! | this.has[b + i]!;
    }
    for (let i = 0; i < 3; i++) this.counts[into * 3 + i] = this.counts[into * 3 + i]! + this.counts[from * 3 + i]!;
  }
}

/** A live node in display order, with its full code and accumulator slot. */
interface Placed {
  e: NodeEntry;
  code: string;
  acc: number;
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
  const tree = treeIndex(plan);
  const { index } = tree;
  const lines = linesByActivity(plan.fundingLines ?? []);
  const conv = converterFor({ currency: plan.currency, exchangeRates: plan.exchangeRates ?? [] }, opts.asOf ?? null);

  // Currencies get slot numbers as they are met.
  const slot = new Map<string, number>();
  const currencies: string[] = [];
  const slotOf = (c: string): number => {
    let i = slot.get(c);
    if (i === undefined) {
      i = currencies.length;
      slot.set(c, i);
      currencies.push(c);
    }
    return i;
  };
  // RV2: overlapping review periods count each activity's spending once.
  const spent = new Map<string, Money[]>();
  for (const [activityId, totals] of spentByActivity(plan, opts.reviewId)) {
    const list = totals.list();
    for (const m of list) slotOf(m.currency);
    spent.set(activityId, list);
  }
  const effective = new Map<string, EffectiveLine[]>();
  for (const a of plan.activities) {
    if (a.budget) slotOf(a.budget.currency);
    const eff = effectiveLines(a, lines.get(a.id));
    if (eff.length === 0) continue;
    effective.set(a.id, eff);
    for (const l of eff) if (l.amount) slotOf(l.amount.currency);
  }
  const C = currencies.length;
  const store = new Accs(C, index.size + 1);
  const put = (acc: number, figure: number, m: Money): void => store.put(acc, figure, slot.get(m.currency)!, m.amount);
  const factors = currencies.map((c) => (conv ? conv.factor(c) : null));

  // Bottom-up over the live tree; lists in display order, each node with its accumulator slot.
  const order: Record<NodeKind, Placed[]> = { goal: [], outcome: [], output: [], activity: [] };
  const summary = new SummaryBuilder();
  const lineViews: FundingLineBudget[] = [];
  const fy = new FiscalYears(plan.fiscalYearStart ?? 1);
  // Codes are made as the walk goes (as treeIndex makes them), not looked up per node.
  const visit = (e: NodeEntry, code: string): number => {
    const acc = store.take();
    order[e.kind].push({ e, code, acc });
    if (e.kind === 'activity') {
      const a = e.node as Activity;
      store.counts[acc * 3] = 1;
      if (a.budget) {
        put(acc, PLANNED, a.budget);
        fy.add(a);
      } else store.counts[acc * 3 + 1] = 1;
      const s = spent.get(a.id);
      if (s) {
        for (const m of s) put(acc, ACTUAL, m);
        store.counts[acc * 3 + 2] = 1;
      }
      for (const l of effective.get(a.id) ?? []) {
        if (l.amount) put(acc, STATUS_FIGURE[l.status], l.amount);
        summary.add(l);
        const f = l.amount ? factors[slot.get(l.amount.currency)!] : null;
        lineViews.push({ ...l, code, converted: l.amount && f !== null && f !== undefined ? roundMoney(l.amount.amount * f) : null });
      }
    } else {
      const kids = tree.kids.get(e.node.id);
      if (kids) for (let i = 0; i < kids.length; i++) store.merge(acc, visit(kids[i]!, `${code}.${i + 1}`));
    }
    return acc;
  };
  const total = store.take();
  for (let i = 0; i < tree.goals.length; i++) store.merge(total, visit(tree.goals[i]!, String(i + 1)));

  // Currency order for the lists: by code (B1).
  const sorted = currencies.map((c, i) => [c, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const list = (acc: number, figure: number): Money[] => {
    const out: Money[] = [];
    for (const [currency, i] of sorted) if (store.hasAt(acc, figure, i)) out.push({ amount: roundMoney(store.at(acc, figure, i)), currency });
    return out;
  };
  const toConverted = (acc: number): ConvertedLine | null => {
    if (!conv) return null;
    const missing: string[] = [];
    const sum = (figure: number): number | null => {
      let s = 0;
      let ok = true;
      for (const [currency, i] of sorted) {
        if (!store.hasAt(acc, figure, i)) continue;
        const f = factors[i];
        if (f === null || f === undefined) {
          ok = false;
          if (!missing.includes(currency)) missing.push(currency);
        } else s += store.at(acc, figure, i) * f;
      }
      return ok ? roundMoney(s) : null;
    };
    const planned = sum(PLANNED);
    const committed = sum(COMMITTED);
    const disbursed = sum(DISBURSED);
    const line = { currency: conv.currency, planned, actual: sum(ACTUAL), committed, disbursed, pledged: sum(PLEDGED), gap: null as number | null, missing };
    if (planned !== null && committed !== null && disbursed !== null) line.gap = roundMoney(planned - committed - disbursed);
    missing.sort();
    return line;
  };
  /** The figures of slot `acc`, after the fields of `head` (one object, no spread). */
  const line = <H extends object>(acc: number, head: H): H & BudgetLine => {
    const gap: Money[] = [];
    const secured: Money[] = [];
    for (const [currency, i] of sorted) {
      const firm = store.at(acc, COMMITTED, i) + store.at(acc, DISBURSED, i);
      if (store.hasAt(acc, COMMITTED, i) || store.hasAt(acc, DISBURSED, i)) secured.push({ amount: roundMoney(firm), currency });
      if (store.hasAt(acc, PLANNED, i)) gap.push({ amount: roundMoney(store.at(acc, PLANNED, i) - firm), currency });
    }
    return Object.assign(head, {
      planned: list(acc, PLANNED),
      actual: list(acc, ACTUAL),
      secured,
      pledged: list(acc, PLEDGED),
      committed: list(acc, COMMITTED),
      disbursed: list(acc, DISBURSED),
      gap,
      activities: store.counts[acc * 3]!,
      unknownPlanned: store.counts[acc * 3 + 1]!,
      reported: store.counts[acc * 3 + 2]!,
      converted: toConverted(acc),
    });
  };
  const node = ({ e, code, acc }: Placed): NodeBudget => line(acc, { id: e.node.id, kind: e.kind, title: e.node.title, code });

  return {
    plan: line(total, {}),
    goals: order.goal.map((n) => {
      const g = n.e.node as Goal;
      const target = g.resourceTarget;
      const i = target ? slot.get(target.currency) : undefined;
      const already = i === undefined ? 0 : store.at(n.acc, PLANNED, i);
      const headroom = target ? { currency: target.currency, amount: roundMoney(target.amount - already) } : null;
      const out = node(n) as GoalBudget;
      out.target = target;
      out.headroom = headroom;
      return out;
    }),
    outcomes: order.outcome.map(node),
    outputs: order.output.map(node),
    activities: order.activity.map(node),
    currency: conv?.currency ?? null,
    asOf: conv?.asOf ?? opts.asOf ?? null,
    rates: conv ? conv.used() : [],
    missingRates: conv ? conv.missing() : [],
    fundingLines: lineViews,
    bySource: summary.build(conv),
    fiscal: fy.result(sorted, conv),
  };
}

/** Planned money per fiscal year (CU5): each dated activity's budget spread over its days. */
class FiscalYears {
  private readonly years = new Map<number, Map<string, number>>();
  private readonly unscheduled = new Map<string, number>();
  constructor(readonly startMonth: number) {}

  add(a: Activity): void {
    const b = a.budget!;
    if (!a.start || !a.end || a.end < a.start) {
      this.unscheduled.set(b.currency, (this.unscheduled.get(b.currency) ?? 0) + b.amount);
      return;
    }
    for (const [year, share] of splitByFiscalYear(b.amount, a.start, a.end, this.startMonth)) {
      let m = this.years.get(year);
      if (!m) this.years.set(year, (m = new Map()));
      m.set(b.currency, (m.get(b.currency) ?? 0) + share);
    }
  }

  result(sorted: readonly (readonly [string, number])[], conv: Converter | null): BudgetRollup['fiscal'] {
    const money = (m: Map<string, number>): Money[] => sorted.filter(([c]) => m.has(c)).map(([c]) => ({ amount: roundMoney(m.get(c)!), currency: c }));
    const convert = (list: Money[]): number | null => (conv ? convertList(conv, list) : null);
    const years = [...this.years.keys()].sort((a, b) => a - b).map((y) => {
      const planned = money(this.years.get(y)!);
      return { ...fiscalYear(y, this.startMonth), planned, converted: convert(planned) };
    });
    return { startMonth: this.startMonth, years, unscheduled: money(this.unscheduled) };
  }
}
