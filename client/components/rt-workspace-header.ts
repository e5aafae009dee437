import { css, html, nothing } from 'lit';
import type { PlanData } from '../../shared/schema/types.js';
import { ROLE_LABELS, type Role } from '../state/access.js';
import type { Workspace } from '../state/workspace.js';
import './rt-locale-picker.js';
import { shellStatusChanged, type ConnectionStatus, type StatusSource } from '../sync/connect.js';
import { panelsFor, type PanelId } from '../views.js';
import { PhoneController, RtLightPart } from './rt-view.js';
import { exportChanged } from './rt-export-menu.js';
import './rt-text.js';
import './rt-save-state.js';
import './rt-undo.js';
import { t } from '../i18n.js';

/** Styles of the workspace header, adopted by the workspace. */
export const headerStyles = css`
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
  h1 { font-size: 1.35rem; margin: 0; flex: 1 1 18rem; min-width: 0; }
  h1 rt-text input { font-size: 1.35rem; font-weight: 650; border-color: transparent; background: transparent; padding: 0.2rem 0.35rem; width: 100%; text-overflow: ellipsis; }
  h1 rt-text input:hover, h1 rt-text input:focus { border-color: var(--rt-line-strong); background: #fff; }
  .status { font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: 999px; background: #e7ebf2; }
  .status[data-state='synced'] { background: var(--rt-ok-soft); }
  .status[data-state='synced'][data-unsaved] { background: var(--rt-warn-soft); }
  .status[data-state='offline'], .status[data-state='refused'] { background: var(--rt-bad-soft); }
  .role { font-size: 0.8rem; padding: 0.15rem 0.55rem; border-radius: 999px; background: var(--rt-accent-soft); color: var(--rt-accent); font-weight: 600; white-space: nowrap; }
  .role[data-role='observer'] { background: var(--rt-warn-soft); color: var(--rt-warn); }
  .panels { display: flex; flex-wrap: wrap; gap: 0.25rem; }
  .panels button[aria-pressed='true'] { background: var(--rt-accent); color: #fff; }
  .panels button { min-height: 32px; }
  /* The "More" menu exists on phones only: it opens under the header, as wide as the header. */
  header:has(.more) { position: relative; }
  .more { position: static; }
  .more > button { min-height: 32px; }
  .more > button .chev { display: inline-block; margin-inline-start: 0.3rem; transition: transform 0.15s; }
  .more > button[aria-expanded='true'] .chev { transform: rotate(180deg); }
  .more [role='menu'] { position: absolute; z-index: 20; inset-inline: 0; inset-block-start: calc(100% + 0.25rem); list-style: none; margin: 0; padding: 0.25rem; background: #fff; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); box-shadow: 0 6px 20px rgb(0 0 0 / 15%); display: grid; gap: 0.15rem; }
  .more [role='menuitem'] { display: block; width: 100%; min-height: 44px; text-align: start; background: transparent; color: var(--rt-ink); border: 1px solid transparent; border-radius: 6px; padding-inline: 0.7rem; }
  .more [role='menuitem']:hover, .more [role='menuitem']:focus-visible { background: var(--rt-accent-soft); }
  .more [role='menuitem'][aria-current='true'] { background: var(--rt-accent); color: #fff; }
  @media (max-width: 600px) {
    h1, h1 rt-text input { font-size: 1.15rem; }
    header { gap: 0.4rem; }
  }
`;

/**
 * The workspace header: the live plan title (editable), the connection state, this person's role,
 * the panels they may open, the Export menu of the live plan, and undo/redo. The connection state
 * is a polite live region, except while offline: losing the connection is announced once, at
 * once, by an assertive alert (L14), not also by the state's words.
 *
 * @fires panel - detail is the panel to open or close
 */
export class RtWorkspaceHeader extends RtLightPart {
  static override properties = {
    ws: { attribute: false },
    // A new plan renders the header only when its id or what the Export menu shows changed (SPEC MP3).
    plan: { attribute: false, hasChanged: (a: PlanData | null, b: PlanData | null) => a?.id !== b?.id || exportChanged(a, b) },
    // The count not saved is the save state's own element (SPEC MP6): only the state, refusal and device copy render the header.
    status: { attribute: false, hasChanged: (a: ConnectionStatus, b: ConnectionStatus | undefined) => !b || shellStatusChanged(a, b) },
    statusSource: { attribute: false },
    role: { type: String },
    panel: { type: String },
    knownTitle: { attribute: false },
    planId: { type: String },
    menuOpen: { state: true },
  };
  declare ws: Workspace | null;
  declare plan: PlanData | null;
  declare status: ConnectionStatus;
  /** Where the save state follows the connection's status (the plan session). */
  declare statusSource: StatusSource | null;
  declare role: Role | null;
  /** The panel open, if any. */
  declare panel: PanelId | null;
  /** The title the server gave before the doc is here (shown instead of "Loading…"). */
  declare knownTitle: string;
  /** The plan's id (for its exports). */
  declare planId: string;
  /** On a phone: whether the "More" menu of panels is open. */
  declare menuOpen: boolean;
  private readonly phone = new PhoneController(this);

  constructor() {
    super();
    this.ws = null;
    this.plan = null;
    this.status = { state: 'connecting', unsynced: 0, local: false, settled: false, refusal: null, code: 0 };
    this.statusSource = null;
    this.role = null;
    this.panel = null;
    this.knownTitle = '';
    this.planId = '';
    this.menuOpen = false;
  }

  private choose(panel: PanelId): void {
    this.dispatchEvent(new CustomEvent('panel', { detail: panel }));
  }

  /** The menu's items (buttons with role menuitem), in order. */
  private items(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.more [role="menuitem"]')];
  }

  /** Opens or closes the "More" menu; opening focuses its first item (or the last, from ArrowUp). */
  private async setMenu(open: boolean, focus: 'first' | 'last' | 'button' | null = null): Promise<void> {
    this.menuOpen = open;
    await this.updateComplete;
    if (focus === 'button') this.querySelector<HTMLElement>('.more > button')?.focus();
    else if (focus) {
      const items = this.items();
      (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
    }
  }

  /** The menu button: Enter/Space (a click), ArrowDown and ArrowUp open the menu. */
  private onButtonKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    void this.setMenu(true, e.key === 'ArrowDown' ? 'first' : 'last');
  }

  /** Inside the menu: arrows, Home and End move; Escape closes it and gives focus back to its button; Tab closes it. */
  private onMenuKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(e.target as HTMLElement);
    const move = (i: number) => {
      e.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      void this.setMenu(false, 'button');
    } else if (e.key === 'Tab') this.menuOpen = false;
  }

  /** Focus leaving the menu and its button closes the menu (a click or tap elsewhere). */
  private onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (this.menuOpen && !(to && this.querySelector('.more')?.contains(to))) this.menuOpen = false;
  }

  /**
   * The panel buttons: in a row on wide screens; on a phone one "More" menu button (the
   * WAI-ARIA menu button pattern) whose menu lists them, so the header never scrolls sideways.
   */
  private renderPanels() {
    const panels = panelsFor(this.role);
    if (!this.phone.on) {
      return html`<span class="panels">
        ${panels.map((p) => html`<button class="secondary" aria-pressed=${this.panel === p.id ? 'true' : 'false'} @click=${() => this.choose(p.id)}>${p.label}</button>`)}
      </span>`;
    }
    return html`<span class="more panels" @focusout=${(e: FocusEvent) => this.onFocusOut(e)}>
      <button class="secondary" aria-haspopup="menu" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="panel-menu" aria-label=${t('a11y:more.label')}
        @click=${() => void this.setMenu(!this.menuOpen, this.menuOpen ? null : 'first')} @keydown=${(e: KeyboardEvent) => this.onButtonKey(e)}
      >${t('a11y:more.button')}<span class="chev" aria-hidden="true">▾</span></button>
      ${this.menuOpen
        ? html`<ul role="menu" id="panel-menu" aria-label=${t('a11y:more.menu')} @keydown=${(e: KeyboardEvent) => this.onMenuKey(e)}>
            ${panels.map(
              (p) => html`<li role="none"><button role="menuitem" tabindex="-1" aria-current=${this.panel === p.id ? 'true' : 'false'}
                @click=${() => {
                  this.choose(p.id);
                  void this.setMenu(false, 'button');
                }}>${p.label}</button></li>`,
            )}
          </ul>`
        : nothing}
    </span>`;
  }

  override render() {
    const { ws, plan, status } = this;
    const synced = status.state === 'synced' || status.local;
    return html`<header>
      <h1>
        ${ws && plan && (plan.id || synced)
          ? html`<rt-text .ws=${ws} .ref=${{ kind: 'plan', field: 'title' }} label=${t('shell:header.planTitle')} placeholder=${t('shell:header.untitled')}></rt-text>`
          : html`${status.state === 'refused' ? t('shell:gate.notFoundTitle') : this.knownTitle ? html`<span dir="auto">${this.knownTitle}</span>` : t('loading')}`}
      </h1>
      <rt-save-state .source=${this.statusSource}></rt-save-state>
      ${status.state === 'offline' ? html`<span class="sr-only" role="alert">${t('shell:status.lost')}</span>` : nothing}
      ${this.role ? html`<span class="role" data-role=${this.role} title=${t('shell:header.yourRole')}>${ROLE_LABELS[this.role]}</span>` : nothing}
      ${ws ? this.renderPanels() : nothing}
      ${ws && this.planId
        ? html`<rt-export-menu align="end" .planId=${this.planId} .plan=${plan} .ws=${ws} .role=${this.role}></rt-export-menu>`
        : nothing}
      <rt-undo .ws=${ws}></rt-undo>
      <rt-locale-picker compact></rt-locale-picker>
    </header>`;
  }
}
customElements.define('rt-workspace-header', RtWorkspaceHeader);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace-header': RtWorkspaceHeader;
  }
}
