import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { textLimit } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { metaMap } from '../schema/roots.js';
import { ENTITIES, NODE_ENTITIES, type CRITERION_FIELDS, type EntityDef, type INDICATOR_FIELDS, type META_FIELDS, type NODE_FIELDS, type SECTION_FIELDS, type DELIVERABLE_FIELDS, type DECISION_FIELDS, type TRANSLATION_FIELDS, type TextsOf } from '../schema/registry.js';
import { readKind } from '../schema/read.js';
import { getEntity } from './internal.js';
import { criteriaLocked } from './criteria-lock.js';

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Turns the content of `ytext` into `next` with at most one delete and one insert: the common
 * prefix and suffix are kept, so concurrent typing elsewhere in the text survives and remote
 * cursors stay put. Never splits a surrogate pair. Runs in one transaction with `origin` (or
 * joins the caller's transaction). Intended for binding an `<input>`/`<textarea>` to a Y.Text.
 */
export function applyTextChange(ytext: Y.Text, next: string, origin?: Origin): void {
  const prev = ytext.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLow(prev.charCodeAt(prev.length - end))) end--;
  const removed = prev.length - start - end;
  const inserted = next.slice(start, next.length - end);
  const run = (): void => {
    if (removed > 0) ytext.delete(start, removed);
    if (inserted.length > 0) ytext.insert(start, inserted);
  };
  if (ytext.doc) ytext.doc.transact(run, origin);
  else run();
}

/**
 * Which collaborative text to address: the plan title or a text field of one entity. The field
 * names are the registry's text fields of each entity (R3).
 */
export type TextRef =
  | { kind: 'plan'; field: TextsOf<typeof META_FIELDS> }
  | { kind: 'node'; id: string; field: TextsOf<(typeof NODE_FIELDS)[keyof typeof NODE_FIELDS]> }
  | { kind: 'criterion'; id: string; field: TextsOf<typeof CRITERION_FIELDS> }
  | { kind: 'indicator'; id: string; field: TextsOf<typeof INDICATOR_FIELDS> }
  | { kind: 'section'; id: string; field: TextsOf<typeof SECTION_FIELDS> }
  | { kind: 'deliverable'; id: string; field: TextsOf<typeof DELIVERABLE_FIELDS> }
  | { kind: 'decision'; id: string; field: TextsOf<typeof DECISION_FIELDS> }
  | { kind: 'translation'; id: string; field: TextsOf<typeof TRANSLATION_FIELDS> };

/** Registry entry of each entity kind a TextRef may name ('node' is resolved by the map's kind). */
const TEXT_ENTITIES: Readonly<Record<Exclude<TextRef['kind'], 'plan' | 'node'>, EntityDef>> = {
  criterion: ENTITIES.criterion,
  indicator: ENTITIES.indicator,
  section: ENTITIES.section,
  deliverable: ENTITIES.deliverable,
  decision: ENTITIES.decision,
  translation: ENTITIES.translation,
};

/** The entity map and registry entry behind `ref`, or null. */
function textOwner(doc: Y.Doc, ref: TextRef): { map: Y.Map<unknown>; def: EntityDef } | null {
  if (ref.kind === 'plan') return { map: metaMap(doc), def: ENTITIES.meta };
  if (ref.kind === 'node') {
    const map = getEntity(doc.getMap(ENTITIES.goal.root), ref.id);
    const kind = map ? readKind(map) : null;
    const def = NODE_ENTITIES.find((d) => d.nodeKind === kind);
    return map && def ? { map, def } : null;
  }
  const def = TEXT_ENTITIES[ref.kind];
  if (!def) return null;
  const map = getEntity(doc.getMap(def.root), ref.id);
  return map ? { map, def } : null;
}

/**
 * The Y.Text behind `ref`, for editors that bind to it and observe it; null when the entity or
 * field does not exist (for nodes, a field its kind does not have). Reading only: write through
 * {@link setText} so limits and locks apply.
 */
export function getText(doc: Y.Doc, ref: TextRef): Y.Text | null {
  const owner = textOwner(doc, ref);
  if (!owner || !(owner.def.fields.texts as readonly string[]).includes(ref.field)) return null;
  const t = owner.map.get(ref.field);
  return t instanceof Y.Text ? t : null;
}

/**
 * Replaces the text at `ref` with `next` through a minimal diff, in one transaction. Refuses
 * unknown targets, texts over the field's limit, and criterion texts while criteria are locked.
 */
export function setText(doc: Y.Doc, ref: TextRef, next: string, origin: Origin): Result<void> {
  if (typeof next !== 'string' || next.length > textLimit(ref.field)) {
    return fail('invalid', `"${ref.field}" must be a string of at most ${textLimit(ref.field)} characters`, { key: 'refusals:tooLong', params: { count: textLimit(ref.field) } });
  }
  if (ref.kind === 'criterion' && criteriaLocked(doc)) return fail('locked', 'criteria are locked: both committees have agreed them', { key: 'refusals:criteriaLocked' });
  const ytext = getText(doc, ref);
  if (!ytext) return fail('not-found', `no ${ref.kind} text "${ref.field}"${'id' in ref ? ` for id "${ref.id}"` : ''}`, { key: 'refusals:notFound', params: { kind: ref.kind, id: 'id' in ref ? ref.id : ref.field } });
  applyTextChange(ytext, next, origin);
  return ok(undefined);
}

/** One edit of a text at a known place (TX1): remove `remove` characters at `index`, then insert `insert` there. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * Applies one edit where the person made it (TX1), in one transaction: a delete of the range and
 * an insert at its start, so concurrent typing elsewhere, and the other person's words right next
 * to it, stay where their authors put them. Refuses like {@link setText} (limits, criteria lock,
 * unknown targets), plus a range outside the text and an edit that would split a surrogate pair.
 */
export function editText(doc: Y.Doc, ref: TextRef, edit: TextEdit, origin: Origin): Result<void> {
  const ytext = getText(doc, ref);
  if (!ytext) return fail('not-found', `no ${ref.kind} text "${ref.field}"${'id' in ref ? ` for id "${ref.id}"` : ''}`, { key: 'refusals:notFound', params: { kind: ref.kind, id: 'id' in ref ? ref.id : ref.field } });
  const { index, remove, insert } = edit;
  const len = ytext.length;
  if (!Number.isInteger(index) || !Number.isInteger(remove) || index < 0 || remove < 0 || index + remove > len || typeof insert !== 'string') {
    return fail('invalid', `an edit of "${ref.field}" must stay within its ${len} characters`, { key: 'refusals:editOutside', params: { count: len } });
  }
  if (len - remove + insert.length > textLimit(ref.field)) return fail('invalid', `"${ref.field}" must be a string of at most ${textLimit(ref.field)} characters`, { key: 'refusals:tooLong', params: { count: textLimit(ref.field) } });
  if (ref.kind === 'criterion' && criteriaLocked(doc)) return fail('locked', 'criteria are locked: both committees have agreed them', { key: 'refusals:criteriaLocked' });
  const text = ytext.toString();
  if ((index > 0 && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index))) || (remove > 0 && isHigh(text.charCodeAt(index + remove - 1)) && isLow(text.charCodeAt(index + remove)))) {
    return fail('invalid', 'an edit may not split a character in two', { key: 'refusals:splitCharacter' });
  }
  doc.transact(() => {
    if (remove > 0) ytext.delete(index, remove);
    if (insert.length > 0) ytext.insert(index, insert);
  }, origin);
  return ok(undefined);
}
