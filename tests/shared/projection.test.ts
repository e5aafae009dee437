import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';
import * as cmd from '../../shared/model.js';
import { createNetwork } from './helpers/doc-network.js';
import { randomCommand } from './helpers/random-command.js';

const SEEDS = 100;
const STEPS = 40;

describe('the incremental projection', () => {
  it(`[PF2] equals a full readPlan after every step of random local and remote edits (${SEEDS} seeds)`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const net = createNetwork(2, seed);
      const [a, b] = net.docs as [Y.Doc, Y.Doc];
      initPlan(a, { id: 'plan-1', title: 'Fuzz' });
      net.flushAll();
      const projection = new PlanProjection(a);
      expect(projection.plan, `seed ${seed}`).toEqual(readPlan(a));
      const counter = { n: 0 };
      for (let step = 0; step < STEPS; step++) {
        // Edits on this doc, edits arriving from the other one, and a plan-level field.
        randomCommand(net, prng.bool(net.gen) ? 0 : 1, counter);
        if (prng.int32(net.gen, 0, 9) === 0) cmd.setPlanField(a, 'horizonEnd', `2030-0${prng.int32(net.gen, 1, 9)}-01`, { source: 'local', userId: 'u0' });
        net.deliverSome(prng.int32(net.gen, 0, 3));
        // Reads are skipped now and then, so several transactions pile up before one read.
        if (prng.bool(net.gen)) expect(projection.plan, `seed ${seed} step ${step}`).toEqual(readPlan(a));
      }
      net.flushAll();
      expect(projection.plan, `seed ${seed} end`).toEqual(readPlan(a));
      expect(projection.stats.full, `seed ${seed}`).toBe(1);
      projection.destroy();
    }
  }, 180_000);

  it('[PF2] an edit re-reads only the node it touched; unchanged lists and items keep their identity', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'Small' });
    const origin = { source: 'local', userId: 'u' } as const;
    const goal = cmd.addNode(doc, { kind: 'goal', title: 'G' }, origin);
    if (!goal.ok) throw new Error('no goal');
    const outcome = cmd.addNode(doc, { kind: 'outcome', parentId: goal.value, title: 'O' }, origin);
    if (!outcome.ok) throw new Error('no outcome');
    const projection = new PlanProjection(doc);
    const before = projection.plan;
    expect(projection.plan).toBe(before);
    cmd.setText(doc, { kind: 'node', id: outcome.value, field: 'title' }, 'Outcome one', origin);
    const after = projection.plan;
    expect(after).not.toBe(before);
    expect(after.outcomes[0]!.title).toBe('Outcome one');
    expect(after.goals).toBe(before.goals);
    expect(after.criteria).toBe(before.criteria);
    expect(projection.stats.nodesRead).toBe(1);
    expect(after).toEqual(readPlan(doc));
  });

  it('[PF3] derived values through the memo equal those of a full read after random edits (40 seeds)', () => {
    const derive = { issues: cmd.validatePlan, budget: (p: cmd.PlanData) => cmd.rollupBudget(p), forest: (p: cmd.PlanData) => cmd.buildForest(p), ranking: cmd.rankGoals };
    for (let seed = 1; seed <= 40; seed++) {
      const net = createNetwork(2, 1000 + seed);
      const [a] = net.docs as [Y.Doc];
      initPlan(a, { id: 'plan-1', title: 'Fuzz' });
      net.flushAll();
      const projection = new PlanProjection(a);
      const memo = new DerivedMemo();
      const counter = { n: 0 };
      for (let step = 0; step < 30; step++) {
        randomCommand(net, prng.bool(net.gen) ? 0 : 1, counter);
        net.deliverSome(prng.int32(net.gen, 0, 3));
        const full = readPlan(a);
        for (const [key, fn] of Object.entries(derive)) {
          expect(memo.get(key, projection.plan, fn as (p: cmd.PlanData) => unknown), `seed ${seed} step ${step} ${key}`).toEqual(fn(full));
        }
      }
      projection.destroy();
    }
  }, 180_000);

  it('[PF3] typing in a Plan of Action section reuses the issues, budget and forest; an activity edit does not', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'Small' });
    const origin = { source: 'local', userId: 'u' } as const;
    const goal = cmd.addNode(doc, { kind: 'goal', title: 'G' }, origin);
    if (!goal.ok) throw new Error('no goal');
    const projection = new PlanProjection(doc);
    const memo = new DerivedMemo();
    const issues = memo.get('issues', projection.plan, cmd.validatePlan);
    const section = projection.plan.sections[0]!;
    cmd.setText(doc, { kind: 'section', id: section.id, field: 'body' }, 'We will...', origin);
    expect(projection.plan.sections[0]!.body).toBe('We will...');
    expect(memo.get('issues', projection.plan, cmd.validatePlan)).toBe(issues);
    expect(memo.computed).toBe(1);
    cmd.setText(doc, { kind: 'node', id: goal.value, field: 'title' }, 'Goal one', origin);
    const again = memo.get('issues', projection.plan, cmd.validatePlan);
    expect(memo.computed).toBe(2);
    expect(again).toEqual(cmd.validatePlan(readPlan(doc)));
  });

  it('[PF3] a derived function that reads nothing through the plan it is given is never kept (it could not tell when it is stale)', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'Small' });
    const projection = new PlanProjection(doc);
    const memo = new DerivedMemo();
    const goals = () => projection.plan.goals.length; // closes over the projection, ignores its argument
    expect(memo.get('goals', projection.plan, goals)).toBe(0);
    expect(cmd.addNode(doc, { kind: 'goal', title: 'G' }, { source: 'local', userId: 'u' }).ok).toBe(true);
    expect(memo.get('goals', projection.plan, goals)).toBe(1);
    expect(memo.computed).toBe(2);
  });
});
