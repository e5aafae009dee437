/// <reference types="vite/client" />
import { commentCounts, type CommentCount } from '../../shared/domain/comment-targets.js';
import * as Y from 'yjs';
import { ENTITIES } from '../../shared/schema/registry.js';
import { buildForest, nodeCodes, type RowCode, type Forest, type TreeNode } from '../../shared/domain/tree.js';
import type { GoalRanking, Ranking } from '../../shared/domain/scoring.js';
import type { BudgetRollup, NodeBudget } from '../../shared/domain/budget.js';
import type { Issue } from '../../shared/domain/validation.js';
import type * as Derived from './derived.js';
import type { PlanData } from '../../shared/schema/types.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';
import { WORKER_KEYS, type WorkerKey, type WorkerValues } from './derived-protocol.js';
import type { DerivedWorker } from './derived-client.js';

let derived: typeof Derived | null = null;
let derivedLoad: Promise<void> | null = null;

/**
 * Loads the code of the derived values (issues, budget, ranking: `./derived.ts`, its own chunk)
 * once. The first screen starts it and does not wait; the views that read {@link PlanStore.issues},
 * {@link PlanStore.budget} or {@link PlanStore.ranking} are loaded after it (`client/views.ts`).
 */
export function loadDerived(): Promise<void> {
  derivedLoad ??= import('./derived.js').then(
    (m) => {
      derived = m;
    },
    (err: unknown) => {
      derivedLoad = null;
      throw err;
    },
  );
  return derivedLoad;
}

/** The derived-value code; throws when a caller reads a derived value before {@link loadDerived} finished. */
function derive(): typeof Derived {
  if (!derived) throw new Error('derived values read before loadDerived() finished');
  return derived;
}

// Tests and development (no production build): loaded before anything reads the store.
if (!import.meta.env.PROD) await loadDerived();

/** A render slower than this (ms) makes the store coalesce the next burst of changes. */
const SLOW_RENDER_MS = 40;
/** Longest time (ms) a change may wait for its render while changes are being coalesced. */
const MAX_COALESCE_MS = 400;

/**
 * Issues and budgets that take longer than this (ms) to compute follow the plan with a short lag
 * while it is being edited (SPEC VM4): typing shows at once, the badges and roll-ups after a pause.
 */
const LAG_FROM_MS = 4;
/**
 * How long (ms) the plan must be quiet before lagging values are computed again: a pause in
 * typing, not the gap between two keystrokes (120 ms was shorter than many people's gaps, so a
 * 5,000-activity plan recomputed its issues between keystrokes).
 */
const QUIET_MS = 600;
/** Longest wait (ms) for an idle moment once the plan is quiet (then lagging values are computed anyway). */
const IDLE_TIMEOUT_MS = 500;
/**
 * Plans with at least this many matrix rows (goals, outcomes, outputs and activities) compute
 * their lagging values in the derived-values worker from the first (SPEC UW1); smaller plans move
 * there once a value took {@link LAG_FROM_MS} or more on the page's thread.
 */
const WORKER_FROM_ROWS = 500;
/** Steps between projections kept to answer {@link PlanStore.textEditsBetween}. */
const MAX_STEPS = 32;

/** Options of a {@link PlanStore} (tests use them to make every value exact). */
export interface PlanStoreOptions {
  /** Values that take at least this long (ms) to compute may lag while the plan changes (default 4). */
  lagFromMs?: number;
  /** How long (ms) the plan must be quiet before lagging values are computed again (default 600). */
  quietMs?: number;
  /**
   * Where issues and the budget are computed (SPEC UW1): `false` always on the page's thread,
   * `true` in the derived-values worker whenever the page has `Worker`; by default in the worker
   * for a large or slow plan when the page has `Worker` (happy-dom and Node have none).
   */
  worker?: boolean;
}

/** One step between two projections: the matrix nodes whose text alone changed, or null (anything else changed). */
interface Step {
  from: PlanData;
  to: PlanData;
  textIds: ReadonlySet<string> | null;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A listener told that the plan changed (called at most once per microtask). */
export type PlanListener = () => void;

/**
 * The plain projection of one plan's doc, shared by every component of a workspace. The
 * projection ({@link PlanProjection}, SPEC PF2) re-reads only the entities a change touched, and
 * only when someone asks; derived values (ranking,
 * issues, budgets, forest) are computed once per projection. Listeners are notified once per
 * microtask however many transactions arrived, so a burst of remote updates renders once.
 */
export class PlanStore {
  readonly doc: Y.Doc;
  private version = 0;
  private readonly projection: PlanProjection;
  /** Derived values, kept while the lists they read are unchanged (SPEC PF3). */
  private readonly derived = new DerivedMemo();
  private readonly listeners = new Set<PlanListener>();
  private scheduled = false;
  /** When the last notification ran and how long it (with the renders it caused) took. */
  private lastAt = -Infinity;
  private lastCost = 0;
  /** When the doc last changed. */
  private changedAt = -Infinity;
  /** Lagging values (issues, budgets): the last computed, for which plan, and how long it took. */
  private readonly lagged = new Map<string, { plan: PlanData; value: unknown; cost: number }>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** A refresh of lagging values is waiting (for quiet, then for an idle moment). */
  private refreshing = false;
  /** The matrix's tree and codes with the projection they were built from (kept while its shape is unchanged). */
  private tree: { plan: PlanData; forest: Forest; paths: Map<string, number[]> | null } | null = null;
  /** The last projection handed out, what changed since it (node ids with text edits only, or null), and the steps before. */
  private last: PlanData | null = null;
  private textIds: Set<string> | null = new Set();
  private readonly steps: Step[] = [];
  private readonly nodesRoot: Y.Map<unknown>;
  /** A budget whose titles were patched, to the roll-up its figures come from. */
  private readonly figures = new WeakMap<BudgetRollup, BudgetRollup>();
  /** Where each row sits in a budget's node lists (built once per computed roll-up). */
  private readonly budgetIndex = new WeakMap<BudgetRollup, Map<string, [BudgetList, number]>>();
  private readonly lagFromMs: number;
  private readonly quietMs: number;
  private codeMap: { plan: PlanData; codes: Map<string, RowCode> } | null = null;
  /** The last ranking handed out and the projection it is exact for (SPEC KS1). */
  private rankingKept: { plan: PlanData; value: Ranking } | null = null;
  /** The derived-values worker (SPEC UW1), once spawned; null before, and after it failed. */
  private worker: DerivedWorker | null = null;
  /** The worker failed (could not load, threw): lagging values are computed on the page's thread again. */
  private workerFailed = false;
  private readonly workerMode: boolean | undefined;
  /** The question the worker is answering: at which revision, of which projection, for which values. */
  private asked: { seq: number; plan: PlanData; keys: WorkerKey[] } | null = null;
  /** Values read since the last question whose kept value is older than the plan. */
  private readonly wanted = new Set<WorkerKey>();
  private askTimer: ReturnType<typeof setTimeout> | null = null;
  /** Answers taken from the worker (for tests and diagnostics). */
  workerAnswers = 0;
  /** The worker's compute time (ms) for its last answer (for diagnostics). */
  workerMs = 0;

  constructor(doc: Y.Doc, opts: PlanStoreOptions = {}) {
    this.doc = doc;
    this.lagFromMs = opts.lagFromMs ?? LAG_FROM_MS;
    this.quietMs = opts.quietMs ?? QUIET_MS;
    this.workerMode = opts.worker;
    this.nodesRoot = doc.getMap(ENTITIES.goal.root);
    this.projection = new PlanProjection(doc);
    doc.on('afterTransaction', this.onTransaction);
    doc.on('update', this.onUpdate);
  }

  /** Notes which matrix nodes a transaction changed only the text of (anything else: `textIds` = null). */
  private readonly onTransaction = (tr: Y.Transaction): void => {
    const ids = this.textIds;
    if (ids === null) return;
    for (const type of tr.changed.keys()) {
      const id = textNodeOf(type, this.nodesRoot);
      if (id === null) {
        this.textIds = null;
        return;
      }
      ids.add(id);
    }
  };

  private readonly onUpdate = (update: Uint8Array): void => {
    this.version++;
    this.changedAt = now();
    this.worker?.update(update, this.version);
    if (this.scheduled) return;
    this.scheduled = true;
    // Small plans render at once. When a render got expensive (a large matrix), bursts of
    // changes (typing, a stream of remote updates) are coalesced so the page keeps up: the next
    // render waits about twice as long as the last one took.
    const gap = this.lastCost > SLOW_RENDER_MS ? Math.min(this.lastCost * 2, MAX_COALESCE_MS) : 0;
    const wait = this.lastAt + gap - now();
    if (wait > 0) setTimeout(this.notify, wait);
    else queueMicrotask(this.notify);
  };

  private readonly notify = (): void => {
    this.scheduled = false;
    const start = now();
    for (const l of [...this.listeners]) l();
    // Lit renders in microtasks after requestUpdate; a macrotask later they are done.
    setTimeout(() => {
      this.lastAt = now();
      this.lastCost = this.lastAt - start;
    }, 0);
  };

  /** True while a change is waiting to be announced to listeners (renders are coalesced). */
  get pending(): boolean {
    return this.scheduled || this.refreshing || this.asked !== null || this.askTimer !== null;
  }

  /** True while issues and the budget are computed in the derived-values worker (SPEC UW1). */
  get offThread(): boolean {
    return this.worker !== null;
  }

  /** Increases on every change of the doc. */
  get revision(): number {
    return this.version;
  }

  /** The whole plan as plain data (equal to `readPlan(doc)`; updated from the changed entities only). */
  get plan(): PlanData {
    const plan = this.projection.plan;
    if (plan !== this.last) {
      if (this.last !== null) {
        this.steps.push({ from: this.last, to: plan, textIds: this.textIds });
        if (this.steps.length > MAX_STEPS) this.steps.shift();
      }
      this.last = plan;
      this.textIds = new Set();
    }
    return plan;
  }

  /**
   * The matrix nodes whose collaborative text alone changed from projection `from` to projection
   * `to` (both handed out by this store, `from` first), so views can patch those rows instead of
   * rebuilding: an empty set when they are the same, null when anything else changed in between
   * (a node added, moved, archived, a scalar field, another root) or `from` is too old to tell.
   */
  textEditsBetween(from: PlanData, to: PlanData): ReadonlySet<string> | null {
    if (from === to) return new Set();
    let at = this.steps.findIndex((s) => s.from === from);
    if (at < 0) return null;
    const ids = new Set<string>();
    for (; at < this.steps.length; at++) {
      const step = this.steps[at]!;
      if (step.textIds === null) return null;
      for (const id of step.textIds) ids.add(id);
      if (step.to === to) return ids;
    }
    return null;
  }

  /** The current item of matrix node `id` (the very object the plan's lists hold), or undefined. */
  nodeItem(id: string): PlanData['activities'][number] | PlanData['goals'][number] | undefined {
    void this.plan;
    return this.projection.node(id) as PlanData['activities'][number] | undefined;
  }

  private memo<T>(key: string, make: (plan: PlanData) => T): T {
    return this.derived.get(key, this.plan, make);
  }

  /**
   * A derived value that may lag (SPEC VM4): while the plan changed less than {@link QUIET_MS}
   * ago and the value last took {@link LAG_FROM_MS} or more to compute, the last value is
   * returned and a fresh one is computed once the plan is quiet (listeners are then told, so the
   * page shows it). Cheap values, and every value on a quiet plan, are exact.
   */
  private lagging<T>(key: string, make: (plan: PlanData) => T): T {
    const plan = this.plan;
    const kept = this.lagged.get(key);
    if (kept && kept.plan === plan) return kept.value as T;
    if (isWorkerKey(key) && this.useWorker(plan, kept?.cost)) {
      this.ask(key, kept !== undefined);
      return (kept ? kept.value : this.placeholder(key, plan)) as T;
    }
    if (kept && kept.cost >= this.lagFromMs && now() - this.changedAt < this.quietMs) {
      this.scheduleRefresh();
      return kept.value as T;
    }
    const start = now();
    const value = this.memo(key, make);
    this.lagged.set(key, { plan, value, cost: now() - start });
    return value;
  }

  /**
   * One refresh at a time: it waits until the plan has been quiet for `quietMs` (a change meanwhile
   * moves the wait on, never adds a timer), then for an idle moment of the page (at most
   * {@link IDLE_TIMEOUT_MS}), so the lagging values are computed between keystrokes, not during one.
   */
  private scheduleRefresh(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    let idled = false;
    const tick = (): void => {
      this.refreshTimer = null;
      if (!this.refreshing) return;
      const wait = this.changedAt + this.quietMs - now();
      if (wait > 0) {
        idled = false;
        this.refreshTimer = setTimeout(tick, wait);
        return;
      }
      if (idle && !idled) {
        idled = true;
        idle(tick, { timeout: IDLE_TIMEOUT_MS });
        return;
      }
      this.refreshing = false;
      this.notify();
    };
    this.refreshTimer = setTimeout(tick, Math.max(0, this.changedAt + this.quietMs - now()));
  }

  /**
   * True when lagging values should come from the worker: one is running, or the page has
   * `Worker`, it has not failed, and the plan is large ({@link WORKER_FROM_ROWS}) or a value took
   * {@link LAG_FROM_MS} or more here (`cost`), unless the options say otherwise.
   */
  private useWorker(plan: PlanData, cost: number | undefined): boolean {
    if (this.worker) return true;
    if (this.workerFailed || this.workerMode === false || typeof Worker === 'undefined') return false;
    if (this.workerMode === true) return true;
    const rows = plan.goals.length + plan.outcomes.length + plan.outputs.length + plan.activities.length;
    return rows >= WORKER_FROM_ROWS || (cost !== undefined && cost >= this.lagFromMs);
  }

  /**
   * Asks the worker for `key` at the current revision: at once when there is no value yet (`have`
   * false), else once the plan has been quiet for `quietMs` (600 ms: an answer that changes
   * issues or budgets re-renders the matrix, which must not fall between two keystrokes). One question at a time;
   * values read meanwhile join the next.
   */
  private ask(key: WorkerKey, have: boolean): void {
    this.wanted.add(key);
    if (this.asked || this.askTimer) return;
    const send = (): void => {
      this.askTimer = null;
      const wait = this.changedAt + this.quietMs - now();
      if (have && wait > 0) {
        this.askTimer = setTimeout(send, wait);
        return;
      }
      const worker = this.spawn();
      if (!worker) return this.notify();
      const keys = [...this.wanted];
      this.wanted.clear();
      this.asked = { seq: this.version, plan: this.plan, keys };
      worker.ask(this.version, keys);
    };
    if (have) this.askTimer = setTimeout(send, Math.max(0, this.changedAt + this.quietMs - now()));
    else send();
  }

  /** The worker, spawned on the first question with the whole doc; null when it cannot start. */
  private spawn(): DerivedWorker | null {
    if (this.worker) return this.worker;
    try {
      this.worker = new (derive().DerivedWorker)(this.doc, this.version, this.workerEvents);
    } catch (err) {
      this.dropWorker(err);
      return null;
    }
    return this.worker;
  }

  /** The worker's answers: the current question's values are kept with its projection, then listeners are told. */
  private readonly workerEvents = {
    accept: (seq: number): readonly WorkerKey[] | null => (this.asked && this.asked.seq === seq ? this.asked.keys : null),
    values: (values: Partial<WorkerValues>, ms: number): void => {
      const asked = this.asked!;
      this.asked = null;
      this.workerAnswers++;
      this.workerMs = ms;
      for (const [key, value] of Object.entries(values)) this.lagged.set(key, { plan: asked.plan, value, cost: ms });
      this.notify();
    },
    failed: (reason: unknown): void => this.dropWorker(reason),
  };

  /** Stops using the worker (it failed): lagging values are computed on the page's thread from now on. */
  private dropWorker(reason: unknown): void {
    console.warn('derived values on the page thread:', reason);
    this.worker?.terminate();
    this.worker = null;
    this.workerFailed = true;
    this.asked = null;
    this.wanted.clear();
    if (this.askTimer !== null) clearTimeout(this.askTimer);
    this.askTimer = null;
    this.notify();
  }

  /** What a value shows before the worker's first answer: no issues, a budget of an empty matrix. */
  private placeholder(key: WorkerKey, plan: PlanData): unknown {
    if (key === 'issues') return NO_ISSUES;
    const empty = Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, Array.isArray(v) ? [] : v])) as unknown as PlanData;
    return derive().rollupBudget(empty);
  }

  /**
   * The goals' ranking (exact). While only the text of matrix rows changed since the last one
   * handed out, it is that ranking with the retitled goals' titles (SPEC KS1: typing a goal's
   * title scores nothing again); the goals whose title is the same keep their objects, and the
   * ranking keeps its identity when no goal's title changed.
   */
  get ranking(): Ranking {
    const plan = this.plan;
    const kept = this.rankingKept;
    if (kept && kept.plan === plan) return kept.value;
    const ids = kept ? this.textEditsBetween(kept.plan, plan) : null;
    const value = kept && ids ? this.retitleRanking(kept.value, ids) : this.memo('ranking', derive().rankGoals);
    this.rankingKept = { plan, value };
    return value;
  }

  /** `ranking` with the titles of the goals among `ids` as the plan has them now. */
  private retitleRanking(ranking: Ranking, ids: ReadonlySet<string>): Ranking {
    let goals: GoalRanking[] | null = null;
    ranking.goals.forEach((g, i) => {
      const title = ids.has(g.goalId) ? this.nodeItem(g.goalId)?.title : undefined;
      if (title === undefined || title === g.title) return;
      goals ??= [...ranking.goals];
      goals[i] = { ...g, title };
    });
    return goals ? { ...ranking, goals } : ranking;
  }
  /** Validation issues of the plan (may lag while it is edited: SPEC VM4). */
  get issues(): Issue[] {
    return this.lagging('issues', derive().validatePlan);
  }
  /**
   * Budget roll-up of the plan (may lag while it is edited: SPEC VM4). While only text changed
   * since the last roll-up, it is that roll-up with the changed rows' titles (exact, UP1).
   */
  get budget(): BudgetRollup {
    const plan = this.plan;
    const kept = this.lagged.get('budget') as { plan: PlanData; value: BudgetRollup; cost: number } | undefined;
    if (kept && kept.plan !== plan) {
      const ids = this.textEditsBetween(kept.plan, plan);
      if (ids) {
        const value = this.retitleBudget(kept.value, ids);
        this.lagged.set('budget', { plan, value, cost: kept.cost });
        return value;
      }
    }
    return this.lagging('budget', (p) => derive().rollupBudget(p));
  }

  /**
   * The roll-up a budget's figures come from: the same for a budget whose titles alone were
   * patched, so a view can keep what it derived from the figures.
   */
  budgetFigures(budget: BudgetRollup): BudgetRollup {
    return this.figures.get(budget) ?? budget;
  }

  /** `budget` with the titles of `ids` as the plan has them now; unchanged lists keep their identity. */
  private retitleBudget(budget: BudgetRollup, ids: ReadonlySet<string>): BudgetRollup {
    const index = this.budgetRows(budget);
    const out: BudgetRollup = { ...budget };
    const copied = new Set<BudgetList>();
    for (const id of ids) {
      const at = index.get(id);
      const title = this.nodeItem(id)?.title;
      if (!at || title === undefined) continue;
      const [list, i] = at;
      if (out[list][i]!.title === title) continue;
      if (!copied.has(list)) {
        copied.add(list);
        (out as unknown as Record<BudgetList, NodeBudget[]>)[list] = [...out[list]];
      }
      (out[list] as NodeBudget[])[i] = { ...out[list][i]!, title };
    }
    if (copied.size === 0) return budget;
    this.figures.set(out, this.budgetFigures(budget));
    return out;
  }
  /** Where each row sits in the node lists of `budget`'s roll-up (built once per computed roll-up). */
  private budgetRows(budget: BudgetRollup): Map<string, [BudgetList, number]> {
    const base = this.budgetFigures(budget);
    let index = this.budgetIndex.get(base);
    if (!index) {
      index = new Map();
      for (const list of BUDGET_LISTS) budget[list].forEach((b, i) => index!.set(b.id, [list, i]));
      this.budgetIndex.set(base, index);
    }
    return index;
  }

  /**
   * Builds now what the first text edit after a rebuild reads and would otherwise build during
   * that keystroke: the matrix tree's row paths and the kept budget's row index (each made once
   * per tree or roll-up). The matrix calls it in an idle moment after it rebuilt its rows
   * (SPEC MP2). Changes no value.
   */
  prepareTextEdits(): void {
    const forest = this.forest;
    this.tree!.paths ??= treePaths(forest.goals);
    const kept = this.lagged.get('budget') as { value: BudgetRollup } | undefined;
    if (kept) this.budgetRows(kept.value);
  }

  /** Budget with actual expenditure from one review period only. */
  budgetFor(reviewId: string): BudgetRollup {
    return this.memo(`budget:${reviewId}`, (plan) => derive().rollupBudget(plan, { reviewId }));
  }
  /**
   * The matrix as a tree (exact). While only the text of rows changed (same ids, parents, order
   * and archived flags), the kept tree is reused with the new titles (SPEC VM4).
   */
  get forest(): Forest {
    const plan = this.plan;
    const kept = this.tree;
    if (kept && kept.plan === plan) return kept.forest;
    const ids = kept ? this.textEditsBetween(kept.plan, plan) : null;
    if (kept && ids) {
      // Only text changed: a new path down to each retitled row (UP1), every other node kept.
      const paths = kept.paths ?? treePaths(kept.forest.goals);
      let goals = kept.forest.goals;
      for (const id of ids) {
        const path = paths.get(id);
        const title = this.nodeItem(id)?.title;
        if (path && title !== undefined) goals = withTitle(goals, path, 0, title);
      }
      const forest = goals === kept.forest.goals ? kept.forest : { ...kept.forest, goals };
      this.tree = { plan, forest, paths };
      return forest;
    }
    const forest = kept && sameShape(kept.plan, plan) ? { ...kept.forest, goals: retitle(kept.forest.goals, titlesOf(plan)) } : buildForest(plan);
    this.tree = { plan, forest, paths: kept && forest.goals !== kept.forest.goals && sameShape(kept.plan, plan) ? kept.paths : null };
    return forest;
  }

  /** The matrix tree's node of row `id` in {@link forest} (undefined: archived, orphaned or unknown). */
  treeNode(id: string): TreeNode | undefined {
    const forest = this.forest;
    const tree = this.tree!;
    const path = (tree.paths ??= treePaths(forest.goals)).get(id);
    if (!path) return undefined;
    let nodes = forest.goals;
    let node: TreeNode | undefined;
    for (const i of path) {
      node = nodes[i];
      if (!node) return undefined;
      nodes = node.children;
    }
    return node;
  }
  /** The codes of the matrix's rows (exact; kept while the matrix's shape is unchanged). */
  get codes(): Map<string, RowCode> {
    const plan = this.plan;
    const kept = this.codeMap;
    // Text edits alone (the store's steps tell at once: SPEC MP4) keep the shape; else compare it.
    if (kept && (kept.plan === plan || this.textEditsBetween(kept.plan, plan) || sameShape(kept.plan, plan))) {
      this.codeMap = { plan, codes: kept.codes };
      return kept.codes;
    }
    const codes = nodeCodes(plan);
    this.codeMap = { plan, codes };
    return codes;
  }
  /** Comments and open threads per item, by `targetKey` (SPEC CM5). */
  get commentCounts(): Map<string, CommentCount> {
    return this.memo('comments', commentCounts);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: PlanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Number of current subscribers (for tests and diagnostics). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  destroy(): void {
    if (this.askTimer !== null) clearTimeout(this.askTimer);
    this.askTimer = null;
    this.asked = null;
    this.worker?.terminate();
    this.worker = null;
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.refreshing = false;
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    this.projection.destroy();
    this.listeners.clear();
  }
}

const NO_ISSUES: Issue[] = [];
const isWorkerKey = (key: string): key is WorkerKey => (WORKER_KEYS as readonly string[]).includes(key);

type BudgetList = 'goals' | 'outcomes' | 'outputs' | 'activities';
const BUDGET_LISTS: readonly BudgetList[] = ['goals', 'outcomes', 'outputs', 'activities'];

/**
 * The matrix node whose collaborative text `type` is (a Y.Text field of a node map in the nodes
 * root), or null for any other type.
 */
function textNodeOf(type: Y.AbstractType<any>, nodesRoot: Y.Map<unknown>): string | null {
  if (!(type instanceof Y.Text) || type._item === null) return null;
  const node = type._item.parent;
  if (!(node instanceof Y.Map) || node._item === null || node._item.parent !== nodesRoot) return null;
  return node._item.parentSub;
}

/** Where each node of a tree sits: the child index at each level, from its goal down. */
function treePaths(goals: readonly TreeNode[]): Map<string, number[]> {
  const paths = new Map<string, number[]>();
  const walk = (nodes: readonly TreeNode[], prefix: number[]): void => {
    nodes.forEach((n, i) => {
      const path = [...prefix, i];
      paths.set(n.id, path);
      walk(n.children, path);
    });
  };
  walk(goals, []);
  return paths;
}

/** `nodes` with the node at `path` (from `depth` on) titled `title`: copies along the path only. */
function withTitle(nodes: readonly TreeNode[], path: readonly number[], depth: number, title: string): TreeNode[] {
  const at = path[depth]!;
  const n = nodes[at];
  if (!n) return nodes as TreeNode[];
  let next: TreeNode;
  if (depth === path.length - 1) next = n.title === title ? n : { ...n, title };
  else {
    const children = withTitle(n.children, path, depth + 1, title);
    next = children === n.children ? n : { ...n, children };
  }
  if (next === n) return nodes as TreeNode[];
  const copy = nodes.slice();
  copy[at] = next;
  return copy;
}

type Shaped = { id: string; order: string; archived: boolean };
const SHAPE: readonly [keyof PlanData, string | null][] = [
  ['goals', null],
  ['outcomes', 'goalId'],
  ['outputs', 'outcomeId'],
  ['activities', 'outputId'],
];

/**
 * True when two projections hold the same matrix shape: the same rows in the same lists with the
 * same parents, order keys and archived flags (so the tree and codes are the same but for text).
 * Unchanged lists and rows are compared by identity, so this costs one pass over a changed list.
 */
export function sameShape(a: PlanData, b: PlanData): boolean {
  for (const [list, parent] of SHAPE) {
    const x = a[list] as unknown as readonly Shaped[];
    const y = b[list] as unknown as readonly Shaped[];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const p = x[i]!;
      const q = y[i]!;
      if (p === q) continue;
      if (p.id !== q.id || p.order !== q.order || p.archived !== q.archived) return false;
      if (parent && (p as unknown as Record<string, unknown>)[parent] !== (q as unknown as Record<string, unknown>)[parent]) return false;
    }
  }
  return true;
}

function titlesOf(plan: PlanData): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [list] of SHAPE) for (const n of plan[list] as unknown as readonly { id: string; title: string }[]) titles.set(n.id, n.title);
  return titles;
}

/** The tree with each row's title from `titles`; unchanged subtrees keep their identity. */
function retitle(nodes: readonly TreeNode[], titles: ReadonlyMap<string, string>): TreeNode[] {
  let changed = false;
  const out = nodes.map((n) => {
    const children = retitle(n.children, titles);
    const title = titles.get(n.id) ?? n.title;
    if (title === n.title && children.every((c, i) => c === n.children[i])) return n;
    changed = true;
    return { ...n, title, children };
  });
  return changed ? out : (nodes as TreeNode[]);
}
