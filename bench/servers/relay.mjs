// The physical limit as a peer for `npm run bench` (issue 18): a bare relay. A `ws` server that
// forwards each frame, as received and undecoded, to the other sockets of the same room (the URL
// path). No CRDT, no storage, no checks. So that a client counts as synced it greets each socket
// with one fixed frame, a sync step 2 carrying the empty update (bytes 0, 1, 2, 0, 0), built once.
// It is the floor no Yjs server can beat on this machine. Only `ws`, a root dependency.
import http from 'node:http';
import { WebSocketServer } from 'ws';

/** messageSync (0), syncStep2 (1), an update of 2 bytes: 0 structs, 0 deletions. */
const SYNCED = Buffer.from([0, 1, 2, 0, 0]);
const rooms = new Map();

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
wss.on('connection', (ws, req) => {
  const name = req.url ?? '/';
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  room.add(ws);
  ws.send(SYNCED);
  ws.on('message', (data) => {
    for (const other of room) if (other !== ws && other.readyState === 1) other.send(data, { binary: true });
  });
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0 && rooms.get(name) === room) rooms.delete(name);
  });
  ws.on('error', () => {});
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ listening: `http://127.0.0.1:${server.address().port}` }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
