import { LitElement, css, html, nothing } from 'lit';
import { ROLES, ROLE_LABELS, heldPlan, updateHeld, type Role } from '../state/access.js';
import { ApiError, type LinkInfo } from '../state/api.js';
import { api } from '../state/api-routes.js';
import { copyText } from '../state/clipboard.js';
import { base } from '../styles/tokens.js';
import { fmt, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';


/** A role as a word inside a sentence ("editor"), in the reader's language. */
const roleName = (role: Role): string => t(`shell:share.roleName.${role}`);

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
  /** Worded at render, so a language switch re-words it (L50). */
  declare message: Notice;
  declare copied: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
      .invite { display: grid; grid-template-columns: 7.5rem minmax(0, 1fr) auto; gap: 0.4rem 0.5rem; align-items: center; margin-block-end: 0.5rem; }
      .invite input { width: 100%; font-family: ui-monospace, monospace; font-size: 0.82rem; }
      .invite small { grid-column: 2 / -1; color: var(--rt-muted); margin-block-start: -0.3rem; }
      @media (max-width: 600px) {
        .invite { grid-template-columns: minmax(0, 1fr) auto; }
        .invite strong { grid-column: 1 / -1; }
        .invite small { grid-column: 1 / -1; }
      }
      table { width: 100%; }
      th, td { text-align: start; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--rt-line); font-size: 0.9rem; }
      tr.revoked td { color: var(--rt-muted); }
      /* On a phone each link is a card: role and state on one line, the rest below, Revoke in reach.
         The explicit ARIA roles keep it a table for screen readers whatever the display. */
      @media (max-width: 600px) {
        table, tbody, tr, td { display: block; }
        thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
        tr { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 0.1rem 0.5rem; padding-block: 0.4rem; border-bottom: 1px solid var(--rt-line); }
        td { border: 0; padding: 0.1rem 0; }
        td:first-child { font-weight: 600; }
        td[data-label]::before { content: attr(data-label) ' '; color: var(--rt-muted); }
        td:not(.act) { grid-column: 1; }
        td.act { grid-row: 1 / span 4; grid-column: 2; }
      }
      .copied { color: var(--rt-ok); font-size: 0.85rem; }
      .label-field { display: block; margin: 0.25rem 0 0.5rem; }
      .label-field span { display: block; font-size: 0.9rem; margin-block-end: 0.2rem; }
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
    // After the first update: a lazily defined element gets the properties set before its
    // definition arrived (planId) only then.
    void this.updateComplete.then(() => this.load());
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
      this.message = () => t('shell:share.loadFailed', { error: failureText(err, this) });
      this.links = [];
    }
  }

  private async copy(role: Role, url: string): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`input[data-role="${role}"]`);
    const ok = await copyText(url, input);
    this.copied = ok ? role : '';
    if (!ok) this.message = () => t('shell:share.copyRefused');
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
      this.message = () => (body.label ? t('shell:share.issuedFor', { role: roleName(role), label: body.label }) : t('shell:share.issued', { role: roleName(role) }));
    } catch (err) {
      this.message = () => t('shell:share.issueFailed', { error: failureText(err, this) });
    }
  }

  private async revoke(link: LinkInfo): Promise<void> {
    if (!confirm(t('shell:share.revokeConfirm', { role: roleName(link.role) }))) return;
    this.message = '';
    try {
      const body = await api.revokeLink(this.planId, link.id);
      this.message = () => t('shell:share.revoked', { count: body.sessionsClosed });
      await this.load();
    } catch (err) {
      this.message = () => t('shell:share.revokeFailed', { error: failureText(err, this) });
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="share-title">
        <h2 id="share-title">${t('shell:share.title')}</h2>
        <p class="muted">${t('shell:share.help')}</p>
        ${this.held === null ? html`<p aria-busy="true">${t('shell:share.checking')}</p>` : nothing}
        ${ROLES.map((role) => {
          if (this.held === null) return nothing;
          const token = this.held[role];
          const url = token ? this.linkUrl(token) : '';
          return html`<div class="invite">
            <strong>${ROLE_LABELS[role]}</strong>
            ${token
              ? html`<input readonly data-role=${role} dir="ltr" aria-label=${t('shell:share.linkOf', { role: ROLE_LABELS[role] })} .value=${url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
                  <button class="secondary" @click=${() => this.copy(role, url)} aria-label=${this.copied === role ? t('shell:share.copiedOf', { role: roleName(role) }) : t('shell:share.copyOf', { role: roleName(role) })}>${this.copied === role ? t('shell:share.copied') : t('shell:share.copy')}</button>`
              : html`<span class="muted">${t('shell:share.noneHeld', { role: roleName(role) })}</span>
                  <button class="secondary" @click=${() => this.issue(role)}>${t('shell:share.issueOne')}</button>`}
            <small>${t(`shell:share.help_${role}`)}</small>
          </div>`;
        })}
        ${this.message ? html`<p role="status">${noticeText(this.message, this)}</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="links-title">
        <h2 id="links-title">${t('shell:share.all')}</h2>
        <label class="field label-field"
          ><span>${t('shell:share.forWho')}</span>
          <input name="label" dir="auto" maxlength="120" placeholder=${t('shell:share.forExample')} autocomplete="off"
        /></label>
        <div class="row" style="margin-block-end:0.5rem">
          <span class="muted">${t('shell:share.issueNew')}</span>
          ${ROLES.map((r) => html`<button class="secondary" @click=${() => this.issue(r)}>${t(`shell:share.new_${r}`)}</button>`)}
        </div>
        ${this.links === null
          ? html`<p aria-busy="true">${t('loading')}</p>`
          : html`<div class="scroll-x">
              <table role="table" aria-label=${t('shell:share.links')}>
                <thead role="rowgroup"><tr role="row"><th role="columnheader">${t('shell:share.role')}</th><th role="columnheader">${t('shell:share.for')}</th><th role="columnheader">${t('shell:share.issuedAt')}</th><th role="columnheader">${t('shell:share.state')}</th><th role="columnheader"><span class="sr-only">${t('shell:share.actions')}</span></th></tr></thead>
                <tbody role="rowgroup">
                  ${this.links.map(
                    (l) => html`<tr role="row" class=${l.revokedAt ? 'revoked' : ''} data-link=${l.id}>
                      <td role="cell">${ROLE_LABELS[l.role]}</td>
                      <td role="cell" dir="auto" data-label=${t('shell:share.for') + t('common:colon')}>${l.label || html`<span class="muted">${t('shell:share.noLabel')}</span>`}</td>
                      <td role="cell" data-label=${t('shell:share.issuedAt') + t('common:colon')}><time datetime=${l.createdAt}>${fmt.dateTime(l.createdAt)}</time></td>
                      <td role="cell">${l.revokedAt ? t('shell:share.revokedAt', { when: fmt.dateTime(l.revokedAt) }) : html`<span class="badge ok">${t('shell:share.active')}</span>`}</td>
                      <td role="cell" class="act">${l.revokedAt ? nothing : html`<button class="quiet" @click=${() => this.revoke(l)} aria-label=${l.label ? t('shell:share.revokeLabelNamed', { role: roleName(l.role), label: l.label, when: fmt.dateTime(l.createdAt) }) : t('shell:share.revokeLabel', { role: roleName(l.role), when: fmt.dateTime(l.createdAt) })}>${t('shell:share.revoke')}</button>`}</td>
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
