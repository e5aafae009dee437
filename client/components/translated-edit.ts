import { css, html, nothing, type TemplateResult } from 'lit';
import { dirOf, type Locale } from '../../shared/i18n/locales.js';
import { originalLanguage, translationKey } from '../../shared/domain/translations.js';
import type { TranslatedField, TranslationTarget } from '../../shared/schema/types.js';
import type { Workspace } from '../state/workspace.js';
import { t } from '../i18n.js';
import { readerText, shownOf, translationIndex } from './rt-translations.js';

/**
 * Editable titles and section texts for a reader whose language has a translation (SPEC ML11):
 * the translation is shown read-only in its own language, and the box below it is labelled as
 * the original (with its language), so nobody types French into an English original thinking
 * they edit the French text. Translations themselves are edited under "Translations".
 */

/** Styles of {@link editableText} and {@link rowTitleTranslation}, adopted by the views that use them. */
export const translatedEditStyles = css`
  .tr-edit { display: grid; gap: 0.2rem; flex: 1; min-inline-size: 0; }
  .tr-reading { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; padding-block: 0.25rem; padding-inline: 0.5rem; border-inline-start: 3px solid var(--rt-accent, #1f6f8b); }
  .tr-caption { font-size: 0.78rem; color: var(--rt-muted); }
`;

/** A language's name in the reader's language ("French"). */
const langName = (l: Locale): string => t(`translations:lang.${l}`);

/**
 * ML11: an editable text (`box`, the original's own editor) as the reader sees it. Read-only
 * readers get {@link readerText} (the translation in place of the box). An editor whose language
 * has a translation sees it read-only (its `lang` and `dir`) above the box, captioned
 * "French translation, read only here", and the box captioned "Original (EN), the text you edit
 * here"; `box` gets a function that names the original in the box's accessible label
 * ("Section 1 title, original (English)"). Otherwise the box alone, as before.
 */
export function editableText(
  ws: Workspace,
  kind: TranslationTarget,
  id: string,
  field: TranslatedField,
  original: string,
  box: (labelOriginal: ((label: string) => string) | null) => TemplateResult,
): TemplateResult {
  if (ws.readonly) return readerText(ws, kind, id, field, original, box(null));
  const plan = ws.store.plan;
  const shown = shownOf(plan, kind, id, field, original);
  if (shown.original) return box(null);
  const orig = originalLanguage(translationIndex(plan).get(translationKey(kind, id, field)), plan.language);
  return html`<div class="tr-edit" data-translated-edit>
    <span class="tr-caption">${t('translations:ui.shownTranslation', { lang: langName(shown.lang) })}</span>
    <p class="tr-reading" data-shown-text lang=${shown.lang} dir=${dirOf(shown.lang)}>${shown.text}</p>
    <span class="tr-caption" data-original-caption>${t('translations:ui.editingOriginal', { code: t(`translations:code.${orig}`) })}</span>
    <div lang=${orig} dir=${dirOf(orig)}>${box((label) => t('translations:ui.originalBoxLabel', { label, lang: langName(orig) }))}</div>
  </div>`;
}

/**
 * ML11 in a matrix row's details: the row's title in the reader's language when a translation
 * exists (its `lang` and `dir`), with the original it translates, which is edited in the row.
 * Nothing when the reader sees the original.
 */
export function rowTitleTranslation(ws: Workspace, kind: TranslationTarget, id: string, original: string): TemplateResult | typeof nothing {
  const plan = ws.store.plan;
  const shown = shownOf(plan, kind, id, 'title', original);
  if (shown.original) return nothing;
  const orig = originalLanguage(translationIndex(plan).get(translationKey(kind, id, 'title')), plan.language);
  return html`<div class="tr-edit wide" data-row-translation>
    <span class="tr-caption">${t('translations:ui.shownTranslation', { lang: langName(shown.lang) })}</span>
    <p class="tr-reading" data-shown-text lang=${shown.lang} dir=${dirOf(shown.lang)}>${shown.text}</p>
    <span class="tr-caption">${t('translations:ui.rowOriginal', { code: t(`translations:code.${orig}`) })} <span lang=${orig} dir=${dirOf(orig)}>${original}</span></span>
  </div>`;
}
