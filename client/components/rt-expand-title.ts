import { LitElement, css, html } from 'lit';

/**
 * A title that may be too long for its line (a phone): cut with an ellipsis, and a tap, click,
 * Enter or Space shows it in full (and cuts it again). The whole text is always in the page, so
 * a screen reader reads it in full; the button says whether it is expanded. `lines` is how many
 * lines show before the cut (1 by default). Text typed by people: `dir="auto"` on the text.
 */
export class RtExpandTitle extends LitElement {
  static override properties = {
    text: { type: String },
    lines: { type: Number },
    open: { state: true },
  };
  declare text: string;
  declare lines: number;
  declare open: boolean;

  static override styles = css`
    :host { display: block; min-width: 0; }
    button {
      all: inherit;
      display: block;
      width: 100%;
      box-sizing: border-box;
      min-height: 24px;
      cursor: pointer;
      text-align: start;
      overflow: hidden;
      text-overflow: ellipsis;
      overflow-wrap: anywhere;
    }
    button.one:not([aria-expanded='true']) { white-space: nowrap; }
    button.many:not([aria-expanded='true']) { display: -webkit-box; -webkit-box-orient: vertical; white-space: normal; }
    button[aria-expanded='true'] { white-space: normal; }
    button:focus-visible { outline: 3px solid var(--rt-focus, #1d4ed8); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.text = '';
    this.lines = 1;
    this.open = false;
  }

  override render() {
    const many = this.lines > 1;
    return html`<button
      type="button"
      class=${many ? 'many' : 'one'}
      style=${many ? `-webkit-line-clamp:${this.lines}` : ''}
      aria-expanded=${this.open ? 'true' : 'false'}
      title=${this.text}
      @click=${() => (this.open = !this.open)}
    ><span dir="auto">${this.text}</span></button>`;
  }
}
customElements.define('rt-expand-title', RtExpandTitle);

declare global {
  interface HTMLElementTagNameMap {
    'rt-expand-title': RtExpandTitle;
  }
}
