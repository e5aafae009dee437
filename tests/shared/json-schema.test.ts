import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { readPlan } from '../../shared/schema/read.js';
import { initPlan } from '../../shared/schema/init.js';
import { planJsonSchema, planJsonSchemaText } from '../../shared/schema/json-schema.js';
import { ENTITIES, type EntityDef } from '../../shared/schema/registry.js';
import { addNode, setNodeField } from '../../shared/commands/nodes.js';
import { fullPlan, handbookMatrix, handbookScoring, ME } from './helpers/fixtures.js';

/**
 * The JSON Schema file is generated from the registry (R4) and agrees with the parser (R5).
 * To regenerate the committed file after changing the registry:
 *   UPDATE_SCHEMA=1 npx vitest run tests/shared/json-schema.test.ts
 */
const FILE = new URL('../../shared/schema/roundtable-plan-1.schema.json', import.meta.url);

const ajv = new Ajv2020({ strict: true, allErrors: false });
const validate = ajv.compile(planJsonSchema());
const schemaOk = (x: unknown): boolean => validate(x) === true;
const parserOk = (x: unknown): boolean => parsePlanJson(x).ok;

/** A small valid plan holding one item (at least) of every entity. */
function host(): Record<string, any> {
  return {
    format: 'roundtable-plan/1',
    id: 'p1',
    title: 'Plan',
    participants: [{ id: 'pa', name: 'Ana' }],
    criteria: [{ id: 'c1', title: 'C' }],
    goals: [{ id: 'g1', title: 'G', requirements: [{ id: 'r1', kind: 'other' }] }],
    scores: [{ goalId: 'g1', criterionId: 'c1', participantId: 'pa', value: 1 }],
    agreedScores: [{ goalId: 'g1', criterionId: 'c1', value: 2 }],
    outcomes: [{ id: 'oc', goalId: 'g1', title: 'O' }],
    outputs: [{ id: 'op', outcomeId: 'oc', title: 'P' }],
    activities: [
      { id: 'a1', outputId: 'op', title: 'A' },
      { id: 'a2', outputId: 'op', title: 'B' },
    ],
    indicators: [{ id: 'i1', nodeId: 'op', name: 'I' }],
    reviews: [{ id: 'rv', activities: [{ activityId: 'a1' }], indicators: [{ indicatorId: 'i1' }] }],
    sections: [{ id: 's1', title: 'S' }],
    fundingLines: [{ id: 'f1', activityId: 'a1', status: 'committed' }],
    exchangeRates: [{ id: 'x1', currency: 'EUR', quote: 'USD', rate: 1.1, date: '2026-01-01' }],
    stakeholders: [{ id: 'sh1', organisation: 'O' }],
    bodies: [{ id: 'b1', kind: 'ncc' }],
    meetings: [{ id: 'm1', title: 'M' }],
    decisions: [{ id: 'dc1', meetingId: 'm1', text: 'D' }],
    deliverables: [{ id: 'd1', title: 'T', stage: 'preparatory' }],
    answers: [{ id: 'q1' }],
    comments: [{ id: 'cm1', targetKind: 'activity', targetId: 'a1', body: 'Why?', createdAt: '2026-03-01T10:00:00.000Z' }],
    sectorAnswers: [{ id: 'sk-gov-1' }],
    libraryEntries: [{ id: 'le1', title: 'T' }],
    consultRounds: [{ id: 'cr1', title: 'Round' }],
    recommendations: [{ id: 'rc1', roundId: 'cr1', title: 'Rec', createdAt: '2026-03-01T10:00:00.000Z' }],
    reactions: [{ id: 'rx1', recommendationId: 'rc1', kind: 'support', createdAt: '2026-03-01T10:00:00.000Z' }],
    translations: [{ id: 'tr1', targetId: 'op', targetKind: 'output', field: 'title' }],
  };
}

/** The JSON object holding `def`'s first item inside `plan` (the plan itself for meta). */
function itemOf(plan: Record<string, any>, def: EntityDef): Record<string, unknown> {
  if (def.name === 'meta') return plan;
  if (def.container) {
    const container = ENTITIES[def.container];
    return plan[container.list!][0][def.list!][0];
  }
  return plan[def.list!][0];
}

const long = (n: number): string => 'x'.repeat(n);
const money = (amount: unknown, currency: unknown = 'USD') => ({ amount, currency });
/** Boundary values tried on every field: wrong types, limits, ranges, enum edges, object shapes. */
const CANDIDATES: unknown[] = [
  null, true, false, 0, -1, 0.5, 1, 2, 3, 100, 101, 10_000, 10_001, 1e15, -1e15, 1e16, -1e16,
  '', 'x', 'SN', 'sn', 'USD', 'usd', 'i', 'a0', 'A', '2026-01-31', '2026-1-1', long(2000), long(2001), long(200_000), long(200_001),
  'not-an-enum', 'candidate', 'external', 'yearly', 'annex', 'imc', 'other',
  [], ['a'], ['a', 'a'], [1], Array(200).fill('a'), Array(201).fill('a'), ['prsp'], ['prsp', 'prsp'], ['nope'],
  [{ activityId: 'a2', type: 'parallel' }], [{ activityId: 'a2', type: 'x' }], [{ activityId: 'a2', type: 'parallel', x: 1 }], [{ activityId: 'a2' }],
  [{ activityId: '__proto__', type: 'parallel' }],
  {}, money(1), money(0), money(-1), money(1e15), money(1e16), money(1, 'usd'), { amount: 1 }, { ...money(1), x: 1 }, money('1'),
  { value: 1, date: null }, { value: 1 }, { value: 1e16 }, { value: -1e15, date: null }, { value: 1, date: '2020-02-02' }, { value: 1, date: 'x' }, { value: '1' },
  { kind: 'external', modality: 'pooled', funder: 'X', status: 'secured' },
  { kind: 'external', modality: null, status: 'secured' },
  { kind: 'domestic', modality: 'pooled', status: 'secured' },
  { kind: 'domestic', status: 'pledged' },
  { kind: 'domestic', funder: null, status: 'pledged' },
  { kind: 'external', funder: long(2001), status: 'pledged' },
  { kind: 'x', status: 'pledged' },
  { kind: 'domestic' },
  { specific: true }, { specific: 1 }, { x: true }, { specific: true, measurable: false, achievable: true, relevant: false, timeBound: true },
];
/** Values tried on every id field (key, parent, reference): all malformed. */
const BAD_IDS: unknown[] = [null, 1, '', '__proto__', 'constructor', 'a:b', 'a b', long(65)];
/** Keys no item may carry. */
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'toString'];

/** Sets an own property, even `__proto__`, the way JSON.parse does. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
}

/** Values the candidates exercise for one field, including each enum value the schema lists. */
function candidatesFor(def: EntityDef, field: string): unknown[] {
  const schema = def.fields.fields[field]!.scalar.schema as { enum?: unknown[] };
  return [...CANDIDATES, ...(schema.enum ?? [])];
}

describe('JSON Schema generated from the registry', () => {
  it('[R4] the committed schema file is the one the registry generates', () => {
    const generated = planJsonSchemaText();
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(FILE, generated);
    const committed = readFileSync(FILE, 'utf8');
    if (committed !== generated) {
      throw new Error(
        'shared/schema/roundtable-plan-1.schema.json is stale: it differs from what shared/schema/registry.ts generates.\n' +
          'Regenerate it with: UPDATE_SCHEMA=1 npx vitest run tests/shared/json-schema.test.ts',
      );
    }
    expect(JSON.parse(committed)).toMatchObject({ $id: 'urn:roundtable:schema:roundtable-plan-1', title: 'Roundtable plan (roundtable-plan/1)' });
  });

  it('[R5] the host plan is valid for both', () => {
    expect(parsePlanJson(host())).toMatchObject({ ok: true });
    expect(schemaOk(host()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('[R5] parser and schema accept and refuse the same values, for every field of every entity', () => {
    const disagreements: string[] = [];
    let tried = 0;
    const check = (what: string, plan: unknown): void => {
      tried++;
      const p = parserOk(plan);
      const s = schemaOk(plan);
      if (p !== s) disagreements.push(`${what}: parser ${p ? 'accepts' : 'refuses'}, schema ${s ? 'accepts' : 'refuses'}`);
    };
    for (const def of Object.values(ENTITIES)) {
      for (const field of Object.keys(def.fields.fields)) {
        for (const value of candidatesFor(def, field)) {
          const plan = host();
          itemOf(plan, def)[field] = value;
          check(`${def.name}.${field} = ${JSON.stringify(value)?.slice(0, 80)}`, plan);
        }
      }
      const idFields = [...def.key, ...(def.parent ? [def.parent.field] : []), ...def.refs.map((r) => r.field)];
      for (const field of idFields) {
        for (const value of BAD_IDS) {
          const plan = host();
          itemOf(plan, def)[field] = value;
          check(`${def.name}.${field} = ${JSON.stringify(value)}`, plan);
        }
      }
      for (const key of EXTRA_KEYS) {
        const plan = host();
        setOwn(itemOf(plan, def), key, 1);
        check(`${def.name} with extra key ${key}`, plan);
      }
    }
    expect(disagreements).toEqual([]);
    expect(tried).toBeGreaterThan(5000);
  }, 120_000); // one parse and one schema check per field and value: grows with the registry

  it('[R5] the two disagreements found in issue 10 are gone', () => {
    const funderNull = host();
    funderNull.activities[0].funding = { kind: 'domestic', modality: null, funder: null, status: 'pledged' };
    expect([parserOk(funderNull), schemaOk(funderNull)]).toEqual([true, true]);
    const huge = host();
    huge.reviews[0].indicators[0].value = 1e16;
    expect([parserOk(huge), schemaOk(huge)]).toEqual([false, false]);
    const hugeBaseline = host();
    hugeBaseline.indicators[0].baseline = { value: 1e16, date: null };
    expect([parserOk(hugeBaseline), schemaOk(hugeBaseline)]).toEqual([false, false]);
  });

  it('[R5] checks the schema cannot express are the parser\'s alone, and the schema says so', () => {
    const badDate = host();
    badDate.activities[0].start = '2026-02-30';
    const twice = host();
    twice.activities[0].dependencies = [{ activityId: 'a2', type: 'parallel' }, { activityId: 'a2', type: 'chronological' }];
    const dangling = host();
    dangling.outcomes[0].goalId = 'nope';
    for (const plan of [badDate, twice, dangling]) expect([parserOk(plan), schemaOk(plan)]).toEqual([false, true]);
    expect(String(planJsonSchema()['description'])).toMatch(/dates must exist on the calendar and an activity depends on another at most once/);
  });

  it('[R5] every fixture plan and an exported plan are valid for the schema', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'exp', title: 'Exported', country: 'SN', currency: 'XOF' });
    const goal = addNode(doc, { kind: 'goal', title: 'G' }, ME);
    if (!goal.ok) throw new Error(goal.error.message);
    expect(setNodeField(doc, goal.value, 'resourceTarget', { amount: 5, currency: 'XOF' }, ME).ok).toBe(true);
    const exported = JSON.parse(JSON.stringify(readPlan(doc)));
    for (const plan of [fullPlan(), handbookMatrix(), handbookScoring('individual'), handbookScoring('agreed'), exported]) {
      const json = JSON.parse(JSON.stringify(plan));
      expect(schemaOk(json), JSON.stringify(validate.errors)).toBe(true);
      expect(parserOk(json)).toBe(true);
    }
  });
});
