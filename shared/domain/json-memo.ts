/**
 * JSON text of long lists of derived values (budget lines, issues) made from kept pieces (SPEC DI3,
 * DJ4): each item's text is made once per item object, and runs of items are joined once. A run
 * starts at an item picked by a pseudo-random draw made once per item (about one in
 * {@link RUN_EVERY}), so runs do not depend on positions: when an item is added or removed, only the
 * run around it is joined again, not every run after it. Items must not be changed after they
 * were written.
 */

/** Each item's text, and whether a run starts at it. */
const PIECES = new WeakMap<object, { text: string; starts: boolean }>();
/** Runs by their first item: the items and their joined text. */
const RUNS = new WeakMap<object, { items: readonly object[]; text: string }>();
/** A run starts at about one item in this many. */
const RUN_EVERY = 128;
/** A run never holds more items than this (a long stretch without a drawn start is cut). */
const RUN_MAX = 1024;
let seed = 0x9e3779b9;

/** The next draw of a small xorshift generator (deterministic: runs are an optimisation only). */
function draw(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

function pieceOf(item: object): { text: string; starts: boolean } {
  let p = PIECES.get(item);
  if (p === undefined) PIECES.set(item, (p = { text: JSON.stringify(item), starts: draw() % RUN_EVERY === 0 }));
  return p;
}

/**
 * JSON text written in pieces (SPEC DK1): the concatenation of {@link JsonPieces.done}'s list is
 * the text. Short texts are merged into one piece; each run of a list stays its own piece, and a
 * run kept from an earlier call is the very same string, so whoever keeps or sends the pieces of
 * an earlier text (the heavy-work thread, server/work/json-parts.ts) passes on the new runs only.
 */
export class JsonPieces {
  private readonly pieces: string[] = [];
  private pending = '';

  /** Adds short text (merged with the short text around it). */
  text(s: string): void {
    this.pending += s;
  }

  /** Adds a kept run as a piece of its own. */
  piece(s: string): void {
    if (this.pending !== '') {
      this.pieces.push(this.pending);
      this.pending = '';
    }
    this.pieces.push(s);
  }

  /** The pieces, in order. */
  done(): string[] {
    if (this.pending !== '') this.pieces.push(this.pending);
    this.pending = '';
    return this.pieces;
  }
}

/** `JSON.stringify(list)` byte for byte, for a list of objects, written into `out` from kept texts (each kept run one piece). */
export function listJsonPieces(list: readonly object[], out: JsonPieces): void {
  out.text('[');
  let start = 0;
  while (start < list.length) {
    if (start > 0) out.text(',');
    // The kept run that starts here, when its items are still in place and the run would end where
    // it ended (SPEC DJ7): its items after the first were found to start no run when it was made,
    // so only the item after it is looked up (one lookup per run, not per item).
    const run = RUNS.get(list[start]!);
    if (run !== undefined) {
      const n = run.items.length;
      let same = start + n <= list.length;
      for (let i = 1; same && i < n; i++) same = run.items[i] === list[start + i];
      if (same && (start + n === list.length || n === RUN_MAX || pieceOf(list[start + n]!).starts)) {
        out.piece(run.text);
        start += n;
        continue;
      }
    }
    let end = start + 1;
    while (end < list.length && end - start < RUN_MAX && !pieceOf(list[end]!).starts) end++;
    // Not kept as it is now (a kept run with these very items would have been taken above).
    const items = list.slice(start, end);
    const text = items.map((x) => pieceOf(x).text).join(',');
    RUNS.set(list[start]!, { items, text });
    out.piece(text);
    start = end;
  }
  out.text(']');
}

/** `JSON.stringify(list)` byte for byte, for a list of objects, from kept texts. */
export function listJson(list: readonly object[]): string {
  const out = new JsonPieces();
  listJsonPieces(list, out);
  return out.done().join('');
}
