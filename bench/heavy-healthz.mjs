// Measures how long /healthz takes to answer while heavy requests run on a 60,000-activity plan
// (issue 12: import, export, ranking, issues, budget must not freeze the server for others).
// Usage: npm run build (or tsc -p tsconfig.build.json), then node bench/heavy-healthz.mjs [activities]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../dist/server/config.js';
import { createLogger } from '../dist/server/log.js';
import { startServer } from '../dist/server/server.js';

const count = Number(process.argv[2] ?? 60_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-heavy-'));
const config = parseConfig({}, { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', maxBodyBytes: 256 * 1024 * 1024 });
const server = await startServer(config, createLogger('silent'));

const plan = {
  format: 'roundtable-plan/1',
  id: 'big',
  title: 'Big plan',
  goals: [{ id: 'g1', title: 'Goal', order: 'm' }],
  outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Outcome', order: 'a' }],
  outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Output', order: 'a' }],
  activities: Array.from({ length: count }, (_, i) => ({ id: `a${i}`, outputId: 'op1', title: `Activity ${i}`, order: 'a', budget: { amount: 10_000, currency: 'USD' } })),
};

/** Polls /healthz every 20 ms while `heavy` runs; the heavy request's time and healthz latencies. */
async function during(name, heavy) {
  let settled = false;
  const latencies = [];
  const start = performance.now();
  const done = heavy().finally(() => (settled = true));
  const poll = (async () => {
    while (!settled) {
      const t = performance.now();
      await (await fetch(`${server.url}/healthz`)).arrayBuffer();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await done;
  const heavyMs = performance.now() - start;
  await poll;
  latencies.sort((a, b) => a - b);
  const max = latencies.at(-1) ?? 0;
  console.log(`${name.padEnd(8)} request ${heavyMs.toFixed(0).padStart(6)} ms | healthz answers ${String(latencies.length).padStart(4)}, median ${latencies[latencies.length >> 1].toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  return result;
}

const created = await during('import', async () => {
  const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
  return res.json();
});
const token = new URL(created.links.observer).searchParams.get('token');
for (const name of ['budget', 'issues', 'ranking', 'export.json', 'budget']) {
  await during(name, async () => {
    const res = await fetch(`${server.url}/api/plans/${created.id}/${name}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    return res.arrayBuffer();
  });
}
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
