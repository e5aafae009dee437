// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, t } from '../../client/i18n.js';
import { targetText, targetWords, tWith } from '../../client/target-text.js';
import { localWorkspace } from './helpers.js';
import { addNode, setText } from '../../shared/model.js';
import { englishTargetName, targetLabel, targetName, type TargetName } from '../../shared/domain/comments.js';
import { handbookMatrix } from '../shared/helpers/fixtures.js';
import { activeCodes } from '../../shared/codelists/index.js';
import en from '../../shared/i18n/en/index.js';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';

afterEach(async () => {
  await setLocale('en', false);
});

/** One name of each form, titled and untitled. */
const NAMES: TargetName[] = [
  { form: 'row', kind: 'outcome', code: '1.2', title: 'Remittances channelled', id: 'o' },
  { form: 'row', kind: 'activity', code: '1.2.1.1', title: ' ', id: 'a' },
  { form: 'row', kind: 'goal', code: undefined, title: 'Water', id: 'g' },
  { form: 'named', kind: 'criterion', title: 'Feasible', id: 'c' },
  { form: 'named', kind: 'indicator', title: '', id: 'i' },
  { form: 'score', goal: 'Water', criterion: 'Feasible' },
];

describe('comment targets in the reader\'s language (SPEC L31)', () => {
  it('[L31] the English catalogue words every form exactly as targetLabel does; French words them in French', async () => {
    for (const n of NAMES) expect(targetWords(n)).toBe(englishTargetName(n));
    const plan = handbookMatrix();
    const goal = plan.goals[0]!;
    expect(targetLabel(plan, { kind: 'goal', id: goal.id })).toBe(englishTargetName(targetName(plan, { kind: 'goal', id: goal.id })));
    expect(targetLabel(plan, { kind: 'goal', id: goal.id })).toBe(`goal 1 "${goal.title}"`);
    await setLocale('fr', false);
    expect(NAMES.map(targetWords)).toEqual([
      'l’effet 1.2 «\u202fRemittances channelled\u202f»',
      'l’activité 1.2.1.1 (sans titre, a)',
      'l’objectif «\u202fWater\u202f»',
      'le critère «\u202fFeasible\u202f»',
      'l’indicateur i',
      'la note de l’objectif «\u202fWater\u202f» sur «\u202fFeasible\u202f»',
    ]);
  });

  it('[L91] French and Spanish name a target with its article, as the sentences naming it need; Arabic\'s names carry it already', async () => {
    const comment = { name: 'Chidi', label: '' };
    await setLocale('fr', false);
    comment.label = targetWords(NAMES[2]!);
    expect(t('a11y:live.comment', comment)).toBe('Chidi a commenté l’objectif «\u202fWater\u202f».');
    expect(t('collab:badge.none', { label: targetWords(NAMES[0]!) })).toBe('Commenter l’effet 1.2 «\u202fRemittances channelled\u202f»');
    expect(t('collab:comments.on', { label: targetWords({ form: 'named', kind: 'section', title: 'Contexte', id: 's' }) })).toBe('sur la section «\u202fContexte\u202f»');
    await setLocale('es', false);
    comment.label = targetWords(NAMES[2]!);
    expect(t('a11y:live.comment', comment)).toBe('Chidi comentó el objetivo «Water».');
    expect(t('collab:badge.none', { label: targetWords(NAMES[5]!) })).toBe('Comentar la puntuación del objetivo «Water» en «Feasible»');
    expect(t('collab:comments.on', { label: targetWords(NAMES[1]!) })).toBe('sobre la actividad 1.2.1.1 (sin título, a)');
    await setLocale('ar', false);
    for (const kind of Object.values(ar.collab.target.kind)) expect(kind.startsWith('ال')).toBe(true);
    expect(t('a11y:live.comment', { name: 'Chidi', label: targetWords(NAMES[2]!) })).toBe('علّق Chidi على الهدف «Water».');
  });
});

describe('IATI organisation types in four languages (SPEC L30)', () => {
  it('[L30] every active OrganisationType code has a name in each catalogue; the English one is the codelist\'s', () => {
    for (const c of activeCodes('OrganisationType')) {
      expect(en.iati.orgType[c.code as keyof typeof en.iati.orgType]).toBe(c.name);
      for (const cat of [fr, es, ar]) expect(cat.iati.orgType[c.code as keyof typeof en.iati.orgType]).toBeTruthy();
    }
  });
});

describe('a title being typed words no message again (SPEC MP8)', () => {
  it('[MP8] tWith and targetText give what t() and targetWords give, in every language, for titles with marks, placeholders and replacement patterns', async () => {
    const titles = ['Water for all', '$& $1 «x» "y"', '{{label}} {{title}}', 'a\u0001b', ' padded '];
    for (const lng of ['en', 'fr', 'es', 'ar'] as const) {
      await setLocale(lng, false);
      for (const label of titles) {
        expect(tWith('collab:badge.none', {}, 'label', label)).toBe(t('collab:badge.none', { label }));
        for (const count of [1, 2, 5]) expect(tWith('collab:badge.some', { count }, 'label', label)).toBe(t('collab:badge.some', { count, label }));
      }
      const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
      const goal = addNode(ws.doc, { kind: 'goal', title: 'x' }, ws.origin);
      if (!goal.ok) throw new Error('no goal');
      for (const title of [...titles, '', 'Water', 'Water2']) {
        setText(ws.doc, { kind: 'node', id: goal.value, field: 'title' }, title, ws.origin);
        const target = { kind: 'goal' as const, id: goal.value };
        expect(targetText(ws, target)).toBe(targetWords(targetName(ws.store.plan, target, ws.store.codes)));
        if (title.trim()) expect(targetText(ws, target)).toContain(title);
      }
      ws.destroy();
    }
  });
});
