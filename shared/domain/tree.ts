import type { MatrixNode, NodeKind, PlanData } from '../schema/types.js';
import { parentKindOf } from './levels.js';
import { compareOrder } from './order.js';

/**
 * The implementation matrix as an ordered forest, computed from plain plan data.
 *
 * Codes (derived, never stored; SPEC M3, M4, M7). Every live row has two:
 * - `code`, the full code, unique in the whole plan: goal `2`, outcome `2.1`, output `2.1.1`,
 *   activity `2.1.1.3` (each level numbers its live children 1, 2, ... in display order);
 * - `short`, the handbook's form for places where the parent is on screen: outcomes and outputs
 *   are numbered within their parent (Output 1, Output 2) and activities `<output>.<position>`
 *   within their outcome (1.1, 1.2, 2.1), as in the handbook's matrix.
 * Only live nodes (not archived, under a live parent) get codes, so archiving a row renumbers its
 * later siblings and moving a row gives it the code of its new place (codes are positions, like a
 * document's numbered headings; rows keep their ids).
 */

/** One node of the forest with its ordered children. */
export interface TreeNode {
  id: string;
  kind: NodeKind;
  title: string;
  /** Full code, unique in the plan: 2.1.1.3 ('' for archived nodes). */
  code: string;
  /** Short code within the parent shown beside it: 1.3 for an activity ('' for archived nodes). */
  short: string;
  archived: boolean;
  children: TreeNode[];
}

/** A node that cannot be placed: its parent is missing or of the wrong kind. */
export interface Orphan {
  id: string;
  kind: NodeKind;
  reason: 'missing-parent' | 'wrong-parent-kind';
}

/** Result of {@link buildForest}. */
export interface Forest {
  goals: TreeNode[];
  orphans: Orphan[];
}

/** Where a node sits: kind, parent id (null for goals) and the node itself. */
export interface NodeEntry {
  kind: NodeKind;
  parentId: string | null;
  node: MatrixNode;
}

/** Every matrix node of the plan by id, with its kind and parent id. */
export function indexNodes(plan: PlanData): Map<string, NodeEntry> {
  const index = new Map<string, NodeEntry>();
  for (const n of plan.goals) index.set(n.id, { kind: 'goal', parentId: null, node: n });
  for (const n of plan.outcomes) index.set(n.id, { kind: 'outcome', parentId: n.goalId, node: n });
  for (const n of plan.outputs) index.set(n.id, { kind: 'output', parentId: n.outcomeId, node: n });
  for (const n of plan.activities) index.set(n.id, { kind: 'activity', parentId: n.outputId, node: n });
  return index;
}

/** Why a node's parent link is broken, or null when the parent exists and has the right kind. */
export function parentProblem(index: ReadonlyMap<string, NodeEntry>, entry: NodeEntry): Orphan['reason'] | null {
  const wanted = parentKindOf(entry.kind);
  if (wanted === null) return null;
  const parent = entry.parentId === null ? undefined : index.get(entry.parentId);
  if (!parent) return 'missing-parent';
  return parent.kind === wanted ? null : 'wrong-parent-kind';
}

/**
 * Ids of the live nodes: not archived, with a valid parent chain of live nodes up to a goal.
 * Domain code counts only these.
 */
export function liveNodeIds(plan: PlanData, index: ReadonlyMap<string, NodeEntry> = indexNodes(plan)): Set<string> {
  const live = new Set<string>();
  const visit = (id: string): boolean => {
    if (live.has(id)) return true;
    const e = index.get(id);
    if (!e || e.node.archived || parentProblem(index, e)) return false;
    if (e.parentId !== null && !visit(e.parentId)) return false;
    live.add(id);
    return true;
  };
  for (const id of index.keys()) visit(id);
  return live;
}

/**
 * The ordered forest: goals in display order, each with its children sorted by `(order, id)`.
 * Archived nodes (and their subtrees) are left out unless `includeArchived`; nodes whose parent
 * is missing or of the wrong kind are listed in `orphans`, never silently dropped. A caller that
 * already holds `indexNodes(plan)` passes it as `index` so the plan is indexed once.
 */
export function buildForest(plan: PlanData, opts: { includeArchived?: boolean } = {}, index: ReadonlyMap<string, NodeEntry> = indexNodes(plan)): Forest {
  const children = new Map<string, NodeEntry[]>();
  const orphans: Orphan[] = [];
  const goals: NodeEntry[] = [];
  for (const [id, e] of index) {
    const problem = parentProblem(index, e);
    if (problem) orphans.push({ id, kind: e.kind, reason: problem });
    else if (e.parentId === null) goals.push(e);
    else {
      const list = children.get(e.parentId) ?? [];
      list.push(e);
      children.set(e.parentId, list);
    }
  }
  const byOrder = (a: NodeEntry, b: NodeEntry): number => compareOrder(a.node, b.node);
  const build = (e: NodeEntry, code: string, short: string): TreeNode => {
    const kids = (children.get(e.node.id) ?? []).sort(byOrder).filter((c) => opts.includeArchived || !c.node.archived);
    let n = 0;
    const built = kids.map((c) => {
      if (c.node.archived || code === '') return build(c, '', '');
      n++;
      // An activity's short code is its output's short code and its position: 1.3.
      return build(c, `${code}.${n}`, c.kind === 'activity' ? `${short}.${n}` : String(n));
    });
    return { id: e.node.id, kind: e.kind, title: e.node.title, code, short, archived: e.node.archived, children: built };
  };
  let goalNo = 0;
  const forest: TreeNode[] = [];
  for (const g of goals.sort(byOrder)) {
    if (g.node.archived && !opts.includeArchived) continue;
    const code = g.node.archived ? '' : String(++goalNo);
    forest.push(build(g, code, code));
  }
  orphans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { goals: forest, orphans };
}

/** The codes of one live row (see the scheme above). */
export interface RowCode {
  /** Full code, unique in the plan: 2.1.1.3. */
  code: string;
  /** Short code within the parent: 1.3. */
  short: string;
}

/**
 * What most rules need of the matrix, computed in one linear pass plus one sort of each live
 * node's children (see {@link treeIndex}).
 */
export interface TreeIndex {
  /** Every matrix node by id (as {@link indexNodes}). */
  index: Map<string, NodeEntry>;
  /** Live nodes (as {@link liveNodeIds}). */
  live: Set<string>;
  /** Codes of every live node, in display order (as {@link nodeCodes}). */
  codes: Map<string, RowCode>;
  /** The goal above (or equal to) each live node. */
  goalOf: Map<string, string>;
  /** How many live children each live node has (absent: none). */
  liveChildren: Map<string, number>;
  /** The live goals, in display order. */
  goals: NodeEntry[];
  /** The live children of each live node, in display order (absent: none). */
  kids: Map<string, NodeEntry[]>;
}

/**
 * Index, live set, codes and goals of the matrix in one pass: the nodes are indexed once, grouped
 * under their parents (only those whose parent exists with the right kind and is not archived
 * themselves), each group sorted by `(order, id)`, and the live goals walked depth first. Cost:
 * O(n) plus the sorts of sibling groups; no tree objects are built.
 */
export function treeIndex(plan: PlanData): TreeIndex {
  const index = indexNodes(plan);
  const children = new Map<string, NodeEntry[]>();
  const goals: NodeEntry[] = [];
  for (const e of index.values()) {
    if (e.node.archived) continue;
    if (e.parentId === null) {
      goals.push(e);
      continue;
    }
    if (parentProblem(index, e)) continue;
    const list = children.get(e.parentId);
    if (list) list.push(e);
    else children.set(e.parentId, [e]);
  }
  const byOrder = (a: NodeEntry, b: NodeEntry): number => compareOrder(a.node, b.node);
  const live = new Set<string>();
  const codes = new Map<string, RowCode>();
  const goalOf = new Map<string, string>();
  const liveChildren = new Map<string, number>();
  const liveKids = new Map<string, NodeEntry[]>();
  // Depth-first walk; recursion is at most four deep (goal > outcome > output > activity).
  const visit = (e: NodeEntry, code: string, short: string, goal: string): void => {
    const id = e.node.id;
    live.add(id);
    codes.set(id, { code, short });
    goalOf.set(id, goal);
    const kids = children.get(id);
    if (!kids) return;
    kids.sort(byOrder);
    liveChildren.set(id, kids.length);
    liveKids.set(id, kids);
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      visit(c, `${code}.${i + 1}`, c.kind === 'activity' ? `${short}.${i + 1}` : String(i + 1), goal);
    }
  };
  goals.sort(byOrder);
  for (let i = 0; i < goals.length; i++) visit(goals[i]!, String(i + 1), String(i + 1), goals[i]!.node.id);
  return { index, live, codes, goalOf, liveChildren, goals, kids: liveKids };
}

/** Codes of every live node by id, in display order (see the scheme above). */
export function nodeCodes(plan: PlanData): Map<string, RowCode> {
  return treeIndex(plan).codes;
}

/**
 * How every message, diff line and export names a row (SPEC M7): kind, full code and title,
 * e.g. `activity 2.1.1.3 "Train consular staff"`; rows without a code (archived) by title only.
 */
export function rowLabel(kind: NodeKind, code: string | undefined, title: string, id: string): string {
  const name = title.trim() ? `"${title}"` : `(untitled, ${id})`;
  return code ? `${kind} ${code} ${name}` : `${kind} ${name}`;
}
