import { css, html, nothing } from 'lit';
import { refusalText } from '../sync/connect.js';
import { RtLightPart } from './rt-view.js';

/** Why the plan is not open: no link held, the link was refused, no such plan, or an error. */
export type GateState = 'none' | 'invalid' | 'not-found' | 'error';

/** Styles of the gate, adopted by the workspace. */
export const gateStyles = css`
  .gate { max-width: 40rem; margin: 2rem auto; }
  .gate form { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
  .gate input { flex: 1 1 16rem; }
`;

const TEXTS: Record<Exclude<GateState, 'error'>, [string, string]> = {
  none: ['You need an invite link to open this plan', 'Plans in Roundtable are private: only people with an invite link can open them. Open the link the facilitator sent you, or paste it here.'],
  invalid: ['This link is not valid or was revoked', `${refusalText(4401)} If you have another invite link for this plan, paste it here.`],
  'not-found': ['Plan not available', 'This plan does not exist on this server. Check the link you were given.'],
};

/**
 * What a person sees instead of a plan they cannot open: why, and (unless the plan does not
 * exist) a field to paste an invite link.
 *
 * @fires invite - detail is the text pasted as an invite link
 */
export class RtWorkspaceGate extends RtLightPart {
  static override properties = { state: { type: String }, message: { type: String } };
  declare state: GateState;
  /** The error (for `error`), or what was wrong with a pasted link. */
  declare message: string;

  constructor() {
    super();
    this.state = 'none';
    this.message = '';
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    this.dispatchEvent(new CustomEvent('invite', { detail: input.value }));
  }

  override render() {
    const [title, text] = this.state === 'error' ? ['The plan could not be opened', this.message] : TEXTS[this.state];
    return html`<section class="card gate" role="alert" aria-labelledby="gate-title">
      <h1 id="gate-title">${title}</h1>
      <p>${text}</p>
      ${this.state !== 'not-found'
        ? html`<form @submit=${this.submit}>
            <input aria-label="Invite link" placeholder="https://…/plans/…?token=…" />
            <button type="submit">Open link</button>
          </form>`
        : nothing}
      ${this.message && this.state !== 'error' ? html`<p class="field-error">${this.message}</p>` : nothing}
      <p><a href="/">Back to your plans</a></p>
    </section>`;
  }
}
customElements.define('rt-workspace-gate', RtWorkspaceGate);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace-gate': RtWorkspaceGate;
  }
}
