// Runs the Roundtable server with the memory probe of bench/lib/heap-probe.mjs, for `bench/mem-profile.mjs`:
//   BENCH_ROUNDTABLE_ENTRY=bench/lib/heap-entry.mjs (set by that script).
import './heap-probe.mjs';

await import('../../dist/server/index.js');
