import { describe, it, expect } from 'vitest';
import { rollupBudget } from '../../shared/domain/budget.js';
import { validatePlan } from '../../shared/domain/validation.js';
import {
  baselineRows,
  checkReadingParts,
  countedReports,
  progressPercent,
  progressRollup,
  reviewCoverage,
  targetAt,
} from '../../shared/domain/monitoring.js';
import type { Indicator, PlanData, Review } from '../../shared/schema/types.js';
import { handbookMatrix } from './helpers/fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

function review(id: string, start: string | null, end: string | null, spent: Record<string, number>, over: Partial<Review> = {}): Review {
  return {
    id, kind: 'yearly', label: id, start, end, archived: false, reporting: 'period', baselineSnapshotId: null,
    activities: Object.entries(spent).map(([activityId, amount]) => ({ activityId, expenditure: usd(amount), result: '', progress: '', risksMaterialised: '' })),
    indicators: [],
    ...over,
  };
}

function indicator(id: string, nodeId: string, over: Partial<Indicator> = {}): Indicator {
  return {
    id, nodeId, name: id, kind: null, level: null, unit: '', baseline: null, target: null, disaggregation: [], verification: 'x', source: '',
    order: 'a', archived: false, measurement: 'quantitative', frequency: null, periodTargets: [], ...over,
  };
}

const actual = (p: PlanData, id: string) => rollupBudget(p).activities.find((a) => a.id === id)!.actual;

describe('reviews (RV) and indicators (IN)', () => {
  it('[RV1] a period review covers its dates; a cumulative one everything up to its end', () => {
    expect(reviewCoverage(review('y1', '2027-01-01', '2027-12-31', {}))).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(reviewCoverage(review('m', '2027-01-01', '2028-06-30', {}, { reporting: 'cumulative' }))).toEqual({ from: null, to: '2028-06-30' });
    expect(reviewCoverage(review('n', null, '2027-12-31', {}))).toBeNull();
  });

  it('[RV2] a Year-1 review and a mid-term review covering Year 1 that both report 9,000 USD on activity 1.1 give 9,000 spent', () => {
    const p = handbookMatrix();
    p.reviews.push(
      review('y1', '2027-01-01', '2027-12-31', { a11: 9_000 }),
      review('mid', '2027-01-01', '2028-06-30', { a11: 9_000 }, { kind: 'mid-term' }),
    );
    expect(actual(p, 'a11')).toEqual([usd(9_000)]);
    expect(rollupBudget(p).outputs.find((o) => o.id === 'op1')!.actual).toEqual([usd(9_000)]);
    expect(countedReports(p).map((c) => [c.reviewId, c.status, c.by])).toEqual([['mid', 'counted', undefined], ['y1', 'inside', 'mid']]);
    // The same as cumulative reporting: the mid-term's figure is everything up to its end.
    p.reviews[1]!.reporting = 'cumulative';
    p.reviews[1]!.start = null;
    expect(actual(p, 'a11')).toEqual([usd(9_000)]);
    // One review on request still gives its own figure (B4).
    expect(rollupBudget(p, { reviewId: 'y1' }).activities.find((a) => a.id === 'a11')!.actual).toEqual([usd(9_000)]);
    // The planned total of the handbook's Output 1 is untouched (B2).
    expect(rollupBudget(p).outputs.find((o) => o.id === 'op1')!.planned).toEqual([usd(39_000)]);
  });

  it('[RV2] periods that do not overlap add up; each activity is judged on its own reports', () => {
    const p = handbookMatrix();
    p.reviews.push(
      review('y1', '2027-01-01', '2027-12-31', { a11: 9_000, a12: 1_000 }),
      review('y2', '2028-01-01', '2028-12-31', { a11: 500 }),
      review('mid', '2027-01-01', '2028-06-30', { a12: 3_000 }, { reporting: 'cumulative' }),
    );
    expect(actual(p, 'a11')).toEqual([usd(9_500)]);
    // a12: the cumulative mid-term (3,000 up to June 2028) contains Year 1's 1,000.
    expect(actual(p, 'a12')).toEqual([usd(3_000)]);
    expect(rollupBudget(p).plan.actual).toEqual([usd(12_500)]);
  });

  it('[RV3] a report overlapping a counted one only in part is left out and named in the issues', () => {
    const p = handbookMatrix();
    p.reviews.push(review('y1', '2027-01-01', '2027-12-31', { a11: 9_000 }), review('mid', '2027-07-01', '2028-06-30', { a11: 4_000 }));
    expect(actual(p, 'a11')).toEqual([usd(4_000)]);
    const issues = validatePlan(p).filter((i) => i.rule === 'RV3');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', entity: { kind: 'review', id: 'y1' } })]);
    expect(issues[0]!.message).toContain('activity 1.1.1.1');
  });

  it('[IN1] indicators may sit on activities: the handbook puts four in activity 1.1', () => {
    const p = handbookMatrix();
    for (const n of ['# of consultations held', 'Diversity of stakeholders included', 'Map of stakeholders completed', 'Priority chart drawn up']) {
      p.indicators.push(indicator(`i${p.indicators.length}`, 'a11', { name: n, target: { value: 1, date: null } }));
    }
    expect(validatePlan(p).filter((i) => i.entity.kind === 'indicator' && i.severity === 'error')).toEqual([]);
    expect(validatePlan(p).some((i) => i.rule === 'V12')).toBe(false);
  });

  it('[IN3] the target at a review: the period holding its end, else the last one ended, else the overall target', () => {
    const ind = indicator('i', 'a11', {
      target: { value: 100, date: '2029-12-31' },
      periodTargets: [{ start: '2028-01-01', end: '2028-12-31', value: 60 }, { start: null, end: '2027-12-31', value: 30 }],
    });
    expect(targetAt(ind, '2027-12-31')).toEqual({ value: 30, from: 'period', by: '2027-12-31' });
    expect(targetAt(ind, '2028-06-30')).toEqual({ value: 60, from: 'period', by: '2028-12-31' });
    expect(targetAt(ind, '2029-06-30')).toEqual({ value: 60, from: 'period', by: '2028-12-31' });
    expect(targetAt({ ...ind, periodTargets: [{ start: '2028-01-01', end: '2028-12-31', value: 60 }] }, '2027-06-30')).toEqual({ value: 100, from: 'overall', by: '2029-12-31' });
    expect(targetAt(ind, null)).toEqual({ value: 100, from: 'overall', by: '2029-12-31' });
  });

  it('[IN4] progress = (actual - baseline) / (target - baseline) in %, null where it cannot be said', () => {
    const ind = indicator('i', 'a11', { baseline: { value: 20, date: null } });
    expect(progressPercent(ind, 50, 80)).toBe(50);
    expect(progressPercent(ind, 110, 80)).toBe(150);
    expect(progressPercent(indicator('j', 'a11'), 3, 12)).toBe(25);
    expect(progressPercent(ind, null, 80)).toBeNull();
    expect(progressPercent(ind, 50, null)).toBeNull();
    expect(progressPercent(ind, 50, 20)).toBeNull();
    expect(progressPercent({ ...ind, measurement: 'qualitative' }, 50, 80)).toBeNull();
  });

  it('[IN5] [IN6] progress per indicator, then per activity, output, outcome, goal and plan (clamped mean)', () => {
    const p = handbookMatrix();
    p.indicators.push(
      indicator('i1', 'a11', { target: { value: 10, date: null } }),
      indicator('i2', 'a12', { target: { value: 4, date: null } }),
      indicator('i3', 'op1', { target: { value: 100, date: null }, periodTargets: [{ start: null, end: '2027-12-31', value: 50 }] }),
      indicator('i4', 'oc1', { target: { value: 1, date: null }, measurement: 'qualitative' }),
    );
    p.reviews.push(review('y1', '2027-01-01', '2027-12-31', {}, {
      indicators: [
        { indicatorId: 'i1', value: 5, note: '', parts: [] },
        { indicatorId: 'i2', value: 6, note: '', parts: [] },
        { indicatorId: 'i3', value: 20, note: '', parts: [] },
        { indicatorId: 'i4', value: 1, note: '', parts: [] },
      ],
    }));
    const r = progressRollup(p, 'y1');
    expect(r.indicators.map((i) => [i.indicatorId, i.percent])).toEqual([['i1', 50], ['i2', 150], ['i3', 40], ['i4', null]]);
    expect(r.nodes.get('a11')!.percent).toBe(50);
    // Output 1: i1 50, i2 150 -> 100, i3 40: mean 63.33.
    expect(r.nodes.get('op1')!.percent).toBeCloseTo(190 / 3);
    expect(r.nodes.get('oc1')).toMatchObject({ measured: 3, indicators: 4 });
    expect(r.nodes.get('g1')!.percent).toBeCloseTo(190 / 3);
    expect(r.plan.percent).toBeCloseTo(190 / 3);
    expect(r.nodes.get('op2')!.percent).toBeNull();
  });

  it('[IN7] actuals per disaggregation must add up to the total, per dimension, and are listed as issues', () => {
    const ind = indicator('i', 'a11', { disaggregation: ['sex', 'age'] });
    const reading = (value: number | null, parts: { dimension: string; category: string; value: number }[]) => ({ indicatorId: 'i', value, note: '', parts });
    expect(checkReadingParts(ind, reading(10, [{ dimension: 'sex', category: 'female', value: 6 }, { dimension: 'sex', category: 'male', value: 4 }, { dimension: 'age', category: '<25', value: 10 }]))).toEqual([]);
    expect(checkReadingParts(ind, reading(10, [{ dimension: 'sex', category: 'female', value: 6 }, { dimension: 'sex', category: 'male', value: 5 }])).map((x) => x.message)).toEqual(['parts by sex add up to 11, not the total 10']);
    expect(checkReadingParts(ind, reading(null, [{ dimension: 'sex', category: 'female', value: 6 }])).map((x) => x.message)).toEqual(['parts by sex are given but the total is not']);
    expect(checkReadingParts(ind, reading(6, [{ dimension: 'region', category: 'north', value: 6 }])).map((x) => x.message)[0]).toContain('"region" is not one of');
    expect(checkReadingParts(ind, reading(6, [{ dimension: 'sex', category: 'f', value: 3 }, { dimension: 'sex', category: 'f', value: 3 }])).map((x) => x.message)).toEqual(['sex "f" is given twice']);
    const p = handbookMatrix();
    p.indicators.push(ind);
    p.reviews.push(review('y1', '2027-01-01', '2027-12-31', {}, { indicators: [reading(10, [{ dimension: 'sex', category: 'female', value: 6 }, { dimension: 'sex', category: 'male', value: 5 }])] }));
    const issues = validatePlan(p).filter((i) => i.rule === 'IN7');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', entity: { kind: 'review', id: 'y1' } })]);
    expect(issues[0]!.message).toContain('add up to 11, not the total 10');
  });

  it('[RV4] [RV5] a review bound to an agreed version keeps its targets and budgets and names what changed since', () => {
    const agreed = handbookMatrix();
    agreed.indicators.push(indicator('i1', 'a11', { name: '# of consultations held', target: { value: 12, date: null } }));
    agreed.reviews.push(review('y1', '2027-01-01', '2027-12-31', {}, { baselineSnapshotId: 'snap1', indicators: [{ indicatorId: 'i1', value: 6, note: '', parts: [] }] }));
    const live: PlanData = structuredClone(agreed);
    live.indicators[0]!.target = { value: 20, date: null };
    live.activities.find((a) => a.id === 'a11')!.budget = usd(14_000);
    const rows = baselineRows(agreed, live);
    const i1 = rows.find((r) => r.id === 'i1')!;
    expect(i1).toMatchObject({ agreedTarget: 12, liveTarget: 20 });
    expect(i1.changes.map((c) => c.summary)).toEqual(['indicator "# of consultations held" target 12 -> 20']);
    const a11 = rows.find((r) => r.id === 'a11')!;
    expect(a11).toMatchObject({ agreedBudget: usd(10_000), liveBudget: usd(14_000) });
    expect(a11.changes.map((c) => c.summary)).toEqual(['activity 1.1.1.1 "Conduct consultations with Government and other stakeholders" budget 10,000 -> 14,000 USD']);
    // Progress is measured against the agreed target (6 of 12 = 50 %), not the live one (6 of 20).
    expect(progressRollup(live, 'y1', agreed).indicators[0]!.percent).toBe(50);
    expect(progressRollup(live, 'y1').indicators[0]!.percent).toBe(30);
  });
});

describe('diff lines for monitoring (RV6)', () => {
  it('[RV6] review entries, readings and period targets read as sentences', async () => {
    const { diffPlans } = await import('../../shared/domain/diff.js');
    const a = handbookMatrix();
    a.indicators.push(indicator('i1', 'a11', { name: 'Consultations held', disaggregation: ['sex'] }));
    a.reviews.push(review('y1', '2027-01-01', '2027-12-31', { a11: 9_000 }, { label: 'Year 1', indicators: [{ indicatorId: 'i1', value: 4, note: '', parts: [] }] }));
    const b: PlanData = structuredClone(a);
    b.reviews[0]!.activities[0]!.expenditure = usd(9_500);
    b.reviews[0]!.indicators[0] = { indicatorId: 'i1', value: 5, note: '', parts: [{ dimension: 'sex', category: 'female', value: 3 }, { dimension: 'sex', category: 'male', value: 2 }] };
    b.indicators[0]!.periodTargets = [{ start: null, end: '2027-12-31', value: 6 }];
    b.reviews[0]!.reporting = 'cumulative';
    const lines = diffPlans(a, b).changes.map((c) => c.summary);
    expect(lines).toEqual([
      'indicator "Consultations held" period targets (none) -> 6 by 2027-12-31',
      'review "Year 1" reporting "period" -> "cumulative"',
      'review "Year 1" activity 1.1.1.1 "Conduct consultations with Government and other stakeholders" expenditure 9,000 -> 9,500 USD',
      'review "Year 1" indicator "Consultations held" value 4 -> 5',
      'review "Year 1" indicator "Consultations held" parts (none) -> sex female 3, sex male 2',
    ]);
  });
});

describe('old plans (IN2)', () => {
  it('[IN2] a plan file written before the monitoring fields loads with their defaults', async () => {
    const { plan } = await import('./helpers/fixtures.js');
    const p = plan({
      goals: [{ id: 'g', title: 'G' }],
      indicators: [{ id: 'i', nodeId: 'g', name: 'I', target: { value: 3, date: null } }],
      reviews: [{ id: 'r', start: '2027-01-01', end: '2027-12-31', indicators: [{ indicatorId: 'i', value: 1, note: '' }] }],
    });
    expect(p.indicators[0]).toMatchObject({ measurement: null, frequency: null, periodTargets: [] });
    expect(p.reviews[0]).toMatchObject({ reporting: 'period', baselineSnapshotId: null });
    expect(p.reviews[0]!.indicators[0]).toEqual({ indicatorId: 'i', value: 1, note: '', parts: [] });
  });
});

describe('the update gate knows the monitoring fields (G8)', () => {
  it('[G8] [RV1] [RV4] [IN3] [IN7] editors may write the new fields with valid values only', async () => {
    const { checkChange } = await import('../../shared/rules/update-gate.js');
    const editor = { canFacilitate: false, participantId: 'p1' };
    const open = { criteriaLocked: false };
    const set = (path: string[], value: unknown) => checkChange(editor, open, { op: 'set', path, put: { kind: 'value', value } })?.rule ?? null;
    expect(set(['reviews', 'r1', 'reporting'], 'cumulative')).toBeNull();
    expect(set(['reviews', 'r1', 'reporting'], 'weekly')).toBe('G8');
    expect(set(['reviews', 'r1', 'baselineSnapshotId'], 'snap-1')).toBeNull();
    expect(set(['reviews', 'r1', 'baselineSnapshotId'], '../etc')).toBe('G8');
    expect(set(['indicators', 'i1', 'periodTargets'], [{ start: null, end: '2027-12-31', value: 30 }])).toBeNull();
    expect(set(['indicators', 'i1', 'periodTargets'], [{ end: '2027-02-30', value: 30 }])).toBe('G8');
    expect(set(['indicators', 'i1', 'periodTargets'], [{ end: '2027-12-31', value: '30' }])).toBe('G8');
    expect(set(['indicators', 'i1', 'measurement'], 'qualitative')).toBeNull();
    expect(set(['indicators', 'i1', 'level'], 'impact')).toBeNull();
    expect(set(['indicators', 'i1', 'frequency'], 'hourly')).toBe('G8');
    expect(set(['indicatorReadings', 'r1:i1'], { value: 3, parts: [{ dimension: 'sex', category: 'female', value: 3 }] })).toBeNull();
    expect(set(['indicatorReadings', 'r1:i1'], { value: 3, parts: [{ dimension: 'sex', category: 'female', value: 3, extra: 1 }] })).toBe('G8');
  });
});
