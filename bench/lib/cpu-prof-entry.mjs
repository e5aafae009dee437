// Runs the Roundtable server under the V8 CPU profiler, for `npm run bench` and the workloads:
//   BENCH_ROUNDTABLE_ENTRY=bench/lib/cpu-prof-entry.mjs npm run bench -- --quick --servers=roundtable --only=m1
// (the harness passes the child only a few variables, so the entry takes no options). Each server
// start writes bench/results/tmp-prof/<time>-<pid>.cpuprofile when the process exits (a graceful
// stop or a crash, not kill -9); open it in Chrome DevTools, or print its heaviest functions with
// `node bench/lib/prof-top.mjs <file>`. Profiling slows the server: compare profiles, not figures.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const OUT = path.resolve(import.meta.dirname, '../results/tmp-prof');
const session = new inspector.Session();
session.connect();
// The same-thread session answers synchronously, so the profile can be taken in an 'exit' handler.
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (err, res) => {
    if (err) return;
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
});
await import('../../dist/server/index.js');
