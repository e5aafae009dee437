import type * as Y from 'yjs';

/**
 * Derived values (issues, budget, ranking, export.json) cached per document version, so a
 * repeated request on an unchanged live plan costs a map lookup: no encoding, no thread, no
 * rebuild. A doc's version is a counter that an `afterTransaction` listener bumps on every
 * transaction that changed something (one comparison per transaction on the relay path, no
 * encoding); deletions count, which a state vector alone would miss.
 */

const versions = new WeakMap<Y.Doc, { n: number }>();

/**
 * The version of `doc`: a number that changes whenever the doc's content changes (an insertion or
 * a deletion), counted from the first call for that doc. Equal numbers for the same doc mean the
 * same content.
 */
export function docVersion(doc: Y.Doc): number {
  let v = versions.get(doc);
  if (!v) {
    const counter = { n: 0 };
    v = counter;
    versions.set(doc, counter);
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.deleteSet.clients.size > 0 || changedClock(tr)) counter.n++;
    });
  }
  return v.n;
}

/** Whether a transaction added items (some client's clock moved). */
function changedClock(tr: Y.Transaction): boolean {
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/** Most plans whose derived values are kept (least recently used dropped first). */
export const MAX_CACHED_PLANS = 16;

/**
 * The last derived values of each plan, valid for one (doc, version): a hit needs the very doc
 * and version they were computed from, so an unloaded and reloaded plan (a new doc) or any edit
 * misses. Holds at most {@link MAX_CACHED_PLANS} plans.
 */
export class DerivedCache {
  private readonly plans = new Map<string, { doc: WeakRef<Y.Doc>; version: number; values: Map<string, string> }>();
  /** Answers served from the cache (for tests and the bench). */
  hits = 0;

  /** The value `name` of plan `planId` computed from this doc at this version, or undefined. */
  get(planId: string, doc: Y.Doc, version: number, name: string): string | undefined {
    const entry = this.plans.get(planId);
    if (!entry || entry.doc.deref() !== doc || entry.version !== version) return undefined;
    const value = entry.values.get(name);
    if (value !== undefined) {
      this.hits++;
      this.plans.delete(planId);
      this.plans.set(planId, entry);
    }
    return value;
  }

  /** Keeps `value` as `name` of plan `planId` at (doc, version); values of older versions go. */
  set(planId: string, doc: Y.Doc, version: number, name: string, value: string): void {
    let entry = this.plans.get(planId);
    if (!entry || entry.doc.deref() !== doc || entry.version !== version) {
      entry = { doc: new WeakRef(doc), version, values: new Map() };
    }
    entry.values.set(name, value);
    this.plans.delete(planId);
    this.plans.set(planId, entry);
    for (const id of this.plans.keys()) {
      if (this.plans.size <= MAX_CACHED_PLANS) break;
      this.plans.delete(id);
    }
  }
}
