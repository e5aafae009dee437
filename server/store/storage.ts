import type { HistoryEntry } from '../../shared/history.js';
/**
 * The storage a live plan needs, as an interface: the file store (`file-storage.ts`) is one
 * implementation, the in-memory store (`memory-storage.ts`, for tests) another, and a database
 * store can be a third. Every implementation must pass `tests/server/storage-contract.ts`.
 *
 * ## The contract
 *
 * A plan is stored as a *state* (the whole doc as one Yjs update) plus an ordered *log* of the
 * updates accepted since that state. `load` returns both; the doc is the state with the log
 * applied in order.
 *
 * **Durable append before relay.** The room hands a turn's accepted updates to
 * {@link PlanHandle.append} and relays them to the other connections only once the append is
 * *durable*: after it returned (synchronous store) or after its promise resolved (asynchronous
 * store). If it throws or rejects, nothing of that batch may be considered stored: the room
 * relays none of it and closes every connection with 4500; the clients still hold the edits
 * and send them again when they reconnect. "Durable" means: a `load` after the server process
 * dies at any later moment (kill -9) returns the batch. For the file store that is a
 * synchronous `write(2)` into the page cache (it survives the process, not a power cut; that
 * is the same promise as the peers we measure against); a database store resolves when its
 * transaction has committed.
 *
 * **Why `void | Promise<void>`.** Relay latency is the figure users feel (M1), and the file
 * store's append is a synchronous write: returning `void` lets the room relay in the same
 * turn, with no extra microtask hop and no promise allocated per batch. A store that can only
 * be durable asynchronously (Postgres) returns a promise; the room then relays that batch when
 * it settles, and keeps later batches behind it, so relay order is always append order.
 *
 * **Ordering.** Appends of one handle are applied in call order; `load` returns them in that
 * order after the state. An implementation never reorders or merges records in a way that
 * changes what applying them yields.
 *
 * **Compaction.** {@link PlanHandle.compact} is given the full doc state encoded *right now*,
 * i.e. holding every update appended so far. It switches to a fresh log synchronously (before
 * it returns its promise), so an update appended while the state is being written lands after
 * the state and is kept; once the promise resolves, the older log may be dropped. A failed
 * compaction loses nothing: the older log still holds the updates.
 *
 * **Torn tail.** A crash in the middle of an append may leave a partial last record. On the
 * next `load` it is cut off; every record before it is returned (its batch was never
 * acknowledged, because the append had not returned). (A database store has no torn tail: an
 * append interrupted by a crash is a transaction that never committed, so `load` never sees it.)
 *
 * **Refused appends.** An append that throws or rejects (a full disk) stores nothing of its
 * batch, and later appends that succeed are kept: a refused write is cut back before the
 * append throws, and a record damaged anyway never hides the intact records after it on the
 * next `load`. The room never serves a refused batch: it drops its doc (see `Room.discard`).
 *
 * **Concurrency.** One process owns a data set. Within it, the caller (the Registry) opens at
 * most one handle per plan at a time: a `load` of a plan starts only after the previous
 * handle's `close()` resolved. Concurrent `load`s of *different* plans, and any calls on
 * different plans, are independent: writing one plan never rewrites another.
 */

/** What the plan list shows; kept in memory for every plan. */
export interface PlanMeta {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** A plan's creation and last-change times (ISO 8601). */
export type PlanDates = Pick<PlanMeta, 'createdAt' | 'updatedAt'>;

/** A plan's stored content (the doc is `state` with `updates` applied in order), as read without opening it. */
export interface StoredContent {
  /** The compacted state, or null for none. */
  state: Uint8Array | null;
  /** How `state` is encoded ('v2' only for files written by early versions). */
  stateEncoding: 'v1' | 'v2';
  /** Intact updates (V1) appended after that state, in append order. */
  updates: Uint8Array[];
}

/**
 * Where a plan's stored content can be read without opening the plan: the bytes themselves, or
 * a plan folder in the file store's layout, which `readPlanFolder` (`plan-folder.ts`) reads in
 * any thread (so the heavy-work thread, not the event loop, reads and decodes a big plan).
 */
export type StoredSource = { content: StoredContent } | { dir: string };

/** What loading a plan yields. */
export interface LoadedPlan {
  /** The compacted state, or null for none. */
  state: Uint8Array | null;
  /** How `state` is encoded ('v2' only for files written by early versions). */
  stateEncoding: 'v1' | 'v2';
  /** Updates (V1) appended after that state, in append order. */
  updates: Uint8Array[];
  /** The open handle to append to and compact through. */
  files: PlanHandle;
}

/** The open storage of one loaded plan (see the contract above). */
export interface PlanHandle {
  /** The plan's id. */
  readonly id: string;
  /** Bytes in the current log (sets when compaction pays off). */
  readonly logBytes: number;
  /** Records in the current log (0: nothing to compact). */
  readonly logCount: number;
  /** Size of the last stored state. */
  readonly stateBytes: number;
  /**
   * Appends a batch of updates as records, durably: done when this returns (void) or when the
   * promise resolves. Throws or rejects when the batch is not stored; the caller must not relay it.
   */
  append(updates: readonly Uint8Array[]): void | Promise<void>;
  /**
   * Folds everything into a new state. `state` must be the full doc state (V1 update) encoded
   * synchronously before the call. Starts a fresh log before returning.
   */
  compact(state: Uint8Array): Promise<void>;
  /** Waits for pending writes and releases the handle; it cannot be used afterwards. */
  close(): Promise<void>;
  /**
   * Optional (stores shared by several nodes): from now on, updates that other nodes stored
   * for this plan are handed to `apply` in storage order, which must apply them to the doc
   * synchronously and never append them again (SPEC CL1). A store of one process lacks it.
   */
  follow?(apply: (updates: Uint8Array[]) => void): void;
  /**
   * Optional (PostgreSQL, SPEC CL7): rows a change being applied now caused (audit events as
   * JSON, change journal entries), stored in the same transaction as the batch that holds the
   * change, so they are stored exactly when it is and lost only with it (a refused batch drops
   * them: the client resends the change and the hooks record them again).
   */
  attach?(rows: BatchRows): void;
  /**
   * Optional, with `attach`: the room closed a batch (everything applied since the previous
   * call). The rows attached until now ride with the next `append`, even when that call comes
   * later, behind a batch still being stored.
   */
  seal?(): void;
}

/** Rows that ride with a batch of updates (see {@link PlanHandle.attach}). */
export interface BatchRows {
  /** Audit events, each as its JSON text. */
  audit?: string[];
  /** Change journal entries. */
  history?: HistoryEntry[];
}

/** Durable storage of every plan: their metadata, creation and loading. */
export interface PlanStorage {
  /** All plans, most recently updated first. */
  list(): PlanMeta[];
  /** One plan's metadata, or undefined. */
  get(id: string): PlanMeta | undefined;
  /** True when the plan exists. */
  has(id: string): boolean;
  /**
   * Creates a plan with an initial state (a V1 update); refuses invalid or taken ids. `dates`
   * keeps a plan's creation and change times (moving plans between stores); default: now.
   */
  create(id: string, title: string, state: Uint8Array, dates?: PlanDates): Promise<PlanMeta>;
  /** Deletes a plan and everything stored for it; no handle of it may be open. */
  delete(id: string): Promise<void>;
  /** Reads a plan's state and log and opens its handle; rejects for an unknown plan. */
  load(id: string): Promise<LoadedPlan>;
  /**
   * Optional: where what `load` would return (state and intact log records) can be read
   * without opening a handle or changing anything stored (a torn tail is skipped, not cut), so
   * a request can compute over a plan without loading it (the heavy-work thread builds the
   * doc). Asked only while no handle of the plan is open; throws (or rejects, for a store that
   * reads asynchronously, like PostgreSQL) for an unknown plan. A store without it has such
   * requests load the plan.
   */
  source?(id: string): StoredSource | Promise<StoredSource>;
  /** Marks a plan as changed now, optionally with a new title (stored at the next compaction). */
  touch(id: string, title?: string): void;
  /** Sets a plan's title (stored at the next compaction). */
  setTitle(id: string, title: string): void;
  /** Plans whose log holds records: they were not compacted before the last stop. */
  plansWithPendingLogs(): string[];
}

/**
 * Where the per-plan files that are not yet behind an interface live (snapshots, access links,
 * the audit trail): `<dataDir>/plans/<id>/`, whichever store holds the plan's content.
 */
export interface PlanFolders {
  /** The data folder (DATA_DIR). */
  readonly dataDir: string;
  /** A plan's folder; throws for an invalid id, so an id never escapes `dataDir`. */
  dir(id: string): string;
}

/** The storage the server runs on: plan storage, the per-plan folders, and a way to release it. */
export interface ServerStorage extends PlanStorage, PlanFolders {
  /** Which store this is (for logs and health): 'file' or 'postgres'. */
  readonly kind: 'file' | 'postgres';
  /** Releases connections and handles once every plan is closed; the storage is unusable after. */
  close(): Promise<void>;
}
