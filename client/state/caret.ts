/** One entry of a Y.Text delta (what a Y.YTextEvent reports). */
export interface DeltaOp {
  insert?: unknown;
  delete?: number;
  retain?: number;
}

/**
 * Where a caret at `pos` ends up after a change described by `delta` (retain / insert / delete,
 * in document order). Text inserted exactly at the caret goes before it when `assoc` is 1
 * (the caret stays with the character after it), after it when -1.
 *
 * @example
 * transformCaret(5, [{ insert: 'ab' }]) // 7: a remote insert before the caret pushes it right
 */
export function transformCaret(pos: number, delta: readonly DeltaOp[], assoc: 1 | -1 = 1): number {
  let index = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (index > pos || (index === pos && assoc === -1 && op.insert === undefined)) break;
    if (op.retain !== undefined) index += op.retain;
    else if (op.delete !== undefined) {
      const end = index + op.delete;
      shift -= Math.min(end, pos) - index;
      index = end;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < pos || (index === pos && assoc === 1)) shift += len;
      else break;
    }
  }
  return Math.max(0, pos + shift);
}
