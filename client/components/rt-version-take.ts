import { css, html } from 'lit';
import { SNAPSHOT_STATUSES } from '../../shared/versions.js';
import { RtLightPart } from './rt-view.js';
import { STATUS_LABELS } from './version-shared.js';
import { t } from '../i18n.js';

/** Styles of the snapshot form, adopted by the versions panel. */
export const takeStyles = css`
  form.take { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0.5rem; align-items: end; }
  form.take .note { grid-column: 1 / -1; }
  form.take button { justify-self: start; }
`;

/** What a snapshot is taken with. */
export interface TakeRequest {
  name: string;
  note: string;
  status: string;
  /** Clears the form (after the snapshot was taken). */
  reset(): void;
}

/**
 * The form that takes a named snapshot of the live plan, with a status (endorsed only for
 * facilitators) and an optional note. An empty name is refused here.
 *
 * @fires take - detail is a {@link TakeRequest}
 * @fires message - detail is what was wrong with the form
 */
export class RtVersionTake extends RtLightPart {
  static override properties = { facilitator: { type: Boolean }, busy: { type: Boolean } };
  /** Whether the endorsed status is offered. */
  declare facilitator: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.facilitator = false;
    this.busy = false;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      this.dispatchEvent(new CustomEvent('message', { detail: t('versions:take.nameFirst') }));
      form.querySelector<HTMLInputElement>('input[name=name]')?.focus();
      return;
    }
    const take: TakeRequest = { name, note: String(data.get('note') ?? ''), status: String(data.get('status') ?? 'draft'), reset: () => form.reset() };
    this.dispatchEvent(new CustomEvent('take', { detail: take }));
  }

  override render() {
    return html`<section class="card" aria-labelledby="take-title">
      <h2 id="take-title">${t('versions:take.title')}</h2>
      <p class="muted">${t('versions:take.help')}</p>
      <form class="take" @submit=${this.submit} aria-label=${t('versions:take.title')}>
        <label class="field"><span>${t('versions:take.name')}</span><input name="name" dir="auto" aria-label=${t('versions:take.nameLabel')} maxlength="200" placeholder=${t('versions:take.nameExample')} /></label>
        <label class="field"
          ><span>${t('versions:take.status')}</span>
          <select name="status" aria-label=${t('versions:take.statusLabel')}>
            ${SNAPSHOT_STATUSES.filter((s) => s !== 'endorsed' || this.facilitator).map((s) => html`<option value=${s}>${STATUS_LABELS[s]}</option>`)}
          </select></label
        >
        <label class="field note"><span>${t('versions:take.note')}</span><textarea name="note" dir="auto" aria-label=${t('versions:take.noteLabel')} rows="2" maxlength="4000"></textarea></label>
        <button type="submit" ?disabled=${this.busy}>${t('versions:take.submit')}</button>
      </form>
    </section>`;
  }
}
customElements.define('rt-version-take', RtVersionTake);

declare global {
  interface HTMLElementTagNameMap {
    'rt-version-take': RtVersionTake;
  }
}
