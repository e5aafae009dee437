import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
