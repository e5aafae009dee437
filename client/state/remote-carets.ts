import * as Y from 'yjs';
import type { CaretPos, CaretState } from '../../shared/presence.js';

/** A caret position that moves with the text (a Yjs relative position, SPEC PR10). */
export function caretPos(ytext: Y.Text, index: number, assoc: 0 | -1): CaretPos {
  const rp = Y.createRelativePositionFromTypeIndex(ytext, index, assoc);
  return { item: rp.item ? [rp.item.client, rp.item.clock] : null, assoc: rp.assoc < 0 ? -1 : 0 };
}

/** The index of a caret position in `ytext` now, or null when it does not point into this text. */
export function caretIndex(ytext: Y.Text, pos: CaretPos): number | null {
  const typeId = ytext._item?.id;
  if (!typeId || !ytext.doc) return null;
  const rp = Y.createRelativePositionFromJSON({
    type: pos.item ? null : { client: typeId.client, clock: typeId.clock },
    tname: null,
    item: pos.item ? { client: pos.item[0], clock: pos.item[1] } : null,
    assoc: pos.assoc,
  });
  const abs = Y.createAbsolutePositionFromRelativePosition(rp, ytext.doc);
  return abs && abs.type === ytext ? Math.min(abs.index, ytext.length) : null;
}

/** This person's caret and selection in a text box, to share (PR10): the caret sticks to the character before it. */
export function caretOf(ytext: Y.Text, text: string, start: number, end: number, backward: boolean): CaretState {
  const anchorIndex = backward ? end : start;
  const headIndex = backward ? start : end;
  return { text, anchor: caretPos(ytext, anchorIndex, start === end ? -1 : 0), head: caretPos(ytext, headIndex, -1) };
}

/** One remote caret placed in the text now: who, colour, caret index and selected range. */
export interface PlacedCaret {
  name: string;
  color: string;
  head: number;
  from: number;
  to: number;
}

/** Pieces of the text between caret and selection boundaries, for drawing the carets over the box. */
export interface CaretPiece {
  text: string;
  /** Colour of the selection over this piece, or null. */
  selected: string | null;
  /** A caret drawn at the start of this piece. */
  caret: { name: string; color: string } | null;
}

/** Splits `text` at every caret and selection boundary (later carets' selections paint over earlier ones). */
export function caretPieces(text: string, carets: readonly PlacedCaret[]): CaretPiece[] {
  const cuts = [...new Set([0, text.length, ...carets.flatMap((c) => [c.head, c.from, c.to])])].filter((i) => i >= 0 && i <= text.length).sort((a, b) => a - b);
  const out: CaretPiece[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const at = cuts[i]!;
    const next = cuts[i + 1] ?? text.length;
    const sel = [...carets].reverse().find((c) => c.from <= at && at < c.to && c.from !== c.to);
    const caret = carets.find((c) => c.head === at) ?? null;
    if (at === next && !caret) continue;
    out.push({ text: text.slice(at, next), selected: sel ? sel.color : null, caret: caret ? { name: caret.name, color: caret.color } : null });
  }
  return out;
}
