import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePlan, type Issue } from '../../shared/domain/validation.js';
import { ENGLISH_ISSUE_FORMAT, issueText, type IssueFormat } from '../../shared/domain/issue-text.js';
import { formatDate, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { intlTag, type Locale } from '../../shared/i18n/locales.js';
import en from '../../shared/i18n/en/index.js';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';
import { translator } from '../../server/i18n.js';
import type { PlanData } from '../../shared/schema/types.js';
import { plan } from './helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CATALOGUES = { en, fr, es, ar } as const;
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** The rule IDs of SPEC section "S, V: validation". */
function specRules(): Set<string> {
  const spec = fs.readFileSync(path.join(ROOT, 'shared/SPEC.md'), 'utf8');
  const section = spec.split(/^## /m).find((s) => s.startsWith('S, V: validation'))!;
  return new Set([...section.matchAll(/\*\*([SV]\d+)\*\*/g)].map((m) => m[1]!));
}

/** What validation.ts emits itself: each rule ID, and each `context` variant as `<rule>_<context>`. */
function codeKeys(): { rules: Set<string>; variants: Set<string> } {
  const src = fs.readFileSync(path.join(ROOT, 'shared/domain/validation.ts'), 'utf8');
  const rules = new Set<string>();
  const variants = new Set<string>();
  for (const line of src.split('\n')) {
    const rule = /add\('([SV]\d+)'/.exec(line)?.[1];
    if (!rule) continue;
    rules.add(rule);
    for (const m of line.matchAll(/context: (?:[^,}]*\? )?'(\w+)'(?: : '(\w+)')?/g)) for (const c of m.slice(1)) if (c) variants.add(`${rule}_${c}`);
  }
  // completeness() passes its rule through a table: V1, V2.
  for (const m of src.matchAll(/\['(?:outcome|output)', plan\.\w+, '(V\d+)'\]/g)) rules.add(m[1]!);
  return { rules, variants };
}

/** A reader's figures for `locale`, as the browser's `fmt` gives them. */
const formatFor = (locale: Locale): IssueFormat => ({
  number: (n) => formatNumber(locale, n),
  date: (iso) => formatDate(locale, iso),
  money: (amount, currency) => formatMoney(locale, amount, currency),
});

const lineIn = (locale: Locale, i: Issue) => issueText(i, translator(locale), formatFor(locale));
/** Intl's own words for an amount in `locale` (L100): what a reader's issue must show, never "26,000 USD" made in shared/. */
const intlMoney = (locale: Locale, amount: number, currency = 'USD') => new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);

/** A small plan with a few issues: V4 (no end date), V20 (2 criteria unscored), V8, V14. */
function spoilt(): PlanData {
  return plan({
    horizonStart: '2025-01-01',
    horizonEnd: '2029-12-31',
    participants: [{ id: 'p1', name: 'P1', committee: 'imc', imcLevel: 'technical' }],
    criteria: [{ id: 'c1', title: 'C1' }, { id: 'c2', title: 'C2' }],
    goals: [{ id: 'g1', title: 'Jobs', status: 'selected', nationalGoals: ['Reduce poverty'], objective: 'To strengthen skills', start: '2025-01-01', end: '2027-12-31', responsibleParties: ['Ministry'], resourceTarget: usd(20_000) }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Outcome', responsible: 'Ministry' }],
    outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Output', responsible: 'Unit' }],
    activities: [
      { id: 'a1', outputId: 'op1', title: 'Survey', responsible: 'NFP', start: '2025-02-01', end: '2025-03-01', budget: usd(10_000) },
      { id: 'a2', outputId: 'op1', title: 'Train', responsible: 'NFP', start: '2025-02-15', end: '2025-04-01', budget: usd(15_000), dependencies: [{ activityId: 'a1', type: 'chronological' }] },
      { id: 'a3', outputId: 'op1', title: 'Report', responsible: 'NFP', start: '2025-05-01', budget: usd(1_000) },
    ],
    indicators: [{ id: 'i1', nodeId: 'oc1', name: 'Share', target: { value: 10, date: '2027-12-31' }, verification: 'Survey' }],
  });
}

const find = (issues: Issue[], rule: string) => issues.find((i) => i.rule === rule)!;

describe('validation issues as codes and parameters, in four languages (L5, S1-S3, V1-V28)', () => {
  it('[L5] every rule ID of SPEC S, V, and every variant validation emits, has its message in en, fr, es and ar', () => {
    const spec = specRules();
    const { rules, variants } = codeKeys();
    expect(spec.size).toBe(31);
    expect([...rules].sort()).toEqual([...spec].sort());
    expect(variants).toEqual(new Set(['V3_selected', 'V4_start', 'V4_end', 'V5_goal', 'V5_horizon', 'V5_review', 'V7_archived', 'V16_agreed', 'V17_archived', 'V24_indicator']));
    for (const [locale, cat] of Object.entries(CATALOGUES)) {
      const keys = new Set(Object.keys(cat.issues));
      const missing = [...spec, ...variants].filter((k) => !keys.has(k) && !keys.has(`${k}_other`));
      expect(missing, locale).toEqual([]);
    }
  });

  it('[L5] the English message is the one validation has always written, and params carry the parts', () => {
    const issues = validatePlan(spoilt());
    expect(find(issues, 'V4').message).toBe('activity 1.1.1.3 "Report" has no end date');
    expect(find(issues, 'V4').params).toEqual({ context: 'end', row: { kind: 'activity', code: '1.1.1.3', title: 'Report', id: 'a3' } });
    expect(find(issues, 'V8').message).toBe('activity 1.1.1.2 "Train" starts (2025-02-15) before activity 1.1.1.1 "Survey", which must finish first, ends (2025-03-01)');
    expect(find(issues, 'V14').message).toBe('goal 1 "Jobs": planned activity budgets (26,000 USD) exceed its resource target (20,000 USD)');
    expect(find(issues, 'V14').params!.planned).toEqual(usd(26_000));
    expect(find(issues, 'V20').message).toBe('goal 1 "Jobs" is selected without scores on 2 criterion(s)');
    // i18next (as the browser uses it) fills the same catalogue entry into the same sentence.
    for (const i of issues) if (i.params) expect(issueText(i, translator('en'), ENGLISH_ISSUE_FORMAT)).toBe(i.message);
    // An English reader sees dates the English way.
    expect(lineIn('en', find(issues, 'V8'))).toContain('starts (Feb 15, 2025)');
  });

  it('[L5] a French and an Arabic reader get the issue in their language, with their figures and dates', () => {
    const issues = validatePlan(spoilt());
    // [L101] the row is named with its article; [L100] amounts as Intl writes money in the reader's locale.
    expect(lineIn('fr', find(issues, 'V4'))).toBe('l’activité 1.1.1.3 «\u202fReport\u202f» n’a pas de date de fin');
    expect(lineIn('es', find(issues, 'V4'))).toBe('la actividad 1.1.1.3 «Report» no tiene fecha de fin');
    expect(lineIn('ar', find(issues, 'V4'))).toBe('النشاط 1.1.1.3 «Report» بلا تاريخ نهاية');
    expect(lineIn('fr', find(issues, 'V14'))).toBe(`l’objectif 1 «\u202fJobs\u202f»\u202f: les budgets prévus des activités (${intlMoney('fr', 26_000)}) dépassent son objectif de ressources (${intlMoney('fr', 20_000)})`);
    expect(lineIn('es', find(issues, 'V14'))).toBe(`el objetivo 1 «Jobs»: los presupuestos previstos de las actividades (${intlMoney('es', 26_000)}) superan su meta de recursos (${intlMoney('es', 20_000)})`);
    expect(lineIn('ar', find(issues, 'V14'))).toContain(`(${intlMoney('ar', 26_000)})`);
    expect(lineIn('ar', find(issues, 'V14'))).toMatch(/^الهدف 1 «Jobs»/);
    expect(lineIn('fr', find(issues, 'V14'))).not.toContain('26,000 USD');
    // With the article the row's gender shows: a rule about any kind of row is worded without an agreeing participle.
    const hidden: Issue = { rule: 'S3', severity: 'info', message: '', entity: { kind: 'outcome', id: 'oc1' }, params: { row: { kind: 'outcome', code: '1.1', title: 'Outcome', id: 'oc1' } } } as Issue;
    expect(lineIn('fr', hidden)).toBe('l’effet 1.1 «\u202fOutcome\u202f» n’apparaît pas, car un élément au-dessus est archivé');
    expect(lineIn('es', hidden)).toBe('el resultado 1.1 «Outcome» no se muestra porque un elemento superior está archivado');
    expect(lineIn('ar', hidden)).toBe('يتعذّر عرض النتيجة 1.1 «Outcome» لأن عنصرًا في مستوى أعلى مؤرشف');
    const v8 = lineIn('ar', find(issues, 'V8'));
    expect(v8).toContain('يبدأ');
    expect(v8).toContain(formatDate('ar', '2025-02-15'));
    expect(v8).not.toContain('2025-02-15');
    expect(lineIn('ar', find(issues, 'V20'))).toMatch(/^.+ مختار دون درجات على معيارين \(.+\)$/);
  });
});

/** The spoilt plan with what the monitoring and timeline rules report: RV3, IN7, TL3, TL4, TL5, TL6. */
function spoiltMonitoringAndTimeline(): PlanData {
  const base = spoilt();
  const p = plan({
    ...base,
    format: 'roundtable-plan/1',
    indicators: [{ id: 'i1', nodeId: 'oc1', name: 'Share', target: { value: 10, date: '2027-12-31' }, verification: 'Survey', disaggregation: ['sex'] }],
    activities: [
      ...base.activities,
      { id: 'a4', outputId: 'op1', title: 'Fair', responsible: 'NFP', start: '2025-01-01', end: '2025-03-31' },
      { id: 'a5', outputId: 'op1', title: 'Radio', responsible: 'NFP', start: '2025-05-01', end: '2025-06-30', dependencies: [{ activityId: 'a4', type: 'parallel' }] },
      { id: 'a6', outputId: 'op1', title: 'Mentors', responsible: 'NFP', start: '2025-06-01', end: '2025-07-01', dependencies: [{ activityId: 'a4', type: 'overlapping' }] },
      { id: 'a7', outputId: 'op1', title: 'Review', responsible: 'NFP', end: '2025-08-01', dependencies: [{ activityId: 'a3', type: 'chronological' }] },
      { id: 'a8', outputId: 'op1', title: 'Loop A', responsible: 'NFP', dependencies: [{ activityId: 'a9', type: 'overlapping' }] },
      { id: 'a9', outputId: 'op1', title: 'Loop B', responsible: 'NFP', dependencies: [{ activityId: 'a8', type: 'chronological' }] },
    ],
  });
  const review = (id: string, start: string, end: string, spent: number, indicators: PlanData['reviews'][number]['indicators'] = []): PlanData['reviews'][number] => ({
    id, kind: 'yearly', label: `Review ${id}`, start, end, archived: false, reporting: 'period', baselineSnapshotId: null,
    activities: [{ activityId: 'a1', expenditure: usd(spent), result: '', progress: '', risksMaterialised: '' }],
    indicators,
  });
  p.reviews.push(
    review('y1', '2025-01-01', '2025-12-31', 9_000, [{ indicatorId: 'i1', value: 10, note: '', parts: [{ dimension: 'sex', category: 'f', value: 6 }, { dimension: 'sex', category: 'm', value: 5 }] }]),
    review('mid', '2025-07-01', '2026-06-30', 4_000),
  );
  return p;
}

describe('monitoring and timeline issues as codes and parameters (L10, RV3, IN7, TL3-TL6)', () => {
  it('[L10] every monitoring and timeline issue carries params; i18next makes its English message, and fr, es, ar their own words', () => {
    const issues = validatePlan(spoiltMonitoringAndTimeline()).filter((i) => /^(RV|IN|TL)\d/.test(i.rule));
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['RV3', 'IN7', 'TL3', 'TL4', 'TL5', 'TL6']));
    for (const i of issues) {
      expect(i.params, i.rule).toBeDefined();
      expect(issueText(i, translator('en'), ENGLISH_ISSUE_FORMAT), i.rule).toBe(i.message);
      for (const l of ['fr', 'es', 'ar'] as const) {
        const line = lineIn(l, i);
        expect(line, `${l} ${i.rule}`).not.toBe(i.message);
        // No English left: no sentence words, and no ISO date where the reader has their own.
        expect(line, `${l} ${i.rule}`).not.toMatch(/\b(review|activity|should|cannot|parts by|the start date)\b/);
        expect(line, `${l} ${i.rule}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
    expect(find(issues, 'IN7').message).toBe('review "Review y1", indicator "Share": parts by sex add up to 11, not the total 10');
    expect(lineIn('fr', find(issues, 'IN7'))).toBe('revue «\u202fReview y1\u202f», indicateur «\u202fShare\u202f»\u202f: les parts par sex font 11 au total, et non 10');
    expect(lineIn('fr', find(issues, 'TL5'))).toBe(
      `l’activité 1.1.1.7 «\u202fReview\u202f»\u202f: sa dépendance chronologique envers l’activité 1.1.1.3 «\u202fReport\u202f» ne peut pas être vérifiée sans la date de fin de l’activité 1.1.1.3 «\u202fReport\u202f», la date de début de cette activité`,
    );
    expect(lineIn('ar', find(issues, 'RV3'))).toContain('المراجعة «Review y1»');
    expect(lineIn('ar', find(issues, 'TL4'))).toContain(formatDate('ar', '2025-06-01'));
    expect(find(issues, 'TL6')).toMatchObject({ severity: 'error', params: { context: 'impossible' } });
  });
});
