// Several nodes on PostgreSQL (issue 17): per-edit acknowledgement latency, when a reader (on the
// same or another node) sees each edit, burst throughput and cold join. Raw websockets speaking
// the y-websocket protocol with `?ack=1`; edits are real plan changes (goals) through the update
// gate. Used by `npm run bench` (the "cluster" step) and `node bench/cluster-latency.mjs`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { addNode } from '../../dist/shared/commands/nodes.js';

// The edits are made by the server's own build (dist/), so the doc must come from the Yjs copy
// it imports (the root package's), not from bench/node_modules (the peers' copy): one Yjs.
const Y = await import(pathToFileURL(path.resolve(import.meta.dirname, '../../node_modules/yjs/dist/yjs.mjs')).href);

const ME = { source: 'local', userId: 'bench' };
const now = () => Number(process.hrtime.bigint()) / 1e6;
/** The p-th percentile of `a` (nearest rank). */
export const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];

async function createPlan(url) {
  const res = await fetch(`${url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench' }) });
  if (res.status !== 201) throw new Error(`create plan failed: ${res.status}`);
  const body = await res.json();
  return { id: body.id, token: new URL(body.links.editor).searchParams.get('token') };
}

/** A raw socket: counts acks, records when sync updates arrive, resolves `synced` on the first step 2. */
function socket(url, plan, ack) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${plan.id}?token=${plan.token}${ack ? '&ack=1' : ''}`);
  const s = { ws, acks: 0, updates: 0, onAck: null, onUpdate: null, synced: null };
  ws.on('close', (code, reason) => process.env.BENCH_DEBUG && console.error('closed', code, String(reason)));
  s.synced = new Promise((resolve) => {
    ws.on('message', (data) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      if (type === 7) {
        s.acks = decoding.readVarUint(d);
        s.onAck?.();
      } else if (type === 0) {
        const step = decoding.readVarUint(d);
        if (step === 0) resolve();
        if (step === 1 || step === 2) {
          s.updates++;
          s.onUpdate?.();
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(s));
    ws.once('error', reject);
  });
}

const frame = (update) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

function edits(n, tag) {
  const doc = new Y.Doc();
  const out = [];
  doc.on('update', (u) => out.push(u));
  for (let i = 0; i < n; i++) addNode(doc, { kind: 'goal', id: `goal-${tag}-${i}`, title: `Goal ${i}` }, ME);
  return out;
}

/** Resolves once `check()` is true (polled every millisecond), rejects after `ms`. */
const until = (check, what, ms = 120_000) =>
  new Promise((resolve, reject) => {
    const start = Date.now();
    const t = setInterval(() => {
      if (check()) {
        clearInterval(t);
        resolve();
      } else if (Date.now() - start > ms) {
        clearInterval(t);
        reject(new Error(`timed out: ${what}`));
      }
    }, 1);
  });

/**
 * One plan created on `writerUrl`: `sequential` edits one after the other (each waits for its
 * acknowledgement and for the reader on `readerUrl` to receive it), then a burst of `burst`
 * edits sent at once (time until all are acknowledged), then, after `unloadWaitMs` (the nodes'
 * idle unload), a cold join on the reader's node. Milliseconds.
 */
export async function clusterRun(writerUrl, readerUrl, { sequential = 300, burst = 500, unloadWaitMs = 1500 } = {}) {
  const plan = await createPlan(writerUrl);
  // Another node learns of the plan by notification: wait until it answers for it.
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${readerUrl}/api/plans/${plan.id}`, { headers: { authorization: `Bearer ${plan.token}` } })).status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const w = await socket(writerUrl, plan, true);
  const r = await socket(readerUrl, plan, false);
  await Promise.all([w.synced, r.synced]);
  const ack = [];
  const seen = [];
  for (const u of edits(sequential, 'seq')) {
    const t0 = now();
    let acked = null;
    let shown = null;
    const want = w.acks + 1;
    const got = r.updates + 1;
    await new Promise((resolve) => {
      const check = () => {
        if (acked === null && w.acks >= want) acked = now() - t0;
        if (shown === null && r.updates >= got) shown = now() - t0;
        if (acked !== null && shown !== null) resolve();
      };
      w.onAck = check;
      r.onUpdate = check;
      w.ws.send(frame(u));
    });
    ack.push(acked);
    seen.push(shown);
  }
  const burstEdits = edits(burst, 'burst');
  const base = w.acks;
  const t0 = now();
  let ackedAll = 0;
  w.onAck = () => {
    if (w.acks >= base + burst && !ackedAll) ackedAll = now() - t0;
  };
  r.onUpdate = null;
  for (const u of burstEdits) w.ws.send(frame(u));
  await until(() => ackedAll > 0, 'the burst to be acknowledged');
  w.ws.close();
  r.ws.close();
  await new Promise((res) => setTimeout(res, unloadWaitMs));
  const t1 = now();
  const c = await socket(readerUrl, plan, false);
  await c.synced;
  const coldJoinMs = now() - t1;
  c.ws.close();
  return {
    sequential,
    burst,
    ackP50: pct(ack, 50),
    ackP95: pct(ack, 95),
    ackP99: pct(ack, 99),
    seenP50: pct(seen, 50),
    seenP95: pct(seen, 95),
    seenP99: pct(seen, 99),
    burstEditsPerSec: burst / (ackedAll / 1000),
    coldJoinMs,
  };
}

/** One markdown table of `clusterRun` results by setup name. */
export function clusterTable(results) {
  const f = (x) => (typeof x === 'number' ? x.toFixed(1) : 'n/a');
  const rows = ['| setup | ack p50 / p95 / p99 ms | seen by the reader p50 / p95 / p99 ms | burst edits/s (acked) | cold join ms |', '|---|---:|---:|---:|---:|'];
  for (const [name, r] of Object.entries(results)) {
    rows.push(`| ${name} | ${f(r.ackP50)} / ${f(r.ackP95)} / ${f(r.ackP99)} | ${f(r.seenP50)} / ${f(r.seenP95)} / ${f(r.seenP99)} | ${Math.round(r.burstEditsPerSec)} | ${f(r.coldJoinMs)} |`);
  }
  return rows.join('\n');
}
