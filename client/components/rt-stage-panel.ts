import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  ANSWER_VALUES,
  DELIVERABLE_STATUSES,
  DELIVERABLE_STATUS_LABELS,
  PREPARATORY_CHECKLISTS,
  STAGES,
  STAGE_DEFS,
  addDeliverable,
  answerQuestion,
  checkConditions,
  noteAnswer,
  planRepresentation,
  setDeliverableStatus,
  stageDeliverables,
  startDeliverable,
  type AnswerValue,
  type DeliverableStatus,
  type PlanData,
  type Question,
  type Stage,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { t } from '../i18n.js';
import { RtView } from './rt-view.js';
import './rt-text.js';

/** Words for the answers to gate and checklist questions. */
export const ANSWER_LABELS: Readonly<Record<AnswerValue, string>> = { yes: 'Yes', partly: 'Partly', no: 'No', 'not-relevant': 'Not relevant' };

/**
 * The top of a stage's screen (ST1-ST4): what the stage is for, the deliverables the handbook
 * names for it (started, written together and given a status), the team's own deliverables, and
 * the gate questions to answer before moving on; the preparatory stage adds the conditions for
 * success, the participation checklist and the representation meter's headline. The working view
 * that serves the stage (views.ts) follows below it.
 *
 * @fires open-panel - detail is a panel id (here: `people`), bubbling out of the shadow root
 */
export class RtStagePanel extends RtView {
  static override properties = { ...RtView.properties, stage: { type: String }, label: { type: String }, message: { state: true } };
  /** The stage shown. */
  declare stage: Stage;
  /** Its name (from the view list). */
  declare label: string;
  declare message: string;

  static override styles = [
    base,
    css`
      :host { display: block; margin-bottom: 1rem; }
      .stage-head h2 { margin-top: 0; }
      ul.deliverables { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      li.deliverable { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.6rem 0.75rem; background: #fff; }
      .d-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
      .d-head strong { flex: 1 1 12rem; }
      .badge[data-status='endorsed'], .badge[data-status='agreed-by-committee'] { background: var(--rt-ok-soft); color: var(--rt-ok); }
      .badge[data-status='drafting'] { background: var(--rt-accent-soft); color: var(--rt-accent); }
      fieldset.q { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; }
      fieldset.q legend { font-weight: 600; padding: 0 0.25rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; }
      .choices label { display: inline-flex; gap: 0.3rem; align-items: center; min-height: 2rem; }
      .note { width: 100%; }
      .add { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.6rem; }
      .add input { flex: 1 1 14rem; }
      .meter { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
      details.checklist > summary { cursor: pointer; font-weight: 600; padding: 0.3rem 0; }
      @media (max-width: 480px) { li.deliverable, fieldset.q { padding: 0.5rem; } }
    `,
  ];

  constructor() {
    super();
    this.stage = 'preparatory';
    this.label = '';
    this.message = '';
  }

  private report(r: { ok: boolean; error?: { message: string } }): void {
    this.message = r.ok ? '' : (r.error?.message ?? 'That did not work.');
  }

  private renderDeliverables(ws: Workspace, plan: PlanData) {
    const list = stageDeliverables(plan, this.stage);
    return html`<section aria-labelledby="dl-h">
      <h3 id="dl-h">Deliverables of this stage</h3>
      <ul class="deliverables">
        ${repeat(
          list,
          (d) => d.id,
          (d) => html`<li class="deliverable" data-deliverable=${d.id}>
            <div class="d-head">
              <strong>${d.title}</strong>
              <span class="badge" data-status=${d.status}>${DELIVERABLE_STATUS_LABELS[d.status]}</span>
            </div>
            ${d.hint ? html`<p class="muted">${d.hint}</p>` : nothing}
            ${d.entry
              ? html`<label
                    >Status
                    <select
                      aria-label=${`Status of ${d.title}`}
                      @change=${(e: Event) => this.report(setDeliverableStatus(ws.doc, d.id, (e.target as HTMLSelectElement).value as DeliverableStatus, ws.origin))}
                    >
                      ${DELIVERABLE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === d.status}>${DELIVERABLE_STATUS_LABELS[s]}</option>`)}
                    </select></label
                  >
                  <rt-text multiline .ws=${ws} .ref=${{ kind: 'deliverable', id: d.id, field: 'body' }} label=${`Text of ${d.title}`} placeholder="Write the document here; everyone sees it live."></rt-text>`
              : html`<button class="secondary" @click=${() => this.report(startDeliverable(ws.doc, d.id, ws.origin))}>Start writing “${d.title}”</button>`}
          </li>`,
        )}
      </ul>
      <form class="add" @submit=${(e: SubmitEvent) => this.addOwn(e, ws)}>
        <label class="sr-only" for="new-deliverable">Title of another deliverable</label>
        <input id="new-deliverable" name="title" maxlength="2000" placeholder="Another deliverable of this stage" />
        <button class="secondary" type="submit">Add a deliverable</button>
      </form>
    </section>`;
  }

  private addOwn(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const title = String(new FormData(form).get('title') ?? '');
    if (!title.trim()) {
      this.message = 'Give the deliverable a title first.';
      return;
    }
    const r = addDeliverable(ws.doc, this.stage, title, ws.origin);
    this.report(r);
    if (r.ok) form.reset();
  }

  private renderQuestion(ws: Workspace, plan: PlanData, q: Question) {
    const a = plan.answers.find((x) => x.id === q.id);
    return html`<fieldset class="q" data-question=${q.id}>
      <legend>${q.text}</legend>
      <div class="choices">
        ${ANSWER_VALUES.map(
          (v) => html`<label
            ><input type="radio" name=${`q-${q.id}`} value=${v} .checked=${a?.value === v} @change=${() => this.report(answerQuestion(ws.doc, q.id, v, ws.origin))} />${ANSWER_LABELS[v]}</label
          >`,
        )}
        ${a?.value ? html`<button class="quiet" @click=${() => this.report(answerQuestion(ws.doc, q.id, null, ws.origin))}>Clear</button>` : nothing}
      </div>
      <label class="sr-only" for=${`note-${q.id}`}>Note or evidence</label>
      <input
        class="note"
        id=${`note-${q.id}`}
        maxlength="20000"
        placeholder="Note or evidence (optional)"
        .value=${a?.note ?? ''}
        @change=${(e: Event) => this.report(noteAnswer(ws.doc, q.id, (e.target as HTMLInputElement).value, ws.origin))}
      />
    </fieldset>`;
  }

  private renderPreparatory(ws: Workspace, plan: PlanData) {
    const conditions = checkConditions(plan);
    const meter = planRepresentation(plan);
    return html`<section aria-labelledby="rep-h">
        <h3 id="rep-h">Who takes part</h3>
        <div class="meter">
          <span data-meter-total>${meter.total === 0 ? 'Nobody is in the stakeholder register yet.' : `${meter.total} organisations and people in the register.`}</span>
          <button class="quiet" @click=${() => this.dispatchEvent(new CustomEvent('open-panel', { detail: 'people', bubbles: true, composed: true }))}>Open people and committees</button>
        </div>
        ${meter.gaps.length ? html`<ul class="warning-box" aria-label="Gaps in participation">${meter.gaps.map((g) => html`<li>${g}</li>`)}</ul>` : html`<p class="muted">Every group of the participation checklist takes part.</p>`}
      </section>
      ${PREPARATORY_CHECKLISTS.map(
        (c) => html`<details class="checklist" open>
          <summary>${c.title}</summary>
          ${c.id === 'conditions' && conditions.stepBack
            ? html`<p class="warning-box" role="note">Most conditions for success are not met. The handbook advises putting these building blocks in place before starting the exercise.</p>`
            : nothing}
          ${c.questions.map((q) => this.renderQuestion(ws, plan, q))}
        </details>`,
      )}`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const def = STAGE_DEFS[this.stage];
    const n = STAGES.indexOf(this.stage);
    return html`<section class="card" aria-labelledby="stage-h">
      <div class="stage-head">
        <h2 id="stage-h">${n === 0 ? 'Preparatory phase' : `Stage ${n}`}: ${this.label}</h2>
        <p class="muted">${def.purpose}</p>
      </div>
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      ${this.renderDeliverables(ws, plan)}
      <section aria-labelledby="gate-h">
        <h3 id="gate-h">Before moving on</h3>
        ${def.gate.map((q) => this.renderQuestion(ws, plan, q))}
      </section>
      ${this.stage === 'preparatory' ? this.renderPreparatory(ws, plan) : nothing}
      ${this.stage === 'situation-analysis'
        ? html`<p class="meter"><span class="muted">${t('sectors:openHint')}</span><button class="secondary" data-open-sectors data-nav @click=${() => this.dispatchEvent(new CustomEvent('open-panel', { detail: 'sectors', bubbles: true, composed: true }))}>${t('sectors:open')}</button></p>`
        : nothing}
      ${this.stage === 'situation-analysis' || this.stage === 'strategic-goals' ? html`<rt-consult-link .ws=${ws}></rt-consult-link>` : nothing}
    </section>`;
  }
}
customElements.define('rt-stage-panel', RtStagePanel);

declare global {
  interface HTMLElementTagNameMap {
    'rt-stage-panel': RtStagePanel;
  }
}
