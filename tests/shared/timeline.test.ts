import { describe, expect, it } from 'vitest';
import { analyseTimeline, conflictOf, dayNumber, durationDays, timelineIssues } from '../../shared/domain/timeline.js';
import { validatePlan } from '../../shared/domain/validation.js';
import { shiftActivityDates } from '../../shared/commands/nodes.js';
import { readPlan } from '../../shared/schema/read.js';
import { addDays } from '../../shared/domain/timeline.js';
import type { Activity, DependencyType } from '../../shared/schema/types.js';
import type { IssueRow } from '../../shared/domain/issue-text.js';
import { ME, docOf, plan } from './helpers/fixtures.js';

type Dep = [string, DependencyType];

/** A plan with one goal > outcome > output and these activities (id, start, end, dependencies). */
function timelinePlan(rows: [string, string | null, string | null, Dep[]?][]) {
  return plan({
    goals: [{ id: 'g1', title: 'Diaspora skills' }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Skills used' }],
    outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Mentoring scheme' }],
    activities: rows.map(([id, start, end, deps = []], i) => ({
      id,
      outputId: 'op1',
      title: `Step ${id}`,
      start,
      end,
      dependencies: deps.map(([activityId, type]) => ({ activityId, type })),
    })),
  });
}

const acts = (rows: Parameters<typeof timelinePlan>[0]): Activity[] => timelinePlan(rows).activities;
const label = (a: Activity): IssueRow => ({ kind: 'activity', title: a.title, id: a.id });
const rules = (rows: Parameters<typeof timelinePlan>[0], rule: string) => validatePlan(timelinePlan(rows)).filter((i) => i.rule === rule);

describe('timeline', () => {
  it('[TL1] duration counts both ends; unknown when a date is missing or reversed', () => {
    expect(durationDays({ start: '2027-01-01', end: '2027-01-01' })).toBe(1);
    expect(durationDays({ start: '2027-01-01', end: '2027-12-31' })).toBe(365);
    expect(durationDays({ start: '2028-02-01', end: '2028-03-01' })).toBe(30);
    expect(durationDays({ start: null, end: '2027-12-31' })).toBeNull();
    expect(durationDays({ start: '2027-03-01', end: '2027-02-01' })).toBeNull();
    for (const d of ['1970-01-01', '1969-12-31', '2000-02-29', '2000-03-01', '2100-03-01', '2027-12-31', '1600-02-29']) {
      expect(dayNumber(d)).toBe(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8))) / 86_400_000);
    }
    expect(dayNumber('2027-1-01')).toBeNull();
    expect(dayNumber('')).toBeNull();
  });

  it('[TL2] chronological: B starting before A ends contradicts it (a hand-over day does not); reported as V8', () => {
    const a = { start: '2027-01-01', end: '2027-06-30' };
    expect(conflictOf('chronological', a, { start: '2027-06-01', end: '2027-09-30' })).toBe('starts-before-end');
    expect(conflictOf('chronological', a, { start: '2027-06-30', end: '2027-09-30' })).toBeNull();
    expect(conflictOf('chronological', a, { start: '2027-07-01', end: '2027-09-30' })).toBeNull();
    const rows: Parameters<typeof timelinePlan>[0] = [
      ['a1', '2027-01-01', '2027-06-30'],
      ['a2', '2027-06-01', '2027-09-30', [['a1', 'chronological']]],
    ];
    expect(analyseTimeline(acts(rows)).conflicts).toEqual([{ rule: 'V8', activityId: 'a2', dependsOn: 'a1', type: 'chronological', reason: 'starts-before-end' }]);
    // The issues panel reports it once, under V8, and the timeline adds nothing for it.
    expect(rules(rows, 'V8')).toHaveLength(1);
    expect(timelineIssues(acts(rows), label)).toEqual([]);
  });

  it('[TL3] parallel: periods that share no day contradict it (warning); one shared day is enough', () => {
    const a = { start: '2027-01-01', end: '2027-06-30' };
    expect(conflictOf('parallel', a, { start: '2027-07-01', end: '2027-12-31' })).toBe('never-together');
    expect(conflictOf('parallel', a, { start: '2026-01-01', end: '2026-12-31' })).toBe('never-together');
    expect(conflictOf('parallel', a, { start: '2027-06-30', end: '2027-12-31' })).toBeNull();
    const found = rules([['a1', '2027-01-01', '2027-06-30'], ['a2', '2027-07-01', '2027-12-31', [['a1', 'parallel']]]], 'TL3');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', entity: { kind: 'activity', id: 'a2' }, message: expect.stringMatching(/activity 1\.1\.1\.2 "Step a2" should run in parallel with activity 1\.1\.1\.1 "Step a1", but their dates never meet/) }),
    ]);
  });

  it('[TL4] overlapping: B must start on or after A starts and before A ends', () => {
    const a = { start: '2027-03-01', end: '2027-06-30' };
    expect(conflictOf('overlapping', a, { start: '2027-05-01', end: '2027-12-31' })).toBeNull();
    expect(conflictOf('overlapping', a, { start: '2027-03-01', end: '2027-04-01' })).toBeNull();
    expect(conflictOf('overlapping', a, { start: '2027-02-01', end: '2027-12-31' })).toBe('starts-before-start');
    expect(conflictOf('overlapping', a, { start: '2027-06-30', end: '2027-12-31' })).toBe('starts-after-end');
    expect(conflictOf('overlapping', a, { start: '2027-08-01', end: '2027-12-31' })).toBe('starts-after-end');
    const found = rules([['a1', '2027-03-01', '2027-06-30'], ['a2', '2027-08-01', '2027-12-31', [['a1', 'overlapping']]]], 'TL4');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/should start while activity 1\.1\.1\.1 "Step a1" runs, but starts \(2027-08-01\) only once it has ended \(2027-06-30\)/);
  });

  it('[TL5] a dependency that cannot be checked names the missing dates (info)', () => {
    const found = rules([['a1', '2027-01-01', null], ['a2', null, '2027-12-31', [['a1', 'chronological']]], ['a3', '2027-01-01', '2027-02-01', [['a1', 'parallel']]]], 'TL5');
    expect(found.map((i) => [i.entity.id, i.severity])).toEqual([['a2', 'info'], ['a3', 'info']]);
    expect(found[0]!.message).toMatch(/chronological dependency on activity 1\.1\.1\.1 "Step a1" cannot be checked without the end date of activity 1\.1\.1\.1 "Step a1", the start date of this activity/);
    expect(found[1]!.message).toMatch(/without the end date of activity 1\.1\.1\.1/);
    // Every date present: nothing to report.
    expect(rules([['a1', '2027-01-01', '2027-02-01'], ['a2', '2027-03-01', '2027-04-01', [['a1', 'parallel']]]], 'TL5')).toEqual([]);
  });

  it('[TL6] loops with an overlapping link are named by code: error with a chronological link, warning without; chronological-only stays V6', () => {
    const mixed = rules([['a1', null, null, [['a3', 'overlapping']]], ['a2', null, null, [['a1', 'chronological']]], ['a3', null, null, [['a2', 'chronological']]]], 'TL6');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]!.severity).toBe('error');
    expect(mixed[0]!.message).toMatch(/no dates can satisfy: 1\.1\.1\.\d "Step a\d" -> .* -> 1\.1\.1\.\d "Step a\d"$/);
    const names = mixed[0]!.message.match(/Step a\d/g)!;
    expect(names).toHaveLength(4);
    expect(names[0]).toBe(names[3]);
    expect(new Set(names)).toEqual(new Set(['Step a1', 'Step a2', 'Step a3']));
    const soft = rules([['a1', null, null, [['a2', 'overlapping']]], ['a2', null, null, [['a1', 'overlapping']]]], 'TL6');
    expect(soft.map((i) => i.severity)).toEqual(['warning']);
    const chronoOnly: Parameters<typeof timelinePlan>[0] = [['a1', null, null, [['a2', 'chronological']]], ['a2', null, null, [['a1', 'chronological']]]];
    expect(rules(chronoOnly, 'TL6')).toEqual([]);
    expect(rules(chronoOnly, 'V6')).toHaveLength(1);
    // Parallel links never make a loop.
    expect(rules([['a1', null, null, [['a2', 'parallel']]], ['a2', null, null, [['a1', 'parallel']]]], 'TL6')).toEqual([]);
  });

  it('[TL7] the critical path follows chronological links by duration, overlapping as start-to-start, parallel not at all', () => {
    // a1 (90 d) -> a2 (61 d) chronological: 151 days. a3 is long (181 d) but parallel to a1.
    const base: Parameters<typeof timelinePlan>[0] = [
      ['a1', '2027-01-01', '2027-03-31'],
      ['a2', '2027-04-01', '2027-05-31', [['a1', 'chronological']]],
      ['a3', '2027-01-01', '2027-06-30', [['a1', 'parallel']]],
      ['a4', '2027-01-01', '2027-01-10'],
    ];
    expect(analyseTimeline(acts(base)).critical).toEqual({ ids: ['a3'], days: 181, unknown: [] });
    // Chain a3 after a2: 90 + 61 + 181.
    const chained = base.map((r): (typeof base)[number] => (r[0] === 'a3' ? [r[0], r[1], r[2], [['a2', 'chronological']]] : r));
    expect(analyseTimeline(acts(chained)).critical).toEqual({ ids: ['a1', 'a2', 'a3'], days: 332, unknown: [] });
    // Overlapping: a5 (30 d) starts with a1: ends day 30, shorter than a1 itself.
    const overlap = acts([['a1', '2027-01-01', '2027-03-31'], ['a5', '2027-02-01', '2027-03-02', [['a1', 'overlapping']]]]);
    expect(analyseTimeline(overlap).critical).toEqual({ ids: ['a1'], days: 90, unknown: [] });
    // A longer overlapping follower: the chain runs from a1's start to a6's end by duration.
    const longer = acts([['a1', '2027-01-01', '2027-01-31'], ['a6', '2027-01-15', '2027-12-31', [['a1', 'overlapping']]]]);
    expect(analyseTimeline(longer).critical).toEqual({ ids: ['a1', 'a6'], days: 351, unknown: [] });
    // Unknown durations count 0 and are listed; loops are left out.
    const unknown = acts([['a1', '2027-01-01', '2027-01-10'], ['x', null, null, [['a1', 'chronological']]], ['a2', '2027-02-01', '2027-02-05', [['x', 'chronological']]], ['l1', '2027-01-01', '2027-12-31', [['l2', 'chronological']]], ['l2', '2027-01-01', '2027-12-31', [['l1', 'chronological']]]]);
    expect(analyseTimeline(unknown).critical).toEqual({ ids: ['a1', 'x', 'a2'], days: 15, unknown: ['x'] });
    expect(analyseTimeline([]).critical).toEqual({ ids: [], days: 0, unknown: [] });
  });

  it('[TL7] a chain of 20,000 activities is analysed without recursion (linear)', () => {
    const [template] = acts([['t', '2027-01-01', '2027-01-02']]);
    const chain: Activity[] = [];
    for (let i = 0; i < 20_000; i++) chain.push({ ...template!, id: `a${i}`, dependencies: i ? [{ activityId: `a${i - 1}`, type: 'chronological' }] : [] });
    const analysis = analyseTimeline(chain);
    expect(analysis.critical.ids).toHaveLength(20_000);
    expect(analysis.critical.days).toBe(40_000);
    expect(analysis.loops).toEqual([]);
  });

  it('[TL8] shifting an activity moves both dates in one transaction; a missing date stays missing; refusals write nothing', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('9999-12-31', 1)).toBeNull();
    const doc = docOf(timelinePlan([['a1', '2027-01-01', '2027-06-30'], ['a2', '2027-03-01', null]]));
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(shiftActivityDates(doc, 'a1', 7, ME).ok).toBe(true);
    expect(transactions).toBe(1);
    expect(shiftActivityDates(doc, 'a2', -1, ME).ok).toBe(true);
    const after = readPlan(doc).activities;
    expect(after.map((a) => [a.id, a.start, a.end])).toEqual([['a1', '2027-01-08', '2027-07-07'], ['a2', '2027-02-28', null]]);
    transactions = 0;
    expect(shiftActivityDates(doc, 'op1', 1, ME)).toMatchObject({ ok: false });
    expect(shiftActivityDates(doc, 'a1', 0, ME)).toMatchObject({ ok: false });
    expect(shiftActivityDates(doc, 'a1', 3_000_000, ME)).toMatchObject({ ok: false });
    expect(transactions).toBe(0);
    expect(readPlan(doc).activities[0]!.start).toBe('2027-01-08');
  });
});
