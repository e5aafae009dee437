import { css, html, nothing } from 'lit';
import { STAGES, type Stage } from '../../shared/schema/types.js';
import { checkStageMove, questionWords, stageNumber, type StageMoveCheck } from '../../shared/domain/stages.js';
import { moveStage, setStageMovers } from '../../shared/commands/stages.js';
import type { Workspace } from '../state/workspace.js';
import { STAGE_LABELS } from '../views.js';
import { PhoneController, RtLightPart } from './rt-view.js';
import { fmt, labelled, loadNamespaces, t } from '../i18n.js';

/** Styles of the planning-cycle navigation, adopted by the workspace. */
export const stageNavStyles = css`
  nav ol { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; padding: 0 0 0.25rem; margin-block: 0.5rem 1rem; margin-inline: 0; }
  @media (max-width: 760px) { nav ol { flex-wrap: nowrap; overflow-x: auto; } }
  nav li { flex: none; }
  nav a { display: flex; align-items: center; gap: 0.35rem; text-decoration: none; color: var(--rt-ink); padding: 0.4rem 0.7rem; border-radius: 999px; border: 1px solid var(--rt-line); background: #fff; font-size: 0.9rem; white-space: nowrap; }
  nav a .num { display: inline-grid; place-items: center; width: 1.3rem; height: 1.3rem; border-radius: 50%; background: #e7ebf2; font-size: 0.75rem; flex: none; }
  nav a[aria-current='page'] { background: var(--rt-accent); color: #fff; border-color: var(--rt-accent); }
  nav a[aria-current='page'] .num { background: rgb(255 255 255 / 30%); color: #fff; }
  nav a[data-current] .num { background: var(--rt-ok); color: #fff; }
  nav a[data-current] { border-color: var(--rt-ok); border-width: 2px; }
  .stagebar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-block-end: 0.75rem; }
  .stagebar label { display: inline-flex; gap: 0.3rem; align-items: center; font-size: 0.9rem; }
  .move-warning ul { margin: 0.3rem 0; padding-inline-start: 1.2rem; }
  .stage-menu { display: flex; align-items: center; gap: 0.4rem; width: 100%; min-height: 44px; margin-block: 0.5rem 0.25rem; text-align: start; justify-content: space-between; }
  .stage-menu .which { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
  .stage-menu .chev { flex: none; transition: transform 0.15s; }
  .stage-menu[aria-expanded='true'] .chev { transform: rotate(180deg); }
  nav ol.menu { flex-direction: column; flex-wrap: nowrap; overflow: visible; margin-block: 0 0.75rem; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); background: #fff; padding: 0.25rem; }
  nav ol.menu a { border-radius: 6px; border-color: transparent; min-height: 44px; white-space: normal; }
  .move-warning .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
`;

/**
 * The planning cycle as navigation: every stage (the one looked at marked as the page, the plan's
 * current stage ticked), and making the stage looked at the plan's current one: only for a
 * facilitator, or an editor once the facilitator allows it (ST2); a move past open gate
 * questions lists them and asks to confirm (ST3).
 *
 * @fires go - detail is the stage chosen (a plain click; other clicks follow the link)
 */
export class RtStageNav extends RtLightPart {
  static override properties = { ws: { attribute: false }, stage: { type: String }, planStage: { type: String }, movers: { type: String }, pending: { state: true }, open: { state: true } };
  declare ws: Workspace | null;
  /** The stage being looked at. */
  declare stage: Stage;
  /** The plan's current stage (passed, so a change of it re-renders the navigation). */
  declare planStage: Stage;
  /** Who may move the stage (passed, so a change of the setting re-renders the bar). */
  declare movers: string;
  /** A move waiting for confirmation because gate questions are open (ST3). */
  declare pending: StageMoveCheck | null;
  /** On a phone: whether the list of stages is open under the menu button. */
  declare open: boolean;
  private readonly phone = new PhoneController(this);

  constructor() {
    super();
    this.ws = null;
    this.open = false;
    this.pending = null;
    this.stage = 'preparatory';
    this.planStage = 'preparatory';
  }

  private go(e: MouseEvent, stage: Stage): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (this.open) {
      this.open = false;
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('.stage-menu')?.focus());
    }
    this.dispatchEvent(new CustomEvent('go', { detail: stage }));
  }

  /** Who may move the plan (ST2): facilitators, and editors when the facilitator allows it. */
  private mayMove(ws: Workspace): boolean {
    return !ws.readonly && (ws.facilitator || ws.store.plan.stageMovers === 'editors');
  }

  /** Moves at once, or first shows what the stages left behind still leave open (ST3: warns, never blocks). */
  private move(ws: Workspace, to: Stage, confirmed = false): void {
    const check = checkStageMove(ws.store.plan, to);
    if (!confirmed && (check.unanswered.length > 0 || check.answeredNo.length > 0)) {
      // The questions' words (namespace `stages`) load with the stage screen; the warning may come first.
      void loadNamespaces(['stages']).finally(() => (this.pending = check));
      return;
    }
    this.pending = null;
    moveStage(ws.doc, to, ws.origin);
  }

  private renderWarning(ws: Workspace, p: StageMoveCheck) {
    return html`<div class="warning-box move-warning" role="alertdialog" aria-labelledby="move-warn-h">
      <p id="move-warn-h"><strong>${t('shell:stage.beforeMoving', { stage: STAGE_LABELS[p.to] })}</strong> ${t('shell:stage.openQuestions')}</p>
      <ul>
        ${p.unanswered.map((u) => html`<li>${labelled(STAGE_LABELS[u.stage], questionWords(u.question, t))} <em>${t('shell:stage.notAnswered')}</em></li>`)}
        ${p.answeredNo.map((u) => html`<li>${labelled(STAGE_LABELS[u.stage], questionWords(u.question, t))} <em>${t('shell:stage.answeredNo')}</em></li>`)}
      </ul>
      <div class="actions">
        <button @click=${() => this.move(ws, p.to, true)}>${t('shell:stage.moveAnyway')}</button>
        <button class="secondary" @click=${() => (this.pending = null)}>${t('shell:stage.stay')}</button>
      </div>
    </div>`;
  }

  /** Escape closes the phone menu and gives focus back to its button. */
  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.open) return;
    this.open = false;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.stage-menu')?.focus());
  }

  override render() {
    const ws = this.ws;
    if (!ws) return nothing;
    const stage = this.stage;
    const planStage = this.planStage;
    const phone = this.phone.on;
    // Numbered as the stage panel numbers them (L13): the preparatory phase, then stages 1 to 6.
    const n = stageNumber(stage);
    return html`<nav aria-label=${t('shell:stage.cycle')} @keydown=${(e: KeyboardEvent) => this.onKey(e)}>
        ${phone
          ? html`<button class="secondary stage-menu" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="stage-list" @click=${() => (this.open = !this.open)}>
              <span class="which">${n === 0 ? STAGE_LABELS[stage] : t('shell:stage.menu', { n: fmt.number(n), total: fmt.number(STAGES.length - 1), stage: STAGE_LABELS[stage] })}</span><span class="chev" aria-hidden="true">▾</span>
            </button>`
          : nothing}
        ${phone && !this.open ? nothing : html`<ol id="stage-list" class=${phone ? 'menu' : ''}>
          ${STAGES.map(
            (s) => html`<li>
              <a
                href="#${s}"
                aria-current=${s === stage ? 'page' : 'false'}
                ?data-current=${s === planStage}
                @click=${(e: MouseEvent) => this.go(e, s)}
                ><span class="num" aria-hidden="true" data-stage-number=${stageNumber(s)}>${s === planStage ? '✓' : stageNumber(s) > 0 ? fmt.number(stageNumber(s)) : ''}</span>${STAGE_LABELS[s]}${s === planStage ? html`<span class="sr-only"> ${t('shell:stage.currentMark')}</span>` : nothing}</a
              >
            </li>`,
          )}
        </ol>`}
        <div class="stagebar" role="region" aria-label=${t('shell:stage.current')}>
        <span class="muted">${t('shell:stage.currentOfPlan')} <strong>${STAGE_LABELS[planStage]}</strong></span>
        ${stage !== planStage && this.mayMove(ws)
          ? html`<button class="secondary" @click=${() => this.move(ws, stage)}>${t('shell:stage.makeCurrent', { stage: STAGE_LABELS[stage] })}</button>`
          : nothing}
        ${stage !== planStage && !this.mayMove(ws) && !ws.readonly ? html`<span class="muted" data-move-note>${t('shell:stage.onlyFacilitator')}</span>` : nothing}
        ${ws.facilitator
          ? html`<label
              ><input
                type="checkbox"
                .checked=${ws.store.plan.stageMovers === 'editors'}
                @change=${(e: Event) => setStageMovers(ws.doc, (e.target as HTMLInputElement).checked ? 'editors' : 'facilitators', ws.origin)}
              />${t('shell:stage.editorsMay')}</label
            >`
          : nothing}
        </div>
      </nav>
      ${this.pending && this.pending.to === stage && this.pending.from === planStage ? this.renderWarning(ws, this.pending) : nothing}`;
  }
}
customElements.define('rt-stage-nav', RtStageNav);

declare global {
  interface HTMLElementTagNameMap {
    'rt-stage-nav': RtStageNav;
  }
}
