import { css, html, nothing, type TemplateResult } from 'lit';
import { LOCALES, dirOf, isLocale, type Locale } from '../../shared/i18n/locales.js';
import { indexTranslations, originalLanguage, shownText, translatedLanguages, translationKey, type ShownText, type TranslationIndex } from '../../shared/domain/translations.js';
import { ensureTranslation, setOriginalLanguage, translationRecordOf } from '../../shared/commands/translations.js';
import type { PlanData, TranslatedField, Translation, TranslationTarget } from '../../shared/schema/types.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import type { TextRef } from '../../shared/commands/text.js';
import { fmt, locale, t } from '../i18n.js';
import './rt-text.js';
import { commandText, errorBox, type Notice } from '../command-text.js';

/**
 * Plan content in several languages in the browser (SPEC ML5): titles and section texts shown in
 * the reader's language where a translation exists, else the original with an "original: FR"
 * tag; and the "Translations" editor that writes them side by side. The views call
 * {@link shownTitle} where they show a title and place `<rt-translations>` beside an editable one.
 */

/** Styles of the tag and the editor, adopted by the views that use them. */
export const translationsStyles = css`
  .shown-text { flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; }
  .sec-tr { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-block-start: 0.3rem; }
  .sec-tr .tr-panel { flex-basis: 100%; }
  .orig-tag { display: inline-block; font-size: 0.72rem; font-weight: normal; color: var(--rt-muted); border: 1px solid var(--rt-line); border-radius: 4px; padding-inline: 0.3rem; margin-inline-start: 0.35rem; vertical-align: middle; }
  .tr-toggle { font-size: 0.85rem; min-block-size: 24px; }
  .tr-panel { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.5rem 0.7rem; margin-block: 0.4rem; display: grid; gap: 0.5rem; max-inline-size: 100%; box-sizing: border-box; }
  .tr-panel h4 { margin: 0; font-size: 0.95rem; }
  .tr-panel p { margin: 0; }
  .tr-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.5rem; }
  .tr-grid .field { display: grid; gap: 0.2rem; min-inline-size: 0; }
  .tr-grid .field > span { font-size: 0.82rem; color: var(--rt-muted); }
  .tr-grid .field > span::first-letter { text-transform: uppercase; }
  .tr-panel select { max-inline-size: 100%; }
  @media (max-width: 600px) { .tr-grid { grid-template-columns: minmax(0, 1fr); } }
`;

/** Indexes built once per list of records (the plan store hands out a new list when they change). */
const indexes = new WeakMap<readonly Translation[], TranslationIndex>();

/** The plan's translations by text (ML3), cached per list of records. */
export function translationIndex(plan: Pick<PlanData, 'translations'>): TranslationIndex {
  const list = plan.translations ?? [];
  let index = indexes.get(list);
  if (!index) {
    index = indexTranslations(list);
    indexes.set(list, index);
  }
  return index;
}

/** ML5: what the reader sees of a title or section text. */
export function shownOf(plan: PlanData, kind: TranslationTarget, id: string, field: TranslatedField, original: string): ShownText {
  return shownText(original, translationIndex(plan).get(translationKey(kind, id, field)), locale(), plan.language);
}

/** "original: FR", marking an original shown to a reader of another language (ML5). */
export function originalTag(shown: ShownText): TemplateResult | typeof nothing {
  if (!shown.original || shown.lang === locale()) return nothing;
  return html`<small class="orig-tag" data-original=${shown.lang} title=${t('translations:originalTagLabel', { lang: t(`translations:lang.${shown.lang}`) })}>${t('translations:originalTag', { code: t(`translations:code.${shown.lang}`) })}</small>`;
}

/**
 * ML5: a title as the reader sees it, inside `frame` (a message with `{{title}}`, e.g. the
 * view's "Goal {{n}}: {{title}}"): the text in a span carrying its own `lang` and `dir`, the
 * frame around it in the reader's language, then the "original" tag when it applies.
 */
export function shownTitle(plan: PlanData, kind: TranslationTarget, id: string, original: string, frame: (title: string) => string = (x) => x): TemplateResult {
  const shown = shownOf(plan, kind, id, 'title', original);
  const mark = '\uE000';
  const [before = '', after = ''] = frame(mark).split(mark);
  return html`<span dir="auto">${before}<span data-shown-title lang=${shown.lang} dir=${dirOf(shown.lang)}>${shown.text}</span>${after}</span>${originalTag(shown)}`;
}

/**
 * ML5 for read-only readers (observers, opened versions): the text in the reader's language when
 * a translation exists, else `editable` (the original's own box, locked for them). Editors always
 * get `editable`: they edit the original and its translations under "Translations".
 */
export function readerText(ws: Workspace, kind: TranslationTarget, id: string, field: TranslatedField, original: string, editable: TemplateResult): TemplateResult {
  if (!ws.readonly) return editable;
  const shown = shownOf(ws.store.plan, kind, id, field, original);
  if (shown.original) return editable;
  return html`<div class="shown-text" data-shown-text lang=${shown.lang} dir=${dirOf(shown.lang)}>${shown.text}</div>`;
}

let panels = 0;

/**
 * "Translations" beside an editable title or section text (ML1-ML4): a button (with the count
 * of languages written) that opens the text's translations side by side, one labelled box per
 * language other than the original's, and the original's language. Opening it writes nothing:
 * the text's record is created by the first character typed or the first choice of the
 * original's language (editors and facilitators, L18); Escape or "Close" closes it and
 * returns focus to the button. Read-only workspaces see the texts but cannot change them.
 */
export class RtTranslations extends RtPart {
  static override properties = {
    ...RtPart.properties,
    kind: { type: String },
    targetId: { type: String },
    field: { type: String },
    name: { type: String },
    open: { state: true },
    failure: { state: true },
  };
  declare kind: TranslationTarget;
  declare targetId: string;
  declare field: TranslatedField;
  /** How the text is named in labels ("goal 1.2"). */
  declare name: string;
  declare open: boolean;
  declare failure: Notice;
  /** The record this editor created (the plan's projection may not hold it yet). */
  private created: string | null = null;
  private readonly panelId = `tr-panel-${++panels}`;

  constructor() {
    super();
    this.kind = 'goal';
    this.targetId = '';
    this.field = 'title';
    this.name = '';
    this.open = false;
    this.failure = '';
  }

  /**
   * What it shows of the plan: the translation records and the plan's language (its own
   * properties, the language and the lock are compared besides). A keystroke in the text it sits
   * beside changes neither, so it does not render again (SPEC PP1).
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [plan.translations, plan.language];
  }

  /** Opens or closes the editor; opening writes nothing (L18: the record is made on the first change). */
  private toggle(): void {
    if (this.open) return this.close();
    this.failure = '';
    this.open = true;
    void this.updateComplete.then(() => (this.querySelector(`#${this.panelId} select, #${this.panelId} rt-text`) as HTMLElement | null)?.focus());
  }

  /**
   * The text's record, created now if it has none (L18: called by the first character typed into
   * a box or the first choice of the original's language, never by opening); null if refused.
   */
  private ensureRecord(ws: Workspace): string | null {
    const existing = translationRecordOf(ws.doc, this.kind, this.targetId, this.field);
    if (existing) return existing;
    const r = ensureTranslation(ws.doc, this.kind, this.targetId, this.field, ws.origin);
    if (!r.ok) {
      const refused = r.error;
      this.failure = () => t('translations:ui.failed', { detail: commandText(refused, this) });
      return null;
    }
    this.created = r.value;
    return r.value;
  }

  /** The box of language `l` got its first character while the text has no record yet (L18). */
  private createText(ws: Workspace, l: Locale): TextRef | null {
    const id = this.ensureRecord(ws);
    this.requestUpdate();
    return id ? { kind: 'translation', id, field: l } : null;
  }

  private close(): void {
    this.open = false;
    void this.updateComplete.then(() => (this.querySelector('.tr-toggle') as HTMLElement | null)?.focus());
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const set = translationIndex(plan).get(translationKey(this.kind, this.targetId, this.field));
    const count = translatedLanguages(set, plan.language).length;
    const orig = originalLanguage(set, plan.language);
    const langName = (l: Locale) => t(`translations:lang.${l}`);
    const fieldName = t(`translations:field.${this.field}`);
    const record = set?.id ?? (this.created && translationRecordOf(ws.doc, this.kind, this.targetId, this.field)) ?? null;
    const label = t('translations:ui.openOf', { name: this.name });
    // The button's name starts with what it shows (axe label-content-name-mismatch, WCAG 2.5.3) and
    // names the item, so the title's and the text's buttons of one section differ (L131).
    const shown = `${t(`translations:ui.openField.${this.field}`)}${count ? ` (${fmt.number(count)})` : ''}`;
    return html`<button type="button" class="quiet tr-toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.panelId} aria-label=${t('common:labelled', { label: shown, value: this.name })} @click=${() => this.toggle()}>
        ${shown}
      </button>
      ${this.open
        ? html`<div class="tr-panel" id=${this.panelId} role="group" aria-label=${label} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.close())}>
            <h4>${t('translations:ui.heading', { field: fieldName })}</h4>
            ${errorBox(this.failure, this)}
            <p class="muted">${ws.readonly ? t('translations:ui.readOnly') : t('translations:ui.intro')}</p>
            ${record || !ws.readonly
              ? html`<label class="field"
                    ><span>${t('translations:ui.originalLanguage')}</span>
                    <select
                      @change=${(e: Event) => {
                        const v = (e.target as HTMLSelectElement).value;
                        const id = record ?? this.ensureRecord(ws);
                        if (id) this.report(setOriginalLanguage(ws.doc, id, isLocale(v) ? v : null, ws.origin));
                      }}
                    >
                      <option value="" ?selected=${set?.original == null}>${t('translations:ui.planDefault', { lang: langName(isLocale(plan.language) ? plan.language : 'en') })}</option>
                      ${LOCALES.map((l) => html`<option value=${l} ?selected=${set?.original === l}>${langName(l)}</option>`)}
                    </select></label
                  >
                  <div class="tr-grid">
                    ${LOCALES.filter((l) => l !== orig).map(
                      (l) => html`<div class="field" data-lang=${l}>
                        <span>${t('translations:ui.textIn', { field: fieldName, lang: langName(l) })}</span>
                        <rt-text ?multiline=${this.field === 'body'} lang=${l} dir=${dirOf(l)} .ws=${ws} .ref=${record ? { kind: 'translation', id: record, field: l } : null} .create=${record ? null : () => this.createText(ws, l)} label=${t('translations:ui.textIn', { field: `${fieldName} (${this.name})`, lang: langName(l) })} placeholder=${t('translations:ui.empty')}></rt-text>
                      </div>`,
                    )}
                  </div>
                  <p class="muted">${t('translations:ui.isOriginal', { lang: langName(orig) })}</p>`
              : nothing}
            <div><button type="button" class="secondary" @click=${() => this.close()}>${t('translations:ui.close')}</button></div>
          </div>`
        : nothing}`;
  }
}
customElements.define('rt-translations', RtTranslations);

declare global {
  interface HTMLElementTagNameMap {
    'rt-translations': RtTranslations;
  }
}
