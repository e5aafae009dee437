import { LitElement, css, html } from 'lit';
import './rt-home.js';
import './rt-workspace.js';

/**
 * The application shell: routes `/` to the home page and `/plans/<id>` to a plan's workspace.
 * Navigation inside the app uses `history.pushState` and a `navigate` event.
 */
export class RtApp extends LitElement {
  static override properties = { path: { state: true } };
  declare path: string;

  static override styles = css`
    :host { display: block; min-height: 100vh; }
  `;

  constructor() {
    super();
    this.path = location.pathname;
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
    const m = /^\/plans\/([A-Za-z0-9_-]{1,64})\/?$/.exec(this.path);
    if (m) return html`<rt-workspace .planId=${m[1]!}></rt-workspace>`;
    return html`<rt-home></rt-home>`;
  }
}
customElements.define('rt-app', RtApp);

declare global {
  interface HTMLElementTagNameMap {
    'rt-app': RtApp;
  }
}
