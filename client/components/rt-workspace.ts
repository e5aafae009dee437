import { LitElement, css, html, nothing } from 'lit';
import type { Stage } from '../../shared/schema/types.js';
import { PANELS, loadView, renderStage, stageFromHash, viewOfStage, type PanelId } from '../views.js';
import { loadIdentity, saveIdentity, type Identity } from '../state/identity.js';
import { PlanController } from '../state/plan-controller.js';
import { PlanSession } from '../state/plan-session.js';
import type { Workspace } from '../state/workspace.js';
import { parseInvite, updateHeld } from '../state/access.js';
import { base } from '../styles/tokens.js';
import { partsComplete, renderFailure } from './rt-view.js';
import { presenceStyles } from './rt-presence.js';
import { stageNavStyles } from './rt-stage-nav.js';
import { undoShortcut, undoStyles } from './rt-undo.js';
import { gateStyles, type GateState } from './rt-workspace-gate.js';
import { headerStyles } from './rt-workspace-header.js';
import { exportInputs } from './rt-export-menu.js';
import './rt-identity-dialog.js';
import { conflictStyles } from './rt-conflicts.js';
import './rt-since.js';
import type { CommentsRequest } from './comment-badge.js';
import { SeenTracker, type SinceSummary } from './rt-since.js';
import { targetText } from '../target-text.js';
import type { Place } from '../../shared/domain/last-seen.js';
import type { RtMatrix } from './rt-matrix.js';
import { t } from '../i18n.js';
import { refusalWords } from '../sync/connect.js';
import { announceIn } from '../announcer.js';

/**
 * One plan's workspace: the shell around the views. Checks the invite link, opens the connection,
 * asks a first-time visitor who they are, and lays out its parts: the header (live title,
 * connection state, role, panels, undo/redo), who is here, the planning-cycle navigation, and the
 * view of the stage looked at (from the view registry) or an open panel.
 */
export class RtWorkspace extends LitElement {
  static override properties = {
    planId: { type: String },
    identity: { state: true },
    viewed: { state: true },
    panel: { state: true },
    comments: { state: true },
    since: { state: true },
  };
  declare planId: string;
  declare identity: Identity | null;
  declare viewed: Stage | null;
  declare panel: PanelId | null;
  /** The discussion open in the comments panel (SPEC CM), or null. */
  declare comments: CommentsRequest | null;
  /** "Since you were last here" (SPEC LS2), or null (first visit, nothing new, dismissed). */
  declare since: SinceSummary | null;
  /** Remembers what this browser has seen of the plan (SPEC LS1). */
  private readonly seen = new SeenTracker();
  /** Comment ids already known here (null until the plan has synced: those are not news). */
  private knownComments: Set<string> | null = null;
  private lastComments: readonly unknown[] | null = null;
  /** True once the plan was live here, and while a lost connection has not come back (its return announced once). */
  private wasLive = false;
  private lost = false;
  /** The control that opened the comments panel, to give focus back to on close. */
  private commentsOpener: HTMLElement | null = null;

  private readonly session = new PlanSession(this, (ws) => ws.setPresence({ view: viewOfStage(this.currentStage()).id }));
  /** Renders on a plan change only when what the shell and its header show changed (SPEC MP3). */
  private readonly planCtl = new PlanController(this, () => shellInputs(this.ws));

  static override styles = [
    base,
    headerStyles,
    undoStyles,
    presenceStyles,
    stageNavStyles,
    gateStyles,
    conflictStyles,
    css`
      :host { display: block; max-width: 80rem; margin: 0 auto; padding: 0.75rem 1rem 3rem; }
      .refusal a { color: var(--rt-accent); }
      .observer-note { background: var(--rt-warn-soft); border: 1px solid #e0c36a; border-radius: var(--rt-radius); padding: 0.4rem 0.75rem; margin: 0.5rem 0; }
      .panel-head { display: flex; align-items: center; gap: 0.5rem; margin: 0.25rem 0 0.5rem; }
      .skip { position: absolute; inset-inline-start: 0.5rem; inset-block-start: 0.5rem; z-index: 10; display: flex; flex-direction: column; gap: 0.25rem; }
      .skip a { position: absolute; transform: translateY(-200%); background: var(--rt-ink); color: #fff; padding: 0.5rem 0.9rem; border-radius: 6px; white-space: nowrap; }
      .skip a:focus { position: static; transform: none; }
      .skip a::before { content: none; display: none; }
      main:focus { outline: none; }
      :host(:dir(rtl)) .back { display: inline-block; transform: scaleX(-1); }
      @media (max-width: 600px) { :host { padding-inline: 0.5rem; } }
      /* Printing a view prints the plan's title and the view, not the controls around them. */
      @media print {
        :host { max-width: none; padding: 0; }
        .skip, rt-presence, rt-stage-nav, .panels, rt-export-menu, rt-undo, .status, .role, .observer-note { display: none !important; }
      }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.identity = loadIdentity();
    this.panel = null;
    this.comments = null;
    this.since = null;
    this.viewed = stageFromHash(location.hash);
  }

  /**
   * Says `text` in the workspace's polite live region (role status), after what it still says
   * (SPEC L90: a sentence of its own, so two a moment apart are both heard).
   */
  announce(text: string): void {
    const region = this.renderRoot.querySelector('[data-announce]');
    if (region) announceIn(region, text);
  }

  /** A part asked for an announcement (a new conflict notice, for one). */
  private readonly onAnnounce = (e: CustomEvent<string>) => {
    e.stopPropagation();
    this.announce(e.detail);
  };

  /**
   * Remote changes that matter, for the live region: a regained connection (its loss is the
   * header's alert), and comments
   * written by someone else since the plan synced here (the comment list is compared only when
   * its projection changed).
   */
  private watchForNews(): void {
    const state = this.session.status.state;
    // The loss itself is said once, at once, by the header's alert (L14); the region says when it is back.
    if (state === 'offline' && !this.lost && this.wasLive) {
      this.lost = true;
    } else if (state === 'synced' && this.lost) {
      this.lost = false;
      this.announce(t('a11y:live.back'));
    }
    if (state === 'synced') this.wasLive = true;
    const ws = this.ws;
    if (!ws || state !== 'synced' || !ws.store.plan.id) return;
    const comments = ws.store.plan.comments;
    if (comments === this.lastComments) return;
    this.lastComments = comments;
    if (!this.knownComments) {
      this.knownComments = new Set(comments.map((c) => c.id));
      return;
    }
    const known = this.knownComments;
    const fresh = comments.filter((c) => !known.has(c.id));
    for (const c of fresh) known.add(c.id);
    const others = fresh.filter((c) => c.authorId !== ws.identity.id);
    if (others.length === 1) {
      const c = others[0]!;
      this.announce(t('a11y:live.comment', { name: c.authorName, label: targetText(ws, { kind: c.targetKind, id: c.targetId }) }));
    } else if (others.length > 1) this.announce(t('a11y:live.comments', { count: others.length }));
  }

  /** The workspace (for tests and tools); null until the person has said who they are. */
  get workspace(): Workspace | null {
    return this.session.workspace;
  }

  private get ws(): Workspace | null {
    return this.session.workspace;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('keydown', this.onKey);
    this.addEventListener('comments', this.onComments as EventListener);
    this.addEventListener('announce', this.onAnnounce as EventListener);
    if (this.planId && !this.session.planId) this.session.open(this.planId, this.identity);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('keydown', this.onKey);
    this.removeEventListener('comments', this.onComments as EventListener);
    this.removeEventListener('announce', this.onAnnounce as EventListener);
    this.seen.stop();
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('planId') && this.isConnected && this.planId && this.session.planId !== this.planId) this.session.open(this.planId, this.identity);
    this.planCtl.store = this.ws?.store ?? null;
  }

  protected override updated(changed: Map<string, unknown>): void {
    super.updated(changed);
    this.watchForNews();
    // Once the plan has synced, compare it with what this browser last saw (LS2).
    const ws = this.ws;
    if (ws && this.session.status.state === 'synced' && ws.store.plan.id && this.seen.planId !== ws.store.plan.id) {
      void this.seen.start(ws).then((s) => {
        if (this.ws === ws) this.since = s;
      });
    }
  }

  /** Takes the reader to the place of a "since you were last here" line. */
  private async goToPlace(place: Place): Promise<void> {
    this.go(place.stage);
    const ws = this.ws;
    if (place.comments && ws) this.comments = { target: place.comments, label: targetText(ws, place.comments) };
    if (!place.rowId) return;
    // The matrix is a lazily loaded view: from another view its element is not defined yet.
    await loadView('matrix');
    await customElements.whenDefined('rt-matrix');
    await this.updateComplete;
    const matrix = this.renderRoot.querySelector<RtMatrix>('rt-matrix');
    await matrix?.focusRow(place.rowId);
  }

  private readonly onHash = () => {
    this.viewed = stageFromHash(location.hash);
  };

  private readonly onKey = (e: KeyboardEvent) => undoShortcut(e, this.ws);

  /** A comment count was pressed somewhere in the plan: open that item's discussion. */
  private readonly onComments = (e: CustomEvent<CommentsRequest>) => {
    this.commentsOpener = (e.composedPath()[0] as HTMLElement | undefined) ?? null;
    this.comments = e.detail;
  };

  private closeComments(): void {
    this.comments = null;
    const opener = this.commentsOpener;
    this.commentsOpener = null;
    if (opener?.isConnected) opener.focus();
  }

  /** Settled once the shell and every part inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    return (await super.getUpdateComplete()) && (await partsComplete(this.renderRoot));
  }

  /** Opens a pasted invite link: this plan again with the new token, or another plan. */
  private openInvite(text: string): void {
    const invite = parseInvite(text);
    if (!invite) {
      this.session.gateMessage = t('shell:gate.notInvite');
      this.requestUpdate();
      return;
    }
    updateHeld(invite.planId, (p) => void (p.pending = invite.token));
    if (invite.planId === this.planId) this.session.open(this.planId, this.identity);
    else {
      this.dispatchEvent(new CustomEvent('navigate', { detail: `/plans/${invite.planId}`, bubbles: true, composed: true }));
    }
  }

  private togglePanel(panel: PanelId): void {
    this.panel = this.panel === panel ? null : panel;
  }

  private onIdentity(e: CustomEvent<Identity>): void {
    saveIdentity(e.detail);
    this.identity = e.detail;
    this.session.setIdentity(e.detail);
  }

  /** The stage being looked at: the one in the URL, else the plan's current stage. */
  private currentStage(): Stage {
    return this.viewed ?? this.ws?.store.plan.stage ?? 'preparatory';
  }

  /** Shows a stage chosen in the navigation. */
  private go(stage: Stage): void {
    history.replaceState(null, '', `#${stage}`);
    this.viewed = stage;
    this.panel = null;
    // The view's id, not its name: each person reads it in their own language (rt-presence).
    this.ws?.setPresence({ view: viewOfStage(stage).id });
  }

  override render() {
    try {
      if (this.session.gate !== 'ready') return this.renderGate();
      return this.renderShell();
    } catch (err) {
      return renderFailure(err);
    }
  }

  private renderGate() {
    const { gate, gateMessage } = this.session;
    if (gate === 'checking') return html`<p class="muted" aria-busy="true">${t('shell:gate.checking')}</p>`;
    return html`<rt-workspace-gate .state=${gate as GateState} .message=${gateMessage} @invite=${(e: CustomEvent<string>) => this.openInvite(e.detail)}></rt-workspace-gate>`;
  }

  private renderPanel(panel: PanelId) {
    // Each panel is its own chunk (issue 16, poor links): the element upgrades when it arrives.
    void loadView(panel);
    const body =
      panel === 'people'
        ? html`<rt-people .ws=${this.ws}></rt-people>`
        : panel === 'sectors'
        ? html`<rt-sectors .ws=${this.ws}></rt-sectors>`
        : panel === 'library'
        ? html`<rt-library .ws=${this.ws}></rt-library>`
        : panel === 'consult'
        ? html`<rt-consult .ws=${this.ws}></rt-consult>`
        : panel === 'share'
        ? html`<rt-share .planId=${this.planId}></rt-share>`
        : panel === 'audit'
          ? html`<rt-audit .planId=${this.planId}></rt-audit>`
          : panel === 'iati'
            ? html`<rt-iati .ws=${this.ws} .planId=${this.planId}></rt-iati>`
            : panel === 'archive'
              ? html`<rt-archive .planId=${this.planId} .ws=${this.ws}></rt-archive>`
              : panel === 'profile'
                ? html`<rt-profile .ws=${this.ws} @identity=${this.onIdentity}></rt-profile>`
                : html`<rt-versions .planId=${this.planId} .linkRole=${this.session.role} .author=${this.identity?.name ?? ''}></rt-versions>`;
    return html`<main tabindex="-1" aria-label=${PANELS.find((p) => p.id === panel)!.label}>
      <div class="panel-head"><button class="secondary" @click=${() => (this.panel = null)}><span class="back">←</span> ${t('shell:backToPlan')}</button></div>
      ${body}
    </main>`;
  }

  /**
   * Moves focus past the header: to the view's main control (`target`, looked up through the
   * view's shadow roots) or, without one or when it is not there, to the main region itself.
   */
  private skipTo(e: Event, target: string | null): void {
    e.preventDefault();
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    if (!main) return;
    const el = target ? deepQuery(main, target) : null;
    if (el) {
      el.scrollIntoView?.({ block: 'center' });
      el.focus();
    } else main.focus();
  }

  /** Skip links: to the plan, and to the main control of the view shown (views.ts). */
  private renderSkips(stage: Stage) {
    const view = this.panel ? null : viewOfStage(stage);
    return html`<nav class="skip" aria-label=${t('shell:skip.links')}>
      <a href="#" @click=${(e: Event) => this.skipTo(e, null)}>${t('shell:skip.plan')}</a>
      ${view?.skip ? html`<a href="#" @click=${(e: Event) => this.skipTo(e, view.skip!.target)}>${view.skip.label}</a>` : nothing}
    </nav>`;
  }

  private renderShell() {
    const ws = this.ws;
    const plan = ws?.store.plan ?? null;
    const stage = this.currentStage();
    const { status, role } = this.session;
    return html`
      ${ws && plan ? this.renderSkips(stage) : nothing}
      <rt-workspace-header .planId=${this.planId} .ws=${ws} .plan=${plan} .status=${status} .statusSource=${this.session} .role=${role} .knownTitle=${this.session.title} .panel=${this.panel} @panel=${(e: CustomEvent<PanelId>) => this.togglePanel(e.detail)}></rt-workspace-header>
      ${status.refusal ? html`<p class="refusal" role="alert">${refusalWords(status.refusal)} <a href="/">${t('shell:backToAll')}</a></p>` : nothing}
      <rt-presence .ws=${ws}></rt-presence>
      <rt-conflicts .ws=${ws} .planId=${this.planId}></rt-conflicts>
      ${ws?.readonly
        ? html`<p class="observer-note" role="note"><strong>${t('shell:observer.title')}</strong> ${t('shell:observer.text')}</p>`
        : nothing}
      ${ws && plan
        ? html`<rt-stage-nav .ws=${ws} .stage=${stage} .planStage=${plan.stage} .movers=${plan.stageMovers} @go=${(e: CustomEvent<Stage>) => this.go(e.detail)}></rt-stage-nav>
            ${this.since ? html`<rt-since .summary=${this.since} @go=${(e: CustomEvent<Place>) => void this.goToPlace(e.detail)} @dismiss=${() => (this.since = null)}></rt-since>` : nothing}
            ${this.panel ? this.renderPanel(this.panel) : html`<main tabindex="-1" @open-panel=${(e: CustomEvent<PanelId>) => (this.panel = e.detail)}>${renderStage(ws, stage)}</main>`}`
        : nothing}
      ${ws && this.comments
        ? html`<rt-comments .ws=${ws} .target=${this.comments.target} label=${this.comments.label} @close=${() => this.closeComments()}></rt-comments>`
        : nothing}
      <p class="sr-only" role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions" aria-label=${t('a11y:live.region')} data-announce></p>
      ${!this.identity && status.state !== 'refused' ? html`<rt-identity-dialog .planTitle=${this.session.title} .country=${this.session.country} .role=${this.session.role} @identity=${this.onIdentity}></rt-identity-dialog>` : nothing}
    `;
  }
}
customElements.define('rt-workspace', RtWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace': RtWorkspace;
  }
}

/**
 * What the workspace shell shows from the plan (SPEC MP3): whether it has loaded, its stage and
 * who may move it, its comments (announced when new), what the header's Export menu shows
 * ({@link exportInputs}) and the read-only lock. Null without a workspace (always render).
 */
export function shellInputs(ws: Workspace | null): readonly unknown[] | null {
  if (!ws) return null;
  const plan = ws.store.plan;
  return [plan.id, plan.stage, plan.stageMovers, plan.comments, ws.readonly, ...exportInputs(plan)];
}

/** The first element matching `selector` under `root`, looking into open shadow roots too. */
function deepQuery(root: ParentNode, selector: string): HTMLElement | null {
  const found = root.querySelector<HTMLElement>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    if (!el.shadowRoot) continue;
    const inner = deepQuery(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}
