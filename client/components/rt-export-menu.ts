import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { setPlanField } from '../../shared/commands/meta.js';
import type { PlanData } from '../../shared/schema/types.js';
import { LOCALES, LOCALE_NAMES, isLocale } from '../../shared/i18n/locales.js';
import { t } from '../i18n.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import type { Role } from '../state/access.js';
import { EXPORTS, fetchExport, saveBlob, showInTab, type ClientExport } from '../state/exports.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { errorBox, type Notice } from '../command-text.js';

/** The catalogue key of an export format (its sheet for the CSV files). */
function formatKey(f: ClientExport): string {
  const sheet = (f.query as Record<string, string> | undefined)?.['sheet'];
  return sheet ? `csv_${sheet}` : f.name.replace('.', '_');
}

/** The catalogue key of an export's label and hint. */
const messagesOf = (f: ClientExport): string => f.messages ?? `shell:export.format.${formatKey(f)}`;
/** An export format's name in the reader's language. */
const labelOf = (f: ClientExport): string => t(`${messagesOf(f)}.label`);
/** What an export format gives, in the reader's language. */
const hintOf = (f: ClientExport): string => t(`${messagesOf(f)}.hint`);

/**
 * The Export menu of the live plan (in the workspace header) or of one snapshot (in the versions
 * list): every format of `EXPORTS`, downloaded with the bearer token in a header (fetch + blob,
 * never a token in a URL), the print view opened in a new tab as a blob URL. Shows progress while
 * a document is made, and the server's message when it fails. For the live plan it also shows
 * whether exports include individual named scores; facilitators can switch that (G12: the
 * server refuses the change from anyone else, so others only see the setting).
 *
 * Attributes: `align="end"` opens the menu towards the start edge (a button at the right of a
 * header); `compact` makes the button as small as the version list's.
 *
 * A disclosure button and a group of buttons: Tab moves through them, Escape closes and returns
 * to the button.
 */
export class RtExportMenu extends LitElement {
  static override properties = {
    planId: { type: String },
    snapshot: { attribute: false },
    plan: { attribute: false },
    ws: { attribute: false },
    role: { type: String },
    align: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    busy: { state: true },
    error: { state: true },
    fallback: { state: true },
    period: { state: true },
    withComments: { state: true },
  };
  declare planId: string;
  /** The snapshot exported; null for the live plan. */
  declare snapshot: SnapshotMeta | null;
  /** The live plan (review periods, the named-scores setting); null for a snapshot. */
  declare plan: PlanData | null;
  /** The live workspace, for the facilitator's setting; null for a snapshot. */
  declare ws: Workspace | null;
  declare role: Role | null;
  /** `end` opens the menu towards the start edge (a button at the right of a header). */
  declare align: 'start' | 'end';
  declare open: boolean;
  /** The export being made, if any. */
  declare busy: ClientExport | null;
  declare error: Notice;
  /** A blob URL of the print view when the browser blocked the new tab. */
  declare fallback: string;
  /** The review period chosen for the monitoring matrix ('' = the latest). */
  declare period: string;
  /** Add the discussion annex to the print view and Word (SPEC CM10). */
  declare withComments: boolean;

  private abort: AbortController | null = null;

  static override styles = [
    base,
    css`
      :host { display: inline-block; position: relative; }
      .menu {
        position: absolute; z-index: 20; top: calc(100% + 0.25rem); inset-inline-start: 0; width: 22rem;
        max-width: calc(100vw - 1rem); background: #fff; border: 1px solid var(--rt-line-strong); border-radius: var(--rt-radius);
        box-shadow: 0 6px 24px rgba(0, 0, 0, 0.15); padding: 0.6rem; text-align: start;
      }
      :host([align='end']) .menu { inset-inline-start: auto; inset-inline-end: 0; }
      :host([compact]) .toggle { padding: 0.2rem 0.55rem; font-size: 0.88rem; }
      /* Phones: the open menu takes its own line in the flow, as wide as the screen allows. */
      @media (max-width: 32rem) {
        :host([open]) { display: block; flex-basis: 100%; width: 100%; }
        .menu, :host([align='end']) .menu { position: static; width: auto; max-width: none; margin-top: 0.25rem; }
      }
      .title { font-weight: 650; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.3rem; }
      li button { width: 100%; text-align: start; display: flex; flex-direction: column; gap: 0.1rem; background: #fff; color: var(--rt-ink); border-color: var(--rt-line-strong); }
      li button:hover:not(:disabled) { background: var(--rt-accent-soft); }
      .label { font-weight: 600; color: var(--rt-accent); }
      .hint { font-size: 0.82rem; color: var(--rt-muted); }
      .busy { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-top: 0.5rem; }
      progress { flex: 1 1 6rem; }
      .setting { margin-block-start: 0.6rem; padding-block-start: 0.5rem; border-top: 1px solid var(--rt-line); font-size: 0.88rem; }
      .setting label { display: flex; gap: 0.4rem; align-items: flex-start; }
      /* A checkbox stays beside its words, however long they are in the language shown. */
      label.row { flex-wrap: nowrap; align-items: flex-start; margin-block: 0.2rem 0.4rem; }
      input[type='checkbox'] { flex: none; inline-size: 1.1rem; block-size: 1.1rem; margin: 0.1rem 0 0; }
      .field { margin-bottom: 0.4rem; }
      /* The export language comes first: a rule under it, not above. */
      .lang { margin-block: 0 0.4rem; padding-block: 0 0.4rem; border-top: 0; border-bottom: 1px solid var(--rt-line); }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.snapshot = null;
    this.plan = null;
    this.ws = null;
    this.role = null;
    this.align = 'start';
    this.open = false;
    this.busy = null;
    this.error = '';
    this.fallback = '';
    this.period = '';
    this.withComments = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    document.removeEventListener('pointerdown', this.outside);
  }

  /** A click outside the open menu closes it (unless an export is running). */
  private readonly outside = (e: Event): void => {
    if (!e.composedPath().includes(this) && !this.busy) this.open = false;
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) {
      document.addEventListener('pointerdown', this.outside);
      this.renderRoot.querySelector<HTMLButtonElement>('li button')?.focus();
    } else document.removeEventListener('pointerdown', this.outside);
  }

  private toggle(): void {
    this.open = !this.open;
    if (!this.open) this.fallback = '';
    // Open towards the side with room: the header wraps, so the button is not always at its end.
    else {
      // In a right-to-left page the right half is the start side.
      const box = this.getBoundingClientRect();
      const rightHalf = box.left + box.width / 2 > window.innerWidth / 2;
      this.align = rightHalf !== (getComputedStyle(this).direction === 'rtl') ? 'end' : 'start';
    }
  }

  private keydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.open) return;
    e.stopPropagation();
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.toggle')?.focus();
  }

  /** Makes one export: a download, or the print view in a tab opened now (so no popup blocker stops it). */
  private async run(format: ClientExport): Promise<void> {
    if (this.busy) return;
    this.error = '';
    this.fallback = '';
    const win = format.print ? window.open('', '_blank') : null;
    if (win) {
      win.document.title = t('shell:export.preparingPrint');
      win.document.body.textContent = t('shell:export.preparingPrint');
    }
    this.busy = format;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    try {
      const { blob, name } = await fetchExport(this.planId, format, this.snapshot?.id ?? null, this.period || null, (input, init) => fetch(input, { ...init, signal }), this.withComments);
      if (!format.print) saveBlob(blob, name);
      else if (win && !win.closed) showInTab(win, blob);
      else this.fallback = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
    } catch (err) {
      win?.close();
      this.error = signal.aborted ? t('shell:export.cancelled') : t('shell:export.failed', { format: labelOf(format), error: (err as Error).message });
    } finally {
      this.busy = null;
      this.abort = null;
    }
  }

  private setNamedScores(on: boolean): void {
    if (!this.ws) return;
    const r = setPlanField(this.ws.doc, 'exportNamedScores', on, this.ws.origin);
    if (!r.ok) this.error = r.error;
  }

  private setLanguage(value: string): void {
    if (!this.ws || !isLocale(value)) return;
    const r = setPlanField(this.ws.doc, 'language', value, this.ws.origin);
    if (!r.ok) this.error = r.error;
  }

  /** The plan's export language (L8): facilitators choose it; others see it. Shown above the formats (a phone need not scroll past them). */
  private renderLanguage() {
    if (!this.plan || this.snapshot) return nothing;
    const current = this.plan.language ?? 'en';
    if (this.ws && this.role === 'facilitator' && !this.ws.readonly) {
      return html`<div class="setting lang"><label>${t('export:ui.language')}
        <select .value=${current} @change=${(e: Event) => this.setLanguage((e.target as HTMLSelectElement).value)}>
          ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === current} lang=${l}>${LOCALE_NAMES[l]}</option>`)}
        </select></label></div>`;
    }
    return html`<p class="setting lang muted">${t('export:ui.languageFixed', { language: LOCALE_NAMES[current] })}</p>`;
  }

  private renderSetting() {
    if (!this.plan || this.snapshot) return nothing;
    const on = this.plan.exportNamedScores === true;
    if (this.ws && this.role === 'facilitator' && !this.ws.readonly) {
      return html`<div class="setting">
        <label><input type="checkbox" .checked=${on} @change=${(e: Event) => this.setNamedScores((e.target as HTMLInputElement).checked)} />
          <span>${t('shell:export.named')}<br /><span class="hint">${t('shell:export.namedOff')}</span></span></label>
      </div>`;
    }
    return html`<p class="setting muted">${on ? t('shell:export.namedOn') : t('shell:export.namedNot')} ${t('shell:export.facilitatorDecides')}</p>`;
  }

  override render() {
    const title = this.snapshot ? t('shell:export.ofVersion', { name: this.snapshot.name }) : t('shell:export.ofLive');
    const periods = (this.plan?.reviews ?? []).filter((r) => !r.archived);
    return html`<div @keydown=${this.keydown}>
      <button class="secondary toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="export-menu" aria-label=${this.snapshot ? t('shell:export.versionButton', { name: this.snapshot.name }) : title} @click=${this.toggle}>${t('shell:export.button')}</button>
      ${this.open
        ? html`<div class="menu" id="export-menu" role="group" aria-label=${title}>
            <p class="title" dir="auto">${title}</p>
            ${periods.length > 1
              ? html`<label class="field"><span>${t('shell:export.periodOf')}</span>
                  <select aria-label=${t('shell:export.periodLabel')} @change=${(e: Event) => (this.period = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${this.period === ''}>${t('shell:export.latestPeriod')}</option>
                    ${periods.map((r) => html`<option value=${r.id} ?selected=${this.period === r.id}>${r.label || r.kind} ${r.start ?? ''}${r.end ? `–${r.end}` : ''}</option>`)}
                  </select></label>`
              : nothing}
            ${this.renderLanguage()}
            <label class="row"><input type="checkbox" data-nav .checked=${this.withComments} @change=${(e: Event) => (this.withComments = (e.target as HTMLInputElement).checked)} />
              <span>${t('shell:export.comments')}</span></label>
            <ul>
              ${EXPORTS.filter((f) => !f.named || (this.plan?.exportNamedScores === true && !this.plan.anonymousScoring)).map(
                (f) => html`<li><button data-format=${f.name} ?disabled=${this.busy !== null} @click=${() => void this.run(f)}>
                  <span class="label">${labelOf(f)}</span><span class="hint">${hintOf(f)}</span></button></li>`,
              )}
            </ul>
            ${this.busy
              ? html`<div class="busy" role="status"><span>${t('shell:export.preparing', { format: labelOf(this.busy) })}</span><progress aria-label=${t('shell:export.progress')}></progress>
                  <button class="quiet" @click=${() => this.abort?.abort()}>${t('cancel')}</button></div>`
              : nothing}
            ${errorBox(this.error, this)}
            ${this.fallback
              ? html`<p class="warning-box" role="status">${t('shell:export.blocked')} <a href=${this.fallback} target="_blank" rel="noopener">${t('shell:export.openPrint')}</a></p>`
              : nothing}
            ${this.renderSetting()}
          </div>`
        : nothing}
    </div>`;
  }
}
customElements.define('rt-export-menu', RtExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'rt-export-menu': RtExportMenu;
  }
}
