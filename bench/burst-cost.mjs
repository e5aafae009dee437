// The M2 burst inside one process, without sockets (issue 18): a Room with every standard hook
// as the server builds it (update gate, persistence on the file store in a temporary folder,
// title, criteria lock, audits, change journal), BURST_OBSERVERS no-op observers (default 100)
// and one editor whose BURST_EDITS field edits (default 2,000, over 50 activities, as in M2) are
// handed to `Room.receive` BURST_PER_TURN frames per event-loop turn (default 25, about what one
// socket read holds), so batching, storing and the fan-out run as in the server. The frames are
// made before the clock starts. Prints, per round, the CPU of the whole process and of its main
// thread (the rest is V8's helper threads: garbage collection, compilation), garbage collection
// counts and pauses, and the bytes sent. Needs the server build (`npx tsc -p tsconfig.build.json`);
// `node bench/burst-cost.mjs`. Compare builds on one machine, several rounds, never as a test.
// (Yjs warns that it was imported twice: the frames are made with the bench's copy, the room runs
// on the server's; only bytes pass between them.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
// The root package's yjs (the one dist/ uses), not bench/node_modules' copy for the peers.
import * as Y from '../node_modules/yjs/dist/yjs.mjs';
import { AuditLog } from '../dist/server/access/audit.js';
import { FieldHistory } from '../dist/server/access/history.js';
import { createLogger } from '../dist/server/log.js';
import { PlanStore } from '../dist/server/store/file-storage.js';
import { syncUpdateFrame } from '../dist/server/sync/frames.js';
import { standardHooks } from '../dist/server/sync/hooks/index.js';
import { Room } from '../dist/server/sync/room.js';
import { initPlan } from '../dist/shared/schema/init.js';
import { addActivities, editActivity, YB } from './lib/workloads.mjs';

const OBSERVERS = Number(process.env.BURST_OBSERVERS ?? 100);
const EDITS = Number(process.env.BURST_EDITS ?? 2000);
const PER_TURN = Number(process.env.BURST_PER_TURN ?? 25);
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 7);

/** utime+stime of this process's main thread, in seconds. */
function mainCpu() {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / 100;
}

let gcCount = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

class NullConn {
  closed = false;
  bufferedAmount = 0;
  bytes = 0;
  constructor(canWrite, actor, participantId = null) {
    this.canWrite = canWrite;
    this.canFacilitate = false;
    this.actor = actor;
    this.participantId = participantId;
    this.wantsAck = false;
  }
  send(data) {
    this.bytes += data.byteLength;
  }
  close(code, reason) {
    if (!this.closed) throw new Error(`closed ${code} ${reason}`);
  }
}

const seed = new Y.Doc();
initPlan(seed, { id: 'bench', title: 'Bench plan' });
const state = Y.encodeStateAsUpdate(seed);

/**
 * The writer's frames: 50 activities in one update, then the burst's edits, one update each,
 * made with the bench's own workload code (and its copy of yjs: only bytes cross over).
 */
function writerFrames() {
  const client = new YB.Doc();
  YB.applyUpdate(client, state);
  const frames = [];
  client.on('update', (u) => frames.push(syncUpdateFrame(u)));
  addActivities(client, 50);
  for (let i = 0; i < EDITS; i++) editActivity(client, `a${i % 50}`, `burst ${i} `.padEnd(24, '.'));
  return frames;
}
const turn = () => new Promise((r) => setImmediate(r));
const log = createLogger('silent');
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

console.log(`${EDITS} edits, ${OBSERVERS} observers, ${PER_TURN} frames per turn; node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-burst-cost-'));
  const store = await PlanStore.open(dir, log);
  await store.create('p', 'Bench plan', state);
  const loaded = await store.load('p');
  const hooks = standardHooks({ files: loaded.files, storage: store, log, idleCompactMs: 2000, compactMinBytes: 1024 * 1024, audit: new AuditLog(store), history: new FieldHistory(store), gate: { maxPlanBytes: 64 * 1024 * 1024 } });
  const room = new Room('p', loaded, { log, maxBufferedBytes: 1 << 30, onEmpty: () => {}, hooks });
  const writer = new NullConn(true, { role: 'editor', linkId: 'l1', name: 'Edem' });
  room.connect(writer);
  const observers = Array.from({ length: OBSERVERS }, (_, i) => new NullConn(false, { role: 'observer', linkId: 'l2', name: `o${i}` }));
  for (const o of observers) room.connect(o);
  const frames = writerFrames();
  room.receive(writer, frames.shift());
  await turn();
  await turn();
  global.gc?.();
  const gc0 = [gcCount, gcMs];
  const c0 = process.cpuUsage();
  const m0 = mainCpu();
  const t0 = performance.now();
  for (let i = 0; i < frames.length; i += PER_TURN) {
    for (let j = i; j < Math.min(frames.length, i + PER_TURN); j++) room.receive(writer, frames[j]);
    await turn();
  }
  await room.whenStored();
  await turn();
  await turn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const main = mainCpu() - m0;
  rows.push({ wall, cpu, main, gcs: gcCount - gc0[0], gcMs: gcMs - gc0[1], sent: observers[0].bytes });
  await room.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const [i, r] of rows.entries()) {
  console.log(`round ${i + 1}: wall ${r.wall.toFixed(0)} ms, cpu ${(r.cpu * 1000).toFixed(0)} ms (main thread ${(r.main * 1000).toFixed(0)} ms), gc ${r.gcs} x, ${r.gcMs.toFixed(1)} ms; ${r.sent} bytes to each observer`);
}
const later = rows.length > 1 ? rows.slice(1) : rows;
console.log(`median of rounds ${rows.length > 1 ? 2 : 1}-${ROUNDS}: wall ${med(later.map((r) => r.wall)).toFixed(0)} ms, cpu ${(med(later.map((r) => r.cpu)) * 1000).toFixed(0)} ms, main ${(med(later.map((r) => r.main)) * 1000).toFixed(0)} ms, gc ${med(later.map((r) => r.gcs))} x ${med(later.map((r) => r.gcMs)).toFixed(1)} ms; per edit ${((med(later.map((r) => r.cpu)) * 1e6) / EDITS).toFixed(1)} µs cpu`);
