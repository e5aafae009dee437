import { it } from 'vitest';
import * as Y from 'yjs';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { parsePlanJson } from '../../shared/schema/parse.js';

it('perf', () => {
  const goals = [], outcomes = [], outputs = [], activities = [], indicators = [];
  for (let g = 0; g < 5; g++) {
    goals.push({ id: `g${g}`, title: `Goal ${g}`, objective: 'x'.repeat(200) });
    for (let o = 0; o < 4; o++) {
      outcomes.push({ id: `o${g}_${o}`, goalId: `g${g}`, title: 'Outcome' });
      indicators.push({ id: `i${g}_${o}`, nodeId: `o${g}_${o}`, name: 'Ind', baseline: { value: 1, date: null } });
      for (let p = 0; p < 5; p++) {
        outputs.push({ id: `p${g}_${o}_${p}`, outcomeId: `o${g}_${o}`, title: 'Output' });
        for (let a = 0; a < 5; a++) activities.push({ id: `a${g}_${o}_${p}_${a}`, outputId: `p${g}_${o}_${p}`, title: 'Act', budget: { amount: 100, currency: 'USD' }, funding: { kind: 'external', modality: 'project', funder: 'IOM', status: 'secured' } });
      }
    }
  }
  const r = parsePlanJson({ format: 'roundtable-plan/1', id: 'p', title: 'P', goals, outcomes, outputs, activities, indicators });
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  const doc = new Y.Doc();
  writePlan(doc, r.value, { source: 'server', reason: 'test' });
  for (let i = 0; i < 30; i++) readPlan(doc);
  const N = 200;
  let t = performance.now();
  for (let i = 0; i < N; i++) readPlan(doc);
  const read = (performance.now() - t) / N;
  const json = JSON.parse(JSON.stringify(r.value));
  for (let i = 0; i < 10; i++) parsePlanJson(json);
  t = performance.now();
  for (let i = 0; i < 50; i++) parsePlanJson(json);
  const parse = (performance.now() - t) / 50;
  console.log(`PERF activities=${activities.length} readPlan=${read.toFixed(3)}ms parsePlanJson=${parse.toFixed(3)}ms`);
});
