import { describe, it, expect } from 'vitest';
import { rollupBudget } from '../../shared/domain/budget.js';
import { handbookMatrix, plan } from './helpers/fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('budget roll-ups', () => {
  it('[B2] the handbook output 1 (10,000 + 15,000 + 6,000 + 8,000 USD) rolls up to 39,000 USD', () => {
    const r = rollupBudget(handbookMatrix());
    const op1 = r.outputs.find((o) => o.id === 'op1')!;
    expect(op1.planned).toEqual([usd(39_000)]);
    expect(op1.code).toBe('1.1.1');
    expect(r.outcomes.find((o) => o.id === 'oc1')!.planned).toEqual([usd(39_000)]);
    expect(r.goals[0]!.planned).toEqual([usd(39_000)]);
    expect(r.plan.planned).toEqual([usd(39_000)]);
    expect(r.activities.map((a) => a.code)).toEqual(['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4', '1.1.2.1', '1.1.2.2', '1.1.2.3']);
  });

  it('[B3] activities without costs are unknown, not zero', () => {
    const r = rollupBudget(handbookMatrix());
    const op2 = r.outputs.find((o) => o.id === 'op2')!;
    expect(op2.planned).toEqual([]);
    expect(op2.activities).toBe(3);
    expect(op2.unknownPlanned).toBe(3);
    expect(r.plan.unknownPlanned).toBe(3);
    expect(r.plan.activities).toBe(7);
    expect(r.outputs.find((o) => o.id === 'op3')).toMatchObject({ planned: [], activities: 0, unknownPlanned: 0 });
  });

  it('[B1] money is never summed across currencies', () => {
    const p = plan({
      goals: [{ id: 'g', title: 'G' }],
      outcomes: [{ id: 'oc', goalId: 'g', title: 'O' }],
      outputs: [{ id: 'op', outcomeId: 'oc', title: 'P' }],
      activities: [
        { id: 'a', outputId: 'op', title: 'A', budget: usd(100) },
        { id: 'b', outputId: 'op', title: 'B', budget: { amount: 50_000, currency: 'XOF' } },
        { id: 'c', outputId: 'op', title: 'C', budget: usd(0.1) },
        { id: 'd', outputId: 'op', title: 'D', budget: usd(0.2) },
      ],
    });
    expect(rollupBudget(p).plan.planned).toEqual([usd(100.3), { amount: 50_000, currency: 'XOF' }]);
  });

  it('[B4] actual spending comes from review periods, all of them or one', () => {
    const p = handbookMatrix();
    p.reviews.push(
      { id: 'y1', kind: 'yearly', label: 'Y1', start: '2025-01-01', end: '2025-12-31', archived: false, reporting: 'period', baselineSnapshotId: null, activities: [{ activityId: 'a11', expenditure: usd(9_000), result: '', progress: '', risksMaterialised: '' }], indicators: [] },
      { id: 'y2', kind: 'yearly', label: 'Y2', start: '2026-01-01', end: '2026-12-31', archived: false, reporting: 'period', baselineSnapshotId: null, activities: [{ activityId: 'a11', expenditure: usd(500), result: '', progress: '', risksMaterialised: '' }, { activityId: 'a12', expenditure: null, result: 'x', progress: '', risksMaterialised: '' }], indicators: [] },
      { id: 'old', kind: 'final', label: 'old', start: null, end: null, archived: true, reporting: 'period', baselineSnapshotId: null, activities: [{ activityId: 'a11', expenditure: usd(1e6), result: '', progress: '', risksMaterialised: '' }], indicators: [] },
    );
    const all = rollupBudget(p);
    expect(all.activities.find((a) => a.id === 'a11')).toMatchObject({ actual: [usd(9_500)], reported: 1 });
    expect(all.plan.actual).toEqual([usd(9_500)]);
    expect(all.plan.reported).toBe(1);
    expect(rollupBudget(p, { reviewId: 'y2' }).plan.actual).toEqual([usd(500)]);
  });

  it('[B5] secured, pledged and the funding gap', () => {
    const p = handbookMatrix();
    const a = (id: string) => p.activities.find((x) => x.id === id)!;
    a('a11').funding = { kind: 'external', modality: 'project', funder: 'IOM', status: 'secured' };
    a('a12').funding = { kind: 'domestic', modality: null, funder: 'Treasury', status: 'pledged' };
    const r = rollupBudget(p).plan;
    expect(r.secured).toEqual([usd(10_000)]);
    expect(r.pledged).toEqual([usd(15_000)]);
    expect(r.gap).toEqual([usd(29_000)]);
  });

  it('[B6] archived nodes and their subtrees are left out', () => {
    const p = handbookMatrix();
    p.activities.find((x) => x.id === 'a14')!.archived = true;
    p.outputs.find((x) => x.id === 'op2')!.archived = true;
    const r = rollupBudget(p);
    expect(r.plan.planned).toEqual([usd(31_000)]);
    expect(r.plan.activities).toBe(3);
    expect(r.outputs.map((o) => o.id)).not.toContain('op2');
  });

  it('[B7] goal headroom against its resource target', () => {
    const p = handbookMatrix();
    p.goals[0]!.resourceTarget = usd(30_000);
    expect(rollupBudget(p).goals[0]).toMatchObject({ target: usd(30_000), headroom: usd(-9_000) });
    p.goals[0]!.resourceTarget = { amount: 1, currency: 'EUR' };
    expect(rollupBudget(p).goals[0]!.headroom).toEqual({ amount: 1, currency: 'EUR' });
  });
});
