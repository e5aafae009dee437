// A memory probe for any Node server, for `bench/mem-profile.mjs`: loaded by bench/lib/heap-entry.mjs
// (Roundtable) or preloaded with `--import` (a peer, e.g. `node bench/mem-profile.mjs --server=hocuspocus`).
// On SIGUSR2 the process collects garbage (unless HEAP_NO_GC=1), then writes `process.memoryUsage()` as JSON to
// bench/results/tmp-heap/<pid>-<n>.json and, with HEAP_SNAPSHOT=1, a heap snapshot beside it
// (`<pid>-<n>.heapsnapshot`). A file bench/results/tmp-heap/next.json (`{ "gc": bool, "snapshot": bool }`),
// when present, decides both for the next signal instead (the profiler asks per step).
// With HEAP_SAMPLING=1 V8's sampling heap profiler runs from the start, keeping what a minor
// (young-generation) collection freed out of it: each probe writes `<pid>-<n>.heapprofile` (before
// any collection), the allocations since the previous probe that reached old space, live or garbage
// by then (what M3's RSS holds), then sampling starts afresh.
// Only for profiling: writing a snapshot stops the server for seconds.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const OUT = path.resolve(import.meta.dirname, '../results/tmp-heap');
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let n = 0;
const sampler = process.env.HEAP_SAMPLING === '1' ? new inspector.Session() : null;
const SAMPLING = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false };
if (sampler) {
  sampler.connect();
  sampler.post('HeapProfiler.startSampling', SAMPLING);
}
process.on('SIGUSR2', () => {
  let mode = { gc: process.env.HEAP_NO_GC !== '1', snapshot: process.env.HEAP_SNAPSHOT === '1' };
  try {
    mode = { ...mode, ...JSON.parse(fs.readFileSync(path.join(OUT, 'next.json'), 'utf8')) };
  } catch {
    // No per-step request: the environment decides.
  }
  // HEAP_NO_GC=1 (or gc: false): measure as M3 does, without collecting first (what RSS holds at that moment).
  fs.mkdirSync(OUT, { recursive: true });
  const base = path.join(OUT, `${process.pid}-${n}`);
  if (sampler) {
    // The same-thread session answers synchronously.
    sampler.post('HeapProfiler.getSamplingProfile', (err, res) => {
      if (!err) fs.writeFileSync(`${base}.heapprofile`, JSON.stringify(res.profile));
    });
    sampler.post('HeapProfiler.stopSampling');
    sampler.post('HeapProfiler.startSampling', SAMPLING);
  }
  if (mode.gc) {
    gc();
    gc();
  }
  const usage = { ...process.memoryUsage(), ...nativeFigures() };
  if (mode.snapshot) v8.writeHeapSnapshot(`${base}.heapsnapshot`);
  fs.writeFileSync(`${base}.json`, JSON.stringify(usage));
  n++;
});

/**
 * What RSS is made of beyond process.memoryUsage(): V8's physically committed heap and the
 * memory V8 itself malloc'ed, and the kernel's split of RSS into anonymous and file-backed pages.
 */
function nativeFigures() {
  const h = v8.getHeapStatistics();
  const out = { heapPhysical: h.total_physical_size, v8Malloced: h.malloced_memory };
  for (const space of v8.getHeapSpaceStatistics()) out[`space:${space.space_name}`] = space.physical_space_size;
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    for (const key of ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem']) {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      if (m) out[key] = Number(m[1]) * 1024;
    }
  } catch {
    // Not Linux: the kernel's split is left out.
  }
  out.regions = regions();
  return out;
}

/** Resident bytes per mapping of /proc/self/smaps (address range and name), to see where native memory sits. */
function regions() {
  const out = {};
  try {
    let key = '';
    for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const size = (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1024;
        key = `${head[1]} ${head[3] || '[anon]'} (${size} kB)`;
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss && Number(rss[1]) > 0) out[key] = Number(rss[1]) * 1024;
    }
  } catch {
    // Not Linux.
  }
  return out;
}
