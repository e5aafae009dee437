/**
 * Derived JSON from the heavy-work thread to the event loop by pieces (SPEC DK2, DK3).
 *
 * A derived value of a big plan is tens of megabytes of JSON (a 60,000-activity budget is about
 * 26 MB), but after one edit nearly all of it is the same: the thread writes it as pieces
 * (`JsonPieces`, shared/domain/json-memo.ts) and a kept run is the very same string as before.
 * The thread ({@link PieceSender}) sends a long piece's text once, with a number; afterwards the
 * number only. The event loop ({@link PieceTable}) keeps each long piece as UTF-8 bytes under its
 * number, so an answer after an edit encodes the new runs only and is written to the socket
 * from kept buffers ({@link JsonBody}): no 26 MB string is joined, copied between threads or
 * encoded per edit.
 *
 * The two sides stay in step because the thread answers one job at a time, in order, and a new
 * thread starts with an empty table on both sides.
 */

/** Pieces of at least this many characters are sent once and then named by number; shorter ones go as text every time. */
export const SHARED_PIECE = 2048;
/** At most this many characters of pieces are shared at once (least recently sent values first out). */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;

/** A derived value's pieces as sent to the event loop: text, or the number of a piece sent before (or in `added`). */
export interface PiecesMessage {
  /** The value's pieces in order. */
  refs: (string | number)[];
  /** Long pieces sent for the first time: number and text. */
  added: [number, string][];
  /** Numbers no value sent from now on refers to: the table may forget them. */
  dropped: number[];
}

/** One value's last sent pieces (a channel: a plan and a derived value with its options). */
interface Channel {
  ids: Set<number>;
  chars: number;
}

/**
 * The thread's side: numbers long pieces by their text and remembers, per channel, which numbers
 * its last value used, so a number is dropped once no channel's last value uses it.
 */
export class PieceSender {
  private readonly ids = new Map<string, number>();
  private readonly texts = new Map<number, { text: string; users: number }>();
  private readonly channels = new Map<string, Channel>();
  private chars = 0;
  private pendingDrops: number[] = [];
  private next = 1;

  constructor(private readonly maxChars = MAX_SHARED_CHARS) {}

  /** Long pieces known now (tests). */
  get shared(): number {
    return this.texts.size;
  }

  /** The message for `pieces`, the new value of `channel`. */
  send(channel: string, pieces: readonly string[]): PiecesMessage {
    const refs: (string | number)[] = [];
    const added: [number, string][] = [];
    const used = new Set<number>();
    let chars = 0;
    for (const p of pieces) {
      if (p.length < SHARED_PIECE) {
        refs.push(p);
        continue;
      }
      let id = this.ids.get(p);
      if (id === undefined) {
        id = this.next++;
        this.ids.set(p, id);
        this.texts.set(id, { text: p, users: 0 });
        added.push([id, p]);
      }
      refs.push(id);
      if (!used.has(id)) {
        used.add(id);
        chars += p.length;
      }
    }
    for (const id of used) this.texts.get(id)!.users++;
    this.release(channel);
    this.channels.set(channel, { ids: used, chars });
    this.chars += chars;
    for (const [key] of this.channels) {
      if (this.chars <= this.maxChars || key === channel) break;
      this.release(key);
    }
    const dropped = this.pendingDrops;
    this.pendingDrops = [];
    return { refs, added, dropped };
  }

  private release(key: string): void {
    const old = this.channels.get(key);
    if (!old) return;
    this.channels.delete(key);
    this.chars -= old.chars;
    for (const id of old.ids) {
      const t = this.texts.get(id)!;
      if (--t.users > 0) continue;
      this.texts.delete(id);
      this.ids.delete(t.text);
      this.pendingDrops.push(id);
    }
  }
}

/** Bytes of one piece. */
type Bytes = Uint8Array<ArrayBuffer>;

/** JSON text as UTF-8 pieces, written to a response one after another; the cached answer of a derived value. */
export class JsonBody {
  /** Length in bytes. */
  readonly bytes: number;

  constructor(readonly parts: readonly Bytes[]) {
    let n = 0;
    for (const p of parts) n += p.byteLength;
    this.bytes = n;
  }

  /** A body of one text. */
  static of(text: string): JsonBody {
    return new JsonBody([Buffer.from(text, 'utf8')]);
  }

  /** The whole text (tests, small values). */
  text(): string {
    return Buffer.concat(this.parts, this.bytes).toString('utf8');
  }

  /** The pieces as a stream for a response (one piece: the bytes themselves). */
  body(): Bytes | ReadableStream<Bytes> {
    if (this.parts.length === 1) return this.parts[0]!;
    const parts = this.parts;
    let i = 0;
    return new ReadableStream<Bytes>({
      pull(controller) {
        // A few pieces per pull: each is a view of a kept buffer, never copied here.
        for (let n = 0; n < 16 && i < parts.length; n++) controller.enqueue(parts[i++]!);
        if (i >= parts.length) controller.close();
      },
    });
  }
}

/** The event loop's side: long pieces by number as UTF-8, read from each {@link PiecesMessage}. */
export class PieceTable {
  private readonly pieces = new Map<number, Bytes>();

  /** Long pieces kept now (tests). */
  get size(): number {
    return this.pieces.size;
  }

  /** The body a message describes; keeps its new pieces and forgets the dropped ones. */
  read(m: PiecesMessage): JsonBody {
    for (const [id, text] of m.added) this.pieces.set(id, Buffer.from(text, 'utf8'));
    const parts: Bytes[] = [];
    for (const r of m.refs) {
      if (typeof r === 'string') {
        if (r !== '') parts.push(Buffer.from(r, 'utf8'));
        continue;
      }
      const p = this.pieces.get(r);
      if (p === undefined) throw new Error(`derived JSON piece ${r} is unknown here (the thread and the event loop are out of step)`);
      parts.push(p);
    }
    for (const id of m.dropped) this.pieces.delete(id);
    return new JsonBody(parts);
  }

  /** Forgets every piece (a new thread starts numbering afresh). */
  clear(): void {
    this.pieces.clear();
  }
}
