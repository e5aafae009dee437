import { isId } from '../../shared/ids.js';
import type { LoadedPlan, PlanDates, PlanHandle, PlanMeta, PlanStorage, StoredSource } from './storage.js';

/** One plan as the memory store keeps it: what a disk would hold. */
interface StoredPlan {
  meta: PlanMeta;
  state: Uint8Array;
  /** Records of the current log, in append order. */
  log: Uint8Array[];
  /** Index in `log` of a record that was being written when the "process" died (see `tearTail`). */
  tornAt: number | null;
}

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * When true, `append` returns a promise that resolves in a later macrotask, like a database
   * commit, so tests exercise the room's asynchronous relay path.
   */
  asyncAppend?: boolean;
}

/**
 * A {@link PlanStorage} in memory, for tests: no disk, same contract. The stored plans live in
 * a "disk" object that outlives the storage, so `reopen()` acts as a restart of the server
 * (handles of the old instance are dropped, like file descriptors of a killed process).
 * `tearTail` simulates a crash in the middle of an append, and `failAppends` a disk that
 * refuses writes.
 */
export class MemoryStorage implements PlanStorage {
  /** Set to make every later append throw (or reject), like a full disk. */
  failAppends = false;

  constructor(
    private readonly options: MemoryStorageOptions = {},
    private readonly disk: Map<string, StoredPlan> = new Map(),
  ) {}

  /** A new instance over the same stored plans: a restart. */
  reopen(): MemoryStorage {
    return new MemoryStorage(this.options, this.disk);
  }

  /** Leaves a partial record at the end of a plan's log, as a crash mid-write would. */
  tearTail(id: string, bytes: Uint8Array = Uint8Array.of(9, 0, 0)): void {
    const plan = this.plan(id);
    plan.tornAt ??= plan.log.length;
    plan.log.push(bytes);
  }

  /** All plans, most recently updated first. */
  list(): PlanMeta[] {
    return [...this.disk.values()].map((p) => ({ ...p.meta })).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** One plan's metadata, or undefined. */
  get(id: string): PlanMeta | undefined {
    return this.disk.get(id)?.meta;
  }

  /** True when the plan exists. */
  has(id: string): boolean {
    return this.disk.has(id);
  }

  /** Creates a plan with an initial state; refuses invalid or taken ids. */
  async create(id: string, title: string, state: Uint8Array, dates?: PlanDates): Promise<PlanMeta> {
    if (!isId(id)) throw new Error(`invalid plan id: ${id}`);
    if (this.disk.has(id)) throw new Error(`plan exists: ${id}`);
    const now = new Date().toISOString();
    const meta: PlanMeta = { id, title, createdAt: dates?.createdAt ?? now, updatedAt: dates?.updatedAt ?? now };
    this.disk.set(id, { meta, state: state.slice(), log: [], tornAt: null });
    return meta;
  }

  /** Deletes a plan. */
  async delete(id: string): Promise<void> {
    this.disk.delete(id);
  }

  /** The plan's state and log (a torn tail is cut off), and a handle to it. */
  async load(id: string): Promise<LoadedPlan> {
    const plan = this.plan(id);
    // A torn record ends the log: it and anything after it are cut off, as on disk.
    if (plan.tornAt !== null) plan.log.length = plan.tornAt;
    plan.tornAt = null;
    return { state: plan.state, stateEncoding: 'v1', updates: [...plan.log], files: new MemoryHandle(this, plan) };
  }

  /** Copies of the plan's state and intact log records (a torn tail skipped, not cut), without a handle. */
  source(id: string): StoredSource {
    const plan = this.plan(id);
    const log = plan.tornAt === null ? plan.log : plan.log.slice(0, plan.tornAt);
    return { content: { state: plan.state.slice(), stateEncoding: 'v1', updates: log.map((r) => r.slice()) } };
  }

  /** Marks a plan as changed now. */
  touch(id: string, title?: string): void {
    const meta = this.disk.get(id)?.meta;
    if (!meta) return;
    meta.updatedAt = new Date().toISOString();
    if (title !== undefined) meta.title = title;
  }

  /** Sets a plan's title. */
  setTitle(id: string, title: string): void {
    const meta = this.disk.get(id)?.meta;
    if (meta) meta.title = title;
  }

  /** Plans whose log holds records. */
  plansWithPendingLogs(): string[] {
    return [...this.disk.values()].filter((p) => p.log.length > 0).map((p) => p.meta.id);
  }

  /** Whether appends are asynchronous (see {@link MemoryStorageOptions}). */
  get asyncAppend(): boolean {
    return this.options.asyncAppend === true;
  }

  private plan(id: string): StoredPlan {
    const plan = this.disk.get(id);
    if (!plan) throw new Error(`unknown plan: ${id}`);
    return plan;
  }
}

/** The open handle of one plan in a {@link MemoryStorage}. */
class MemoryHandle implements PlanHandle {
  /** Bytes the current log would take on disk (8 bytes of framing per record, as the file store). */
  logBytes = 0;
  /** Size of the last stored state. */
  stateBytes: number;
  private closed = false;

  constructor(
    private readonly storage: MemoryStorage,
    private readonly plan: StoredPlan,
  ) {
    this.stateBytes = plan.state.byteLength;
    for (const r of plan.log) this.logBytes += 8 + r.byteLength;
  }

  /** The plan's id. */
  get id(): string {
    return this.plan.meta.id;
  }

  /** Records in the current log. */
  get logCount(): number {
    return this.plan.log.length;
  }

  /** Stores copies of the updates; synchronous, or settling in a later macrotask with `asyncAppend`. */
  append(updates: readonly Uint8Array[]): void | Promise<void> {
    if (this.closed) throw new Error('handle is closed');
    if (this.storage.failAppends) {
      const err = new Error('append refused (simulated)');
      if (this.storage.asyncAppend) return Promise.reject(err);
      throw err;
    }
    // Copies, as a disk would: later changes to the caller's buffers do not reach the store.
    const records = updates.map((u) => u.slice());
    if (!this.storage.asyncAppend) return this.write(records);
    // Like a database commit: the records are in the log before the promise settles.
    this.write(records);
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  private write(records: Uint8Array[]): void {
    for (const r of records) {
      this.plan.log.push(r);
      this.logBytes += 8 + r.byteLength;
    }
  }

  /** Replaces the state and starts an empty log (at once, before the promise settles). */
  async compact(state: Uint8Array): Promise<void> {
    // The fresh log starts now: later appends land after this state.
    this.plan.state = state.slice();
    this.plan.log = [];
    this.logBytes = 0;
    this.stateBytes = state.byteLength;
  }

  /** Refuses later appends. */
  async close(): Promise<void> {
    this.closed = true;
  }
}
