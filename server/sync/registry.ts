import type { AuditTrail } from '../access/audit.js';
import type { ChangeJournal } from '../access/history.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { LoadedPlan, PlanHandle, PlanStorage, StoredSource } from '../store/storage.js';
import { standardHooks } from './hooks/index.js';
import { Room, type RoomHook, type RoomOptions } from './room.js';
import { frameStats, type FrameStats } from './ws-conn.js';

/** Receives a plan's complete stored state before its doc is built; resolves once it is sent. */
export type EarlyState = (state: Uint8Array) => Promise<void> | void;

/**
 * Largest stored state (bytes, V1) a plan may load asleep with (SPEC ME1): about the size of a
 * plan of SLEEP_MAX_STRUCTS structs, so its first use builds it in a few milliseconds.
 */
export const LOAD_ASLEEP_MAX_BYTES = 32 * 1024;

/** Longest wait for early answers to be written before the doc is built anyway. */
const EARLY_WAIT_MS = 2_000;

/**
 * Keeps loaded plans. Concurrent requests for one plan share one load; a plan left without
 * connections (and not in use over HTTP) is compacted and unloaded after `idleUnloadMs`; a
 * request that arrives while a plan is unloading waits for the unload, then loads it again.
 */
export class Registry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** Joiners waiting for a plan's stored bytes while it loads (see `get`). */
  private readonly early = new Map<string, Set<EarlyState>>();
  /** HTTP handlers currently using a room, per plan. */
  private readonly borrowed = new Map<string, number>();
  /** Loads performed (for tests and health). */
  loads = 0;
  /** Loads whose stored bytes were handed to early joiners before the doc was built. */
  earlyLoads = 0;
  /** Frames the sync endpoint received, parsed and refused (for tests and `npm run fuzz`). */
  readonly frames: FrameStats = frameStats();

  constructor(
    private readonly store: PlanStorage,
    /** `maxPlanBytes` left out: no update gate (unit tests of the registry with scratch docs; the server always passes it). */
    private readonly config: Pick<Config, 'idleUnloadMs' | 'idleCompactMs' | 'compactMinBytes' | 'maxBufferedBytes'> &
      Partial<Pick<Config, 'maxPlanBytes' | 'roomSleepMs'>>,
    private readonly log: Logger,
    private readonly audit: AuditTrail | null = null,
    /** The change journal (field history); null for none. */
    private readonly history: ChangeJournal | null = null,
    /** More hooks for every room, after the standard ones (several nodes: presence forwarding). */
    private readonly extraHooks: (() => RoomHook[]) | null = null,
  ) {}

  /** The room of a plan if it is loaded now (no load is started). */
  loaded(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  /** Number of plans in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /**
   * The loaded room of a known plan, loading it once if needed. When the plan is not in memory
   * and `early` is given, it is called with the plan's complete stored state (a V1 update)
   * as soon as the bytes are read and before the doc is built, so a new joiner can be answered
   * at once (building a large doc takes hundreds of milliseconds). It is not called when the
   * stored bytes are not the whole plan (updates still in the log, or an old V2 file).
   */
  async get(id: string, early?: EarlyState): Promise<Room> {
    if (early && !this.rooms.has(id)) {
      let set = this.early.get(id);
      if (!set) this.early.set(id, (set = new Set()));
      set.add(early);
    }
    try {
      return await this.getRoom(id);
    } finally {
      if (early) this.early.get(id)?.delete(early);
    }
  }

  private async getRoom(id: string): Promise<Room> {
    for (;;) {
      const room = this.rooms.get(id);
      if (room) {
        this.cancelIdle(id);
        return room;
      }
      const unloading = this.unloading.get(id);
      if (unloading) {
        await unloading;
        continue;
      }
      let loading = this.loading.get(id);
      if (!loading) {
        loading = this.load(id);
        this.loading.set(id, loading);
        loading.then(
          () => this.loading.delete(id),
          () => this.loading.delete(id),
        );
      }
      const loaded = await loading;
      this.cancelIdle(id);
      return loaded;
    }
  }

  /**
   * Runs `fn` with a plan's room held in memory, then lets it go idle again. `fn` runs once
   * every change in the doc is stored (never on content storage refused: then this rejects).
   * For HTTP handlers that read or change a plan without a websocket.
   */
  async use<T>(id: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    this.borrowed.set(id, (this.borrowed.get(id) ?? 0) + 1);
    try {
      const room = await this.get(id);
      await room.whenStored();
      return await fn(room);
    } finally {
      const n = (this.borrowed.get(id) ?? 1) - 1;
      if (n <= 0) this.borrowed.delete(id);
      else this.borrowed.set(id, n);
      const room = this.rooms.get(id);
      if (room) this.maybeIdle(room);
    }
  }

  /**
   * Where a plan's stored content can be read without loading it into a room (so nothing is
   * built on the event loop), for computing over it elsewhere. Null when a room holds the plan
   * (loaded, loading or unloading: its live doc is the truth and cheaper to diff) or when the
   * store cannot be read without loading.
   */
  storedSource(id: string): StoredSource | Promise<StoredSource> | null {
    if (!this.store.source || this.rooms.has(id) || this.loading.has(id) || this.unloading.has(id)) return null;
    return this.store.source(id);
  }

  private async load(id: string): Promise<Room> {
    const loaded = await this.store.load(id);
    await this.answerEarly(id, loaded);
    const room = new Room(id, loaded, this.roomOptions(loaded.files, loaded.state?.byteLength ?? Infinity));
    this.loads++;
    this.rooms.set(id, room);
    this.log.debug('plan loaded', { plan: id, updates: loaded.updates.length });
    // A load nobody ends up using must still be unloaded.
    setImmediate(() => this.maybeIdle(room));
    return room;
  }

  /** Lets the early answers (greetings from the stored state) reach the sockets before the event loop is busy building the doc. */
  private async answerEarly(id: string, { state, stateEncoding, updates }: LoadedPlan): Promise<void> {
    const waiting = [...(this.early.get(id) ?? [])];
    if (waiting.length === 0 || !state || stateEncoding !== 'v1' || updates.length > 0) return;
    this.earlyLoads++;
    await Promise.race([Promise.allSettled(waiting.map((cb) => cb(state))), new Promise((r) => setTimeout(r, EARLY_WAIT_MS))]);
  }

  /**
   * A room's options and hooks. Built here, apart from `load`, so the closures a room keeps for
   * its lifetime (onEmpty, maySleep...) do not hold the loaded state's bytes alive (SPEC MF1).
   */
  private roomOptions(files: PlanHandle, stateBytes: number): RoomOptions {
    const { idleCompactMs, compactMinBytes, maxBufferedBytes } = this.config;
    return {
      log: this.log,
      maxBufferedBytes,
      onEmpty: (r) => this.maybeIdle(r),
      onBroken: (r) => this.drop(r),
      // A quiet plan keeps only its encoded state (SPEC SP1), except while an HTTP handler uses it.
      sleepAfterMs: this.config.roomSleepMs ?? 0,
      // A small plan loads asleep and is built on first use (SPEC ME1); not where the store
      // follows other nodes' rows (that subscription is made when the doc is built).
      startAsleep: !files.follow && stateBytes <= LOAD_ASLEEP_MAX_BYTES,
      maySleep: (r) => !this.borrowed.has(r.id),
      hooks: [
        ...standardHooks({
          files,
          storage: this.store,
          log: this.log,
          idleCompactMs,
          compactMinBytes,
          audit: this.audit,
          history: this.history,
          gate: this.config.maxPlanBytes ? { maxPlanBytes: this.config.maxPlanBytes } : null,
        }),
        ...(this.extraHooks?.() ?? []),
      ],
    };
  }

  private maybeIdle(room: Room): void {
    if (room.size > 0 || this.borrowed.has(room.id) || this.idleTimers.has(room.id)) return;
    if (this.rooms.get(room.id) !== room) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.id);
      if (room.size === 0 && !this.borrowed.has(room.id)) void this.unload(room.id);
    }, this.config.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.id, timer);
  }

  private cancelIdle(id: string): void {
    const t = this.idleTimers.get(id);
    if (t) {
      clearTimeout(t);
      this.idleTimers.delete(id);
    }
  }

  /** Compacts and drops a plan from memory. */
  unload(id: string): Promise<void> {
    const room = this.rooms.get(id);
    if (!room) return this.unloading.get(id) ?? Promise.resolve();
    this.cancelIdle(id);
    this.rooms.delete(id);
    const done = room
      .close()
      .catch((err: unknown) => this.log.error('unload failed', { plan: id, error: String(err) }))
      .finally(() => this.unloading.delete(id));
    this.unloading.set(id, done);
    this.log.debug('plan unloaded', { plan: id });
    return done;
  }

  /**
   * Drops a broken room (storage refused a batch) without saving it, so the next join loads
   * the plan from storage again, without the refused batch.
   */
  private drop(room: Room): void {
    if (this.rooms.get(room.id) !== room) return;
    this.cancelIdle(room.id);
    this.rooms.delete(room.id);
    const done = room
      .discard()
      .catch((err: unknown) => this.log.error('discard failed', { plan: room.id, error: String(err) }))
      .finally(() => this.unloading.delete(room.id));
    this.unloading.set(room.id, done);
  }

  /** Loads and compacts plans whose logs were not folded in before the last stop. */
  async recover(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.get(id);
        await this.unload(id);
      } catch (err) {
        this.log.error('recovery failed', { plan: id, error: String(err) });
      }
    }
    if (ids.length > 0) this.log.info('recovered plans from their update logs', { plans: ids.length });
  }

  /** Closes every connection with `code` and flushes every plan to disk. */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.allSettled([...this.loading.values()]);
    for (const room of this.rooms.values()) room.closeAll(code, reason);
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)));
    await Promise.all([...this.unloading.values()]);
  }
}
