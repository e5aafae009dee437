import { commentCounts, type CommentCount } from '../../shared/domain/comments.js';
import type * as Y from 'yjs';
import {
  buildForest,
  nodeCodes,
  type RowCode,
  rankGoals,
  rollupBudget,
  validatePlan,
  type BudgetRollup,
  type Forest,
  type Issue,
  type PlanData,
  type Ranking,
} from '../../shared/model.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';

/** A render slower than this (ms) makes the store coalesce the next burst of changes. */
const SLOW_RENDER_MS = 40;
/** Longest time (ms) a change may wait for its render while changes are being coalesced. */
const MAX_COALESCE_MS = 400;

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

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.projection = new PlanProjection(doc);
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (): void => {
    this.version++;
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
    return this.scheduled;
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

  get ranking(): Ranking {
    return this.memo('ranking', rankGoals);
  }
  get issues(): Issue[] {
    return this.memo('issues', validatePlan);
  }
  get budget(): BudgetRollup {
    return this.memo('budget', (plan) => rollupBudget(plan));
  }
  /** Budget with actual expenditure from one review period only. */
  budgetFor(reviewId: string): BudgetRollup {
    return this.memo(`budget:${reviewId}`, (plan) => rollupBudget(plan, { reviewId }));
  }
  get forest(): Forest {
    return this.memo('forest', (plan) => buildForest(plan));
  }
  get codes(): Map<string, RowCode> {
    return this.memo('codes', nodeCodes);
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
    this.doc.off('update', this.onUpdate);
    this.projection.destroy();
    this.listeners.clear();
  }
}
