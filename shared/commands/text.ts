import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { textLimit } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { criteriaMap, indicatorsMap, metaMap, nodesMap, sectionsMap } from '../schema/roots.js';
import { NODE_FIELDS, CRITERION_FIELDS, INDICATOR_FIELDS, SECTION_FIELDS } from '../schema/registry.js';
import { readKind } from '../schema/read.js';
import { getEntity } from './internal.js';
import { criteriaLocked } from './criteria.js';

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

/** Which collaborative text to address: the plan title or a text field of one entity. */
export type TextRef =
  | { kind: 'plan'; field: 'title' }
  | { kind: 'node'; id: string; field: 'title' | 'mdGoal' | 'objective' | 'programmes' | 'result' | 'risks' | 'verification' }
  | { kind: 'criterion'; id: string; field: 'title' | 'description' }
  | { kind: 'indicator'; id: string; field: 'name' | 'verification' }
  | { kind: 'section'; id: string; field: 'title' | 'body' };

/**
 * The Y.Text behind `ref`, for editors that bind to it and observe it; null when the entity or
 * field does not exist (for nodes, a field its kind does not have). Reading only: write through
 * {@link setText} so limits and locks apply.
 */
export function getText(doc: Y.Doc, ref: TextRef): Y.Text | null {
  let map: Y.Map<unknown> | null;
  let texts: readonly string[];
  switch (ref.kind) {
    case 'plan':
      map = metaMap(doc);
      texts = ['title'];
      break;
    case 'node': {
      map = getEntity(nodesMap(doc), ref.id);
      const kind = map ? readKind(map) : null;
      texts = kind ? NODE_FIELDS[kind].texts : [];
      break;
    }
    case 'criterion':
      map = getEntity(criteriaMap(doc), ref.id);
      texts = CRITERION_FIELDS.texts;
      break;
    case 'indicator':
      map = getEntity(indicatorsMap(doc), ref.id);
      texts = INDICATOR_FIELDS.texts;
      break;
    case 'section':
      map = getEntity(sectionsMap(doc), ref.id);
      texts = SECTION_FIELDS.texts;
      break;
  }
  if (!map || !texts.includes(ref.field)) return null;
  const t = map.get(ref.field);
  return t instanceof Y.Text ? t : null;
}

/**
 * Replaces the text at `ref` with `next` through a minimal diff, in one transaction. Refuses
 * unknown targets, texts over the field's limit, and criterion texts while criteria are locked.
 */
export function setText(doc: Y.Doc, ref: TextRef, next: string, origin: Origin): Result<void> {
  if (typeof next !== 'string' || next.length > textLimit(ref.field)) {
    return fail('invalid', `"${ref.field}" must be a string of at most ${textLimit(ref.field)} characters`);
  }
  if (ref.kind === 'criterion' && criteriaLocked(doc)) return fail('locked', 'criteria are locked: both committees have agreed them');
  const ytext = getText(doc, ref);
  if (!ytext) return fail('not-found', `no ${ref.kind} text "${ref.field}"${'id' in ref ? ` for id "${ref.id}"` : ''}`);
  applyTextChange(ytext, next, origin);
  return ok(undefined);
}
