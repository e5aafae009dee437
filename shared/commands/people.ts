import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { Body, BodyKind, DecisionSubject, Meeting, Stakeholder } from '../schema/types.js';
import { ENTITIES } from '../schema/registry.js';
import { add, findEntity, setField } from './entity.js';

/** Commands of the stakeholder register, the committee structure and meetings (PE1-PE4). */

/** Input of {@link addStakeholder}: the organisation, everything else optional. */
export type NewStakeholder = { organisation: string; id?: string } & Partial<Omit<Stakeholder, 'id' | 'organisation' | 'archived'>>;

/** Adds an organisation to the stakeholder register (PE1); returns its id. */
export function addStakeholder(doc: Y.Doc, input: NewStakeholder, origin: Origin): Result<string> {
  if (typeof input.organisation !== 'string' || input.organisation.trim() === '') return fail('invalid', 'a stakeholder needs the name of its organisation', { key: 'refusals:stakeholderOrganisation' });
  return add(doc, 'stakeholder', { ...input, organisation: input.organisation.trim() }, origin);
}

/** Adds a body of the committee structure (PE2); returns its id. */
export function addBody(doc: Y.Doc, input: { kind: BodyKind; name?: string; id?: string } & Partial<Omit<Body, 'id' | 'kind' | 'archived'>>, origin: Origin): Result<string> {
  return add(doc, 'body', input, origin);
}

/** Adds or removes a stakeholder in a list field (members, attendance) of a body or meeting, keeping the others. */
export function toggleLink(doc: Y.Doc, entity: 'body' | 'meeting', id: string, stakeholderId: string, on: boolean, origin: Origin): Result<void> {
  const map = findEntity(doc, ENTITIES[entity], id);
  if (!map) return fail('not-found', `no ${entity} with id "${id}"`, { key: 'refusals:notFound', params: { kind: entity, id } });
  if (!findEntity(doc, ENTITIES.stakeholder, stakeholderId)) return fail('not-found', `no stakeholder with id "${stakeholderId}"`, { key: 'refusals:notFound', params: { kind: 'stakeholder', id: stakeholderId } });
  const field = entity === 'body' ? 'members' : 'attendance';
  const now = map.get(field);
  const list = Array.isArray(now) ? (now as string[]).filter((x) => x !== stakeholderId) : [];
  if (on) list.push(stakeholderId);
  return setField(doc, entity, id, field, list, origin);
}

/** Adds a meeting (PE3); returns its id. */
export function addMeeting(doc: Y.Doc, input: { title: string; id?: string } & Partial<Omit<Meeting, 'id' | 'title' | 'archived'>>, origin: Origin): Result<string> {
  if (typeof input.title !== 'string' || input.title.trim() === '') return fail('invalid', 'a meeting needs a title', { key: 'refusals:meetingTitle' });
  return add(doc, 'meeting', { ...input, title: input.title.trim() }, origin);
}

/** Adds a decision to a meeting (PE3), linked to what it settled; returns its id. */
export function addDecision(
  doc: Y.Doc,
  input: { meetingId: string; text: string; subject?: DecisionSubject; targets?: string[]; id?: string },
  origin: Origin,
): Result<string> {
  if (typeof input.text !== 'string' || input.text.trim() === '') return fail('invalid', 'a decision needs its text', { key: 'refusals:decisionText' });
  return add(doc, 'decision', input, origin);
}

/** Links a participant to a register entry (PE4), or unlinks with null. */
export function linkParticipant(doc: Y.Doc, participantId: string, stakeholderId: string | null, origin: Origin): Result<void> {
  if (stakeholderId !== null && !findEntity(doc, ENTITIES.stakeholder, stakeholderId)) return fail('not-found', `no stakeholder with id "${stakeholderId}"`, { key: 'refusals:notFound', params: { kind: 'stakeholder', id: stakeholderId } });
  const r = setField(doc, 'participant', participantId, 'stakeholderId', stakeholderId, origin);
  return r.ok ? ok(undefined) : r;
}
