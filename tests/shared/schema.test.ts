import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initPlan, INIT_ORIGIN } from '../../shared/schema/init.js';
import { readPlan, readTitle } from '../../shared/schema/read.js';
import { ROOT, metaMap, nodesMap, scoresMap, participantsMap, criteriaMap } from '../../shared/schema/roots.js';
import { writePlan } from '../../shared/schema/write.js';
import { countryName } from '../../shared/schema/values.js';
import { DEFAULT_CRITERIA, DEFAULT_SECTIONS } from '../../shared/schema/defaults.js';
import { docOf, fullPlan, ME } from './helpers/fixtures.js';
import { addNode } from '../../shared/commands/nodes.js';

describe('Yjs document schema', () => {
  it('[D1] every root is a top-level type named in roots.ts', () => {
    const doc = docOf(fullPlan());
    expect([...doc.share.keys()].sort()).toEqual(Object.values(ROOT).sort());
    // Matrix nodes are flat: children are found by placement, not nested containers.
    for (const [, node] of nodesMap(doc).entries()) {
      const n = node as Y.Map<unknown>;
      for (const [, v] of n.entries()) expect(v instanceof Y.Array).toBe(false);
    }
  });

  it('[D5] initPlan writes meta and defaults in one transaction with INIT_ORIGIN', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    initPlan(doc, { id: 'p1', title: 'Plan for Senegal', country: 'SN', currency: 'XOF' });
    expect(origins).toEqual([INIT_ORIGIN]);
    const plan = readPlan(doc);
    expect(plan).toMatchObject({ format: 'roundtable-plan/1', id: 'p1', title: 'Plan for Senegal', country: 'SN', currency: 'XOF', stage: 'preparatory', handful: 5, frameworks: [] });
    expect(plan.criteria.map((c) => c.id)).toEqual(DEFAULT_CRITERIA.map((c) => c.id));
    expect(plan.criteria).toHaveLength(4);
    expect(plan.sections.map((s) => s.part)).toEqual([...Array(5).fill('background'), ...Array(4).fill('annex')]);
    expect(plan.sections.map((s) => s.id)).toEqual(DEFAULT_SECTIONS.map((s) => s.id));
    expect(metaMap(doc).get('title')).toBeInstanceOf(Y.Text);
    expect(metaMap(doc).get('schemaVersion')).toBe(1);
    expect(readTitle(doc)).toBe('Plan for Senegal');
  });

  it('[D5] initPlan ignores malformed country and currency codes', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'p1', title: 'T', country: 'Senegal', currency: 'usd' });
    expect(readPlan(doc)).toMatchObject({ country: null, currency: null });
  });

  it('[D6] prose is Y.Text, scalars are plain values, nothing derived is stored', () => {
    const doc = docOf(fullPlan());
    const goal = nodesMap(doc).get('g1') as Y.Map<unknown>;
    for (const k of ['title', 'mdGoal', 'objective', 'programmes']) expect(goal.get(k)).toBeInstanceOf(Y.Text);
    expect(goal.get('placement')).toEqual({ parentId: null, order: 'm' });
    expect(typeof goal.get('status')).toBe('string');
    const activity = nodesMap(doc).get('a1') as Y.Map<unknown>;
    for (const k of ['title', 'result', 'risks', 'verification']) expect(activity.get(k)).toBeInstanceOf(Y.Text);
    expect(activity.get('budget')).toEqual({ amount: 10_000, currency: 'USD' });
    for (const k of ['code', 'total', 'rank']) expect(activity.has(k) || goal.has(k)).toBe(false);
  });

  it('[D3] readPlan is canonical whatever the insertion order', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    initPlan(a, { id: 'p', title: 'T' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const [doc, ids] of [
      [a, ['g1', 'g2', 'g3']],
      [b, ['g3', 'g1', 'g2']],
    ] as const) {
      for (const id of ids) addNode(doc, { kind: 'goal', id, title: id, index: 0 }, ME);
    }
    // Different local positions, but the same canonical order of (order, id).
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readPlan(a)).toEqual(readPlan(b));
    expect(JSON.stringify(readPlan(a))).toBe(JSON.stringify(readPlan(b)));
  });

  it('[D2] hostile keys never reach an object prototype and are dropped', () => {
    const doc = docOf(fullPlan());
    doc.transact(() => {
      const evil = new Y.Map<unknown>();
      evil.set('kind', 'goal');
      evil.set('polluted', true);
      nodesMap(doc).set('__proto__', evil);
      nodesMap(doc).set('constructor', evil.clone());
      participantsMap(doc).set('__proto__', new Y.Map());
      scoresMap(doc).set('__proto__:c1:p1', { value: 2 });
      scoresMap(doc).set('g1:c1:__proto__', { value: 2 });
      criteriaMap(doc).set('a:b', new Y.Map());
      // A JSON cell whose own key is __proto__ (as a hostile encoder could send).
      scoresMap(doc).set('g1:c2:p1', JSON.parse('{"__proto__": {"value": 2}}'));
      metaMap(doc).set('__proto__', { polluted: true });
    });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const plan = readPlan(other);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(plan)).toBe(Object.prototype);
    expect(plan.goals.map((g) => g.id)).toEqual(['g1']);
    expect(plan.scores.map((s) => `${s.goalId}:${s.criterionId}:${s.participantId}`)).toEqual(['g1:c1:p1', 'g1:c2:p2']);
    expect(plan.criteria.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(JSON.stringify(plan)).not.toContain('polluted');
  });

  it('[D4] malformed values read as defaults; unusable entries are dropped', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'p', title: 'T' });
    doc.transact(() => {
      metaMap(doc).set('stage', 'nonsense');
      metaMap(doc).set('handful', -3);
      metaMap(doc).set('horizonStart', '2025-02-30');
      const g = new Y.Map<unknown>();
      g.set('kind', 'goal');
      g.set('title', 'plain string title');
      g.set('placement', { parentId: null, order: 'BAD' });
      g.set('resourceTarget', { amount: 'lots', currency: 'USD' });
      g.set('nationalGoals', 'not a list');
      nodesMap(doc).set('g', g);
      const weird = new Y.Map<unknown>();
      weird.set('kind', 'planet');
      nodesMap(doc).set('w', weird);
      nodesMap(doc).set('scalar', 42);
      scoresMap(doc).set('g:c', { value: 1 });
      scoresMap(doc).set('g:c:p', { value: 'two' });
    });
    const plan = readPlan(doc);
    expect(plan).toMatchObject({ stage: 'preparatory', handful: 5, horizonStart: null });
    expect(plan.goals).toEqual([expect.objectContaining({ id: 'g', title: 'plain string title', order: 'i', resourceTarget: null, nationalGoals: [], status: 'candidate' })]);
    expect(plan.scores).toEqual([]);
  });

  it('[J9] writePlan replaces content in one transaction and keeps an existing id', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'server-id', title: 'T' });
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const data = fullPlan();
    writePlan(doc, data, ME);
    expect(origins).toEqual([ME]);
    expect(readPlan(doc)).toEqual({ ...data, id: 'server-id' });
  });
});

describe('country names (shared/schema/values.ts)', () => {
  it('names a country in English and falls back to its code', () => {
    expect(countryName('SN')).toBe('Senegal');
    expect(countryName('MD')).toBe('Moldova');
    expect(countryName('QQ')).toBe('QQ');
    expect(countryName('not a code')).toBe('not a code');
  });
});
