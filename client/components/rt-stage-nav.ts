import { css, html, nothing } from 'lit';
import { STAGES, checkStageMove, moveStage, setStageMovers, type Stage, type StageMoveCheck } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { STAGE_LABELS } from '../views.js';
import { RtLightPart } from './rt-view.js';

/** Styles of the planning-cycle navigation, adopted by the workspace. */
export const stageNavStyles = css`
  nav ol { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; padding: 0 0 0.25rem; margin: 0.5rem 0 1rem; counter-reset: stage; }
  @media (max-width: 760px) { nav ol { flex-wrap: nowrap; overflow-x: auto; } }
  nav li { flex: none; }
  nav a { display: flex; align-items: center; gap: 0.35rem; text-decoration: none; color: var(--rt-ink); padding: 0.4rem 0.7rem; border-radius: 999px; border: 1px solid var(--rt-line); background: #fff; font-size: 0.9rem; white-space: nowrap; }
  nav a::before { counter-increment: stage; content: counter(stage); display: inline-grid; place-items: center; width: 1.3rem; height: 1.3rem; border-radius: 50%; background: #e7ebf2; font-size: 0.75rem; }
  nav a[aria-current='page'] { background: var(--rt-accent); color: #fff; border-color: var(--rt-accent); }
  nav a[aria-current='page']::before { background: rgb(255 255 255 / 30%); color: #fff; }
  nav a[data-current]::before { background: var(--rt-ok); color: #fff; content: '✓'; }
  nav a[data-current] { border-color: var(--rt-ok); border-width: 2px; }
  .stagebar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.75rem; }
  .stagebar label { display: inline-flex; gap: 0.3rem; align-items: center; font-size: 0.9rem; }
  .move-warning ul { margin: 0.3rem 0; padding-left: 1.2rem; }
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
  static override properties = { ws: { attribute: false }, stage: { type: String }, planStage: { type: String }, movers: { type: String }, pending: { state: true } };
  declare ws: Workspace | null;
  /** The stage being looked at. */
  declare stage: Stage;
  /** The plan's current stage (passed, so a change of it re-renders the navigation). */
  declare planStage: Stage;
  /** Who may move the stage (passed, so a change of the setting re-renders the bar). */
  declare movers: string;
  /** A move waiting for confirmation because gate questions are open (ST3). */
  declare pending: StageMoveCheck | null;

  constructor() {
    super();
    this.ws = null;
    this.pending = null;
    this.stage = 'preparatory';
    this.planStage = 'preparatory';
  }

  private go(e: MouseEvent, stage: Stage): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
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
      this.pending = check;
      return;
    }
    this.pending = null;
    moveStage(ws.doc, to, ws.origin);
  }

  private renderWarning(ws: Workspace, p: StageMoveCheck) {
    return html`<div class="warning-box move-warning" role="alertdialog" aria-labelledby="move-warn-h">
      <p id="move-warn-h"><strong>Before moving to “${STAGE_LABELS[p.to]}”:</strong> some gate questions are still open.</p>
      <ul>
        ${p.unanswered.map((u) => html`<li>${STAGE_LABELS[u.stage]}: ${u.question.text} <em>(not answered)</em></li>`)}
        ${p.answeredNo.map((u) => html`<li>${STAGE_LABELS[u.stage]}: ${u.question.text} <em>(answered no)</em></li>`)}
      </ul>
      <div class="actions">
        <button @click=${() => this.move(ws, p.to, true)}>Move anyway</button>
        <button class="secondary" @click=${() => (this.pending = null)}>Stay and answer them</button>
      </div>
    </div>`;
  }

  override render() {
    const ws = this.ws;
    if (!ws) return nothing;
    const stage = this.stage;
    const planStage = this.planStage;
    return html`<nav aria-label="Planning cycle">
        <ol>
          ${STAGES.map(
            (s) => html`<li>
              <a
                href="#${s}"
                aria-current=${s === stage ? 'page' : 'false'}
                ?data-current=${s === planStage}
                @click=${(e: MouseEvent) => this.go(e, s)}
                >${STAGE_LABELS[s]}${s === planStage ? html`<span class="sr-only"> (current stage)</span>` : nothing}</a
              >
            </li>`,
          )}
        </ol>
        <div class="stagebar" role="region" aria-label="Current stage">
        <span class="muted">Current stage of the plan: <strong>${STAGE_LABELS[planStage]}</strong></span>
        ${stage !== planStage && this.mayMove(ws)
          ? html`<button class="secondary" @click=${() => this.move(ws, stage)}>Make “${STAGE_LABELS[stage]}” the current stage</button>`
          : nothing}
        ${stage !== planStage && !this.mayMove(ws) && !ws.readonly ? html`<span class="muted" data-move-note>Only a facilitator moves the plan to another stage.</span>` : nothing}
        ${ws.facilitator
          ? html`<label
              ><input
                type="checkbox"
                .checked=${ws.store.plan.stageMovers === 'editors'}
                @change=${(e: Event) => setStageMovers(ws.doc, (e.target as HTMLInputElement).checked ? 'editors' : 'facilitators', ws.origin)}
              />Editors may move the stage too</label
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
