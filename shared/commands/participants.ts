import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { PARTICIPANT_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { participantsMap } from '../schema/roots.js';
import type { Participant } from '../schema/types.js';
import { checkPatch, pickId } from './internal.js';
import { archive, restore, setField } from './entity.js';

/** Input of {@link addParticipant}: a name, everything else optional. */
export type NewParticipant = { name: string; id?: string } & Partial<Omit<Participant, 'id' | 'name' | 'archived'>>;

/** Adds a participant to the plan's register; returns the id. Refuses invalid field values. */
export function addParticipant(doc: Y.Doc, input: NewParticipant, origin: Origin): Result<string> {
  const root = participantsMap(doc);
  const id = pickId(root, input.id);
  if (!id.ok) return id;
  if (typeof input.name !== 'string' || input.name.trim() === '') return fail('invalid', 'a participant needs a name');
  const values = checkPatch(PARTICIPANT_FIELDS.scalars, input, ['id', 'archived']);
  if (!values.ok) return values;
  doc.transact(() => root.set(id.value, buildEntity(PARTICIPANT_FIELDS, values.value)), origin);
  return ok(id.value);
}

/** A participant field that {@link setParticipantField} can change. */
export type ParticipantField = Exclude<keyof Participant, 'id' | 'archived'>;

/** Changes one field of a participant (last writer wins). Refuses values outside the field's range. */
export function setParticipantField<K extends ParticipantField>(doc: Y.Doc, id: string, field: K, value: Participant[K], origin: Origin): Result<void> {
  return setField(doc, 'participant', id, field, value, origin);
}

/** Archives a participant: kept in the doc, their scores no longer count. */
export function archiveParticipant(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'participant', id, origin);
}

/** Restores an archived participant. */
export function restoreParticipant(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return restore(doc, 'participant', id, origin);
}
