// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../client/i18n.js';
import { targetWords } from '../../client/target-text.js';
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
      'effet 1.2 «\u202fRemittances channelled\u202f»',
      'activité 1.2.1.1 (sans titre, a)',
      'objectif «\u202fWater\u202f»',
      'critère «\u202fFeasible\u202f»',
      'indicateur i',
      'note de l’objectif «\u202fWater\u202f» sur «\u202fFeasible\u202f»',
    ]);
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
