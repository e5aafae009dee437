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

/** The text box before an input event: its value and selection. */
export interface BoxState {
  value: string;
  start: number;
  end: number;
}

/** One edit of a text (the shape of the shared `editText` command). */
export interface BoxEdit {
  index: number;
  remove: number;
  insert: string;
}

const applyEdit = (s: string, e: BoxEdit) => s.slice(0, e.index) + e.insert + s.slice(e.index + e.remove);

/**
 * The edit an input event made (TX1), from the box before it (value and selection), the value
 * and caret after it, and the event's `inputType`: typing, pasting or dropping replaces the
 * selection at its place; a delete with no selection removes the characters next to where the
 * caret ends up. Returns null when no single edit at that place explains the new value (then the
 * caller falls back to a whole-value diff).
 *
 * @example
 * inputEdit({ value: 'aa', start: 1, end: 1 }, 'aaa', 2, 'insertText') // { index: 1, remove: 0, insert: 'a' }
 */
export function inputEdit(before: BoxState, value: string, caret: number, inputType: string): BoxEdit | null {
  const old = before.value;
  const s = Math.min(before.start, before.end);
  const e = Math.max(before.start, before.end);
  const candidates: BoxEdit[] = [];
  if (!inputType.startsWith('delete') || s !== e) {
    const inserted = value.length - (old.length - (e - s));
    if (inserted >= 0) candidates.push({ index: s, remove: e - s, insert: value.slice(s, s + inserted) });
  }
  if (s === e && old.length > value.length) candidates.push({ index: Math.min(caret, value.length), remove: old.length - value.length, insert: '' });
  for (const c of candidates) if (c.index + c.remove <= old.length && applyEdit(old, c) === value) return c.remove === 0 && c.insert === '' ? null : c;
  return null;
}
