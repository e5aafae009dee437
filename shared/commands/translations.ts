import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { Locale } from '../i18n/locales.js';
import { ENTITIES } from '../schema/registry.js';
import type { TranslatedField, TranslationTarget } from '../schema/types.js';
import { isTranslatable } from '../domain/translations.js';
import { add, findEntity, setField } from './entity.js';

/**
 * Commands of plan content in several languages (ML1-ML4). The texts themselves are
 * collaborative (`TextRef` `{ kind: 'translation', id, field: 'fr' }`); these create a text's
 * record and set its original's language. The update gate lets whoever may write the title
 * (editors, facilitators) write translations; observers' changes never reach the plan.
 */

/** The id of the record `indexTranslations` reads first for a text (smallest id), or null. */
export function translationRecordOf(doc: Y.Doc, kind: TranslationTarget, targetId: string, field: TranslatedField): string | null {
  let found: string | null = null;
  doc.getMap(ENTITIES.translation.root).forEach((v, id) => {
    const m = v as Y.Map<unknown>;
    if (typeof m?.get !== 'function') return;
    if (m.get('targetId') === targetId && m.get('targetKind') === kind && m.get('field') === field && (found === null || id < found)) found = id;
  });
  return found;
}

/**
 * The record of a text's translations (ML3), created when it has none yet: the target must
 * exist with that kind, and `body` exists only on sections. Returns the record id.
 */
export function ensureTranslation(doc: Y.Doc, kind: TranslationTarget, targetId: string, field: TranslatedField, origin: Origin): Result<string> {
  if (!isTranslatable(kind, field)) return fail('invalid', `a ${kind} has no ${field} to translate`, { key: 'refusals:notTranslatable' });
  if (!findEntity(doc, ENTITIES[kind], targetId)) return fail('not-found', `no ${kind} with id "${targetId}"`, { key: 'refusals:notFound', params: { kind, id: targetId } });
  const existing = translationRecordOf(doc, kind, targetId, field);
  if (existing) return ok(existing);
  return add(doc, 'translation', { targetId, targetKind: kind, field }, origin);
}

/** ML2: records the original's language of a text (null: the plan's language). */
export function setOriginalLanguage(doc: Y.Doc, recordId: string, lang: Locale | null, origin: Origin): Result<void> {
  return setField(doc, 'translation', recordId, 'original', lang, origin);
}
