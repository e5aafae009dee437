import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { criteriaMap, nodesMap, participantsMap } from '../../shared/schema/roots.js';
import * as cmd from '../../shared/model.js';
import type { NodeKind, PlanData } from '../../shared/schema/types.js';
import { createNetwork } from './helpers/doc-network.js';
import { randomCommand } from './helpers/random-command.js';

const SEEDS = 1_000;
const CHUNK = 100;
const STEPS = 30;

/** Structural invariants every converged plan must keep. */
function checkInvariants(plan: PlanData): void {
  const forest = cmd.buildForest(plan, { includeArchived: true });
  expect(forest.orphans).toEqual([]);
  const seen: string[] = [];
  const walk = (n: cmd.TreeNode, parentKind: NodeKind | null): void => {
    expect(cmd.parentKindOf(n.kind)).toBe(parentKind);
    seen.push(n.id);
    n.children.forEach((c) => walk(c, n.kind));
  };
  forest.goals.forEach((g) => walk(g, null));
  const all = [...plan.goals, ...plan.outcomes, ...plan.outputs, ...plan.activities].map((n) => n.id);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.sort()).toEqual(all.sort());
  expect(cmd.validatePlan(plan).filter((i) => i.rule === 'S1' || i.rule === 'S2')).toEqual([]);
  // The domain code runs on every converged state without throwing.
  cmd.rankGoals(plan);
  cmd.rollupBudget(plan);
}

/** Runs one seeded session: random commands on 3 peers, random delivery, partitions. */
function runSeed(seed: number): void {
  const net = createNetwork(3, seed);
  const [first] = net.docs;
  initPlan(first!, { id: 'plan', title: 'Fuzz' });
  net.flushAll();
  const counter = { n: 0 };
  for (let step = 0; step < STEPS; step++) {
    randomCommand(net, prng.int32(net.gen, 0, 2), counter);
    const r = prng.real53(net.gen);
    if (r < 0.15) net.setLink(prng.int32(net.gen, 0, 2), prng.int32(net.gen, 0, 2), prng.bool(net.gen));
    else if (r < 0.6) net.deliverSome(prng.int32(net.gen, 0, 4));
  }
  net.flushAll();
  expect(net.pending()).toBe(0);
  const plans = net.docs.map((d) => readPlan(d));
  expect(plans[1], `seed ${seed}`).toEqual(plans[0]);
  expect(plans[2], `seed ${seed}`).toEqual(plans[0]);
  checkInvariants(plans[0]!);
}

describe('concurrency fuzz (3 peers, random commands, random delivery, partitions)', () => {
  for (let start = 0; start < SEEDS; start += CHUNK) {
    it(`[M6] seeds ${start}-${start + CHUNK - 1} converge and keep the invariants`, () => {
      for (let seed = start; seed < start + CHUNK; seed++) runSeed(seed);
    });
  }

  it('[M6] two peers moving the same node to different parents end with one copy under one parent', () => {
    const net = createNetwork(2, 1);
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    initPlan(a, { id: 'plan', title: 'T' });
    const o = { source: 'local', userId: 'x' } as const;
    cmd.addNode(a, { kind: 'goal', id: 'g', title: 'G' }, o);
    cmd.addNode(a, { kind: 'outcome', id: 'o1', parentId: 'g', title: 'O1' }, o);
    cmd.addNode(a, { kind: 'outcome', id: 'o2', parentId: 'g', title: 'O2' }, o);
    cmd.addNode(a, { kind: 'output', id: 'p', parentId: 'o1', title: 'P' }, o);
    net.flushAll();
    cmd.moveNode(a, 'p', { parentId: 'o2' }, o);
    cmd.moveNode(b, 'p', { parentId: 'o1', index: 0 }, o);
    cmd.archiveNode(b, 'o2', o);
    net.flushAll();
    const [pa, pb] = [readPlan(a), readPlan(b)];
    expect(pa).toEqual(pb);
    expect(pa.outputs.filter((x) => x.id === 'p')).toHaveLength(1);
    checkInvariants(pa);
  });

  it('[D2] a hostile __proto__ key written raw into a synced doc pollutes nothing', () => {
    const net = createNetwork(2, 7);
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    initPlan(a, { id: 'plan', title: 'T' });
    net.flushAll();
    a.transact(() => {
      const evil = new Y.Map<unknown>();
      evil.set('kind', 'goal');
      evil.set('isAdmin', true);
      evil.set('placement', JSON.parse('{"__proto__": {"parentId": "x", "order": "a"}}'));
      nodesMap(a).set('__proto__', evil);
      participantsMap(a).set('__proto__', new Y.Map());
      criteriaMap(a).set('prototype', new Y.Map());
    });
    net.flushAll();
    const plan = readPlan(b);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('kind');
    expect(plan.goals).toEqual([]);
    expect(plan.participants).toEqual([]);
    expect(plan.criteria.map((c) => c.id)).not.toContain('prototype');
    expect(readPlan(a)).toEqual(plan);
  });
});
