import { css, html, nothing } from 'lit';
import { refusalText } from '../sync/connect.js';
import { RtLightPart } from './rt-view.js';
import { t } from '../i18n.js';

/** Why the plan is not open: no link held, the link was refused, no such plan, or an error. */
export type GateState = 'none' | 'invalid' | 'not-found' | 'error';

/** Styles of the gate, adopted by the workspace. */
export const gateStyles = css`
  .gate { max-width: 40rem; margin: 2rem auto; }
  .gate form { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
  .gate input { flex: 1 1 16rem; }
`;

/** The title and explanation of each state, in the reader's language. */
function texts(state: Exclude<GateState, 'error'>): [string, string] {
  switch (state) {
    case 'none':
      return [t('shell:gate.noneTitle'), t('shell:gate.noneText')];
    case 'invalid':
      return [t('shell:gate.invalidTitle'), t('shell:gate.invalidText', { refusal: refusalText(4401) })];
    case 'not-found':
      return [t('shell:gate.notFoundTitle'), t('shell:gate.notFoundText')];
  }
}

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
    const [title, text] = this.state === 'error' ? [t('shell:gate.errorTitle'), this.message] : texts(this.state);
    return html`<section class="card gate" role="alert" aria-labelledby="gate-title">
      <h1 id="gate-title">${title}</h1>
      <p>${text}</p>
      ${this.state !== 'not-found'
        ? html`<form @submit=${this.submit}>
            <input aria-label=${t('shell:gate.link')} dir="ltr" placeholder="https://…/plans/…?token=…" />
            <button type="submit">${t('shell:gate.open')}</button>
          </form>`
        : nothing}
      ${this.message && this.state !== 'error' ? html`<p class="field-error">${this.message}</p>` : nothing}
      <p><a href="/">${t('shell:backToYours')}</a></p>
    </section>`;
  }
}
customElements.define('rt-workspace-gate', RtWorkspaceGate);

declare global {
  interface HTMLElementTagNameMap {
    'rt-workspace-gate': RtWorkspaceGate;
  }
}
