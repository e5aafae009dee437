import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { isId } from '../../shared/ids.js';
import type { Logger } from '../log.js';
import { createPool, describeConnectError, inTransaction, StorageUnavailableError, withClient } from './pg/connect.js';
import { migrate, SchemaTooNewError } from './pg/migrations.js';
import { PlanIndex } from './plan-index.js';
import type { HistoryEntry } from '../../shared/history.js';
import type { BatchRows, LoadedPlan, PlanDates, PlanHandle, PlanMeta, ServerStorage, StoredSource } from './storage.js';
import { historyColumns, historyInsert, trimHistory } from '../access/pg-history.js';

/** Advisory lock key (first half) of compaction; the second half is the plan id's hash. */
const COMPACT_LOCK = 0x5254434d; // 'RTCM'

/** NOTIFY channel of committed log rows; payload `<node> <plan> <head>` (SPEC CL1). */
export const LOG_CHANNEL = 'rt_log';
/** NOTIFY channel of created and deleted plans; payload `<node> <plan>`. */
export const PLANS_CHANNEL = 'rt_plans';

/** Options of {@link PgStorage.open}. */
export interface PgStorageOptions {
  /** `postgres://` or `postgresql://` URL (a schema can be chosen with `?options=-c search_path=...`). */
  url: string;
  /** DATA_DIR: snapshots, access links and the audit trail still live in `<dataDir>/plans/<id>/`. */
  dataDir: string;
  log: Logger;
  /** Connections at most (default 10). */
  poolSize?: number;
}

interface PlanRow {
  id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
  head_seq: string;
  state_seq: string;
}

/** A bytea from pg as a plain Uint8Array view (no copy), so it compares like any other update. */
const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * The PostgreSQL implementation of {@link PlanStorage} (chosen by DATABASE_URL). Tables and
 * their invariants are described in `pg/migrations.ts`; migrations run in `open`.
 *
 * - **Append** is one SQL statement (its own transaction): it moves `plans.head_seq` from the
 *   head this handle expects to the new head and inserts one `plan_log` row per update with the
 *   sequence numbers in between. It resolves once that commit returned, so the room relays a
 *   batch only after it is committed. If the head is not the expected one (another writer, or
 *   an earlier commit whose answer was lost), nothing is inserted and the append rejects.
 * - **Refused appends** (a lost connection, a constraint, a stale head) roll back entirely:
 *   nothing of the batch is stored. A commit whose answer was lost may in fact have committed;
 *   the handle then refuses every later append (stale head) and the room reloads the plan, so
 *   nothing is stored twice and nothing after the gap is stored out of order.
 * - **Torn tail** does not exist here: an append interrupted by a crash is a transaction that
 *   never committed, and `load` (one REPEATABLE READ snapshot) sees only committed rows.
 * - **Compaction** remembers its cut (the sequence number of the last append issued) and
 *   starts a fresh log synchronously; it then waits for the appends issued before it and, in one
 *   transaction under `pg_advisory_xact_lock` (one node at a time per plan), replaces the state
 *   and deletes the log rows up to the cut. Rows after the cut stay. A compaction whose earlier
 *   append was refused is refused too, so a state never holds an unstored batch.
 * - **Metadata cache**: `list`, `get`, `has`, `touch`, `setTitle` and `plansWithPendingLogs`
 *   are synchronous in the interface, so every plan's metadata and sequence numbers are read at
 *   `open` and kept in memory, updated by this process's writes (title and "changed at" are
 *   written with each append and compaction). One process per database until multi-node
 *   support lands (it will refresh the cache from the database's notifications).
 * - **Rows that ride with a batch** (SPEC CL7): the audit events and change journal entries its
 *   updates caused (`PgPlanHandle.attach`) are inserted by the batch's append statement.
 * - Snapshots, access links, the audit trail and the change journal are tables too (CL5, CL7);
 *   `<dataDir>/plans/<id>/` stays an empty folder ({@link PgStorage.dir}); `delete` removes it.
 */
export class PgStorage extends PlanIndex implements ServerStorage {
  /** This is the PostgreSQL store. */
  readonly kind = 'postgres' as const;
  /** This process's random id in NOTIFY payloads, so a node ignores its own notifications. */
  readonly node = randomBytes(6).toString('hex');
  /** Per plan: last committed log sequence number and the one the stored state holds. */
  private readonly seqs = new Map<string, { head: number; stateSeq: number }>();
  private readonly plansDir: string;

  private constructor(
    /** The connection pool (exposed for tests and tools; the store owns it). */
    readonly pool: pg.Pool,
    readonly dataDir: string,
    private readonly log: Logger,
  ) {
    super();
    this.plansDir = path.join(dataDir, 'plans');
  }

  /**
   * Connects, runs pending schema migrations and reads every plan's metadata. Any failure
   * (unreachable, refused login, missing database, schema newer than this build) closes the
   * pool and rejects with a {@link StorageUnavailableError} whose message is one line without
   * the password.
   */
  static async open(opts: PgStorageOptions): Promise<PgStorage> {
    const pool = createPool({ url: opts.url, max: opts.poolSize, log: opts.log });
    const store = new PgStorage(pool, opts.dataDir, opts.log);
    try {
      await migrate(pool, opts.log);
      const { rows } = await pool.query<PlanRow>(
        'SELECT p.id, p.title, p.created_at, p.updated_at, p.head_seq, s.state_seq FROM plans p JOIN plan_states s ON s.plan_id = p.id',
      );
      store.remember(rows);
      await fsp.mkdir(store.plansDir, { recursive: true });
    } catch (err) {
      await pool.end().catch(() => undefined);
      if (err instanceof SchemaTooNewError) throw new StorageUnavailableError(err.message);
      throw new StorageUnavailableError(describeConnectError(err, opts.url));
    }
    return store;
  }

  /** Plans whose log holds rows after their state (from the cache). */
  plansWithPendingLogs(): string[] {
    return [...this.seqs.entries()].filter(([, s]) => s.head > s.stateSeq).map(([id]) => id);
  }

  /**
   * Creates the plan's rows (metadata and initial state) in one statement, then its folder.
   * Refuses invalid and taken ids; if the folder cannot be made, the rows are deleted again.
   */
  async create(id: string, title: string, state: Uint8Array, dates?: PlanDates): Promise<PlanMeta> {
    if (!isId(id)) throw new Error(`invalid plan id: ${id}`);
    if (this.index.has(id)) throw new Error(`plan exists: ${id}`);
    const now = new Date();
    const createdAt = dates ? new Date(dates.createdAt) : now;
    const updatedAt = dates ? new Date(dates.updatedAt) : now;
    try {
      await this.pool.query(
        `WITH p AS (INSERT INTO plans (id, title, created_at, updated_at) VALUES ($1, $2, $3, $5) RETURNING id)
         INSERT INTO plan_states (plan_id, state, state_seq, encoding, saved_at) SELECT p.id, $4, 0, 'v1', now() FROM p`,
        [id, title, createdAt, Buffer.from(state), updatedAt],
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new Error(`plan exists: ${id}`);
      throw err;
    }
    try {
      await fsp.mkdir(this.dir(id), { recursive: true });
    } catch (err) {
      await this.pool.query('DELETE FROM plans WHERE id = $1', [id]).catch(() => undefined);
      throw err;
    }
    const meta: PlanMeta = { id, title, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
    this.index.set(id, meta);
    this.seqs.set(id, { head: 0, stateSeq: 0 });
    this.tellPlanChanged(id);
    return meta;
  }

  /** Deletes the plan's rows (log and state cascade) and its folder. */
  async delete(id: string): Promise<void> {
    await this.pool.query('DELETE FROM plans WHERE id = $1', [id]);
    this.index.delete(id);
    this.seqs.delete(id);
    this.tellPlanChanged(id);
    await fsp.rm(this.dir(id), { recursive: true, force: true }).catch((err: unknown) => {
      this.log.warn('plan deleted from the database, but its folder could not be removed', { id, error: String(err) });
    });
  }

  /**
   * Reads the state and the log rows after it in one REPEATABLE READ snapshot and opens the
   * handle. Rejects for an unknown plan, and for a log with a gap (which the schema prevents).
   */
  async load(id: string): Promise<LoadedPlan> {
    const { head, stateSeq, state, stateEncoding, updates, bytes } = await this.readStored(id);
    this.seqs.set(id, { head, stateSeq });
    const files = new PgPlanHandle(this, id, head, state.byteLength, updates.length, bytes);
    return { state, stateEncoding, updates, files };
  }

  /**
   * The plan's stored content (state and log rows after it) read in one snapshot, without
   * opening a handle (SPEC CL5): the heavy-work thread builds the doc of a plan no room holds,
   * so an export or a derived view of it never loads a room on this node.
   */
  async source(id: string): Promise<StoredSource> {
    const { state, stateEncoding, updates } = await this.readStored(id);
    return { content: { state, stateEncoding, updates } };
  }

  /** Reads a plan's state and the log rows after it in one REPEATABLE READ snapshot; rejects for an unknown plan or a gap. */
  private async readStored(id: string): Promise<{ head: number; stateSeq: number; state: Uint8Array; stateEncoding: 'v1' | 'v2'; updates: Uint8Array[]; bytes: number }> {
    if (!this.index.has(id)) throw new Error(`unknown plan: ${id}`);
    const { top, rows } = await withClient(this.pool, (client) =>
      inTransaction(
        client,
        async () => {
          const top = await client.query<{ head_seq: string; state: Buffer; state_seq: string; encoding: 'v1' | 'v2' }>(
            'SELECT p.head_seq, s.state, s.state_seq, s.encoding FROM plans p JOIN plan_states s ON s.plan_id = p.id WHERE p.id = $1',
            [id],
          );
          const row = top.rows[0];
          if (!row) throw new Error(`unknown plan: ${id}`);
          const log = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM plan_log WHERE plan_id = $1 AND seq > $2 ORDER BY seq', [id, row.state_seq]);
          return { top: row, rows: log.rows };
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    );
    const head = Number(top.head_seq);
    const stateSeq = Number(top.state_seq);
    const updates: Uint8Array[] = [];
    let bytes = 0;
    for (const [i, r] of rows.entries()) {
      if (Number(r.seq) !== stateSeq + 1 + i) throw new Error(`plan ${id}: update log has a gap before row ${r.seq}`);
      updates.push(view(r.data));
      bytes += 8 + r.data.byteLength;
    }
    if (stateSeq + rows.length !== head) throw new Error(`plan ${id}: update log ends at ${stateSeq + rows.length}, head is ${head}`);
    return { head, stateSeq, state: view(top.state), stateEncoding: top.encoding, updates, bytes };
  }

  /**
   * Commits `records` as log rows `head+1 ..` if the plan's head is `head` (one statement,
   * which also notifies the other nodes on channel `rt_log` with the plan id and new head, CL1).
   * Resolves true when stored. When the head is not `head`, nothing is stored and it resolves
   * false, or rejects when `strict`. Rejects, storing nothing, when the statement fails.
   */
  async appendRows(id: string, head: number, records: Buffer[], strict = true, rows: BatchRows | null = null): Promise<boolean> {
    const meta = this.index.get(id);
    const now = new Date();
    const single = records.length === 1;
    const audit = rows?.audit ?? [];
    const history = rows?.history ?? [];
    const riding = audit.length > 0 || history.length > 0;
    const values: unknown[] = [id, head, records.length, now, meta?.title ?? null, single ? records[0] : records, this.node];
    let extra = '';
    if (riding) {
      // The batch's audit events and journal entries, inserted by the same statement (CL7):
      // only when the head matched, so they are stored exactly when the batch is.
      const h = historyColumns(history);
      values.push(audit, h.at, h.entity, h.eid, h.field, h.entry);
      extra = `,
             aud AS (INSERT INTO plan_audit (plan_id, event) SELECT head.id, e.event FROM head, unnest($8::text[]) WITH ORDINALITY AS e (event, o) ORDER BY e.o),
             his AS (${historyInsert('head', 9)})`;
    }
    const res = await this.pool.query({
      // A prepared statement for the common single-update batch: its bytea goes as binary.
      name: single ? (riding ? 'rt_append_1r' : 'rt_append_1') : undefined,
      text: `WITH head AS (
               UPDATE plans SET head_seq = $2 + $3, updated_at = GREATEST(updated_at, $4), title = COALESCE($5, title)
               WHERE id = $1 AND head_seq = $2 RETURNING id),
             told AS (SELECT pg_notify('${LOG_CHANNEL}', $7 || ' ' || head.id || ' ' || ($2 + $3)::text) FROM head)${extra}
             INSERT INTO plan_log (plan_id, seq, data) ${
               single ? 'SELECT head.id, $2 + 1, $6::bytea FROM head, told' : 'SELECT head.id, $2 + r.ord, r.data FROM head, told, unnest($6::bytea[]) WITH ORDINALITY AS r (data, ord)'
             }`,
      values,
    });
    if (res.rowCount !== records.length) {
      if (!strict) return false;
      throw new Error(`plan ${id}: the update log is no longer at ${head} (another writer, or an earlier commit in doubt); nothing stored`);
    }
    const s = this.seqs.get(id);
    if (s) s.head = Math.max(s.head, head + records.length);
    return true;
  }

  /**
   * What other writers committed after row `seq`, read in one REPEATABLE READ snapshot: the
   * rows after it, or, when a compaction already folded some of them, the newer state and the
   * rows after that state. `head` is the last row the answer holds.
   */
  async readAfter(id: string, seq: number): Promise<{ head: number; state: Uint8Array | null; updates: Uint8Array[] }> {
    return withClient(this.pool, (client) =>
      inTransaction(
        client,
        async () => {
          const top = await client.query<{ head_seq: string; state_seq: string }>(
            'SELECT p.head_seq, s.state_seq FROM plans p JOIN plan_states s ON s.plan_id = p.id WHERE p.id = $1',
            [id],
          );
          const row = top.rows[0];
          if (!row) throw new Error(`unknown plan: ${id}`);
          const head = Number(row.head_seq);
          if (head <= seq) return { head, state: null, updates: [] };
          const stateSeq = Number(row.state_seq);
          let state: Uint8Array | null = null;
          let from = seq;
          if (stateSeq > seq) {
            const st = await client.query<{ state: Buffer; encoding: string }>('SELECT state, encoding FROM plan_states WHERE plan_id = $1', [id]);
            if (st.rows[0]!.encoding !== 'v1') throw new Error(`plan ${id}: a v2 state cannot be caught up`);
            state = view(st.rows[0]!.state);
            from = stateSeq;
          }
          const log = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM plan_log WHERE plan_id = $1 AND seq > $2 ORDER BY seq', [id, from]);
          for (const [i, r] of log.rows.entries()) {
            if (Number(r.seq) !== from + 1 + i) throw new Error(`plan ${id}: update log has a gap before row ${r.seq}`);
          }
          if (from + log.rows.length !== head) throw new Error(`plan ${id}: update log ends at ${from + log.rows.length}, head is ${head}`);
          return { head, state, updates: log.rows.map((r) => view(r.data)) };
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    );
  }

  /**
   * Tells the other nodes that a plan was created or deleted (NOTIFY on PLANS_CHANNEL), so
   * their plan lists and access checks know it at once; a lost notification is repaired by
   * the periodic index refresh. Failures are only logged: the plan itself is stored.
   */
  private tellPlanChanged(id: string): void {
    this.pool.query('SELECT pg_notify($1, $2)', [PLANS_CHANNEL, `${this.node} ${id}`]).catch((err: unknown) => {
      this.log.warn('could not notify other nodes of a plan change', { plan: id, error: String(err) });
    });
  }

  /** Open handles that follow other nodes' rows, by plan (see {@link PgPlanHandle.follow}). */
  readonly followed = new Map<string, PgPlanHandle>();

  /** Registers a following handle (called by the handle). */
  following(handle: PgPlanHandle): void {
    this.followed.set(handle.id, handle);
  }

  /** Forgets a handle on close (called by the handle). */
  unfollowing(handle: PgPlanHandle): void {
    if (this.followed.get(handle.id) === handle) this.followed.delete(handle.id);
  }

  /**
   * Reads one plan's metadata again (another node created, deleted or renamed it): adds,
   * updates or forgets it in the in-memory index.
   */
  async refreshPlan(id: string): Promise<void> {
    const { rows } = await this.pool.query<PlanRow>(
      'SELECT p.id, p.title, p.created_at, p.updated_at, p.head_seq, s.state_seq FROM plans p JOIN plan_states s ON s.plan_id = p.id WHERE p.id = $1',
      [id],
    );
    this.remember(rows);
    if (rows.length === 0) {
      this.index.delete(id);
      this.seqs.delete(id);
    }
  }

  /** Reads every plan's metadata again (the periodic poll of several nodes): adds, updates and forgets. */
  async refreshIndex(): Promise<void> {
    const { rows } = await this.pool.query<PlanRow>(
      'SELECT p.id, p.title, p.created_at, p.updated_at, p.head_seq, s.state_seq FROM plans p JOIN plan_states s ON s.plan_id = p.id',
    );
    const seen = new Set(rows.map((r) => r.id));
    for (const id of [...this.index.keys()]) {
      if (!seen.has(id)) {
        this.index.delete(id);
        this.seqs.delete(id);
      }
    }
    this.remember(rows);
  }

  /** Puts rows of `plans` into the index; a later "changed at" or title of this node's own is kept. */
  private remember(rows: PlanRow[]): void {
    for (const r of rows) {
      const meta = { id: r.id, title: r.title, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
      const known = this.index.get(r.id);
      if (known && known.updatedAt > meta.updatedAt) continue;
      this.index.set(r.id, meta);
      const s = this.seqs.get(r.id);
      this.seqs.set(r.id, { head: Math.max(s?.head ?? 0, Number(r.head_seq)), stateSeq: Math.max(s?.stateSeq ?? 0, Number(r.state_seq)) });
    }
  }

  /**
   * Stores `state` as holding every log row up to `cut` and deletes those rows, in one
   * transaction under the plan's advisory lock. A state already past `cut` is kept.
   */
  async compactRows(id: string, state: Uint8Array, cut: number): Promise<void> {
    const meta = this.index.get(id);
    await withClient(this.pool, (client) =>
      inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACT_LOCK, id]);
        const replaced = await client.query(
          `UPDATE plan_states SET state = $2, state_seq = $3, encoding = 'v1', saved_at = now() WHERE plan_id = $1 AND state_seq <= $3`,
          [id, Buffer.from(state.buffer, state.byteOffset, state.byteLength), cut],
        );
        if (replaced.rowCount === 1) await client.query('DELETE FROM plan_log WHERE plan_id = $1 AND seq <= $2', [id, cut]);
        await trimHistory(client, id);
        if (meta) await client.query('UPDATE plans SET title = $2, updated_at = GREATEST(updated_at, $3) WHERE id = $1', [id, meta.title, meta.updatedAt]);
      }),
    );
    const s = this.seqs.get(id);
    if (s) s.stateSeq = Math.max(s.stateSeq, cut);
  }

  /** The folder of a plan's snapshots, access links and audit trail (the id is checked first). */
  dir(id: string): string {
    if (!isId(id)) throw new Error(`invalid plan id: ${id}`);
    return path.join(this.plansDir, id);
  }

  /** Closes the pool; call once every handle is closed. */
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** How often an append whose head moved (another node appended) catches up and retries before it gives up. */
export const MAX_CATCH_UP_RETRIES = 20;

/**
 * The open handle of one plan in a {@link PgStorage}. Appends are chained, so they commit in
 * call order with consecutive sequence numbers; compactions are chained among themselves and
 * run beside later appends (on another connection).
 *
 * **Several nodes** (SPEC CL1, CL2). With a follower ({@link PgPlanHandle.follow}: the room
 * applying what other nodes stored), the handle keeps `committed`, the sequence number up to
 * which the doc holds every row. An append whose expected head moved (another node appended)
 * first reads the rows after `committed` (or the newer state, when another node compacted them
 * away), hands them to the follower, and retries at the new head: Yjs updates commute, so the
 * order of two nodes' batches in the log does not matter. {@link PgPlanHandle.catchUp} does the
 * same without an append (a notification or the periodic poll). Without a follower a moved head
 * rejects the append, as before (the handle cannot see the rows it would skip).
 */
export class PgPlanHandle implements PlanHandle {
  /** Sequence number of the last row the doc holds (committed by this handle or caught up). */
  private committed: number;
  /** Records handed to `append` whose commit has not settled yet. */
  private inflight = 0;
  /** Appends that were refused so far (a compaction after one of them is refused too). */
  private refusals = 0;
  private appends: Promise<void> = Promise.resolve();
  private compactions: Promise<void> = Promise.resolve();
  private closed = false;
  private follower: ((updates: Uint8Array[]) => void) | null = null;
  /** Rows attached since the room last closed a batch (CL7). */
  private loose: { audit: string[]; history: HistoryEntry[] } = { audit: [], history: [] };
  /** Rows of closed batches whose `append` has not been called yet, oldest first. */
  private sealed: BatchRows[] = [];

  constructor(
    private readonly store: PgStorage,
    readonly id: string,
    head: number,
    /** Size of the last stored state. */
    public stateBytes: number,
    /** Rows in the current log. */
    public logCount: number,
    /** Bytes in the current log (8 bytes of framing per row, as the file store counts). */
    public logBytes: number,
  ) {
    this.committed = head;
  }

  /** Sequence number of the last row the doc holds (for catch-up and tests). */
  get seq(): number {
    return this.committed;
  }

  /**
   * Lets the handle deliver rows other nodes committed: `apply` gets them in sequence order
   * (a newer compacted state first when rows were folded away) and must apply them to the doc
   * synchronously, never storing them again. Registers the handle for notifications.
   */
  follow(apply: (updates: Uint8Array[]) => void): void {
    this.follower = apply;
    this.store.following(this);
  }

  /** Rows the change being applied caused: stored by the statement that stores its batch (CL7). */
  attach(rows: BatchRows): void {
    if (rows.audit) this.loose.audit.push(...rows.audit);
    if (rows.history) this.loose.history.push(...rows.history);
  }

  /** The room closed a batch: the rows attached so far ride with the next `append`. */
  seal(): void {
    this.sealed.push(this.loose);
    this.loose = { audit: [], history: [] };
  }

  /**
   * Commits the batch as consecutive log rows, with the rows attached to it (audit events,
   * journal entries) in the same statement; resolves after the commit, rejects storing nothing.
   */
  append(updates: readonly Uint8Array[]): void | Promise<void> {
    // The rows of the batch the room sealed for this call (none when it did not seal: tools, tests).
    const rows = this.sealed.shift() ?? null;
    if (this.closed) throw new Error('handle is closed');
    if (updates.length === 0) return;
    // Copies, as a disk would: later changes to the caller's buffers do not reach the store.
    const records = updates.map((u) => Buffer.from(u));
    this.inflight += records.length;
    const done = this.appends.then(() => this.write(records, rows)).then(
      () => {
        this.inflight -= records.length;
      },
      (err: unknown) => {
        this.inflight -= records.length;
        this.refusals++;
        throw err;
      },
    );
    this.appends = done.catch(() => undefined);
    return done;
  }

  /** Appends at the current head; with a follower, catches up and retries when the head moved. */
  private async write(records: Buffer[], rows: BatchRows | null): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const from = this.committed;
      const stored = await this.store.appendRows(this.id, from, records, !this.follower || attempt >= MAX_CATCH_UP_RETRIES, rows);
      if (stored) {
        this.committed = from + records.length;
        this.logCount += records.length;
        for (const r of records) this.logBytes += 8 + r.byteLength;
        return;
      }
      await this.pull();
    }
  }

  /**
   * Reads what other nodes committed after `committed` and hands it to the follower (in the
   * append chain, so never beside an append of this handle). Resolves at once when `seq` (a
   * notified head) is already held; a failed read is logged by the caller and retried by the
   * next notification or poll.
   */
  catchUp(seq = Infinity): Promise<void> {
    if (this.closed || !this.follower || seq <= this.committed) return Promise.resolve();
    const done = this.appends.then(() => (seq > this.committed && !this.closed ? this.pull() : undefined));
    this.appends = done.catch(() => undefined);
    return done;
  }

  private async pull(): Promise<void> {
    const got = await this.store.readAfter(this.id, this.committed);
    if (got.head <= this.committed) return;
    const updates = got.state ? [got.state, ...got.updates] : got.updates;
    // Applied and `committed` moved in one synchronous step: the doc holds every row up to it.
    if (!this.closed) this.follower?.(updates);
    this.committed = got.head;
    this.logCount += got.updates.length;
    for (const u of got.updates) this.logBytes += 8 + u.byteLength;
  }

  /**
   * Starts a fresh log now; folds everything up to now into the state once earlier appends
   * committed. The state holds every row up to `committed` and the batches in flight; when
   * rows of other nodes were caught up in between (they are not in the state), the cut stays
   * at `committed` as it was, so the state never claims rows it lacks (CL2).
   */
  compact(state: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('handle is closed'));
    const base = this.committed;
    const expected = base + this.inflight;
    const refusals = this.refusals;
    this.logCount = 0;
    this.logBytes = 0;
    this.stateBytes = state.byteLength;
    const before = this.appends;
    const run = async () => {
      await before;
      if (this.refusals !== refusals) throw new Error(`plan ${this.id}: an append before this compaction was refused; the log keeps everything`);
      const cut = this.committed === expected ? expected : base;
      await this.store.compactRows(this.id, state, cut);
    };
    const done = this.compactions.then(run);
    this.compactions = done.catch(() => undefined);
    return done;
  }

  /** Waits for pending appends and compactions; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.store.unfollowing(this);
    await this.appends;
    await this.compactions;
  }
}
