import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import { buildEntity } from '../schema/build.js';
import { readKind } from '../schema/read.js';
import { ENTITIES, refTargets, type EntityDef, type MapEntity, type Reference } from '../schema/registry.js';
import { checkValue, getEntity, liveSiblings, orderAt, pickId } from './internal.js';

/**
 * Generic commands over the registry (R3): set one scalar field, archive, restore. They work for
 * every entity stored as one Y.Map per id; the named commands (`setParticipantField`,
 * `archiveCriterion`...) are thin wrappers that add their domain guards (criteria lock,
 * dependency targets, indicator placement).
 */

export type { MapEntity };

/** Fields no generic setter writes: `archived` has archive/restore, `order` the move commands. */
const NOT_SETTABLE: ReadonlySet<string> = new Set(['archived', 'order']);

/** The Y.Map of `def` with `id` (for matrix nodes, only one of that kind), or null. */
export function findEntity(doc: Y.Doc, def: EntityDef, id: string): Y.Map<unknown> | null {
  const map = getEntity(doc.getMap(def.root), id);
  if (!map || (def.nodeKind && readKind(map) !== def.nodeKind)) return null;
  return map;
}

/**
 * Sets one scalar field of an entity, last writer wins, in one transaction. Refuses unknown
 * entities, fields the entity lacks, `archived` and `order`, and values the field's scalar
 * refuses; `check` (if given) may refuse the normalised value before anything is written.
 */
export function setField(
  doc: Y.Doc,
  entity: MapEntity,
  id: string,
  field: string,
  value: unknown,
  origin: Origin,
  check?: (value: unknown) => Result<void>,
): Result<void> {
  const def = ENTITIES[entity];
  const map = findEntity(doc, def, id);
  if (!map) return fail('not-found', `no ${def.label} with id "${id}"`, { key: 'refusals:notFound', params: { kind: def.name, id } });
  const known = Object.prototype.hasOwnProperty.call(def.fields.scalars, field);
  if (!known) return fail('invalid', `a ${def.label} has no field "${field}"`, { key: 'refusals:noField', params: { field } });
  const checked = checkValue(NOT_SETTABLE.has(field) ? undefined : def.fields.scalars[field], field, value);
  if (!checked.ok) return checked;
  const extra = check?.(checked.value);
  if (extra && !extra.ok) return extra;
  doc.transact(() => map.set(field, checked.value), origin);
  return ok(undefined);
}

/** The id `value` if it names an entity `ref` may point to, else a refusal. */
function checkReference(doc: Y.Doc, ref: Reference, value: unknown): Result<string> {
  const id = typeof value === 'string' ? value : '';
  const found = ref.to.some((t) => findEntity(doc, ENTITIES[t], id) !== null);
  return found ? ok(id) : fail('not-found', `no ${refTargets(ref)} with id "${id}"`, { key: 'refusals:notFound', params: { kind: ref.to.length > 1 ? 'node' : ref.to[0]!, id } });
}

/** Checks every given field of a new entity (texts and scalars); `archived` is ignored, `order` refused. */
function checkNew(def: EntityDef, input: Readonly<Record<string, unknown>>): Result<Record<string, unknown>> {
  const skip = new Set(['id', 'index', 'archived', ...(def.parent ? [def.parent.field] : [])]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || skip.has(key)) continue;
    const field = Object.prototype.hasOwnProperty.call(def.fields.fields, key) && !NOT_SETTABLE.has(key) ? def.fields.fields[key] : undefined;
    const r = checkValue(field?.scalar, key, value);
    if (!r.ok) return r;
    out[key] = r.value;
  }
  return ok(out);
}

/**
 * Adds an entity stored as a Y.Map (matrix nodes have `addNode`): the caller's id if valid and
 * unused, else a fresh one; every given field checked; under an existing parent when the entry
 * has one; at `input.index` among its live siblings (same parent) when ordered, default last.
 * Returns the id. Named add commands add their own guards on top.
 */
export function add(doc: Y.Doc, entity: Exclude<MapEntity, 'goal' | 'outcome' | 'output' | 'activity'>, input: Readonly<Record<string, unknown>>, origin: Origin): Result<string> {
  const def = ENTITIES[entity];
  const root = doc.getMap(def.root);
  const id = pickId(root, input['id'] as string | undefined);
  if (!id.ok) return id;
  const parent = def.parent ? checkReference(doc, def.parent, input[def.parent.field]) : ok('');
  if (!parent.ok) return parent;
  const values = checkNew(def, input);
  if (!values.ok) return values;
  const link = def.parent ? { [def.parent.field]: parent.value } : {};
  if (def.ordering === 'order') {
    const siblings = liveSiblings(root, (m) => !def.parent || m.get(def.parent.field) === parent.value);
    values.value['order'] = orderAt(siblings, input['index'] as number | undefined);
  }
  doc.transact(() => root.set(id.value, buildEntity(def.fields, values.value, link)), origin);
  return ok(id.value);
}

function setArchivedOf(doc: Y.Doc, entity: MapEntity, id: string, archived: boolean, origin: Origin): Result<void> {
  const def = ENTITIES[entity];
  if (!def.archivable) return fail('invalid', `a ${def.label} cannot be archived`, { key: 'refusals:notArchivable', params: { kind: def.name } });
  const map = findEntity(doc, def, id);
  if (!map) return fail('not-found', `no ${def.label} with id "${id}"`, { key: 'refusals:notFound', params: { kind: def.name, id } });
  doc.transact(() => map.set('archived', archived), origin);
  return ok(undefined);
}

/** Archives an entity (soft delete: `archived` becomes true, nothing is removed). */
export function archive(doc: Y.Doc, entity: MapEntity, id: string, origin: Origin): Result<void> {
  return setArchivedOf(doc, entity, id, true, origin);
}

/** Restores an archived entity. */
export function restore(doc: Y.Doc, entity: MapEntity, id: string, origin: Origin): Result<void> {
  return setArchivedOf(doc, entity, id, false, origin);
}
