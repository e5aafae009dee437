import { describe, it, expect } from 'vitest';
import { rollupBudget } from '../../shared/domain/budget.js';
import { fiscalYear, rateInForce, splitByFiscalYear, formatRate } from '../../shared/domain/currency.js';
import { diffPlans } from '../../shared/domain/diff.js';
import { handbookMatrix, plan } from './helpers/fixtures.js';
import type { PlanData } from '../../shared/schema/types.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const money = (amount: number, currency: string) => ({ amount, currency });

/** One goal > outcome > output with the given activities and funding lines. */
function small(input: Record<string, unknown>): PlanData {
  return plan({
    goals: [{ id: 'g', title: 'G' }],
    outcomes: [{ id: 'oc', goalId: 'g', title: 'O' }],
    outputs: [{ id: 'op', outcomeId: 'oc', title: 'P' }],
    ...input,
  });
}

describe('funding lines and gaps', () => {
  it('[FN3] the co-financed activity: 10,000 planned, 6,000 from a donor and 2,000 from the budget committed: gap 2,000', () => {
    const p = small({
      currency: 'USD',
      activities: [{ id: 'a', outputId: 'op', title: 'A', budget: usd(10_000) }],
      fundingLines: [
        { id: 'f1', activityId: 'a', funder: 'IOM', amount: usd(6_000), status: 'committed', source: 'new-money' },
        { id: 'f2', activityId: 'a', funder: 'Ministry of Finance', amount: usd(2_000), status: 'committed', source: 'national-budget', budgetLine: '23.04.01' },
      ],
    });
    const r = rollupBudget(p);
    const a = r.activities[0]!;
    expect(a.gap).toEqual([usd(2_000)]);
    expect(a.committed).toEqual([usd(8_000)]);
    expect(a.converted).toMatchObject({ currency: 'USD', planned: 10_000, committed: 8_000, gap: 2_000, missing: [] });
    for (const level of [r.outputs[0]!, r.outcomes[0]!, r.goals[0]!, r.plan]) expect(level.gap).toEqual([usd(2_000)]);
  });

  it('[FN3] pledged money is shown but does not close the gap; disbursed money does', () => {
    const p = small({
      activities: [{ id: 'a', outputId: 'op', title: 'A', budget: usd(10_000) }],
      fundingLines: [
        { id: 'f1', activityId: 'a', funder: 'EU', amount: usd(5_000), status: 'pledged' },
        { id: 'f2', activityId: 'a', funder: 'IOM', amount: usd(3_000), status: 'disbursed' },
        { id: 'f3', activityId: 'a', funder: 'Gone', amount: usd(2_000), status: 'committed', archived: true },
      ],
    });
    const a = rollupBudget(p).activities[0]!;
    expect(a).toMatchObject({ pledged: [usd(5_000)], disbursed: [usd(3_000)], committed: [], secured: [usd(3_000)], gap: [usd(7_000)] });
  });

  it('[FN2] an activity with the old funding record and no lines counts as before; lines replace the record', () => {
    const p = handbookMatrix();
    const a = (id: string) => p.activities.find((x) => x.id === id)!;
    a('a11').funding = { kind: 'external', modality: 'project', funder: 'IOM', status: 'secured' };
    a('a12').funding = { kind: 'domestic', modality: null, funder: 'Treasury', status: 'pledged' };
    let r = rollupBudget(p);
    expect(r.plan).toMatchObject({ secured: [usd(10_000)], pledged: [usd(15_000)], gap: [usd(29_000)] });
    expect(r.fundingLines.map((l) => [l.id, l.funder, l.status, l.source, l.amount?.amount])).toEqual([
      [null, 'IOM', 'committed', 'new-money', 10_000],
      [null, 'Treasury', 'pledged', 'national-budget', 15_000],
    ]);
    // A line on a11 replaces its old record.
    p.fundingLines.push({ id: 'f', activityId: 'a11', funder: 'IOM', stakeholderId: null, amount: usd(4_000), status: 'committed', source: 'new-money', budgetLine: '', iatiActivityId: '', order: 'a', archived: false });
    r = rollupBudget(p);
    expect(r.activities.find((x) => x.id === 'a11')!.gap).toEqual([usd(6_000)]);
    expect(r.plan.gap).toEqual([usd(35_000)]);
  });

  it('[B2] the handbook Output 1 still rolls up to 39,000 USD with funding lines present', () => {
    const p = handbookMatrix();
    p.fundingLines.push({ id: 'f', activityId: 'a13', funder: 'UNDP', stakeholderId: null, amount: usd(6_000), status: 'committed', source: 'new-money', budgetLine: '', iatiActivityId: '', order: 'a', archived: false });
    const op1 = rollupBudget(p).outputs.find((o) => o.id === 'op1')!;
    expect(op1.planned).toEqual([usd(39_000)]);
    expect(op1.gap).toEqual([usd(33_000)]);
  });

  it('[FN4][B11] the funding-by-source summary: per funder and per source, by status', () => {
    const p = small({
      currency: 'USD',
      activities: [
        { id: 'a', outputId: 'op', title: 'A', budget: usd(10_000) },
        { id: 'b', outputId: 'op', title: 'B', budget: usd(4_000), funding: { kind: 'domestic', status: 'secured', funder: 'Treasury' } },
      ],
      fundingLines: [
        { id: 'f1', activityId: 'a', funder: 'IOM', amount: usd(6_000), status: 'committed', source: 'new-money' },
        { id: 'f2', activityId: 'a', funder: ' iom ', amount: usd(1_000), status: 'pledged', source: 'new-money' },
        { id: 'f3', activityId: 'a', funder: '', amount: null, status: 'pledged', source: 'national-budget' },
      ],
    });
    const s = rollupBudget(p).bySource;
    expect(s.funders.map((f) => [f.label, f.pledged, f.committed, f.lines, f.unknownAmount])).toEqual([
      ['(funder not named)', [], [], 1, 1],
      ['IOM', [usd(1_000)], [usd(6_000)], 2, 0],
      ['Treasury', [], [usd(4_000)], 1, 0],
    ]);
    expect(s.sources.map((f) => [f.key, f.committed, f.converted?.committed])).toEqual([
      ['national-budget', [usd(4_000)], 4_000],
      ['new-money', [usd(6_000)], 6_000],
    ]);
  });
});

describe('currencies', () => {
  /** An MDL plan with EUR and USD funding. */
  function mdlPlan(rates: unknown[]): PlanData {
    return small({
      currency: 'MDL',
      activities: [
        { id: 'a', outputId: 'op', title: 'A', budget: money(100_000, 'MDL') },
        { id: 'b', outputId: 'op', title: 'B', budget: money(1_000, 'EUR') },
      ],
      fundingLines: [
        { id: 'f1', activityId: 'a', funder: 'EU', amount: money(2_000, 'EUR'), status: 'committed' },
        { id: 'f2', activityId: 'a', funder: 'USAID', amount: money(1_000, 'USD'), status: 'disbursed' },
        { id: 'f3', activityId: 'a', funder: 'Treasury', amount: money(10_000, 'MDL'), status: 'committed', source: 'national-budget' },
      ],
      exchangeRates: rates,
    });
  }

  it('[CU2][B10] an MDL plan with EUR and USD funding totals correctly at the given rates, and shows them', () => {
    const p = mdlPlan([
      { id: 'r1', currency: 'EUR', quote: 'MDL', rate: 19.5, date: '2026-01-01' },
      { id: 'r2', currency: 'EUR', quote: 'MDL', rate: 20, date: '2026-07-01' },
      // Entered the other way round: 1 MDL = 0.05 USD, so 1 USD = 20 MDL.
      { id: 'r3', currency: 'MDL', quote: 'USD', rate: 0.05, date: '2026-01-01' },
    ]);
    const r = rollupBudget(p, { asOf: '2026-03-31' });
    // planned 100,000 MDL + 1,000 EUR * 19.5; committed 2,000 EUR * 19.5 + 10,000 MDL; disbursed 1,000 USD * 20.
    expect(r.plan.converted).toEqual({ currency: 'MDL', planned: 119_500, actual: 0, committed: 49_000, disbursed: 20_000, pledged: 0, gap: 50_500, missing: [] });
    expect(r.plan.planned).toEqual([money(1_000, 'EUR'), money(100_000, 'MDL')]);
    expect(r.rates.map(formatRate)).toEqual(['1 EUR = 19.5 MDL (value date 2026-01-01)', '1 USD = 20 MDL (value date 2026-01-01)']);
    expect(r.asOf).toBe('2026-03-31');
    // Without a date the latest rate of each pair is in force.
    expect(rollupBudget(p).plan.converted!.planned).toBe(120_000);
    expect(rollupBudget(p).fundingLines.map((l) => l.converted)).toEqual([40_000, 20_000, 10_000]);
  });

  it('[CU3] a missing rate is named and the totals it touches are null, never a silently wrong number', () => {
    const p = mdlPlan([{ id: 'r1', currency: 'EUR', quote: 'MDL', rate: 19.5, date: '2026-01-01' }]);
    const r = rollupBudget(p);
    expect(r.missingRates).toEqual(['USD']);
    expect(r.plan.converted).toMatchObject({ planned: 119_500, committed: 49_000, disbursed: null, gap: null, missing: ['USD'] });
    expect(r.activities.find((a) => a.id === 'b')!.converted).toMatchObject({ planned: 19_500, gap: 19_500, missing: [] });
    // A rate whose value date is after the date asked for is not in force yet.
    expect(rollupBudget(p, { asOf: '2025-12-31' }).missingRates).toEqual(['EUR', 'USD']);
  });

  it('[CU2] the rate in force: latest value date on or before the date, direct before inverted, archived ignored', () => {
    const rates = [
      { id: 'a', currency: 'EUR', quote: 'MDL', rate: 19, date: '2026-01-01', archived: false },
      { id: 'b', currency: 'MDL', quote: 'EUR', rate: 0.05, date: '2026-02-01', archived: false },
      { id: 'c', currency: 'EUR', quote: 'MDL', rate: 21, date: '2026-02-01', archived: false },
      { id: 'd', currency: 'EUR', quote: 'MDL', rate: 99, date: '2026-02-15', archived: true },
    ];
    expect(rateInForce(rates, 'EUR', 'MDL', '2026-01-31')).toMatchObject({ rate: 19, rateId: 'a' });
    expect(rateInForce(rates, 'EUR', 'MDL', '2026-02-20')).toMatchObject({ rate: 21, rateId: 'c', inverted: false });
    expect(rateInForce(rates, 'MDL', 'EUR', null)).toMatchObject({ rateId: 'b', rate: 0.05 });
    expect(rateInForce(rates, 'EUR', 'MDL', '2025-12-31')).toBeNull();
  });

  it('[CU4] fiscal years start in any month', () => {
    expect(fiscalYear(2026, 1)).toEqual({ label: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(fiscalYear(2026, 7)).toEqual({ label: '2026/27', start: '2026-07-01', end: '2027-06-30' });
    expect(fiscalYear(2027, 3)).toEqual({ label: '2027/28', start: '2027-03-01', end: '2028-02-29' });
    const split = splitByFiscalYear(3_650, '2026-01-01', '2026-12-31', 7);
    expect(split.map(([y]) => y)).toEqual([2025, 2026]);
    expect(split[0]![1] + split[1]![1]).toBeCloseTo(3_650, 9);
    expect(split[0]![1]).toBeCloseTo((3_650 * 181) / 365, 9);
  });

  it('[CU5] budgets per fiscal year: dated budgets spread over their days, undated ones listed apart', () => {
    const p = small({
      currency: 'USD',
      fiscalYearStart: 7,
      activities: [
        { id: 'a', outputId: 'op', title: 'A', budget: usd(1_000), start: '2026-07-01', end: '2026-12-31' },
        { id: 'b', outputId: 'op', title: 'B', budget: usd(3_650), start: '2026-01-01', end: '2026-12-31' },
        { id: 'c', outputId: 'op', title: 'C', budget: money(500, 'EUR') },
      ],
    });
    const f = rollupBudget(p).fiscal;
    expect(f.startMonth).toBe(7);
    expect(f.years.map((y) => [y.label, y.planned])).toEqual([
      ['2025/26', [usd(1_810)]],
      ['2026/27', [usd(2_840)]],
    ]);
    expect(f.unscheduled).toEqual([money(500, 'EUR')]);
    expect(f.years[0]!.converted).toBe(1_810);
  });
});

describe('cost', () => {
  it('[B9] the roll-up reads each activity a fixed number of times, whatever the plan size', () => {
    const reads = (n: number): number => {
      const activities = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, outputId: 'op', title: `A${i}`, budget: usd(i) }));
      const p = small({ activities });
      let count = 0;
      p.activities = new Proxy(p.activities, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count++;
          return Reflect.get(target, key, receiver);
        },
      });
      rollupBudget(p);
      return count;
    };
    const small1 = reads(500);
    expect(small1).toBeLessThanOrEqual(500 * 3);
    expect(reads(5_000)).toBe(small1 * 10);
  });
});

describe('diff of funding lines', () => {
  it('[FN7] a changed amount reads "funding line IOM 6,000 -> 8,000 USD committed", with the row it funds', () => {
    const before = small({
      activities: [{ id: 'a', outputId: 'op', title: 'Workshop', budget: usd(10_000) }],
      fundingLines: [{ id: 'f1', activityId: 'a', funder: 'IOM', amount: usd(6_000), status: 'committed' }],
      exchangeRates: [],
    });
    const after = structuredClone(before);
    after.fundingLines[0]!.amount = usd(8_000);
    after.fundingLines.push({ ...after.fundingLines[0]!, id: 'f2', funder: 'Treasury', amount: usd(1_000), source: 'national-budget' });
    after.exchangeRates.push({ id: 'r', currency: 'EUR', quote: 'USD', rate: 1.1, date: '2026-01-01', archived: false });
    const summaries = diffPlans(before, after).changes.map((c) => c.summary);
    expect(summaries).toEqual([
      'funding line Treasury added',
      'funding line IOM 6,000 -> 8,000 USD committed, for activity 1.1.1.1 "Workshop"',
      'exchange rate EUR/USD of 2026-01-01 added',
    ]);
  });
});
