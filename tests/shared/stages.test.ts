import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkChange, type Change, type GateState, type Writer } from '../../shared/rules/update-gate.js';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import { initPlan } from '../../shared/schema/init.js';
import { metaMap } from '../../shared/schema/roots.js';
import { readPlan } from '../../shared/schema/read.js';
import { STAGES } from '../../shared/schema/types.js';
import {
  CONDITIONS_CHECKLIST,
  PARTICIPATION_CHECKLIST,
  STAGE_DEFS,
  allQuestions,
  checkConditions,
  checkStageMove,
  deliverableWords,
  questionWords,
  stageDeliverables,
} from '../../shared/domain/stages.js';
import { addDeliverable, answerQuestion, gateStateOf, moveStage, noteAnswer, setDeliverableStatus, setStageMovers, startDeliverable } from '../../shared/commands/stages.js';
import { archive } from '../../shared/commands/entity.js';
import { ME } from './helpers/fixtures.js';
import { translator } from '../../server/i18n.js';
import en from '../../shared/i18n/en/index.js';
import { LOCALES } from '../../shared/i18n/locales.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };
const facilitator: Writer = { canFacilitate: true, participantId: 'pFac' };
const stageSet = (v: unknown): Change => ({ op: 'set', path: ['meta', 'stage'], put: { kind: 'value', value: v } });

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan-1', title: 'Cycle' });
  return doc;
}

describe('stages, deliverables and gates (shared/domain/stages.ts)', () => {
  it('[ST1] every stage names its handbook deliverables and gate questions; ids are unique across the catalogue', () => {
    for (const s of STAGES) {
      expect(STAGE_DEFS[s].stage).toBe(s);
      expect(STAGE_DEFS[s].deliverables.length, s).toBeGreaterThan(0);
      expect(STAGE_DEFS[s].gate.length, s).toBeGreaterThan(0);
    }
    const ids = [...STAGES.flatMap((s) => STAGE_DEFS[s].deliverables.map((d) => d.id)), ...allQuestions().map((q) => q.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(STAGE_DEFS.preparatory.deliverables.map((d) => d.title)).toEqual(['Scoping terms of reference', 'Scoping report', 'Mainstreaming proposal']);
    expect(STAGE_DEFS['situation-analysis'].deliverables.map((d) => d.id)).toContain('warranted-decision');
  });

  it('[ST1] a deliverable is "not started" until started; the team adds its own; status and archive follow the plan', () => {
    const doc = freshDoc();
    const before = stageDeliverables(readPlan(doc), 'preparatory');
    expect(before.map((d) => [d.id, d.status, d.entry])).toEqual([
      ['scoping-tor', 'not-started', null],
      ['scoping-report', 'not-started', null],
      ['mainstreaming-proposal', 'not-started', null],
    ]);
    expect(startDeliverable(doc, 'scoping-tor', ME).ok).toBe(true);
    expect(startDeliverable(doc, 'scoping-tor', ME).ok).toBe(true); // again: nothing changes
    expect(startDeliverable(doc, 'nope', ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const own = addDeliverable(doc, 'preparatory', 'Stakeholder map', ME);
    expect(own.ok).toBe(true);
    expect(addDeliverable(doc, 'preparatory', '  ', ME).ok).toBe(false);
    expect(setDeliverableStatus(doc, 'scoping-tor', 'agreed-by-committee', ME).ok).toBe(true);
    expect(setDeliverableStatus(doc, 'scoping-tor', 'finished' as never, ME).ok).toBe(false);
    const plan = readPlan(doc);
    expect(plan.deliverables.find((d) => d.id === 'scoping-tor')).toMatchObject({ stage: 'preparatory', title: 'Scoping terms of reference', status: 'agreed-by-committee' });
    const after = stageDeliverables(plan, 'preparatory');
    expect(after.map((d) => [d.title, d.status, d.fromHandbook])).toEqual([
      ['Scoping terms of reference', 'agreed-by-committee', true],
      ['Scoping report', 'not-started', true],
      ['Mainstreaming proposal', 'not-started', true],
      ['Stakeholder map', 'drafting', false],
    ]);
    expect(stageDeliverables(plan, 'situation-analysis').some((d) => d.title === 'Stakeholder map')).toBe(false);
    expect(archive(doc, 'deliverable', 'scoping-tor', ME).ok).toBe(true);
    expect(stageDeliverables(readPlan(doc), 'preparatory')[0]).toMatchObject({ status: 'not-started', entry: null });
  });

  it('[L9] built-in deliverables and questions read in the reader\'s language; a title someone typed stays as typed', () => {
    // The catalogue's English is the stage catalogue's text: nothing to keep in step by hand.
    for (const s of STAGES) {
      for (const d of STAGE_DEFS[s].deliverables) expect(en.stages.deliverables[d.id as keyof typeof en.stages.deliverables]).toEqual({ title: d.title, hint: d.hint });
    }
    for (const q of allQuestions()) expect(en.stages.questions[q.id as keyof typeof en.stages.questions]).toBe(q.text);
    const fr = translator('fr');
    const ar = translator('ar');
    const doc = freshDoc();
    const words = (tr: typeof fr) => stageDeliverables(readPlan(doc), 'preparatory').map((d) => deliverableWords(d, tr));
    // Not started: the catalogue's words in each language, never the English in French or Arabic.
    expect(words(fr)[0]).toEqual({ title: 'Termes de référence du cadrage', hint: expect.stringContaining('cadrage'), builtIn: true });
    expect(words(ar)[0]!.title).toBe('اختصاصات عملية تحديد النطاق');
    for (const l of LOCALES.filter((x) => x !== 'en')) {
      const tr = translator(l);
      for (const s of STAGES) {
        for (const d of stageDeliverables(readPlan(doc), s)) expect(deliverableWords(d, tr).title, `${l} ${d.id}`).not.toBe(d.title);
      }
      for (const q of allQuestions()) expect(questionWords(q, tr), `${l} ${q.id}`).not.toBe(q.text);
    }
    // Started: the stored title is the catalogue's English one (ST5 compares texts), still shown translated.
    expect(startDeliverable(doc, 'scoping-tor', ME).ok).toBe(true);
    expect(readPlan(doc).deliverables[0]!.title).toBe('Scoping terms of reference');
    expect(words(fr)[0]!.title).toBe('Termes de référence du cadrage');
    // A title someone changed, and the team's own deliverable, show as typed in every language.
    const plan = readPlan(doc);
    plan.deliverables[0]!.title = 'TdR du cadrage (version du ministère)';
    expect(deliverableWords(stageDeliverables(plan, 'preparatory')[0]!, ar)).toMatchObject({ title: 'TdR du cadrage (version du ministère)', builtIn: false });
    expect(addDeliverable(doc, 'preparatory', 'Carte des acteurs', ME).ok).toBe(true);
    expect(deliverableWords(stageDeliverables(readPlan(doc), 'preparatory')[3]!, ar)).toEqual({ title: 'Carte des acteurs', hint: '', builtIn: false });
    expect(questionWords(STAGE_DEFS['strategic-goals'].gate[0]!, fr)).toContain('Comité interministériel');
    expect(questionWords({ id: 'unknown-question', text: 'Typed?' }, fr)).toBe('Typed?');
  });

  it('[ST2] only a facilitator moves the stage or changes who may; editors move it once the facilitator allows', () => {
    const off: GateState = { criteriaLocked: false };
    const on: GateState = { criteriaLocked: false, editorsMoveStage: true };
    expect(checkChange(editor, off, stageSet('situation-analysis'))).toMatchObject({ rule: 'ST2', code: 'stage-move' });
    expect(checkChange(editor, off, { op: 'delete', path: ['meta', 'stage'], inText: false })?.rule).toBe('ST2');
    expect(checkChange(facilitator, off, stageSet('situation-analysis'))).toBeNull();
    expect(checkChange(editor, on, stageSet('situation-analysis'))).toBeNull();
    expect(checkChange(editor, on, stageSet('nowhere'))?.rule).toBe('G8');
    const movers: Change = { op: 'set', path: ['meta', 'stageMovers'], put: { kind: 'value', value: 'editors' } };
    expect(checkChange(editor, on, movers)).toMatchObject({ rule: 'ST2', code: 'facilitator-setting' });
    expect(checkChange(facilitator, off, movers)).toBeNull();
  });

  it('[ST2] a hand-built Yjs update moving the stage is refused for an editor unless the plan allows editors', () => {
    const doc = freshDoc();
    const craft = (base: Y.Doc, write: (d: Y.Doc) => void): Uint8Array => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
      const sv = Y.encodeStateVector(d);
      write(d);
      return Y.encodeStateAsUpdate(d, sv);
    };
    const move = craft(doc, (d) => metaMap(d).set('stage', 'situation-analysis'));
    expect(judgeUpdate(doc, editor, move)).toMatchObject({ rule: 'ST2' });
    expect(judgeUpdate(doc, facilitator, move)).toBeNull();
    const allow = craft(doc, (d) => metaMap(d).set('stageMovers', 'editors'));
    expect(judgeUpdate(doc, editor, allow)).toMatchObject({ rule: 'ST2', code: 'facilitator-setting' });
    expect(judgeUpdate(doc, facilitator, allow)).toBeNull();
    expect(gateStateOf(doc).editorsMoveStage).toBe(false);
    expect(setStageMovers(doc, 'editors', ME).ok).toBe(true);
    expect(gateStateOf(doc).editorsMoveStage).toBe(true);
    expect(judgeUpdate(doc, editor, craft(doc, (d) => metaMap(d).set('stage', 'situation-analysis')))).toBeNull();
  });

  it('[ST3] moving forward past unanswered (or "no") gate questions warns and lists them; moving back checks nothing', () => {
    const doc = freshDoc();
    const first = checkStageMove(readPlan(doc), 'situation-analysis');
    expect(first.forward).toBe(true);
    expect(first.unanswered.map((u) => u.question.id)).toEqual(STAGE_DEFS.preparatory.gate.map((q) => q.id));
    expect(answerQuestion(doc, 'gate-prep-tor', 'yes', ME).ok).toBe(true);
    expect(answerQuestion(doc, 'gate-prep-structure', 'no', ME).ok).toBe(true);
    expect(answerQuestion(doc, 'gate-prep-proposal', 'partly', ME).ok).toBe(true);
    expect(answerQuestion(doc, 'gate-prep-proposal', null, ME).ok).toBe(true); // cleared: not an answer
    expect(noteAnswer(doc, 'gate-prep-proposal', 'Cabinet meets in May', ME).ok).toBe(true);
    const second = checkStageMove(readPlan(doc), 'strategic-goals');
    expect(second.unanswered.map((u) => u.question.id)).toEqual(['gate-prep-proposal', ...STAGE_DEFS['situation-analysis'].gate.map((q) => q.id)]);
    expect(second.answeredNo.map((u) => u.question.id)).toEqual(['gate-prep-structure']);
    expect(readPlan(doc).answers.find((a) => a.id === 'gate-prep-proposal')).toEqual({ id: 'gate-prep-proposal', value: null, note: 'Cabinet meets in May' });
    expect(moveStage(doc, 'implementation', ME).ok).toBe(true);
    const back = checkStageMove(readPlan(doc), 'preparatory');
    expect(back).toMatchObject({ forward: false, unanswered: [], answeredNo: [] });
  });

  it('[ST4] the preparatory stage holds six conditions and seven participation questions; most conditions unmet advises stepping back', () => {
    expect(CONDITIONS_CHECKLIST).toHaveLength(6);
    expect(PARTICIPATION_CHECKLIST).toHaveLength(7);
    const doc = freshDoc();
    expect(checkConditions(readPlan(doc))).toEqual({ answered: 0, met: 0, notMet: 0, stepBack: false });
    const ids = CONDITIONS_CHECKLIST.map((q) => q.id);
    for (const id of ids.slice(0, 3)) answerQuestion(doc, id, 'no', ME);
    answerQuestion(doc, ids[3]!, 'yes', ME);
    expect(checkConditions(readPlan(doc))).toEqual({ answered: 4, met: 1, notMet: 3, stepBack: false });
    answerQuestion(doc, ids[4]!, 'no', ME);
    expect(checkConditions(readPlan(doc)).stepBack).toBe(true);
  });
});

describe('the cycle in the semantic diff', () => {
  it('[PE1] [ST1] [ST3] register entries, deliverables, answers and stage moves appear as readable diff lines', async () => {
    const { diffPlans } = await import('../../shared/domain/diff.js');
    const { addStakeholder } = await import('../../shared/commands/people.js');
    const doc = freshDoc();
    const before = readPlan(doc);
    addStakeholder(doc, { id: 'dia', organisation: 'Diaspora council', group: 'diaspora' }, ME);
    startDeliverable(doc, 'scoping-tor', ME);
    answerQuestion(doc, 'gate-prep-tor', 'yes', ME);
    moveStage(doc, 'situation-analysis', ME);
    const lines = diffPlans(before, readPlan(doc)).changes.map((c) => c.summary);
    expect(lines).toEqual(
      expect.arrayContaining(['stakeholder "Diaspora council" added', 'deliverable "Scoping terms of reference" added', 'answer gate-prep-tor added']),
    );
    expect(lines.some((l) => l.startsWith('plan stage') && l.includes('situation-analysis'))).toBe(true);
  });
});

describe('the cycle in the archive bin', () => {
  it('[PE1] [ST1] [AR1] archived register entries and deliverables are listed in the bin and restored from it', async () => {
    const { archivedItems } = await import('../../shared/domain/archive.js');
    const { restoreItem } = await import('../../shared/commands/bin.js');
    const { addStakeholder, addMeeting } = await import('../../shared/commands/people.js');
    const doc = freshDoc();
    addStakeholder(doc, { id: 'dia', organisation: 'Diaspora council' }, ME);
    addMeeting(doc, { id: 'm1', title: 'First NCC meeting' }, ME);
    startDeliverable(doc, 'scoping-tor', ME);
    for (const [e, id] of [['stakeholder', 'dia'], ['meeting', 'm1'], ['deliverable', 'scoping-tor']] as const) expect(archive(doc, e, id, ME).ok).toBe(true);
    const items = archivedItems(readPlan(doc));
    expect(items.map((i) => [i.entity, i.id, i.title])).toEqual([
      ['stakeholder', 'dia', 'Diaspora council'],
      ['meeting', 'm1', 'First NCC meeting'],
      ['deliverable', 'scoping-tor', 'Scoping terms of reference'],
    ]);
    for (const i of items) expect(restoreItem(doc, i.entity, i.id, ME).ok).toBe(true);
    expect(archivedItems(readPlan(doc))).toEqual([]);
    expect(stageDeliverables(readPlan(doc), 'preparatory')[0]!.status).toBe('drafting');
  });
});
