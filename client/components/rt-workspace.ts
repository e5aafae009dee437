import { LitElement, css, html, nothing } from 'lit';
import type { Stage } from '../../shared/model.js';
import { PANELS, stageFromHash, viewOfStage, type PanelId } from '../views.js';
import { loadIdentity, saveIdentity, type Identity } from '../state/identity.js';
import { PlanController } from '../state/plan-controller.js';
import { Workspace } from '../state/workspace.js';
import { connectPlan, type Connection, type ConnectionStatus } from '../sync/connect.js';
import { dropToken, parseInvite, takeTokenFromUrl, updateHeld, type Role } from '../state/access.js';
import { resolveAccess, setActorName } from '../state/api.js';
import { base } from '../styles/tokens.js';
import { partsComplete, renderFailure } from './rt-view.js';
import { presenceStyles } from './rt-presence.js';
import { stageNavStyles } from './rt-stage-nav.js';
import { undoShortcut, undoStyles } from './rt-undo.js';
import { gateStyles, type GateState } from './rt-workspace-gate.js';
import { headerStyles } from './rt-workspace-header.js';
import './rt-identity-dialog.js';
import './rt-share.js';
import './rt-audit.js';
import './rt-versions.js';

/**
 * Where opening the plan stands: checking the invite link, no link held, the link was refused,
 * no such plan, an error, or ready (connected with a role).
 */
type Gate = 'checking' | GateState | 'ready';

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
    status: { state: true },
    viewed: { state: true },
    gate: { state: true },
    gateMessage: { state: true },
    role: { state: true },
    panel: { state: true },
  };
  declare planId: string;
  declare identity: Identity | null;
  declare status: ConnectionStatus;
  declare viewed: Stage | null;
  declare gate: Gate;
  declare gateMessage: string;
  declare role: Role | null;
  declare panel: PanelId | null;

  private conn: Connection | null = null;
  private openedFor = '';
  private ws: Workspace | null = null;
  private readonly planCtl = new PlanController(this);
  private offStatus: (() => void) | null = null;

  static override styles = [
    base,
    headerStyles,
    undoStyles,
    presenceStyles,
    stageNavStyles,
    gateStyles,
    css`
      :host { display: block; max-width: 80rem; margin: 0 auto; padding: 0.75rem 1rem 3rem; }
      .refusal a { color: var(--rt-accent); }
      .observer-note { background: var(--rt-warn-soft); border: 1px solid #e0c36a; border-radius: var(--rt-radius); padding: 0.4rem 0.75rem; margin: 0.5rem 0; }
      .panel-head { display: flex; align-items: center; gap: 0.5rem; margin: 0.25rem 0 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.identity = loadIdentity();
    this.status = { state: 'connecting', unsynced: 0, local: false, refusal: '', code: 0 };
    this.gate = 'checking';
    this.gateMessage = '';
    this.role = null;
    this.panel = null;
    this.viewed = stageFromHash(location.hash);
  }

  /** The workspace (for tests and tools); null until the person has said who they are. */
  get workspace(): Workspace | null {
    return this.ws;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('keydown', this.onKey);
    if (this.planId && !this.conn) this.open();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('keydown', this.onKey);
    this.close();
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('planId') && this.isConnected && this.planId && this.openedFor !== this.planId) {
      this.close();
      this.open();
    }
    this.planCtl.store = this.ws?.store ?? null;
  }

  private readonly onHash = () => {
    this.viewed = stageFromHash(location.hash);
  };

  private readonly onKey = (e: KeyboardEvent) => undoShortcut(e, this.ws);

  /** Settled once the shell and every part inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    return (await super.getUpdateComplete()) && (await partsComplete(this.renderRoot));
  }

  /** Checks this browser's invite link for the plan, then connects with it. */
  private open(): void {
    const planId = this.planId;
    this.openedFor = planId;
    this.gate = 'checking';
    takeTokenFromUrl(planId);
    void resolveAccess(planId).then(
      (r) => {
        if (this.openedFor !== planId || this.conn) return;
        if (r.kind !== 'ok') {
          this.gate = r.kind;
          this.gateMessage = r.kind === 'error' ? r.message : '';
          return;
        }
        this.role = r.role;
        this.gate = 'ready';
        this.connect(planId, r.token);
      },
      (err: unknown) => {
        this.gate = 'error';
        this.gateMessage = err instanceof Error ? err.message : String(err);
      },
    );
  }

  private connect(planId: string, token: string): void {
    if (this.identity) setActorName(this.identity.name);
    const conn = connectPlan(planId, { token, name: this.identity?.name ?? '' });
    this.conn = conn;
    this.status = conn.status();
    this.offStatus = conn.onStatus((s) => {
      this.status = s;
      if (s.state === 'synced') this.ws?.ensureParticipant();
      // A wrong or revoked link is forgotten, so the next visit asks for a valid one.
      if (s.state === 'refused' && (s.code === 4401 || s.code === 4403)) dropToken(planId, token);
    });
    if (this.identity) this.startWorkspace(this.identity);
  }

  private startWorkspace(identity: Identity): void {
    if (!this.conn) return;
    this.ws?.destroy();
    this.ws = new Workspace(this.conn.doc, identity, this.conn.provider.awareness, { readonly: this.role === 'observer' });
    if (this.status.state === 'synced') this.ws.ensureParticipant();
    this.ws.setPresence({ view: viewOfStage(this.currentStage()).label });
    this.requestUpdate();
  }

  private close(): void {
    this.offStatus?.();
    this.offStatus = null;
    this.ws?.destroy();
    this.ws = null;
    this.conn?.destroy();
    this.conn = null;
    this.openedFor = '';
  }

  /** Opens a pasted invite link: this plan again with the new token, or another plan. */
  private openInvite(text: string): void {
    const invite = parseInvite(text);
    if (!invite) {
      this.gateMessage = 'That is not a Roundtable invite link. It looks like https://…/plans/<plan>?token=<token>.';
      return;
    }
    updateHeld(invite.planId, (p) => void (p.pending = invite.token));
    if (invite.planId === this.planId) {
      this.close();
      this.open();
    } else {
      this.dispatchEvent(new CustomEvent('navigate', { detail: `/plans/${invite.planId}`, bubbles: true, composed: true }));
    }
  }

  private togglePanel(panel: PanelId): void {
    this.panel = this.panel === panel ? null : panel;
  }

  private onIdentity(e: CustomEvent<Identity>): void {
    saveIdentity(e.detail);
    this.identity = e.detail;
    setActorName(e.detail.name);
    if (this.conn) this.conn.provider.params['name'] = e.detail.name;
    this.startWorkspace(e.detail);
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
    this.ws?.setPresence({ view: viewOfStage(stage).label });
  }

  override render() {
    try {
      if (this.gate !== 'ready') return this.renderGate();
      return this.renderShell();
    } catch (err) {
      return renderFailure(err);
    }
  }

  private renderGate() {
    if (this.gate === 'checking') return html`<p class="muted" aria-busy="true">Checking your invite link…</p>`;
    return html`<rt-workspace-gate .state=${this.gate as GateState} .message=${this.gateMessage} @invite=${(e: CustomEvent<string>) => this.openInvite(e.detail)}></rt-workspace-gate>`;
  }

  private renderPanel(panel: PanelId) {
    const body =
      panel === 'share'
        ? html`<rt-share .planId=${this.planId}></rt-share>`
        : panel === 'audit'
          ? html`<rt-audit .planId=${this.planId}></rt-audit>`
          : html`<rt-versions .planId=${this.planId} .role=${this.role} .author=${this.identity?.name ?? ''}></rt-versions>`;
    return html`<main aria-label=${PANELS.find((p) => p.id === panel)!.label}>
      <div class="panel-head"><button class="secondary" @click=${() => (this.panel = null)}>← Back to the plan</button></div>
      ${body}
    </main>`;
  }

  private renderShell() {
    const ws = this.ws;
    const plan = ws?.store.plan ?? null;
    const stage = this.currentStage();
    return html`
      <rt-workspace-header .ws=${ws} .plan=${plan} .status=${this.status} .role=${this.role} .panel=${this.panel} @panel=${(e: CustomEvent<PanelId>) => this.togglePanel(e.detail)}></rt-workspace-header>
      ${this.status.refusal ? html`<p class="refusal" role="alert">${this.status.refusal} <a href="/">Back to all plans</a></p>` : nothing}
      <rt-presence .ws=${ws}></rt-presence>
      ${ws?.readonly
        ? html`<p class="observer-note" role="note"><strong>Observer:</strong> you can follow everything live, but not change it. Ask the facilitator for an editor link to take part.</p>`
        : nothing}
      ${ws && plan
        ? html`<rt-stage-nav .ws=${ws} .stage=${stage} .planStage=${plan.stage} @go=${(e: CustomEvent<Stage>) => this.go(e.detail)}></rt-stage-nav>
            ${this.panel ? this.renderPanel(this.panel) : html`<main>${viewOfStage(stage).render(ws)}</main>`}`
        : nothing}
      ${!this.identity && this.status.state !== 'refused' ? html`<rt-identity-dialog @identity=${this.onIdentity}></rt-identity-dialog>` : nothing}
    `;
  }
}
customElements.define('rt-workspace', RtWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace': RtWorkspace;
  }
}
