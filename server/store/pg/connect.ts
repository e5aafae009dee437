import pg from 'pg';
import type { Logger } from '../../log.js';

/** The URL without its password (`postgres://user:***@host:port/db?...`), safe to log. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * The database cannot be used at start-up (unreachable, wrong password, missing database, a
 * schema newer than this build). Its message is one line for the operator, with no password.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageUnavailableError';
  }
}

/** Why a connection attempt failed, in words an operator can act on. */
export function describeConnectError(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string };
  const where = redactDatabaseUrl(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `PostgreSQL refused the connection at ${where}: is the server running and listening there?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `PostgreSQL host not found in ${where}`;
    case 'ETIMEDOUT':
      return `PostgreSQL did not answer in time at ${where}`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login for ${where}: check the user and password in DATABASE_URL`;
    case '3D000':
      return `the database in ${where} does not exist: create it first (createdb)`;
    case '3F000':
      return `the schema named in ${where} does not exist: create it first (CREATE SCHEMA)`;
    default:
      return `cannot use PostgreSQL at ${where}: ${e.message ?? String(err)}`;
  }
}

/** Node socket errors of a database that went away or is not there. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when `err` says the database cannot be used right now (not that the request was wrong):
 * unreachable, the connection lost mid-query, the server shutting down or starting up
 * (SQLSTATE class 08, 57P01-57P03), or the pool timing out. HTTP answers these with 503
 * `storage_unavailable`; nothing was changed.
 */
export function isStorageUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNREACHABLE.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
}

/** Connection settings of the store's pool. */
export interface PoolOptions {
  /** `postgres://` or `postgresql://` URL; libpq-style `?options=-c search_path=...` selects a schema. */
  url: string;
  /** Connections at most (default 10). */
  max?: number;
  log: Logger;
}

/**
 * A pool for the store. Connections that die while idle (a database restart,
 * `pg_terminate_backend`) are logged and replaced on the next query instead of crashing the
 * process; a query on a dead connection rejects, which the store reports as a refused write.
 */
export function createPool(opts: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // An application_name in the URL wins (pg merges the URL over these settings).
    application_name: 'roundtable',
  });
  pool.on('error', (err) => opts.log.warn('an idle PostgreSQL connection failed; it will be replaced', { error: err.message }));
  return pool;
}


/**
 * Runs `fn` inside one transaction on `client` (`begin` may set its isolation): COMMIT when it
 * resolves, ROLLBACK (errors of the rollback itself ignored) and rethrow when it rejects.
 */
export async function inTransaction<T>(client: pg.PoolClient, fn: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Runs `fn` with a connection of the pool, released after (also when `fn` rejects). */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}
