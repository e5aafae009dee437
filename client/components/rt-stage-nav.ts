import { css, html, nothing } from 'lit';
import { STAGES, setPlanField, type Stage } from '../../shared/model.js';
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
`;

/**
 * The planning cycle as navigation: every stage (the one looked at marked as the page, the plan's
 * current stage ticked), and making the stage looked at the plan's current one.
 *
 * @fires go - detail is the stage chosen (a plain click; other clicks follow the link)
 */
export class RtStageNav extends RtLightPart {
  static override properties = { ws: { attribute: false }, stage: { type: String }, planStage: { type: String } };
  declare ws: Workspace | null;
  /** The stage being looked at. */
  declare stage: Stage;
  /** The plan's current stage (passed, so a change of it re-renders the navigation). */
  declare planStage: Stage;

  constructor() {
    super();
    this.ws = null;
    this.stage = 'preparatory';
    this.planStage = 'preparatory';
  }

  private go(e: MouseEvent, stage: Stage): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('go', { detail: stage }));
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
        <div class="stagebar">
        <span class="muted">Current stage of the plan: <strong>${STAGE_LABELS[planStage]}</strong></span>
        ${stage !== planStage && !ws.readonly
          ? html`<button class="secondary" @click=${() => setPlanField(ws.doc, 'stage', stage, ws.origin)}>Make “${STAGE_LABELS[stage]}” the current stage</button>`
          : nothing}
        </div>
      </nav>`;
  }
}
customElements.define('rt-stage-nav', RtStageNav);

declare global {
  interface HTMLElementTagNameMap {
    'rt-stage-nav': RtStageNav;
  }
}
