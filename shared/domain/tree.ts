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

/** Codes of every live node by id (see the scheme above). */
export function nodeCodes(plan: PlanData): Map<string, RowCode> {
  const out = new Map<string, RowCode>();
  const walk = (n: TreeNode): void => {
    if (n.code !== '') out.set(n.id, { code: n.code, short: n.short });
    n.children.forEach(walk);
  };
  buildForest(plan).goals.forEach(walk);
  return out;
}

/**
 * How every message, diff line and export names a row (SPEC M7): kind, full code and title,
 * e.g. `activity 2.1.1.3 "Train consular staff"`; rows without a code (archived) by title only.
 */
export function rowLabel(kind: NodeKind, code: string | undefined, title: string, id: string): string {
  const name = title.trim() ? `"${title}"` : `(untitled, ${id})`;
  return code ? `${kind} ${code} ${name}` : `${kind} ${name}`;
}
