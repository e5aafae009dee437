import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { CRITERION_FIELDS, textLimit } from '../schema/registry.js';
import { isText } from '../schema/values.js';
import type { Origin } from '../schema/origins.js';
import { criteriaMap, metaMap } from '../schema/roots.js';
import { criteriaLocked } from './criteria-lock.js';
import { getEntity, liveSiblings, orderAt, pickId } from './internal.js';
import { archive, restore } from './entity.js';

export { criteriaLocked };

const LOCKED = 'criteria are locked: both committees have agreed them; withdraw an agreement first';

/**
 * Records (or withdraws) one committee's agreement on the criteria. Each committee has its own
 * key, so the two can agree at the same moment without overwriting each other.
 */
export function setCriteriaAgreement(doc: Y.Doc, committee: 'imc' | 'ncc', agreed: boolean, origin: Origin): Result<void> {
  if (committee !== 'imc' && committee !== 'ncc') return fail('invalid', 'committee must be "imc" or "ncc"', { key: 'refusals:badValue', params: { shape: 'choice' } });
  if (typeof agreed !== 'boolean') return fail('invalid', 'agreed must be true or false', { key: 'refusals:badValue', params: { shape: 'boolean' } });
  doc.transact(() => metaMap(doc).set(committee === 'imc' ? 'criteriaAgreedByImc' : 'criteriaAgreedByNcc', agreed), origin);
  return ok(undefined);
}

/** Input of {@link addCriterion}. `index` is the position among live criteria (default last). */
export interface NewCriterion {
  title: string;
  description?: string;
  id?: string;
  index?: number;
}

/** Adds a scoring criterion; returns its id. Refused while criteria are locked. */
export function addCriterion(doc: Y.Doc, input: NewCriterion, origin: Origin): Result<string> {
  if (criteriaLocked(doc)) return fail('locked', LOCKED, { key: 'refusals:criteriaLocked' });
  const root = criteriaMap(doc);
  const id = pickId(root, input.id);
  if (!id.ok) return id;
  const values = { title: input.title, description: input.description ?? '' };
  for (const key of CRITERION_FIELDS.texts) {
    const v = (values as Record<string, unknown>)[key];
    if (!isText(v, textLimit(key))) return fail('invalid', `"${key}" must be a string of at most ${textLimit(key)} characters`, { key: 'refusals:tooLong', params: { count: textLimit(key) } });
  }
  const order = orderAt(liveSiblings(root, () => true), input.index);
  doc.transact(() => root.set(id.value, buildEntity(CRITERION_FIELDS, { ...values, order })), origin);
  return ok(id.value);
}

/** Moves a criterion to `index` among the live criteria (one order write). Refused while locked. */
export function moveCriterion(doc: Y.Doc, id: string, index: number, origin: Origin): Result<void> {
  if (criteriaLocked(doc)) return fail('locked', LOCKED, { key: 'refusals:criteriaLocked' });
  const root = criteriaMap(doc);
  const map = getEntity(root, id);
  if (!map) return fail('not-found', `no criterion with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'criterion', id } });
  const order = orderAt(liveSiblings(root, (_m, sid) => sid !== id), index);
  doc.transact(() => map.set('order', order), origin);
  return ok(undefined);
}

/** Archives a criterion (its scores are kept but no longer count). Refused while locked. */
export function archiveCriterion(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  if (criteriaLocked(doc)) return fail('locked', LOCKED, { key: 'refusals:criteriaLocked' });
  return archive(doc, 'criterion', id, origin);
}

/** Brings an archived criterion back. Refused while locked. */
export function restoreCriterion(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  if (criteriaLocked(doc)) return fail('locked', LOCKED, { key: 'refusals:criteriaLocked' });
  return restore(doc, 'criterion', id, origin);
}
