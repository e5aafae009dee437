// Runs the Roundtable server and reports each garbage collection on stdout, for bench/m1-gc.mjs:
//   BENCH_ROUNDTABLE_ENTRY=bench/lib/gc-entry.mjs
// One line per collection, `{"gc":{"kind":"minor","at":<epoch ms>,"ms":<pause>}}`, from a
// PerformanceObserver ('gc' entries: when the pause started, on this machine's wall clock, and
// how long it lasted), so the load generator can line collections up with its own samples.
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
new PerformanceObserver((list) => {
  let out = '';
  for (const e of list.getEntries()) {
    out += `${JSON.stringify({ gc: { kind: KINDS[e.detail?.kind ?? e.kind] ?? 'other', at: performance.timeOrigin + e.startTime, ms: e.duration } })}\n`;
  }
  process.stdout.write(out);
}).observe({ entryTypes: ['gc'] });
await import('../../dist/server/index.js');
