import { LitElement, css, html, nothing } from 'lit';
import { setPlanField, STAGES, type Stage } from '../../shared/model.js';
import { PANELS, STAGE_LABELS, panelsFor, stageFromHash, viewOfStage, type PanelId } from '../views.js';
import { loadIdentity, saveIdentity, type Identity } from '../state/identity.js';
import { PlanController } from '../state/plan-controller.js';
import { Workspace, type Presence } from '../state/workspace.js';
import { connectPlan, refusalText, type Connection, type ConnectionStatus } from '../sync/connect.js';
import { ROLE_LABELS, dropToken, parseInvite, takeTokenFromUrl, updateHeld, type Role } from '../state/access.js';
import { resolveAccess, setActorName } from '../state/api.js';
import { base } from '../styles/tokens.js';
import { renderFailure } from './rt-view.js';
import './rt-identity-dialog.js';
import './rt-text.js';
import './rt-share.js';
import './rt-audit.js';
import './rt-versions.js';

/**
 * Where opening the plan stands: checking the invite link, no link held, the link was refused,
 * no such plan, an error, or ready (connected with a role).
 */
type Gate = 'checking' | 'none' | 'invalid' | 'not-found' | 'error' | 'ready';

/**
 * One plan's workspace: the shell around the views. Opens the connection, asks a first-time
 * visitor who they are, and shows the live title, the planning-cycle stages (the plan's current
 * stage marked), who is here and what they look at, the connection state, and undo/redo of
 * this person's own changes.
 */
export class RtWorkspace extends LitElement {
  static override properties = {
    planId: { type: String },
    identity: { state: true },
    status: { state: true },
    people: { state: true },
    viewed: { state: true },
    gate: { state: true },
    gateMessage: { state: true },
    role: { state: true },
    panel: { state: true },
  };
  declare planId: string;
  declare identity: Identity | null;
  declare status: ConnectionStatus;
  declare people: Presence[];
  declare viewed: Stage | null;
  declare gate: Gate;
  declare gateMessage: string;
  declare role: Role | null;
  declare panel: PanelId | null;
  private token = '';

  private conn: Connection | null = null;
  private openedFor = '';
  private ws: Workspace | null = null;
  private readonly planCtl = new PlanController(this);
  private offStatus: (() => void) | null = null;

  static override styles = [
    base,
    css`
      :host { display: block; max-width: 80rem; margin: 0 auto; padding: 0.75rem 1rem 3rem; }
      header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
      h1 { font-size: 1.35rem; margin: 0; flex: 1 1 18rem; min-width: 0; }
      h1 rt-text input { font-size: 1.35rem; font-weight: 650; border-color: transparent; background: transparent; padding: 0.2rem 0.35rem; width: 100%; }
      h1 rt-text input:hover, h1 rt-text input:focus { border-color: var(--rt-line-strong); background: #fff; }
      .status { font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: 999px; background: #e7ebf2; }
      .status[data-state='synced'] { background: var(--rt-ok-soft); }
      .status[data-state='offline'], .status[data-state='refused'] { background: var(--rt-bad-soft); }
      .tools { display: flex; gap: 0.25rem; }
      .people { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0.5rem 0; }
      .people li { display: flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; background: #fff; border: 1px solid var(--rt-line); border-radius: 999px; padding: 0.1rem 0.6rem 0.1rem 0.15rem; max-width: min(100%, 24rem); min-width: 0; }
      .avatar { display: inline-grid; place-items: center; width: 1.6rem; height: 1.6rem; border-radius: 50%; color: #fff; font-weight: 700; font-size: 0.8rem; flex: none; }
      .people .where { color: var(--rt-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      nav ol { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; padding: 0 0 0.25rem; margin: 0.5rem 0 1rem; counter-reset: stage; }
      @media (max-width: 760px) { nav ol { flex-wrap: nowrap; overflow-x: auto; } }
      nav li { flex: none; }
      nav a { display: flex; align-items: center; gap: 0.35rem; text-decoration: none; color: var(--rt-ink); padding: 0.4rem 0.7rem; border-radius: 999px; border: 1px solid var(--rt-line); background: #fff; font-size: 0.9rem; white-space: nowrap; }
      nav a::before { counter-increment: stage; content: counter(stage); display: inline-grid; place-items: center; width: 1.3rem; height: 1.3rem; border-radius: 50%; background: #e7ebf2; font-size: 0.75rem; }
      nav a[aria-current='page'] { background: var(--rt-accent); color: #fff; border-color: var(--rt-accent); }
      nav a[aria-current='page']::before { background: rgb(255 255 255 / 30%); color: #fff; }
      nav a[data-current]::before { background: var(--rt-ok); color: #fff; content: '✓'; }
      nav a[data-current] { border-color: var(--rt-ok); border-width: 2px; }
      .stagebar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.75rem; }
      .refusal a { color: var(--rt-accent); }
      .role { font-size: 0.8rem; padding: 0.15rem 0.55rem; border-radius: 999px; background: var(--rt-accent-soft); color: var(--rt-accent); font-weight: 600; white-space: nowrap; }
      .role[data-role='observer'] { background: var(--rt-warn-soft); color: var(--rt-warn); }
      .panels { display: flex; flex-wrap: wrap; gap: 0.25rem; }
      .panels button[aria-pressed='true'] { background: var(--rt-accent); color: #fff; }
      .observer-note { background: var(--rt-warn-soft); border: 1px solid #e0c36a; border-radius: var(--rt-radius); padding: 0.4rem 0.75rem; margin: 0.5rem 0; }
      .gate { max-width: 40rem; margin: 2rem auto; }
      .gate form { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
      .gate input { flex: 1 1 16rem; }
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
    this.people = [];
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

  private readonly onKey = (e: KeyboardEvent) => {
    if (!this.ws || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      this.ws.undo.undo();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      e.preventDefault();
      this.ws.undo.redo();
    }
  };

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
        this.token = r.token;
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
    const awareness = conn.provider.awareness;
    awareness.on('change', this.onAwareness);
    if (this.identity) this.startWorkspace(this.identity);
  }

  private readonly onAwareness = () => {
    this.people = this.ws?.people() ?? [];
  };

  private startWorkspace(identity: Identity): void {
    if (!this.conn) return;
    this.ws?.destroy();
    this.ws = new Workspace(this.conn.doc, identity, this.conn.provider.awareness, { readonly: this.role === 'observer' });
    this.ws.undo.on('stack-item-added', () => this.requestUpdate());
    this.ws.undo.on('stack-item-popped', () => this.requestUpdate());
    if (this.status.state === 'synced') this.ws.ensureParticipant();
    this.ws.setPresence({ view: viewOfStage(this.currentStage()).label });
    this.people = this.ws.people();
    this.requestUpdate();
  }

  private close(): void {
    this.offStatus?.();
    this.offStatus = null;
    this.conn?.provider.awareness.off('change', this.onAwareness);
    this.ws?.destroy();
    this.ws = null;
    this.conn?.destroy();
    this.conn = null;
    this.openedFor = '';
    this.token = '';
  }

  /** Opens a pasted invite link: this plan again with the new token, or another plan. */
  private openInvite(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const invite = parseInvite(input.value);
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

  private statusText(): string {
    const s = this.status;
    switch (s.state) {
      case 'synced':
        return 'Saved and live';
      case 'connecting':
        return s.unsynced > 0 ? `Reconnecting… ${s.unsynced} unsynced change${s.unsynced === 1 ? '' : 's'} kept on this device` : 'Connecting…';
      case 'offline':
        return s.unsynced > 0
          ? `Offline: ${s.unsynced} unsynced change${s.unsynced === 1 ? '' : 's'} kept on this device`
          : 'Offline: changes are kept on this device and sent when the connection returns';
      case 'refused':
        return 'Not available';
    }
  }

  private go(e: MouseEvent, stage: Stage): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    history.replaceState(null, '', `#${stage}`);
    this.viewed = stage;
    this.panel = null;
    this.ws?.setPresence({ view: viewOfStage(stage).label });
  }

  private renderPeople() {
    if (!this.ws) return nothing;
    const people = this.people;
    return html`<ul class="people" aria-label="People here">
      ${people.map(
        (p) => html`<li data-person=${p.user.name}>
          <span class="avatar" style="background:${p.user.color}" aria-hidden="true">${p.user.name.slice(0, 1).toUpperCase()}</span>
          <span><strong>${p.user.name}</strong>${p.self ? ' (you)' : ''}</span>
          ${p.view || p.focus ? html`<span class="where">· ${p.focus ? `editing ${p.focus}` : p.view}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
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
    const texts: Record<Exclude<Gate, 'checking' | 'ready'>, [string, string]> = {
      none: ['You need an invite link to open this plan', 'Plans in Roundtable are private: only people with an invite link can open them. Open the link the facilitator sent you, or paste it here.'],
      invalid: ['This link is not valid or was revoked', `${refusalText(4401)} If you have another invite link for this plan, paste it here.`],
      'not-found': ['Plan not available', 'This plan does not exist on this server. Check the link you were given.'],
      error: ['The plan could not be opened', this.gateMessage],
    };
    const [title, text] = texts[this.gate as keyof typeof texts];
    return html`<section class="card gate" role="alert" aria-labelledby="gate-title">
      <h1 id="gate-title">${title}</h1>
      <p>${text}</p>
      ${this.gate !== 'not-found'
        ? html`<form @submit=${this.openInvite}>
            <input aria-label="Invite link" placeholder="https://…/plans/…?token=…" />
            <button type="submit">Open link</button>
          </form>`
        : nothing}
      ${this.gateMessage && this.gate !== 'error' ? html`<p class="field-error">${this.gateMessage}</p>` : nothing}
      <p><a href="/">Back to your plans</a></p>
    </section>`;
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
    const synced = this.status.state === 'synced' || this.status.local;
    const stage = this.currentStage();
    const planStage = plan?.stage ?? null;
    return html`
      <header>
        <h1>
          ${ws && plan && (plan.id || synced)
            ? html`<rt-text .ws=${ws} .ref=${{ kind: 'plan', field: 'title' }} label="plan title" placeholder="Untitled plan"></rt-text>`
            : html`${this.status.state === 'refused' ? 'Plan not available' : 'Loading…'}`}
        </h1>
        <span class="status" data-state=${this.status.state} role="status" aria-live="polite">${this.statusText()}</span>
        ${this.role ? html`<span class="role" data-role=${this.role} title="Your role on this plan">${ROLE_LABELS[this.role]}</span>` : nothing}
        ${ws
          ? html`<span class="panels">
              ${panelsFor(this.role).map(
                (p) => html`<button class="secondary" aria-pressed=${this.panel === p.id ? 'true' : 'false'} @click=${() => this.togglePanel(p.id)}>${p.label}</button>`,
              )}
            </span>`
          : nothing}
        ${ws && !ws.readonly
          ? html`<span class="tools">
              <button class="secondary" ?disabled=${!ws.undo.canUndo()} @click=${() => ws.undo.undo()} title="Undo your last change (Ctrl+Z)">Undo</button>
              <button class="secondary" ?disabled=${!ws.undo.canRedo()} @click=${() => ws.undo.redo()} title="Redo (Ctrl+Shift+Z)">Redo</button>
            </span>`
          : nothing}
      </header>
      ${this.status.refusal ? html`<p class="refusal" role="alert">${this.status.refusal} <a href="/">Back to all plans</a></p>` : nothing}
      ${this.renderPeople()}
      ${ws?.readonly
        ? html`<p class="observer-note" role="note"><strong>Observer:</strong> you can follow everything live, but not change it. Ask the facilitator for an editor link to take part.</p>`
        : nothing}
      ${ws && plan
        ? html`<nav aria-label="Planning cycle">
              <ol>
                ${STAGES.map(
                  (s) => html`<li>
                    <a
                      href="#${s}"
                      aria-current=${s === stage ? 'page' : 'false'}
                      ?data-current=${s === planStage}
                      @click=${(e: MouseEvent) => this.go(e, s)}
                      >${STAGE_LABELS[s]}${s === planStage ? html`<span class="sr-only"> (current stage)</span>` : nothing}</a
                    >
                  </li>`,
                )}
              </ol>
            </nav>
            <div class="stagebar">
              <span class="muted">Current stage of the plan: <strong>${STAGE_LABELS[plan.stage]}</strong></span>
              ${stage !== plan.stage && !ws.readonly
                ? html`<button class="secondary" @click=${() => setPlanField(ws.doc, 'stage', stage, ws.origin)}>Make “${STAGE_LABELS[stage]}” the current stage</button>`
                : nothing}
            </div>
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
