import type * as Y from 'yjs';
import type { JsonBody } from './json-parts.js';

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
/** Most bytes of JSON kept over all plans (a 60,000-activity budget is about 26 million); least recently used plans go first. */
export const MAX_CACHED_CHARS = 64 * 1024 * 1024;

/**
 * The last derived values of each plan, valid for one (doc, version): a hit needs the very doc
 * and version they were computed from, so an unloaded and reloaded plan (a new doc) or any edit
 * misses. Holds at most {@link MAX_CACHED_PLANS} plans and {@link MAX_CACHED_CHARS} bytes
 * (the plan just set is kept whole).
 */
export class DerivedCache {
  private readonly plans = new Map<string, { doc: WeakRef<Y.Doc>; version: number; values: Map<string, JsonBody>; chars: number }>();
  /** Bytes of JSON kept now (pieces shared by two versions count twice). */
  chars = 0;

  /** A cache of at most `maxChars` characters of JSON (tests pass a small bound). */
  constructor(private readonly maxChars = MAX_CACHED_CHARS) {}
  /** Answers served from the cache (for tests and the bench). */
  hits = 0;

  /** The value `name` of plan `planId` computed from this doc at this version, or undefined. */
  get(planId: string, doc: Y.Doc, version: number, name: string): JsonBody | undefined {
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
  set(planId: string, doc: Y.Doc, version: number, name: string, value: JsonBody): void {
    let entry = this.plans.get(planId);
    if (!entry || entry.doc.deref() !== doc || entry.version !== version) {
      if (entry) this.chars -= entry.chars;
      entry = { doc: new WeakRef(doc), version, values: new Map(), chars: 0 };
    }
    const old = entry.values.get(name);
    if (old !== undefined) {
      entry.chars -= old.bytes;
      this.chars -= old.bytes;
    }
    entry.values.set(name, value);
    entry.chars += value.bytes;
    this.chars += value.bytes;
    this.plans.delete(planId);
    this.plans.set(planId, entry);
    for (const [id, e] of this.plans) {
      if (id === planId || (this.plans.size <= MAX_CACHED_PLANS && this.chars <= this.maxChars)) break;
      this.chars -= e.chars;
      this.plans.delete(id);
    }
  }
}
