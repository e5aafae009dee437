import type { MatrixNode, NodeKind, PlanData } from '../schema/types.js';
import { treeIndex, type NodeEntry, type TreeIndex } from './tree.js';

/**
 * The tree index of successive projections of one plan, kept up to date instead of rebuilt
 * (SPEC DI2). A `PlanProjection` keeps the identity of every node item it did not re-read, so
 * between two reads the node lists differ only at the rows that changed. When none of those
 * changed its place (id, parent, order, archived flag), the tree's shape, live set, codes and
 * goals are the previous ones: only the entries of the changed rows are replaced (in a copy of
 * the index and of their parents' child lists). Anything else (a row added, removed, moved,
 * archived, reordered) builds the index again with {@link treeIndex}.
 */

const LISTS = ['goals', 'outcomes', 'outputs', 'activities'] as const;
const KINDS: readonly NodeKind[] = ['goal', 'outcome', 'output', 'activity'];
const PARENT_FIELD = [null, 'goalId', 'outcomeId', 'outputId'] as const;
/** Trees kept (most recently used first): a few plans, or a few versions of one. */
const KEEP = 4;

interface Kept {
  /** Copies of the node lists the tree was made from (a caller may replace rows of its own lists). */
  lists: readonly (readonly MatrixNode[])[];
  /** Per list, each row's id, order, archived flag and parent id, as they were (rows may be changed in place). */
  places: readonly unknown[][];
  tree: TreeIndex;
}

let kept: Kept[] = [];

/** The node lists of a plan, in {@link LISTS} order. */
function listsOf(plan: PlanData): readonly (readonly MatrixNode[])[] {
  return LISTS.map((l) => plan[l] as readonly MatrixNode[]);
}

const FIELDS = 4;

/** Each row's place (id, order, archived, parent id), flat, and a copy of the list (each row read once). */
function placesOf(list: readonly MatrixNode[], parentField: string | null): { places: unknown[]; copy: MatrixNode[] } {
  const out = new Array<unknown>(list.length * FIELDS);
  const copy = new Array<MatrixNode>(list.length);
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    copy[i] = n;
    out[i * FIELDS] = n.id;
    out[i * FIELDS + 1] = n.order;
    out[i * FIELDS + 2] = n.archived;
    out[i * FIELDS + 3] = parentField === null ? null : (n as unknown as Record<string, unknown>)[parentField];
  }
  return { places: out, copy };
}

/**
 * `from`'s tree for `lists`, when every row sits where it sat then (the changed rows' entries
 * swapped in); null when a row was added, removed or moved.
 */
function reuse(from: Kept, lists: readonly (readonly MatrixNode[])[]): TreeIndex | null {
  const changed: [number, MatrixNode][] = [];
  let total = 0;
  for (let l = 0; l < LISTS.length; l++) {
    const a = from.lists[l]!;
    const b = lists[l]!;
    const places = from.places[l]!;
    const parentField = PARENT_FIELD[l]!;
    total += b.length;
    if (places.length !== b.length * FIELDS) return null;
    for (let i = 0; i < b.length; i++) {
      const n = b[i]!;
      const at = i * FIELDS;
      if (places[at] !== n.id || places[at + 1] !== n.order || places[at + 2] !== n.archived) return null;
      if (parentField !== null && places[at + 3] !== (n as unknown as Record<string, unknown>)[parentField]) return null;
      if (a[i] !== n) changed.push([l, n]);
    }
  }
  if (changed.length === 0) return from.tree;
  // Past a quarter of the rows, copying is no cheaper than building.
  if (changed.length * 4 > total) return null;
  const prev = from.tree;
  const index = new Map(prev.index);
  let goals = prev.goals;
  let kids = prev.kids;
  const copied = new Set<string | null>();
  for (const [l, node] of changed) {
    const old = index.get(node.id)!;
    const entry: NodeEntry = { kind: KINDS[l]!, parentId: old.parentId, node };
    index.set(node.id, entry);
    if (!prev.live.has(node.id)) continue;
    const parent = old.parentId;
    if (parent === null) {
      if (!copied.has(null)) {
        copied.add(null);
        goals = [...goals];
      }
      goals[goals.indexOf(old)] = entry;
      continue;
    }
    if (kids === prev.kids) kids = new Map(prev.kids);
    let siblings = kids.get(parent)!;
    if (!copied.has(parent)) {
      copied.add(parent);
      kids.set(parent, (siblings = [...siblings]));
    }
    siblings[siblings.indexOf(old)] = entry;
  }
  return { index, live: prev.live, codes: prev.codes, goalOf: prev.goalOf, liveChildren: prev.liveChildren, goals, kids };
}

/**
 * `treeIndex(plan)`, reusing the index of an earlier projection of the same plan when every row
 * sits where it sat (SPEC DI2); rows are compared by their place fields, not by identity, so a
 * plan changed in place is never answered with a stale tree. The result equals
 * `treeIndex(plan)`; callers must not change it (its maps may be shared with other results).
 */
export function treeIndexOf(plan: PlanData): TreeIndex {
  const lists = listsOf(plan);
  for (let i = 0; i < kept.length; i++) {
    const k = kept[i]!;
    const tree = reuse(k, lists);
    if (!tree) continue;
    const next: Kept = tree === k.tree ? k : { lists: lists.map((l) => l.slice()), places: k.places, tree };
    kept = [next, ...kept.slice(0, i), ...kept.slice(i + 1)];
    return tree;
  }
  const tree = treeIndex(plan);
  const read = lists.map((l, i) => placesOf(l, PARENT_FIELD[i]!));
  kept = [{ lists: read.map((r) => r.copy), places: read.map((r) => r.places), tree }, ...kept].slice(0, KEEP);
  return tree;
}

/** Forgets every kept tree (tests, and a thread dropping its plans). */
export function forgetTrees(): void {
  kept = [];
}
