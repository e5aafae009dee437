import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as cmd from '../../shared/model.js';
import { stringifyBudget } from '../../shared/domain/budget.js';
import { treeIndex } from '../../shared/domain/tree.js';
import { treeIndexOf } from '../../shared/domain/tree-memo.js';
import { randomCommand, idsOf, randomEditRig } from './helpers/random-command.js';
import { fullPlan } from './helpers/fixtures.js';
import { nodesMap } from '../../shared/schema/roots.js';

/** The plan with fresh objects everywhere: no memo keyed by an item can answer for it. */
const fresh = (plan: cmd.PlanData): cmd.PlanData => structuredClone(plan);

/** What a tree index says, as plain data (node items by identity checked apart). */
function shape(t: ReturnType<typeof treeIndex>): unknown {
  return {
    ids: [...t.index.keys()],
    live: [...t.live],
    codes: [...t.codes],
    goalOf: [...t.goalOf],
    liveChildren: [...t.liveChildren],
    goals: t.goals.map((e) => e.node.id),
    kids: [...t.kids].map(([id, kids]) => [id, kids.map((e) => e.node.id)]),
  };
}

/** Every incremental value of `plan` equals the full computation on a fresh copy, byte for byte. */
function expectSameAsFull(plan: cmd.PlanData): void {
  const copy = fresh(plan);
  const tree = treeIndexOf(plan);
  expect(shape(tree)).toEqual(shape(treeIndex(copy)));
  for (const [id, e] of tree.index) expect(e.node).toBe(cmd.indexNodes(plan).get(id)!.node);
  for (const opts of [{}, { asOf: '2025-06-30' }, { reviewId: plan.reviews[0]?.id ?? 'none' }]) {
    const budget = cmd.rollupBudget(plan, opts);
    const full = cmd.rollupBudget(copy, opts);
    expect(budget).toEqual(full);
    expect(stringifyBudget(budget)).toBe(JSON.stringify(full));
  }
  expect(cmd.validatePlan(plan)).toEqual(cmd.validatePlan(copy));
}

describe('incremental derived values (SPEC DI)', () => {
  it('[DI1][DI2][DI3] after each of 300 random edits on a real Y.Doc, budget, its JSON, tree index and issues equal a full computation', () => {
    const { net, a, b, projection, counter, origin } = randomEditRig(1818);
    let reused = 0;
    let lines = 0;
    let last = cmd.rollupBudget(projection.plan);
    for (let step = 0; step < 300; step++) {
      const gen = net.gen;
      const doc = prng.bool(gen) ? a : b;
      const activities = idsOf(nodesMap(doc), 'activity');
      const goals = idsOf(nodesMap(doc), 'goal');
      const pick = (xs: string[]): string | undefined => (xs.length ? prng.oneOf(gen, xs) : undefined);
      const r = prng.int32(gen, 0, 9);
      const act = pick(activities);
      if (r < 3 && act) cmd.setField(doc, 'activity', act, 'budget', prng.bool(gen) ? null : { amount: prng.int32(gen, 0, 9) * 1000.1, currency: prng.oneOf(gen, ['USD', 'XOF', 'EUR']) }, origin);
      else if (r === 3 && act) cmd.setField(doc, 'activity', act, 'start', prng.bool(gen) ? null : `202${prng.int32(gen, 4, 8)}-0${prng.int32(gen, 1, 9)}-01`, origin);
      else if (r === 4 && pick(goals)) cmd.setField(doc, 'goal', pick(goals)!, 'resourceTarget', { amount: prng.int32(gen, 1, 9) * 5000, currency: 'USD' }, origin);
      else if (r === 5 && act) cmd.setText(doc, { kind: 'node', id: act, field: 'title' }, `Renamed ${step}`, origin);
      else randomCommand(net, doc === a ? 0 : 1, counter);
      net.deliverSome(prng.int32(gen, 0, 3));
      if (step % 3 === 0) net.flushAll();
      const plan = projection.plan;
      expectSameAsFull(plan);
      const now = cmd.rollupBudget(plan);
      reused += now.activities.filter((x) => last.activities.includes(x)).length;
      lines += now.activities.length;
      last = now;
    }
    // The memos did their work: most activity lines were the very objects of the step before.
    expect(reused * 2).toBeGreaterThan(lines);
    projection.destroy();
  });

  it('[DI1][DI2] a plan changed in place (rows edited, replaced, moved) is never answered from a memo', () => {
    const plan = fullPlan();
    expectSameAsFull(plan);
    const [first, second] = plan.activities as [cmd.Activity, cmd.Activity];
    first.budget = { amount: 123.45, currency: 'EUR' };
    first.title = 'Changed in place';
    expectSameAsFull(plan);
    second.outputId = first.outputId;
    second.order = 'zz';
    expectSameAsFull(plan);
    plan.activities[0] = { ...first, start: '2020-01-01', end: '2031-12-31' };
    expectSameAsFull(plan);
    plan.goals[0]!.resourceTarget = { amount: 1, currency: 'XOF' };
    plan.goals[0]!.archived = true;
    expectSameAsFull(plan);
  });
});
