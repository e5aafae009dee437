import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { SECTION_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { sectionsMap } from '../schema/roots.js';
import { SECTION_PARTS, type SectionPart } from '../schema/types.js';
import { isOneOf, isText } from '../schema/values.js';
import { getEntity, liveSiblings, orderAt, pickId } from './internal.js';
import { archive, restore } from './entity.js';

/** Adds a Plan of Action section (background item or annex) at `index` within its part; returns its id. */
export function addSection(doc: Y.Doc, input: { part: SectionPart; title: string; id?: string; index?: number }, origin: Origin): Result<string> {
  const root = sectionsMap(doc);
  const id = pickId(root, input.id);
  if (!id.ok) return id;
  if (!isOneOf(SECTION_PARTS, input.part)) return fail('invalid', `part must be one of ${SECTION_PARTS.join(', ')}`, { key: 'refusals:sectionPart' });
  if (!isText(input.title)) return fail('invalid', '"title" must be a string of at most 2000 characters', { key: 'refusals:tooLong', params: { count: 2000 } });
  const order = orderAt(liveSiblings(root, (m) => m.get('part') === input.part), input.index);
  doc.transact(() => root.set(id.value, buildEntity(SECTION_FIELDS, { part: input.part, title: input.title, order })), origin);
  return ok(id.value);
}

/** Moves a section to `index` among the live sections of its part. */
export function moveSection(doc: Y.Doc, id: string, index: number, origin: Origin): Result<void> {
  const root = sectionsMap(doc);
  const map = getEntity(root, id);
  if (!map) return fail('not-found', `no section with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'section', id } });
  const part = map.get('part');
  const order = orderAt(liveSiblings(root, (m, sid) => sid !== id && m.get('part') === part), index);
  doc.transact(() => map.set('order', order), origin);
  return ok(undefined);
}

/** Archives a section (its text is kept). */
export function archiveSection(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'section', id, origin);
}

/** Restores an archived section. */
export function restoreSection(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return restore(doc, 'section', id, origin);
}
