// CPU per send of a fan-out (issue 18, SPEC RS1): one message to SEND_SOCKETS real sockets (default
// 500; the clients live in a child process and only count what arrives), SEND_ROUNDS messages per
// pass (default 200), through `ws.send` and through `WsConn.send` (framed once), six passes each,
// alternating. Needs the server build (`npx tsc -p tsconfig.build.json`); `node bench/send-cost.mjs`
// (pin it with `taskset -c 0` to keep the clients' work off the measured core's neighbour).
import { fork } from 'node:child_process';
import { once } from 'node:events';
const N = Number(process.env.SEND_SOCKETS ?? 500);
const ROUNDS = Number(process.env.SEND_ROUNDS ?? 200);
if (process.argv[2] === 'child') {
  const { default: WebSocket } = await import('../node_modules/ws/wrapper.mjs');
  const port = Number(process.argv[3]); let got = 0; const cs = [];
  for (let i = 0; i < N; i++) { const c = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false }); c.on('message', () => { got++; }); cs.push(once(c, 'open')); }
  await Promise.all(cs); process.send('ready');
  process.on('message', (m) => { if (m === 'count') process.send(got); if (m === 'exit') process.exit(0); });
} else {
  // The root package's ws (the one the server runs on), not bench/node_modules' copy.
  const { WebSocketServer } = await import('../node_modules/ws/wrapper.mjs');
  const { WsConn } = await import('../dist/server/sync/ws-conn.js');
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const conns = []; wss.on('connection', (ws) => conns.push(new WsConn(ws, 1e9, 1 << 20)));
  const child = fork(new URL(import.meta.url).pathname, ['child', String(wss.address().port)]);
  await once(child, 'message');
  while (conns.length < N) await new Promise((r) => setImmediate(r));
  const res = { ws: [], conn: [] };
  for (let rep = 0; rep < 6; rep++) for (const how of ['ws', 'conn']) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < ROUNDS; r++) {
      const msg = new Uint8Array(60 + (r % 5)).fill(r);
      for (const c of conns) how === 'ws' ? c.ws.send(msg) : c.send(msg);
      await new Promise((r) => setImmediate(r));
    }
    const c = process.cpuUsage(c0);
    res[how].push(((c.user + c.system) / 1000 / (ROUNDS * N)) * 1000);
  }
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`µs CPU per send (N=${N}): ws.send ${res.ws.map((x) => x.toFixed(1)).join(' ')} (median ${med(res.ws).toFixed(1)}); WsConn.send ${res.conn.map((x) => x.toFixed(1)).join(' ')} (median ${med(res.conn).toFixed(1)})`);
  child.send('exit'); process.exit(0);
}
