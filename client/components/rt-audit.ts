import { LitElement, css, html, nothing } from 'lit';
import { api, type AuditEvent } from '../state/api.js';
import { base } from '../styles/tokens.js';

const ACTIONS: Record<string, string> = {
  'plan.created': 'created the plan',
  'plan.imported': 'imported the plan',
  'plan.forked': 'started the plan from a version',
  'snapshot.created': 'took a snapshot',
  'snapshot.endorsed': 'endorsed a version',
  'snapshot.updated': 'changed a version',
  'snapshot.deleted': 'deleted a version',
  'snapshot.restored': 'restored a version',
  'snapshot.forked': 'forked a version into a new plan',
  'link.issued': 'issued an invite link',
  'link.revoked': 'revoked an invite link',
};

/** The facilitator's view of the plan's audit trail, newest first, with a CSV download. */
export class RtAudit extends LitElement {
  static override properties = { planId: { type: String }, events: { state: true }, message: { state: true } };
  declare planId: string;
  declare events: AuditEvent[] | null;
  declare message: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
      table { width: 100%; }
      th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--rt-line); font-size: 0.88rem; vertical-align: top; }
      td.detail { color: var(--rt-muted); word-break: break-word; }
      .row > h2 { margin: 0; }
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
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.events = (await api.audit(this.planId)).slice().reverse();
    } catch (err) {
      this.message = `Could not load the audit trail: ${(err as Error).message}`;
      this.events = [];
    }
  }

  private async csv(e: Event): Promise<void> {
    e.preventDefault();
    try {
      await api.download(this.planId, api.files.auditCsv, `audit-${this.planId}.csv`);
    } catch (err) {
      this.message = `Could not download the audit trail: ${(err as Error).message}`;
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="audit-title">
      <div class="row">
        <h2 id="audit-title" class="grow">Audit trail</h2>
        <a href="/api/plans/${this.planId}/audit?format=csv" download="audit-${this.planId}.csv" @click=${this.csv}>Download CSV</a>
        <button class="secondary" @click=${() => this.load()}>Refresh</button>
      </div>
      <p class="muted">Who created, imported, snapshotted, endorsed, restored or forked this plan, and who issued or revoked links. Names are the pseudonyms people chose.</p>
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      ${this.events === null
        ? html`<p aria-busy="true">Loading…</p>`
        : this.events.length === 0
          ? html`<p class="empty">Nothing recorded yet.</p>`
          : html`<div class="scroll-x">
              <table aria-label="Audit trail">
                <thead><tr><th>Time</th><th>Who</th><th>What</th><th>Details</th></tr></thead>
                <tbody>
                  ${this.events.map(
                    (ev) => html`<tr>
                      <td><time datetime=${ev.at}>${new Date(ev.at).toLocaleString()}</time></td>
                      <td>${ev.actor.name || html`<span class="muted">(no name)</span>`} <span class="badge">${ev.actor.role}</span></td>
                      <td>${ACTIONS[ev.action] ?? ev.action}</td>
                      <td class="detail">${Object.entries(ev.detail)
                        .filter(([, v]) => v !== null && v !== '')
                        .map(([k, v]) => `${k}: ${String(v)}`)
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
