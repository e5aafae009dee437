import { css, html, nothing } from 'lit';
import { COMMITTEES, GROUPS, IMC_LEVELS, linkParticipant, setParticipantField, type Committee, type Group, type ImcLevel } from '../../shared/model.js';
import type { Identity } from '../state/identity.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { t } from '../i18n.js';
import { commandText, noticeText, type Notice, type Refusal } from '../command-text.js';


/** Longest name, as the first-visit dialog allows. */
const MAX_NAME = 80;

/**
 * "Your profile": the person edits their own participant entry after joining (name,
 * organisation, stakeholder group, committee and IMC level, and the register entry they speak for, PE4) in one change everyone sees. The
 * name and group also become this browser's identity (presence, the audit trail).
 *
 * @fires identity - detail is the updated {@link Identity}
 */
export class RtProfile extends RtView {
  static override properties = { ...RtView.properties, message: { state: true }, committee: { state: true } };
  declare message: Notice;
  /** The committee chosen in the form (the IMC level is asked only for the IMC). */
  declare committee: Committee | null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.75rem; max-width: 32rem; }
      label { display: block; font-size: 0.9rem; margin-block-end: 0.2rem; }
      input, select { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.message = '';
    this.committee = null;
  }

  private save(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const name = String(form.get('name') ?? '').replace(/\s+/g, ' ').trim();
    if (!name) {
      this.message = () => t('shell:profile.nameEmpty');
      return;
    }
    const group = (String(form.get('group') ?? '') || null) as Group | null;
    const committee = String(form.get('committee') ?? 'none') as Committee;
    const imcLevel = committee === 'imc' ? ((String(form.get('imcLevel') ?? '') || null) as ImcLevel | null) : null;
    const organisation = String(form.get('organisation') ?? '').trim();
    const stakeholderId = String(form.get('stakeholderId') ?? '') || null;
    const id = ws.identity.id;
    let problem: Refusal | null = null;
    ws.doc.transact(() => {
      for (const r of [
        setParticipantField(ws.doc, id, 'name', name.slice(0, MAX_NAME), ws.origin),
        setParticipantField(ws.doc, id, 'organisation', organisation, ws.origin),
        setParticipantField(ws.doc, id, 'group', group, ws.origin),
        setParticipantField(ws.doc, id, 'committee', committee, ws.origin),
        setParticipantField(ws.doc, id, 'imcLevel', imcLevel, ws.origin),
        linkParticipant(ws.doc, id, stakeholderId, ws.origin),
      ])
        if (!r.ok) problem ??= r.error;
    }, ws.origin);
    if (problem) {
      const refused: Refusal = problem;
      this.message = () => t('shell:profile.failed', { error: commandText(refused, this) });
      return;
    }
    this.message = () => t('shell:profile.saved');
    const identity: Identity = { ...ws.identity, name: name.slice(0, MAX_NAME), group, committee };
    this.dispatchEvent(new CustomEvent('identity', { detail: identity }));
  }

  protected renderView(ws: Workspace) {
    const me = ws.store.plan.participants.find((p) => p.id === ws.identity.id);
    if (!me) return html`<section class="card"><h2>${t('shell:panel.profile')}</h2><p class="empty">${t('shell:profile.notYet')}</p></section>`;
    const committee = this.committee ?? me.committee;
    return html`<section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">${t('shell:panel.profile')}</h2>
      <p class="muted">${t('shell:profile.help')}</p>
      <form @submit=${(e: SubmitEvent) => this.save(e, ws)}>
        <div><label for="p-name">${t('shell:profile.name')}</label><input id="p-name" name="name" dir="auto" required maxlength=${MAX_NAME} autocomplete="nickname" .value=${me.name} /></div>
        <div><label for="p-org">${t('shell:profile.organisation')}</label><input id="p-org" name="organisation" dir="auto" maxlength="2000" autocomplete="organization" placeholder=${t('shell:profile.orgExample')} .value=${me.organisation} /></div>
        <div>
          <label for="p-group">${t('shell:join.group')}</label>
          <select id="p-group" name="group">
            <option value="" ?selected=${!me.group}>${t('shell:profile.notSaid')}</option>
            ${GROUPS.map((g) => html`<option value=${g} ?selected=${me.group === g}>${t(`shell:group.${g}`)}</option>`)}
          </select>
        </div>
        <div>
          <label for="p-committee">${t('shell:join.committee')}</label>
          <select id="p-committee" name="committee" @change=${(e: Event) => (this.committee = (e.target as HTMLSelectElement).value as Committee)}>
            ${COMMITTEES.map((c) => html`<option value=${c} ?selected=${committee === c}>${t(`shell:committee.${c}`)}</option>`)}
          </select>
        </div>
        ${committee === 'imc'
          ? html`<div>
              <label for="p-imc">${t('shell:profile.imcLevel')}</label>
              <select id="p-imc" name="imcLevel">
                <option value="" ?selected=${!me.imcLevel}>${t('shell:profile.notSaid')}</option>
                ${IMC_LEVELS.map((l) => html`<option value=${l} ?selected=${me.imcLevel === l}>${t(`shell:profile.level.${l}`)}</option>`)}
              </select>
            </div>`
          : nothing}
        <div>
          <label for="p-stakeholder">${t('shell:profile.speakFor')}</label>
          <select id="p-stakeholder" name="stakeholderId" aria-describedby="p-stakeholder-hint">
            <option value="" ?selected=${!me.stakeholderId}>${t('shell:profile.noEntry')}</option>
            ${ws.store.plan.stakeholders
              .filter((s) => !s.archived)
              .map((s) => html`<option value=${s.id} ?selected=${me.stakeholderId === s.id}>${s.organisation}</option>`)}
          </select>
          <p id="p-stakeholder-hint" class="muted">${t('shell:profile.speakForHint')}</p>
        </div>
        <div><button type="submit">${t('shell:profile.save')}</button></div>
        <p role="status" aria-live="polite">${noticeText(this.message, this)}</p>
      </form>
    </section>`;
  }
}
customElements.define('rt-profile', RtProfile);

declare global {
  interface HTMLElementTagNameMap {
    'rt-profile': RtProfile;
  }
}
