import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { createLogger } from '../../server/log.js';
import { StorageUnavailableError } from '../../server/store/pg/connect.js';
import { MIGRATIONS } from '../../server/store/pg/migrations.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl } from '../helpers/pg.js';
import { skipBecause } from '../helpers/skip.js';
import { removeDir, tempDir } from '../helpers/test-server.js';
import { describeStorageContract } from './storage-contract.js';

const log = createLogger('silent');
const url = testDatabaseUrl();
const bytes = (...n: number[]) => Uint8Array.from(n);

/** Every test below gets its own schema (dropped after) and data folder. */
async function underTest() {
  const schema = await createTestSchema();
  const dir = tempDir();
  const opened: PgStorage[] = [];
  return {
    schema,
    dir,
    opened,
    async open(): Promise<PgStorage> {
      const s = await PgStorage.open({ url: schema.url, dataDir: dir, log });
      opened.push(s);
      return s;
    },
    async cleanup(): Promise<void> {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      await schema.drop();
      removeDir(dir);
    },
  };
}

describeStorageContract(
  'PostgreSQL store',
  async () => {
    const u = await underTest();
    return {
      open: () => u.open(),
      /**
       * A crash in the middle of an append, as a database sees it: a transaction has inserted
       * the next row and moved the head, and its connection dies before COMMIT.
       */
      async tearTail(id) {
        const client = new pg.Client({ connectionString: u.schema.url });
        client.on('error', () => undefined);
        await client.connect();
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await client.query('BEGIN');
        await client.query(
          'WITH h AS (UPDATE plans SET head_seq = head_seq + 1 WHERE id = $1 RETURNING head_seq) INSERT INTO plan_log SELECT $1, h.head_seq, $2 FROM h',
          [id, Buffer.from([9, 0, 0])],
        );
        await u.schema.admin.query('SELECT pg_terminate_backend($1, 5000)', [rows[0]!.pid]);
        await client.end().catch(() => undefined);
      },
      /** A constraint that takes the first (large) row of a batch and refuses the next one. */
      async failAppends(on) {
        await u.schema.admin.query(
          on
            ? `ALTER TABLE ${u.schema.name}.plan_log ADD CONSTRAINT rt_test_refuse CHECK (octet_length(data) > 1000) NOT VALID`
            : `ALTER TABLE ${u.schema.name}.plan_log DROP CONSTRAINT rt_test_refuse`,
        );
      },
      cleanup: () => u.cleanup(),
    };
  },
  url ? null : PG_TESTS_NEED_URL,
);

describe('PostgreSQL store: what the contract does not cover', () => {
  let current: Awaited<ReturnType<typeof underTest>> | null = null;
  afterEach(async () => {
    const done = current;
    current = null;
    await done?.cleanup();
  });
  /** A fresh schema for this test, or a skip with the listed reason. */
  async function fresh(ctx: TestContext) {
    if (!url) skipBecause(ctx, PG_TESTS_NEED_URL);
    current = await underTest();
    return current;
  }

  it('a writer whose head is stale (another node wrote, its lease is lost) stores nothing; the log stays gap-free', async (ctx) => {
    const u = await fresh(ctx);
    const nodeA = await u.open();
    await nodeA.create('p', 'P', bytes(0));
    const nodeB = await u.open();
    const a = await nodeA.load('p');
    const b = await nodeB.load('p');
    await a.files.append([bytes(1)]);
    await expect(b.files.append([bytes(2)])).rejects.toThrow(/no longer at 0/);
    await a.files.append([bytes(3)]);
    const { rows } = await u.schema.admin.query(`SELECT seq::int, data FROM ${u.schema.name}.plan_log ORDER BY seq`);
    expect(rows.map((r) => [r.seq, [...r.data]])).toEqual([
      [1, [1]],
      [2, [3]],
    ]);
    // An older node's compaction never replaces a newer state.
    await a.files.compact(bytes(7, 7));
    await b.files.compact(bytes(6)).catch(() => undefined);
    const reread = await (await u.open()).load('p');
    expect([reread.state, reread.updates]).toEqual([bytes(7, 7), []]);
    await Promise.all([a.files.close(), b.files.close(), reread.files.close()]);
  });

  it('a compaction called while an earlier append is in flight and then refused is refused too: the state never holds an unstored batch', async (ctx) => {
    const u = await fresh(ctx);
    const s = await u.open();
    await s.create('p', 'P', bytes(0));
    const a = await s.load('p');
    await a.files.append([bytes(1)]);
    await u.schema.admin.query(`ALTER TABLE ${u.schema.name}.plan_log ADD CONSTRAINT rt_test_refuse CHECK (octet_length(data) > 1) NOT VALID`);
    const refused = a.files.append([bytes(2)]) as Promise<void>; // in flight...
    const compacting = a.files.compact(bytes(9, 9)); // ...with a state that holds it
    await expect(refused).rejects.toThrow(/rt_test_refuse/);
    await expect(compacting).rejects.toThrow(/refused/);
    await u.schema.admin.query(`ALTER TABLE ${u.schema.name}.plan_log DROP CONSTRAINT rt_test_refuse`);
    await a.files.append([bytes(3)]); // the handle goes on from what is committed
    await a.files.close();
    const b = await (await u.open()).load('p');
    expect([b.state, b.updates]).toEqual([bytes(0), [bytes(1), bytes(3)]]);
    await b.files.close();
  });

  it('migrations are numbered, recorded once, and a newer schema refuses to start with one clear message', async (ctx) => {
    const u = await fresh(ctx);
    await u.open();
    await u.open(); // a second start applies nothing again
    const q = (sql: string) => u.schema.admin.query(sql.replaceAll('$schema', u.schema.name));
    const { rows } = await q('SELECT version, name FROM $schema.schema_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const next = MIGRATIONS.at(-1)!.version + 1;
    await q(`INSERT INTO $schema.schema_migrations (version, name) VALUES (${next}, 'from a newer Roundtable')`);
    const err = await u.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as Error).message).toBe(`the database schema is at version ${next}, but this Roundtable knows versions up to ${next - 1}: upgrade Roundtable`);
  });

  it('create and delete keep the rows and the plan folder together', async (ctx) => {
    const u = await fresh(ctx);
    const s = await u.open();
    await s.create('p', 'P', bytes(0));
    expect(fs.existsSync(path.join(u.dir, 'plans', 'p'))).toBe(true);
    const h = await s.load('p');
    await h.files.append([bytes(1)]);
    await h.files.close();
    await s.delete('p');
    expect(fs.existsSync(path.join(u.dir, 'plans', 'p'))).toBe(false);
    const counts = await u.schema.admin.query(
      `SELECT (SELECT count(*) FROM ${u.schema.name}.plans)::int AS plans, (SELECT count(*) FROM ${u.schema.name}.plan_log)::int AS log, (SELECT count(*) FROM ${u.schema.name}.plan_states)::int AS states`,
    );
    expect(counts.rows[0]).toEqual({ plans: 0, log: 0, states: 0 });
  });
});

describe('PostgreSQL store: start-up failures', () => {
  it('an unreachable database rejects with one line that names the place and hides the password', async () => {
    const dir = tempDir();
    try {
      const err = await PgStorage.open({ url: 'postgres://rt:s3cret-pass@127.0.0.1:1/roundtable', dataDir: dir, log }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      const message = (err as Error).message;
      expect(message).toBe('PostgreSQL refused the connection at postgres://rt:***@127.0.0.1:1/roundtable: is the server running and listening there?');
    } finally {
      removeDir(dir);
    }
  });
});
