import type { MatrixNode, NodeKind, PlanData, TreeNode } from '../../shared/model.js';

/** One visible row of the implementation matrix. */
export interface Row {
  tree: TreeNode;
  depth: number;
  node: MatrixNode;
  parentId: string | null;
  /** Position among its siblings. */
  index: number;
  /** How many siblings (itself included). */
  siblings: number;
}

/** Flattens the forest into display rows (depth-first); nodes missing from the plan are left out. */
export function flattenForest(plan: PlanData, goals: readonly TreeNode[]): Row[] {
  const byId = new Map<string, MatrixNode>();
  for (const list of [plan.goals, plan.outcomes, plan.outputs, plan.activities]) for (const n of list) byId.set(n.id, n);
  const rows: Row[] = [];
  const walk = (list: readonly TreeNode[], depth: number, parentId: string | null) => {
    list.forEach((t, index) => {
      const node = byId.get(t.id);
      if (!node) return;
      rows.push({ tree: t, depth, node, parentId, index, siblings: list.length });
      walk(t.children, depth + 1, t.id);
    });
  };
  walk(goals, 0, null);
  return rows;
}

/** What a row of each level is called. */
export const KIND_LABELS: Record<NodeKind, string> = { goal: 'Goal', outcome: 'Outcome', output: 'Output', activity: 'Activity' };

/** A row's name with its full code, unique in the plan: "Activity 1.1.1.2". */
export const rowName = (tree: TreeNode): string => `${KIND_LABELS[tree.kind]} ${tree.code}`;
