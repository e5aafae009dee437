// Cost of one update on the relay path of a live room (issue 18): a Room with the standard hooks
// (update gate, persistence on the memory store, title, criteria lock, audits, field history) on
// a plan of RELAY_ACTIVITIES activities (default 5,000), one writer and RELAY_OBSERVERS observers
// (default 100, sockets replaced by no-op connections). Per kind of update it times
// `room.receive` (decode, gate, apply, doc observers) and `room.flush` (store, ack, fan-out),
// (median / p95 per update) with the change journal on and off, and the CPU of the whole loop per
// update (making the update on the client and the journal's writes included).
// Needs the server build (`npx tsc -p tsconfig.build.json`); `node bench/relay-cost.mjs`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The root package's yjs (the one dist/ uses), not bench/node_modules' copy for the peers.
import * as Y from '../node_modules/yjs/dist/yjs.mjs';
import { FieldHistory } from '../dist/server/access/history.js';
import { createLogger } from '../dist/server/log.js';
import { MemoryStorage } from '../dist/server/store/memory-storage.js';
import { syncUpdateFrame } from '../dist/server/sync/frames.js';
import { standardHooks } from '../dist/server/sync/hooks/index.js';
import { Room } from '../dist/server/sync/room.js';
import { addNode, addParticipant, setNodeField, setScore, setText } from '../dist/shared/model.js';
import { initPlan } from '../dist/shared/schema/init.js';

const ACTIVITIES = Number(process.env.RELAY_ACTIVITIES ?? 5000);
const OBSERVERS = Number(process.env.RELAY_OBSERVERS ?? 100);
const ROUNDS = Number(process.env.RELAY_ROUNDS ?? 1000);
const ME = { source: 'local', userId: 'bench' };
const must = (r) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const seed = new Y.Doc();
initPlan(seed, { id: 'bench', title: 'Bench plan' });
must(addParticipant(seed, { id: 'pEd', name: 'Edem' }, ME));
let made = 0;
for (let g = 0; g < 10; g++) {
  const goal = must(addNode(seed, { kind: 'goal', title: `Goal ${g}` }, ME));
  const outcome = must(addNode(seed, { kind: 'outcome', parentId: goal, title: `Outcome ${g}` }, ME));
  for (let o = 0; o < 10 && made < ACTIVITIES; o++) {
    const output = must(addNode(seed, { kind: 'output', parentId: outcome, title: `Output ${g}.${o}` }, ME));
    for (let a = 0; a < ACTIVITIES / 100 && made < ACTIVITIES; a++, made++) {
      const id = must(addNode(seed, { kind: 'activity', parentId: output, title: `Activity ${made} of the plan` }, ME));
      must(setNodeField(seed, id, 'budget', { amount: 1000 + made, currency: 'XOF' }, ME));
    }
  }
}
const state = Y.encodeStateAsUpdate(seed);
const activityIds = [...seed.getMap('nodes').entries()].filter(([, m]) => m.get('kind') === 'activity').map(([id]) => id);
const goalId = [...seed.getMap('nodes').entries()].find(([, m]) => m.get('kind') === 'goal')[0];

class NullConn {
  closed = false;
  bufferedAmount = 0;
  sent = 0;
  constructor(canWrite, actor, participantId = null, wantsAck = false) {
    this.canWrite = canWrite;
    this.canFacilitate = false;
    this.actor = actor;
    this.participantId = participantId;
    this.wantsAck = wantsAck;
  }
  send() {
    this.sent++;
  }
  close(code, reason) {
    if (!this.closed) throw new Error(`closed ${code} ${reason}`);
  }
}

async function openRoom(withHistory, dir) {
  const storage = new MemoryStorage();
  await storage.create('p', 'Bench plan', state);
  const loaded = await storage.load('p');
  const log = createLogger('silent');
  const history = withHistory ? new FieldHistory({ dir: () => dir }) : null;
  const hooks = standardHooks({ files: loaded.files, storage, log, idleCompactMs: 600_000, compactMinBytes: 1 << 30, audit: null, history, gate: { maxPlanBytes: 1 << 30 } });
  return new Room('p', loaded, { log, maxBufferedBytes: 1 << 30, onEmpty: () => {}, hooks });
}

const kinds = {
  'set a budget (journalled)': (doc, i) => must(setNodeField(doc, activityIds[i % activityIds.length], 'budget', { amount: i, currency: 'XOF' }, ME)),
  'score a cell (journalled)': (doc, i) => must(setScore(doc, { goalId, criterionId: 'crit-national-priority', participantId: 'pEd', value: i % 3 }, ME)),
  'type one character': (doc, i) => {
    const t = doc.getMap('nodes').get(activityIds[i % activityIds.length]).get('title');
    t.insert(t.length, 'x');
  },
  'paste 1,000 characters': (doc, i) => must(setText(doc, { kind: 'node', id: activityIds[i % activityIds.length], field: 'risks' }, 'r'.repeat(1000 + (i % 7)), ME)),
};

const turn = () => new Promise((r) => setImmediate(r));
const us = (ns) => (ns / ROUNDS / 1000).toFixed(1).padStart(7);
/** Median and p95 of a list of microseconds, as `median / p95`. */
const mp = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1);
  return `${at(0.5).padStart(6)} / ${at(0.95).padStart(6)}`;
};

console.log(`plan: ${made} activities, ${(state.byteLength / 1024 / 1024).toFixed(2)} MB; ${OBSERVERS} observers; ${ROUNDS} updates per kind; node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
// Three passes (off, on, off, on...): the first warms the JIT up; compare the later passes.
for (const [pass, withHistory] of [[1, false], [1, true], [2, false], [2, true], [3, false], [3, true]]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-relay-cost-'));
  const room = await openRoom(withHistory, dir);
  const writer = new NullConn(true, { role: 'editor', linkId: 'l1', name: 'Edem' }, 'pEd', true);
  room.connect(writer);
  for (let i = 0; i < OBSERVERS; i++) room.connect(new NullConn(false, { role: 'observer', linkId: 'l2', name: `o${i}` }));
  const client = new Y.Doc();
  Y.applyUpdate(client, state);
  for (const [name, make] of Object.entries(kinds)) {
    const receive = [];
    const flush = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      let update = null;
      const take = (u) => (update = update ? Y.mergeUpdates([update, u]) : u);
      client.on('update', take);
      make(client, i);
      client.off('update', take);
      const frame = syncUpdateFrame(update);
      const t0 = process.hrtime.bigint();
      room.receive(writer, frame);
      const t1 = process.hrtime.bigint();
      room.flush();
      const t2 = process.hrtime.bigint();
      receive.push(Number(t1 - t0) / 1000);
      flush.push(Number(t2 - t1) / 1000);
      await turn(); // what follows the turn (the journal's write) runs here, as on a server
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(`pass ${pass} ${withHistory ? 'journal on ' : 'journal off'}  ${name.padEnd(27)} receive ${mp(receive)} µs   flush ${mp(flush)} µs   loop CPU ${us((cpu.user + cpu.system) * 1000)} µs/update`);
  }
  await room.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
