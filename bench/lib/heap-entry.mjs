// Runs the Roundtable server with a memory probe, for `bench/mem-profile.mjs`:
//   BENCH_ROUNDTABLE_ENTRY=bench/lib/heap-entry.mjs (set by that script).
// On SIGUSR2 the server collects garbage, then writes `process.memoryUsage()` as JSON to
// bench/results/tmp-heap/<pid>-<n>.json and, from the second signal on, a heap snapshot beside it
// (`<pid>-<n>.heapsnapshot`). Only for profiling: writing a snapshot stops the server for seconds.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const OUT = path.resolve(import.meta.dirname, '../results/tmp-heap');
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let n = 0;
process.on('SIGUSR2', () => {
  gc();
  gc();
  fs.mkdirSync(OUT, { recursive: true });
  const base = path.join(OUT, `${process.pid}-${n}`);
  const usage = process.memoryUsage();
  if (process.env.HEAP_SNAPSHOT === '1') v8.writeHeapSnapshot(`${base}.heapsnapshot`);
  fs.writeFileSync(`${base}.json`, JSON.stringify(usage));
  n++;
});
await import('../../dist/server/index.js');
