import { LitElement, css, html, nothing } from 'lit';
import { ROLES, ROLE_LABELS, heldPlan, updateHeld, type Role } from '../state/access.js';
import { api, ApiError, type LinkInfo } from '../state/api.js';
import { copyText } from '../state/clipboard.js';
import { base } from '../styles/tokens.js';

const ROLE_HELP: Record<Role, string> = {
  facilitator: 'everything, including invite links, endorsing and restoring versions',
  editor: 'edit the plan and score goals',
  observer: 'follow the plan live, read only',
};

/**
 * The facilitator's "Share" panel: the invite links this browser holds that still work (with
 * copy buttons; a revoked one is never offered), issuing a new link for a role with a label
 * saying who it is for, and every link of the plan with its label and a way to revoke it
 * (revoking disconnects everyone who joined with it).
 */
export class RtShare extends LitElement {
  static override properties = {
    planId: { type: String },
    links: { state: true },
    held: { state: true },
    message: { state: true },
    copied: { state: true },
  };
  declare planId: string;
  declare links: LinkInfo[] | null;
  /** The working links this browser holds; null while they are being checked. */
  declare held: Partial<Record<Role, string>> | null;
  declare message: string;
  declare copied: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
      .invite { display: grid; grid-template-columns: 7.5rem minmax(0, 1fr) auto; gap: 0.4rem 0.5rem; align-items: center; margin-bottom: 0.5rem; }
      .invite input { width: 100%; font-family: ui-monospace, monospace; font-size: 0.82rem; }
      .invite small { grid-column: 2 / -1; color: var(--rt-muted); margin-top: -0.3rem; }
      @media (max-width: 600px) {
        .invite { grid-template-columns: minmax(0, 1fr) auto; }
        .invite strong { grid-column: 1 / -1; }
        .invite small { grid-column: 1 / -1; }
      }
      table { width: 100%; }
      th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--rt-line); font-size: 0.9rem; }
      tr.revoked td { color: var(--rt-muted); }
      .copied { color: var(--rt-ok); font-size: 0.85rem; }
      .label-field { display: block; margin: 0.25rem 0 0.5rem; }
      .label-field span { display: block; font-size: 0.9rem; margin-bottom: 0.2rem; }
      .label-field input { width: 100%; max-width: 30rem; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.links = null;
    this.held = null;
    this.message = '';
    this.copied = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private linkUrl(token: string): string {
    return `${location.origin}/plans/${this.planId}?token=${token}`;
  }

  async load(): Promise<void> {
    const held = { ...(heldPlan(this.planId)?.tokens ?? {}) };
    // A link revoked since this browser kept it is never offered: the server says which work.
    await Promise.all(
      ROLES.map(async (role) => {
        const token = held[role];
        if (!token) return;
        try {
          await api.planInfo(this.planId, token);
        } catch (err) {
          if (!(err instanceof ApiError) || err.status !== 401) return;
          delete held[role];
          // This browser's own facilitator link is dropped by the session when it is refused.
          if (role !== 'facilitator') updateHeld(this.planId, (p) => void delete p.tokens[role]);
        }
      }),
    );
    this.held = held;
    try {
      this.links = await api.links(this.planId);
    } catch (err) {
      this.message = `Could not load the invite links: ${(err as Error).message}`;
      this.links = [];
    }
  }

  private async copy(role: Role, url: string): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`input[data-role="${role}"]`);
    const ok = await copyText(url, input);
    this.copied = ok ? role : '';
    if (!ok) this.message = 'Copying was refused by the browser: the link is selected, copy it with Ctrl+C.';
  }

  private async issue(role: Role): Promise<void> {
    this.message = '';
    const labelInput = this.renderRoot.querySelector<HTMLInputElement>('input[name="label"]');
    try {
      const body = await api.issueLink(this.planId, role, labelInput?.value.trim() ?? '');
      if (labelInput) labelInput.value = '';
      const token = new URL(body.url).searchParams.get('token') ?? undefined;
      // Kept in this browser so the panel shows it next time; this browser's own facilitator
      // link stays the one it opens the plan with.
      if (token && role !== 'facilitator') updateHeld(this.planId, (p) => void (p.tokens[role] = token));
      await this.load();
      this.held = { ...this.held, [role]: token };
      this.copied = '';
      this.message = `New ${role} link issued${body.label ? ` ${body.label}` : ''}: copy it above.`;
    } catch (err) {
      this.message = `Could not issue a link: ${(err as Error).message}`;
    }
  }

  private async revoke(link: LinkInfo): Promise<void> {
    if (!confirm(`Revoke this ${link.role} link? Everyone who joined with it is disconnected at once and the link stops working.`)) return;
    this.message = '';
    try {
      const body = await api.revokeLink(this.planId, link.id);
      this.message = `Link revoked; ${body.sessionsClosed} open session${body.sessionsClosed === 1 ? '' : 's'} closed.`;
      await this.load();
    } catch (err) {
      this.message = `Could not revoke the link: ${(err as Error).message}`;
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="share-title">
        <h2 id="share-title">Share this plan</h2>
        <p class="muted">Send each person the link for their role. Anyone with a link can join with that role, so share them privately; no account, real name or e-mail is needed.</p>
        ${this.held === null ? html`<p aria-busy="true">Checking which links still work…</p>` : nothing}
        ${ROLES.map((role) => {
          if (this.held === null) return nothing;
          const token = this.held[role];
          const url = token ? this.linkUrl(token) : '';
          return html`<div class="invite">
            <strong>${ROLE_LABELS[role]}</strong>
            ${token
              ? html`<input readonly data-role=${role} aria-label=${`${ROLE_LABELS[role]} invite link`} .value=${url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
                  <button class="secondary" @click=${() => this.copy(role, url)} aria-label=${this.copied === role ? `Copied ${role} link` : `Copy ${role} link`}>${this.copied === role ? 'Copied ✓' : 'Copy'}</button>`
              : html`<span class="muted">This browser holds no ${role} link.</span>
                  <button class="secondary" @click=${() => this.issue(role)}>Issue one</button>`}
            <small>${ROLE_HELP[role]}</small>
          </div>`;
        })}
        ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="links-title">
        <h2 id="links-title">All invite links</h2>
        <label class="field label-field"
          ><span>Who is the next link for? (optional, shown in the list below)</span>
          <input name="label" maxlength="120" placeholder="e.g. for the Ministry of Labour" autocomplete="off"
        /></label>
        <div class="row" style="margin-bottom:0.5rem">
          <span class="muted">Issue a new link:</span>
          ${ROLES.map((r) => html`<button class="secondary" @click=${() => this.issue(r)}>New ${r} link</button>`)}
        </div>
        ${this.links === null
          ? html`<p aria-busy="true">Loading…</p>`
          : html`<div class="scroll-x">
              <table aria-label="Invite links">
                <thead><tr><th>Role</th><th>For</th><th>Issued</th><th>State</th><th><span class="sr-only">Actions</span></th></tr></thead>
                <tbody>
                  ${this.links.map(
                    (l) => html`<tr class=${l.revokedAt ? 'revoked' : ''} data-link=${l.id}>
                      <td>${ROLE_LABELS[l.role]}</td>
                      <td>${l.label || html`<span class="muted">no label</span>`}</td>
                      <td><time datetime=${l.createdAt}>${new Date(l.createdAt).toLocaleString()}</time></td>
                      <td>${l.revokedAt ? html`revoked ${new Date(l.revokedAt).toLocaleString()}` : html`<span class="badge ok">active</span>`}</td>
                      <td>${l.revokedAt ? nothing : html`<button class="quiet" @click=${() => this.revoke(l)} aria-label=${`Revoke ${l.role} link ${l.label ? `${l.label} ` : ''}issued ${new Date(l.createdAt).toLocaleString()}`}>Revoke</button>`}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      </section>`;
  }
}
customElements.define('rt-share', RtShare);

declare global {
  interface HTMLElementTagNameMap {
    'rt-share': RtShare;
  }
}
