import { css, html, nothing } from 'lit';
import type { Workspace } from '../state/workspace.js';
import { setPlanField } from '../../shared/model.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { cellStyles } from './rt-scoring-cell.js';
import { gridStyles } from './rt-scoring-grid.js';
import { rankingStyles } from './rt-scoring-ranking.js';
import { idsOf, scoringAxes } from './scoring-shared.js';
import { commentBadgeStyles } from './comment-badge.js';
import './rt-scoring-criteria.js';
import './rt-scoring-goals.js';

import { t } from '../i18n.js';
import { errorBox, type Notice } from '../command-text.js';

export { scoreLabel } from './scoring-shared.js';

/**
 * Goals and scoring: candidate goals, the criteria (editable until both committees agree them),
 * a keyboard-operable grid where each person scores every goal on every criterion 0/1/2 with an
 * optional note, live totals and ranking, a heat map of disagreement, the IMC vs NCC spread,
 * agreed scores and goal selection with the "handful" warning.
 *
 * This element holds the active cell and the last refusal; each job is a part of its own
 * (rt-scoring-goals, -criteria, -grid, -cell, -ranking).
 */
export class RtScoring extends RtView {
  static override properties = {
    ...RtView.properties,
    row: { state: true },
    col: { state: true },
    message: { state: true },
  };
  declare row: number;
  declare col: number;
  declare message: Notice;

  static override styles = [
    base,
    commentBadgeStyles,
    gridStyles,
    cellStyles,
    rankingStyles,
    css`
      :host { display: block; }
      .crit { display: grid; grid-template-columns: 1fr auto; gap: 0.3rem 0.5rem; align-items: start; padding: 0.5rem 0; border-bottom: 1px solid var(--rt-line); }
      .crit .actions { display: flex; gap: 0.2rem; }
      .goal-list { list-style: none; margin: 0; padding: 0; }
      /* The title box, its comment count and Archive on one line (the recommendation under them). */
      .goal-list li { display: grid; grid-template-columns: 1fr auto auto; gap: 0.4rem; align-items: center; padding: 0.35rem 0; border-bottom: 1px solid var(--rt-line); }
      ul.votes { margin: 0.3rem 0; padding-inline-start: 1.1rem; }
      /* A title longer than its box is cut with an ellipsis; focusing the box shows all of it. */
      rt-text input { text-overflow: ellipsis; }
      @media (max-width: 600px) {
        .crit { grid-template-columns: 1fr; }
        .grid th[scope='row'] { min-width: 7rem; max-width: 9rem; font-size: 0.85rem; }
      }
    `,
  ];

  constructor() {
    super();
    this.row = 0;
    this.col = 0;
    this.message = '';
  }

  /**
   * What this element shows from the plan (SPEC KS2): which goals and criteria there are (the
   * grid's size, the active cell), the anonymous-scoring switch. A goal's title is shown by the
   * parts, so typing one leaves this element still.
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const { goals, crits } = scoringAxes(ws.store.plan);
    return [idsOf(goals), idsOf(crits), ws.store.plan.anonymousScoring === true, ws.facilitator];
  }

  /** A part reported how a command went. */
  private readonly onReport = (e: CustomEvent<Notice>) => {
    this.message = e.detail;
  };

  /** Makes a cell active and moves focus to it. */
  private readonly onMove = (e: CustomEvent<{ row: number; col: number }>) => {
    this.row = e.detail.row;
    this.col = e.detail.col;
    this.focusCell();
  };

  private focusCell(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('td.cell.active')?.focus());
  }

  /** SC20: facilitators switch anonymous scoring; everyone is told when it is on. */
  private renderPrivacy(ws: Workspace) {
    const on = ws.store.plan.anonymousScoring === true;
    if (!ws.facilitator) return on ? html`<p class="muted" data-privacy>${t('scoring:anonymousOn')}</p>` : nothing;
    return html`<label class="row" data-privacy
      ><input
        type="checkbox"
        .checked=${on}
        @change=${(e: Event) => {
          const r = setPlanField(ws.doc, 'anonymousScoring', (e.target as HTMLInputElement).checked, ws.origin);
          this.message = r.ok ? '' : r.error;
        }}
      />
      <span>${t('scoring:anonymousSwitch')}</span></label
    >`;
  }

  protected override renderView(ws: Workspace) {
    const { goals, crits } = scoringAxes(ws.store.plan);
    this.row = Math.min(this.row, Math.max(0, goals.length - 1));
    this.col = Math.min(this.col, Math.max(0, crits.length - 1));
    const ready = goals.length > 0 && crits.length > 0;
    return html`
      ${errorBox(this.message, this)}
      <rt-scoring-goals .ws=${ws} @report=${this.onReport}></rt-scoring-goals>
      <rt-scoring-criteria .ws=${ws} @report=${this.onReport}></rt-scoring-criteria>
      <section aria-labelledby="grid-h">
        <h2 id="grid-h">${t('scoring:yourScores')}</h2>
        <p class="muted">${t('scoring:gridHelp')}</p>
        ${this.renderPrivacy(ws)}
        ${ready
          ? html`<rt-scoring-grid
              .ws=${ws}
              .row=${this.row}
              .col=${this.col}
              @report=${this.onReport}
              @move=${this.onMove}
              @note=${() => this.renderRoot.querySelector<HTMLInputElement>('#score-note')?.focus()}
            ></rt-scoring-grid>`
          : html`<p class="empty">${goals.length === 0 ? t('scoring:emptyNoGoal') : t('scoring:emptyNoCriterion')}</p>`}
      </section>
      ${ready
        ? html`<rt-scoring-cell .ws=${ws} .goalId=${goals[this.row]!.id} .criterionId=${crits[this.col]!.id} @report=${this.onReport} @done=${() => this.focusCell()}></rt-scoring-cell>`
        : nothing}
      <rt-scoring-ranking .ws=${ws} @report=${this.onReport}></rt-scoring-ranking>
    `;
  }
}
customElements.define('rt-scoring', RtScoring);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring': RtScoring;
  }
}
