import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { ROOT } from '../../shared/schema/roots.js';
import type { Writer } from '../../shared/rules/update-gate.js';
import { SECTORS, SECTOR_IDS, sectorCoverage, sectorOfQuestion, uncoveredSectors } from '../../shared/domain/sectors.js';
import { answerSector, setNodeSectors, setSectorAnswerText } from '../../shared/commands/sectors.js';
import { addNode, archiveNode, setGoalStatus } from '../../shared/commands/nodes.js';
import en from '../../shared/i18n/en/index.js';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';
import { ME } from './helpers/fixtures.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan-1', title: 'Sectors' });
  return doc;
}

/** A hand-built update: a client holding `doc`'s content makes `change`. */
function craft(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(d);
  change(d);
  return Y.encodeStateAsUpdate(d, sv);
}

describe('Annex C sector checklists (SK)', () => {
  it('[SK1] fourteen sectors in Annex C order, each with questions whose ids are unique and worded in every locale', () => {
    expect(SECTOR_IDS).toEqual([
      'governance', 'legal-protection', 'employment', 'social-protection', 'health', 'education', 'tertiary-education',
      'economic-growth', 'financial-services', 'trade', 'agriculture', 'infrastructure', 'environment', 'diaspora',
    ]);
    expect(SECTORS.map((s) => s.id)).toEqual([...SECTOR_IDS]);
    const ids = SECTORS.flatMap((s) => s.questions);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(72);
    for (const s of SECTORS) {
      expect(s.questions.length, s.id).toBeGreaterThanOrEqual(4);
      for (const q of s.questions) expect(sectorOfQuestion(q)).toBe(s.id);
    }
    expect(sectorOfQuestion('sk-gov-99')).toBeUndefined();
    for (const cat of [en, fr, es, ar]) {
      const ns = cat.sectors as { name: Record<string, string>; q: Record<string, string> };
      for (const s of SECTORS) {
        expect(ns.name[s.id]?.length, s.id).toBeGreaterThan(2);
        for (const q of s.questions) expect(ns.q[q]?.trim().length, q).toBeGreaterThan(20);
      }
      expect(Object.keys(ns.q).sort()).toEqual([...ids].sort());
    }
    expect((ar.sectors as { name: Record<string, string> }).name.diaspora).toBe('المغتربون');
  });

  it('[SK2] answers with note and evidence are plan entities keyed by the question; unknown questions and values are refused', () => {
    const doc = freshDoc();
    expect(answerSector(doc, 'sk-fin-4', 'yes', ME).ok).toBe(true);
    expect(setSectorAnswerText(doc, 'sk-fin-4', 'evidence', 'Central bank survey 2024', ME).ok).toBe(true);
    expect(setSectorAnswerText(doc, 'sk-gov-1', 'note', 'Ask the electoral commission', ME).ok).toBe(true);
    expect(answerSector(doc, 'sk-fin-4', 'partly', ME).ok).toBe(true);
    expect(answerSector(doc, 'sk-nope-1', 'yes', ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(answerSector(doc, 'sk-gov-2', 'maybe' as never, ME).ok).toBe(false);
    const plan = readPlan(doc);
    expect(plan.sectorAnswers).toEqual([
      { id: 'sk-fin-4', value: 'partly', note: '', evidence: 'Central bank survey 2024' },
      { id: 'sk-gov-1', value: null, note: 'Ask the electoral commission', evidence: '' },
    ]);
  });

  it('[SK2] the update gate takes an editor\'s hand-built answer and refuses one outside the answer values or fields', () => {
    const doc = freshDoc();
    const good = craft(doc, (d) => {
      const m = new Y.Map<unknown>();
      d.getMap(ROOT.sectorAnswers).set('sk-env-1', m);
      m.set('value', 'no');
      m.set('evidence', 'Flood report 2023');
    });
    expect(judgeUpdate(doc, editor, good)).toBeNull();
    const badValue = craft(doc, (d) => {
      const m = new Y.Map<unknown>();
      d.getMap(ROOT.sectorAnswers).set('sk-env-1', m);
      m.set('value', 'maybe');
    });
    expect(judgeUpdate(doc, editor, badValue)).toMatchObject({ rule: 'G8' });
    const badField = craft(doc, (d) => {
      const m = new Y.Map<unknown>();
      d.getMap(ROOT.sectorAnswers).set('sk-env-1', m);
      m.set('score', 3);
    });
    expect(judgeUpdate(doc, editor, badField)).toMatchObject({ rule: 'G1' });
  });

  it('[SK3] goals and outcomes carry sectors; outputs do not; unknown sectors are refused', () => {
    const doc = freshDoc();
    const g = addNode(doc, { kind: 'goal', title: 'Remittances for development' }, ME);
    if (!g.ok) throw new Error('goal');
    const o = addNode(doc, { kind: 'outcome', parentId: g.value, title: 'Cheaper transfers' }, ME);
    if (!o.ok) throw new Error('outcome');
    const op = addNode(doc, { kind: 'output', parentId: o.value, title: 'Price comparison site' }, ME);
    if (!op.ok) throw new Error('output');
    expect(setNodeSectors(doc, g.value, ['financial-services', 'diaspora'], ME).ok).toBe(true);
    expect(setNodeSectors(doc, o.value, ['financial-services'], ME).ok).toBe(true);
    expect(setNodeSectors(doc, op.value, ['trade'], ME).ok).toBe(false);
    expect(setNodeSectors(doc, g.value, ['space-travel' as never], ME).ok).toBe(false);
    expect(setNodeSectors(doc, g.value, ['trade', 'trade'], ME).ok).toBe(false);
    const plan = readPlan(doc);
    expect(plan.goals[0]!.sectors).toEqual(['financial-services', 'diaspora']);
    expect(plan.outcomes[0]!.sectors).toEqual(['financial-services']);
    expect(judgeUpdate(doc, editor, craft(doc, (d) => (d.getMap(ROOT.nodes).get(g.value) as Y.Map<unknown>).set('sectors', ['health'])))).toBeNull();
    expect(judgeUpdate(doc, editor, craft(doc, (d) => (d.getMap(ROOT.nodes).get(g.value) as Y.Map<unknown>).set('sectors', ['nowhere'])))).toMatchObject({ rule: 'G8' });
  });

  it('[SK4] coverage: tagged by a live goal or outcome, else uncovered when unanswered or answered "no", else looked at', () => {
    const doc = freshDoc();
    const all = () => sectorCoverage(readPlan(doc));
    const statusOf = (id: string) => all().find((c) => c.sector === id)!;
    expect(uncoveredSectors(readPlan(doc))).toEqual([...SECTOR_IDS]);
    expect(statusOf('health')).toMatchObject({ status: 'uncovered', reason: 'unanswered', answered: 0, total: 6 });

    const g = addNode(doc, { kind: 'goal', title: 'Health workers stay' }, ME);
    if (!g.ok) throw new Error('goal');
    expect(setNodeSectors(doc, g.value, ['health'], ME).ok).toBe(true);
    expect(statusOf('health')).toMatchObject({ status: 'covered', reason: null, goalIds: [g.value] });

    // An outcome covers its sector while its goal lives; a rejected or archived goal covers nothing.
    const o = addNode(doc, { kind: 'outcome', parentId: g.value, title: 'Diaspora doctors on short missions' }, ME);
    if (!o.ok) throw new Error('outcome');
    expect(setNodeSectors(doc, o.value, ['diaspora'], ME).ok).toBe(true);
    expect(statusOf('diaspora')).toMatchObject({ status: 'covered', outcomeIds: [o.value] });
    expect(setGoalStatus(doc, g.value, 'rejected', ME).ok).toBe(true);
    expect(statusOf('health').status).toBe('uncovered');
    expect(statusOf('diaspora').status).toBe('uncovered');
    expect(setGoalStatus(doc, g.value, 'selected', ME).ok).toBe(true);
    expect(archiveNode(doc, o.value, ME).ok).toBe(true);
    expect(statusOf('diaspora').status).toBe('uncovered');
    expect(statusOf('health').status).toBe('covered');

    // Answered without a "no": looked at; one "no" without a goal: uncovered; a cleared answer does not count.
    expect(answerSector(doc, 'sk-tra-1', 'not-relevant', ME).ok).toBe(true);
    expect(answerSector(doc, 'sk-tra-2', 'yes', ME).ok).toBe(true);
    expect(statusOf('trade')).toMatchObject({ status: 'considered', answered: 2, total: 4, counts: { yes: 1, 'not-relevant': 1, no: 0, partly: 0 } });
    expect(answerSector(doc, 'sk-tra-3', 'no', ME).ok).toBe(true);
    expect(statusOf('trade')).toMatchObject({ status: 'uncovered', reason: 'answered-no', answered: 3 });
    expect(answerSector(doc, 'sk-tra-3', null, ME).ok).toBe(true);
    expect(statusOf('trade')).toMatchObject({ status: 'considered', answered: 2 });
    // Answers to other sectors' or unknown questions never count.
    expect(statusOf('governance').answered).toBe(0);
    expect(uncoveredSectors(readPlan(doc))).not.toContain('trade');
    expect(uncoveredSectors(readPlan(doc))).not.toContain('health');
    expect(uncoveredSectors(readPlan(doc))).toHaveLength(12);
  });
});
