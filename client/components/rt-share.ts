import { LitElement, css, html, nothing } from 'lit';
import { ROLES, ROLE_LABELS, heldPlan, updateHeld, type Role } from '../state/access.js';
import { api, type LinkInfo } from '../state/api.js';
import { copyText } from '../state/clipboard.js';
import { base } from '../styles/tokens.js';

const ROLE_HELP: Record<Role, string> = {
  facilitator: 'everything, including invite links, endorsing and restoring versions',
  editor: 'edit the plan and score goals',
  observer: 'follow the plan live, read only',
};

/**
 * The facilitator's "Share" panel: the invite links this browser holds (with copy buttons),
 * issuing a new link for a role, and every link of the plan with a way to revoke it (revoking
 * disconnects everyone who joined with it).
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
  declare held: Partial<Record<Role, string>>;
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
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.links = null;
    this.held = {};
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
    this.held = { ...(heldPlan(this.planId)?.tokens ?? {}) };
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
    try {
      const body = await api.issueLink(this.planId, role);
      const token = new URL(body.url).searchParams.get('token') ?? undefined;
      // Kept in this browser so the panel shows it next time; this browser's own facilitator
      // link stays the one it opens the plan with.
      if (token && role !== 'facilitator') updateHeld(this.planId, (p) => void (p.tokens[role] = token));
      await this.load();
      this.held = { ...this.held, [role]: token };
      this.copied = '';
      this.message = `New ${role} link issued: copy it above.`;
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
        ${ROLES.map((role) => {
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
        <div class="row" style="margin-bottom:0.5rem">
          <span class="muted">Issue a new link:</span>
          ${ROLES.map((r) => html`<button class="secondary" @click=${() => this.issue(r)}>New ${r} link</button>`)}
        </div>
        ${this.links === null
          ? html`<p aria-busy="true">Loading…</p>`
          : html`<div class="scroll-x">
              <table aria-label="Invite links">
                <thead><tr><th>Role</th><th>Issued</th><th>State</th><th></th></tr></thead>
                <tbody>
                  ${this.links.map(
                    (l) => html`<tr class=${l.revokedAt ? 'revoked' : ''} data-link=${l.id}>
                      <td>${ROLE_LABELS[l.role]}</td>
                      <td><time datetime=${l.createdAt}>${new Date(l.createdAt).toLocaleString()}</time></td>
                      <td>${l.revokedAt ? html`revoked ${new Date(l.revokedAt).toLocaleString()}` : html`<span class="badge ok">active</span>`}</td>
                      <td>${l.revokedAt ? nothing : html`<button class="quiet" @click=${() => this.revoke(l)} aria-label=${`Revoke ${l.role} link issued ${new Date(l.createdAt).toLocaleString()}`}>Revoke</button>`}</td>
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
