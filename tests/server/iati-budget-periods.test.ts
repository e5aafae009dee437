import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderIati } from '../../server/export/iati.js';
import type { FundingLine, PlanData } from '../../shared/schema/types.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { IATI_XSD, iatiPlan, xsdProblems } from './iati-helpers.js';

const render = (plan: PlanData) => renderIati({ plan, snapshot: null, params: {}, generatedAt: '2026-12-01T18:00:00.000Z' }) as string;

const line = (id: string, activityId: string, l: Partial<FundingLine>): FundingLine => ({
  id, activityId, funder: 'Sweden', stakeholderId: null, amount: null, status: 'pledged', source: 'new-money', budgetLine: '', iatiActivityId: '', order: id, archived: false, ...l,
});

/** The budgets of the child activity whose row id is `id`: [status, start, end, value]. */
function budgetsOf(xml: string, id: string): [string, string, string, number][] {
  const child = xml.split('<iati-activity ').find((c) => c.includes(`<iati-identifier>XM-DAC-47066-plan-1-${id}</iati-identifier>`))!;
  return [...child.matchAll(/<budget type="1" status="(\d)"><period-start iso-date="([^"]+)"\/><period-end iso-date="([^"]+)"\/><value currency="USD"[^>]*>([0-9.]+)<\/value><\/budget>/g)].map((m) => [m[1]!, m[2]!, m[3]!, Number(m[4])]);
}

/** Days from `a` to `b` inclusive. */
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;

describe('IATI budgets per period with funding lines (SPEC I5, I10)', () => {
  it('[I5] an activity over three fiscal years has one budget per period of at most 12 months, adding up to its budget; status follows its funding lines; valid against the XSD', (ctx) => {
    const p = iatiPlan();
    // Activity 1.1.1.2 runs the whole horizon (34 months) with 15,000 USD; 1.1.1.1 (18 months, 10,000 USD) is pledged only.
    Object.assign(p.activities.find((a) => a.id === 'a12')!, { start: '2026-03-01', end: '2028-12-31' });
    p.fundingLines = [
      line('f1', 'a11', { amount: { amount: 4_000, currency: 'USD' }, status: 'pledged' }),
      line('f2', 'a12', { amount: { amount: 9_000, currency: 'USD' }, status: 'committed', iatiActivityId: 'XM-DAC-10-1-2026' }),
      line('f3', 'a12', { amount: { amount: 1_000, currency: 'USD' }, status: 'disbursed', source: 'national-budget' }),
    ];
    const xml = render(p);
    const threeYears = budgetsOf(xml, 'a12');
    expect(threeYears.map(([status, start, end]) => [status, start, end])).toEqual([
      ['2', '2026-03-01', '2027-02-28'],
      ['2', '2027-03-01', '2028-02-29'],
      ['2', '2028-03-01', '2028-12-31'],
    ]);
    expect(threeYears.reduce((s, b) => s + b[3], 0)).toBeCloseTo(15_000, 6);
    const pledged = budgetsOf(xml, 'a11');
    expect(pledged.map(([status, start, end]) => [status, start, end])).toEqual([
      ['1', '2026-03-01', '2027-02-28'],
      ['1', '2027-03-01', '2027-08-31'],
    ]);
    expect(pledged.reduce((s, b) => s + b[3], 0)).toBeCloseTo(10_000, 6);
    for (const [, start, end] of [...threeYears, ...pledged]) expect(days(start, end)).toBeLessThanOrEqual(366);
    // Committing the pledge makes every period of that activity committed.
    p.fundingLines[0]!.status = 'committed';
    expect(budgetsOf(render(p), 'a11').map(([status]) => status)).toEqual(['2', '2']);

    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(xsdProblems(xml)).toBe('');
  });
});
