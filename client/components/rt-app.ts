import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n.js';
import './rt-workspace.js';

/**
 * The application shell: routes `/` to the home page and `/plans/<id>` to a plan's workspace.
 * Navigation inside the app uses `history.pushState` and a `navigate` event.
 */
export class RtApp extends LitElement {
  static override properties = { path: { state: true }, error: { state: true } };
  declare path: string;
  declare error: string;

  static override styles = css`
    :host { display: block; min-height: 100vh; }
    .fatal { margin: 0.5rem auto; max-width: 78rem; background: #fde2e1; border: 1px solid #e3a1a0; color: #5c0c0e; padding: 0.5rem 1rem; border-radius: 8px; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    .fatal button { font: inherit; min-height: 32px; border: 1px solid #a4161a; background: #fff; color: #a4161a; border-radius: 6px; padding: 0.2rem 0.6rem; cursor: pointer; }
  `;

  constructor() {
    super();
    this.path = location.pathname;
    this.error = '';
  }

  /** Shows an error banner above the page (the page itself stays usable). */
  showError(message: string): void {
    this.error = message;
  }

  private readonly onPop = () => {
    this.path = location.pathname;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    this.addEventListener('navigate', (e: Event) => {
      const to = (e as CustomEvent<string>).detail;
      history.pushState(null, '', to);
      this.path = to;
    });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    super.disconnectedCallback();
  }

  override render() {
    const banner = this.error
      ? html`<div class="fatal" role="alert">
          <span>${t('shell:app.error', { error: this.error })}</span>
          <button @click=${() => (this.error = '')}>${t('shell:app.dismiss')}</button>
        </div>`
      : nothing;
    const m = /^\/plans\/([A-Za-z0-9_-]{1,64})\/?$/.exec(this.path);
    if (m) return html`${banner}<rt-workspace .planId=${m[1]!}></rt-workspace>`;
    // The home page is its own chunk (a plan page's first load does not carry it, SPEC BL5); until
    // it is defined, the page's own "Loading Roundtable…" (the light DOM) stays on screen.
    if (!customElements.get('rt-home')) {
      void import('./rt-home.js').then(() => this.requestUpdate());
      return html`${banner}<slot></slot>`;
    }
    return html`${banner}<rt-home></rt-home>`;
  }
}
customElements.define('rt-app', RtApp);

declare global {
  interface HTMLElementTagNameMap {
    'rt-app': RtApp;
  }
}
