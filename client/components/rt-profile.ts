import { css, html, nothing } from 'lit';
import { COMMITTEES, GROUPS, IMC_LEVELS, linkParticipant, setParticipantField, type Committee, type Group, type ImcLevel } from '../../shared/model.js';
import { COMMITTEE_LABELS, GROUP_LABELS, type Identity } from '../state/identity.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';

const IMC_LEVEL_LABELS: Record<ImcLevel, string> = {
  technical: 'Technical',
  'data-coordination': 'Data coordination',
  'decision-making': 'Decision making',
};

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
  declare message: string;
  /** The committee chosen in the form (the IMC level is asked only for the IMC). */
  declare committee: Committee | null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.75rem; max-width: 32rem; }
      label { display: block; font-size: 0.9rem; margin-bottom: 0.2rem; }
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
      this.message = 'Your name cannot be empty: a pseudonym is fine.';
      return;
    }
    const group = (String(form.get('group') ?? '') || null) as Group | null;
    const committee = String(form.get('committee') ?? 'none') as Committee;
    const imcLevel = committee === 'imc' ? ((String(form.get('imcLevel') ?? '') || null) as ImcLevel | null) : null;
    const organisation = String(form.get('organisation') ?? '').trim();
    const stakeholderId = String(form.get('stakeholderId') ?? '') || null;
    const id = ws.identity.id;
    let problem = '';
    ws.doc.transact(() => {
      for (const r of [
        setParticipantField(ws.doc, id, 'name', name.slice(0, MAX_NAME), ws.origin),
        setParticipantField(ws.doc, id, 'organisation', organisation, ws.origin),
        setParticipantField(ws.doc, id, 'group', group, ws.origin),
        setParticipantField(ws.doc, id, 'committee', committee, ws.origin),
        setParticipantField(ws.doc, id, 'imcLevel', imcLevel, ws.origin),
        linkParticipant(ws.doc, id, stakeholderId, ws.origin),
      ])
        if (!r.ok) problem ||= r.error.message;
    }, ws.origin);
    if (problem) {
      this.message = `Could not save your profile: ${problem}`;
      return;
    }
    this.message = 'Your profile is saved.';
    const identity: Identity = { ...ws.identity, name: name.slice(0, MAX_NAME), group, committee };
    this.dispatchEvent(new CustomEvent('identity', { detail: identity }));
  }

  protected renderView(ws: Workspace) {
    const me = ws.store.plan.participants.find((p) => p.id === ws.identity.id);
    if (!me) return html`<section class="card"><h2>Your profile</h2><p class="empty">You are not on this plan's list of participants yet; it is added once you are connected.</p></section>`;
    const committee = this.committee ?? me.committee;
    return html`<section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Your profile</h2>
      <p class="muted">How you appear to the others on this plan. A pseudonym is fine; the IMC level helps the validation of the committee's make-up.</p>
      <form @submit=${(e: SubmitEvent) => this.save(e, ws)}>
        <div><label for="p-name">Your name</label><input id="p-name" name="name" required maxlength=${MAX_NAME} autocomplete="nickname" .value=${me.name} /></div>
        <div><label for="p-org">Organisation</label><input id="p-org" name="organisation" maxlength="2000" autocomplete="organization" placeholder="e.g. Ministry of Labour" .value=${me.organisation} /></div>
        <div>
          <label for="p-group">Stakeholder group</label>
          <select id="p-group" name="group">
            <option value="" ?selected=${!me.group}>Not said</option>
            ${GROUPS.map((g) => html`<option value=${g} ?selected=${me.group === g}>${GROUP_LABELS[g]}</option>`)}
          </select>
        </div>
        <div>
          <label for="p-committee">Committee</label>
          <select id="p-committee" name="committee" @change=${(e: Event) => (this.committee = (e.target as HTMLSelectElement).value as Committee)}>
            ${COMMITTEES.map((c) => html`<option value=${c} ?selected=${committee === c}>${COMMITTEE_LABELS[c]}</option>`)}
          </select>
        </div>
        ${committee === 'imc'
          ? html`<div>
              <label for="p-imc">Level in the IMC</label>
              <select id="p-imc" name="imcLevel">
                <option value="" ?selected=${!me.imcLevel}>Not said</option>
                ${IMC_LEVELS.map((l) => html`<option value=${l} ?selected=${me.imcLevel === l}>${IMC_LEVEL_LABELS[l]}</option>`)}
              </select>
            </div>`
          : nothing}
        <div>
          <label for="p-stakeholder">I speak for (stakeholder register)</label>
          <select id="p-stakeholder" name="stakeholderId" aria-describedby="p-stakeholder-hint">
            <option value="" ?selected=${!me.stakeholderId}>No register entry</option>
            ${ws.store.plan.stakeholders
              .filter((s) => !s.archived)
              .map((s) => html`<option value=${s.id} ?selected=${me.stakeholderId === s.id}>${s.organisation}</option>`)}
          </select>
          <p id="p-stakeholder-hint" class="muted">The representation meter counts you as this organisation. Missing? Add it under “People and committees”.</p>
        </div>
        <div><button type="submit">Save my profile</button></div>
        <p role="status" aria-live="polite">${this.message}</p>
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
