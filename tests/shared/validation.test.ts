import { describe, it, expect } from 'vitest';
import { validatePlan, type Issue } from '../../shared/domain/validation.js';
import type { PlanData } from '../../shared/schema/types.js';
import { handbookMatrix, plan } from './helpers/fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

/** A small plan that breaks no rule; each test spoils one thing. */
function clean(): PlanData {
  return plan({
    horizonStart: '2025-01-01',
    horizonEnd: '2029-12-31',
    participants: [{ id: 'p1', name: 'P1', committee: 'imc', imcLevel: 'technical' }],
    criteria: [{ id: 'c1', title: 'C1' }],
    goals: [
      {
        id: 'g1',
        title: 'Goal',
        status: 'selected',
        nationalGoals: ['Reduce poverty'],
        objective: 'To strengthen the use of remittances',
        start: '2025-01-01',
        end: '2027-12-31',
        responsibleParties: ['Ministry'],
        resourceTarget: usd(50_000),
      },
    ],
    scores: [{ goalId: 'g1', criterionId: 'c1', participantId: 'p1', value: 2 }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Outcome', responsible: 'Ministry' }],
    outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Output', responsible: 'Unit' }],
    activities: [
      { id: 'a1', outputId: 'op1', title: 'A1', responsible: 'NFP', start: '2025-02-01', end: '2025-03-01', budget: usd(10_000) },
      { id: 'a2', outputId: 'op1', title: 'A2', responsible: 'NFP', start: '2025-03-02', end: '2025-04-01', budget: usd(15_000), dependencies: [{ activityId: 'a1', type: 'chronological' }] },
    ],
    indicators: [{ id: 'i1', nodeId: 'oc1', name: 'Share invested', target: { value: 10, date: '2027-12-31' }, verification: 'Survey' }],
    reviews: [{ id: 'r1', kind: 'yearly', start: '2025-01-01', end: '2025-12-31', activities: [{ activityId: 'a1', expenditure: usd(9_000) }], indicators: [{ indicatorId: 'i1', value: 3 }] }],
  });
}

const rules = (issues: Issue[]) => issues.map((i) => i.rule);
const only = (p: PlanData, rule: string) => validatePlan(p).filter((i) => i.rule === rule);
const node = <T extends { id: string }>(list: T[], id: string): T => list.find((x) => x.id === id)!;
/** The severity and entity of each issue of `rule`, in order: what SPEC defines for the rule. */
const found = (p: PlanData, rule: string) => only(p, rule).map((i) => ({ severity: i.severity, entity: i.entity }));

describe('validation', () => {
  it('the clean fixture has no issues', () => {
    expect(validatePlan(clean())).toEqual([]);
  });

  it('[S1] a node whose parent does not exist', () => {
    const p = clean();
    node(p.outputs, 'op1').outcomeId = 'gone';
    expect(only(p, 'S1')).toEqual([expect.objectContaining({ severity: 'error', entity: { kind: 'output', id: 'op1' } })]);
  });

  it('[S2] a node under a parent of the wrong kind', () => {
    const p = clean();
    node(p.activities, 'a2').outputId = 'oc1';
    expect(only(p, 'S2')).toEqual([expect.objectContaining({ severity: 'error', entity: { kind: 'activity', id: 'a2' } })]);
  });

  it('[S3] a live node hidden under an archived parent', () => {
    const p = clean();
    node(p.outputs, 'op1').archived = true;
    expect(only(p, 'S3').map((i) => i.entity.id)).toEqual(['a1', 'a2']);
  });

  it('[V1] an outcome without outputs', () => {
    const p = clean();
    p.outcomes.push({ id: 'oc2', goalId: 'g1', title: 'Empty', order: 'z', archived: false, responsible: 'X', sectors: [], source: null });
    expect(only(p, 'V1')).toEqual([expect.objectContaining({ severity: 'warning', entity: { kind: 'outcome', id: 'oc2' } })]);
  });

  it('[V2] an output without activities (archived activities do not count)', () => {
    const p = clean();
    node(p.activities, 'a1').archived = true;
    node(p.activities, 'a2').archived = true;
    expect(only(p, 'V2')).toEqual([expect.objectContaining({ entity: { kind: 'output', id: 'op1' } })]);
  });

  it('[V3] missing responsible parties', () => {
    const p = clean();
    node(p.outcomes, 'oc1').responsible = '';
    node(p.outputs, 'op1').responsible = ' ';
    node(p.activities, 'a1').responsible = '';
    node(p.goals, 'g1').responsibleParties = [];
    expect(only(p, 'V3').map((i) => i.entity.kind)).toEqual(['activity', 'goal', 'outcome', 'output']);
  });

  it('[V4] [M7] an activity without dates, named by full code and title', () => {
    const p = clean();
    node(p.activities, 'a1').start = null;
    node(p.activities, 'a2').end = null;
    expect(only(p, 'V4').map((i) => i.message)).toEqual(['activity 1.1.1.1 "A1" has no start date', 'activity 1.1.1.2 "A2" has no end date']);
  });

  it('[V5] date ranges that end before they start', () => {
    const p = clean();
    node(p.activities, 'a1').end = '2025-01-15';
    p.horizonEnd = '2024-01-01';
    node(p.reviews, 'r1').end = '2024-12-31';
    node(p.goals, 'g1').end = '2024-06-30';
    expect(only(p, 'V5').map((i) => `${i.severity}:${i.entity.kind}`)).toEqual(['error:activity', 'error:goal', 'error:plan', 'error:review']);
  });

  it('[V6] a loop in chronological dependencies', () => {
    const p = clean();
    node(p.activities, 'a1').dependencies = [{ activityId: 'a2', type: 'chronological' }];
    const v6 = only(p, 'V6');
    expect(v6).toHaveLength(1);
    expect(v6[0]).toMatchObject({ severity: 'error', entity: { kind: 'activity', id: 'a1' } });
    expect(v6[0]!.message).toContain('1.1.1.1 "A1" -> 1.1.1.2 "A2" -> 1.1.1.1 "A1"');
    // Parallel links may go both ways.
    node(p.activities, 'a1').dependencies = [{ activityId: 'a2', type: 'parallel' }];
    expect(only(p, 'V6')).toEqual([]);
  });

  it('[V7] a dependency on a missing or archived activity', () => {
    const p = clean();
    node(p.activities, 'a2').dependencies = [{ activityId: 'ghost', type: 'parallel' }];
    expect(only(p, 'V7')).toEqual([expect.objectContaining({ severity: 'error' })]);
    node(p.activities, 'a2').dependencies = [{ activityId: 'a1', type: 'parallel' }];
    node(p.activities, 'a1').archived = true;
    expect(only(p, 'V7')).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  it('[V8] an activity starting before the one it must follow ends', () => {
    const p = clean();
    node(p.activities, 'a2').start = '2025-02-15';
    expect(only(p, 'V8')).toEqual([expect.objectContaining({ entity: { kind: 'activity', id: 'a2' } })]);
  });

  it('[V9] an indicator without target', () => {
    const p = clean();
    node(p.indicators, 'i1').target = null;
    expect(rules(validatePlan(p))).toEqual(expect.arrayContaining(['V9', 'V12']));
    expect(found(p, 'V9')).toEqual([{ severity: 'warning', entity: { kind: 'indicator', id: 'i1' } }]);
  });

  it('[V10] an indicator without means of verification', () => {
    const p = clean();
    node(p.indicators, 'i1').verification = '';
    expect(found(p, 'V10')).toEqual([{ severity: 'warning', entity: { kind: 'indicator', id: 'i1' } }]);
  });

  it('[V11] [IN1] an indicator on a missing node is an error; on an activity it is allowed', () => {
    const p = clean();
    node(p.indicators, 'i1').nodeId = 'a1';
    p.indicators.push({ ...node(p.indicators, 'i1'), id: 'i2', nodeId: 'ghost' });
    expect(only(p, 'V11').map((i) => i.entity.id)).toEqual(['i2']);
  });

  it('[V12] a goal with no measurable target', () => {
    const p = clean();
    p.indicators = [];
    expect(only(p, 'V12')).toEqual([expect.objectContaining({ entity: { kind: 'goal', id: 'g1' } })]);
  });

  it('[V13] a goal with no date', () => {
    const p = clean();
    node(p.goals, 'g1').end = null;
    expect(found(p, 'V13')).toEqual([{ severity: 'warning', entity: { kind: 'goal', id: 'g1' } }]);
  });

  it('[V14] planned budgets over the goal resource target', () => {
    const p = clean();
    node(p.goals, 'g1').resourceTarget = usd(20_000);
    expect(only(p, 'V14')[0]!.message).toContain('25,000 USD');
  });

  it('[V15] money in several currencies under one goal', () => {
    const p = clean();
    node(p.activities, 'a2').budget = { amount: 1_000, currency: 'EUR' };
    expect(only(p, 'V15')[0]!.message).toContain('EUR, USD');
  });

  it('[V16] a score outside 0..2', () => {
    const p = clean();
    p.scores[0]!.value = 3;
    p.agreedScores.push({ goalId: 'g1', criterionId: 'c1', value: 1.5 });
    expect(only(p, 'V16').map((i) => i.entity.id)).toEqual(['g1:c1', 'g1:c1:p1']);
  });

  it('[V17] scores on unknown (error) or archived (info) goals, criteria, participants', () => {
    const p = clean();
    p.scores.push({ goalId: 'g1', criterionId: 'nope', participantId: 'p1', value: 1 });
    p.scores.push({ goalId: 'ghost', criterionId: 'c1', participantId: 'who', value: 1 });
    const v17 = only(p, 'V17');
    expect(v17.map((i) => i.severity)).toEqual(['error', 'error']);
    expect(v17.map((i) => i.message)).toEqual(['score refers to unknown criterion "nope"', 'score refers to unknown goal "ghost", participant "who"']);
    const q = clean();
    q.participants[0]!.archived = true;
    expect(only(q, 'V17')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('[V18] more goals selected than the handful', () => {
    const p = clean();
    p.handful = 1;
    p.goals.push({ ...node(p.goals, 'g1'), id: 'g2', order: 'z' });
    expect(only(p, 'V18')).toEqual([expect.objectContaining({ entity: { kind: 'plan', id: 'plan-1' } })]);
  });

  it('[V19] a selected goal naming no national development goal', () => {
    const p = clean();
    node(p.goals, 'g1').nationalGoals = [];
    expect(found(p, 'V19')).toEqual([{ severity: 'warning', entity: { kind: 'goal', id: 'g1' } }]);
  });

  it('[V20] a selected goal not scored on every criterion', () => {
    const p = clean();
    p.criteria.push({ id: 'c2', title: 'C2', description: '', order: 'z', archived: false });
    expect(only(p, 'V20')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('[V21] activity dates outside the plan horizon or the goal timeframe', () => {
    const p = clean();
    node(p.activities, 'a2').end = '2030-01-01';
    expect(only(p, 'V21')[0]!.message).toBe(`activity 1.1.1.2 "A2" ends after the plan horizon and ends after its goal's timeframe`);
  });

  it('[V22] an activity whose budget is unknown', () => {
    const issues = validatePlan(handbookMatrix()).filter((i) => i.rule === 'V22');
    expect(issues.map((i) => i.entity.id)).toEqual(['a21', 'a22', 'a23']);
  });

  it('[V23] external funding with no funder', () => {
    const p = clean();
    node(p.activities, 'a1').funding = { kind: 'external', modality: 'pooled', funder: '', status: 'pledged' };
    expect(found(p, 'V23')).toEqual([{ severity: 'warning', entity: { kind: 'activity', id: 'a1' } }]);
  });

  it('[V24] review entries for missing activities or indicators', () => {
    const p = clean();
    p.reviews[0]!.activities.push({ activityId: 'ghost', expenditure: null, result: '', progress: '', risksMaterialised: '' });
    p.reviews[0]!.indicators.push({ indicatorId: 'ghost', value: 1, note: '', parts: [] });
    expect(found(p, 'V24')).toEqual([
      { severity: 'error', entity: { kind: 'review', id: 'r1' } },
      { severity: 'error', entity: { kind: 'review', id: 'r1' } },
    ]);
    expect(only(p, 'V24').map((i) => i.message).sort()).toEqual([
      'review "r1" has a reading for an indicator that does not exist ("ghost")',
      'review "r1" reports on an activity that does not exist ("ghost")',
    ]);
  });

  it('[V25] overlapping review periods', () => {
    const p = clean();
    p.reviews.push({ ...p.reviews[0]!, id: 'r2', kind: 'mid-term', start: '2025-06-01', end: '2026-05-31' });
    expect(found(p, 'V25')).toEqual([{ severity: 'warning', entity: { kind: 'review', id: 'r1' } }]);
    expect(only(p, 'V25')[0]!.message).toContain('"r1" and "r2" overlap');
  });

  it('[V26] an overall objective without a contribution verb', () => {
    const p = clean();
    node(p.goals, 'g1').objective = 'Remittances will double';
    expect(only(p, 'V26')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('[V27] an IMC member without a level', () => {
    const p = clean();
    p.participants[0]!.imcLevel = null;
    expect(found(p, 'V27')).toEqual([{ severity: 'info', entity: { kind: 'participant', id: 'p1' } }]);
  });

  it('[V28] a baseline dated after the target', () => {
    const p = clean();
    node(p.indicators, 'i1').baseline = { value: 1, date: '2028-01-01' };
    expect(found(p, 'V28')).toEqual([{ severity: 'warning', entity: { kind: 'indicator', id: 'i1' } }]);
  });

  it('issues come in a deterministic order: severity, rule, entity', () => {
    const p = handbookMatrix();
    const a = validatePlan(p);
    const shuffled = { ...p, activities: [...p.activities].reverse(), outputs: [...p.outputs].reverse() };
    expect(validatePlan(shuffled)).toEqual(a);
    const sev = a.map((i) => i.severity);
    expect(sev).toEqual([...sev].sort((x, y) => ['error', 'warning', 'info'].indexOf(x) - ['error', 'warning', 'info'].indexOf(y)));
  });
});
