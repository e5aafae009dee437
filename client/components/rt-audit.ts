import { LitElement, css, html, nothing } from 'lit';
import { type AuditEvent } from '../state/api.js';
import { api } from '../state/api-routes.js';
import { base } from '../styles/tokens.js';
import { fmt, labelled, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';

/** The audit actions this view names (the others show their code). */
const ACTIONS = new Set(['plan.created', 'plan.imported', 'plan.forked', 'snapshot.created', 'snapshot.endorsed', 'snapshot.updated', 'snapshot.deleted', 'snapshot.restored', 'snapshot.forked', 'link.issued', 'link.revoked']);

/** The facilitator's view of the plan's audit trail, newest first, with a CSV download. */
export class RtAudit extends LitElement {
  static override properties = { planId: { type: String }, events: { state: true }, message: { state: true } };
  declare planId: string;
  declare events: AuditEvent[] | null;
  /** Worded at render, so a language switch re-words it (L50). */
  declare message: Notice;

  static override styles = [
    base,
    css`
      :host { display: block; }
      table { width: 100%; }
      th, td { text-align: start; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--rt-line); font-size: 0.88rem; vertical-align: top; }
      td.detail { color: var(--rt-muted); word-break: break-word; }
      .row > h2 { margin: 0; }
      /* A link standing as a control: as easy to hit as the button beside it. */
      .row > a { display: inline-flex; align-items: center; min-block-size: 2rem; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.events = null;
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update: a lazily defined element gets the properties set before its
    // definition arrived (planId) only then.
    void this.updateComplete.then(() => this.load());
  }

  async load(): Promise<void> {
    try {
      this.events = (await api.audit(this.planId)).slice().reverse();
    } catch (err) {
      this.message = () => t('collab:audit.loadFailed', { error: failureText(err, this) });
      this.events = [];
    }
  }

  private async csv(e: Event): Promise<void> {
    e.preventDefault();
    try {
      await api.download(this.planId, api.files.auditCsv, `audit-${this.planId}.csv`);
    } catch (err) {
      this.message = () => t('collab:audit.downloadFailed', { error: failureText(err, this) });
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="audit-title">
      <div class="row">
        <h2 id="audit-title" class="grow">${t('shell:panel.audit')}</h2>
        <a href="/api/plans/${this.planId}/audit?format=csv" download="audit-${this.planId}.csv" @click=${this.csv}>${t('collab:audit.csv')}</a>
        <button class="secondary" @click=${() => this.load()}>${t('collab:audit.refresh')}</button>
      </div>
      <p class="muted">${t('collab:audit.help')}</p>
      ${this.message ? html`<p class="error-box" role="alert">${noticeText(this.message, this)}</p>` : nothing}
      ${this.events === null
        ? html`<p aria-busy="true">${t('loading')}</p>`
        : this.events.length === 0
          ? html`<p class="empty">${t('collab:audit.empty')}</p>`
          : html`<div class="scroll-x">
              <table aria-label=${t('shell:panel.audit')}>
                <thead><tr><th>${t('collab:audit.time')}</th><th>${t('collab:audit.who')}</th><th>${t('collab:audit.what')}</th><th>${t('collab:audit.details')}</th></tr></thead>
                <tbody>
                  ${this.events.map(
                    (ev) => html`<tr>
                      <td><time datetime=${ev.at}>${fmt.dateTime(ev.at)}</time></td>
                      <td><span dir="auto">${ev.actor.name || html`<span class="muted">${t('collab:audit.noName')}</span>`}</span> <span class="badge">${t(`collab:role.${ev.actor.role}`)}</span></td>
                      <td>${ACTIONS.has(ev.action) ? t(`collab:audit.action.${ev.action.replace('.', '_')}`) : ev.action}</td>
                      <td class="detail" dir="auto">${Object.entries(ev.detail)
                        .filter(([, v]) => v !== null && v !== '')
                        .map(([k, v]) => labelled(k, String(v)))
                        .join(' · ')}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }
}
customElements.define('rt-audit', RtAudit);

declare global {
  interface HTMLElementTagNameMap {
    'rt-audit': RtAudit;
  }
}
