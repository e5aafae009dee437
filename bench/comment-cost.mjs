// Time of POST /api/plans/:id/comments (check, write into the live doc, store, answer) on plans
// of 50 and 5,000 activities. Uses the built server (npm run build or the test setup's tsc).
// Usage: node bench/comment-cost.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../dist/server/config.js';
import { createLogger } from '../dist/server/log.js';
import { startServer } from '../dist/server/server.js';

function planJson(activities) {
  const perOutput = 50;
  const outputs = Math.ceil(activities / perOutput);
  return {
    format: 'roundtable-plan/1',
    title: `Bench ${activities}`,
    goals: [{ id: 'g1', title: 'Goal' }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Outcome' }],
    outputs: Array.from({ length: outputs }, (_, i) => ({ id: `op${i}`, outcomeId: 'oc1', title: `Output ${i}` })),
    activities: Array.from({ length: activities }, (_, i) => ({ id: `a${i}`, outputId: `op${Math.floor(i / perOutput)}`, title: `Activity ${i} with a title of some length` })),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-comment-bench-'));
const config = parseConfig({}, { port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent' });
const server = await startServer(config, createLogger('silent'));
try {
  for (const n of [50, 5000]) {
    const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(planJson(n)) });
    const body = await res.json();
    const token = new URL(body.links.observer).searchParams.get('token');
    const times = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await fetch(`${server.url}/api/plans/${body.id}/comments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-participant': `p${i}` },
        body: JSON.stringify({ targetKind: 'activity', targetId: `a${i}`, body: `Comment ${i}` }),
      });
      if (r.status !== 201) throw new Error(`${r.status} ${await r.text()}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${n} activities: POST comment p50 ${times[15].toFixed(1)} ms, p90 ${times[27].toFixed(1)} ms (30 comments, first loads the plan: ${times.at(-1).toFixed(1)} ms max)`);
  }
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
