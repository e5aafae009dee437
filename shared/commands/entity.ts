import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import { readKind } from '../schema/read.js';
import { ENTITIES, type EntityDef } from '../schema/registry.js';
import { checkValue, getEntity } from './internal.js';

/**
 * Generic commands over the registry (R3): set one scalar field, archive, restore. They work for
 * every entity stored as one Y.Map per id; the named commands (`setParticipantField`,
 * `archiveCriterion`...) are thin wrappers that add their domain guards (criteria lock,
 * dependency targets, indicator placement).
 */

/** Entities stored as one Y.Map per id, which the generic commands address. */
export type MapEntity = 'participant' | 'criterion' | 'goal' | 'outcome' | 'output' | 'activity' | 'indicator' | 'review' | 'section';

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
  if (!map) return fail('not-found', `no ${def.label} with id "${id}"`);
  const known = Object.prototype.hasOwnProperty.call(def.fields.scalars, field);
  if (!known) return fail('invalid', `a ${def.label} has no field "${field}"`);
  const checked = checkValue(NOT_SETTABLE.has(field) ? undefined : def.fields.scalars[field], field, value);
  if (!checked.ok) return checked;
  const extra = check?.(checked.value);
  if (extra && !extra.ok) return extra;
  doc.transact(() => map.set(field, checked.value), origin);
  return ok(undefined);
}

function setArchivedOf(doc: Y.Doc, entity: MapEntity, id: string, archived: boolean, origin: Origin): Result<void> {
  const def = ENTITIES[entity];
  if (!def.archivable) return fail('invalid', `a ${def.label} cannot be archived`);
  const map = findEntity(doc, def, id);
  if (!map) return fail('not-found', `no ${def.label} with id "${id}"`);
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
