import { LitElement, css, html, nothing } from 'lit';
import { fieldLabel, show } from '../../shared/domain/diff.js';
import { type HistoryEntry } from '../state/api.js';
import { api } from '../state/api-routes.js';
import { base } from '../styles/tokens.js';
import { fmt, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';

let nextId = 1;

/**
 * A small "History" button that opens a popover listing who changed a field (or every field of a
 * row, or a set of cells), when and from what (SPEC FH4, from the server's change journal). The
 * popover is a non-modal dialog: it takes focus, Escape or the button closes it and focus goes
 * back to the button. Empty and failed fetches say so.
 */
export class RtFieldHistory extends LitElement {
  static override properties = {
    planId: { type: String },
    entity: { type: String },
    entityId: { type: String, attribute: 'entity-id' },
    field: { attribute: false },
    /** Cells whose key starts with this (e.g. every score of one goal on one criterion). */
    prefix: { type: String },
    label: { type: String },
    open: { state: true },
    entries: { state: true },
    error: { state: true },
  };
  declare planId: string;
  declare entity: string;
  declare entityId: string;
  declare field: string | null | undefined;
  declare prefix: string;
  declare label: string;
  declare open: boolean;
  declare entries: HistoryEntry[] | null;
  /** Worded at render, so a language switch re-words it (L50). */
  declare error: Notice;
  private readonly popId = `history-${nextId++}`;

  static override styles = [
    base,
    css`
      :host { display: inline-block; position: relative; }
      .pop { position: absolute; z-index: 20; inset-inline-end: 0; inset-block-start: 100%; margin-block-start: 0.25rem; width: min(26rem, calc(100vw - 1.5rem)); max-height: 20rem; overflow: auto;
        background: #fff; border: 1px solid var(--rt-line-strong); border-radius: var(--rt-radius); box-shadow: 0 4px 16px rgba(0,0,0,0.15); padding: 0.5rem 0.75rem; }
      .pop h3 { margin: 0 0 0.3rem; font-size: 0.95rem; }
      ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.35rem; }
      li { border-top: 1px solid var(--rt-line); padding-top: 0.3rem; overflow-wrap: anywhere; }
      .when { color: var(--rt-muted); font-size: 0.85rem; }
      .lost { color: var(--rt-warn); font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.entity = '';
    this.entityId = '';
    this.field = undefined;
    this.prefix = '';
    this.label = '';
    this.open = false;
    this.entries = null;
    this.error = '';
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    this.entries = null;
    this.error = '';
    try {
      const all = await api.history(this.planId, {
        entity: this.entity,
        ...(this.prefix ? { limit: 500 } : { id: this.entityId }),
        ...(this.field !== undefined ? { field: this.field } : {}),
      });
      this.entries = this.prefix ? all.filter((e) => e.id.startsWith(this.prefix)).slice(0, 100) : all;
    } catch (err) {
      this.error = () => t('collab:history.failed', { error: failureText(err, this) });
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.pop')?.focus();
  }

  private close(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus());
  }

  private line(e: HistoryEntry) {
    const what = this.field === undefined && e.field ? `${fieldLabel(e.field)}: ` : '';
    const when = fmt.dateTime(e.at);
    return html`<li>
      <div>${what}<span dir="auto">${show(e.from)}</span> <span class="arrow" aria-hidden="true">→</span><span class="sr-only">${t('collab:history.to')}</span> <strong dir="auto">${show(e.to)}</strong></div>
      <div class="when"><span dir="auto">${e.by.name}</span> (${t(`collab:role.${e.by.role}`)}) · <time datetime=${e.at}>${when}</time></div>
      ${e.kept ? nothing : html`<div class="lost">${t('collab:history.lost')}</div>`}
    </li>`;
  }

  override render() {
    const title = t('collab:history.of', { label: this.label });
    return html`<button class="quiet" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.popId} aria-label=${title} @click=${() => (this.open ? this.close() : void this.toggle())}>${t('collab:history.button')}</button>
      ${this.open
        ? html`<div class="pop" id=${this.popId} role="dialog" aria-label=${title} tabindex="-1" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.close())}>
            <h3>${title}</h3>
            ${this.error
              ? html`<p class="error-box" role="alert">${noticeText(this.error, this)}</p>`
              : this.entries === null
                ? html`<p class="muted" aria-busy="true">${t('loading')}</p>`
                : this.entries.length === 0
                  ? html`<p class="muted">${t('collab:history.empty')}</p>`
                  : html`<ol>${this.entries.map((e) => this.line(e))}</ol>`}
            <button class="secondary" @click=${() => this.close()}>${t('close')}</button>
          </div>`
        : nothing}`;
  }
}
customElements.define('rt-field-history', RtFieldHistory);

declare global {
  interface HTMLElementTagNameMap {
    'rt-field-history': RtFieldHistory;
  }
}
