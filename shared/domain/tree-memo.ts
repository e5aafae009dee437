import type { Activity, MatrixNode, NodeKind, PlanData } from '../schema/types.js';
import { treeIndex, type NodeEntry, type RowCode, type TreeIndex } from './tree.js';
import { LooseKeep, planStateOf } from './plan-state.js';

/**
 * The tree index of successive projections of one plan, kept up to date instead of rebuilt
 * (SPEC DI2). A `PlanProjection` keeps the identity of every node item it did not re-read, so
 * between two reads the node lists differ only at the rows that changed. When none of those
 * changed its place (id, parent, order, archived flag), the tree's shape, live set, codes and
 * goals are the previous ones: only the entries of the changed rows are replaced (in a copy of
 * the index and of their parents' child lists). Anything else (a row added, removed, moved,
 * archived, reordered) builds the index again with {@link treeIndex}.
 *
 * A projection's plan keeps its trees in its own state (SPEC DJ7: the last {@link KEEP_OWN}, dying
 * with the projection); any other plan object in a few trees kept here ({@link KEEP}).
 */

const LISTS = ['goals', 'outcomes', 'outputs', 'activities'] as const;
const KINDS: readonly NodeKind[] = ['goal', 'outcome', 'output', 'activity'];
const PARENT_FIELD = [null, 'goalId', 'outcomeId', 'outputId'] as const;
/** Trees kept for plans with no state (most recently used first): a few plans, or a few versions of one. */
const KEEP = 4;
/**
 * Trees a projection's state keeps: its current version only (a projection never goes back to
 * older items), so the kept tree's index can be updated in place.
 */
const KEEP_OWN = 1;
/** The slot of a plan state's trees (SPEC DJ7). */
const TREES: object = {};

interface Kept {
  /** Copies of the node lists the tree was made from (a caller may replace rows of its own lists). */
  lists: readonly (readonly MatrixNode[])[];
  /** Per list, each row's id, order, archived flag and parent id, as they were (rows may be changed in place). */
  places: readonly unknown[][];
  tree: TreeIndex;
}

/** Kept trees, most recently used first. */
interface Trees {
  kept: Kept[];
}
/** Trees of plans with no state of their own, held weakly (SPEC DK6). */
const loose = new LooseKeep((): Trees => ({ kept: [] }));

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
function reuse(from: Kept, lists: readonly (readonly MatrixNode[])[], inPlace: boolean): TreeIndex | null {
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
  // A projection's state keeps one tree, which nobody else holds: its index is updated in place
  // (copying a 60,000-entry map on every edit cost more than the rest of the tree's upkeep).
  const index = inPlace ? prev.index : new Map(prev.index);
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
 * `treeIndex(plan)`; callers must not change it (its maps may be shared with other results). For
 * a projection's plan (SPEC DJ7) the result holds until the next call for a later plan of the same
 * projection, which may update its index in place.
 */
export function treeIndexOf(plan: PlanData): TreeIndex {
  const state = planStateOf(plan);
  const trees = state ? state.slot(TREES, (): Trees => ({ kept: [] })) : loose.get();
  const keep = state ? KEEP_OWN : KEEP;
  const lists = listsOf(plan);
  const { kept } = trees;
  for (let i = 0; i < kept.length; i++) {
    const k = kept[i]!;
    const tree = reuse(k, lists, state !== undefined);
    if (!tree) continue;
    const next: Kept = tree === k.tree ? k : { lists: lists.map((l) => l.slice()), places: k.places, tree };
    trees.kept = [next, ...kept.slice(0, i), ...kept.slice(i + 1)];
    return tree;
  }
  const tree = treeIndex(plan);
  const read = lists.map((l, i) => placesOf(l, PARENT_FIELD[i]!));
  trees.kept = [{ lists: read.map((r) => r.copy), places: read.map((r) => r.places), tree }, ...kept].slice(0, keep);
  return tree;
}

/**
 * What a tree says of each row, by position (SPEC DJ7). A tree's `codes` map is shared by every
 * tree {@link treeIndexOf} derives from it, and only while every row of every node list sits where
 * it sat with the same id (DI2), so facts read once by position hold for every plan those trees
 * answer: looking them up again per row (a hash lookup by id, a cache miss in a big plan) is not
 * needed. Keyed weakly by the `codes` map: strings and numbers only, no plan item, gone with the
 * tree.
 */
interface Positions {
  /** Per position in the plan's activity list: live (1) or not (0), its full code and its goal (undefined: not live). */
  activities: ActivityPositions | null;
  /** Per live parent (null: the goals), its live children's codes in display order (as `kids`). */
  kids: Map<string | null, readonly RowCode[]> | null;
}
/** Per position in a plan's activity list (see {@link activityPositions}). */
export interface ActivityPositions {
  live: Uint8Array;
  code: readonly (string | undefined)[];
  goal: readonly (string | undefined)[];
  /** How many are live. */
  liveCount: number;
}
const POSITIONS = new WeakMap<Map<string, RowCode>, Positions>();

function positionsOf(tree: TreeIndex): Positions {
  let p = POSITIONS.get(tree.codes);
  if (!p) POSITIONS.set(tree.codes, (p = { activities: null, kids: null }));
  return p;
}

/**
 * Per position in `activities` (the activity list of a plan `tree` answers, from
 * {@link treeIndexOf}): whether the row is live, its full code and the id of its goal; computed
 * once per tree (SPEC DJ7).
 */
export function activityPositions(tree: TreeIndex, activities: readonly Activity[]): ActivityPositions {
  const p = positionsOf(tree);
  if (p.activities && p.activities.code.length === activities.length) return p.activities;
  const n = activities.length;
  const live = new Uint8Array(n);
  const code = new Array<string | undefined>(n);
  const goal = new Array<string | undefined>(n);
  let liveCount = 0;
  for (let i = 0; i < n; i++) {
    const id = activities[i]!.id;
    if (tree.live.has(id)) {
      live[i] = 1;
      liveCount++;
    }
    code[i] = tree.codes.get(id)?.code;
    goal[i] = tree.goalOf.get(id);
  }
  return (p.activities = { live, code, goal, liveCount });
}

/**
 * The codes of a live node's live children (`parentId` null: the live goals), in the order of
 * `tree.kids` (`tree.goals`); computed once per tree (SPEC DJ7).
 */
export function childCodes(tree: TreeIndex, parentId: string | null): readonly RowCode[] {
  const p = positionsOf(tree);
  if (!p.kids) {
    const kids = new Map<string | null, readonly RowCode[]>([[null, tree.goals.map((e) => tree.codes.get(e.node.id)!)]]);
    for (const [id, list] of tree.kids) kids.set(id, list.map((e) => tree.codes.get(e.node.id)!));
    p.kids = kids;
  }
  return p.kids.get(parentId) ?? [];
}
