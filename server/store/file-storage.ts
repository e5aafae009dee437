import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { isId } from '../../shared/ids.js';
import type { Logger } from '../log.js';
import { PlanIndex } from './plan-index.js';
import type { LoadedPlan, PlanDates, PlanHandle, PlanMeta, ServerStorage, StoredSource } from './storage.js';
import { LOG_RE, logName, type StateFile } from './plan-folder.js';
import { UpdateLog } from './update-log.js';

export type { LoadedPlan, PlanMeta } from './storage.js';

interface MetaFile extends PlanMeta {
  version: 1;
}

/**
 * The file implementation of {@link PlanStorage}: one folder per plan under
 * `<dataDir>/plans/<id>/`, so saving one plan never rewrites another. Each folder holds
 * `meta.json` and `state.json` (both written atomically through lowdb's JSONFile: temp file +
 * rename) and an append-only update log (`update-log.ts`) whose appends are synchronous
 * `write(2)` calls: durable against a process crash when `append` returns, with no promise.
 * Plan ids are checked with `isId` before they touch a path. Access links, the audit trail and
 * snapshots live in the same folder (see `dir`).
 */
export class PlanStore extends PlanIndex implements ServerStorage {
  /** This is the file store. */
  readonly kind = 'file' as const;
  private readonly plansDir: string;

  private constructor(readonly dataDir: string, private readonly log: Logger) {
    super();
    this.plansDir = path.join(dataDir, 'plans');
  }

  /** Opens (creating if needed) a data folder and reads every plan's meta into memory. */
  static async open(dataDir: string, log: Logger): Promise<PlanStore> {
    const store = new PlanStore(dataDir, log);
    await fsp.mkdir(store.plansDir, { recursive: true });
    for (const entry of await fsp.readdir(store.plansDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !isId(entry.name)) continue;
      const meta = await readJson<MetaFile>(path.join(store.plansDir, entry.name, 'meta.json')).catch((err: unknown) => {
        log.error('unreadable meta.json', { id: entry.name, error: String(err) });
        return null;
      });
      if (!meta || meta.id !== entry.name) {
        log.warn('skipping plan folder without valid meta.json', { id: entry.name });
        continue;
      }
      store.index.set(meta.id, { id: meta.id, title: meta.title, createdAt: meta.createdAt, updatedAt: meta.updatedAt });
    }
    return store;
  }

  /** Ids of plans whose update log holds records: they were not compacted before the last stop. */
  plansWithPendingLogs(): string[] {
    const out: string[] = [];
    for (const id of this.index.keys()) {
      const dir = this.dir(id);
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      if (names.some((n) => LOG_RE.test(n) && fs.statSync(path.join(dir, n)).size > 0)) out.push(id);
    }
    return out;
  }

  /**
   * Creates a plan on disk (state, a V1 update, first; meta last) and adds it to the index. If
   * any write fails (a full disk), what it wrote is removed again and the error is rethrown: a
   * failed creation leaves nothing behind (a folder that existed before, holding a plan's links
   * and snapshots while its content moves here from PostgreSQL, keeps those).
   */
  async create(id: string, title: string, state: Uint8Array, dates?: PlanDates): Promise<PlanMeta> {
    if (!isId(id)) throw new Error(`invalid plan id: ${id}`);
    if (this.index.has(id)) throw new Error(`plan exists: ${id}`);
    const dir = this.dir(id);
    const now = new Date().toISOString();
    const meta: PlanMeta = { id, title, createdAt: dates?.createdAt ?? now, updatedAt: dates?.updatedAt ?? now };
    const existed = fs.existsSync(dir);
    try {
      await fsp.mkdir(dir, { recursive: true });
      await writeJson<StateFile>(path.join(dir, 'state.json'), stateFile(state, 0));
      await writeJson<MetaFile>(path.join(dir, 'meta.json'), { version: 1, ...meta });
    } catch (err) {
      const undo = existed
        ? Promise.all(['state.json', 'meta.json'].map((n) => fsp.rm(path.join(dir, n), { force: true })))
        : fsp.rm(dir, { recursive: true, force: true });
      await undo.catch(() => undefined);
      throw err;
    }
    this.index.set(id, meta);
    return meta;
  }

  /** Removes a plan's folder (state, logs, meta, access, audit, snapshots) and its index entry. */
  async delete(id: string): Promise<void> {
    const dir = this.dir(id);
    this.index.delete(id);
    await fsp.rm(dir, { recursive: true, force: true });
  }

  /** Reads a plan's state and logged updates and opens its log for appending. */
  async load(id: string): Promise<LoadedPlan> {
    if (!this.index.has(id)) throw new Error(`unknown plan: ${id}`);
    const dir = this.dir(id);
    const sf = await readJson<StateFile>(path.join(dir, 'state.json'));
    const state = sf ? new Uint8Array(Buffer.from(sf.state, 'base64')) : null;
    const floor = sf?.logSeq ?? 0;
    const seqs = (await fsp.readdir(dir))
      .map((n) => LOG_RE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    const updates: Uint8Array[] = [];
    let current = floor;
    let open: UpdateLog | null = null;
    for (const seq of seqs) {
      if (seq < floor) {
        await fsp.rm(path.join(dir, logName(seq)), { force: true });
        continue;
      }
      const file = path.join(dir, logName(seq));
      const { log, records, skippedBytes } = UpdateLog.open(file);
      if (skippedBytes > 0) this.log.warn('skipped damaged bytes in an update log; intact records after them are kept', { id, file: logName(seq), skippedBytes });
      updates.push(...records);
      if (records.length > 0) this.noteChangedAt(id, (await fsp.stat(file)).mtime);
      open?.close();
      open = log;
      current = seq;
    }
    if (!open) open = UpdateLog.open(path.join(dir, logName(current))).log;
    const stateEncoding = sf?.encoding === 'yjs-update-v2' ? 'v2' : 'v1';
    return { state, stateEncoding, updates, files: new PlanFiles(this, id, dir, current, open, state?.byteLength ?? 0) };
  }

  /** The plan's folder, which `readPlanFolder` reads without opening or changing any file. */
  source(id: string): StoredSource {
    if (!this.index.has(id)) throw new Error(`unknown plan: ${id}`);
    return { dir: this.dir(id) };
  }

  /** After a crash, meta.json may be older than the log: the log's time wins. */
  private noteChangedAt(id: string, when: Date): void {
    const meta = this.index.get(id);
    if (meta && when.toISOString() > meta.updatedAt) meta.updatedAt = when.toISOString();
  }

  /** Writes meta.json from the index. */
  async writeMeta(id: string): Promise<void> {
    const meta = this.index.get(id);
    if (meta) await writeJson<MetaFile>(path.join(this.dir(id), 'meta.json'), { version: 1, ...meta });
  }

  /** Nothing to release: every append is already written and every handle closes its own log. */
  async close(): Promise<void> {}

  /** The folder of a plan (the id is checked first). */
  dir(id: string): string {
    if (!isId(id)) throw new Error(`invalid plan id: ${id}`);
    return path.join(this.plansDir, id);
  }
}

/**
 * The open files of one loaded plan. `append` is synchronous and durable against a process
 * crash; `compact` switches to a fresh log at once (so no update can fall between the state
 * it is given and the log that follows it), then writes the state file and removes older logs.
 */
export class PlanFiles implements PlanHandle {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: PlanStore,
    readonly id: string,
    private readonly dir: string,
    private seq: number,
    private log: UpdateLog,
    /** Size of the last written state, which sets how large the log may grow. */
    public stateBytes: number,
  ) {}

  /** Bytes in the current log. */
  get logBytes(): number {
    return this.log.size;
  }

  /** Records in the current log. */
  get logCount(): number {
    return this.log.count;
  }

  /** Appends updates to the log (one write). */
  append(updates: readonly Uint8Array[]): void {
    this.log.append(updates);
  }

  /**
   * Folds everything into a new state file. `state` must be the full doc state (V1 update)
   * encoded right now (synchronously before this call), so it holds every update logged so far.
   */
  compact(state: Uint8Array): Promise<void> {
    const seq = this.seq + 1;
    this.log.close();
    this.log = UpdateLog.open(path.join(this.dir, logName(seq))).log;
    this.seq = seq;
    this.stateBytes = state.byteLength;
    const run = async () => {
      await writeJson<StateFile>(path.join(this.dir, 'state.json'), stateFile(state, seq));
      await this.store.writeMeta(this.id);
      for (const name of await fsp.readdir(this.dir)) {
        const m = LOG_RE.exec(name);
        if (m && Number(m[1]) < seq) await fsp.rm(path.join(this.dir, name), { force: true });
      }
    };
    this.writes = this.writes.then(run, run);
    return this.writes;
  }

  /** Waits for pending writes, then closes the log. */
  async close(): Promise<void> {
    await this.writes.catch(() => undefined);
    this.log.close();
  }
}

function stateFile(state: Uint8Array, logSeq: number): StateFile {
  return {
    version: 1,
    encoding: 'yjs-update-v1',
    state: Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('base64'),
    logSeq,
    bytes: state.byteLength,
    savedAt: new Date().toISOString(),
  };
}

/** lowdb read; a missing file reads as null. (Never JSONFilePreset: it keeps data in memory under NODE_ENV=test.) */
async function readJson<T>(file: string): Promise<T | null> {
  const db = new Low<T | null>(new JSONFile<T | null>(file), null);
  await db.read();
  return db.data;
}

/** lowdb write: steno writes a temp file and renames it, so a crash leaves the old or the new file. */
async function writeJson<T>(file: string, data: T): Promise<void> {
  const db = new Low<T>(new JSONFile<T>(file), data);
  db.data = data;
  await db.write();
}
