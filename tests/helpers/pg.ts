import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestContext } from 'vitest';
import { skipBecause } from './skip.js';
import { createLogger } from '../../server/log.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import { removeDir, tempDir } from './test-server.js';

/**
 * Why PostgreSQL tests skip where no test database is given. `.ci/verdict.mjs` accepts it only
 * when RT_TEST_DATABASE_URL is unset in its own environment; `.ci/run` always sets it, so in CI
 * such a skip fails the run.
 */
export const PG_TESTS_NEED_URL = 'PostgreSQL tests need RT_TEST_DATABASE_URL (set by .ci/run)';

/** The test database's URL (`.ci/postgres.sh` prints it), or null. */
export function testDatabaseUrl(): string | null {
  return process.env.RT_TEST_DATABASE_URL?.trim() || null;
}

/** A private schema in the test database, for one test. */
export interface TestSchema {
  /** The schema's name; also the `application_name` of connections made through `url`. */
  name: string;
  /** The test database URL with `search_path` set to this schema. */
  url: string;
  /** A pool on the test database (not the schema) for inspecting and breaking things. */
  admin: pg.Pool;
  /** Ends connections that use the schema, drops it with everything in it, closes `admin`. */
  drop(): Promise<void>;
}

/** The URL with libpq `options` selecting `schema` and an `application_name` naming it. */
export function schemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  u.searchParams.set('application_name', schema);
  return u.toString();
}

/** Creates a uniquely named schema in the test database (RT_TEST_DATABASE_URL must be set). */
export async function createTestSchema(): Promise<TestSchema> {
  const base = testDatabaseUrl();
  if (!base) throw new Error(PG_TESTS_NEED_URL);
  const name = `rt_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: base, max: 3 });
  admin.on('error', () => undefined);
  await admin.query(`CREATE SCHEMA ${name}`);
  return {
    name,
    url: schemaUrl(base, name),
    admin,
    async drop() {
      await admin.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1', [name]);
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * Waits (polling, up to `ms`) until some of a schema's connections wait for a lock, e.g. an
 * append held by a test's row lock, and returns their backend pids.
 */
export async function waitingBackends(schema: TestSchema, ms = 10_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await schema.admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
      [schema.name],
    );
    if (rows.length > 0) return rows.map((r) => r.pid);
    if (Date.now() > deadline) throw new Error('timed out waiting for a connection that waits for a lock');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Which storage a test runs the real server on. */
export type StoreKind = 'files' | 'postgres';

/**
 * Config overrides that put the real server on `kind`: nothing for the file store; for
 * PostgreSQL a fresh schema (`databaseUrl`), or a skip with PG_TESTS_NEED_URL where no test
 * database is given. `schema` (PostgreSQL only) is for inspecting the tables; `drop` removes it.
 */
export async function storageFor(ctx: TestContext, kind: StoreKind): Promise<{ overrides: { databaseUrl?: string }; schema: TestSchema | null; drop(): Promise<void> }> {
  if (kind === 'files') return { overrides: {}, schema: null, drop: async () => undefined };
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  return { overrides: { databaseUrl: schema.url }, schema, drop: () => schema.drop() };
}

/**
 * A PostgreSQL store on a fresh schema and data folder, or a skip with PG_TESTS_NEED_URL where
 * no test database is given; `cleanups` gets what closes and drops them.
 */
export async function openTestStore(ctx: TestContext, cleanups: (() => Promise<void> | void)[]): Promise<{ store: PgStorage; schema: TestSchema; dir: string }> {
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  const dir = tempDir();
  const store = await PgStorage.open({ url: schema.url, dataDir: dir, log: createLogger('silent') });
  cleanups.push(async () => {
    await store.close();
    await schema.drop();
    removeDir(dir);
  });
  return { store, schema, dir };
}
