import { LitElement, css, html, nothing } from 'lit';
import { COMMITTEES, GROUPS, type Committee, type Group } from '../../shared/schema/types.js';
import { countryName } from '../../shared/schema/values.js';
import { pageParticipantId, type Identity } from '../state/identity.js';
import { base } from '../styles/tokens.js';
import { ROLE_LABELS, type Role } from '../state/access.js';
import { labelled, locale, t } from '../i18n.js';
import { noticeText, type Notice } from '../command-text.js';



/**
 * First-visit dialog: asks for a name and a stakeholder group (and committee, so IMC and NCC
 * scores can be compared). Modal: focus starts in the name box and stays in the dialog.
 *
 * @fires identity - detail is the new {@link Identity}
 */
export class RtIdentityDialog extends LitElement {
  static override properties = { error: { state: true }, planTitle: {}, country: {}, role: {} };
  /** What is missing, worded at render (a language switch re-words it, L50). */
  declare error: Notice;
  /** The plan being joined, so people know where they are before they say who they are. */
  declare planTitle: string;
  /** Its ISO country code, or ''. */
  declare country: string;
  /** The role the invite link gives, or null while unknown. */
  declare role: Role | null;

  static override styles = [
    base,
    css`
      :host { position: fixed; inset: 0; z-index: 20; display: grid; place-items: center; background: rgb(20 26 36 / 55%); padding: 1rem; }
      .box { background: #fff; border-radius: 12px; padding: 1.25rem; width: min(28rem, 100%); box-shadow: 0 10px 40px rgb(0 0 0 / 25%); }
      h2 { margin-block-start: 0; overflow-wrap: anywhere; }
      .where { margin: 0 0 0.5rem; font-weight: 600; color: var(--rt-muted, #444); }
      form { display: grid; gap: 0.75rem; }
      input, select { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.error = '';
    this.planTitle = '';
    this.country = '';
    this.role = null;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#rt-name')?.focus();
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      this.error = () => t('shell:join.nameFirst');
      this.renderRoot.querySelector<HTMLInputElement>('#rt-name')?.focus();
      return;
    }
    const group = String(data.get('group') ?? '');
    const committee = String(data.get('committee') ?? 'none');
    const identity: Identity = {
      id: pageParticipantId(),
      name: name.slice(0, 80),
      group: (GROUPS as readonly string[]).includes(group) ? (group as Group) : null,
      committee: (COMMITTEES as readonly string[]).includes(committee) ? (committee as Committee) : 'none',
    };
    this.dispatchEvent(new CustomEvent('identity', { detail: identity, bubbles: true, composed: true }));
  }

  private trap(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('input, select, button')];
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  override render() {
    return html`<div class="box" role="dialog" aria-modal="true" aria-labelledby="rt-id-title" @keydown=${this.trap}>
      <h2 id="rt-id-title">${this.planTitle ? html`${t('shell:join.join')} <span dir="auto">${this.planTitle}</span>` : t('shell:join.welcome')}</h2>
      ${this.country || this.role
        ? html`<p class="where">${this.country ? html`<span>${countryName(this.country, locale())}</span>` : nothing}${this.country && this.role ? ' · ' : ''}${this.role ? html`<span class="role">${labelled(ROLE_LABELS[this.role], t(`shell:join.power.${this.role}`))}</span>` : nothing}</p>`
        : nothing}
      <p class="muted">${t('shell:join.help')}</p>
      <form @submit=${this.submit}>
        <label class="field"><span>${t('shell:join.name')}</span><input id="rt-name" name="name" dir="auto" maxlength="80" autocomplete="nickname" /></label>
        <label class="field"
          ><span>${t('shell:join.group')}</span>
          <select name="group">
            <option value="">${t('shell:join.choose')}</option>
            ${GROUPS.map((g) => html`<option value=${g}>${t(`shell:group.${g}`)}</option>`)}
          </select></label
        >
        <label class="field"
          ><span>${t('shell:join.committee')}</span>
          <select name="committee">
            ${COMMITTEES.map((c) => html`<option value=${c} ?selected=${c === 'none'}>${t(`shell:committee.${c}`)}</option>`)}
          </select></label
        >
        ${this.error ? html`<p class="field-error" role="alert">${noticeText(this.error, this)}</p>` : nothing}
        <button type="submit">${t('shell:join.submit')}</button>
      </form>
    </div>`;
  }
}
customElements.define('rt-identity-dialog', RtIdentityDialog);

declare global {
  interface HTMLElementTagNameMap {
    'rt-identity-dialog': RtIdentityDialog;
  }
}
