import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { nodesMap } from '../../shared/schema/roots.js';
import type { Origin } from '../../shared/schema/origins.js';
import * as cmd from '../../shared/model.js';
import { ME } from './helpers/fixtures.js';

/** A fresh plan with one participant and a goal > outcome > output > activity chain. */
function setup() {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan', title: 'Plan', currency: 'USD' });
  const o = ME;
  cmd.addParticipant(doc, { id: 'p1', name: 'Ana', committee: 'imc', imcLevel: 'technical' }, o);
  cmd.addNode(doc, { kind: 'goal', id: 'g1', title: 'Goal 1' }, o);
  cmd.addNode(doc, { kind: 'outcome', id: 'oc1', parentId: 'g1', title: 'Outcome 1' }, o);
  cmd.addNode(doc, { kind: 'output', id: 'op1', parentId: 'oc1', title: 'Output 1' }, o);
  cmd.addNode(doc, { kind: 'activity', id: 'a1', parentId: 'op1', title: 'Activity 1' }, o);
  return doc;
}

/** Runs `fn` and returns the origins of the transactions that changed the doc. */
function writes(doc: Y.Doc, fn: () => unknown): { result: unknown; origins: unknown[] } {
  const origins: unknown[] = [];
  const onUpdate = (_u: Uint8Array, origin: unknown) => origins.push(origin);
  doc.on('update', onUpdate);
  const result = fn();
  doc.off('update', onUpdate);
  return { result, origins };
}

const other: Origin = { source: 'local', userId: 'someone' };

describe('commands', () => {
  it('[C1] each command is one transaction with the caller origin; refusals write nothing', () => {
    const doc = setup();
    const calls: [string, () => cmd.Result<unknown>][] = [
      ['setPlanField', () => cmd.setPlanField(doc, 'stage', 'strategic-goals', other)],
      ['setText', () => cmd.setText(doc, { kind: 'plan', field: 'title' }, 'Plan of Senegal', other)],
      ['addNode', () => cmd.addNode(doc, { kind: 'activity', parentId: 'op1', title: 'A2', fields: { budget: { amount: 5, currency: 'USD' } } }, other)],
      ['moveNode', () => cmd.moveNode(doc, 'a1', { parentId: 'op1', index: 1 }, other)],
      ['archiveNode', () => cmd.archiveNode(doc, 'a1', other)],
      ['restoreNode', () => cmd.restoreNode(doc, 'a1', other)],
      ['setNodeField', () => cmd.setNodeField(doc, 'a1', 'start', '2025-01-01', other)],
      ['setGoalStatus', () => cmd.setGoalStatus(doc, 'g1', 'selected', other)],
      ['addRequirement', () => cmd.addRequirement(doc, 'g1', { kind: 'technical-assistance', id: 'r1' }, other)],
      ['updateRequirement', () => cmd.updateRequirement(doc, 'g1', 'r1', { description: 'Expert support' }, other)],
      ['removeRequirement', () => cmd.removeRequirement(doc, 'g1', 'r1', other)],
      ['addCriterion', () => cmd.addCriterion(doc, { id: 'c5', title: 'Cost' }, other)],
      ['moveCriterion', () => cmd.moveCriterion(doc, 'c5', 0, other)],
      ['setScore', () => cmd.setScore(doc, { goalId: 'g1', criterionId: 'c5', participantId: 'p1', value: 2, note: 'if funded' }, other)],
      ['setAgreedScore', () => cmd.setAgreedScore(doc, { goalId: 'g1', criterionId: 'c5', value: 1 }, other)],
      ['clearAgreedScore', () => cmd.clearAgreedScore(doc, 'g1', 'c5', other)],
      ['clearScore', () => cmd.clearScore(doc, 'g1', 'c5', 'p1', other)],
      ['setParticipantField', () => cmd.setParticipantField(doc, 'p1', 'group', 'government', other)],
      ['addIndicator', () => cmd.addIndicator(doc, { id: 'i1', nodeId: 'op1', name: '# consultations', target: { value: 4, date: null } }, other)],
      ['setIndicatorField', () => cmd.setIndicatorField(doc, 'i1', 'unit', 'meetings', other)],
      ['addReview', () => cmd.addReview(doc, { id: 'rv', kind: 'mid-term' }, other)],
      ['setActivityReport', () => cmd.setActivityReport(doc, 'rv', 'a1', { expenditure: { amount: 3, currency: 'USD' } }, other)],
      ['setIndicatorReading', () => cmd.setIndicatorReading(doc, 'rv', 'i1', { value: 2 }, other)],
      ['addSection', () => cmd.addSection(doc, { part: 'annex', title: 'Donor map' }, other)],
      ['setCriteriaAgreement', () => cmd.setCriteriaAgreement(doc, 'imc', true, other)],
    ];
    for (const [name, call] of calls) {
      const { result, origins } = writes(doc, call);
      expect(result, name).toMatchObject({ ok: true });
      expect(origins, name).toEqual([other]);
    }
    const refused = writes(doc, () => cmd.setScore(doc, { goalId: 'g1', criterionId: 'c5', participantId: 'p1', value: 5 }, other));
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(refused.origins).toEqual([]);
  });

  it('[C2] a move is one placement write and keeps the level rule', () => {
    const doc = setup();
    cmd.addNode(doc, { kind: 'output', id: 'op2', parentId: 'oc1', title: 'Output 2' }, ME);
    const before = (nodesMap(doc).get('a1') as Y.Map<unknown>).get('placement');
    const changed: string[] = [];
    (nodesMap(doc).get('a1') as Y.Map<unknown>).observe((e) => changed.push(...e.keysChanged));
    expect(cmd.moveNode(doc, 'a1', { parentId: 'op2' }, ME)).toEqual({ ok: true, value: undefined });
    expect(changed).toEqual(['placement']);
    expect((nodesMap(doc).get('a1') as Y.Map<unknown>).get('placement')).not.toEqual(before);
    expect(readPlan(doc).activities[0]!.outputId).toBe('op2');
    expect(cmd.moveNode(doc, 'a1', { parentId: 'oc1' }, ME)).toMatchObject({ ok: false, error: { code: 'level' } });
    expect(cmd.moveNode(doc, 'g1', { parentId: 'oc1' }, ME)).toMatchObject({ ok: false, error: { code: 'level' } });
    expect(cmd.moveNode(doc, 'oc1', { parentId: null }, ME)).toMatchObject({ ok: false, error: { code: 'level' } });
    expect(cmd.addNode(doc, { kind: 'outcome', parentId: 'ghost' }, ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    cmd.archiveNode(doc, 'op1', ME);
    expect(cmd.moveNode(doc, 'a1', { parentId: 'op1' }, ME)).toMatchObject({ ok: false, error: { code: 'archived' } });
  });

  it('[C2] reorder puts a node at an index among its live siblings', () => {
    const doc = setup();
    for (const id of ['a2', 'a3']) cmd.addNode(doc, { kind: 'activity', id, parentId: 'op1', title: id }, ME);
    cmd.reorderNode(doc, 'a3', 0, ME);
    expect(cmd.buildForest(readPlan(doc)).goals[0]!.children[0]!.children[0]!.children.map((a) => [a.id, a.short, a.code])).toEqual([
      ['a3', '1.1', '1.1.1.1'],
      ['a1', '1.2', '1.1.1.2'],
      ['a2', '1.3', '1.1.1.3'],
    ]);
    cmd.addNode(doc, { kind: 'activity', id: 'a0', parentId: 'op1', title: 'a0', index: 1 }, ME);
    expect(readPlan(doc).activities.map((a) => a.id)).toEqual(['a3', 'a0', 'a1', 'a2']);
  });

  it('[C3] archive and restore only flip the flag; children survive', () => {
    const doc = setup();
    cmd.archiveNode(doc, 'oc1', ME);
    let p = readPlan(doc);
    expect(p.outcomes[0]!.archived).toBe(true);
    expect(p.activities.map((a) => a.id)).toEqual(['a1']);
    expect(cmd.buildForest(p).goals[0]!.children).toEqual([]);
    cmd.restoreNode(doc, 'oc1', ME);
    p = readPlan(doc);
    expect(cmd.nodeCodes(p).get('a1')).toEqual({ code: '1.1.1.1', short: '1.1' });
  });

  it('[C4] criteria are locked once both committees agree', () => {
    const doc = setup();
    cmd.setCriteriaAgreement(doc, 'imc', true, ME);
    expect(cmd.criteriaLocked(doc)).toBe(false);
    cmd.setCriteriaAgreement(doc, 'ncc', true, ME);
    expect(cmd.criteriaLocked(doc)).toBe(true);
    const id = readPlan(doc).criteria[0]!.id;
    for (const r of [
      cmd.addCriterion(doc, { title: 'New' }, ME),
      cmd.moveCriterion(doc, id, 3, ME),
      cmd.archiveCriterion(doc, id, ME),
      cmd.restoreCriterion(doc, id, ME),
      cmd.setText(doc, { kind: 'criterion', id, field: 'title' }, 'Edited', ME),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
    // Scoring goes on while the criteria are locked.
    expect(cmd.setScore(doc, { goalId: 'g1', criterionId: id, participantId: 'p1', value: 1 }, ME).ok).toBe(true);
    cmd.setCriteriaAgreement(doc, 'ncc', false, ME);
    expect(cmd.setText(doc, { kind: 'criterion', id, field: 'title' }, 'Edited', ME).ok).toBe(true);
    expect(readPlan(doc).criteria[0]!.title).toBe('Edited');
  });

  it('[C5] scores are 0, 1 or 2 on existing goals, criteria and participants', () => {
    const doc = setup();
    const c = readPlan(doc).criteria[0]!.id;
    const score = (value: number, goalId = 'g1', participantId = 'p1') => cmd.setScore(doc, { goalId, criterionId: c, participantId, value }, ME);
    expect([0, 1, 2].map((v) => score(v).ok)).toEqual([true, true, true]);
    expect([-1, 3, 1.5, NaN].map((v) => score(v).ok)).toEqual([false, false, false, false]);
    expect(score(1, 'oc1')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(score(1, 'g1', 'ghost')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(readPlan(doc).scores).toEqual([{ goalId: 'g1', criterionId: c, participantId: 'p1', value: 2 }]);
    expect(cmd.setAgreedScore(doc, { goalId: 'g1', criterionId: c, value: 7 }, ME).ok).toBe(false);
  });

  it('[C6] applyTextChange keeps the common prefix and suffix', () => {
    const doc = new Y.Doc();
    const t = doc.getText('t');
    t.insert(0, 'support refugees and IDPs');
    const deltas: unknown[] = [];
    t.observe((e) => deltas.push(e.delta));
    cmd.applyTextChange(t, 'support refugees, returnees and IDPs');
    expect(deltas).toEqual([[{ retain: 16 }, { insert: ', returnees' }]]);
    cmd.applyTextChange(t, 'support returnees and IDPs');
    expect(t.toString()).toBe('support returnees and IDPs');
    expect(deltas[1]).toEqual([{ retain: 10 }, { delete: 10 }]);
    // Surrogate pairs are never split.
    t.delete(0, t.length);
    t.insert(0, 'a😀b');
    cmd.applyTextChange(t, 'a😃b');
    expect(t.toString()).toBe('a😃b');
    // Concurrent typing elsewhere survives.
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'hello world');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    cmd.applyTextChange(a.getText('t'), 'hello brave world');
    cmd.applyTextChange(b.getText('t'), 'hello world!');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('hello brave world!');
  });

  it('[C7] field values go through the same checks as the JSON format', () => {
    const doc = setup();
    expect(cmd.setNodeField(doc, 'a1', 'budget', { amount: -5, currency: 'USD' }, ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'a1', 'budget', { amount: 5, currency: 'dollars' }, ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'a1', 'start', '2025-02-30', ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'a1', 'funding', { kind: 'domestic', modality: 'pooled', funder: '', status: 'secured' }, ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'oc1', 'budget', { amount: 5, currency: 'USD' }, ME)).toMatchObject({ ok: false, error: { message: 'a outcome has no field "budget"' } });
    expect(cmd.setNodeField(doc, 'g1', 'resourceTarget', { amount: 1_000, currency: 'EUR' }, ME).ok).toBe(true);
    expect(cmd.setPlanField(doc, 'country', 'sn' as string, ME).ok).toBe(false);
    expect(cmd.setPlanField(doc, 'frameworks', ['prsp', 'swap'], ME).ok).toBe(true);
    expect(cmd.setPlanField(doc, 'handful', 0, ME).ok).toBe(false);
    expect(cmd.setPlanField(doc, 'exportNamedScores', 'yes' as unknown as boolean, ME).ok).toBe(false);
    expect(readPlan(doc).exportNamedScores).toBe(false);
    expect(cmd.setPlanField(doc, 'exportNamedScores', true, ME).ok).toBe(true);
    expect(readPlan(doc).exportNamedScores).toBe(true);
    expect(cmd.setParticipantField(doc, 'p1', 'committee', 'board' as 'imc', ME).ok).toBe(false);
    expect(cmd.setText(doc, { kind: 'node', id: 'a1', field: 'mdGoal' }, 'x', ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(cmd.setText(doc, { kind: 'node', id: 'g1', field: 'title' }, 'x'.repeat(2_001), ME).ok).toBe(false);
    const p = readPlan(doc);
    expect(p.goals[0]!.resourceTarget).toEqual({ amount: 1_000, currency: 'EUR' });
    expect(p.frameworks).toEqual(['prsp', 'swap']);
  });

  it('[C8] dependencies, indicators and review entries must point at the right things', () => {
    const doc = setup();
    cmd.addNode(doc, { kind: 'activity', id: 'a2', parentId: 'op1', title: 'A2' }, ME);
    expect(cmd.setNodeField(doc, 'a2', 'dependencies', [{ activityId: 'a2', type: 'parallel' }], ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'a2', 'dependencies', [{ activityId: 'op1', type: 'parallel' }], ME).ok).toBe(false);
    expect(cmd.setNodeField(doc, 'a2', 'dependencies', [{ activityId: 'a1', type: 'chronological' }], ME).ok).toBe(true);
    // IN1: activities carry indicators too; a row that does not exist is still refused.
    expect(cmd.addIndicator(doc, { nodeId: 'a1', name: 'x' }, ME).ok).toBe(true);
    expect(cmd.addIndicator(doc, { nodeId: 'nope', name: 'x' }, ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const ind = cmd.addIndicator(doc, { nodeId: 'g1', name: 'Remittance share' }, ME);
    expect(ind.ok).toBe(true);
    cmd.addReview(doc, { id: 'y1', kind: 'yearly', label: '2025' }, ME);
    expect(cmd.setActivityReport(doc, 'y1', 'op1', { result: 'x' }, ME).ok).toBe(false);
    expect(cmd.setActivityReport(doc, 'nope', 'a1', { result: 'x' }, ME).ok).toBe(false);
    cmd.setActivityReport(doc, 'y1', 'a1', { expenditure: { amount: 10, currency: 'USD' } }, ME);
    cmd.setActivityReport(doc, 'y1', 'a1', { progress: 'half way' }, ME);
    const report = readPlan(doc).reviews[0]!.activities[0]!;
    expect(report).toEqual({ activityId: 'a1', expenditure: { amount: 10, currency: 'USD' }, result: '', progress: 'half way', risksMaterialised: '' });
    cmd.clearActivityReport(doc, 'y1', 'a1', ME);
    expect(readPlan(doc).reviews[0]!.activities).toEqual([]);
    if (ind.ok) {
      cmd.setIndicatorReading(doc, 'y1', ind.value, { value: 0.4 }, ME);
      expect(readPlan(doc).reviews[0]!.indicators).toEqual([{ indicatorId: ind.value, value: 0.4, note: '', parts: [] }]);
      cmd.clearIndicatorReading(doc, 'y1', ind.value, ME);
      expect(cmd.setIndicatorField(doc, ind.value, 'nodeId', 'a1', ME).ok).toBe(true);
      expect(cmd.setIndicatorField(doc, ind.value, 'nodeId', 'y1', ME).ok).toBe(false);
    }
  });

  it('[C9] caller-supplied ids must be valid and unused', () => {
    const doc = setup();
    expect(cmd.addNode(doc, { kind: 'goal', id: 'g1' }, ME)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(cmd.addNode(doc, { kind: 'goal', id: '__proto__' }, ME).ok).toBe(false);
    expect(cmd.addParticipant(doc, { id: 'a b', name: 'x' }, ME).ok).toBe(false);
    const fresh = cmd.addNode(doc, { kind: 'goal', title: 'G2' }, ME);
    expect(fresh.ok && /^[0-9a-z]{20}$/.test(fresh.value)).toBe(true);
  });

  it('sections and requirements keep their order and text', () => {
    const doc = setup();
    const s = cmd.addSection(doc, { part: 'background', title: 'Diaspora profile', index: 0 }, ME);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    cmd.setText(doc, { kind: 'section', id: s.value, field: 'body' }, 'About 2 million abroad', ME);
    let p = readPlan(doc);
    expect(p.sections.filter((x) => x.part === 'background')[0]).toMatchObject({ id: s.value, body: 'About 2 million abroad' });
    cmd.moveSection(doc, s.value, 99, ME);
    cmd.archiveSection(doc, 'annex-tor', ME);
    p = readPlan(doc);
    expect(p.sections.filter((x) => x.part === 'background').at(-1)!.id).toBe(s.value);
    expect(p.sections.find((x) => x.id === 'annex-tor')!.archived).toBe(true);
    cmd.addRequirement(doc, 'g1', { kind: 'policy-change', description: 'one', id: 'r1' }, ME);
    cmd.addRequirement(doc, 'g1', { kind: 'other', description: 'two', id: 'r2' }, ME);
    expect(readPlan(doc).goals[0]!.requirements.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});
