import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { PlanData } from '../../shared/schema/types.js';
import { t } from '../i18n.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import type { Role } from '../state/access.js';
import type { ClientExport } from '../state/exports.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import type { Notice } from '../command-text.js';
import { loadView } from '../views.js';

/** The open menu's content (`export-menu-body.ts`), once loaded: not on the first screen (SPEC BL6). */
let body: typeof import('./export-menu-body.js') | null = null;

/** What the Export menu shows from the live plan (SPEC MP3): its language, the named-scores settings, the review periods. */
export const exportInputs = (plan: PlanData | null): unknown[] => [plan?.language, plan?.exportNamedScores, plan?.anonymousScoring, plan?.reviews];

/** True when the Export menu would show something else for plan `a` than for `b` (null: none). */
export const exportChanged = (a: PlanData | null, b: PlanData | null): boolean => !a !== !b || exportInputs(a).some((v, i) => v !== exportInputs(b)[i]);

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
 * to the button. The menu's content is its own chunk (`export-menu-body.ts`, SPEC BL6), loaded on
 * the first opening (until then the open menu says it is loading) and prefetched after the first
 * view like the other panels.
 */
export class RtExportMenu extends LitElement {
  static override properties = {
    planId: { type: String },
    snapshot: { attribute: false },
    plan: { attribute: false, hasChanged: exportChanged },
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
  /** The running export's cancel, if any. */
  abort: AbortController | null = null;
  /** The menu's content could not be loaded (offline before it was ever fetched). */
  private loadFailed = false;
  declare error: Notice;
  /** A blob URL of the print view when the browser blocked the new tab. */
  declare fallback: string;
  /** The review period chosen for the monitoring matrix ('' = the latest). */
  declare period: string;
  /** Add the discussion annex to the print view and Word (SPEC CM10). */
  declare withComments: boolean;


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
      /* The export language comes first: a rule under it, not above. */
      .lang { margin-block: 0 0.4rem; padding-block: 0 0.4rem; border-top: 0; border-bottom: 1px solid var(--rt-line); }
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
      if (body) this.focusFirst();
      else
        void loadView('exportMenu').then(
          (m) => {
            body = m as typeof body;
            this.loadFailed = false;
            if (!this.open) return;
            this.requestUpdate();
            void this.updateComplete.then(() => this.focusFirst());
          },
          () => {
            // Offline before the module was ever fetched: say so; the next opening tries again.
            this.loadFailed = true;
            this.requestUpdate();
          },
        );
    } else document.removeEventListener('pointerdown', this.outside);
  }

  /** Moves the focus to the open menu's first control. */
  private focusFirst(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('li button')?.focus();
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

  override render() {
    const title = this.snapshot ? t('shell:export.ofVersion', { name: this.snapshot.name }) : t('shell:export.ofLive');
    return html`<div @keydown=${this.keydown}>
      <button class="secondary toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="export-menu" aria-label=${this.snapshot ? t('shell:export.versionButton', { name: this.snapshot.name }) : title} @click=${this.toggle}>${t('shell:export.button')}</button>
      ${this.open
        ? html`<div class="menu" id="export-menu" role="group" aria-label=${title}>
            <p class="title" dir="auto">${title}</p>
            ${body
              ? body.renderMenuItems(this)
              : this.loadFailed
                ? html`<p class="error-box" role="alert">${t('shell:failure.title')} ${t('shell:failure.safe')}</p>`
                : html`<p class="muted" role="status" aria-busy="true">${t('loading')}</p>`}
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
