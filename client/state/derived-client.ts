/**
 * The page's side of the derived-values worker (SPEC UW1): spawns it with the doc's state, sends
 * it the doc's updates and questions, and turns its packed answers back into values that reuse the
 * objects of the last answer. Lives in the lazily loaded derived-value chunk (`derived.ts`), so
 * none of it joins the first load (BL1); the plan store decides when to ask.
 */
import * as Y from 'yjs';
import { unpackValue, type FromWorker, type ToWorker, type WorkerKey, type WorkerValues } from './derived-protocol.js';

/** Most doc updates held for the worker before they are sent without waiting for a question. */
export const MAX_HELD = 512;
/** Most bytes of doc updates held for the worker before they are sent without waiting for a question. */
export const MAX_HELD_BYTES = 1 << 20;

/** How a {@link DerivedWorker} talks to its owner (the plan store). */
export interface DerivedWorkerEvents {
  /** The keys the owner asked for at revision `seq` while it still waits for that answer; null drops the answer. */
  accept(seq: number): readonly WorkerKey[] | null;
  /** The values of an accepted answer (objects of the last answer reused) and the worker's time (ms). */
  values(values: Partial<WorkerValues>, ms: number): void;
  /** The worker failed (could not load, threw, or the two sides disagree). */
  failed(reason: unknown): void;
}

/** One derived-values worker following one doc. */
export class DerivedWorker {
  private readonly worker: Worker;
  /** Per value: the object the worker's last sent content was turned into (kept when it answers `same`). */
  private readonly last = new Map<WorkerKey, unknown>();
  /** Answers taken (the worker packs against its last lists only when it sent as many). */
  private taken = 0;
  /** Doc updates not sent yet, their bytes, and the revision the last of them brings the doc to. */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private heldSeq = 0;

  /** Spawns the worker with `doc`'s whole state at revision `seq`; throws when the page cannot start it. */
  constructor(doc: Y.Doc, seq: number, private readonly events: DerivedWorkerEvents) {
    this.worker = new Worker(new URL('./derived-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.events.failed(e.message || 'the derived-values worker failed to load');
    };
    const update = Y.encodeStateAsUpdate(doc);
    this.post({ t: 'init', seq, update }, [update.buffer]);
  }

  /**
   * Takes one doc update (a copy: other listeners of the doc still read `update`), the doc now at
   * revision `seq`. Updates are held and sent together with the next question (or once
   * {@link MAX_HELD} updates or {@link MAX_HELD_BYTES} bytes are held): the replica needs them only
   * to answer, so a keystroke costs the page no message and the worker no wake-up (SPEC PP2).
   */
  update(update: Uint8Array, seq: number): void {
    this.held.push(update.slice());
    this.heldBytes += update.byteLength;
    this.heldSeq = seq;
    if (this.held.length >= MAX_HELD || this.heldBytes >= MAX_HELD_BYTES) this.flush();
  }

  /** Asks for `keys` at revision `seq` (every update up to it sent first, none after). */
  ask(seq: number, keys: WorkerKey[]): void {
    this.flush();
    this.post({ t: 'compute', seq, keys, base: this.taken });
  }

  /** Updates sent to the worker (messages, and the updates they carried; for tests and diagnostics). */
  readonly sent = { messages: 0, updates: 0 };

  /** Sends the held updates, in order, as one message (their buffers transferred). */
  private flush(): void {
    if (this.held.length === 0) return;
    const updates = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.sent.messages++;
    this.sent.updates += updates.length;
    this.post({ t: 'update', seq: this.heldSeq, updates }, updates.map((u) => u.buffer));
  }

  /** Stops the worker (held updates are dropped). */
  terminate(): void {
    this.held = [];
    this.heldBytes = 0;
    this.worker.terminate();
  }

  private onMessage(msg: FromWorker): void {
    if (msg.t === 'error') return this.events.failed(msg.message);
    const keys = this.events.accept(msg.seq);
    if (!keys) return;
    const out: Partial<WorkerValues> = {};
    try {
      for (const key of keys) {
        const prev = this.last.get(key) as WorkerValues[typeof key] | undefined;
        const sent = msg.values[key];
        const value = msg.same.includes(key) ? prev : sent === undefined ? undefined : unpackValue(key, sent, prev);
        if (value === undefined) continue;
        this.last.set(key, value);
        (out as Record<WorkerKey, unknown>)[key] = value;
      }
    } catch (err) {
      return this.events.failed(err);
    }
    this.taken++;
    this.events.values(out, msg.ms);
  }

  private post(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }
}
