import type { MatrixNode, NodeKind, PlanData, TreeNode } from '../../shared/model.js';
import { t } from '../i18n.js';

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

/**
 * `rows` after only the text of the rows `ids` changed (SPEC UP1): each of those rows gets its
 * current node and tree node (from `nodeOf` / `treeOf`), and so do the rows above them (whose tree
 * nodes hold them); every other row keeps its identity. `at` gives each row's index in `rows`; `byId` (every row by id)
 * is updated in place. Returns `rows` itself when nothing changed. Equal to `flattenForest` on the
 * new plan as long as the matrix's shape (ids, parents, order, archived flags) is unchanged.
 */
export function patchRows(
  rows: readonly Row[],
  at: ReadonlyMap<string, number>,
  byId: Map<string, Row>,
  ids: Iterable<string>,
  nodeOf: (id: string) => MatrixNode | undefined,
  treeOf: (id: string) => TreeNode | undefined,
): Row[] {
  let out: Row[] | null = null;
  const renew = (id: string): Row | undefined => {
    const i = at.get(id);
    if (i === undefined) return undefined;
    const row = (out ?? rows)[i]!;
    const node = nodeOf(id);
    const tree = treeOf(id);
    if (!node || !tree || (node === row.node && tree === row.tree)) return row;
    const next: Row = { ...row, node, tree };
    out ??= rows.slice();
    out[i] = next;
    byId.set(id, next);
    return next;
  };
  for (const id of ids) {
    // The row, then the rows above it: their tree nodes hold it among their children.
    let row = renew(id);
    while (row?.parentId) row = renew(row.parentId);
  }
  return out ?? (rows as Row[]);
}

/**
 * What a row of each level is called, in the reader's language (read at render: each property
 * asks the `matrix` catalogue when it is read).
 */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  get goal() {
    return t('matrix:kind.goal');
  },
  get outcome() {
    return t('matrix:kind.outcome');
  },
  get output() {
    return t('matrix:kind.output');
  },
  get activity() {
    return t('matrix:kind.activity');
  },
};

/** A row's name with its full code, unique in the plan: "Activity 1.1.1.2". */
export const rowName = (tree: TreeNode): string => t(`matrix:rowName.${tree.kind}`, { code: tree.code });

/**
 * The path from a row's goal down to its parent ("1 Goal title › 1.2 Outcome title"), for the
 * card of a row on a phone. `rowsById` holds every row of the matrix.
 */
export function breadcrumb(row: Row, rowsById: ReadonlyMap<string, Row>): string[] {
  const path: string[] = [];
  let at = row.parentId ? rowsById.get(row.parentId) : undefined;
  while (at) {
    path.unshift(`${at.tree.code} ${at.tree.title || t('matrix:untitled')}`);
    at = at.parentId ? rowsById.get(at.parentId) : undefined;
  }
  return path;
}

/** The rows to render: `start` (first) to `end` (after the last), and the space above and below them. */
export interface RowRange {
  start: number;
  end: number;
  /** Height (px) of the rows before `start`. */
  before: number;
  /** Height (px) of the rows from `end` on. */
  after: number;
}

/**
 * Where each row of a virtualised list sits: row heights as measured (a row not measured yet
 * counts as the estimate, itself the last measured height of a plain row), their running offsets,
 * and the range of rows a viewport needs. Keys are row ids, so a height survives reordering.
 */
export class RowLayout {
  private readonly heights = new Map<string, number>();
  private ids: readonly string[] = [];
  private tops = new Float64Array(1);
  private dirty = true;
  /** Height (px) assumed for a row not measured yet. */
  estimate: number;

  constructor(estimate = 48) {
    this.estimate = estimate;
  }

  /** Sets the rows in display order (cheap when they are the same ids as before). */
  setRows(ids: readonly string[]): void {
    if (ids.length === this.ids.length && ids.every((id, i) => id === this.ids[i])) return;
    this.ids = ids;
    this.dirty = true;
  }

  /** Records a row's measured height; true when it changed anything. */
  measure(id: string, height: number): boolean {
    if (!(height > 0) || this.heights.get(id) === height) return false;
    this.heights.set(id, height);
    this.dirty = true;
    return true;
  }

  private offsets(): Float64Array {
    if (!this.dirty) return this.tops;
    const n = this.ids.length;
    const tops = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) tops[i + 1] = tops[i]! + (this.heights.get(this.ids[i]!) ?? this.estimate);
    this.tops = tops;
    this.dirty = false;
    return tops;
  }

  /** Offset (px) of row `i` from the top of the list (the total height for `i` = row count). */
  top(i: number): number {
    const tops = this.offsets();
    return tops[Math.max(0, Math.min(i, tops.length - 1))]!;
  }

  /** Height (px) of row `i`. */
  height(i: number): number {
    return this.top(i + 1) - this.top(i);
  }

  /** Index of the row at offset `y` (clamped to the rows). */
  indexAt(y: number): number {
    const tops = this.offsets();
    const n = tops.length - 1;
    if (n <= 0) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tops[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The rows a viewport showing `[from, from + height)` of the list needs, with `margin` rows
   * more on each side; with no viewport height (no layout), the first `fallback` rows.
   */
  range(from: number, height: number, margin: number, fallback: number): RowRange {
    const n = this.ids.length;
    let start: number;
    let end: number;
    if (!(height > 0)) {
      start = 0;
      end = Math.min(n, fallback);
    } else {
      start = Math.max(0, this.indexAt(from) - margin);
      end = Math.min(n, this.indexAt(from + height) + 1 + margin);
    }
    return { start, end, before: this.top(start), after: this.top(n) - this.top(end) };
  }
}
