import path from 'node:path';
import { MAX_PLAN_BYTES } from '../shared/rules/update-gate.js';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface Config {
  /** Interface to listen on. */
  host: string;
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Folder that holds one sub-folder per plan. */
  dataDir: string;
  /**
   * PostgreSQL URL (`postgres://` or `postgresql://`). Set: plan content (metadata, update log,
   * compacted states) is stored there; snapshots, access links and the audit trail stay in
   * `dataDir`. Unset: the file store in `dataDir`. Holds a password: log it only through
   * `redactDatabaseUrl`.
   */
  databaseUrl: string | null;
  /** Largest websocket frame accepted from a client, in bytes. */
  maxMessageBytes: number;
  /** Bytes a connection may have queued for sending before it is closed as a slow reader. */
  maxBufferedBytes: number;
  /** A plan with no connection for this long is compacted and unloaded from memory. */
  idleUnloadMs: number;
  /** A plan with no new update for this long has its update log compacted into its state file. */
  idleCompactMs: number;
  /** Minimum update-log size that triggers compaction (it also grows with the plan's size). */
  compactMinBytes: number;
  /**
   * An open plan with no stored edit and no use of its doc for this long keeps only its encoded
   * state until the next use (SPEC SP1); 0: never.
   */
  roomSleepMs: number;
  /** Largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Folder of the built web client; served at `/` when it exists. */
  clientDir: string;
  /** debug | info | warn | error | silent */
  logLevel: LogLevel;
  /**
   * Instance admin token. Unset: anyone who reaches the server may create plans (a laptop in
   * a workshop). Set: creating, importing and listing all plans need it.
   */
  adminToken: string | null;
  /** Open websocket connections allowed from one IP address. */
  maxConnectionsPerIp: number;
  /** Frames per second one connection may send on average (bursts up to 10x). */
  maxFramesPerSecond: number;
  /** Stored bytes (state plus update log) live updates may grow one plan to (update gate rule G10). */
  maxPlanBytes: number;
  /** Snapshots one plan may hold; one more is refused with 409 `too_many_snapshots`. */
  maxSnapshotsPerPlan: number;
  /**
   * Bytes the snapshot files of one plan may take on disk; a snapshot that would pass it is
   * refused with 413 `snapshots_too_large`.
   */
  maxSnapshotBytesPerPlan: number;
  /**
   * Items (objects in lists: activities, goals, rows...) one import may hold; more is refused
   * with 413 `too_many_items` before the plan is parsed.
   */
  maxImportItems: number;
  /**
   * Longest one heavy request (import, export, ranking, issues, budget) may run in the
   * heavy-work thread; past it the thread is stopped and restarted and the request gets 503
   * `heavy_timeout`.
   */
  heavyTimeoutMs: number;
  /** Heavy requests that may wait for the thread; one more gets 503 `heavy_busy` at once. */
  heavyQueue: number;
  /**
   * With PostgreSQL: how often each node compares its open plans with the database and catches
   * up what another node stored (the backstop for lost notifications), in milliseconds.
   */
  clusterPollMs: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Defaults, documented in the README's Configuration table. */
export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  maxMessageBytes: 8 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  idleUnloadMs: 30_000,
  idleCompactMs: 2_000,
  compactMinBytes: 1024 * 1024,
  roomSleepMs: 2_000,
  maxBodyBytes: 16 * 1024 * 1024,
  logLevel: 'info' as LogLevel,
  maxConnectionsPerIp: 500,
  maxFramesPerSecond: 500,
  maxPlanBytes: MAX_PLAN_BYTES,
  maxSnapshotsPerPlan: 100,
  maxSnapshotBytesPerPlan: 64 * 1024 * 1024,
  maxImportItems: 200_000,
  heavyTimeoutMs: 60_000,
  heavyQueue: 16,
  clusterPollMs: 1_000,
} as const;

/** Thrown by parseConfig with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function int(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  const n = Number(raw.trim());
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * Turns an environment into a frozen Config. All problems are collected and thrown together
 * as one ConfigError, so a user fixes them in one go. Nothing else in the server reads env.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  overrides: Partial<Config> = {},
): Config {
  const problems: string[] = [];
  const host = env.HOST?.trim() || DEFAULTS.host;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) problems.push(`HOST must be a host name or IP address, got "${host}"`);
  const logLevel = (env.LOG_LEVEL?.trim() || DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const config: Config = {
    host,
    port: int(env, 'PORT', DEFAULTS.port, 0, 65_535, problems),
    dataDir: path.resolve(env.DATA_DIR?.trim() || DEFAULTS.dataDir),
    databaseUrl: databaseUrl(env.DATABASE_URL, problems),
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', DEFAULTS.maxMessageBytes, 1024, 256 * 1024 * 1024, problems),
    maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', DEFAULTS.maxBufferedBytes, 64 * 1024, 1024 * 1024 * 1024, problems),
    idleUnloadMs: int(env, 'IDLE_UNLOAD_MS', DEFAULTS.idleUnloadMs, 0, 86_400_000, problems),
    idleCompactMs: int(env, 'IDLE_COMPACT_MS', DEFAULTS.idleCompactMs, 0, 3_600_000, problems),
    compactMinBytes: int(env, 'COMPACT_MIN_BYTES', DEFAULTS.compactMinBytes, 1024, 1024 * 1024 * 1024, problems),
    roomSleepMs: int(env, 'ROOM_SLEEP_MS', DEFAULTS.roomSleepMs, 0, 86_400_000, problems),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', DEFAULTS.maxBodyBytes, 1024, 1024 * 1024 * 1024, problems),
    clientDir: path.resolve(env.CLIENT_DIR?.trim() || defaultClientDir()),
    logLevel,
    adminToken: env.ADMIN_TOKEN ? env.ADMIN_TOKEN : null,
    maxConnectionsPerIp: int(env, 'MAX_CONNECTIONS_PER_IP', DEFAULTS.maxConnectionsPerIp, 1, 1_000_000, problems),
    maxFramesPerSecond: int(env, 'MAX_FRAMES_PER_SECOND', DEFAULTS.maxFramesPerSecond, 1, 1_000_000, problems),
    maxPlanBytes: int(env, 'MAX_PLAN_BYTES', DEFAULTS.maxPlanBytes, 64 * 1024, 4 * 1024 * 1024 * 1024, problems),
    maxSnapshotsPerPlan: int(env, 'MAX_SNAPSHOTS_PER_PLAN', DEFAULTS.maxSnapshotsPerPlan, 1, 100_000, problems),
    maxSnapshotBytesPerPlan: int(env, 'MAX_SNAPSHOT_BYTES_PER_PLAN', DEFAULTS.maxSnapshotBytesPerPlan, 1024, 1024 * 1024 * 1024 * 1024, problems),
    maxImportItems: int(env, 'MAX_IMPORT_ITEMS', DEFAULTS.maxImportItems, 1, 10_000_000, problems),
    heavyTimeoutMs: int(env, 'HEAVY_TIMEOUT_MS', DEFAULTS.heavyTimeoutMs, 100, 3_600_000, problems),
    heavyQueue: int(env, 'HEAVY_QUEUE', DEFAULTS.heavyQueue, 1, 10_000, problems),
    clusterPollMs: int(env, 'CLUSTER_POLL_MS', DEFAULTS.clusterPollMs, 50, 600_000, problems),
    ...overrides,
  };
  if (env.ADMIN_TOKEN !== undefined && env.ADMIN_TOKEN !== '' && env.ADMIN_TOKEN.length < 16) {
    problems.push('ADMIN_TOKEN must be at least 16 characters (or unset to let anyone create plans)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * For entry points (the server, `store:move`): the parsed config, or, when it is invalid, its
 * problems printed to stderr and the process ended with exit code 2.
 */
export function configOrExit(env: Record<string, string | undefined>): Config {
  try {
    return parseConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}

/**
 * DATABASE_URL: unset or empty means the file store; otherwise a postgres:// or postgresql://
 * URL with a host. A bad value is reported without echoing it (it may hold a password).
 */
function databaseUrl(raw: string | undefined, problems: string[]): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('DATABASE_URL must be a URL like postgres://user:password@host:5432/database (the value given does not parse)');
    return null;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://, got ${url.protocol}//`);
  } else if (!url.hostname) {
    problems.push('DATABASE_URL must name a host, as in postgres://user:password@host:5432/database');
  } else if (url.pathname.length <= 1) {
    problems.push('DATABASE_URL must name a database, as in postgres://user:password@host:5432/database');
  }
  return value;
}

/** The built client sits in dist/client, next to dist/server (or beside the source tree). */
function defaultClientDir(): string {
  const here = path.dirname(new URL(import.meta.url).pathname);
  // dist/server/config.js -> dist/client ; server/config.ts -> dist/client
  return path.basename(path.dirname(here)) === 'dist'
    ? path.resolve(here, '../client')
    : path.resolve(here, '../dist/client');
}
