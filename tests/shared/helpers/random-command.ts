import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { criteriaMap, nodesMap, participantsMap, indicatorsMap, reviewsMap } from '../../../shared/schema/roots.js';
import { readKind } from '../../../shared/schema/read.js';
import * as cmd from '../../../shared/model.js';
import type { NodeKind } from '../../../shared/schema/types.js';
import { PlanProjection } from '../../../shared/schema/projection.js';
import { createNetwork, type DocNetwork } from './doc-network.js';
import { fullPlan } from './fixtures.js';

const KINDS: NodeKind[] = ['goal', 'outcome', 'output', 'activity'];

/** Ids of the maps in `map` (of one node kind when given), sorted. */
export function idsOf(map: Y.Map<unknown>, kind?: NodeKind): string[] {
  const out: string[] = [];
  for (const [id, v] of map.entries()) {
    if (v instanceof Y.Map && (kind === undefined || readKind(v as Y.Map<unknown>) === kind)) out.push(id);
  }
  return out.sort();
}

/** One random user intent on `doc`, through the public commands only. */
export function randomCommand(net: DocNetwork, peer: number, counter: { n: number }): void {
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

/**
 * Two docs on a seeded network, the full plan written on the first and delivered, a projection of
 * the first, and what random edits need (the new-id counter and a local origin): the start of the
 * randomized derived-value tests (DI, DJ). The caller destroys the projection.
 */
export function randomEditRig(seed: number): { net: DocNetwork; a: Y.Doc; b: Y.Doc; projection: PlanProjection; counter: { n: number }; origin: { readonly source: 'local'; readonly userId: 'u0' } } {
  const net = createNetwork(2, seed);
  const [a, b] = net.docs as [Y.Doc, Y.Doc];
  cmd.writePlan(a, fullPlan(), { source: 'server', reason: 'test' });
  net.flushAll();
  return { net, a, b, projection: new PlanProjection(a), counter: { n: 0 }, origin: { source: 'local', userId: 'u0' } };
}
