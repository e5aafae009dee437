import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  BODY_KINDS,
  CHECKLIST_CATEGORIES,
  DECISION_SUBJECTS,
  GENDERS,
  GROUPS,
  IMC_LEVELS,
  REPRESENTATION_LABELS,
  STAKEHOLDER_TYPES,
  VOICES,
  addBody,
  addDecision,
  addMeeting,
  addStakeholder,
  archive,
  meetingRepresentation,
  planRepresentation,
  scoringRepresentation,
  setField,
  toggleLink,
  type Body,
  type BodyKind,
  type DecisionSubject,
  type Gender,
  type Group,
  type ImcLevel,
  type Meeting,
  type PlanData,
  type Representation,
  type Stakeholder,
  type StakeholderType,
  type Voice,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import './rt-text.js';

/** Words for the kinds of organisation. */
const TYPE_LABELS: Readonly<Record<StakeholderType, string>> = {
  ministry: 'Ministry',
  'government-agency': 'Government agency',
  'local-authority': 'Local authority',
  parliament: 'Parliament',
  ngo: 'NGO',
  'migrant-association': 'Migrant association',
  'diaspora-association': 'Diaspora association',
  'womens-organisation': 'Women’s organisation',
  'trade-union': 'Trade union',
  'employers-association': 'Employers’ association',
  'private-company': 'Private company',
  'research-institution': 'Research institution',
  'development-partner': 'Development partner',
  'international-organisation': 'International organisation',
  other: 'Other',
};
const VOICE_LABELS: Readonly<Record<Voice, string>> = { migrant: 'Migrant', diaspora: 'Diaspora', women: 'Women’s', 'vulnerable-group': 'Vulnerable group' };
const SUBJECT_LABELS: Readonly<Record<DecisionSubject, string>> = {
  'criteria-agreed': 'Criteria agreed',
  'goals-selected': 'Goals selected',
  'snapshot-endorsed': 'Version endorsed',
  'deliverable-agreed': 'Deliverable agreed',
  other: 'Other decision',
};
const label = (k: string): string => REPRESENTATION_LABELS[k] ?? k;

/**
 * "People and committees" (PE1-PE4, RP1-RP4): the representation meter for the whole plan, the
 * scoring round or one meeting; the stakeholder register; the committee structure with chairs
 * and members; meetings with attendance and decisions linked to what they settled. Everyone
 * reads it; editors and facilitators change it (observers see it locked).
 */
export class RtPeople extends RtView {
  static override properties = { ...RtView.properties, scope: { state: true }, message: { state: true }, editing: { state: true } };
  /** The meter's scope: `plan`, `scoring`, or a meeting id. */
  declare scope: string;
  declare message: string;
  /** The register entry whose fields are open for editing, or null. */
  declare editing: string | null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      section.card { margin-bottom: 1rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; }
      .figures table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      .figures th, .figures td { text-align: left; padding: 0.2rem 0.4rem; border-bottom: 1px solid var(--rt-line); }
      .figures td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .cat[data-ok='false'] { color: var(--rt-bad); }
      form.add { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem; align-items: end; margin-top: 0.5rem; }
      form.add label, .field label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      fieldset { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.4rem 0.6rem; margin: 0; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; }
      .checks label { display: inline-flex; align-items: center; gap: 0.3rem; min-height: 2rem; }
      ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      li.item { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.5rem 0.7rem; background: #fff; }
      .item-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
      ul.checks { list-style: none; padding: 0; }
    `,
  ];

  constructor() {
    super();
    this.scope = 'plan';
    this.message = '';
    this.editing = null;
  }

  private report(r: { ok: boolean; error?: { message: string } }): boolean {
    this.message = r.ok ? '' : (r.error?.message ?? 'That did not work.');
    return r.ok;
  }

  private meter(plan: PlanData): Representation {
    if (this.scope === 'scoring') return scoringRepresentation(plan);
    if (this.scope !== 'plan') return meetingRepresentation(plan, this.scope) ?? planRepresentation(plan);
    return planRepresentation(plan);
  }

  private renderTable(caption: string, counts: Record<string, number>) {
    return html`<table>
      <caption class="sr-only">${caption}</caption>
      <thead><tr><th scope="col">${caption}</th><th scope="col" class="n">Count</th></tr></thead>
      <tbody>
        ${Object.entries(counts).map(([k, n]) => html`<tr><td>${label(k)}</td><td class="n">${n}</td></tr>`)}
      </tbody>
    </table>`;
  }

  private renderMeter(plan: PlanData) {
    const meetings = plan.meetings.filter((m) => !m.archived);
    const r = this.meter(plan);
    return html`<section class="card" aria-labelledby="meter-h">
      <h2 id="meter-h">Representation meter</h2>
      <label
        >Who took part in
        <select aria-label="Scope of the representation meter" @change=${(e: Event) => (this.scope = (e.target as HTMLSelectElement).value)}>
          <option value="plan" ?selected=${this.scope === 'plan'}>the whole plan</option>
          <option value="scoring" ?selected=${this.scope === 'scoring'}>the scoring round</option>
          ${meetings.map((m) => html`<option value=${m.id} ?selected=${this.scope === m.id}>meeting: ${m.title}</option>`)}
        </select></label
      >
      <p data-meter-total aria-live="polite"><strong>${r.total}</strong> ${r.total === 1 ? 'voice' : 'voices'} in ${r.scope}.</p>
      <h3>Participation checklist</h3>
      <ul class="checks" aria-label="Participation checklist">
        ${CHECKLIST_CATEGORIES.map(
          (c) => html`<li class="cat" data-ok=${r.byCategory[c] > 0} data-category=${c}>${r.byCategory[c] > 0 ? '✓' : '✗'} ${label(c)}: ${r.byCategory[c]}</li>`,
        )}
      </ul>
      ${r.gaps.length
        ? html`<ul class="warning-box" aria-label="Gaps">${r.gaps.map((g) => html`<li>${g}</li>`)}</ul>`
        : html`<p class="muted">No gaps: every group of the checklist is there.</p>`}
      <div class="grid figures">
        ${this.renderTable('Stakeholder group', r.byGroup)} ${this.renderTable('Gender', r.byGender)} ${this.renderTable('Voice', r.byVoice)}
        ${this.renderTable('Committee', r.byBody)}
      </div>
    </section>`;
  }

  /** The register's fields, empty for a new entry or filled with `s`'s values (add and edit share them). */
  private stakeholderFields(s: Stakeholder | null) {
    const sel = (v: string | null, o: string) => (v ?? '') === o;
    return html`<label>Organisation<input name="organisation" required maxlength="2000" .value=${s?.organisation ?? ''} dir="auto" /></label>
        <label
          >Type<select name="type">
            <option value="" ?selected=${sel(s?.type ?? null, '')}>Not said</option>
            ${STAKEHOLDER_TYPES.map((t) => html`<option value=${t} ?selected=${sel(s?.type ?? null, t)}>${TYPE_LABELS[t]}</option>`)}
          </select></label
        >
        <label
          >Stakeholder group<select name="group">
            <option value="" ?selected=${sel(s?.group ?? null, '')}>Not said</option>
            ${GROUPS.map((g) => html`<option value=${g} ?selected=${sel(s?.group ?? null, g)}>${label(g)}</option>`)}
          </select></label
        >
        <label>Ministry or agency<input name="agency" maxlength="2000" .value=${s?.agency ?? ''} dir="auto" /></label>
        <label>Contact (pseudonym or role)<input name="contact" maxlength="2000" placeholder="e.g. Head of the diaspora desk" .value=${s?.contact ?? ''} dir="auto" /></label>
        <label
          >Gender of the representative<select name="gender">
            <option value="" ?selected=${sel(s?.gender ?? null, '')}>Not said</option>
            ${GENDERS.map((g) => html`<option value=${g} ?selected=${sel(s?.gender ?? null, g)}>${label(g)}</option>`)}
          </select></label
        >
        <fieldset>
          <legend>Voices it brings</legend>
          <div class="checks">${VOICES.map((v) => html`<label><input type="checkbox" name="voices" value=${v} .checked=${s?.voices.includes(v) ?? false} />${VOICE_LABELS[v]}</label>`)}</div>
        </fieldset>`;
  }

  /** The values of a register form, checked for an organisation name (null and a message when missing). */
  private stakeholderInput(form: HTMLFormElement) {
    const f = new FormData(form);
    const organisation = String(f.get('organisation') ?? '').trim();
    if (!organisation) {
      this.message = 'Give the organisation’s name first.';
      return null;
    }
    return {
      organisation,
      type: (String(f.get('type') ?? '') || null) as StakeholderType | null,
      group: (String(f.get('group') ?? '') || null) as Group | null,
      gender: (String(f.get('gender') ?? '') || null) as Gender | null,
      agency: String(f.get('agency') ?? '').trim(),
      contact: String(f.get('contact') ?? '').trim(),
      voices: f.getAll('voices').map(String) as Voice[],
    };
  }

  /** Saves an edited register entry through the generic field command, in one undoable step. */
  private saveStakeholder(e: SubmitEvent, ws: Workspace, s: Stakeholder): void {
    e.preventDefault();
    const input = this.stakeholderInput(e.target as HTMLFormElement);
    if (!input) return;
    let ok = true;
    ws.doc.transact(() => {
      for (const [field, value] of Object.entries(input)) {
        if (ok && JSON.stringify((s as unknown as Record<string, unknown>)[field]) !== JSON.stringify(value)) ok = this.report(setField(ws.doc, 'stakeholder', s.id, field, value, ws.origin));
      }
    }, ws.origin);
    if (ok) this.closeEdit(s.id);
  }

  /** Leaves the edit form and puts the focus back on the entry's Edit button. */
  private closeEdit(id: string): void {
    this.editing = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`li[data-stakeholder="${CSS.escape(id)}"] button[data-edit]`)?.focus());
  }

  private addStakeholder(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = this.stakeholderInput(form);
    if (!input) return;
    const ok = this.report(addStakeholder(ws.doc, input, ws.origin));
    if (ok) form.reset();
  }

  private renderRegister(ws: Workspace, plan: PlanData) {
    const live = plan.stakeholders.filter((s) => !s.archived);
    return html`<section class="card" aria-labelledby="reg-h">
      <h2 id="reg-h">Stakeholder register</h2>
      ${live.length === 0 ? html`<p class="empty">No organisations yet. Add the ministries, associations and partners taking part.</p>` : nothing}
      <ul class="plain" aria-label="Organisations in the register">
        ${repeat(
          live,
          (s) => s.id,
          (s) => this.editing === s.id && !ws.readonly
            ? html`<li class="item" data-stakeholder=${s.id}>
                <form class="add" aria-label=${`Edit ${s.organisation}`} @submit=${(e: SubmitEvent) => this.saveStakeholder(e, ws, s)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closeEdit(s.id)}>
                  ${this.stakeholderFields(s)}
                  <div><button type="submit">Save</button> <button type="button" class="quiet" @click=${() => this.closeEdit(s.id)}>Cancel</button></div>
                </form>
              </li>`
            : html`<li class="item" data-stakeholder=${s.id}>
            <div class="item-head">
              <strong dir="auto">${s.organisation}</strong>
              <span>
                <button class="quiet" data-edit aria-label=${`Edit ${s.organisation}`} ?hidden=${ws.readonly} @click=${() => { this.editing = s.id; void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`li[data-stakeholder="${CSS.escape(s.id)}"] input[name=organisation]`)?.focus()); }}>Edit</button>
                <button class="quiet" aria-label=${`Archive ${s.organisation}`} @click=${() => this.report(archive(ws.doc, 'stakeholder', s.id, ws.origin))}>Archive</button>
              </span>
            </div>
            <p class="muted">
              ${[s.type ? TYPE_LABELS[s.type] : '', s.group ? label(s.group) : '', s.agency, s.contact ? `contact: ${s.contact}${s.gender ? ` (${label(s.gender)})` : ''}` : s.gender ? `representative: ${label(s.gender)}` : '']
                .filter(Boolean)
                .join(' · ') || 'No details yet'}
            </p>
            ${s.voices.length ? html`<p>Voices: ${s.voices.map((v) => VOICE_LABELS[v]).join(', ')}</p>` : nothing}
          </li>`,
        )}
      </ul>
      <h3>Add an organisation</h3>
      <form class="add" aria-label="Add an organisation" @submit=${(e: SubmitEvent) => this.addStakeholder(e, ws)}>
        ${this.stakeholderFields(null)}
        <div><button type="submit">Add to the register</button></div>
      </form>
    </section>`;
  }

  private renderMembers(ws: Workspace, plan: PlanData, entity: 'body' | 'meeting', item: Body | Meeting, chosen: readonly string[]) {
    const live = plan.stakeholders.filter((s) => !s.archived);
    const what = entity === 'body' ? 'Members' : 'Attendance';
    if (live.length === 0) return html`<p class="muted">${what}: add organisations to the register first.</p>`;
    return html`<fieldset>
      <legend>${what}</legend>
      <div class="checks">
        ${live.map(
          (s) => html`<label
            ><input type="checkbox" .checked=${chosen.includes(s.id)} @change=${(e: Event) => this.report(toggleLink(ws.doc, entity, item.id, s.id, (e.target as HTMLInputElement).checked, ws.origin))} />${s.organisation}</label
          >`,
        )}
      </div>
    </fieldset>`;
  }

  private renderBodies(ws: Workspace, plan: PlanData) {
    const live = plan.bodies.filter((b) => !b.archived);
    const stakeholders = plan.stakeholders.filter((s) => !s.archived);
    return html`<section class="card" aria-labelledby="bodies-h">
      <h2 id="bodies-h">Committee structure</h2>
      ${live.length === 0 ? html`<p class="empty">No bodies yet: add the National Focal Point, the IMC, the NCC and any working groups.</p>` : nothing}
      <ul class="plain">
        ${repeat(
          live,
          (b) => b.id,
          (b) => html`<li class="item" data-body=${b.id}>
            <div class="item-head">
              <strong>${b.name || label(b.kind)}</strong> <span class="badge">${label(b.kind)}${b.imcLevel ? ` · ${b.imcLevel}` : ''}</span>
              <button class="quiet" aria-label=${`Archive ${b.name || label(b.kind)}`} @click=${() => this.report(archive(ws.doc, 'body', b.id, ws.origin))}>Archive</button>
            </div>
            <label
              >Chair
              <select @change=${(e: Event) => this.report(setField(ws.doc, 'body', b.id, 'chairId', (e.target as HTMLSelectElement).value || null, ws.origin))}>
                <option value="" ?selected=${!b.chairId}>No chair yet</option>
                ${stakeholders.map((s) => html`<option value=${s.id} ?selected=${b.chairId === s.id}>${s.organisation}</option>`)}
              </select></label
            >
            ${this.renderMembers(ws, plan, 'body', b, b.members)}
          </li>`,
        )}
      </ul>
      <form class="add" aria-label="Add a body" @submit=${(e: SubmitEvent) => this.addBody(e, ws)}>
        <label
          >Kind<select name="kind">
            ${BODY_KINDS.map((k) => html`<option value=${k}>${label(k)}</option>`)}
          </select></label
        >
        <label>Name<input name="name" maxlength="2000" placeholder="e.g. Working group on remittances" /></label>
        <label
          >IMC level<select name="imcLevel">
            <option value="">Not the IMC / not said</option>
            ${IMC_LEVELS.map((l) => html`<option value=${l}>${l}</option>`)}
          </select></label
        >
        <div><button class="secondary" type="submit">Add the body</button></div>
      </form>
    </section>`;
  }

  private addBody(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const kind = String(f.get('kind')) as BodyKind;
    const imcLevel = kind === 'imc' ? ((String(f.get('imcLevel') ?? '') || null) as ImcLevel | null) : null;
    if (this.report(addBody(ws.doc, { kind, name: String(f.get('name') ?? '').trim(), imcLevel }, ws.origin))) form.reset();
  }

  private addMeeting(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const title = String(f.get('title') ?? '').trim();
    if (!title) {
      this.message = 'Give the meeting a title first.';
      return;
    }
    const r = addMeeting(ws.doc, { title, date: String(f.get('date') ?? '') || null, bodyId: String(f.get('bodyId') ?? '') || null }, ws.origin);
    if (this.report(r)) form.reset();
  }

  private addDecision(e: SubmitEvent, ws: Workspace, meetingId: string): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const text = String(f.get('text') ?? '').trim();
    if (!text) {
      this.message = 'Write what was decided first.';
      return;
    }
    const targets = f.getAll('targets').map(String);
    if (this.report(addDecision(ws.doc, { meetingId, text, subject: String(f.get('subject')) as DecisionSubject, targets }, ws.origin))) form.reset();
  }

  private renderMeetings(ws: Workspace, plan: PlanData) {
    const live = plan.meetings.filter((m) => !m.archived);
    const bodies = plan.bodies.filter((b) => !b.archived);
    const goals = plan.goals.filter((g) => !g.archived);
    const deliverables = plan.deliverables.filter((d) => !d.archived);
    return html`<section class="card" aria-labelledby="meet-h">
      <h2 id="meet-h">Meetings and decisions</h2>
      ${live.length === 0 ? html`<p class="empty">No meetings recorded yet.</p>` : nothing}
      <ul class="plain">
        ${repeat(
          live,
          (m) => m.id,
          (m) => {
            const decisions = plan.decisions.filter((d) => d.meetingId === m.id && !d.archived);
            const body = bodies.find((b) => b.id === m.bodyId);
            return html`<li class="item" data-meeting=${m.id}>
              <div class="item-head">
                <strong>${m.title}</strong><span class="muted">${m.date ?? 'no date'}${body ? ` · ${body.name || label(body.kind)}` : ''}</span>
                <button class="quiet" aria-label=${`Archive ${m.title}`} @click=${() => this.report(archive(ws.doc, 'meeting', m.id, ws.origin))}>Archive</button>
              </div>
              ${this.renderMembers(ws, plan, 'meeting', m, m.attendance)}
              <h3>Decisions</h3>
              ${decisions.length === 0 ? html`<p class="muted">None recorded.</p>` : nothing}
              ${decisions.map(
                (d) => html`<div class="field">
                  <span class="badge">${SUBJECT_LABELS[d.subject]}</span>
                  ${d.targets.length
                    ? html`<span class="muted">about ${d.targets.map((t) => goals.find((g) => g.id === t)?.title ?? deliverables.find((x) => x.id === t)?.title ?? t).join(', ')}</span>`
                    : nothing}
                  <rt-text multiline .ws=${ws} .ref=${{ kind: 'decision', id: d.id, field: 'text' }} label="Decision text"></rt-text>
                </div>`,
              )}
              <form class="add" aria-label=${`Add a decision to ${m.title}`} @submit=${(e: SubmitEvent) => this.addDecision(e, ws, m.id)}>
                <label>What was decided<input name="text" maxlength="20000" /></label>
                <label
                  >It settles<select name="subject">
                    ${DECISION_SUBJECTS.map((s) => html`<option value=${s}>${SUBJECT_LABELS[s]}</option>`)}
                  </select></label
                >
                ${goals.length || deliverables.length
                  ? html`<label
                      >About (goals, deliverables)<select name="targets" multiple size="3">
                        ${goals.map((g) => html`<option value=${g.id}>Goal: ${g.title}</option>`)}
                        ${deliverables.map((d) => html`<option value=${d.id}>Deliverable: ${d.title}</option>`)}
                      </select></label
                    >`
                  : nothing}
                <div><button class="secondary" type="submit">Add the decision</button></div>
              </form>
            </li>`;
          },
        )}
      </ul>
      <form class="add" aria-label="Add a meeting" @submit=${(e: SubmitEvent) => this.addMeeting(e, ws)}>
        <label>Meeting<input name="title" maxlength="2000" placeholder="e.g. First NCC meeting" /></label>
        <label>Date<input name="date" type="date" /></label>
        <label
          >Body<select name="bodyId">
            <option value="">Not said</option>
            ${bodies.map((b) => html`<option value=${b.id}>${b.name || label(b.kind)}</option>`)}
          </select></label
        >
        <div><button class="secondary" type="submit">Add the meeting</button></div>
      </form>
    </section>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    return html`<h2 class="sr-only">People and committees</h2>
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing} ${this.renderMeter(plan)} ${this.renderRegister(ws, plan)}
      ${this.renderBodies(ws, plan)} ${this.renderMeetings(ws, plan)}`;
  }
}
customElements.define('rt-people', RtPeople);

declare global {
  interface HTMLElementTagNameMap {
    'rt-people': RtPeople;
  }
}
