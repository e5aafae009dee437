import { css, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { GOAL_STATUSES, setGoalStatus, type GoalRanking, type GoalStatus, type RankingWarning } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { showScore } from './scoring-shared.js';
import { fmt, locale, t } from '../i18n.js';

/** Styles of the ranking table, adopted by the scoring view. */
export const rankingStyles = css`
  table.rank { width: 100%; background: #fff; }
  .rank th, .rank td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rt-line); text-align: start; font-size: 0.92rem; }
  /* Phone: one card per goal (no sideways scroll, the status in view in either direction). */
  @media (max-width: 600px) {
    .rank thead { display: none; }
    .rank tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.3rem; padding: 0.5rem; border-block-end: 1px solid var(--rt-line); }
    .rank td { border: 0; padding: 0; overflow-wrap: anywhere; }
    .rank td.goal, .rank td.status { grid-column: 1 / -1; }
    .rank td.goal { font-weight: 600; order: -1; }
    .rank td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; color: var(--rt-muted); }
    .rank td.status select { inline-size: 100%; }
  }
`;


/** A ranking warning in the reader's language (L30); an older worker's warning without params shows its English. */
function warningText(w: RankingWarning): string {
  if (!w.params) return w.message;
  const { count, total, handful } = w.params;
  return t(`scoring:warnings.${w.rule}`, { count, total: total === undefined ? '' : fmt.number(total), handful: handful === undefined ? '' : fmt.number(handful) });
}

/**
 * Ranking and selection: the goals by total score with the IMC and NCC averages and their gap,
 * disputed goals marked, each goal's status (candidate, selected, set aside), and the warnings
 * of the ranking (e.g. more than a handful selected).
 */
export class RtScoringRanking extends RtPart {
  /** What the table shows: the ranking alone (SPEC KS2; a retitled goal gives a new one, KS1). */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    return [ws.store.ranking];
  }

  protected override renderView(ws: Workspace) {
    const { goals: results, warnings } = ws.store.ranking;
    if (results.length === 0) return nothing;
    return html`<section aria-labelledby="rank-h">
      <h2 id="rank-h">${t('scoring:ranking.title')}</h2>
      <div aria-live="polite">${warnings.map((w) => html`<p class="warning-box" data-rule=${w.rule}>${warningText(w)}</p>`)}</div>
      <div class="scroll-x">
        <table class="rank">
          <thead>
            <tr>
              <th scope="col">${t('scoring:rank')}</th>
              <th scope="col">${t('scoring:goal')}</th>
              <th scope="col">${t('scoring:total')}</th>
              <th scope="col">${t('scoring:committee.imc')}</th>
              <th scope="col">${t('scoring:committee.ncc')}</th>
              <th scope="col">${t('scoring:ranking.gap')}</th>
              <th scope="col">${t('scoring:ranking.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${results.map((r) => guard([r, ws, locale()], () => this.renderGoal(ws, r)))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderGoal(ws: Workspace, r: GoalRanking) {
    return html`<tr data-goal=${r.goalId}>
      <td data-label=${t('scoring:rank')}>${r.rank === null ? '–' : fmt.number(r.rank)}${r.tied ? ` (${t('scoring:ranking.tie')})` : ''}</td>
      <td class="goal"><span dir="auto">${r.title || t('scoring:untitledGoal')}</span> ${r.disagreement ? html`<span class="badge warning">${t('scoring:disputed')}</span>` : nothing}</td>
      <td data-label=${t('scoring:total')} data-rank-total=${r.total ?? ''}>${r.total === null ? html`<span class="muted">${showScore(r.partialTotal)}…</span>` : showScore(r.total)} / ${fmt.number(r.maxTotal)}</td>
      <td data-label=${t('scoring:committee.imc')}>${showScore(r.groups.imc)}</td>
      <td data-label=${t('scoring:committee.ncc')}>${showScore(r.groups.ncc)}</td>
      <td data-label=${t('scoring:ranking.gap')}>${showScore(r.groups.gap)}</td>
      <td class="status">
        <select aria-label=${t('scoring:ranking.statusOf', { title: r.title || t('scoring:goal') })} @change=${(e: Event) => this.report(setGoalStatus(ws.doc, r.goalId, valueOf(e) as GoalStatus, ws.origin))}>
          ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${r.status === s}>${t(`scoring:status.${s}`)}</option>`)}
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
