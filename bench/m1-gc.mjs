// M1's tail and the server's garbage collections (issue 18): runs M1 (one writer, 20 edits/s,
// `--observers` watching one plan) against Roundtable (the Node flags of `npm start`, or
// BENCH_NODE_FLAGS) started through bench/lib/gc-entry.mjs, which reports each collection with
// its start on the wall clock and its pause, and prints whether the edits that hold the slowest
// 1 % of deliveries (M1's p99) ran into a GC: for each measured edit, the window from its send
// to its last delivery; an edit "meets a GC" when a pause began inside that window. Compared
// with the share of all edits that meet one.
//   node bench/m1-gc.mjs [--observers=100] [--runs=3] [--duration=5000]
import { performance } from 'node:perf_hooks';
import { percentile } from './lib/stats.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const OBSERVERS = Number(arg('observers', '100'));
const RUNS = Number(arg('runs', '3'));
const DURATION = Number(arg('duration', '5000'));
import path from 'node:path';
import { pinSelf, roundtableNodeFlags } from './lib/servers.mjs';
import { m1Latency } from './lib/workloads.mjs';

process.env.BENCH_ROUNDTABLE_ENTRY = path.join(import.meta.dirname, 'lib/gc-entry.mjs');
pinSelf();
/** performance.now() here for an epoch time (ms). */
const local = (epochMs) => epochMs - performance.timeOrigin;

/** One line of bench/lib/gc-entry.mjs: the collection's kind, start (this process's clock) and pause (ms). */
function parseGc(line) {
  if (!line.startsWith('{"gc":')) return null;
  const { gc } = JSON.parse(line);
  return { at: local(gc.at), kind: gc.kind, pauseMs: gc.ms };
}

console.log(`M1 and GC: Roundtable, ${OBSERVERS} observers, ${RUNS} runs of ${DURATION} ms; node flags: ${roundtableNodeFlags().join(' ') || '(none)'}`);
for (let r = 0; r < RUNS; r++) {
  const gcs = [];
  let rest = '';
  const res = await m1Latency('roundtable', {
    observers: OBSERVERS,
    durationMs: DURATION,
    detail: true,
    onStart: (srv) =>
      srv.child.stdout.on('data', (d) => {
        const lines = (rest + d.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const gc = parseGc(line);
          if (gc) gcs.push(gc);
        }
      }),
  });
  const edits = res.perEdit ?? [];
  const first = edits[0]?.sentAt ?? 0;
  const last = edits.at(-1)?.sentAt ?? 0;
  const during = gcs.filter((g) => g.at >= first && g.at <= last + 1000);
  const meets = (e) => {
    const end = e.sentAt + Math.max(0, ...e.latencies);
    return during.filter((g) => g.at + g.pauseMs >= e.sentAt && g.at <= end);
  };
  const p99 = res.p99;
  const slow = edits.filter((e) => e.latencies.some((l) => l >= p99));
  const slowMeet = slow.filter((e) => meets(e).length > 0);
  const allMeet = edits.filter((e) => meets(e).length > 0);
  const pauses = during.map((g) => g.pauseMs);
  const byKind = {};
  for (const g of during) byKind[g.kind] = (byKind[g.kind] ?? 0) + 1;
  console.log(
    `run ${r + 1}: p50 / p95 / p99 ${res.p50.toFixed(2)} / ${res.p95.toFixed(2)} / ${res.p99.toFixed(2)} ms; GCs during the edits ${during.length} ${JSON.stringify(byKind)}, pause median ${pauses.length ? percentile(pauses, 50).toFixed(2) : '-'} max ${pauses.length ? Math.max(...pauses).toFixed(2) : '-'} ms; ` +
      `edits holding samples >= p99: ${slow.length}, of which meet a GC: ${slowMeet.length} (${((100 * slowMeet.length) / Math.max(1, slow.length)).toFixed(0)} %); all edits meeting a GC: ${allMeet.length} of ${edits.length} (${((100 * allMeet.length) / Math.max(1, edits.length)).toFixed(0)} %)`,
  );
  for (const e of slow) {
    const g = meets(e);
    console.log(`   edit at +${(e.sentAt - first).toFixed(0)} ms: max ${Math.max(...e.latencies).toFixed(2)} ms, ${e.latencies.filter((l) => l >= p99).length} samples >= p99${g.length ? `; GC: ${g.map((x) => `${x.kind} ${x.pauseMs.toFixed(2)} ms`).join(', ')}` : ''}`);
  }
}
process.exit(0);
