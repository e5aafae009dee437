// Measures how long /healthz takes to answer while heavy requests run on a 60,000-activity plan
// (issue 12: import, export, ranking, issues, budget must not freeze the server for others).
//
// The server runs as its own process (node dist/server/index.js), and /healthz is polled every
// 20 ms from a worker thread with its own event loop, so a stalled server shows as a slow answer
// and nothing in this process (the client's own Yjs work) delays the poll.
// Phases: import; a restart on the same data folder, so the first request finds the plan
// neither loaded in a room nor replicated in the heavy-work thread (cold), the next ones warm;
// a room join by a stock y-websocket client (the server builds the live doc); requests while
// the plan is loaded.
// Usage: npm run build (or tsc -p tsconfig.build.json), then node bench/heavy-healthz.mjs [activities]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

if (!isMainThread) {
  // The poller: one GET /healthz every 20 ms (not waiting for the previous answer).
  const latencies = [];
  const timer = setInterval(() => {
    const t = performance.now();
    fetch(`${workerData.url}/healthz`)
      .then((r) => r.arrayBuffer())
      .then(() => latencies.push(performance.now() - t), () => latencies.push(Infinity));
  }, 20);
  parentPort.on('message', () => {
    clearInterval(timer);
    // Requests still in flight are answered late: wait for them.
    const wait = setInterval(() => {
      parentPort.postMessage(latencies);
      clearInterval(wait);
    }, 300);
  });
} else {
  await main();
}

async function main() {
  const { default: WebSocket } = await import('ws');
  const { WebsocketProvider } = await import('y-websocket');
  const Y = await import('yjs');
  const count = Number(process.argv[2] ?? 60_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-heavy-'));
  const root = path.resolve(import.meta.dirname, '..');

  /** Starts the built server on the data folder; resolves with its URL and process. */
  function start() {
    const child = spawn(process.execPath, [path.join(root, 'dist/server/index.js')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROUNDTABLE_ANNOUNCE: '1', MAX_BODY_BYTES: String(256 * 1024 * 1024) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /\{"listening":"([^"]+)"\}/.exec(out);
        if (m) resolve({ url: m[1], child });
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
  }
  const stop = (s) => new Promise((resolve) => { s.child.removeAllListeners('exit'); s.child.once('exit', resolve); s.child.kill('SIGTERM'); });

  let server = await start();
  console.log(`${count} activities, ${os.cpus().length} CPUs`);
  const plan = {
    format: 'roundtable-plan/1',
    id: 'big',
    title: 'Big plan',
    goals: [{ id: 'g1', title: 'Goal', order: 'm' }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Outcome', order: 'a' }],
    outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Output', order: 'a' }],
    activities: Array.from({ length: count }, (_, i) => ({ id: `a${i}`, outputId: 'op1', title: `Activity ${i}`, order: 'a', budget: { amount: 10_000, currency: 'USD' } })),
  };

  /** CPU time (ms) the server's main thread (its event loop; tid = pid) has used, from /proc. */
  function mainThreadCpuMs() {
    try {
      const fields = fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ 100
    } catch {
      return NaN;
    }
  }

  /**
   * Polls /healthz from a thread while `heavy` runs; prints the heavy request's time, healthz
   * latencies, and the CPU the server's event loop spent meanwhile (independent of how busy the
   * machine is, unlike the latencies).
   */
  async function during(name, heavy) {
    const poller = new Worker(new URL(import.meta.url), { workerData: { url: server.url } });
    await new Promise((r) => poller.once('online', r));
    const cpu0 = mainThreadCpuMs();
    const start = performance.now();
    const result = await heavy();
    const heavyMs = performance.now() - start;
    const cpu = mainThreadCpuMs() - cpu0;
    poller.postMessage('stop');
    const latencies = await new Promise((r) => poller.once('message', r));
    await poller.terminate();
    latencies.sort((a, b) => a - b);
    const max = latencies.at(-1) ?? 0;
    const median = latencies[latencies.length >> 1] ?? 0;
    console.log(`${name.padEnd(30)} ${heavyMs.toFixed(0).padStart(6)} ms | healthz answers ${String(latencies.length).padStart(4)}, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms | event loop CPU ${cpu.toFixed(0)} ms | load ${os.loadavg()[0].toFixed(1)}`);
    return result;
  }

  const created = await during('import', async () => {
    const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
    return res.json();
  });
  const token = new URL(created.links.observer).searchParams.get('token');
  const editorToken = new URL(created.links.editor).searchParams.get('token');

  /** One derived value over HTTP. */
  const read = (name) => async () => {
    const res = await fetch(`${server.url}/api/plans/${created.id}/${name}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    return res.arrayBuffer();
  };

  for (const name of ['budget', 'export.json']) await during(`${name} (after import)`, read(name));

  // Restart: nothing of the plan in memory, in a room or in the thread.
  await stop(server);
  server = await start();
  for (const [name, label] of [['budget', 'cold'], ['budget', 'warm'], ['export.json', 'warm'], ['issues', 'warm'], ['ranking', 'warm']]) {
    await during(`${name} (${label}, unloaded)`, read(name));
  }

  // A room join: the server builds the plan's live doc.
  const doc = new Y.Doc();
  const provider = await during('room join (until synced)', () => {
    const p = new WebsocketProvider(server.url.replace(/^http/, 'ws') + '/sync', created.id, doc, {
      WebSocketPolyfill: WebSocket,
      disableBc: true,
      params: { token: editorToken },
    });
    return new Promise((resolve) => p.on('sync', (s) => s && resolve(p)));
  });
  // The server may still be building the doc after the client synced from the stored bytes.
  await during('healthz 3 s after the join', () => new Promise((r) => setTimeout(r, 3000)));
  for (const name of ['budget', 'export.json']) await during(`${name} (room loaded)`, read(name));
  provider.destroy();
  doc.destroy();
  await stop(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
