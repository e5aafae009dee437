import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
// Shared modules imported directly (not through shared/model.ts), so the build can put exactly
// what this panel needs into the first view's chunk (vite.config.ts, SPEC BL5).
import { ANSWER_VALUES, DELIVERABLE_STATUSES, STAGES, type DeliverableStatus, type PlanData, type Stage } from '../../shared/schema/types.js';
import {
  PREPARATORY_CHECKLISTS,
  STAGE_DEFS,
  checkConditions,
  deliverableWords,
  questionWords,
  stageDeliverables,
  stageNumber,
  type Question,
  type StageDeliverable,
} from '../../shared/domain/stages.js';
import { addDeliverable, answerQuestion, noteAnswer, setDeliverableStatus, startDeliverable } from '../../shared/commands/stages.js';
import { planRepresentation } from '../../shared/domain/representation.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { fmt, t } from '../i18n.js';
import { gapTexts } from '../gap-text.js';
import { noticeText, type Notice } from '../command-text.js';
import type { CommandError } from '../../shared/result.js';
import { RtView } from './rt-view.js';
import './rt-text.js';

const SEEN_KEY = 'rt.stageSeen.';

/**
 * The message `key` with its `label` placeholder rendered in a `<bdi>`, so a name in another script
 * keeps its own direction inside the sentence (no characters are added to the text).
 */
function withLabel(key: string, params: Record<string, unknown>, label: string) {
  const [before = '', after = ''] = t(key, { ...params, label: '\u0000' }).split('\u0000');
  return html`${before}<bdi>${label}</bdi>${after}`;
}

/** True when this device has already shown `stage`'s panel open once (LV: remembered in localStorage). */
function stageSeen(stage: Stage): boolean {
  try {
    return localStorage.getItem(SEEN_KEY + stage) === '1';
  } catch {
    return false;
  }
}

/** Remembers on this device that `stage`'s panel has been shown open. */
function markStageSeen(stage: Stage): void {
  try {
    localStorage.setItem(SEEN_KEY + stage, '1');
  } catch {
    /* storage refused: the panel opens again next time */
  }
}

/**
 * The top of a stage's screen (ST1-ST4): what the stage is for, the deliverables the handbook
 * names for it (started, written together and given a status), the team's own deliverables, and
 * the gate questions to answer before moving on; the preparatory stage adds the conditions for
 * success, the participation checklist and the representation meter's headline. The working view
 * that serves the stage (views.ts) follows below it.
 *
 * The stage part is a disclosure: open the first time this device shows the stage, then folded to
 * one line with its counts ("3 of 5 deliverables agreed, 2 gate questions open") so the working
 * view starts near the top of the screen.
 *
 * @fires open-panel - detail is a panel id (here: `people`), bubbling out of the shadow root
 */
export class RtStagePanel extends RtView {
  static override properties = { ...RtView.properties, stage: { type: String }, label: { type: String }, message: { state: true }, open: { state: true } };
  /** The stage shown. */
  declare stage: Stage;
  /** Its name (from the view list). */
  declare label: string;
  declare message: Notice;
  /** Whether the stage part is unfolded (first visit of the stage on this device, or the reader opened it). */
  declare open: boolean;
  private openedFor: Stage | null = null;

  static override styles = [
    base,
    css`
      :host { display: block; margin-block-end: 1rem; }
      .stage-head h2 { margin-block-start: 0; overflow-wrap: anywhere; }
      details.stage-part > summary { cursor: pointer; min-height: 24px; padding-block: 0.3rem; display: list-item; }
      details.stage-part > summary .counts { font-weight: 600; }
      details.stage-part[open] > summary { margin-block-end: 0.5rem; }
      ul.deliverables { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      li.deliverable { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding-block: 0.6rem; padding-inline: 0.75rem; background: #fff; }
      .d-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
      .d-head strong { flex: 1 1 12rem; overflow-wrap: anywhere; }
      .badge[data-status='endorsed'], .badge[data-status='agreed-by-committee'] { background: var(--rt-ok-soft); color: var(--rt-ok); }
      .badge[data-status='drafting'] { background: var(--rt-accent-soft); color: var(--rt-accent); }
      fieldset.q { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); margin: 0; margin-block-end: 0.5rem; padding-block: 0.5rem; padding-inline: 0.75rem; }
      fieldset.q legend { font-weight: 600; padding-block: 0; padding-inline: 0.25rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; }
      .choices label { display: inline-flex; gap: 0.3rem; align-items: center; min-height: 2rem; min-width: 24px; }
      .note { width: 100%; }
      .add { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block-start: 0.6rem; }
      .add input { flex: 1 1 14rem; }
      .meter { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
      details.checklist > summary { cursor: pointer; font-weight: 600; padding-block: 0.3rem; min-height: 24px; }
      @media (max-width: 480px) { li.deliverable, fieldset.q { padding: 0.5rem; } }
    `,
  ];

  constructor() {
    super();
    this.stage = 'preparatory';
    this.label = '';
    this.message = '';
    this.open = true;
  }

  /** What the panel shows from the plan (SPEC MP3): deliverables, answers, and the register the preparatory stage's meter counts. */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const p = ws.store.plan;
    return [p.deliverables, p.answers, p.stakeholders, p.bodies, p.participants];
  }

  /** Decides, once per stage shown, whether the stage part starts open, and marks the stage seen. */
  protected override willUpdate(): void {
    super.willUpdate();
    if (this.openedFor !== this.stage) {
      this.openedFor = this.stage;
      this.open = !stageSeen(this.stage);
      if (this.open) markStageSeen(this.stage);
    }
  }

  /** Keeps a command's refusal to show in the reader's language (L16, L19: worded at render), or clears the last one. */
  private report(r: { ok: boolean; error?: CommandError }): void {
    this.message = r.ok ? '' : (r.error ?? (() => t('cycle:failed')));
  }

  private renderDeliverables(ws: Workspace, plan: PlanData) {
    const list = stageDeliverables(plan, this.stage);
    return html`<section aria-labelledby="dl-h">
      <h3 id="dl-h">${t('cycle:deliverables')}</h3>
      <ul class="deliverables">
        ${repeat(list, (d) => d.id, (d) => this.renderDeliverable(ws, d))}
      </ul>
      <form class="add" @submit=${(e: SubmitEvent) => this.addOwn(e, ws)}>
        <label class="sr-only" for="new-deliverable">${t('cycle:anotherTitle')}</label>
        <input id="new-deliverable" name="title" dir="auto" maxlength="2000" placeholder=${t('cycle:anotherPlaceholder')} />
        <button class="secondary" type="submit">${t('cycle:addDeliverable')}</button>
      </form>
    </section>`;
  }

  /** One deliverable: its title and hint in the reader's language when built in (L9), its status and text once started. */
  private renderDeliverable(ws: Workspace, d: StageDeliverable) {
    const w = deliverableWords(d, t);
    return html`<li class="deliverable" data-deliverable=${d.id}>
      <div class="d-head">
        <strong dir=${w.builtIn ? nothing : 'auto'} data-built-in=${w.builtIn ? 'true' : 'false'}>${w.title}</strong>
        <span class="badge" data-status=${d.status}>${t(`cycle:statuses.${d.status}`)}</span>
      </div>
      ${w.hint ? html`<p class="muted">${w.hint}</p>` : nothing}
      ${d.entry
        ? html`<label
              >${t('cycle:status')}
              <select
                aria-label=${t('cycle:statusOf', { title: w.title })}
                @change=${(e: Event) => this.report(setDeliverableStatus(ws.doc, d.id, (e.target as HTMLSelectElement).value as DeliverableStatus, ws.origin))}
              >
                ${DELIVERABLE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === d.status}>${t(`cycle:statuses.${s}`)}</option>`)}
              </select></label
            >
            <rt-text multiline .ws=${ws} .ref=${{ kind: 'deliverable', id: d.id, field: 'body' }} label=${t('cycle:textOf', { title: w.title })} placeholder=${t('cycle:writeDoc')}></rt-text>`
        : html`<button class="secondary" @click=${() => this.report(startDeliverable(ws.doc, d.id, ws.origin))}>${t('cycle:startWriting', { title: w.title })}</button>`}
    </li>`;
  }

  private addOwn(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const title = String(new FormData(form).get('title') ?? '');
    if (!title.trim()) {
      this.message = () => t('cycle:titleFirst');
      return;
    }
    const r = addDeliverable(ws.doc, this.stage, title, ws.origin);
    this.report(r);
    if (r.ok) form.reset();
  }

  private renderQuestion(ws: Workspace, plan: PlanData, q: Question) {
    const a = plan.answers.find((x) => x.id === q.id);
    return html`<fieldset class="q" data-question=${q.id}>
      <legend>${questionWords(q, t)}</legend>
      <div class="choices">
        ${ANSWER_VALUES.map(
          (v) => html`<label
            ><input type="radio" name=${`q-${q.id}`} value=${v} .checked=${a?.value === v} @change=${() => this.report(answerQuestion(ws.doc, q.id, v, ws.origin))} />${t(`cycle:answers.${v}`)}</label
          >`,
        )}
        ${a?.value ? html`<button class="quiet" @click=${() => this.report(answerQuestion(ws.doc, q.id, null, ws.origin))}>${t('cycle:clear')}</button>` : nothing}
      </div>
      <label class="sr-only" for=${`note-${q.id}`}>${t('cycle:note')}</label>
      <input
        class="note"
        id=${`note-${q.id}`}
        maxlength="20000"
        dir="auto"
        placeholder=${t('cycle:notePlaceholder')}
        .value=${a?.note ?? ''}
        @change=${(e: Event) => this.report(noteAnswer(ws.doc, q.id, (e.target as HTMLInputElement).value, ws.origin))}
      />
    </fieldset>`;
  }

  private renderPreparatory(ws: Workspace, plan: PlanData) {
    const conditions = checkConditions(plan);
    const meter = planRepresentation(plan);
    return html`<section aria-labelledby="rep-h">
        <h3 id="rep-h">${t('cycle:whoTakesPart')}</h3>
        <div class="meter">
          <span data-meter-total>${meter.total === 0 ? t('cycle:registerEmpty') : t('cycle:registerTotal', { count: meter.total })}</span>
          <button class="quiet" @click=${() => this.dispatchEvent(new CustomEvent('open-panel', { detail: 'people', bubbles: true, composed: true }))}>${t('cycle:openPeople')}</button>
        </div>
        ${meter.gaps.length ? html`<ul class="warning-box" aria-label=${t('cycle:gaps')}>${gapTexts(meter).map((g) => html`<li dir="auto">${g}</li>`)}</ul>` : html`<p class="muted">${t('cycle:noGaps')}</p>`}
      </section>
      ${PREPARATORY_CHECKLISTS.map(
        (c) => html`<details class="checklist" open>
          <summary>${t(`cycle:checklists.${c.id}`)}</summary>
          ${c.id === 'conditions' && conditions.stepBack
            ? html`<p class="warning-box" role="note">${t('cycle:stepBack')}</p>`
            : nothing}
          ${c.questions.map((q) => this.renderQuestion(ws, plan, q))}
        </details>`,
      )}`;
  }

  /** The folded line: how many deliverables are agreed (or endorsed) and how many gate questions are unanswered. */
  private counts(plan: PlanData): string {
    const list = stageDeliverables(plan, this.stage);
    const agreed = list.filter((d) => d.status === 'agreed-by-committee' || d.status === 'endorsed').length;
    const answered = new Set(plan.answers.filter((a) => a.value).map((a) => a.id));
    const open = STAGE_DEFS[this.stage].gate.filter((q) => !answered.has(q.id)).length;
    return t('cycle:summary', {
      deliverables: t('cycle:deliverablesAgreed', { agreed, count: list.length }),
      questions: t('cycle:questionsOpen', { count: open }),
    });
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const def = STAGE_DEFS[this.stage];
    const n = stageNumber(this.stage);
    return html`<section class="card" aria-labelledby="stage-h">
      <div class="stage-head">
        <h2 id="stage-h" data-stage-number=${n}>${n === 0 ? withLabel('cycle:preparatory', {}, this.label) : withLabel('cycle:stageN', { n: fmt.number(n) }, this.label)}</h2>
      </div>
      ${noticeText(this.message, this) ? html`<p class="error-box" role="alert">${noticeText(this.message, this)}</p>` : nothing}
      <details class="stage-part" ?open=${this.open} @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
        <summary><span class="counts" data-stage-counts>${this.counts(plan)}</span></summary>
        <p class="muted">${t(`cycle:purposes.${this.stage}`)}</p>
        ${this.renderDeliverables(ws, plan)}
        <section aria-labelledby="gate-h">
          <h3 id="gate-h">${t('cycle:beforeMovingOn')}</h3>
          ${def.gate.map((q) => this.renderQuestion(ws, plan, q))}
        </section>
        ${this.stage === 'preparatory' ? this.renderPreparatory(ws, plan) : nothing}
      </details>
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
