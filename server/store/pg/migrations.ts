import type { Pool } from 'pg';
import type { Logger } from '../../log.js';
import { inTransaction, withClient } from './connect.js';

/** One numbered schema step: applied once, in its own transaction, in version order. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema of the PostgreSQL store, as numbered steps. Never edit a step that has shipped:
 * add the next number. Tables live in the connection's current schema (`search_path`).
 *
 * Step 1, plan content:
 * - `plans`: one row per plan (the list's metadata) and `head_seq`, the sequence number of the
 *   last committed log row. An append moves `head_seq` from the value the writer expects to
 *   the new one in the same statement that inserts the rows, so the log is gap-free and a
 *   writer whose idea of the head is stale (a node that lost its lease, an append whose commit
 *   was in doubt) cannot write: its statement matches no row and inserts nothing.
 * - `plan_log`: the accepted updates, one row per update, numbered per plan from 1.
 * - `plan_states`: the compacted state; it holds every log row up to `state_seq`, and
 *   compaction deletes those rows in the same transaction.
 *
 * Step 2, invite links (`plan_links`): only the SHA-256 of each token, looked up by plan and
 * hash; `n` keeps issue order; deleting a plan deletes its links.
 *
 * Step 3, link labels: who a link is for ('' for none).
 *
 * Step 4, what DATA_DIR still held (several nodes share nothing but the database):
 * - `plan_snapshots`: named versions, one row each; `meta` is the SnapshotMeta as JSON (its
 *   `sha256` is checked against `state` on every read), `state` the V2 update.
 * - `plan_audit`: the audit trail, one row per event in the order the server recorded them
 *   (`n`); `event` is the AuditEvent as JSON text, exactly as the file store writes its line.
 * Deleting a plan deletes both, as deleting its folder does in the file store.
 *
 * Step 5, the change journal (`plan_history`, SPEC FH1-FH4, CL7): one row per journal entry in
 * the order the server recorded them (`n`); `entry` is the HistoryEntry as JSON text, exactly as
 * the file store writes its line; `at`, `entity`, `eid` and `field` repeat its filterable parts.
 * Rows caused by a batch of updates are inserted by that batch's append statement (same
 * transaction). Deleting a plan deletes its journal.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'plans, their update log and compacted states',
    sql: `
      CREATE TABLE plans (
        id text PRIMARY KEY,
        title text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        head_seq bigint NOT NULL DEFAULT 0 CHECK (head_seq >= 0)
      );
      CREATE TABLE plan_states (
        plan_id text PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
        state bytea NOT NULL,
        state_seq bigint NOT NULL CHECK (state_seq >= 0),
        encoding text NOT NULL DEFAULT 'v1' CHECK (encoding IN ('v1', 'v2')),
        saved_at timestamptz NOT NULL
      );
      CREATE TABLE plan_log (
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        seq bigint NOT NULL CHECK (seq > 0),
        data bytea NOT NULL,
        PRIMARY KEY (plan_id, seq)
      );
    `,
  },
  {
    version: 2,
    name: 'invite links',
    sql: `
      CREATE TABLE plan_links (
        n bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        id text NOT NULL,
        role text NOT NULL,
        hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        UNIQUE (plan_id, id)
      );
      CREATE INDEX plan_links_by_hash ON plan_links (plan_id, hash);
    `,
  },
  {
    version: 3,
    name: 'invite link labels',
    sql: `ALTER TABLE plan_links ADD COLUMN label text NOT NULL DEFAULT '';`,
  },
  {
    version: 4,
    name: 'snapshots and the audit trail',
    sql: `
      CREATE TABLE plan_snapshots (
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        id text NOT NULL,
        meta text NOT NULL,
        state bytea NOT NULL,
        PRIMARY KEY (plan_id, id)
      );
      CREATE TABLE plan_audit (
        n bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        event text NOT NULL
      );
      CREATE INDEX plan_audit_by_plan ON plan_audit (plan_id, n);
    `,
  },
  {
    version: 5,
    name: 'the change journal (field history)',
    sql: `
      CREATE TABLE plan_history (
        n bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        at text NOT NULL,
        entity text NOT NULL,
        eid text NOT NULL,
        field text,
        entry text NOT NULL
      );
      CREATE INDEX plan_history_by_plan ON plan_history (plan_id, n);
    `,
  },
];

/** Advisory lock key (first half) of schema migrations; the second half is the schema's hash. */
const MIGRATION_LOCK = 0x52544d47; // 'RTMG'

/** Raised when the database holds a newer schema than this build knows: refuse to start. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`the database schema is at version ${found}, but this Roundtable knows versions up to ${known}: upgrade Roundtable`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the current schema up to the last step of `steps`. Each step runs in its own
 * transaction under a transaction-scoped advisory lock, and is recorded in `schema_migrations`
 * in that transaction, so several nodes starting at once apply each step exactly once and a
 * failed step leaves the schema at the step before. Returns the versions applied now.
 */
export async function migrate(pool: Pool, log: Logger, steps: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  const known = steps.reduce((max, s) => Math.max(max, s.version), 0);
  await withClient(pool, async (client) => {
    for (const step of [...steps].sort((a, b) => a.version - b.version)) {
      await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
             version integer PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
        const { rows } = await client.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migrations');
        const current = rows[0]?.max ?? 0;
        if (current > known) throw new SchemaTooNewError(current, known);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [step.version]);
        if (done.rowCount !== 0) return;
        await client.query(step.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
        applied.push(step.version);
      });
    }
  });
  if (applied.length > 0) log.info('database schema migrated', { applied });
  return applied;
}
