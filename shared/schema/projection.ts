import * as Y from 'yjs';
import { ENTITIES, NODE_ENTITIES, type EntityDef } from './registry.js';
import { readMetaFields, readNodeItem, readPlan, readTopList } from './read.js';
import { canonicalComparator } from './canonical.js';
import { PLAN_FORMAT, type PlanData } from './types.js';
import { PlanState, bindPlanState } from '../domain/plan-state.js';

type Item = Record<string, unknown>;

/** Top-level lists other than the matrix nodes, with the roots each one is read from (SPEC PF2). */
const TOP_LISTS: readonly { def: EntityDef; roots: ReadonlySet<string> }[] = Object.values(ENTITIES)
  .filter((d) => d.list !== null && !d.container && !d.nodeKind)
  .map((d) => ({
    def: d,
    // A container's list is read again when the root of a cell-stored entity nested in it changes.
    roots: new Set([d.root, ...Object.values(ENTITIES).filter((n) => n.container === d.name && n.storage === 'cell').map((n) => n.root)]),
  }));
const NODES_ROOT: string = ENTITIES.goal.root;
const META_ROOT: string = ENTITIES.meta.root;

/** The canonical order of each matrix node list. */
const COMPARE = new Map(NODE_ENTITIES.map((d) => [d.list!, canonicalComparator(d)]));

/** Where `item` goes in the sorted `arr` (after its equals): binary search, O(log n) comparisons. */
function insertionPoint(arr: readonly Item[], item: Item, cmp: (a: Item, b: Item) => number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(arr[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of this very `item` in the sorted `arr`, or -1. */
function findSorted(arr: readonly Item[], item: Item, cmp: (a: Item, b: Item) => number): number {
  const at = insertionPoint(arr, item, cmp) - 1;
  return at >= 0 && arr[at] === item ? at : -1;
}

/**
 * The plain projection of a live doc (what `readPlan` gives), kept up to date from the changed
 * entities only (SPEC PF2). Each transaction's changed types (`afterTransaction`) are traced to
 * their root and, in the matrix's nodes root, to the node they belong to; the next read re-reads
 * only those nodes (and, for the other roots, only the lists stored in a changed root), and
 * reuses every other item and list as it was. Driven by the registry, so entities added to it are
 * covered without code here. A result is a new `PlanData` object whose unchanged lists (and
 * unchanged node items) keep their identity; it is equal to `readPlan(doc)` at every moment.
 * Each result names the projection's {@link PlanState} (SPEC DJ7), where the derived values keep
 * what they know of this plan's rows, so that state lives exactly as long as the projection.
 */
export class PlanProjection {
  private current: PlanData | null = null;
  private readonly dirtyRoots = new Set<string>();
  private readonly dirtyNodes = new Set<string>();
  /** Each root type's name (rebuilt when a transaction touches a root not seen yet). */
  private rootNames = new Map<Y.AbstractType<any>, string>();
  /** Node items by id, and the list (goals, outcomes...) each sits in. */
  private nodeItems = new Map<string, { list: string; item: Item }>();
  /** Full reads and incremental reads so far (for tests and diagnostics). */
  readonly stats = { full: 0, incremental: 0, nodesRead: 0 };
  /** What derived values keep about this plan between reads (SPEC DJ7); every plan this projection gives names it. */
  readonly state = new PlanState();

  constructor(readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Stops following the doc. */
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.state.clear();
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (this.current === null) return;
    for (const [type, keys] of tr.changed) this.mark(type, keys);
  };

  /** Records what a change to `type` (at `keys`) makes stale: a node, or a whole root. */
  private mark(type: Y.AbstractType<any>, keys: Set<string | null>): void {
    let t = type;
    let below: string | null = null;
    while (t._item !== null) {
      below = t._item.parentSub;
      t = t._item.parent as Y.AbstractType<any>;
    }
    let root = this.rootNames.get(t);
    if (root === undefined) {
      this.rootNames = new Map([...this.doc.share].map(([name, r]) => [r, name]));
      root = this.rootNames.get(t);
      if (root === undefined) return;
    }
    if (root !== NODES_ROOT) {
      this.dirtyRoots.add(root);
    } else if (t === type) {
      // The nodes root itself: nodes added, replaced or deleted under these keys.
      for (const k of keys) if (k !== null) this.dirtyNodes.add(k);
    } else if (below !== null) {
      this.dirtyNodes.add(below);
    }
  }

  /** The current item of matrix node `id` (the very object `plan` lists), or undefined. */
  node(id: string): Record<string, unknown> | undefined {
    void this.plan;
    return this.nodeItems.get(id)?.item;
  }

  /** The plan as plain data, equal to `readPlan(doc)`. */
  get plan(): PlanData {
    if (this.current === null) return this.readAll();
    if (this.dirtyRoots.size === 0 && this.dirtyNodes.size === 0) return this.current;
    this.stats.incremental++;
    const prev = this.current as unknown as Record<string, unknown>;
    const next: Record<string, unknown> = { format: PLAN_FORMAT, ...(this.dirtyRoots.has(META_ROOT) ? readMetaFields(this.doc) : metaOf(prev)) };
    const lists = new Map<string, Item[]>();
    for (const def of NODE_ENTITIES) lists.set(def.list!, prev[def.list!] as Item[]);
    if (this.dirtyNodes.size > 0) this.updateNodes(lists);
    for (const { def, roots } of TOP_LISTS) {
      const stale = [...roots].some((r) => this.dirtyRoots.has(r));
      lists.set(def.list!, stale ? readTopList(this.doc, def) : (prev[def.list!] as Item[]));
    }
    for (const def of Object.values(ENTITIES)) if (def.list !== null && !def.container) next[def.list] = lists.get(def.list);
    this.dirtyRoots.clear();
    this.dirtyNodes.clear();
    bindPlanState(next, this.state);
    return (this.current = next as unknown as PlanData);
  }

  /** Re-reads the dirty nodes into copies of the node lists they leave or join, kept in canonical order. */
  private updateNodes(lists: Map<string, Item[]>): void {
    const copied = new Set<string>();
    const own = (list: string): Item[] => {
      if (!copied.has(list)) {
        copied.add(list);
        lists.set(list, [...lists.get(list)!]);
      }
      return lists.get(list)!;
    };
    for (const id of this.dirtyNodes) {
      this.stats.nodesRead++;
      const old = this.nodeItems.get(id);
      if (old) {
        const arr = own(old.list);
        const at = findSorted(arr, old.item, COMPARE.get(old.list)!);
        arr.splice(at >= 0 ? at : arr.indexOf(old.item), 1);
        this.nodeItems.delete(id);
      }
      const read = readNodeItem(this.doc, id);
      if (read) {
        const arr = own(read.def.list!);
        arr.splice(insertionPoint(arr, read.item, COMPARE.get(read.def.list!)!), 0, read.item);
        this.nodeItems.set(id, { list: read.def.list!, item: read.item });
      }
    }
  }

  private readAll(): PlanData {
    this.stats.full++;
    this.dirtyRoots.clear();
    this.dirtyNodes.clear();
    const plan = readPlan(this.doc);
    this.nodeItems = new Map();
    const lists = plan as unknown as Record<string, Item[]>;
    for (const def of NODE_ENTITIES) for (const item of lists[def.list!]!) this.nodeItems.set(item['id'] as string, { list: def.list!, item });
    bindPlanState(plan, this.state);
    return (this.current = plan);
  }
}

/** The plan-level fields of a projection (everything but `format` and the lists). */
function metaOf(plan: Record<string, unknown>): Record<string, unknown> {
  const lists = new Set(Object.values(ENTITIES).map((d) => d.list));
  return Object.fromEntries(Object.entries(plan).filter(([k]) => k !== 'format' && !lists.has(k)));
}

/**
 * Derived values (issues, budgets, forest...) kept across projections while what they read is
 * unchanged (SPEC PF3). A value is computed through a proxy of the plan that records each
 * top-level field it reads (`plan.activities`, `plan.currency`...); the next projection reuses
 * the value when every recorded field is the very same (`===`) in it. Because
 * {@link PlanProjection} keeps unchanged lists' identity, typing in a Plan of Action section
 * reuses the matrix's issues, budget and forest. A function that lists the plan's keys (spread,
 * `Object.keys`) depends on every field. Derived functions must be pure functions of the plan.
 */
export class DerivedMemo {
  private readonly values = new Map<string, { deps: [string, unknown][]; value: unknown }>();
  /** Values computed (for tests and diagnostics). */
  computed = 0;

  /** The value `key` of `plan`: the kept one when its inputs are unchanged, else `make(plan)`. */
  get<T>(key: string, plan: PlanData, make: (plan: PlanData) => T): T {
    const record = plan as unknown as Record<string, unknown>;
    const kept = this.values.get(key);
    if (kept && kept.deps.every(([k, v]) => record[k] === v)) return kept.value as T;
    const read = new Set<string>();
    const tracked = new Proxy(record, {
      get(target, prop, receiver) {
        if (typeof prop === 'string') read.add(prop);
        return Reflect.get(target, prop, receiver);
      },
      has(target, prop) {
        if (typeof prop === 'string') read.add(prop);
        return Reflect.has(target, prop);
      },
      ownKeys(target) {
        for (const k of Object.keys(target)) read.add(k);
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor(target, prop) {
        if (typeof prop === 'string') read.add(prop);
        return Reflect.getOwnPropertyDescriptor(target, prop);
      },
    });
    const value = make(tracked as unknown as PlanData);
    this.computed++;
    // A function that read nothing through the plan it was given (it closed over another copy)
    // cannot say when it is stale: it is never kept.
    if (read.size > 0) this.values.set(key, { deps: [...read].map((k) => [k, record[k]]), value });
    else this.values.delete(key);
    return value;
  }
}
