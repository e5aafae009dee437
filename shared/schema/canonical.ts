import { ENTITIES, type EntityDef } from './registry.js';
import type { PlanData } from './types.js';

type Item = Record<string, unknown>;

/** Comparator over `fields` in turn (null and absent sort as ''), in code-unit order. */
function comparator(fields: readonly string[]): (a: Item, b: Item) => number {
  return (a, b) => {
    for (const f of fields) {
      const x = (a[f] ?? '') as string;
      const y = (b[f] ?? '') as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

const COMPARATORS = new Map(Object.values(ENTITIES).map((def) => [def.name, comparator(def.sortBy)]));
const NESTED: readonly EntityDef[] = Object.values(ENTITIES).filter((e) => e.container);

/** The canonical order of `def`'s items (its registry `sortBy`, R6). */
export function canonicalComparator(def: EntityDef): (a: Item, b: Item) => number {
  return COMPARATORS.get(def.name)!;
}

/** Sorts the lists nested in one item of `def` (a goal's requirements, a review's entries), in place. */
export function canonicalNested(def: EntityDef, item: Item): Item {
  for (const nested of NESTED) {
    if (nested.container === def.name && Array.isArray(item[nested.list!])) (item[nested.list!] as Item[]).sort(COMPARATORS.get(nested.name)!);
  }
  return item;
}

/** Puts one top-level list of `def` (and the lists nested in its items) in canonical order, in place. */
export function canonicalList(def: EntityDef, items: Item[]): Item[] {
  items.sort(COMPARATORS.get(def.name)!);
  for (const item of items) canonicalNested(def, item);
  return items;
}

/**
 * Puts every list of a plan in its one canonical order, in place, and returns the plan. Y.Map
 * iteration order differs between peers, so `readPlan` and `parsePlanJson` both end with this:
 * two peers with the same state produce byte-identical JSON.
 *
 * Each entity's order is its registry `sortBy` (R6): ordered entities by `(order, id)`;
 * participants by `(name, id)`; cells by their ids; reviews by `(start, id)`. Inline lists
 * (national goals, dependencies...) keep their order.
 */
export function canonicalPlan(plan: PlanData): PlanData {
  const lists = plan as unknown as Record<string, Item[]>;
  for (const def of Object.values(ENTITIES)) {
    if (def.list !== null && !def.container) lists[def.list]!.sort(COMPARATORS.get(def.name)!);
  }
  for (const def of NESTED) {
    const cmp = COMPARATORS.get(def.name)!;
    for (const container of lists[ENTITIES[def.container!].list!]!) (container[def.list!] as Item[]).sort(cmp);
  }
  return plan;
}
