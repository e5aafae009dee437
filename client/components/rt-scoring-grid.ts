import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { GoalRanking, PlanData } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import { SCORE_LABELS, fmt, myScore, scoreCell, scoringAxes } from './scoring-shared.js';

/** Styles of the scoring grid, adopted by the scoring view. */
export const gridStyles = css`
  .grid-wrap { overflow-x: auto; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); background: #fff; }
  table.grid { border-collapse: separate; border-spacing: 0; width: 100%; min-width: 32rem; }
  .grid th, .grid td { border-bottom: 1px solid var(--rt-line); padding: 0.4rem 0.5rem; text-align: center; vertical-align: middle; }
  .grid thead th { font-size: 0.78rem; font-weight: 600; color: var(--rt-muted); max-width: 9rem; }
  .grid th[scope='row'] { text-align: left; font-weight: 600; min-width: 9rem; max-width: 16rem; position: sticky; left: 0; background: #fff; z-index: 1; }
  .grid td.cell { cursor: pointer; min-width: 4.5rem; }
  .grid td.cell[data-spread='1'] { background: #fff4cf; }
  .grid td.cell[data-spread='2'] { background: #fbd3d0; }
  .grid td.cell.active { box-shadow: inset 0 0 0 3px var(--rt-accent); }
  .grid td.cell:focus-visible { outline: 3px solid var(--rt-focus); outline-offset: -3px; }
  .mine { font-size: 1.25rem; font-weight: 700; display: block; }
  .mine.none { color: #9aa3b2; font-weight: 400; }
  .sub { font-size: 0.72rem; color: var(--rt-muted); display: block; white-space: nowrap; }
  .total { font-weight: 700; font-size: 1.1rem; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; font-size: 0.8rem; color: var(--rt-muted); margin: 0.4rem 0; }
  .swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 3px; vertical-align: -2px; margin-right: 0.25rem; border: 1px solid var(--rt-line); }
`;

/**
 * The scoring grid: goals by criteria, this person's score in each cell with the average and
 * count of everyone's, the spread of scores as a heat map, live totals and ranks.
 *
 * Keys: arrows move, Home/End go to the row's ends (with Ctrl: the grid's corners), 0/1/2 score,
 * Delete clears, Enter or N opens the note of the cell.
 *
 * @fires move - detail `{ row, col }`: the cell to make active (and focus)
 * @fires note - the note of the active cell should take focus
 */
export class RtScoringGrid extends RtPart {
  static override properties = {
    ...RtPart.properties,
    row: { type: Number },
    col: { type: Number },
  };
  /** The active cell. */
  declare row: number;
  declare col: number;

  constructor() {
    super();
    this.row = 0;
    this.col = 0;
  }

  private move(row: number, col: number): void {
    this.dispatchEvent(new CustomEvent('move', { detail: { row, col } }));
  }

  private onKey(e: KeyboardEvent, ws: Workspace, rows: number, cols: number): void {
    if (!rows || !cols) return;
    const { goals, crits } = scoringAxes(ws.store.plan);
    const g = goals[this.row];
    const c = crits[this.col];
    let { row, col } = this;
    switch (e.key) {
      case 'ArrowUp':
      case 'ArrowDown':
        row = Math.max(0, Math.min(rows - 1, row + (e.key === 'ArrowUp' ? -1 : 1)));
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        col = Math.max(0, Math.min(cols - 1, col + (e.key === 'ArrowLeft' ? -1 : 1)));
        break;
      case 'Home':
      case 'End':
        col = e.key === 'Home' ? 0 : cols - 1;
        if (e.ctrlKey) row = e.key === 'Home' ? 0 : rows - 1;
        break;
      case '0':
      case '1':
      case '2':
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        if (g && c) this.report(scoreCell(ws, g.id, c.id, /\d/.test(e.key) ? Number(e.key) : null, /\d/.test(e.key) ? myScore(ws, g.id, c.id)?.note : undefined));
        return;
      case 'Enter':
      case 'n':
      case 'N':
        e.preventDefault();
        this.dispatchEvent(new CustomEvent('note'));
        return;
      default:
        return;
    }
    e.preventDefault();
    this.move(row, col);
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const { goals, crits } = scoringAxes(plan);
    const byGoal = new Map(ws.store.ranking.goals.map((g) => [g.goalId, g]));
    const mine = new Map<string, { value: number; note?: string }>();
    for (const s of plan.scores) if (s.participantId === ws.identity.id) mine.set(`${s.goalId}:${s.criterionId}`, s);
    return html`<div class="grid-wrap">
        <table
          class="grid"
          role="grid"
          aria-label="Your scores: goals by criteria"
          aria-rowcount=${goals.length + 1}
          @keydown=${(e: KeyboardEvent) => this.onKey(e, ws, goals.length, crits.length)}
        >
          <thead>
            <tr>
              <th scope="col">Goal</th>
              ${crits.map((c) => html`<th scope="col" title=${c.description}>${c.title}</th>`)}
              <th scope="col">Total</th>
              <th scope="col">Rank</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              goals,
              (g) => g.id,
              (g, r) => this.renderGoal(g, r, crits, byGoal.get(g.id), mine),
            )}
          </tbody>
        </table>
      </div>
      <div class="legend" aria-hidden="true">
        <span><span class="swatch" style="background:#fff"></span>people agree</span>
        <span><span class="swatch" style="background:#fff4cf"></span>scores 1 apart</span>
        <span><span class="swatch" style="background:#fbd3d0"></span>scores 2 apart (disputed)</span>
        <span>* has a note</span>
      </div>`;
  }

  private renderGoal(g: PlanData['goals'][number], r: number, crits: PlanData['criteria'], result: GoalRanking | undefined, mine: Map<string, { value: number; note?: string }>) {
    return html`<tr data-goal=${g.id}>
      <th scope="row">${g.title || html`<span class="muted">Untitled goal</span>`}</th>
      ${crits.map((c, k) => {
        const s = mine.get(`${g.id}:${c.id}`);
        const cr = result?.criteria.find((x) => x.criterionId === c.id);
        const spread = cr && cr.min !== null && cr.max !== null ? cr.max - cr.min : 0;
        const active = r === this.row && k === this.col;
        const label = `${g.title || 'Untitled goal'}, ${c.title}: your score ${s ? `${s.value} ${SCORE_LABELS[s.value as 0 | 1 | 2]}` : 'not given'}${cr && cr.count ? `; ${cr.count} score${cr.count === 1 ? '' : 's'}, spread ${spread}` : ''}${cr?.source === 'agreed' ? `; agreed ${cr.score}` : ''}`;
        return html`<td
          role="gridcell"
          class="cell ${active ? 'active' : ''}"
          tabindex=${active ? 0 : -1}
          data-criterion=${c.id}
          data-spread=${Math.min(2, spread)}
          aria-label=${label}
          aria-selected=${active ? 'true' : 'false'}
          @click=${() => this.move(r, k)}
        >
          <span class="mine ${s ? '' : 'none'}" aria-hidden="true">${s ? s.value : '·'}${s?.note ? '*' : ''}</span>
          ${cr && cr.count > 0
            ? html`<span class="sub" aria-hidden="true">${cr.source === 'agreed' ? `agreed ${fmt(cr.score)}` : `avg ${fmt(cr.score)} · ${cr.count}`}</span>`
            : nothing}
        </td>`;
      })}
      <td class="total" data-total=${result?.total ?? ''}>
        ${result?.total !== null && result?.total !== undefined
          ? html`${fmt(result.total)}<span class="sub">of ${result.maxTotal}</span>`
          : html`<span class="muted">${fmt(result?.partialTotal ?? 0)}…</span><span class="sub">incomplete</span>`}
      </td>
      <td>${result?.rank ?? '–'}${result?.tied ? html`<span class="sub">tied</span>` : nothing}</td>
    </tr>`;
  }
}
customElements.define('rt-scoring-grid', RtScoringGrid);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-grid': RtScoringGrid;
  }
}
