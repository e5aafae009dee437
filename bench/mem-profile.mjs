// Memory per open plan, profiled (issue 18, M3): starts Roundtable (the build in dist/) under
// bench/lib/heap-entry.mjs, then in steps: N plans created over HTTP, one connection each, five
// activities written into each. After each step the server collects garbage and reports
// process.memoryUsage(); the per-plan growth of each step is printed.
// With --no-gc the server does not collect garbage before it reports (the state M3 measures).
// With --snapshot it also writes a heap snapshot (after a collection) before the first step and
// after the last, and prints the live heap's growth per plan by owner (`bench/lib/heap-owners.mjs`:
// what a Room, its Y.Doc, a connection, presence, the plan index... hold, from the dominator tree)
// and by constructor (self size), heaviest first; the probes the steps are read from stay as
// --no-gc says, and "garbage" is the heap used at the last probe minus the live heap after it.
// With --server=hocuspocus (or another peer of bench/lib/servers.mjs) the same steps run against that
// server, the probe preloaded with `--import` (bench/lib/heap-probe.mjs); the owners table then
// only knows Roundtable's owners, so read its constructor table and the split by space.
// With --sampling the server runs V8's sampling heap profiler (bench/lib/heap-probe.mjs, HEAP_SAMPLING=1)
// and each step prints where the bytes that reached old space were allocated (KB per plan): by
// the nearest frame of our own code (dist/) and by the allocating function itself.
//   node bench/mem-profile.mjs [--plans=200] [--sampling] [--no-gc] [--snapshot] [--top=30] [--sleep=<ROOM_SLEEP_MS>] [--settle=3000] [--env=K=V,...] [--server=roundtable]
import fs from 'node:fs';
import path from 'node:path';
import { BenchClient, connectMany } from './lib/client.mjs';
import { sleep, waitFor } from './lib/stats.mjs';
import { ownersOf } from './lib/heap-owners.mjs';
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

const SERVER = arg('server', 'roundtable');
process.env.BENCH_ROUNDTABLE_ENTRY = path.join(BENCH_DIR, 'lib/heap-entry.mjs');
fs.rmSync(OUT, { recursive: true, force: true });
const dataDir = tempDataDir(SERVER);
const SLEEP = arg('sleep', null);
// --env=K=V,K=V: more environment for the server (e.g. MALLOC_ARENA_MAX=2 or NODE_OPTIONS=--max-semi-space-size=1).
const extraEnv = Object.fromEntries((arg('env', '') || '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const GC = !process.argv.includes('--no-gc');
// A peer gets the probe preloaded (its own NODE_OPTIONS from --env come after it).
const preload = SERVER === 'roundtable' ? {} : { NODE_OPTIONS: `--import=${path.join(BENCH_DIR, 'lib/heap-probe.mjs')} ${extraEnv.NODE_OPTIONS ?? ''}`.trim() };
const SAMPLING = process.argv.includes('--sampling');
const env = { ...extraEnv, ...preload, ...(SAMPLING ? { HEAP_SAMPLING: '1' } : {}), ...(SLEEP !== null ? { ROOM_SLEEP_MS: SLEEP } : {}) };
const srv = await startServer(SERVER, dataDir, { env });
let step = 0;
/** Signals the server and waits for its report of this step (collecting first when `gc`, with a heap snapshot when `snapshot`). */
async function probe({ gc = GC, snapshot = false } = {}) {
  const file = path.join(OUT, `${srv.pid}-${step}.json`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'next.json'), JSON.stringify({ gc, snapshot }));
  process.kill(srv.pid, 'SIGUSR2');
  if (!(await waitFor(() => fs.existsSync(file), 600_000))) throw new Error('no memory report');
  await sleep(50);
  step++;
  return { usage: JSON.parse(fs.readFileSync(file, 'utf8')), snapshot: file.replace(/\.json$/, '.heapsnapshot') };
}

const rows = [];
let clients = [];
try {
  await sleep(500);
  const baseSnapshot = SNAPSHOT ? (await probe({ gc: true, snapshot: true })).snapshot : null;
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
  const live = SNAPSHOT ? await probe({ gc: true, snapshot: true }) : null;
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
  if (SAMPLING) {
    for (const [label, , b] of steps.slice(0, 3)) {
      const file = b.snapshot.replace(/\.heapsnapshot$/, '.heapprofile');
      if (!fs.existsSync(file)) continue;
      const { ours, self } = allocationSites(JSON.parse(fs.readFileSync(file, 'utf8')));
      console.log(`allocations that reached old space during "${label}", KB per plan, by our nearest frame / by allocating function`);
      console.table(ours.slice(0, TOP).map(([k, v]) => ({ site: k, 'KB/plan': (v / PLANS / 1024).toFixed(2) })));
      console.table(self.slice(0, 15).map(([k, v]) => ({ site: k, 'KB/plan': (v / PLANS / 1024).toFixed(2) })));
    }
  }
  // Where V8's committed heap grew, per space (KB per plan, first probe to last).
  const spaces = Object.keys(written.usage).filter((k) => k.startsWith('space:'));
  console.table(Object.fromEntries(spaces.map((k) => [k.slice(6), { 'base MB': (base.usage[k] / 2 ** 20).toFixed(1), 'after MB': (written.usage[k] / 2 ** 20).toFixed(1), 'KB/plan': ((written.usage[k] - base.usage[k]) / PLANS / 1024).toFixed(1) }])));
  if (process.argv.includes('--regions')) {
    const grown = Object.entries(written.usage.regions).map(([k, v]) => [k, (v - (base.usage.regions[k] ?? 0)) / 2 ** 20]).filter(([, d]) => Math.abs(d) >= 0.5);
    grown.sort((a, b) => b[1] - a[1]);
    for (const [k, d] of grown) console.log('region', k, `${d.toFixed(1)} MB`);
  }
  for (const k of ['rss', 'VmRSS', 'RssAnon', 'RssFile', 'RssShmem']) console.log(k, (base.usage[k] / 2 ** 20).toFixed(1), '->', (written.usage[k] / 2 ** 20).toFixed(1), 'MB');
  if (live) {
    console.log(`heap used ${(written.usage.heapUsed / PLANS / 1024).toFixed(1)} KB/plan at the last probe; live after a collection ${(live.usage.heapUsed / PLANS / 1024).toFixed(1)}; garbage ${((written.usage.heapUsed - live.usage.heapUsed) / PLANS / 1024).toFixed(1)} KB/plan (absolute, not growth)`);
    const A = ownersOf(baseSnapshot);
    const B = ownersOf(live.snapshot);
    const owners = [];
    for (const [p, e] of B.byPath) {
      const was = A.byPath.get(p);
      const kb = (e.size - (was?.size ?? 0)) / PLANS / 1024;
      if (Math.abs(kb) < 0.1) continue;
      const kinds = [...e.kinds]
        .map(([k, v]) => [k, (v.size - (was?.kinds.get(k)?.size ?? 0)) / PLANS / 1024, (v.count - (was?.kinds.get(k)?.count ?? 0)) / PLANS])
        .filter(([, size]) => Math.abs(size) >= 0.3)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 6)
        .map(([k, size, n]) => `${k} ${size.toFixed(1)} (${n.toFixed(1)})`)
        .join(', ');
      owners.push({ owner: p, 'KB/plan': kb, 'largest kinds: KB (count) per plan': kinds });
    }
    owners.sort((x, y) => y['KB/plan'] - x['KB/plan']);
    console.log('live heap growth per plan by owner (dominator tree; "(no owner)": module code, pending promises, anything no owner dominates)');
    console.table(owners.map((o) => ({ ...o, 'KB/plan': o['KB/plan'].toFixed(2) })));
    console.log('owners', Object.fromEntries([...B.instances].map(([k, v]) => [k, `${A.instances.get(k) ?? 0} -> ${v}`])));
    const before = summarise(baseSnapshot);
    const after = summarise(live.snapshot);
    const diff = [...after].map(([k, v]) => ({ name: k, 'KB/plan': (v.size - (before.get(k)?.size ?? 0)) / PLANS / 1024, 'count/plan': (v.count - (before.get(k)?.count ?? 0)) / PLANS }));
    diff.sort((a, b) => b['KB/plan'] - a['KB/plan']);
    console.table(diff.slice(0, TOP).map((d) => ({ ...d, 'KB/plan': d['KB/plan'].toFixed(2), 'count/plan': d['count/plan'].toFixed(1) })));
  }
} finally {
  for (const c of clients) c.close();
  await srv.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Sums a sampling heap profile's bytes by the nearest frame of our own build (`/dist/`, else
 * "(no frame of ours)") and by the allocating function; both heaviest first.
 */
function allocationSites(profile) {
  const ours = new Map();
  const self = new Map();
  const name = (f) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  const walk = (node, owner) => {
    const f = node.callFrame;
    const mine = f.url.includes('/dist/') ? name(f) : owner;
    if (node.selfSize > 0) {
      ours.set(mine, (ours.get(mine) ?? 0) + node.selfSize);
      self.set(name(f), (self.get(name(f)) ?? 0) + node.selfSize);
    }
    for (const c of node.children) walk(c, mine);
  };
  walk(profile.head, '(no frame of ours)');
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { ours: sorted(ours), self: sorted(self) };
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
