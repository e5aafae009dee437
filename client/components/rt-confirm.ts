import { LitElement, css, html } from 'lit';
import { base } from '../styles/tokens.js';
import { t } from '../i18n.js';

/** What a confirmation asks. */
export interface ConfirmOptions {
  title: string;
  message: string;
  /** Label of the button that goes ahead (e.g. "Archive all 5"). */
  confirm: string;
}

/**
 * A modal confirmation on the native `<dialog>` (`showModal`): focus starts on "Cancel" and stays
 * inside, Escape cancels, Enter or Space presses the focused button. Use {@link askToConfirm}.
 */
export class RtConfirm extends LitElement {
  static override properties = { options: { attribute: false } };
  declare options: ConfirmOptions;
  /** Called once with the answer when the dialog closes. */
  onAnswer: (yes: boolean) => void = () => {};

  static override styles = [
    base,
    css`
      dialog { border: 1px solid var(--rt-line-strong); border-radius: var(--rt-radius); padding: 1rem 1.1rem; max-width: min(30rem, calc(100vw - 2rem)); }
      dialog::backdrop { background: rgb(20 26 36 / 45%); }
      h2 { margin: 0 0 0.5rem; }
      .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; margin-top: 1rem; }
    `,
  ];

  constructor() {
    super();
    this.options = { title: '', message: '', confirm: 'OK' };
  }

  override firstUpdated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    dialog.addEventListener('close', () => this.onAnswer(dialog.returnValue === 'confirm'));
    dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button[value="cancel"]')!.focus();
  }

  override render() {
    const { title, message, confirm } = this.options;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-message">
      <form method="dialog">
        <h2 id="confirm-title">${title}</h2>
        <p id="confirm-message">${message}</p>
        <div class="buttons">
          <button class="secondary" value="cancel">${t('cancel')}</button>
          <button value="confirm">${confirm}</button>
        </div>
      </form>
    </dialog>`;
  }
}
customElements.define('rt-confirm', RtConfirm);

/** Shows a modal confirmation and resolves true when the person goes ahead. */
export function askToConfirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const el = document.createElement('rt-confirm');
    el.options = options;
    el.onAnswer = (yes) => {
      el.remove();
      resolve(yes);
    };
    document.body.append(el);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-confirm': RtConfirm;
  }
}
