import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { criteriaMap, nodesMap, participantsMap, indicatorsMap, reviewsMap } from '../../shared/schema/roots.js';
import { readKind } from '../../shared/schema/read.js';
import * as cmd from '../../shared/model.js';
import type { NodeKind, PlanData } from '../../shared/schema/types.js';
import { createNetwork, type DocNetwork } from './helpers/doc-network.js';

const SEEDS = 1_000;
const CHUNK = 100;
const STEPS = 30;
const KINDS: NodeKind[] = ['goal', 'outcome', 'output', 'activity'];

function idsOf(map: Y.Map<unknown>, kind?: NodeKind): string[] {
  const out: string[] = [];
  for (const [id, v] of map.entries()) {
    if (v instanceof Y.Map && (kind === undefined || readKind(v as Y.Map<unknown>) === kind)) out.push(id);
  }
  return out.sort();
}

/** One random user intent on `doc`, through the public commands only. */
function randomCommand(net: DocNetwork, peer: number, counter: { n: number }): void {
  const { gen } = net;
  const doc = net.docs[peer]!;
  const origin = { source: 'local', userId: `u${peer}` } as const;
  const nodes = nodesMap(doc);
  const pick = <T,>(xs: readonly T[]): T | undefined => (xs.length ? prng.oneOf(gen, xs as T[]) : undefined);
  const newId = () => `n${peer}x${counter.n++}`;
  const kind = prng.oneOf(gen, KINDS);
  const parentKind = cmd.parentKindOf(kind);
  const anyNode = pick(idsOf(nodes));
  switch (prng.int32(gen, 0, 13)) {
    case 0:
    case 1:
    case 2: {
      const parentId = parentKind ? pick(idsOf(nodes, parentKind)) : null;
      if (parentId === undefined) return void cmd.addNode(doc, { kind: 'goal', id: newId(), title: 'g' }, origin);
      cmd.addNode(doc, { kind, id: newId(), parentId, title: kind, index: prng.int32(gen, 0, 3) }, origin);
      return;
    }
    case 3:
    case 4: {
      const id = pick(idsOf(nodes, kind));
      const parentId = parentKind ? pick(idsOf(nodes, parentKind)) : null;
      if (id && parentId !== undefined) cmd.moveNode(doc, id, { parentId, index: prng.int32(gen, 0, 3) }, origin);
      return;
    }
    case 5:
      if (anyNode) cmd.reorderNode(doc, anyNode, prng.int32(gen, 0, 4), origin);
      return;
    case 6:
      if (anyNode) (prng.bool(gen) ? cmd.archiveNode : cmd.restoreNode)(doc, anyNode, origin);
      return;
    case 7: {
      if (!anyNode) return;
      const t = cmd.getText(doc, { kind: 'node', id: anyNode, field: 'title' });
      const cur = t?.toString() ?? '';
      const at = prng.int32(gen, 0, cur.length);
      cmd.setText(doc, { kind: 'node', id: anyNode, field: 'title' }, cur.slice(0, at) + prng.word(gen, 0, 3) + cur.slice(at + prng.int32(gen, 0, 2)), origin);
      return;
    }
    case 8: {
      const a = pick(idsOf(nodes, 'activity'));
      if (a) cmd.setNodeField(doc, a, 'budget', prng.bool(gen) ? null : { amount: prng.int32(gen, 0, 9) * 1_000, currency: prng.oneOf(gen, ['USD', 'EUR']) }, origin);
      const b = pick(idsOf(nodes, 'activity'));
      if (a && b && a !== b) cmd.setNodeField(doc, a, 'dependencies', [{ activityId: b, type: 'chronological' }], origin);
      return;
    }
    case 9: {
      const g = pick(idsOf(nodes, 'goal'));
      const c = pick(idsOf(criteriaMap(doc)));
      const p = pick(idsOf(participantsMap(doc)));
      if (g && c && p) {
        if (prng.bool(gen)) cmd.setScore(doc, { goalId: g, criterionId: c, participantId: p, value: prng.int32(gen, 0, 2) }, origin);
        else cmd.setAgreedScore(doc, { goalId: g, criterionId: c, value: prng.int32(gen, 0, 2) }, origin);
      }
      return;
    }
    case 10:
      if (prng.bool(gen)) cmd.addParticipant(doc, { id: newId(), name: 'p', committee: prng.oneOf(gen, ['imc', 'ncc', 'none'] as const) }, origin);
      else cmd.addCriterion(doc, { id: newId(), title: 'c' }, origin);
      return;
    case 11: {
      const g = pick(idsOf(nodes, 'goal'));
      if (g) cmd.setGoalStatus(doc, g, prng.oneOf(gen, ['candidate', 'selected', 'rejected'] as const), origin);
      cmd.setCriteriaAgreement(doc, prng.bool(gen) ? 'imc' : 'ncc', prng.bool(gen), origin);
      return;
    }
    case 12: {
      const target = pick(idsOf(nodes, prng.oneOf(gen, ['goal', 'outcome', 'output'] as const)));
      if (target) cmd.addIndicator(doc, { id: newId(), nodeId: target, name: 'i', target: { value: 1, date: null } }, origin);
      return;
    }
    case 13: {
      let review = pick(idsOf(reviewsMap(doc)));
      if (!review) {
        review = newId();
        cmd.addReview(doc, { id: review, kind: 'yearly' }, origin);
      }
      const a = pick(idsOf(nodes, 'activity'));
      if (a) cmd.setActivityReport(doc, review, a, { expenditure: { amount: prng.int32(gen, 1, 9), currency: 'USD' } }, origin);
      const i = pick(idsOf(indicatorsMap(doc)));
      if (i) cmd.setIndicatorReading(doc, review, i, { value: prng.int32(gen, 0, 9) }, origin);
      return;
    }
  }
}

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
