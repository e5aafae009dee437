// Memory per open plan, profiled (issue 18, M3): starts Roundtable (the build in dist/) under
// bench/lib/heap-entry.mjs, then in steps: N plans created over HTTP, one connection each, five
// activities written into each. After each step the server collects garbage and reports
// process.memoryUsage(); the per-plan growth of each step is printed. With --snapshot it also
// writes heap snapshots after the first and last step and prints the heap's growth per plan by
// constructor (self size), heaviest first.
// With --no-gc the server does not collect garbage before it reports (the state M3 measures).
//   node bench/mem-profile.mjs [--plans=200] [--no-gc] [--snapshot] [--top=30] [--sleep=<ROOM_SLEEP_MS>] [--settle=3000] [--env=K=V,...]
import fs from 'node:fs';
import path from 'node:path';
import { BenchClient, connectMany } from './lib/client.mjs';
import { sleep, waitFor } from './lib/stats.mjs';
import { BENCH_DIR, startServer, tempDataDir } from './lib/servers.mjs';
import { addActivities } from './lib/workloads.mjs';

const arg = (name, fallback) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : fallback;
};
const PLANS = Number(arg('plans', '200'));
const TOP = Number(arg('top', '30'));
const SNAPSHOT = process.argv.includes('--snapshot');
const SETTLE = Number(arg('settle', '3000'));
const OUT = path.join(BENCH_DIR, 'results/tmp-heap');

process.env.BENCH_ROUNDTABLE_ENTRY = path.join(BENCH_DIR, 'lib/heap-entry.mjs');
fs.rmSync(OUT, { recursive: true, force: true });
const dataDir = tempDataDir('roundtable');
const SLEEP = arg('sleep', null);
// --env=K=V,K=V: more environment for the server (e.g. MALLOC_ARENA_MAX=2 or NODE_OPTIONS=--max-semi-space-size=1).
const extraEnv = Object.fromEntries((arg('env', '') || '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const env = { ...extraEnv, ...(process.argv.includes('--no-gc') ? { HEAP_NO_GC: '1' } : {}), ...(SNAPSHOT ? { HEAP_SNAPSHOT: '1' } : {}), ...(SLEEP !== null ? { ROOM_SLEEP_MS: SLEEP } : {}) };
const srv = await startServer('roundtable', dataDir, { env });
let step = 0;
/** Signals the server and waits for its report of this step. */
async function probe() {
  const file = path.join(OUT, `${srv.pid}-${step}.json`);
  process.kill(srv.pid, 'SIGUSR2');
  if (!(await waitFor(() => fs.existsSync(file), 120_000))) throw new Error('no memory report');
  await sleep(50);
  step++;
  return { usage: JSON.parse(fs.readFileSync(file, 'utf8')), snapshot: file.replace(/\.json$/, '.heapsnapshot') };
}

const rows = [];
let clients = [];
try {
  await sleep(500);
  const base = await probe();
  const names = [];
  for (let i = 0; i < PLANS; i += 25) names.push(...(await Promise.all(Array.from({ length: Math.min(25, PLANS - i) }, (_, j) => srv.createDoc(`M3 plan ${i + j}`)))));
  const created = await probe();
  clients = await connectMany(PLANS, (i) => new BenchClient({ url: srv.wsUrl(names[i]), doc: names[i], dialect: srv.dialect }));
  await sleep(1000);
  const joined = await probe();
  for (const c of clients) addActivities(c.doc, 5);
  await sleep(SETTLE);
  const written = await probe();
  const steps = [['plans created (HTTP)', base, created], ['one connection each', created, joined], ['5 activities written', joined, written], ['total', base, written]];
  for (const [label, a, b] of steps) {
    const per = (k) => ((b.usage[k] - a.usage[k]) / PLANS / 1024).toFixed(1);
    const rest = (b.usage.rss - b.usage.heapPhysical - b.usage.external - (a.usage.rss - a.usage.heapPhysical - a.usage.external)) / PLANS / 1024;
    rows.push({
      step: label,
      'rss': per('rss'),
      'heapUsed': per('heapUsed'),
      'heapTotal': per('heapTotal'),
      'heapPhysical': per('heapPhysical'),
      'new space': per('space:new_space'),
      'old space': per('space:old_space'),
      'external': per('external'),
      'arrayBuffers': per('arrayBuffers'),
      'rest (rss - heapPhysical - external)': rest.toFixed(1),
      'RssAnon': per('RssAnon'),
      'RssFile': per('RssFile'),
    });
  }
  console.log('KB per plan');
  console.table(rows);
  // Where V8's committed heap grew, per space (KB per plan, first probe to last).
  const spaces = Object.keys(written.usage).filter((k) => k.startsWith('space:'));
  console.table(Object.fromEntries(spaces.map((k) => [k.slice(6), { 'base MB': (base.usage[k] / 2 ** 20).toFixed(1), 'after MB': (written.usage[k] / 2 ** 20).toFixed(1), 'KB/plan': ((written.usage[k] - base.usage[k]) / PLANS / 1024).toFixed(1) }])));
  if (process.argv.includes('--regions')) {
    const grown = Object.entries(written.usage.regions).map(([k, v]) => [k, (v - (base.usage.regions[k] ?? 0)) / 2 ** 20]).filter(([, d]) => Math.abs(d) >= 0.5);
    grown.sort((a, b) => b[1] - a[1]);
    for (const [k, d] of grown) console.log('region', k, `${d.toFixed(1)} MB`);
  }
  for (const k of ['rss', 'VmRSS', 'RssAnon', 'RssFile', 'RssShmem']) console.log(k, (base.usage[k] / 2 ** 20).toFixed(1), '->', (written.usage[k] / 2 ** 20).toFixed(1), 'MB');
  if (SNAPSHOT) {
    const before = summarise(base.snapshot);
    const after = summarise(written.snapshot);
    const diff = [...after].map(([k, v]) => ({ name: k, 'KB/plan': (v.size - (before.get(k)?.size ?? 0)) / PLANS / 1024, 'count/plan': (v.count - (before.get(k)?.count ?? 0)) / PLANS }));
    diff.sort((a, b) => b['KB/plan'] - a['KB/plan']);
    console.table(diff.slice(0, TOP).map((d) => ({ ...d, 'KB/plan': d['KB/plan'].toFixed(2), 'count/plan': d['count/plan'].toFixed(1) })));
  }
} finally {
  for (const c of clients) c.close();
  await srv.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Self size and count per node type and name (constructor, closure name, "(string)"...). */
function summarise(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [T, N, S] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + T]];
    const name = type === 'object' || type === 'closure' ? `${type === 'closure' ? 'fn ' : ''}${snap.strings[nodes[i + N]]}` : `(${type})`;
    const e = out.get(name) ?? { size: 0, count: 0 };
    e.size += nodes[i + S];
    e.count++;
    out.set(name, e);
  }
  return out;
}
