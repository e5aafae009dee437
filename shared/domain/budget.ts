import type { Activity, FundingLine, Goal, Money, NodeKind, PlanData, Review } from '../schema/types.js';
import { roundMoney } from './money.js';
import type { NodeEntry } from './tree.js';
import { childCodes, treeIndexOf } from './tree-memo.js';
import { LooseKeep, planStateOf } from './plan-state.js';
import { converterFor, convertList, fiscalYear, splitByFiscalYear, type Converter, type RateInForce } from './currency.js';
import { SummaryBuilder, effectiveLines, linesByActivity, type EffectiveLine, type FundingSummary } from './funding.js';
import { spentByActivity } from './monitoring.js';
import { JsonPieces, listJsonPieces } from './json-memo.js';

/**
 * Budget roll-ups (rules B1-B12 in shared/SPEC.md): activity -> output -> outcome -> goal -> plan,
 * always per currency, plus the same figures converted into the plan currency with the rates in
 * force (CU2, CU3). Planned money comes from activity budgets, actual money from review entries,
 * committed, disbursed and pledged money from funding lines (FN1-FN3). A missing budget is
 * unknown: it is counted in `unknownPlanned`, never added as 0.
 *
 * Cost (B9, DV3, DI1): linear in the plan: one tree index (`treeIndexOf`: no tree objects, kept
 * between projections), one pass over activities, funding lines and review entries, and one
 * bottom-up pass; money is kept in flat per-node arrays indexed by currency, and each node's
 * figures and line are kept by its item, so after an edit only the changed rows and their paths
 * to the root are summed and written again.
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
 * What a roll-up's lines depend on besides the rows themselves (SPEC DI1): the plan's currencies
 * (sorted by code: slot `i` of a node's figures is `currencies[i]`), each one's factor into the
 * plan currency, that currency and the fiscal year's first month. Each environment keeps the
 * figures and line of every node it rolled up, by the node's item.
 */
interface Env {
  key: string;
  currencies: readonly string[];
  factors: readonly (number | null)[];
  nodes: WeakMap<object, NodeMemo>;
}

/**
 * One node's roll-up, kept while its inputs are the same (SPEC DI1): the node's item (the key),
 * its code, and for an activity its funding lines and spending, for a parent its children's
 * memos in display order. `v[figure * C + slot]` holds the unrounded sums, `has` which of them
 * something was added to, `counts` activities, unknownPlanned and reported.
 */
interface NodeMemo {
  code: string;
  /** The item's fields the line read, as they were (items may be changed in place): see {@link fieldsOf}. */
  fields: unknown[];
  v: number[];
  has: Uint8Array;
  counts: [number, number, number];
  line: NodeBudget;
  /** Parent: its children's memos. */
  kids?: NodeMemo[];
  /** Activity: its live funding lines (items, and their fields as they were), its spending, effective lines, their views, fiscal split (null: unscheduled). */
  lines?: readonly FundingLine[] | undefined;
  lineFields?: unknown[];
  spent?: readonly Money[] | undefined;
  eff?: EffectiveLine[];
  views?: FundingLineBudget[];
  split?: [number, number][] | null;
}

const NONE: unknown[] = [];

/**
 * The last roll-up's activities of a plan in the order it visited them, and their memos, per
 * environment (SPEC DJ7): a row at the same position with the same item finds its memo without a
 * lookup by item, and, while the spending lists are the ones it read, its spending with it. Kept
 * in the plan's own state (a projection's), never at module level, so they die with the plan.
 */
interface Rows {
  /** Per position: the activity item. */
  items: object[];
  /** Per position: its memo. */
  memos: NodeMemo[];
  /**
   * Per position, {@link FACTS} slots: id, code, funding lines (undefined: none), the
   * {@link ACTIVITY_FIELDS} fields its line read (as {@link fieldsOf}), then its line, fiscal split,
   * effective lines and their views. Read in order, so a row's check touches no memo object.
   */
  facts: unknown[];
  /** The spending lists the last roll-up read (its memos' spending is theirs for the same id). */
  spent: ReadonlyMap<string, Money[]> | null;
}
/** Fields of an activity its line reads (see {@link fieldsOf}). */
const ACTIVITY_FIELDS = 8;
const LINE = 3 + ACTIVITY_FIELDS;
const SPLIT = LINE + 1;
const EFF = LINE + 2;
const VIEWS = LINE + 3;
/** Slots per activity in {@link Rows.facts}. */
const FACTS = LINE + 4;
/** The effective lines and views of an activity with none (shared: never changed). */
const NO_LINES: EffectiveLine[] = [];
const NO_VIEWS: FundingLineBudget[] = [];
/** The slot of a plan state's rows by environment key. */
const ROWS: object = {};
/** The slot of a plan state's spending lists (DJ5). */
const SPENT: object = {};

/** Environments kept (most recently used last). */
const ENVS = new Map<string, Env>();
const MAX_ENVS = 8;

function envFor(currencies: string[], factors: (number | null)[], conv: Converter | null, startMonth: number): Env {
  const key = JSON.stringify([currencies, factors, conv?.currency ?? null, startMonth]);
  let env = ENVS.get(key);
  if (env) ENVS.delete(key);
  else env = { key, currencies, factors, nodes: new WeakMap() };
  ENVS.set(key, env);
  for (const k of ENVS.keys()) {
    if (ENVS.size <= MAX_ENVS) break;
    ENVS.delete(k);
  }
  return env;
}

/** Whether two money lists hold the same amounts in the same order. */
function sameMoney(a: readonly Money[] | undefined, b: readonly Money[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.amount !== b[i]!.amount || a[i]!.currency !== b[i]!.currency) return false;
  return true;
}

/** Whether two lists hold the very same items. */
function sameItems<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The fields of a node item its line reads (title; an activity's dates, budget and funding; a goal's target). */
function fieldsOf(kind: NodeKind, node: object): unknown[] {
  const n = node as Activity & Goal;
  if (kind === 'activity') return [n.title, n.budget?.amount, n.budget?.currency, n.start, n.end, n.funding?.kind, n.funding?.funder, n.funding?.status];
  if (kind === 'goal') return [n.title, n.resourceTarget?.amount, n.resourceTarget?.currency];
  return [n.title];
}

/** Whether `fieldsOf('activity', a)` would equal `f` (checked without making the list). */
function sameActivityFields(f: readonly unknown[], a: Activity): boolean {
  return f[0] === a.title && f[1] === a.budget?.amount && f[2] === a.budget?.currency && f[3] === a.start && f[4] === a.end && f[5] === a.funding?.kind && f[6] === a.funding?.funder && f[7] === a.funding?.status;
}

/** The fields of funding lines their effective lines read, flat. */
function lineFieldsOf(lines: readonly FundingLine[] | undefined): unknown[] {
  const out: unknown[] = [];
  if (lines) for (const l of lines) out.push(l.id, l.funder, l.stakeholderId, l.amount?.amount, l.amount?.currency, l.status, l.source, l.budgetLine, l.iatiActivityId);
  return out;
}

/** Whether two flat field lists are equal. */
function sameFields(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds result lines from a node's figures in one environment. */
class Lines {
  readonly c: number;
  constructor(readonly env: Env, readonly conv: Converter | null) {
    this.c = env.currencies.length;
  }

  list(m: Figures, figure: number): Money[] {
    const out: Money[] = [];
    const { currencies } = this.env;
    for (let i = 0; i < currencies.length; i++) if (m.has[figure * this.c + i] === 1) out.push({ amount: roundMoney(m.v[figure * this.c + i]!), currency: currencies[i]! });
    return out;
  }

  converted(m: Figures): ConvertedLine | null {
    const conv = this.conv;
    if (!conv) return null;
    const missing: string[] = [];
    const { currencies, factors } = this.env;
    const sum = (figure: number): number | null => {
      let s = 0;
      let ok = true;
      for (let i = 0; i < currencies.length; i++) {
        if (m.has[figure * this.c + i] !== 1) continue;
        const f = factors[i];
        if (f === null || f === undefined) {
          ok = false;
          if (!missing.includes(currencies[i]!)) missing.push(currencies[i]!);
        } else s += m.v[figure * this.c + i]! * f;
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
  }

  /** The figures of `m`, after the fields of `head` (one object, no spread). */
  line<H extends object>(m: Figures, head: H): H & BudgetLine {
    const gap: Money[] = [];
    const secured: Money[] = [];
    const { currencies } = this.env;
    const C = this.c;
    for (let i = 0; i < currencies.length; i++) {
      const firm = m.v[COMMITTED * C + i]! + m.v[DISBURSED * C + i]!;
      if (m.has[COMMITTED * C + i] === 1 || m.has[DISBURSED * C + i] === 1) secured.push({ amount: roundMoney(firm), currency: currencies[i]! });
      if (m.has[PLANNED * C + i] === 1) gap.push({ amount: roundMoney(m.v[PLANNED * C + i]! - firm), currency: currencies[i]! });
    }
    return Object.assign(head, {
      planned: this.list(m, PLANNED),
      actual: this.list(m, ACTUAL),
      secured,
      pledged: this.list(m, PLEDGED),
      committed: this.list(m, COMMITTED),
      disbursed: this.list(m, DISBURSED),
      gap,
      activities: m.counts[0],
      unknownPlanned: m.counts[1],
      reported: m.counts[2],
      converted: this.converted(m),
    });
  }
}

/** A node's sums: values, which were added to, and counts. */
interface Figures {
  v: number[];
  has: Uint8Array;
  counts: [number, number, number];
}

function emptyFigures(c: number): Figures {
  return { v: new Array<number>(FIGURES * c).fill(0), has: new Uint8Array(FIGURES * c), counts: [0, 0, 0] };
}

/** Adds a child's money and counts into its parent's (in display order, as the sums must be made). */
function merge(into: Figures, from: Figures): void {
  for (let i = 0; i < into.v.length; i++) {
    into.v[i] = into.v[i]! + from.v[i]!;
    into.has[i] = into.has[i]! | from.has[i]!;
  }
  for (let i = 0; i < 3; i++) into.counts[i] = into.counts[i]! + from.counts[i]!;
}

/**
 * Rolls money up the matrix for live nodes (archived nodes and their subtrees are left out).
 * Node lists follow the forest's display order. Actual expenditure sums the entries of every live review
 * period, each activity's spending counted once over overlapping periods (RV2), or of `opts.reviewId` only.
 *
 * Incremental (SPEC DI1): each node's figures and result line are kept by its item, with the
 * inputs they came from (code, funding lines, spending, children); a later call on a projection
 * where only some rows changed recomputes those rows and the sums on their paths to the root, and
 * returns the very same line objects for the others. The result equals a computation from
 * scratch. Result lines may be shared between calls: treat them as read-only.
 *
 * @example
 * rollupBudget(plan).outputs.find((o) => o.id === 'out-1')?.planned // [{ amount: 39000, currency: 'USD' }]
 */
export function rollupBudget(plan: PlanData, opts: BudgetOptions = {}): BudgetRollup {
  const tree = treeIndexOf(plan);
  const lines = linesByActivity(plan.fundingLines ?? []);
  const conv = converterFor({ currency: plan.currency, exchangeRates: plan.exchangeRates ?? [] }, opts.asOf ?? null);

  const state = planStateOf(plan);
  // RV2: overlapping review periods count each activity's spending once.
  const { spent, currencies: spentIn } = spentLists(plan, opts.reviewId, state ? state.slot(SPENT, (): SpentHolder => ({ last: null })) : looseSpent.get());
  const found = new Set<string>(spentIn);
  for (const a of plan.activities) {
    if (a.budget) found.add(a.budget.currency);
    const fl = lines.get(a.id);
    if (fl) for (const l of fl) if (l.amount) found.add(l.amount.currency);
  }
  // Currency order for the lists: by code (B1); each currency's factor asked once, as the rates used are recorded.
  const currencies = [...found].sort((a, b) => (a < b ? -1 : 1));
  const factors = currencies.map((c) => (conv ? conv.factor(c) : null));
  const startMonth = plan.fiscalYearStart ?? 1;
  const env = envFor(currencies, factors, conv, startMonth);
  const C = currencies.length;
  const slot = new Map(currencies.map((c, i) => [c, i]));
  const out = new Lines(env, conv);
  const memos = env.nodes;

  const order: Record<NodeKind, NodeBudget[]> = { goal: [], outcome: [], output: [], activity: [] };
  const summary = new SummaryBuilder();
  const lineViews: FundingLineBudget[] = [];
  const fy = new FiscalYears(startMonth);

  // The last roll-up's activities of this plan by position (SPEC DJ7), updated in place into this
  // one's: a plan with no state gets arrays of its own, kept by nobody.
  const byEnv = state?.slot(ROWS, () => new Map<string, Rows>());
  let rows = byEnv?.get(env.key);
  const sameSpent = rows !== undefined && rows.spent === spent;
  if (rows === undefined) rows = { items: [], memos: [], facts: [], spent: null };
  const { items, memos: rowMemos, facts } = rows;
  const noLines = lines.size === 0;
  let at = 0;

  /** Records the activity at position `at` and what {@link visit} and the next roll-up read of it. */
  const record = (a: Activity, code: string, fl: readonly FundingLine[] | undefined, memo: NodeMemo): void => {
    items[at] = a;
    rowMemos[at] = memo;
    const f = at * FACTS;
    facts[f] = a.id;
    facts[f + 1] = code;
    facts[f + 2] = fl;
    const fields = memo.fields;
    for (let k = 0; k < ACTIVITY_FIELDS; k++) facts[f + 3 + k] = fields[k];
    facts[f + LINE] = memo.line;
    facts[f + SPLIT] = memo.split;
    facts[f + EFF] = memo.eff;
    facts[f + VIEWS] = memo.views;
  };

  /** Whether the activity `a` at position `at` is the very item there last time, with the same id, code, fields and no funding lines (then its memo and facts stand). */
  const samePlace = (a: Activity, code: string): boolean => {
    if (items[at] !== a || !noLines || !sameSpent) return false;
    const f = at * FACTS;
    if (facts[f] !== a.id || facts[f + 1] !== code || facts[f + 2] !== undefined || facts[f + 3] !== a.title) return false;
    const b = a.budget;
    const fu = a.funding;
    return facts[f + 4] === b?.amount && facts[f + 5] === b?.currency && facts[f + 6] === a.start && facts[f + 7] === a.end && facts[f + 8] === fu?.kind && facts[f + 9] === fu?.funder && facts[f + 10] === fu?.status;
  };

  const activity = (e: NodeEntry, code: string): NodeMemo => {
    const a = e.node as Activity;
    // Same item, same place, same inputs by value: the memo and the facts recorded there stand.
    if (samePlace(a, code)) return rowMemos[at]!;
    const fl = noLines ? undefined : lines.get(a.id);
    const s = spent.get(a.id);
    const kept = memos.get(a);
    const lineFields = fl ? lineFieldsOf(fl) : NONE;
    if (kept && kept.code === code && kept.line.id === a.id && sameItems(kept.lines, fl) && sameMoney(kept.spent, s) && sameActivityFields(kept.fields, a) && sameFields(kept.lineFields, lineFields)) {
      record(a, code, fl, kept);
      return kept;
    }
    const fields = fieldsOf('activity', a);
    const m = emptyFigures(C);
    const put = (figure: number, money: Money): void => {
      const i = figure * C + slot.get(money.currency)!;
      m.v[i] = m.v[i]! + money.amount;
      m.has[i] = 1;
    };
    m.counts[0] = 1;
    let split: [number, number][] | null | undefined;
    if (a.budget) {
      put(PLANNED, a.budget);
      split = fy.split(a);
    } else m.counts[1] = 1;
    if (s) {
      for (const money of s) put(ACTUAL, money);
      m.counts[2] = 1;
    }
    const effective = effectiveLines(a, fl);
    const eff = effective.length === 0 ? NO_LINES : effective;
    const views: FundingLineBudget[] = eff.length === 0 ? NO_VIEWS : [];
    for (const l of eff) {
      if (l.amount) put(STATUS_FIGURE[l.status], l.amount);
      const f = l.amount ? factors[slot.get(l.amount.currency)!] : null;
      views.push({ ...l, code, converted: l.amount && f !== null && f !== undefined ? roundMoney(l.amount.amount * f) : null });
    }
    const memo: NodeMemo = { ...m, code, fields, line: out.line(m, { id: a.id, kind: e.kind, title: a.title, code }), lines: fl, lineFields, spent: s, eff, views, split };
    memos.set(a, memo);
    record(a, code, fl, memo);
    return memo;
  };

  const parent = (e: NodeEntry, code: string): NodeMemo => {
    const children = tree.kids.get(e.node.id) ?? [];
    const codes = childCodes(tree, e.node.id);
    const kids = children.map((c, i) => visit(c, codes[i]!.code));
    const kept = memos.get(e.node);
    const fields = fieldsOf(e.kind, e.node);
    if (kept && kept.code === code && kept.line.id === e.node.id && sameItems(kept.kids, kids) && sameFields(kept.fields, fields)) return kept;
    const m = emptyFigures(C);
    for (const k of kids) merge(m, k);
    let line: NodeBudget = out.line(m, { id: e.node.id, kind: e.kind, title: e.node.title, code });
    if (e.kind === 'goal') {
      const target = (e.node as Goal).resourceTarget;
      const i = target ? slot.get(target.currency) : undefined;
      const already = i === undefined ? 0 : m.v[PLANNED * C + i]!;
      const headroom = target ? { currency: target.currency, amount: roundMoney(target.amount - already) } : null;
      line = Object.assign(line, { target, headroom });
    }
    const memo: NodeMemo = { ...m, code, fields, line, kids };
    memos.set(e.node, memo);
    return memo;
  };

  // Bottom-up over the live tree, in display order. An activity's line, fiscal split, effective
  // lines and their views are read from the facts recorded at its position (no memo read).
  const visit = (e: NodeEntry, code: string): NodeMemo => {
    if (e.kind !== 'activity') {
      const memo = parent(e, code);
      order[e.kind].push(memo.line);
      return memo;
    }
    const memo = activity(e, code);
    const f = at * FACTS;
    order.activity.push(facts[f + LINE] as NodeBudget);
    const split = facts[f + SPLIT] as [number, number][] | null | undefined;
    if (split !== undefined) fy.add((e.node as Activity).budget!, split);
    const eff = facts[f + EFF] as EffectiveLine[];
    for (let i = 0; i < eff.length; i++) summary.add(eff[i]!);
    const views = facts[f + VIEWS] as FundingLineBudget[];
    for (let i = 0; i < views.length; i++) lineViews.push(views[i]!);
    at++;
    return memo;
  };
  const total = emptyFigures(C);
  const goalCodes = childCodes(tree, null);
  for (let i = 0; i < tree.goals.length; i++) merge(total, visit(tree.goals[i]!, goalCodes[i]!.code));
  items.length = at;
  rowMemos.length = at;
  facts.length = at * FACTS;
  rows.spent = spent;
  if (byEnv) {
    byEnv.delete(env.key);
    byEnv.set(env.key, rows);
    // As many environments as the module keeps (asOf and review options get their own).
    for (const k of byEnv.keys()) {
      if (byEnv.size <= MAX_ENVS) break;
      byEnv.delete(k);
    }
  }
  // Within one kind, children-first order is display order (no row is above another of its kind).
  const byCode = (kind: NodeKind): NodeBudget[] => order[kind];

  return {
    plan: out.line(total, {}),
    goals: byCode('goal') as GoalBudget[],
    outcomes: byCode('outcome'),
    outputs: byCode('output'),
    activities: byCode('activity'),
    currency: conv?.currency ?? null,
    asOf: conv?.asOf ?? opts.asOf ?? null,
    rates: conv ? conv.used() : [],
    missingRates: conv ? conv.missing() : [],
    fundingLines: lineViews,
    bySource: summary.build(conv),
    fiscal: fy.result(currencies, conv),
  };
}

/** Each activity's spending as money lists, with the currencies in them (in the order found), kept for one plan's reviews. */
interface Spent {
  /** What they were made from (see {@link sameReviews}). */
  reviewId: string | undefined;
  snapshot: unknown[];
  spent: Map<string, Money[]>;
  currencies: string[];
}
/** Where the last spending lists of a plan are kept: its state's slot, or {@link looseSpent}. */
interface SpentHolder {
  last: Spent | null;
}
/** The last spending lists of a plan with no state of its own, held weakly (SPEC DK6). */
const looseSpent = new LooseKeep((): SpentHolder => ({ last: null }));

/** The fields of reviews and their activity entries that spending reads, flat (RV1, RV2). */
function reviewFields(reviews: readonly Review[]): unknown[] {
  const out: unknown[] = [];
  for (const r of reviews) {
    out.push(r.id, r.archived, r.start, r.end, r.reporting, r.activities.length);
    for (const e of r.activities) out.push(e.activityId, e.expenditure?.amount, e.expenditure?.currency);
  }
  return out;
}

/** Whether `reviewFields(reviews)` would equal `f` (checked without making the list). */
function sameReviews(f: readonly unknown[], reviews: readonly Review[]): boolean {
  let i = 0;
  for (const r of reviews) {
    if (f[i] !== r.id || f[i + 1] !== r.archived || f[i + 2] !== r.start || f[i + 3] !== r.end || f[i + 4] !== r.reporting || f[i + 5] !== r.activities.length) return false;
    i += 6;
    for (const e of r.activities) {
      if (f[i] !== e.activityId || f[i + 1] !== e.expenditure?.amount || f[i + 2] !== e.expenditure?.currency) return false;
      i += 3;
    }
  }
  return i === f.length;
}

/**
 * Each activity's actual spending (`spentByActivity`, RV2) as money lists, the same lists as the
 * last call's while the reviews' fields it reads are the same (compared by value: SPEC DJ5), so an
 * activity's kept budget line is checked against its spending by identity.
 */
function spentLists(plan: PlanData, reviewId: string | undefined, holder: SpentHolder): Spent {
  const reviews = plan.reviews;
  const lastSpent = holder.last;
  if (lastSpent && lastSpent.reviewId === reviewId && sameReviews(lastSpent.snapshot, reviews)) return lastSpent;
  const spent = new Map<string, Money[]>();
  const currencies = new Set<string>();
  for (const [activityId, totals] of spentByActivity(plan, reviewId)) {
    const list = totals.list();
    for (const m of list) currencies.add(m.currency);
    spent.set(activityId, list);
  }
  return (holder.last = { reviewId, snapshot: reviewFields(reviews), spent, currencies: [...currencies] });
}

/** The result lists written from kept pieces. */
const FRAGMENT_LISTS: ReadonlySet<string> = new Set(['goals', 'outcomes', 'outputs', 'activities', 'fundingLines']);

/**
 * `JSON.stringify(budget)`, byte for byte (SPEC DI3), with each node line and funding line
 * written once per object and each run of unchanged lines joined once (`listJson`): a roll-up after an
 * edit shares the unchanged lines of the last one, so only the changed lines and their runs are
 * written again and the answer is a concatenation of kept pieces. Lines must not be changed
 * after they were written.
 */
export function stringifyBudget(budget: BudgetRollup): string {
  return budgetJsonPieces(budget).join('');
}

/** {@link stringifyBudget}'s text in pieces (SPEC DK1): each kept run of lines is a piece of its own. */
export function budgetJsonPieces(budget: BudgetRollup): string[] {
  const out = new JsonPieces();
  out.text('{');
  let first = true;
  for (const [key, value] of Object.entries(budget)) {
    if (value === undefined) continue;
    out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (FRAGMENT_LISTS.has(key) && Array.isArray(value)) listJsonPieces(value as object[], out);
    else out.text(JSON.stringify(value));
  }
  out.text('}');
  return out.done();
}

/** Planned money per fiscal year (CU5): each dated activity's budget spread over its days. */
class FiscalYears {
  private readonly years = new Map<number, Map<string, number>>();
  private readonly unscheduled = new Map<string, number>();
  constructor(readonly startMonth: number) {}

  /** How a budgeted activity's money falls into fiscal years (null: undated, so unscheduled). */
  split(a: Activity): [number, number][] | null {
    if (!a.start || !a.end || a.end < a.start) return null;
    return splitByFiscalYear(a.budget!.amount, a.start, a.end, this.startMonth);
  }

  /** Counts budget `b` as split by {@link split}. */
  add(b: Money, split: [number, number][] | null): void {
    if (split === null) {
      this.unscheduled.set(b.currency, (this.unscheduled.get(b.currency) ?? 0) + b.amount);
      return;
    }
    for (const [year, share] of split) {
      let m = this.years.get(year);
      if (!m) this.years.set(year, (m = new Map()));
      m.set(b.currency, (m.get(b.currency) ?? 0) + share);
    }
  }

  result(sorted: readonly string[], conv: Converter | null): BudgetRollup['fiscal'] {
    const money = (m: Map<string, number>): Money[] => sorted.filter((c) => m.has(c)).map((c) => ({ amount: roundMoney(m.get(c)!), currency: c }));
    const convert = (list: Money[]): number | null => (conv ? convertList(conv, list) : null);
    const years = [...this.years.keys()].sort((a, b) => a - b).map((y) => {
      const planned = money(this.years.get(y)!);
      return { ...fiscalYear(y, this.startMonth), planned, converted: convert(planned) };
    });
    return { startMonth: this.startMonth, years, unscheduled: money(this.unscheduled) };
  }
}
