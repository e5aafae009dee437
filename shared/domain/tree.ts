import type { MatrixNode, NodeKind, PlanData } from '../schema/types.js';
import { parentKindOf } from './levels.js';
import { compareOrder } from './order.js';

/**
 * The implementation matrix as an ordered forest, computed from plain plan data.
 *
 * Code scheme (derived, never stored), following the handbook's matrix where output 1 holds
 * activities 1.1-1.4 and output 2 holds 2.1-2.3:
 * - goals are numbered 1, 2, ... in display order;
 * - outcomes are numbered 1, 2, ... within their goal;
 * - outputs are numbered 1, 2, ... through the whole goal, continuing across its outcomes
 *   (outcome 1 has outputs 1-3, outcome 2 starts at 4), so output numbers are unique in a goal;
 * - activities are `<output number>.<position>`: 1.1, 1.2, 2.1 ...
 * A code is unique within its goal; `goalCode` disambiguates across goals. Only live nodes
 * (not archived, under a live parent) get codes, so archiving renumbers the rest.
 */

/** One node of the forest with its ordered children. */
export interface TreeNode {
  id: string;
  kind: NodeKind;
  title: string;
  /** Derived code ('' for archived nodes). */
  code: string;
  /** Code of the goal this node belongs to. */
  goalCode: string;
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
 * is missing or of the wrong kind are listed in `orphans`, never silently dropped.
 */
export function buildForest(plan: PlanData, opts: { includeArchived?: boolean } = {}): Forest {
  const index = indexNodes(plan);
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
  let goalNo = 0;
  const build = (e: NodeEntry, code: string, goalCode: string, counters: { output: number }): TreeNode => {
    const kids = (children.get(e.node.id) ?? []).sort(byOrder).filter((c) => opts.includeArchived || !c.node.archived);
    let n = 0;
    const built = kids.map((c) => {
      let childCode = '';
      if (!c.node.archived && code !== '') {
        n++;
        if (c.kind === 'output') childCode = String(++counters.output);
        else if (c.kind === 'activity') childCode = `${code}.${n}`;
        else childCode = String(n);
      }
      return build(c, childCode, goalCode, counters);
    });
    return { id: e.node.id, kind: e.kind, title: e.node.title, code, goalCode, archived: e.node.archived, children: built };
  };
  const forest: TreeNode[] = [];
  for (const g of goals.sort(byOrder)) {
    if (g.node.archived && !opts.includeArchived) continue;
    const code = g.node.archived ? '' : String(++goalNo);
    forest.push(build(g, code, code, { output: 0 }));
  }
  orphans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { goals: forest, orphans };
}

/** Derived code of every live node by id (see the scheme above). */
export function nodeCodes(plan: PlanData): Map<string, { code: string; goalCode: string }> {
  const out = new Map<string, { code: string; goalCode: string }>();
  const walk = (n: TreeNode): void => {
    if (n.code !== '') out.set(n.id, { code: n.code, goalCode: n.goalCode });
    n.children.forEach(walk);
  };
  buildForest(plan).goals.forEach(walk);
  return out;
}
