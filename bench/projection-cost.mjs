// Cost of keeping the browser's plain projection of a plan up to date (issue 18): after one
// typed character in an activity's title, a full `readPlan(doc)` against the incremental
// `PlanProjection` (SPEC PF2), on plans of 50 / 500 / 5,000 activities (default; or the sizes
// given), median of 31 edits each, in Node (the same code the browser runs). Needs the server
// build (`npx tsc -p tsconfig.build.json`). `node bench/projection-cost.mjs [sizes...]`
// The root package's yjs (bench/node_modules holds the peers' own copy): one Yjs in the process.
import * as Y from '../node_modules/yjs/dist/yjs.mjs';
import { initPlan, addNode, setText, readPlan } from '../dist/shared/model.js';
import { PlanProjection } from '../dist/shared/schema/projection.js';

const origin = { source: 'local', userId: 'bench' };
const ok = (r) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A plan of `n` activities under 10 goals x 2 outcomes x 5 outputs. */
function planDoc(n) {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'bench', title: 'Bench plan' });
  const outputs = [];
  doc.transact(() => {
    for (let g = 0; g < 10; g++) {
      const goal = ok(addNode(doc, { kind: 'goal', title: `Goal ${g}` }, origin));
      for (let o = 0; o < 2; o++) {
        const outcome = ok(addNode(doc, { kind: 'outcome', parentId: goal, title: `Outcome ${g}.${o}` }, origin));
        for (let p = 0; p < 5; p++) outputs.push(ok(addNode(doc, { kind: 'output', parentId: outcome, title: `Output ${g}.${o}.${p}` }, origin)));
      }
    }
    for (let a = 0; a < n; a++) ok(addNode(doc, { kind: 'activity', parentId: outputs[a % outputs.length], title: `Activity ${a}` }, origin));
  });
  return doc;
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [50, 500, 5000]) {
  const doc = planDoc(n);
  const projection = new PlanProjection(doc);
  projection.plan;
  const ids = readPlan(doc).activities.map((a) => a.id);
  const full = [];
  const incremental = [];
  for (let i = 0; i < 31; i++) {
    const id = ids[(i * 7919) % ids.length];
    setText(doc, { kind: 'node', id, field: 'title' }, `Activity typed ${i}`, origin);
    let t = performance.now();
    projection.plan;
    incremental.push(performance.now() - t);
    t = performance.now();
    readPlan(doc);
    full.push(performance.now() - t);
  }
  console.log(`${n} activities: readPlan ${median(full).toFixed(2)} ms, PlanProjection after one edit ${median(incremental).toFixed(3)} ms`);
  projection.destroy();
}
