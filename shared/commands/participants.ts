import * as Y from 'yjs';
import { fail, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { Participant } from '../schema/types.js';
import { add, archive, restore, setField } from './entity.js';

/** Input of {@link addParticipant}: a name, everything else optional. */
export type NewParticipant = { name: string; id?: string } & Partial<Omit<Participant, 'id' | 'name' | 'archived'>>;

/** Adds a participant to the plan's register; returns the id. Refuses invalid field values. */
export function addParticipant(doc: Y.Doc, input: NewParticipant, origin: Origin): Result<string> {
  if (typeof input.name !== 'string' || input.name.trim() === '') return fail('invalid', 'a participant needs a name', { key: 'refusals:participantName' });
  return add(doc, 'participant', input, origin);
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
