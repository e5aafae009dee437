import { LitElement, css, html } from 'lit';
import { LOCALES, LOCALE_NAMES, isLocale } from '../../shared/i18n/locales.js';
import { locale, setLocale, t } from '../i18n.js';
import { base } from '../styles/tokens.js';

/**
 * The language picker: each language named in its own words (with its `lang`, so a screen reader
 * pronounces it right). Switching re-renders the page at once and is remembered on this device.
 * `compact` hides the visible label (the select keeps it as its accessible name).
 */
export class RtLocalePicker extends LitElement {
  static override properties = { compact: { type: Boolean, reflect: true } };
  declare compact: boolean;

  static override styles = [
    base,
    css`
      :host { display: inline-block; }
      label { display: inline-flex; align-items: center; gap: 0.4rem; }
      select { min-height: 32px; padding-block: 0.15rem; padding-inline: 0.4rem; border: 1px solid var(--rt-line-strong); border-radius: 6px; background: var(--rt-card); }
      :host([compact]) .text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    `,
  ];

  constructor() {
    super();
    this.compact = false;
  }

  private change(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    if (isLocale(value)) void setLocale(value);
  }

  override render() {
    const current = locale();
    return html`<label title=${t('languageHint')}>
      <span class="text">${t('language')}</span>
      <select @change=${this.change}>
        ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === current}>${LOCALE_NAMES[l]}</option>`)}
      </select>
    </label>`;
  }
}

customElements.define('rt-locale-picker', RtLocalePicker);
