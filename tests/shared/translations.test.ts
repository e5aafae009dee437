import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { ROOT } from '../../shared/schema/roots.js';
import type { Writer } from '../../shared/rules/update-gate.js';
import type { PlanData, Translation } from '../../shared/schema/types.js';
import { addNode, archiveNode } from '../../shared/commands/nodes.js';
import { addSection } from '../../shared/commands/sections.js';
import { setText } from '../../shared/commands/text.js';
import { ensureTranslation, setOriginalLanguage } from '../../shared/commands/translations.js';
import { indexTranslations, planTexts, shownText, textVersions, translationKey } from '../../shared/domain/translations.js';
import { describeChange, diffPlans, ENGLISH_FORMAT } from '../../shared/domain/diff.js';
import { craftUpdate, ME } from './helpers/fixtures.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };

/** A plan with one goal (typed in French) and one section, and French/English/Arabic translations. */
function translatedDoc(): { doc: Y.Doc; goal: string; section: string; rec: string } {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan-ml', title: 'Plan' });
  const g = addNode(doc, { kind: 'goal', title: 'Réduire le coût des transferts' }, ME);
  const s = addSection(doc, { part: 'background', title: 'Contexte' }, ME);
  if (!g.ok || !s.ok) throw new Error('setup');
  const r = ensureTranslation(doc, 'goal', g.value, 'title', ME);
  if (!r.ok) throw new Error(r.error.message);
  expect(setOriginalLanguage(doc, r.value, 'fr', ME).ok).toBe(true);
  expect(setText(doc, { kind: 'translation', id: r.value, field: 'en' }, 'Lower the cost of remittances', ME).ok).toBe(true);
  expect(setText(doc, { kind: 'translation', id: r.value, field: 'ar' }, 'خفض تكلفة التحويلات', ME).ok).toBe(true);
  return { doc, goal: g.value, section: s.value, rec: r.value };
}

const rec = (over: Partial<Translation>): Translation => ({ id: 't1', targetKind: 'goal', targetId: 'g1', field: 'title', original: null, en: '', fr: '', es: '', ar: '', ...over });

describe('plan content in several languages (ML)', () => {
  it('[ML1] translations live in their own records beside the original, which they never change', () => {
    const { doc, goal, rec: id } = translatedDoc();
    const plan = readPlan(doc);
    expect(plan.goals[0]!.title).toBe('Réduire le coût des transferts');
    expect(plan.translations).toEqual([{ id, targetKind: 'goal', targetId: goal, field: 'title', original: 'fr', en: 'Lower the cost of remittances', fr: '', es: '', ar: 'خفض تكلفة التحويلات' }]);
    // A goal has no body to translate; an unknown target is refused.
    expect(ensureTranslation(doc, 'goal', goal, 'body', ME)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(ensureTranslation(doc, 'activity', goal, 'title', ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // A second call finds the same record.
    expect(ensureTranslation(doc, 'goal', goal, 'title', ME)).toEqual({ ok: true, value: id });
  });

  it('[ML2][ML5] readers see their language where written, else the original marked with its language', () => {
    const set = indexTranslations([rec({ en: 'Lower costs', fr: '  ' })]).get(translationKey('goal', 'g1', 'title'));
    // No recorded original: the plan's language (fr) is the original's.
    expect(shownText('Réduire les coûts', set, 'en', 'fr')).toEqual({ text: 'Lower costs', lang: 'en', original: false });
    expect(shownText('Réduire les coûts', set, 'fr', 'fr')).toEqual({ text: 'Réduire les coûts', lang: 'fr', original: true });
    // Blank is no translation: a Spanish reader sees the French original, marked fr.
    expect(shownText('Réduire les coûts', set, 'es', 'fr')).toEqual({ text: 'Réduire les coûts', lang: 'fr', original: true });
    // The original in the reader's language wins over a translation into that language.
    expect(shownText('Lower fees', set, 'en', 'en')).toEqual({ text: 'Lower fees', lang: 'en', original: true });
    // No record, no plan language: English.
    expect(shownText('x', undefined, 'ar', undefined)).toEqual({ text: 'x', lang: 'en', original: true });
  });

  it('[ML3] several records of one text merge: the smallest id leads, each language takes the first written text', () => {
    const index = indexTranslations([
      rec({ id: 'b2', original: 'es', fr: 'Deuxième', ar: 'ثانٍ' }),
      rec({ id: 'a1', original: 'fr', fr: 'Premier', es: '' }),
      rec({ id: 'c3', targetKind: 'goal', field: 'body', fr: 'ignored: goals have no body' }),
    ]);
    expect([...index.keys()]).toEqual(['goal:g1:title']);
    expect(index.get('goal:g1:title')).toEqual({ id: 'a1', original: 'fr', texts: { en: '', fr: 'Premier', es: '', ar: 'ثانٍ' } });
  });

  it('[ML4][G8][G9] the gate checks translation records like any entity: known keys, locales, ids', () => {
    const { doc, rec: id } = translatedDoc();
    const set = (key: string, value: unknown) => craftUpdate(doc, (d) => (d.getMap(ROOT.translations).get(id) as Y.Map<unknown>).set(key, value));
    expect(judgeUpdate(doc, editor, set('original', 'es'))).toBeNull();
    expect(judgeUpdate(doc, editor, set('original', 'de'))).toMatchObject({ rule: 'G8' });
    expect(judgeUpdate(doc, editor, set('targetKind', 'criterion'))).toMatchObject({ rule: 'G8' });
    expect(judgeUpdate(doc, editor, set('it', new Y.Text('Ridurre')))).toMatchObject({ rule: 'G1' });
    expect(judgeUpdate(doc, editor, set('fr', 'plain string, not a collaborative text'))).toMatchObject({ rule: 'G8' });
    const typed = craftUpdate(doc, (d) => ((d.getMap(ROOT.translations).get(id) as Y.Map<unknown>).get('fr') as Y.Text).insert(0, 'Réduire'));
    expect(judgeUpdate(doc, editor, typed)).toBeNull();
  });

  it('[ML1] JSON: translations round-trip; a translation of a missing row or an unknown language is refused', () => {
    const { doc } = translatedDoc();
    const plan = readPlan(doc);
    const parsed = parsePlanJson(JSON.parse(JSON.stringify({ ...plan, format: 'roundtable-plan/1' })));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const copy = new Y.Doc();
    writePlan(copy, parsed.value, ME);
    expect(readPlan(copy)).toEqual(plan);
    const bad = (t: Record<string, unknown>) => parsePlanJson({ format: 'roundtable-plan/1', id: 'p', title: 'P', goals: [{ id: 'g1', title: 'G' }], translations: [t] });
    expect(bad({ id: 't1', targetId: 'nowhere', targetKind: 'goal', field: 'title', fr: 'X' })).toMatchObject({ ok: false, problems: [{ path: '/translations/0/targetId' }] });
    expect(bad({ id: 't1', targetId: 'g1', targetKind: 'goal', field: 'title', original: 'de' })).toMatchObject({ ok: false, problems: [{ path: '/translations/0/original' }] });
    expect(bad({ id: 't1', targetId: 'g1', targetKind: 'goal', field: 'title', fr: 'Objectif' })).toMatchObject({ ok: true });
  });

  it('[ML6][ML7] documents: every version for IATI (original first), one language for print', () => {
    const { doc, goal } = translatedDoc();
    const plan: PlanData = readPlan(doc);
    const set = indexTranslations(plan.translations).get(translationKey('goal', goal, 'title'));
    expect(textVersions(plan.goals[0]!.title, set, plan.language)).toEqual([
      { lang: 'fr', text: 'Réduire le coût des transferts' },
      { lang: 'en', text: 'Lower the cost of remittances' },
      { lang: 'ar', text: 'خفض تكلفة التحويلات' },
    ]);
    expect(textVersions('', undefined, 'en')).toEqual([]);
    const ar = planTexts(plan, 'ar');
    expect(ar.text('goal', goal, 'title', plan.goals[0]!.title)).toBe('خفض تكلفة التحويلات');
    expect(planTexts(plan, 'es').text('goal', goal, 'title', plan.goals[0]!.title)).toBe('Réduire le coût des transferts');
    expect(planTexts(plan, 'es').lang('goal', goal, 'title', plan.goals[0]!.title)).toBe('fr');
  });

  it('[ML8] a translation change is its own diff line per language, with params and an English summary', () => {
    const { doc, goal, section, rec: id } = translatedDoc();
    const before = readPlan(doc);
    setText(doc, { kind: 'translation', id, field: 'en' }, 'Cut the cost of remittances', ME);
    setText(doc, { kind: 'translation', id, field: 'ar' }, '', ME);
    setText(doc, { kind: 'translation', id, field: 'es' }, 'Reducir el costo de las remesas', ME);
    setOriginalLanguage(doc, id, null, ME);
    const s = ensureTranslation(doc, 'section', section, 'body', ME);
    if (!s.ok) throw new Error('section');
    setText(doc, { kind: 'translation', id: s.value, field: 'en' }, 'Background', ME);
    const lines = diffPlans(before, readPlan(doc)).changes.filter((c) => c.entity.kind === 'translation');
    expect(lines.map((c) => [c.code, c.params.lang ?? null, c.field])).toEqual([
      ['translationOriginal', null, 'original'],
      ['translationEdited', 'en', 'en'],
      ['translationAdded', 'es', 'es'],
      ['translationRemoved', 'ar', 'ar'],
      ['translationAdded', 'en', 'en'],
    ]);
    expect(lines[1]!.params.entity).toMatchObject({ form: 'row', kind: 'goal', id: goal, code: '1' });
    expect(lines[1]!.text?.some((p) => p.op === 'insert' && p.text.includes('Cut'))).toBe(true);
    expect(lines[0]!.summary).toBe('goal 1 "Réduire le coût des transferts": language of the original title French -> the plan\'s language');
    expect(lines[2]!.summary).toBe('goal 1 "Réduire le coût des transferts": title in Spanish added: "Reducir el costo de las remesas"');
    expect(lines[4]!.summary).toBe('section "Contexte": text in English added: "Background"');
    // The reader's language words the same line.
    const fr = (key: string, p?: Record<string, unknown>) => `${key}|${JSON.stringify(p ?? {})}`;
    expect(describeChange(lines[2]!, fr, ENGLISH_FORMAT)).toMatch(/^translations:line\.translationAdded\|/);
    // A translation of a row archived since is left to the row's own line.
    archiveNode(doc, goal, ME);
    expect(diffPlans(before, readPlan(doc)).changes.filter((c) => c.entity.kind === 'translation').map((c) => c.code)).toEqual(['translationAdded']);
  });
});
