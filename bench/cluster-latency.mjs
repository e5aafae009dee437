// Several nodes on PostgreSQL (issue 17): per-edit acknowledgement latency, burst throughput and
// cold join, for the file store (one node), PostgreSQL with one node, and PostgreSQL with two
// nodes (writer on node A; a reader on node B times when each edit shows there).
//
// Needs the server build (`npx tsc -p tsconfig.build.json`) and RT_TEST_DATABASE_URL
// (`.ci/postgres.sh` prints one); works in a schema of its own and drops it after.
// `node bench/cluster-latency.mjs` (EDITS=300 BURST=500 by default). Raw websockets speaking the
// y-websocket protocol with `?ack=1`; edits are real plan changes (goals) through the update gate.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clusterRun, clusterTable } from './lib/cluster.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const EDITS = Number(process.env.EDITS ?? 300);
const BURST = Number(process.env.BURST ?? 500);

function node(env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/index.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ROUNDTABLE_ANNOUNCE: '1', IDLE_UNLOAD_MS: '300', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /\{"listening":"([^"]+)"\}/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`node exited ${code}`)));
  });
}

const base = process.env.RT_TEST_DATABASE_URL;
if (!base) throw new Error('set RT_TEST_DATABASE_URL (.ci/postgres.sh prints one)');
const schema = `rt_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const u = new URL(base);
u.searchParams.set('options', `-c search_path=${schema}`);
const results = {};
const started = [];
const opts = { sequential: EDITS, burst: BURST };
try {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const files = await node({ DATA_DIR: dir, DATABASE_URL: '' });
  started.push(files);
  results['file store, 1 node'] = await clusterRun(files.url, files.url, opts);
  files.child.kill('SIGTERM');
  const d2 = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const a = await node({ DATA_DIR: d2, DATABASE_URL: u.toString() });
  started.push(a);
  results['PostgreSQL, 1 node'] = await clusterRun(a.url, a.url, opts);
  const b = await node({ DATA_DIR: d2, DATABASE_URL: u.toString() });
  started.push(b);
  results['PostgreSQL, 2 nodes (reader on B)'] = await clusterRun(a.url, b.url, opts);
} finally {
  for (const s of started) s.child.kill('SIGKILL');
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%${schema}%' AND pid <> pg_backend_pid()`).catch(() => {});
  await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await admin.end();
}
console.log(`${EDITS} sequential edits, then a burst of ${BURST}; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(clusterTable(results));
process.exit(0);
