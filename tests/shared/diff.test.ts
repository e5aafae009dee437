import { describe, expect, it } from 'vitest';
import { attributeChanges, describeChange, diffPlans, diffText, englishText, ENGLISH_FORMAT, type Change, type WriteRecord } from '../../shared/domain/diff.js';
import { formatDate, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { intlTag, type Locale } from '../../shared/i18n/locales.js';
import { translator } from '../../server/i18n.js';
import type { PlanData } from '../../shared/schema/types.js';
import { fullPlan, handbookMatrix, handbookScoring } from './helpers/fixtures.js';

const clone = (p: PlanData): PlanData => structuredClone(p);
const summaries = (changes: Change[]) => changes.map((c) => c.summary);

describe('semantic diff of two plans', () => {
  it('[DF0] identical plans have no changes', () => {
    const p = fullPlan();
    expect(diffPlans(p, clone(p))).toEqual({ changes: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } });
  });

  it('[DF1] [M7] added entities of every kind are listed, rows by full code and title', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.goals.push({ ...b.goals[0]!, id: 'g2', title: 'Diaspora skills', order: 'z' });
    b.outcomes.push({ id: 'oc9', goalId: 'g1', title: 'New outcome', order: 'z', archived: false, responsible: '', sectors: [], source: null });
    b.activities.push({ ...b.activities[0]!, id: 'a15', title: 'Print the policy', order: 'z' });
    b.indicators.push({ id: 'i1', nodeId: 'op1', name: 'Policy adopted', kind: null, level: null, unit: '', baseline: null, target: null, disaggregation: [], verification: '', source: '', order: 'a', archived: false, measurement: null, frequency: null, periodTargets: [] });
    b.participants.push({ id: 'p9', name: 'Fatou', organisation: '', group: 'diaspora', committee: 'ncc', imcLevel: null, gender: null, perspective: null, archived: false, stakeholderId: null });
    const d = diffPlans(a, b);
    expect(d.counts.added).toBe(5);
    expect(summaries(d.changes)).toEqual(
      expect.arrayContaining(['goal 2 "Diaspora skills" added', 'outcome 1.4 "New outcome" added', 'activity 1.1.1.5 "Print the policy" added', 'indicator "Policy adopted" added', 'participant "Fatou" added']),
    );
  });

  it('[DF2] removed and archived entities count as removed', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.activities = b.activities.filter((x) => x.id !== 'a13');
    b.outputs.find((o) => o.id === 'op2')!.archived = true;
    const d = diffPlans(a, b);
    expect(summaries(d.changes)).toEqual(expect.arrayContaining(['activity 1.1.1.3 "Develop draft policy" removed', 'output 1.1.2 "Percentage of remittances sent through formal channels increased" removed']));
    expect(d.counts.removed).toBe(2);
  });

  it('[DF3] a new parent is a move, described with the new parent', () => {
    const a = handbookMatrix();
    a.goals.push({ ...a.goals[0]!, id: 'g2', title: 'Second goal', order: 'z' });
    const b = clone(a);
    b.outcomes.find((o) => o.id === 'oc2')!.goalId = 'g2';
    const d = diffPlans(a, b);
    const move = d.changes.find((c) => c.kind === 'moved')!;
    expect(move).toMatchObject({ entity: { kind: 'outcome', id: 'oc2' }, field: 'goalId', from: 'g1', to: 'g2' });
    expect(move.summary).toBe('outcome 2.1 "Government incentives for collective investment of remittances in place" moved under goal 2 (was 1.2)');
  });

  it('[DF4] a new position among siblings is a move with old and new codes', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.activities.find((x) => x.id === 'a11')!.order = 'zz'; // now last of output 1
    const d = diffPlans(a, b);
    expect(d.changes.filter((c) => c.kind === 'moved').map((c) => c.summary)).toContain('activity "Conduct consultations with Government and other stakeholders" moved from 1.1.1.1 to 1.1.1.4');
  });

  it('[DF5] field changes give old -> new values, money with its currency', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.activities.find((x) => x.id === 'a12')!.budget = { amount: 12_000, currency: 'USD' };
    b.activities.find((x) => x.id === 'a13')!.budget = { amount: 6_000, currency: 'EUR' };
    b.activities.find((x) => x.id === 'a14')!.responsible = 'Ministry of Finance';
    const s = summaries(diffPlans(a, b).changes);
    expect(s).toContain('activity 1.1.1.2 "Hold stakeholder workshop to develop draft strategy" budget 15,000 -> 12,000 USD');
    expect(s).toContain('activity 1.1.1.3 "Develop draft policy" budget 6,000 USD -> 6,000 EUR');
    expect(s).toContain('activity 1.1.1.4 "Facilitate government endorsement and organize launch of policy" responsible (none) -> "Ministry of Finance"');
  });

  it('[DF6] prose fields carry a readable text diff', () => {
    const a = fullPlan();
    const b = clone(a);
    const section = b.sections[0]!;
    const before = a.sections[0]!.body;
    section.body = before + '\nA new paragraph on return migration.';
    const change = diffPlans(a, b).changes.find((c) => c.entity.kind === 'section' && c.field === 'body')!;
    expect(change.summary).toMatch(/edited$/);
    expect(change.text!.filter((p) => p.op === 'insert').map((p) => p.text).join('')).toContain('return migration');
    expect(diffText('the plan was agreed', 'the plan was endorsed')).toEqual([
      { op: 'equal', text: 'the plan was ' },
      { op: 'delete', text: 'agreed' },
      { op: 'insert', text: 'endorsed' },
    ]);
  });

  it('[DF6] a long title change shows the changed words, never two cut-off values that look the same', () => {
    const a = handbookMatrix();
    const b = clone(a);
    const old = 'Translate and print information leaflets in Ukrainian, Russian and Romanian';
    a.activities.find((x) => x.id === 'a11')!.title = old;
    b.activities.find((x) => x.id === 'a11')!.title = old.replace('Romanian', 'Gagauz');
    const change = diffPlans(a, b).changes.find((c) => c.field === 'title')!;
    expect(change.summary).toBe(`activity 1.1.1.1 "${old.replace('Romanian', 'Gagauz')}" title edited`);
    expect(change.text!.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'Romanian' },
      { op: 'insert', text: 'Gagauz' },
    ]);
    b.activities.find((x) => x.id === 'a12')!.responsible = 'IOM';
    const short = diffPlans(a, b).changes.find((c) => c.field === 'responsible')!;
    expect(short.summary).toMatch(/responsible \(none\) -> "IOM"$/);
    expect(short.text).toBeUndefined();
  });

  it('[DF6] a text diff rebuilds both sides', () => {
    const a = 'Line one\nLine two\nLine three\n';
    const b = 'Line one\nLine 2\nLine three\nLine four\n';
    const parts = diffText(a, b);
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(b);
  });

  it('[DF7] plan-level fields are compared', () => {
    const a = fullPlan();
    const b = clone(a);
    b.stage = 'implementation';
    b.title = 'Renamed plan';
    expect(summaries(diffPlans(a, b).changes)).toEqual(['plan title "Full plan" -> "Renamed plan"'.replace('"Full plan"', JSON.stringify(a.title)), 'plan stage "plan-of-action" -> "implementation"']);
  });

  it('[DF7] every plan-level field SPEC names is compared (title, country, currency, frameworks, horizon, stage, handful, criteria agreement)', () => {
    const a = fullPlan();
    const b = clone(a);
    b.title = 'Renamed plan';
    b.country = 'GH';
    b.currency = 'GHS';
    b.frameworks = ['prsp'];
    b.horizonStart = '2026-01-01';
    b.horizonEnd = '2030-12-31';
    b.stage = 'implementation';
    b.handful = 3;
    b.criteriaAgreedByImc = !a.criteriaAgreedByImc;
    b.criteriaAgreedByNcc = !a.criteriaAgreedByNcc;
    const d = diffPlans(a, b);
    expect(d.changes.every((c) => c.kind === 'changed' && c.entity.kind === 'plan')).toBe(true);
    expect(d.changes.map((c) => c.field)).toEqual([
      'title', 'country', 'currency', 'frameworks', 'horizonStart', 'horizonEnd', 'stage', 'handful', 'criteriaAgreedByImc', 'criteriaAgreedByNcc',
    ]);
    expect(d.changes.find((c) => c.field === 'handful')).toMatchObject({ from: a.handful, to: 3 });
  });

  it('[DF8] and [DF9] score cells and the goal totals they move are listed', () => {
    const a = handbookScoring();
    const b = clone(a);
    b.scores.find((s) => s.goalId === 'water' && s.criterionId === 'rally')!.value = 2;
    const s = summaries(diffPlans(a, b).changes);
    expect(s).toContain("score of National focal point for goal 'Facilitate diaspora investment in increasing access to potable water in rural areas' on 'Rallies most stakeholder groups' 1 -> 2");
    expect(s).toContain("goal 'Facilitate diaspora investment in increasing access to potable water in rural areas' total 7 -> 8");
  });

  it('[DF9] a goal whose rank changes is listed with its old and new rank', () => {
    const a = handbookScoring();
    const b = clone(a);
    // Goal B (refugees, 8) falls below goal A (water, 7): the ranks swap.
    b.scores.find((s) => s.goalId === 'refugees' && s.criterionId === 'rally')!.value = 0;
    const d = diffPlans(a, b);
    const ranks = d.changes.filter((c) => c.field === 'rank');
    expect(ranks.map((c) => [c.entity.id, c.from, c.to])).toEqual(
      expect.arrayContaining([
        ['water', 2, 1],
        ['refugees', 1, 2],
      ]),
    );
    expect(ranks).toHaveLength(2);
    expect(summaries(d.changes)).toEqual(
      expect.arrayContaining([
        "goal 'Facilitate diaspora investment in increasing access to potable water in rural areas' rank 2 -> 1",
        "goal 'Support refugees, returnees and IDPs' total 8 -> 6",
        "goal 'Support refugees, returnees and IDPs' rank 1 -> 2",
      ]),
    );
  });

  it('[DF8] agreed scores added and cleared are listed', () => {
    const a = handbookScoring();
    const b = clone(a);
    b.agreedScores.push({ goalId: 'refugees', criterionId: 'rally', value: 1 });
    const d = diffPlans(a, b);
    expect(d.changes.find((c) => c.entity.kind === 'agreed-score')).toMatchObject({ kind: 'added', to: 1 });
    expect(summaries(d.changes)).toContain("goal 'Support refugees, returnees and IDPs' total 8 -> 7");
    const back = diffPlans(b, a);
    expect(back.changes.find((c) => c.entity.kind === 'agreed-score')).toMatchObject({ kind: 'removed', from: 1 });
  });
});

describe('who made each change (DF10)', () => {
  const change = (over: Partial<Change>): Change => ({ kind: 'changed', entity: { kind: 'activity', id: 'a1', label: 'activity 1.1.1.1' }, code: 'changed', params: { entity: { form: 'row', kind: 'activity', id: 'a1', code: '1.1.1.1', name: '' }, field: 'budget' }, field: 'budget', summary: 's', ...over });
  const write = (at: string, name: string, over: Partial<WriteRecord> = {}): WriteRecord => ({ at, entity: 'activity', id: 'a1', field: 'budget', kept: true, by: { name }, ...over });
  const window = { after: '2026-03-01T00:00:00.000Z', until: '2026-03-02T00:00:00.000Z' };

  it('[DF10] names the distinct writers of a field inside the window, oldest first; lost writes and writes outside never count', () => {
    const writes = [
      write('2026-03-01T12:00:00.000Z', 'Amina'),
      write('2026-03-01T10:00:00.000Z', 'Bo'),
      write('2026-03-01T11:00:00.000Z', 'Amina'),
      write('2026-03-01T13:00:00.000Z', 'Chen', { kept: false }),
      write('2026-02-28T10:00:00.000Z', 'Dede'),
      write('2026-03-03T10:00:00.000Z', 'Eli'),
      write('2026-03-01T10:30:00.000Z', 'Fatou', { field: 'responsible' }),
    ];
    const [budget, responsible] = attributeChanges([change({}), change({ field: 'responsible' })], writes, window);
    expect(budget!.by).toEqual(['Bo', 'Amina']);
    expect(responsible!.by).toEqual(['Fatou']);
  });

  it('[DF10] plan fields, agreed scores and archivings are attributed; additions, moves and individual scores never are', () => {
    const writes = [
      write('2026-03-01T10:00:00.000Z', 'Fac', { entity: 'meta', id: '', field: 'stage' }),
      write('2026-03-01T10:00:00.000Z', 'Fac', { entity: 'agreedScore', id: 'g1:c1', field: null }),
      write('2026-03-01T10:00:00.000Z', 'Ed', { field: 'archived' }),
      write('2026-03-01T10:00:00.000Z', 'Ed', { entity: 'score', id: 'g1:c1:p1', field: null }),
    ];
    const out = attributeChanges(
      [
        change({ entity: { kind: 'plan', id: 'p', label: 'plan' }, field: 'stage' }),
        change({ entity: { kind: 'agreed-score', id: 'g1:c1', label: 'agreed score' }, field: 'value' }),
        change({ kind: 'removed', field: undefined }),
        change({ kind: 'added', field: undefined }),
        change({ kind: 'moved', field: 'outputId' }),
        change({ entity: { kind: 'score', id: 'g1:c1:p1', label: 'score' }, field: 'value' }),
      ],
      writes,
      window,
    );
    expect(out.map((c) => c.by ?? null)).toEqual([['Fac'], ['Fac'], ['Ed'], null, null, null]);
  });
});

describe('diff lines as codes and parameters (L6)', () => {
  const fmtOf = (l: Locale) => ({ number: (n: number) => formatNumber(l, n), date: (iso: string) => formatDate(l, iso), money: (n: number, c: string) => formatMoney(l, n, c) });
  /** Intl's own words for an amount (L100: the lines must match them, not a hand-written string), spaces as `text` folds them. */
  const intl = (l: Locale, n: number, c = 'USD') => new Intl.NumberFormat(intlTag(l), { style: 'currency', currency: c, currencyDisplay: 'code' }).format(n).replace(/\s/g, ' ');
  const text = (c: Change, l: Locale) => describeChange(c, translator(l), fmtOf(l)).replace(/\s/g, ' ');

  it('[L6] a change carries a code and structured parameters (amounts as numbers), and its English line is built from them', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.activities.find((x) => x.id === 'a12')!.budget = { amount: 12_000, currency: 'USD' };
    b.activities.find((x) => x.id === 'a13')!.order = 'zz';
    b.outcomes.push({ id: 'oc9', goalId: 'g1', title: 'New outcome', order: 'z', archived: false, responsible: '', sectors: [], source: null });
    const d = diffPlans(a, b);
    const budget = d.changes.find((c) => c.field === 'budget')!;
    expect(budget).toMatchObject({
      code: 'changed',
      params: { entity: { form: 'row', kind: 'activity', id: 'a12', code: '1.1.1.2', name: 'Hold stakeholder workshop to develop draft strategy' }, field: 'budget' },
      from: { amount: 15_000, currency: 'USD' },
      to: { amount: 12_000, currency: 'USD' },
    });
    expect(d.changes.find((c) => c.kind === 'moved')).toMatchObject({ code: 'movedFromTo', params: { fromCode: '1.1.1.3', toCode: '1.1.1.4' } });
    expect(d.changes.find((c) => c.kind === 'added')).toMatchObject({ code: 'added', params: { entity: { form: 'row', kind: 'outcome', code: '1.4', name: 'New outcome' } } });
    // The API's English line and label are the catalogue's English, ISO dates and English numbers.
    for (const c of d.changes) expect(describeChange(c, englishText, ENGLISH_FORMAT)).toBe(c.summary);
    // The same line through i18next's English catalogue (what the browser shows in English).
    for (const c of d.changes) expect(describeChange(c, translator('en'), ENGLISH_FORMAT)).toBe(c.summary);
  });

  it('[L6] the same change reads in French, Spanish and Arabic with the locale\'s numbers', () => {
    const a = handbookMatrix();
    const b = clone(a);
    b.activities.find((x) => x.id === 'a12')!.budget = { amount: 12_000, currency: 'USD' };
    b.activities.find((x) => x.id === 'a14')!.responsible = 'Ministère des Finances';
    const d = diffPlans(a, b);
    const budget = d.changes.find((c) => c.field === 'budget')!;
    // [L100] both amounts in full, as Intl writes money in the reader's locale (the English summary keeps DF5's "15,000 -> 12,000 USD").
    expect(text(budget, 'fr')).toBe(`activité 1.1.1.2 « Hold stakeholder workshop to develop draft strategy » — budget : ${intl('fr', 15_000)} -> ${intl('fr', 12_000)}`);
    expect(text(budget, 'es')).toBe(`actividad 1.1.1.2 «Hold stakeholder workshop to develop draft strategy» — presupuesto: ${intl('es', 15_000)} -> ${intl('es', 12_000)}`);
    expect(text(budget, 'ar')).toBe(`نشاط 1.1.1.2 «Hold stakeholder workshop to develop draft strategy» — الميزانية: ${intl('ar', 15_000)} -> ${intl('ar', 12_000)}`);
    expect(budget.summary).toBe('activity 1.1.1.2 "Hold stakeholder workshop to develop draft strategy" budget 15,000 -> 12,000 USD');
    const responsible = d.changes.find((c) => c.field === 'responsible')!;
    expect(text(responsible, 'fr')).toBe('activité 1.1.1.4 « Facilitate government endorsement and organize launch of policy » — responsable : (aucun) -> « Ministère des Finances »');
  });

  it('[L6] comment counts pick the plural form of each language', () => {
    const change = (count: number): Change => ({
      kind: 'added',
      entity: { kind: 'comment', id: 'goal:g1', label: '' },
      code: 'commentsNew',
      params: { entity: { form: 'row', kind: 'goal', id: 'g1', code: '1', name: 'Water' }, count },
      to: count,
      summary: '',
    });
    expect(describeChange(change(1), englishText, ENGLISH_FORMAT)).toBe('1 new comment on goal 1 "Water"');
    expect(describeChange(change(3), englishText, ENGLISH_FORMAT)).toBe('3 new comments on goal 1 "Water"');
    // [L101] after a preposition the item is named with its article.
    expect(text(change(3), 'fr')).toBe('3 nouveaux commentaires sur l’objectif 1 « Water »');
    expect(text(change(3), 'es')).toBe('3 comentarios nuevos sobre el objetivo 1 «Water»');
    expect(text(change(2), 'ar')).toBe('تعليقان جديدان على الهدف 1 «Water»');
    expect(text(change(5), 'ar')).toBe('5 تعليقات جديدة على الهدف 1 «Water»');
  });

  it('[L101] labels that name a row by its matrix name ("Activité 1.1.1.1") never put it right after a preposition that wants an article', () => {
    const cases: [string, string][] = [
      ['matrix:row.add.outcome', 'goal'],
      ['matrix:row.add.output', 'outcome'],
      ['matrix:row.add.activity', 'output'],
      ['matrix:indicators.newLabel', 'activity'],
      ['funding:fundingOf', 'activity'],
      ['funding:addLineForm', 'activity'],
      ['translations:ui.openOf', 'goal'],
    ];
    const after: Record<'fr' | 'es' | 'ar', RegExp> = { fr: /(?:^|\s)(?:à|de|pour|sur|du)\s\p{Lu}/u, es: /(?:^|\s)(?:a|de|para|sobre)\s\p{Lu}/u, ar: /لـ\s?ال/ };
    for (const l of ['fr', 'es', 'ar'] as const) {
      const t = translator(l);
      for (const [key, kind] of cases) {
        if (l === 'es' && key !== 'translations:ui.openOf') continue; // Spanish reads "a Actividad 1.1" as a name; only the translations toggle was reworded
        const line = t(key, { name: t(`matrix:rowName.${kind}`, { code: '1.1' }) });
        expect(line, `${l} ${key}`).not.toMatch(after[l]);
      }
    }
  });

  it('[L101] [L100] a new parent and a funded row follow a preposition with their article; a funding amount is money in the locale', () => {
    const moved: Change = {
      kind: 'moved',
      entity: { kind: 'activity', id: 'a1', label: '' },
      code: 'movedUnder',
      params: { entity: { form: 'row', kind: 'activity', id: 'a1', code: '1.1.2.1', name: 'Fair' }, parent: { kind: 'output', code: '1.1.2' } },
      summary: '',
    };
    expect(describeChange(moved, englishText, ENGLISH_FORMAT)).toBe('activity 1.1.2.1 "Fair" moved under output 1.1.2');
    expect(text(moved, 'fr')).toBe('Déplacement : activité 1.1.2.1 « Fair » sous le produit 1.1.2');
    expect(text(moved, 'es')).toBe('Movido: actividad 1.1.2.1 «Fair» bajo el producto 1.1.2');
    expect(text(moved, 'ar')).toBe('نقل: نشاط 1.1.2.1 «Fair» تحت المُخرَج 1.1.2');
    const funded: Change = {
      kind: 'changed',
      entity: { kind: 'fundingLine', id: 'f1', label: '' },
      code: 'fundingAmountFor',
      params: { entity: { form: 'fundingLine', kind: 'fundingLine', id: 'f1', funder: 'IOM' }, field: 'amount', status: 'committed', row: { form: 'row', kind: 'activity', id: 'a1', code: '1.1.1.1', name: 'Workshop' } },
      field: 'amount',
      from: { amount: 6_000, currency: 'EUR' },
      to: { amount: 8_000, currency: 'EUR' },
      summary: '',
    };
    expect(describeChange(funded, englishText, ENGLISH_FORMAT)).toBe('funding line IOM 6,000 -> 8,000 EUR committed, for activity 1.1.1.1 "Workshop"');
    expect(text(funded, 'fr')).toBe(`ligne de financement IOM : ${intl('fr', 6_000, 'EUR')} -> ${intl('fr', 8_000, 'EUR')} (engagé), pour l’activité 1.1.1.1 « Workshop »`);
    expect(text(funded, 'es')).toBe(`línea de financiación IOM: ${intl('es', 6_000, 'EUR')} -> ${intl('es', 8_000, 'EUR')} (comprometido), para la actividad 1.1.1.1 «Workshop»`);
    expect(text(funded, 'ar')).toContain(`${intl('ar', 6_000, 'EUR')} -> ${intl('ar', 8_000, 'EUR')}`);
    expect(text(funded, 'ar')).toMatch(/لصالح النشاط 1\.1\.1\.1 «Workshop»$/);
  });
});
