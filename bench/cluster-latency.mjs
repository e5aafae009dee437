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
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNode } from '../dist/shared/commands/nodes.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const EDITS = Number(process.env.EDITS ?? 300);
const BURST = Number(process.env.BURST ?? 500);
const ME = { source: 'local', userId: 'bench' };
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
const now = () => Number(process.hrtime.bigint()) / 1e6;

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

async function createPlan(url) {
  const res = await fetch(`${url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench' }) });
  const body = await res.json();
  return { id: body.id, token: new URL(body.links.editor).searchParams.get('token') };
}

/** A raw socket: counts acks, records when sync updates arrive, resolves `synced` on the first step 2. */
function socket(url, plan, ack) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${plan.id}?token=${plan.token}${ack ? '&ack=1' : ''}`);
  const s = { ws, acks: 0, updates: 0, onAck: null, onUpdate: null, synced: null };
  ws.on('close', (code, reason) => process.env.BENCH_DEBUG && console.error('closed', code, String(reason)));
  s.synced = new Promise((resolve) => {
    ws.on('message', (data) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      if (type === 7) {
        s.acks = decoding.readVarUint(d);
        s.onAck?.();
      } else if (type === 0) {
        const step = decoding.readVarUint(d);
        if (step === 0) resolve();
        if (step === 1 || step === 2) {
          s.updates++;
          s.onUpdate?.();
        }
      }
    });
  });
  return new Promise((resolve) => ws.once('open', () => resolve(s)));
}

const frame = (update) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

function edits(n, tag) {
  const doc = new Y.Doc();
  const out = [];
  doc.on('update', (u) => out.push(u));
  for (let i = 0; i < n; i++) addNode(doc, { kind: 'goal', id: `goal-${tag}-${i}`, title: `Goal ${i}` }, ME);
  return out;
}

const until = (check) => new Promise((resolve) => {
  const t = setInterval(() => check() && (clearInterval(t), resolve()), 1);
});

async function run(name, writerUrl, readerUrl) {
  const plan = await createPlan(writerUrl);
  if (readerUrl !== writerUrl) await until(() => true);
  for (let i = 0; i < 200; i++) if ((await fetch(`${readerUrl}/api/plans/${plan.id}`, { headers: { authorization: `Bearer ${plan.token}` } })).status === 200) break;
  const w = await socket(writerUrl, plan, true);
  const r = await socket(readerUrl, plan, false);
  await Promise.all([w.synced, r.synced]);
  const ack = [];
  const seen = [];
  for (const u of edits(EDITS, 'seq')) {
    const t0 = now();
    let acked = null;
    let shown = null;
    const want = w.acks + 1;
    const got = r.updates + 1;
    await new Promise((resolve) => {
      const check = () => {
        if (acked === null && w.acks >= want) acked = now() - t0;
        if (shown === null && r.updates >= got) shown = now() - t0;
        if (acked !== null && shown !== null) resolve();
      };
      w.onAck = check;
      r.onUpdate = check;
      w.ws.send(frame(u));
    });
    ack.push(acked);
    seen.push(shown);
  }
  // Burst: every edit sent at once.
  const burst = edits(BURST, 'burst');
  const base = w.acks;
  const t0 = now();
  let ackedAll = 0;
  w.onAck = () => { if (w.acks >= base + BURST && !ackedAll) ackedAll = now() - t0; };
  r.onUpdate = null;
  for (const u of burst) w.ws.send(frame(u));
  await until(() => ackedAll > 0);
  w.ws.close();
  r.ws.close();
  // Cold join on the reader's node once the plan was unloaded there.
  await new Promise((res) => setTimeout(res, 1500));
  const t1 = now();
  const c = await socket(readerUrl, plan, false);
  await c.synced;
  const joinSv = now() - t1;
  c.ws.close();
  const f = (x) => x.toFixed(2);
  return `| ${name} | ${f(pct(ack, 50))} / ${f(pct(ack, 99))} | ${f(pct(seen, 50))} / ${f(pct(seen, 99))} | ${Math.round(BURST / (ackedAll / 1000))} | ${f(joinSv)} |`;
}

const base = process.env.RT_TEST_DATABASE_URL;
if (!base) throw new Error('set RT_TEST_DATABASE_URL (.ci/postgres.sh prints one)');
const schema = `rt_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const u = new URL(base);
u.searchParams.set('options', `-c search_path=${schema}`);
const rows = ['| setup | ack p50 / p99 ms | seen by a reader p50 / p99 ms | burst edits/s (acked) | cold join ms |', '|---|---|---|---|---|'];
const started = [];
try {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const files = await node({ DATA_DIR: dir, DATABASE_URL: '' });
  started.push(files);
  rows.push(await run('file store, 1 node', files.url, files.url));
  files.child.kill('SIGTERM');
  const d2 = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const a = await node({ DATA_DIR: d2, DATABASE_URL: u.toString() });
  started.push(a);
  rows.push(await run('PostgreSQL, 1 node', a.url, a.url));
  const b = await node({ DATA_DIR: d2, DATABASE_URL: u.toString() });
  started.push(b);
  rows.push(await run('PostgreSQL, 2 nodes (reader on B)', a.url, b.url));
} finally {
  for (const s of started) s.child.kill('SIGKILL');
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%${schema}%' AND pid <> pg_backend_pid()`).catch(() => {});
  await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await admin.end();
}
console.log(`${EDITS} sequential edits, then a burst of ${BURST}; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(rows.join('\n'));
process.exit(0);
