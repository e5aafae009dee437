/// <reference types="vite/client" />
import { commentCounts, type CommentCount } from '../../shared/domain/comments.js';
import type * as Y from 'yjs';
import { buildForest, nodeCodes, type RowCode, type Forest, type TreeNode } from '../../shared/domain/tree.js';
import type { Ranking } from '../../shared/domain/scoring.js';
import type { BudgetRollup } from '../../shared/domain/budget.js';
import type { Issue } from '../../shared/domain/validation.js';
import type * as Derived from './derived.js';
import type { PlanData } from '../../shared/schema/types.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';

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
/** How long (ms) the plan must be quiet before lagging values are computed again. */
const QUIET_MS = 120;

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
  /** The matrix's tree and codes with the projection they were built from (kept while its shape is unchanged). */
  private tree: { plan: PlanData; forest: Forest } | null = null;
  private codeMap: { plan: PlanData; codes: Map<string, RowCode> } | null = null;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.projection = new PlanProjection(doc);
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (): void => {
    this.version++;
    this.changedAt = now();
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
    return this.scheduled || this.refreshTimer !== null;
  }

  /** Increases on every change of the doc. */
  get revision(): number {
    return this.version;
  }

  /** The whole plan as plain data (equal to `readPlan(doc)`; updated from the changed entities only). */
  get plan(): PlanData {
    return this.projection.plan;
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
    if (kept && kept.cost >= LAG_FROM_MS && now() - this.changedAt < QUIET_MS) {
      this.scheduleRefresh();
      return kept.value as T;
    }
    const start = now();
    const value = this.memo(key, make);
    this.lagged.set(key, { plan, value, cost: now() - start });
    return value;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== null) return;
    const tick = (): void => {
      const wait = this.changedAt + QUIET_MS - now();
      if (wait > 0) {
        this.refreshTimer = setTimeout(tick, wait);
        return;
      }
      this.refreshTimer = null;
      this.notify();
    };
    this.refreshTimer = setTimeout(tick, Math.max(0, this.changedAt + QUIET_MS - now()));
  }

  get ranking(): Ranking {
    return this.memo('ranking', derive().rankGoals);
  }
  /** Validation issues of the plan (may lag while it is edited: SPEC VM4). */
  get issues(): Issue[] {
    return this.lagging('issues', derive().validatePlan);
  }
  /** Budget roll-up of the plan (may lag while it is edited: SPEC VM4). */
  get budget(): BudgetRollup {
    return this.lagging('budget', (plan) => derive().rollupBudget(plan));
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
    const forest = kept && sameShape(kept.plan, plan) ? { ...kept.forest, goals: retitle(kept.forest.goals, titlesOf(plan)) } : buildForest(plan);
    this.tree = { plan, forest };
    return forest;
  }
  /** The codes of the matrix's rows (exact; kept while the matrix's shape is unchanged). */
  get codes(): Map<string, RowCode> {
    const plan = this.plan;
    const kept = this.codeMap;
    if (kept && (kept.plan === plan || sameShape(kept.plan, plan))) {
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
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.doc.off('update', this.onUpdate);
    this.projection.destroy();
    this.listeners.clear();
  }
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
