import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  BODY_KINDS,
  CHECKLIST_CATEGORIES,
  DECISION_SUBJECTS,
  GENDERS,
  GROUPS,
  IMC_LEVELS,
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
import { fmt, labelled, t } from '../i18n.js';
import { gapTexts } from '../gap-text.js';
import { errorBox, type Notice, type Refusal } from '../command-text.js';

/** Words for groups, genders, voices, committees and checklist categories (translated at render). */
const label = (k: string): string => t(`people:label.${k}`);
const typeLabel = (k: StakeholderType): string => t(`people:type.${k}`);
const voiceLabel = (k: Voice): string => t(`people:voice.${k}`);
const subjectLabel = (k: DecisionSubject): string => t(`people:subject.${k}`);
const imcLabel = (k: ImcLevel): string => t(`people:imcLevel.${k}`);

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
  declare message: Notice;
  /** The register entry whose fields are open for editing, or null. */
  declare editing: string | null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      section.card { margin-block-end: 1rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; }
      .figures table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      .figures th, .figures td { text-align: start; padding: 0.2rem 0.4rem; border-bottom: 1px solid var(--rt-line); }
      .figures td.n, .figures th.n { text-align: end; font-variant-numeric: tabular-nums; }
      .cat[data-ok='false'] { color: var(--rt-bad); }
      form.add { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem; align-items: end; margin-top: 0.5rem; }
      form.add label, .field label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      fieldset { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.4rem 0.6rem; margin: 0; min-width: 0; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; }
      .checks label { display: inline-flex; align-items: center; gap: 0.3rem; min-height: 2rem; }
      ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      li.item { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.5rem 0.7rem; background: #fff; }
      .item-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
      ul.checks { list-style: none; padding: 0; }
      .item-head strong { overflow-wrap: anywhere; min-width: 0; }
      select, input { max-width: 100%; min-height: 24px; }
      button { min-height: 24px; }
    `,
  ];

  constructor() {
    super();
    this.scope = 'plan';
    this.message = '';
    this.editing = null;
  }

  private report(r: { ok: boolean; error?: Refusal }): boolean {
    this.message = r.ok ? '' : (r.error ?? (() => t('people:failed')));
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
      <thead><tr><th scope="col">${caption}</th><th scope="col" class="n">${t('people:count')}</th></tr></thead>
      <tbody>
        ${Object.entries(counts).map(([k, n]) => html`<tr><td>${label(k)}</td><td class="n">${fmt.number(n)}</td></tr>`)}
      </tbody>
    </table>`;
  }

  private renderMeter(plan: PlanData) {
    const meetings = plan.meetings.filter((m) => !m.archived);
    const r = this.meter(plan);
    const inMeeting = meetings.find((m) => m.id === this.scope);
    const scopeText =
      this.scope === 'scoring' ? t('people:scopeScoring') : inMeeting ? t('people:scopeMeetingIn', { title: inMeeting.title || inMeeting.id }) : t('people:scopePlan');
    return html`<section class="card" aria-labelledby="meter-h">
      <h2 id="meter-h">${t('people:meter')}</h2>
      <label
        >${t('people:whoTookPart')}
        <select aria-label=${t('people:meterScope')} @change=${(e: Event) => (this.scope = (e.target as HTMLSelectElement).value)}>
          <option value="plan" ?selected=${this.scope === 'plan'}>${t('people:scopePlan')}</option>
          <option value="scoring" ?selected=${this.scope === 'scoring'}>${t('people:scopeScoring')}</option>
          ${meetings.map((m) => html`<option value=${m.id} ?selected=${this.scope === m.id}>${t('people:scopeMeeting', { title: m.title })}</option>`)}
        </select></label
      >
      <p data-meter-total aria-live="polite">${t('people:voices', { count: r.total, n: fmt.number(r.total), scope: scopeText })}</p>
      <h3>${t('people:checklist')}</h3>
      <ul class="checks" aria-label=${t('people:checklist')}>
        ${CHECKLIST_CATEGORIES.map(
          (c) => html`<li class="cat" data-ok=${r.byCategory[c] > 0} data-category=${c}>${r.byCategory[c] > 0 ? '✓' : '✗'} ${labelled(label(c), fmt.number(r.byCategory[c]))}</li>`,
        )}
      </ul>
      ${r.gaps.length
        ? html`<ul class="warning-box" aria-label=${t('people:gaps')}>${gapTexts(r).map((g) => html`<li dir="auto">${g}</li>`)}</ul>`
        : html`<p class="muted">${t('people:noGaps')}</p>`}
      <div class="grid figures">
        ${this.renderTable(t('people:group'), r.byGroup)} ${this.renderTable(t('people:gender'), r.byGender)} ${this.renderTable(t('people:voiceCol'), r.byVoice)}
        ${this.renderTable(t('people:committee'), r.byBody)}
      </div>
    </section>`;
  }

  /** The register's fields, empty for a new entry or filled with `s`'s values (add and edit share them). */
  private stakeholderFields(s: Stakeholder | null) {
    const sel = (v: string | null, o: string) => (v ?? '') === o;
    return html`<label>${t('people:organisation')}<input name="organisation" required maxlength="2000" .value=${s?.organisation ?? ''} dir="auto" /></label>
        <label
          >${t('people:typeField')}<select name="type">
            <option value="" ?selected=${sel(s?.type ?? null, '')}>${t('people:notSaid')}</option>
            ${STAKEHOLDER_TYPES.map((k) => html`<option value=${k} ?selected=${sel(s?.type ?? null, k)}>${typeLabel(k)}</option>`)}
          </select></label
        >
        <label
          >${t('people:group')}<select name="group">
            <option value="" ?selected=${sel(s?.group ?? null, '')}>${t('people:notSaid')}</option>
            ${GROUPS.map((g) => html`<option value=${g} ?selected=${sel(s?.group ?? null, g)}>${label(g)}</option>`)}
          </select></label
        >
        <label>${t('people:agency')}<input name="agency" maxlength="2000" .value=${s?.agency ?? ''} dir="auto" /></label>
        <label>${t('people:contactField')}<input name="contact" maxlength="2000" placeholder=${t('people:contactPh')} .value=${s?.contact ?? ''} dir="auto" /></label>
        <label
          >${t('people:genderField')}<select name="gender">
            <option value="" ?selected=${sel(s?.gender ?? null, '')}>${t('people:notSaid')}</option>
            ${GENDERS.map((g) => html`<option value=${g} ?selected=${sel(s?.gender ?? null, g)}>${label(g)}</option>`)}
          </select></label
        >
        <fieldset>
          <legend>${t('people:voicesField')}</legend>
          <div class="checks">${VOICES.map((v) => html`<label><input type="checkbox" name="voices" value=${v} .checked=${s?.voices.includes(v) ?? false} />${voiceLabel(v)}</label>`)}</div>
        </fieldset>`;
  }

  /** The values of a register form, checked for an organisation name (null and a message when missing). */
  private stakeholderInput(form: HTMLFormElement) {
    const f = new FormData(form);
    const organisation = String(f.get('organisation') ?? '').trim();
    if (!organisation) {
      this.message = () => t('people:needOrg');
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
      <h2 id="reg-h">${t('people:register')}</h2>
      ${live.length === 0 ? html`<p class="empty">${t('people:registerEmpty')}</p>` : nothing}
      <ul class="plain" aria-label=${t('people:registerList')}>
        ${repeat(
          live,
          (s) => s.id,
          (s) => this.editing === s.id && !ws.readonly
            ? html`<li class="item" data-stakeholder=${s.id}>
                <form class="add" aria-label=${t('people:editNamed', { name: s.organisation })} @submit=${(e: SubmitEvent) => this.saveStakeholder(e, ws, s)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closeEdit(s.id)}>
                  ${this.stakeholderFields(s)}
                  <div><button type="submit">${t('people:saveEdit')}</button> <button type="button" class="quiet" @click=${() => this.closeEdit(s.id)}>${t('people:cancelEdit')}</button></div>
                </form>
              </li>`
            : html`<li class="item" data-stakeholder=${s.id}>
            <div class="item-head">
              <strong dir="auto">${s.organisation}</strong>
              <span>
                <button class="quiet" data-edit aria-label=${t('people:editNamed', { name: s.organisation })} ?hidden=${ws.readonly} @click=${() => { this.editing = s.id; void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`li[data-stakeholder="${CSS.escape(s.id)}"] input[name=organisation]`)?.focus()); }}>${t('people:edit')}</button>
                <button class="quiet" aria-label=${t('people:archiveNamed', { name: s.organisation })} @click=${() => this.report(archive(ws.doc, 'stakeholder', s.id, ws.origin))}>${t('people:archive')}</button>
              </span>
            </div>
            <p class="muted" dir="auto">
              ${[
                s.type ? typeLabel(s.type) : '',
                s.group ? label(s.group) : '',
                s.agency,
                s.contact
                  ? s.gender
                    ? t('people:contactGender', { contact: s.contact, gender: label(s.gender) })
                    : t('people:contact', { contact: s.contact })
                  : s.gender
                    ? t('people:representative', { gender: label(s.gender) })
                    : '',
              ]
                .filter(Boolean)
                .join(' · ') || t('people:noDetails')}
            </p>
            ${s.voices.length ? html`<p>${t('people:voicesList', { list: fmt.list(s.voices.map(voiceLabel)) })}</p>` : nothing}
          </li>`,
        )}
      </ul>
      <h3>${t('people:addOrg')}</h3>
      <form class="add" aria-label=${t('people:addOrg')} @submit=${(e: SubmitEvent) => this.addStakeholder(e, ws)}>
        ${this.stakeholderFields(null)}
        <div><button type="submit">${t('people:addToRegister')}</button></div>
      </form>
    </section>`;
  }

  private renderMembers(ws: Workspace, plan: PlanData, entity: 'body' | 'meeting', item: Body | Meeting, chosen: readonly string[]) {
    const live = plan.stakeholders.filter((s) => !s.archived);
    const what = t(entity === 'body' ? 'people:members' : 'people:attendance');
    if (live.length === 0) return html`<p class="muted">${t('people:registerFirst', { what })}</p>`;
    return html`<fieldset>
      <legend>${what}</legend>
      <div class="checks">
        ${live.map(
          (s) => html`<label
            ><input type="checkbox" .checked=${chosen.includes(s.id)} @change=${(e: Event) => this.report(toggleLink(ws.doc, entity, item.id, s.id, (e.target as HTMLInputElement).checked, ws.origin))} /><span dir="auto">${s.organisation}</span></label
          >`,
        )}
      </div>
    </fieldset>`;
  }

  private renderBodies(ws: Workspace, plan: PlanData) {
    const live = plan.bodies.filter((b) => !b.archived);
    const stakeholders = plan.stakeholders.filter((s) => !s.archived);
    return html`<section class="card" aria-labelledby="bodies-h">
      <h2 id="bodies-h">${t('people:bodies')}</h2>
      ${live.length === 0 ? html`<p class="empty">${t('people:bodiesEmpty')}</p>` : nothing}
      <ul class="plain">
        ${repeat(
          live,
          (b) => b.id,
          (b) => html`<li class="item" data-body=${b.id}>
            <div class="item-head">
              <strong dir="auto">${b.name || label(b.kind)}</strong> <span class="badge">${label(b.kind)}${b.imcLevel ? ` · ${imcLabel(b.imcLevel)}` : ''}</span>
              <button class="quiet" aria-label=${t('people:archiveNamed', { name: b.name || label(b.kind) })} @click=${() => this.report(archive(ws.doc, 'body', b.id, ws.origin))}>${t('people:archive')}</button>
            </div>
            <label
              >${t('people:chair')}
              <select @change=${(e: Event) => this.report(setField(ws.doc, 'body', b.id, 'chairId', (e.target as HTMLSelectElement).value || null, ws.origin))}>
                <option value="" ?selected=${!b.chairId}>${t('people:noChair')}</option>
                ${stakeholders.map((s) => html`<option value=${s.id} ?selected=${b.chairId === s.id}>${s.organisation}</option>`)}
              </select></label
            >
            ${this.renderMembers(ws, plan, 'body', b, b.members)}
          </li>`,
        )}
      </ul>
      <form class="add" aria-label=${t('people:addBodyForm')} @submit=${(e: SubmitEvent) => this.addBody(e, ws)}>
        <label
          >${t('people:kind')}<select name="kind">
            ${BODY_KINDS.map((k) => html`<option value=${k}>${label(k)}</option>`)}
          </select></label
        >
        <label>${t('people:name')}<input name="name" dir="auto" maxlength="2000" placeholder=${t('people:bodyNamePh')} /></label>
        <label
          >${t('people:imcLevelField')}<select name="imcLevel">
            <option value="">${t('people:notImc')}</option>
            ${IMC_LEVELS.map((l) => html`<option value=${l}>${imcLabel(l)}</option>`)}
          </select></label
        >
        <div><button class="secondary" type="submit">${t('people:addBody')}</button></div>
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
      this.message = () => t('people:needTitle');
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
      this.message = () => t('people:needDecision');
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
      <h2 id="meet-h">${t('people:meetings')}</h2>
      ${live.length === 0 ? html`<p class="empty">${t('people:meetingsEmpty')}</p>` : nothing}
      <ul class="plain">
        ${repeat(
          live,
          (m) => m.id,
          (m) => {
            const decisions = plan.decisions.filter((d) => d.meetingId === m.id && !d.archived);
            const body = bodies.find((b) => b.id === m.bodyId);
            return html`<li class="item" data-meeting=${m.id}>
              <div class="item-head">
                <strong dir="auto">${m.title}</strong><span class="muted" dir="auto">${m.date ? fmt.date(m.date) : t('people:noDate')}${body ? ` · ${body.name || label(body.kind)}` : ''}</span>
                <button class="quiet" aria-label=${t('people:archiveNamed', { name: m.title })} @click=${() => this.report(archive(ws.doc, 'meeting', m.id, ws.origin))}>${t('people:archive')}</button>
              </div>
              ${this.renderMembers(ws, plan, 'meeting', m, m.attendance)}
              <h3>${t('people:decisions')}</h3>
              ${decisions.length === 0 ? html`<p class="muted">${t('people:noneRecorded')}</p>` : nothing}
              ${decisions.map(
                (d) => html`<div class="field">
                  <span class="badge">${subjectLabel(d.subject)}</span>
                  ${d.targets.length
                    ? html`<span class="muted" dir="auto">${t('people:about', { list: fmt.list(d.targets.map((id) => goals.find((g) => g.id === id)?.title ?? deliverables.find((x) => x.id === id)?.title ?? id)) })}</span>`
                    : nothing}
                  <rt-text multiline .ws=${ws} .ref=${{ kind: 'decision', id: d.id, field: 'text' }} label=${t('people:decisionText')}></rt-text>
                </div>`,
              )}
              <form class="add" aria-label=${t('people:addDecisionForm', { title: m.title })} @submit=${(e: SubmitEvent) => this.addDecision(e, ws, m.id)}>
                <label>${t('people:whatDecided')}<input name="text" dir="auto" maxlength="20000" /></label>
                <label
                  >${t('people:settles')}<select name="subject">
                    ${DECISION_SUBJECTS.map((s) => html`<option value=${s}>${subjectLabel(s)}</option>`)}
                  </select></label
                >
                ${goals.length || deliverables.length
                  ? html`<label
                      >${t('people:aboutField')}<select name="targets" multiple size="3">
                        ${goals.map((g) => html`<option value=${g.id}>${t('people:goalOpt', { title: g.title })}</option>`)}
                        ${deliverables.map((d) => html`<option value=${d.id}>${t('people:deliverableOpt', { title: d.title })}</option>`)}
                      </select></label
                    >`
                  : nothing}
                <div><button class="secondary" type="submit">${t('people:addDecision')}</button></div>
              </form>
            </li>`;
          },
        )}
      </ul>
      <form class="add" aria-label=${t('people:addMeetingForm')} @submit=${(e: SubmitEvent) => this.addMeeting(e, ws)}>
        <label>${t('people:meeting')}<input name="title" dir="auto" maxlength="2000" placeholder=${t('people:meetingPh')} /></label>
        <label>${t('people:date')}<input name="date" type="date" /></label>
        <label
          >${t('people:body')}<select name="bodyId">
            <option value="">${t('people:notSaid')}</option>
            ${bodies.map((b) => html`<option value=${b.id}>${b.name || label(b.kind)}</option>`)}
          </select></label
        >
        <div><button class="secondary" type="submit">${t('people:addMeeting')}</button></div>
      </form>
    </section>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    return html`<h2 class="sr-only">${t('people:heading')}</h2>
      ${errorBox(this.message, this)} ${this.renderMeter(plan)} ${this.renderRegister(ws, plan)}
      ${this.renderBodies(ws, plan)} ${this.renderMeetings(ws, plan)}`;
  }
}
customElements.define('rt-people', RtPeople);

declare global {
  interface HTMLElementTagNameMap {
    'rt-people': RtPeople;
  }
}
