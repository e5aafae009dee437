import { LitElement, css, html, nothing } from 'lit';
import { readTitle } from '../../shared/schema/read.js';
import { connectPlan, type Connection } from '../sync/connect.js';

type Status = 'connecting' | 'connected' | 'synced' | 'offline' | 'refused';

/** One plan's workspace: live title, connection state and who is here. */
export class RtWorkspace extends LitElement {
  static override properties = {
    planId: { type: String },
    status: { state: true },
    title: { state: true },
    people: { state: true },
    refusal: { state: true },
  };
  declare planId: string;
  declare status: Status;
  declare title: string;
  declare people: number;
  declare refusal: string;

  private conn: Connection | null = null;

  static override styles = css`
    :host { display: block; max-width: 72rem; margin: 0 auto; padding: 1rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; justify-content: space-between; }
    h1 { font-size: 1.4rem; margin: 0; }
    .status { font-size: 0.9rem; padding: 0.2rem 0.6rem; border-radius: 999px; background: #e7ebf2; }
    .status[data-status='synced'] { background: #d8f1de; }
    .status[data-status='offline'], .status[data-status='refused'] { background: #fde2e1; }
    a { color: #1f5fbf; }
  `;

  constructor() {
    super();
    this.planId = '';
    this.status = 'connecting';
    this.title = '';
    this.people = 0;
    this.refusal = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.planId) this.open();
  }

  override disconnectedCallback(): void {
    this.conn?.destroy();
    this.conn = null;
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('planId') && this.isConnected && this.planId && !this.conn) this.open();
  }

  private open(): void {
    const conn = connectPlan(this.planId);
    this.conn = conn;
    const refresh = () => {
      this.title = readTitle(conn.doc);
      this.people = conn.provider.awareness.getStates().size;
    };
    conn.doc.on('update', refresh);
    conn.provider.awareness.on('change', refresh);
    conn.provider.on('status', ({ status }: { status: string }) => {
      if (this.status === 'refused') return;
      this.status = status === 'connected' ? (conn.provider.synced ? 'synced' : 'connected') : status === 'connecting' ? 'connecting' : 'offline';
    });
    conn.provider.on('sync', (synced: boolean) => {
      if (synced && this.status !== 'refused') this.status = 'synced';
      refresh();
    });
    conn.provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      this.status = 'refused';
      this.refusal = code === 4404 ? 'This plan does not exist on this server.' : `The server closed the connection (${code} ${reason}).`;
    });
  }

  override render() {
    const label: Record<Status, string> = {
      connecting: 'Connecting…',
      connected: 'Connected',
      synced: 'Saved and live',
      offline: 'Offline: changes are kept and sent when the connection returns',
      refused: 'Not available',
    };
    return html`
      <header>
        <h1>${this.title || (this.status === 'synced' ? 'Untitled plan' : 'Loading…')}</h1>
        <span class="status" data-status=${this.status} role="status">${label[this.status]}</span>
      </header>
      ${this.refusal ? html`<p role="alert">${this.refusal} <a href="/">Back to all plans</a></p>` : nothing}
      ${this.status === 'synced' ? html`<p>${this.people} ${this.people === 1 ? 'person' : 'people'} here.</p>` : nothing}
    `;
  }
}
customElements.define('rt-workspace', RtWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace': RtWorkspace;
  }
}
