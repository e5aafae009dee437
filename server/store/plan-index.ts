import type { PlanMeta } from './storage.js';

/**
 * The in-memory metadata of every plan, for stores whose `list`, `get`, `has`, `touch` and
 * `setTitle` answer from memory (the file store and the PostgreSQL store read it at open and
 * write it with their own writes). `touch` and `setTitle` change only memory: the store writes
 * the values at its next write of the plan.
 */
export abstract class PlanIndex {
  /** Metadata by plan id. */
  protected readonly index = new Map<string, PlanMeta>();

  /** All plans, most recently updated first. */
  list(): PlanMeta[] {
    return [...this.index.values()].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** One plan's metadata, or undefined. */
  get(id: string): PlanMeta | undefined {
    return this.index.get(id);
  }

  /** True when the plan exists. */
  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Marks a plan as changed now, optionally with a new title (in memory; stored with the next write). */
  touch(id: string, title?: string): void {
    const meta = this.index.get(id);
    if (!meta) return;
    meta.updatedAt = new Date().toISOString();
    if (title !== undefined) meta.title = title;
  }

  /** Sets a plan's title (in memory; stored with the next write). */
  setTitle(id: string, title: string): void {
    const meta = this.index.get(id);
    if (meta) meta.title = title;
  }
}
