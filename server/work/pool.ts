import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { DEFAULTS } from '../config.js';
import type { StoredSource } from '../store/storage.js';
import { DerivedCache, docVersion } from './derived-cache.js';
import { RESYNC, derivedKey, runJob, type ExportRequest, type HeavyJob, type HeavyResult, type ThreadResult } from './jobs.js';
import { JsonBody, PieceSender, PieceTable } from './json-parts.js';

/**
 * The built thread file: `worker.js` next to this module when it runs from dist/, or the build
 * of the sources (dist/server/work/worker.js) when the server runs from TypeScript under vitest.
 * Null when neither exists (then jobs run inline, blocking: only in an unbuilt checkout).
 */
function workerFile(): URL | null {
  const candidates = [new URL('./worker.js', import.meta.url), new URL('../../dist/server/work/worker.js', import.meta.url)];
  return candidates.find((url) => url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) ?? null;
}

/** Why a heavy job was not done: `heavy_busy` (queue full) or `heavy_timeout` (ran too long). */
export class HeavyWorkError extends Error {
  constructor(
    readonly code: 'heavy_busy' | 'heavy_timeout',
    message: string,
  ) {
    super(message);
    this.name = 'HeavyWorkError';
  }
}

/** Limits of the heavy-work thread (`HEAVY_TIMEOUT_MS`, `HEAVY_QUEUE`). */
export interface HeavyWorkLimits {
  /** Longest a job may run in the thread; past it the thread is stopped (and restarted for the next job). */
  timeoutMs: number;
  /** Jobs that may wait behind the running one; one more is refused at once. */
  maxQueue: number;
}

/** Defaults of {@link HeavyWorkLimits}: those of the server's config (README, Configuration). */
export const HEAVY_DEFAULTS: HeavyWorkLimits = { timeoutMs: DEFAULTS.heavyTimeoutMs, maxQueue: DEFAULTS.heavyQueue };

/** Where a derived value is computed from (see {@link HeavyWork.derive}). */
export interface DeriveSource {
  /** Where the plan's stored content is when no room holds it (`Registry.storedSource`), else null. */
  stored(): StoredSource | Promise<StoredSource> | null;
  /** Runs `encode` on the live doc (inside `registry.use`) and resolves with what it returned. */
  live<T>(encode: (doc: Y.Doc) => T): Promise<T>;
}

/** Updates a live doc emitted since `base`, the state vector sent with the last job for `planId` (SPEC DK5). */
interface Follow {
  planId: string;
  base: Uint8Array;
  pending: Uint8Array[];
  bytes: number;
  off: () => void;
}
/** Most bytes of a doc's updates kept between two reads of its derived values; past it, the next read encodes the diff. */
const MAX_FOLLOWED_BYTES = 1024 * 1024;

/** One update of `updates` (an empty one for none). */
function mergedOf(updates: Uint8Array[]): Uint8Array {
  if (updates.length === 0) return EMPTY_UPDATE;
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}
/** An update with no structs and no deletions. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

type Queued = { job: HeavyJob; resolve: (r: HeavyResult) => void; reject: (e: Error) => void };
type Running = Queued & { seq: number; worker: Worker; timer: NodeJS.Timeout };

/**
 * One background thread for heavy requests (import, export, ranking, issues, budget of big
 * plans), so the event loop keeps answering everyone else. Jobs wait in a bounded queue here
 * and go to the thread one at a time, each with a time limit: a job past it is refused with
 * `heavy_timeout` and the thread is stopped (the next job starts a fresh one); a job that finds
 * the queue full is refused with `heavy_busy`. The thread is started on first use, does not
 * keep the process alive, and is restarted after a crash (the job it ran then fails).
 */
export class HeavyWork {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly queue: Queued[] = [];
  private running: Running | null = null;
  /** The state vector of each plan's replica in the thread, as last sent. */
  private readonly sent = new Map<string, Uint8Array>();
  /** Threads started (the first, and one after each timeout or crash). */
  started = 0;
  /** Reads of a live plan that encoded the doc's diff (a walk of the whole doc) rather than merge the updates followed since the last one (SPEC DK5; tests). */
  wholeEncodes = 0;
  /** Derived values of live plans per document version: a repeated request runs no job. */
  readonly cache = new DerivedCache();
  /** Live docs whose updates are followed since the state last sent to the thread (SPEC DK5). */
  private readonly follows = new WeakMap<Y.Doc, Follow>();
  /** Long pieces of derived JSON the thread sent, by number (SPEC DK2). */
  readonly pieces = new PieceTable();
  /** Jobs run inline (no built thread file) go one at a time, through a sender of this instance's own. */
  private inline: Promise<unknown> = Promise.resolve();
  private readonly inlineSender = new PieceSender();
  private readonly inlinePieces = new PieceTable();

  constructor(
    private readonly limits: HeavyWorkLimits = HEAVY_DEFAULTS,
    private readonly file: URL | null = workerFile(),
  ) {}

  /** Jobs waiting behind the running one. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Runs a job off the event loop and resolves with its result; rejects with a
   * {@link HeavyWorkError} when the queue is full or the job runs past the time limit.
   */
  run(job: HeavyJob): Promise<HeavyResult> {
    if (!this.file) {
      const done = this.inline.then(() => runJob(job, this.inlineSender)).then((r) => this.read(r));
      this.inline = done.catch(() => undefined);
      return done;
    }
    if (this.queue.length >= this.limits.maxQueue) {
      return Promise.reject(new HeavyWorkError('heavy_busy', `The server is busy with ${this.queue.length + 1} large requests (exports, roll-ups, imports); try again in a minute.`));
    }
    return new Promise<HeavyResult>((resolve, reject) => {
      this.queue.push({
        job,
        resolve: (result) => {
          // An imported plan's replica stays in the thread: its first read sends only changes.
          if (job.kind === 'import' && result.ok && 'update' in result) this.sent.set(job.id, result.stateVector);
          resolve(result);
        },
        reject,
      });
      this.next();
    });
  }

  /**
   * One derived value (DERIVED in jobs.ts) of a plan as JSON text (or, through
   * {@link exportPlan}, a document export). A plan no room holds is read
   * from storage and built in the thread (`source.stored`); otherwise `source.live` encodes the
   * live doc's changes since the thread's replica, or its whole state when the replica is
   * missing or out of sync (then once more, whole). `params` are the derived value's options
   * (checked by the route: the budget's `asOf` and `review`).
   */
  async derive(planId: string, name: string, source: DeriveSource, params: Record<string, string> = {}): Promise<JsonBody> {
    const result = await this.throughReplica(planId, name, undefined, source, params);
    if (result.ok && 'value' in result) return result.value;
    throw new Error(`derive job ${name} answered without JSON`);
  }

  /** A document export (server/export/) of a plan, read as {@link derive} reads. */
  exportPlan(planId: string, request: ExportRequest, source: DeriveSource): Promise<HeavyResult> {
    return this.throughReplica(planId, `export.${request.format}`, request, source);
  }

  private async throughReplica(planId: string, name: string, request: ExportRequest | undefined, source: DeriveSource, params: Record<string, string> = {}): Promise<HeavyResult> {
    const withExport = { ...(request ? { export: request } : {}), ...(Object.keys(params).length > 0 ? { params } : {}) };
    // A value is cached with its options: `budget?asOf=...` is not `budget`.
    const key = derivedKey(name, params);
    const stored = await source.stored();
    if (stored) {
      const result = await this.run({ kind: 'derive-stored', name, planId, source: stored, ...withExport });
      if (result.ok && 'stateVector' in result && result.stateVector) this.sent.set(planId, result.stateVector);
      return result;
    }
    for (const whole of [false, true]) {
      if (whole) this.sent.delete(planId);
      type Next = { cached: JsonBody } | { job: HeavyJob; doc: Y.Doc; version: number };
      const next = await source.live((doc): Next => {
        const version = docVersion(doc);
        const cached = request ? undefined : this.cache.get(planId, doc, version, key);
        if (cached !== undefined) return { cached };
        const stateVector = Y.encodeStateVector(doc);
        const job: HeavyJob = { kind: 'derive', name, planId, stateVector, update: this.changesSince(planId, doc, stateVector), ...withExport };
        return { job, doc, version };
      });
      if ('cached' in next) return { ok: true, value: next.cached };
      const { job } = next;
      try {
        const result = await this.run(job);
        if (job.kind === 'derive') this.sent.set(planId, job.stateVector);
        if (!request && result.ok && 'value' in result) this.cache.set(planId, next.doc, next.version, key, result.value);
        return result;
      } catch (err) {
        if (whole || (err as Error).message !== RESYNC) throw err;
      }
    }
    throw new Error('unreachable');
  }

  /**
   * The live doc's changes since the state the thread's replica has (SPEC DK5): the updates the doc
   * emitted since that state was sent, merged, when they were followed from it; else (the first
   * read, a resync, a new doc, too much to keep) the doc's diff against that state, whose encoding
   * walks every item of the doc (about 20 ms at 60,000 activities, on the event loop). From now on
   * the doc's updates are followed from `stateVector`, the state this job brings the replica to.
   */
  private changesSince(planId: string, doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
    const base = this.sent.get(planId);
    let f = this.follows.get(doc);
    const followed = base !== undefined && f !== undefined && f.planId === planId && f.base === base;
    if (!followed) this.wholeEncodes++;
    const update = followed ? mergedOf(f!.pending) : Y.encodeStateAsUpdate(doc, base);
    if (f === undefined || f.planId !== planId) {
      f?.off();
      const follow: Follow = { planId, base: stateVector, pending: [], bytes: 0, off: () => doc.off('update', onUpdate) };
      const onUpdate = (u: Uint8Array): void => {
        follow.pending.push(u);
        follow.bytes += u.byteLength;
        // Past the bound the next read encodes the diff instead; the doc is followed again from then on.
        if (follow.bytes > MAX_FOLLOWED_BYTES) {
          follow.off();
          this.follows.delete(doc);
        }
      };
      doc.on('update', onUpdate);
      this.follows.set(doc, (f = follow));
    }
    f.base = stateVector;
    f.pending = [];
    f.bytes = 0;
    return update;
  }

  /** Stops the thread; the running job and queued jobs fail. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    // A thread started after this one has no replicas and knows no pieces (inline jobs start over alike).
    this.sent.clear();
    this.pieces.clear();
    for (const q of this.queue.splice(0)) q.reject(new Error('heavy work stopped'));
    if (w) await w.terminate();
  }

  /** Sends the next queued job to the thread, when none is running. */
  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const queued = this.queue.shift()!;
    const seq = ++this.seq;
    const worker = this.thread();
    const timer = setTimeout(() => {
      // The thread cannot be interrupted mid-job: stop it; the next job starts a fresh one.
      this.finish(seq)?.reject(new HeavyWorkError('heavy_timeout', `The request took longer than ${this.limits.timeoutMs} ms and was stopped; the plan may be too large for this server.`));
      this.stop(worker);
    }, this.limits.timeoutMs);
    timer.unref();
    this.running = { ...queued, seq, worker, timer };
    worker.postMessage({ seq, job: queued.job });
  }

  /** Ends the running job `seq` (if it still is) and starts the next; the job, to settle. */
  private finish(seq: number): Queued | null {
    const r = this.running;
    if (!r || r.seq !== seq) return null;
    clearTimeout(r.timer);
    this.running = null;
    setImmediate(() => this.next());
    return r;
  }

  /** Drops a thread (after a timeout or crash): its replicas are gone with it. */
  private stop(w: Worker): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.sent.clear();
    this.pieces.clear();
    void w.terminate();
  }

  /** A thread's answer as callers take it: derived JSON pieces read into a {@link JsonBody} (SPEC DK2). */
  private read(result: ThreadResult): HeavyResult {
    if (!result.ok || !('pieces' in result)) return result;
    const { pieces, ...rest } = result;
    return { ...rest, value: (this.file ? this.pieces : this.inlinePieces).read(pieces) };
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.file!);
    this.started++;
    w.unref();
    w.on('message', ({ seq, result, error }: { seq: number; result?: ThreadResult; error?: string }) => {
      const r = this.finish(seq);
      if (!r) return;
      if (error !== undefined) r.reject(new Error(error));
      else {
        // Read at once, in the order the thread answered: its numbers refer to pieces sent before (SPEC DK2).
        let read: HeavyResult;
        try {
          read = this.read(result!);
        } catch (err) {
          r.reject(err as Error);
          this.stop(w);
          return;
        }
        r.resolve(read);
      }
    });
    const fail = (err: Error): void => {
      if (this.running?.worker === w) this.finish(this.running.seq)?.reject(err);
      this.stop(w);
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`heavy-work thread exited (${code})`)));
    this.worker = w;
    return w;
  }
}
