import { css, html, nothing } from 'lit';
import { GOAL_STATUSES, setGoalStatus, type GoalRanking, type GoalStatus } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { fmt } from './scoring-shared.js';

/** Styles of the ranking table, adopted by the scoring view. */
export const rankingStyles = css`
  table.rank { width: 100%; background: #fff; }
  .rank th, .rank td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rt-line); text-align: left; font-size: 0.92rem; }
`;

const STATUS_LABELS: Record<GoalStatus, string> = { candidate: 'Candidate', selected: 'Selected', rejected: 'Set aside' };

/**
 * Ranking and selection: the goals by total score with the IMC and NCC averages and their gap,
 * disputed goals marked, each goal's status (candidate, selected, set aside), and the warnings
 * of the ranking (e.g. more than a handful selected).
 */
export class RtScoringRanking extends RtPart {
  protected override renderView(ws: Workspace) {
    const { goals: results, warnings } = ws.store.ranking;
    if (results.length === 0) return nothing;
    return html`<section aria-labelledby="rank-h">
      <h2 id="rank-h">Ranking and selection</h2>
      <div aria-live="polite">${warnings.map((w) => html`<p class="warning-box" data-rule=${w.rule}>${w.message}</p>`)}</div>
      <div class="scroll-x">
        <table class="rank">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Goal</th>
              <th scope="col">Total</th>
              <th scope="col">IMC</th>
              <th scope="col">NCC</th>
              <th scope="col">Gap</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${results.map((r) => this.renderGoal(ws, r))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderGoal(ws: Workspace, r: GoalRanking) {
    return html`<tr data-goal=${r.goalId}>
      <td>${r.rank ?? '–'}${r.tied ? ' (tie)' : ''}</td>
      <td>${r.title || 'Untitled goal'} ${r.disagreement ? html`<span class="badge warning">disputed</span>` : nothing}</td>
      <td data-rank-total=${r.total ?? ''}>${r.total === null ? html`<span class="muted">${fmt(r.partialTotal)}…</span>` : fmt(r.total)} / ${r.maxTotal}</td>
      <td>${fmt(r.groups.imc)}</td>
      <td>${fmt(r.groups.ncc)}</td>
      <td>${fmt(r.groups.gap)}</td>
      <td>
        <select aria-label=${`Status of ${r.title || 'goal'}`} @change=${(e: Event) => this.report(setGoalStatus(ws.doc, r.goalId, valueOf(e) as GoalStatus, ws.origin))}>
          ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${r.status === s}>${STATUS_LABELS[s]}</option>`)}
        </select>
      </td>
    </tr>`;
  }
}
customElements.define('rt-scoring-ranking', RtScoringRanking);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-ranking': RtScoringRanking;
  }
}
