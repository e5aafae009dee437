import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { initPlan } from '../../shared/schema/init.js';
import type { PlanData } from '../../shared/schema/types.js';
import { fullPlan, handbookMatrix, handbookScoring, ME } from './helpers/fixtures.js';

const base = { format: 'roundtable-plan/1', id: 'p1', title: 'Plan' };
const problems = (input: unknown) => {
  const r = parsePlanJson(input);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};
const roundTrip = (data: PlanData): PlanData => {
  const doc = new Y.Doc();
  writePlan(doc, data, ME);
  return readPlan(doc);
};

describe('roundtable-plan/1 JSON', () => {
  it('[J1] a file with only the required fields imports, with defaults', () => {
    const r = parsePlanJson({
      ...base,
      participants: [{ id: 'pa', name: 'Ana' }],
      criteria: [{ id: 'c1', title: 'C' }],
      goals: [{ id: 'g1', title: 'G' }],
      scores: [{ goalId: 'g1', criterionId: 'c1', participantId: 'pa', value: 1 }],
      outcomes: [{ id: 'oc', goalId: 'g1', title: 'O' }],
      outputs: [{ id: 'op', outcomeId: 'oc', title: 'P' }],
      activities: [
        { id: 'a1', outputId: 'op', title: 'A', budget: { amount: 5, currency: 'USD' } },
        { id: 'a2', outputId: 'op', title: 'B' },
      ],
      indicators: [{ id: 'i', nodeId: 'op', name: 'I' }],
      reviews: [{ id: 'r' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value;
    expect(p).toMatchObject({ country: null, currency: null, stage: 'preparatory', handful: 5, frameworks: [], agreedScores: [], sections: [] });
    expect(p.participants[0]).toEqual({ id: 'pa', name: 'Ana', organisation: '', group: null, committee: 'none', imcLevel: null, gender: null, perspective: null, archived: false, stakeholderId: null });
    expect(p.goals[0]).toMatchObject({ status: 'candidate', priority: null, requirements: [], resourceTarget: null, smart: { measurable: false } });
    expect(p.activities.map((a) => [a.id, a.budget, a.start, a.dependencies])).toEqual([
      ['a1', { amount: 5, currency: 'USD' }, null, []],
      ['a2', null, null, []],
    ]);
    // Order keys follow the array order.
    expect(p.activities[0]!.order < p.activities[1]!.order).toBe(true);
    expect(p.reviews[0]).toEqual({ id: 'r', kind: 'yearly', label: '', start: null, end: null, archived: false, reporting: 'period', baselineSnapshotId: null, activities: [], indicators: [] });
  });

  it('[J2] round trip keeps every field: readPlan(writePlan(parse(x))) equals parse(x)', () => {
    for (const data of [fullPlan(), handbookMatrix(), handbookScoring('individual'), handbookScoring('agreed')]) {
      expect(roundTrip(data)).toEqual(data);
      // And back through the parser: the export of a doc imports to the same value.
      const again = parsePlanJson(JSON.parse(JSON.stringify(roundTrip(data))));
      expect(again).toEqual({ ok: true, value: data });
    }
  });

  it('[J2] an initialised doc exports and re-imports unchanged', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'p1', title: 'Fresh', country: 'GH', currency: 'GHS' });
    const exported = readPlan(doc);
    const parsed = parsePlanJson(JSON.stringify(exported));
    expect(parsed).toEqual({ ok: true, value: exported });
  });

  it('[J3] every problem is listed with a JSON Pointer path; parsing never throws', () => {
    const list = problems({
      ...base,
      goals: [{ id: 'g', title: 5 }, { title: 'no id' }],
      activities: [{ id: 'a', outputId: 'nowhere', title: 'A', budget: { amount: -1, currency: 'usd' } }],
    });
    expect(list).toEqual([
      { path: '/goals/0/title', message: 'expected a string of at most 2000 characters', code: 'badValue', params: { field: 'title', expects: 'text', max: 2000 } },
      { path: '/goals/1/id', message: 'required field is missing', code: 'missingField', params: { field: 'id' } },
      { path: '/activities/0/budget', message: expect.stringContaining('amount'), code: 'badValue', params: { field: 'budget', expects: 'moneyOrNull' } },
      { path: '/activities/0/outputId', message: 'no output with id "nowhere"', code: 'noSuchItem', params: { kinds: 'output', id: 'nowhere' } },
    ]);
    for (const bad of [undefined, null, 42, 'not json {', '[]', [], () => 1, { format: 'other/1' }]) {
      expect(parsePlanJson(bad).ok).toBe(false);
    }
  });

  it('[J4] wrong types and values outside a field are problems', () => {
    const list = problems({
      ...base,
      country: 'Senegal',
      stage: 'done',
      handful: 0,
      frameworks: ['prsp', 'prsp'],
      horizonStart: '2025-13-01',
      participants: [{ id: 'p', name: 'P', committee: 'IMC', gender: 'x' }],
      criteria: [{ id: 'c', title: 'C' }],
      goals: [{ id: 'g', title: 'G', status: 'maybe', nationalGoals: 'one', smart: { specific: 'yes' }, resourceTarget: { amount: 1, currency: 'USD', extra: 1 } }],
      scores: [{ goalId: 'g', criterionId: 'c', participantId: 'p', value: 3 }],
    });
    const paths = list.map((p) => p.path);
    expect(paths).toEqual([
      '/country',
      '/frameworks',
      '/horizonStart',
      '/stage',
      '/handful',
      '/participants/0/committee',
      '/participants/0/gender',
      '/goals/0/status',
      '/goals/0/nationalGoals',
      '/goals/0/resourceTarget',
      '/goals/0/smart',
      '/scores/0/value',
    ]);
  });

  it('[J5] ids must be valid and unique; one score per cell', () => {
    const list = problems({
      ...base,
      id: '../etc',
      participants: [{ id: '__proto__', name: 'x' }, { id: 'p', name: 'a' }, { id: 'p', name: 'b' }],
      criteria: [{ id: 'c', title: 'C' }],
      goals: [{ id: 'n', title: 'G' }],
      outcomes: [{ id: 'n', goalId: 'n', title: 'clash' }],
      scores: [
        { goalId: 'n', criterionId: 'c', participantId: 'p', value: 1 },
        { goalId: 'n', criterionId: 'c', participantId: 'p', value: 2 },
      ],
    });
    expect(list.map((p) => p.path)).toEqual(['/id', '/participants/0/id', '/participants/2/id', '/outcomes/0/id', '/scores/1']);
  });

  it('[J11] a plan file without a top-level id (or with "") parses with id ""; every other check stays', () => {
    const { id: _id, ...noId } = { ...base, goals: [{ id: 'g1', title: 'G' }] };
    const r = parsePlanJson(noId);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ id: '', title: 'Plan', goals: [{ id: 'g1', title: 'G' }] });
    expect(parsePlanJson({ ...noId, id: '' })).toEqual(r);
    // An id-less plan exports "" and imports again to the same value.
    if (r.ok) expect(parsePlanJson(JSON.parse(JSON.stringify(roundTrip(r.value))))).toEqual(r);
    // A given id must still be valid; item ids, the format and the title stay required.
    expect(problems({ ...noId, id: '../etc' }).map((p) => p.path)).toEqual(['/id']);
    expect(problems({ ...noId, id: 7 }).map((p) => p.path)).toEqual(['/id']);
    expect(problems({ ...noId, goals: [{ title: 'G' }] }).map((p) => p.path)).toEqual(['/goals/0/id']);
    expect(problems({ title: 'Plan' }).map((p) => p.path)).toEqual(['/format']);
    const { title: _t, ...noTitle } = noId;
    expect(problems(noTitle).map((p) => p.path)).toEqual(['/title']);
  });

  it('[J6] references must resolve to the right kind', () => {
    const list = problems({
      ...base,
      goals: [{ id: 'g', title: 'G' }],
      outcomes: [{ id: 'o', goalId: 'g', title: 'O' }],
      outputs: [{ id: 'p', outcomeId: 'g', title: 'P' }],
      activities: [{ id: 'a', outputId: 'p', title: 'A', dependencies: [{ activityId: 'a', type: 'parallel' }, { activityId: 'o', type: 'chronological' }] }],
      indicators: [{ id: 'i', nodeId: 'r', name: 'I' }],
      scores: [{ goalId: 'o', criterionId: 'x', participantId: 'y', value: 0 }],
      agreedScores: [{ goalId: 'g', criterionId: 'x', value: 0 }],
      reviews: [{ id: 'r', activities: [{ activityId: 'p' }], indicators: [{ indicatorId: 'nope', value: 1 }] }],
    });
    expect(list.map((p) => p.path)).toEqual([
      '/outputs/0/outcomeId',
      '/activities/0/dependencies/0/activityId',
      '/activities/0/dependencies/1/activityId',
      '/indicators/0/nodeId',
      '/scores/0/goalId',
      '/scores/0/criterionId',
      '/scores/0/participantId',
      '/agreedScores/0/criterionId',
      '/reviews/0/activities/0/activityId',
      '/reviews/0/indicators/0/indicatorId',
    ]);
  });

  it('[J7] deep nesting, huge strings and long lists are refused', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(problems({ ...base, goals: deep })[0]!.message).toContain('nested deeper');
    let veryDeep: unknown = {};
    for (let i = 0; i < 100_000; i++) veryDeep = { a: veryDeep };
    expect(problems(veryDeep)[0]!.message).toContain('nested deeper');
    expect(problems({ ...base, title: 'x'.repeat(2_001) })[0]!.path).toBe('/title');
    expect(problems({ ...base, sections: [{ id: 's', title: 'S', part: 'annex', body: 'y'.repeat(200_001) }] })[0]!.path).toBe('/sections/0/body');
    expect(problems({ ...base, goals: [{ id: 'g', title: 'G', nationalGoals: Array(201).fill('n') }] })[0]!.path).toBe('/goals/0/nationalGoals');
    expect(problems({ ...base, participants: Array(100_001).fill(0) })[0]).toEqual({ path: '/participants', message: 'more than 100000 items', code: 'tooManyItems', params: { field: 'participants', max: 100_000 } });
  });

  it('[J8] unknown fields are problems, nothing is dropped silently', () => {
    expect(problems({ ...base, budjet: 1, goals: [{ id: 'g', title: 'G', colour: 'red' }] }).map((p) => p.path)).toEqual(['/budjet', '/goals/0/colour']);
  });

  it('[J3] the problem list is capped', () => {
    const list = problems({ ...base, participants: Array.from({ length: 800 }, () => ({ id: '!' })) });
    expect(list).toHaveLength(501);
    expect(list[500]!.message).toMatch(/more problems not listed/);
  });

  it('[J10] the JSON Schema file describes the same fields as the format', () => {
    const schema = JSON.parse(readFileSync(new URL('../../shared/schema/roundtable-plan-1.schema.json', import.meta.url), 'utf8')) as {
      required: string[];
      properties: Record<string, { items?: { properties: Record<string, unknown>; required: string[] } }>;
    };
    const full = fullPlan();
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(full).sort());
    // The plan id is optional (J11): "" or absent, the importing server assigns one.
    expect(schema.required).toEqual(['format', 'title']);
    expect(schema.properties['id']).toEqual({ anyOf: [{ $ref: '#/$defs/id' }, { const: '' }] });
    for (const key of ['participants', 'criteria', 'goals', 'scores', 'agreedScores', 'outcomes', 'outputs', 'activities', 'indicators', 'reviews', 'sections'] as const) {
      const item = (full[key] as object[])[0]!;
      expect(Object.keys(schema.properties[key]!.items!.properties).sort(), key).toEqual(Object.keys(item).sort());
    }
  });
});
