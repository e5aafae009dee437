import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ENTITIES, MAP_ENTITIES, SCHEMA_DEFS, TOP_LISTS, type EntityDef } from '../../shared/schema/registry.js';
import { ROOT } from '../../shared/schema/roots.js';
import { readPlan } from '../../shared/schema/read.js';
import { canonicalPlan } from '../../shared/schema/canonical.js';
import { add, archive, restore, setField, type MapEntity } from '../../shared/commands/entity.js';
import { docOf, fullPlan, ME } from './helpers/fixtures.js';

type Item = Record<string, unknown>;

/** JSON keys a registry entry says its items carry. */
function expectedKeys(def: EntityDef): string[] {
  const links = [...def.key, ...(def.parent ? [def.parent.field] : []), ...def.refs.map((r) => r.field)];
  const nested = Object.values(ENTITIES).filter((e) => e.container === def.name).map((e) => e.list!);
  return [...new Set([...links, ...(def.ordering === 'placement' ? ['order'] : []), ...Object.keys(def.fields.fields), ...nested])].sort();
}

describe('entity registry', () => {
  it('[R1] one entry per entity: every PlanData list and every Yjs root is described, every field has a description', () => {
    const plan = fullPlan() as unknown as Record<string, unknown>;
    const lists = Object.keys(plan).filter((k) => Array.isArray(plan[k]) && k !== 'frameworks');
    expect(TOP_LISTS.map((d) => d.list).sort()).toEqual(lists.sort());
    expect([...new Set(Object.values(ENTITIES).map((d) => ROOT[d.root]))].sort()).toEqual(Object.values(ROOT).sort());
    for (const def of Object.values(ENTITIES)) {
      for (const [key, field] of Object.entries(def.fields.fields)) expect(field.description.length, `${def.name}.${key}`).toBeGreaterThan(3);
      // The flags agree with the fields they imply.
      expect('archived' in def.fields.fields, def.name).toBe(def.archivable);
      expect('order' in def.fields.fields, def.name).toBe(def.ordering === 'order');
      expect(MAP_ENTITIES.includes(def.name as MapEntity), def.name).toBe(def.storage === 'entity');
    }
  });

  it('[R1] items read from a doc carry exactly the keys the registry lists', () => {
    const plan = readPlan(docOf(fullPlan())) as unknown as Record<string, Item[]>;
    const optional = (def: EntityDef): string[] => [...(def.omitEmpty ?? [])];
    const check = (def: EntityDef, item: Item): void => {
      const keys = Object.keys(item).sort();
      const want = expectedKeys(def).filter((k) => keys.includes(k) || !optional(def).includes(k));
      expect(keys, def.name).toEqual(want);
    };
    for (const def of TOP_LISTS) {
      expect(plan[def.list!]!.length, def.name).toBeGreaterThan(0);
      for (const item of plan[def.list!]!) check(def, item);
    }
    for (const def of Object.values(ENTITIES).filter((e) => e.container)) {
      const items = plan[ENTITIES[def.container!].list!]!.flatMap((c) => c[def.list!] as Item[]);
      expect(items.length, def.name).toBeGreaterThan(0);
      for (const item of items) check(def, item);
    }
    const meta = Object.keys(plan).filter((k) => !Array.isArray(plan[k]) || k === 'frameworks');
    expect(meta.sort()).toEqual(['format', 'id', ...Object.keys(ENTITIES.meta.fields.fields)].sort());
  });

  it('[R2] every field describes itself as a JSON Schema fragment that accepts its own default', () => {
    const ajv = new Ajv2020({ strict: true });
    for (const def of Object.values(ENTITIES)) {
      for (const [key, field] of Object.entries(def.fields.fields)) {
        const validate = ajv.compile({ $defs: SCHEMA_DEFS, ...field.scalar.schema });
        const fallback = field.scalar.parse(field.scalar.fallback);
        expect(fallback, `${def.name}.${key}`).not.toBeUndefined();
        expect(validate(fallback), `${def.name}.${key}`).toBe(true);
      }
    }
  });

  it('[R3] generic setField, archive and restore work on every entity stored as a map', () => {
    const doc = docOf(fullPlan());
    const samples: [MapEntity, string, string, unknown][] = [
      ['participant', 'p1', 'organisation', 'IOM'],
      ['criterion', 'c1', 'archived', true],
      ['goal', 'g1', 'priority', 3],
      ['outcome', 'oc1', 'responsible', 'Finance'],
      ['output', 'op1', 'responsible', 'Unit'],
      ['activity', 'a1', 'start', '2027-01-01'],
      ['indicator', 'i1', 'unit', 'percent'],
      ['section', 's1', 'part', 'annex'],
    ];
    for (const [entity, id, field, value] of samples) {
      const def = ENTITIES[entity];
      const r = setField(doc, entity, id, field, value, ME);
      if (field === 'archived') {
        expect(r).toMatchObject({ ok: false, error: { message: '"archived" is not a field that can be set here' } });
        continue;
      }
      expect(r, `${entity}.${field}`).toEqual({ ok: true, value: undefined });
      const item = (readPlan(doc) as unknown as Record<string, Item[]>)[def.list!]!.find((x) => x['id'] === id)!;
      expect(item[field], `${entity}.${field}`).toEqual(value);
    }
    expect(setField(doc, 'goal', 'g1', 'order', 'b', ME).ok).toBe(false);
    expect(setField(doc, 'goal', 'g1', 'title', 'x', ME)).toMatchObject({ ok: false, error: { message: 'a goal has no field "title"' } });
    expect(setField(doc, 'goal', 'oc1', 'priority', 1, ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(setField(doc, 'participant', 'p1', 'constructor', 1, ME).ok).toBe(false);
    expect(setField(doc, 'participant', 'p1', 'gender', 'x', ME).ok).toBe(false);
    for (const entity of ['participant', 'criterion', 'goal', 'outcome', 'output', 'activity', 'indicator', 'review', 'section'] as const) {
      const def = ENTITIES[entity];
      const id = (readPlan(doc) as unknown as Record<string, Item[]>)[def.list!]![0]!['id'] as string;
      const archivedOf = (): unknown => (readPlan(doc) as unknown as Record<string, Item[]>)[def.list!]!.find((x) => x['id'] === id)!['archived'];
      expect(archive(doc, entity, id, ME).ok, entity).toBe(true);
      expect(archivedOf(), entity).toBe(true);
      expect(restore(doc, entity, id, ME).ok, entity).toBe(true);
      expect(archivedOf(), entity).toBe(false);
      expect(archive(doc, entity, 'nope', ME)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('[R3] generic add checks fields, parent and id, and places ordered entities among their live siblings', () => {
    const doc = docOf(fullPlan());
    const first = add(doc, 'indicator', { nodeId: 'oc1', name: 'First', unit: '%', index: 0 }, ME);
    const last = add(doc, 'indicator', { nodeId: 'oc1', name: 'Last', verification: 'Survey' }, ME);
    if (!first.ok || !last.ok) throw new Error('add refused');
    const mine = readPlan(doc).indicators.filter((i) => i.nodeId === 'oc1' && !i.archived);
    expect(mine[0]).toMatchObject({ id: first.value, name: 'First', unit: '%', nodeId: 'oc1' });
    expect(mine[mine.length - 1]).toMatchObject({ id: last.value, name: 'Last', verification: 'Survey' });
    // IN1: an activity carries indicators; a review id is not a matrix row.
    expect(add(doc, 'indicator', { nodeId: 'a1', name: 'On an activity' }, ME).ok).toBe(true);
    expect(add(doc, 'indicator', { nodeId: 'nope', name: 'On nothing' }, ME)).toMatchObject({ ok: false, error: { code: 'not-found', message: 'no goal, outcome, output or activity with id "nope"' } });
    expect(add(doc, 'review', { kind: 'weekly' }, ME)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(add(doc, 'participant', { name: 'X', order: 'a' }, ME).ok).toBe(false);
    expect(add(doc, 'participant', { name: 'X', colour: 'red' }, ME).ok).toBe(false);
    expect(add(doc, 'participant', { id: 'p1', name: 'Again' }, ME).ok).toBe(false);
    expect(add(doc, 'section', { title: 'x'.repeat(2001) }, ME).ok).toBe(false);
    const p = add(doc, 'participant', { id: 'p9', name: 'Zoe', archived: true, committee: 'ncc' }, ME);
    expect(p).toEqual({ ok: true, value: 'p9' });
    expect(readPlan(doc).participants.find((x) => x.id === 'p9')).toMatchObject({ name: 'Zoe', committee: 'ncc', archived: false });
  });

  it('[R6] canonical order follows each entry\'s sortBy, whatever the order of the lists', () => {
    const sorted = fullPlan();
    const shuffled = JSON.parse(JSON.stringify(sorted)) as Record<string, Item[]>;
    for (const def of TOP_LISTS) shuffled[def.list!]!.reverse();
    for (const g of shuffled['goals']!) (g['requirements'] as Item[]).reverse();
    for (const r of shuffled['reviews']!) {
      (r['activities'] as Item[]).reverse();
      (r['indicators'] as Item[]).reverse();
    }
    expect(canonicalPlan(shuffled as never)).toEqual(sorted);
    expect(ENTITIES.participant.sortBy).toEqual(['name', 'id']);
    expect(ENTITIES.review.sortBy).toEqual(['start', 'id']);
    expect(ENTITIES.score.sortBy).toEqual(['goalId', 'criterionId', 'participantId']);
  });
});
