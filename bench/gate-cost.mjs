// Cost of the update gate per update on a large plan (issue 12): builds a plan with
// GATE_ACTIVITIES activities (default 5,000) through the shared commands, then times
// `judgeUpdate` (the gate's whole work on one update) against `Y.applyUpdate` of the same
// update, for the updates people actually send. Needs the server build: `npx tsc -p
// tsconfig.build.json` (the test suite's global setup runs it), then `node bench/gate-cost.mjs`.
import * as Y from 'yjs';
import { judgeUpdate } from '../dist/server/sync/hooks/update-gate.js';
import { addNode, addParticipant, setNodeField, setScore, setText } from '../dist/shared/model.js';
import { initPlan } from '../dist/shared/schema/init.js';

const ACTIVITIES = Number(process.env.GATE_ACTIVITIES ?? 5000);
const ROUNDS = Number(process.env.GATE_ROUNDS ?? 2000);
const ME = { source: 'local', userId: 'bench' };

const server = new Y.Doc();
initPlan(server, { id: 'bench', title: 'Bench plan' });
const must = (r) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
must(addParticipant(server, { id: 'pEd', name: 'Edem' }, ME));
const goals = 10;
let made = 0;
for (let g = 0; g < goals; g++) {
  const goal = must(addNode(server, { kind: 'goal', title: `Goal ${g}` }, ME));
  const outcome = must(addNode(server, { kind: 'outcome', parentId: goal, title: `Outcome ${g}` }, ME));
  for (let o = 0; o < 10 && made < ACTIVITIES; o++) {
    const output = must(addNode(server, { kind: 'output', parentId: outcome, title: `Output ${g}.${o}` }, ME));
    for (let a = 0; a < ACTIVITIES / (goals * 10) && made < ACTIVITIES; a++, made++) {
      const id = must(addNode(server, { kind: 'activity', parentId: output, title: `Activity ${made} of the plan` }, ME));
      must(setNodeField(server, id, 'budget', { amount: 1000 + made, currency: 'XOF' }, ME));
    }
  }
}
const planBytes = Y.encodeStateAsUpdate(server).byteLength;
const activityIds = [...server.getMap('nodes').entries()].filter(([, m]) => m.get('kind') === 'activity').map(([id]) => id);
const goalId = [...server.getMap('nodes').entries()].find(([, m]) => m.get('kind') === 'goal')[0];

const client = new Y.Doc();
Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
const writer = { canFacilitate: false, participantId: 'pEd' };

/** One update of each kind, made on the client and applied to the server after timing. */
const kinds = {
  'type one character': (i) => {
    const t = client.getMap('nodes').get(activityIds[i % activityIds.length]).get('title');
    t.insert(t.length, 'x');
  },
  'set a budget': (i) => must(setNodeField(client, activityIds[i % activityIds.length], 'budget', { amount: i, currency: 'XOF' }, ME)),
  'score a cell': (i) => must(setScore(client, { goalId, criterionId: 'crit-national-priority', participantId: 'pEd', value: i % 3 }, ME)),
  'paste 1,000 characters': (i) => must(setText(client, { kind: 'node', id: activityIds[i % activityIds.length], field: 'risks' }, 'r'.repeat(1000 + (i % 7)), ME)),
};

console.log(`plan: ${made} activities, ${(planBytes / 1024 / 1024).toFixed(2)} MB encoded; ${ROUNDS} updates per kind`);
for (const [name, make] of Object.entries(kinds)) {
  let gate = 0;
  let apply = 0;
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    let update = null;
    const take = (u) => (update = update ? Y.mergeUpdates([update, u]) : u);
    client.on('update', take);
    make(i);
    client.off('update', take); // what the provider sends: the transaction's own update
    bytes += update.byteLength;
    const t0 = process.hrtime.bigint();
    const refused = judgeUpdate(server, writer, update);
    const t1 = process.hrtime.bigint();
    if (refused) throw new Error(`${name}: refused ${JSON.stringify(refused)}`);
    Y.applyUpdate(server, update);
    const t2 = process.hrtime.bigint();
    gate += Number(t1 - t0);
    apply += Number(t2 - t1);
  }
  const us = (ns) => (ns / ROUNDS / 1000).toFixed(1);
  console.log(`${name.padEnd(24)} gate ${us(gate).padStart(7)} µs/update   applyUpdate ${us(apply).padStart(7)} µs/update   (${Math.round(bytes / ROUNDS)} B/update)`);
}
