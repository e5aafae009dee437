import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { RESYNC, runJob, type ExportRequest, type HeavyJob, type HeavyResult } from './jobs.js';

/**
 * The built thread file: `worker.js` next to this module when it runs from dist/, or the build
 * of the sources (dist/server/work/worker.js) when the server runs from TypeScript under vitest.
 * Null when neither exists (then jobs run inline, blocking: only in an unbuilt checkout).
 */
function workerFile(): URL | null {
  const candidates = [new URL('./worker.js', import.meta.url), new URL('../../dist/server/work/worker.js', import.meta.url)];
  return candidates.find((url) => url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) ?? null;
}

type Pending = { resolve: (r: HeavyResult) => void; reject: (e: Error) => void };

/**
 * One background thread for heavy requests (import, export, ranking, issues, budget of big
 * plans), so the event loop keeps answering everyone else. Jobs queue in the thread in order;
 * the thread is started on first use, does not keep the process alive, and is restarted after
 * a crash (jobs in flight then fail).
 */
export class HeavyWork {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** The state vector of each plan's replica in the thread, as last sent. */
  private readonly sent = new Map<string, Uint8Array>();

  constructor(private readonly file: URL | null = workerFile()) {}

  /** Runs a job off the event loop and resolves with its result. */
  run(job: HeavyJob): Promise<HeavyResult> {
    if (!this.file) return Promise.resolve().then(() => runJob(job));
    const seq = ++this.seq;
    return new Promise<HeavyResult>((resolve, reject) => {
      this.pending.set(seq, {
        resolve: (result) => {
          // An imported plan's replica stays in the thread: its first read sends only changes.
          if (job.kind === 'import' && result.ok && 'stateVector' in result) this.sent.set(job.id, result.stateVector);
          resolve(result);
        },
        reject,
      });
      this.thread().postMessage({ seq, job });
    });
  }

  /**
   * One derived value (DERIVED in jobs.ts) of a live plan as JSON text. `read` runs `encode`
   * on the live doc (inside `registry.use`); only the changes since the thread's replica are
   * encoded, unless the replica is missing or out of sync (then the whole state, once).
   */
  async derive(planId: string, name: string, read: (encode: (doc: Y.Doc) => HeavyJob) => Promise<HeavyJob>): Promise<string> {
    const result = await this.throughReplica(planId, name, undefined, read);
    if (result.ok && 'json' in result) return result.json;
    throw new Error(`derive job ${name} answered without JSON`);
  }

  /** A document export (server/export/) of a live plan, read as {@link derive} reads. */
  exportLive(planId: string, request: ExportRequest, read: (encode: (doc: Y.Doc) => HeavyJob) => Promise<HeavyJob>): Promise<HeavyResult> {
    return this.throughReplica(planId, `export.${request.format}`, request, read);
  }

  private async throughReplica(planId: string, name: string, request: ExportRequest | undefined, read: (encode: (doc: Y.Doc) => HeavyJob) => Promise<HeavyJob>): Promise<HeavyResult> {
    for (const whole of [false, true]) {
      if (whole) this.sent.delete(planId);
      const job = await read((doc) => {
        const stateVector = Y.encodeStateVector(doc);
        return { kind: 'derive', name, planId, stateVector, update: Y.encodeStateAsUpdate(doc, this.sent.get(planId)), ...(request ? { export: request } : {}) };
      });
      try {
        const result = await this.run(job);
        if (job.kind === 'derive') this.sent.set(planId, job.stateVector);
        return result;
      } catch (err) {
        if (whole || (err as Error).message !== RESYNC) throw err;
      }
    }
    throw new Error('unreachable');
  }

  /** Stops the thread; jobs in flight fail. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.file!);
    w.unref();
    w.on('message', ({ seq, result, error }: { seq: number; result?: HeavyResult; error?: string }) => {
      const p = this.pending.get(seq);
      this.pending.delete(seq);
      if (error !== undefined) p?.reject(new Error(error));
      else p?.resolve(result!);
    });
    const fail = (err: Error): void => {
      if (this.worker === w) this.worker = null;
      this.sent.clear();
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`heavy-work thread exited (${code})`)));
    this.worker = w;
    return w;
  }
}
