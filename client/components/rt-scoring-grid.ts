import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import type { GoalRanking, PlanData } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import { myScore, scoreCell, scoreLabel, scoringAxes, showScore } from './scoring-shared.js';
import { fmt, locale, t } from '../i18n.js';
import { PhoneController } from './rt-view.js';
import './rt-expand-title.js';

/** Styles of the scoring grid, adopted by the scoring view. */
export const gridStyles = css`
  .grid-wrap { overflow-x: auto; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); background: #fff; }
  table.grid { border-collapse: separate; border-spacing: 0; width: 100%; min-width: 32rem; }
  .grid th, .grid td { border-bottom: 1px solid var(--rt-line); padding: 0.4rem 0.5rem; text-align: center; vertical-align: middle; }
  .grid thead th { font-size: 0.78rem; font-weight: 600; color: var(--rt-muted); max-width: 9rem; }
  .grid th[scope='row'] { text-align: start; font-weight: 600; min-width: 9rem; max-width: 16rem; position: sticky; inset-inline-start: 0; background: #fff; z-index: 1; }
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
  .phone-goal { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); background: #fff; padding: 0.5rem; }
  .goal-pager { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; }
  .goal-pager .pager { min-width: 44px; min-height: 44px; font-size: 1.4rem; }
  .goal-count { font-weight: 600; color: var(--rt-muted); }
  .goal-title { display: block; font-weight: 700; margin-block: 0.3rem 0.5rem; }
  table.grid.phone { min-width: 0; }
  .grid.phone th[scope='row'] { position: static; min-width: 0; max-width: none; font-weight: 500; overflow-wrap: anywhere; }
  .grid.phone td.cell { min-width: 4rem; min-height: 44px; }
  .phone-total th, .phone-total td { border-top: 2px solid var(--rt-line-strong); }
  :host(:dir(rtl)) .fwd { display: inline-block; transform: scaleX(-1); }
  .swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 3px; vertical-align: -2px; margin-inline-end: 0.25rem; border: 1px solid var(--rt-line); }
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

  private readonly phoneCtl = new PhoneController(this);

  constructor() {
    super();
    this.row = 0;
    this.col = 0;
  }

  /**
   * What the grid shows from the plan (SPEC KS2): goals (their titles head the rows), criteria,
   * scores and the ranking; and whether the screen is phone-sized (its controller asks for an
   * update without a property change).
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [plan.goals, plan.criteria, plan.scores, ws.store.ranking, ws.identity.id, this.phone];
  }

  /** This person's scores by `goalId:criterionId`, kept while the plan's scores are the same. */
  private mineOf(ws: Workspace): Map<string, { value: number; note?: string }> {
    const scores = ws.store.plan.scores;
    if (this.mine?.scores !== scores || this.mine.who !== ws.identity.id) {
      const map = new Map<string, { value: number; note?: string }>();
      for (const s of scores) if (s.participantId === ws.identity.id) map.set(`${s.goalId}:${s.criterionId}`, s);
      this.mine = { scores, who: ws.identity.id, map };
    }
    return this.mine.map;
  }
  private mine: { scores: unknown; who: string; map: Map<string, { value: number; note?: string }> } | null = null;

  /** True on a phone-sized screen: one goal at a time. */
  private get phone(): boolean {
    return this.phoneCtl.on;
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
    // In Arabic the columns run right to left: the arrows follow what the eye sees.
    const rtl = getComputedStyle(this).direction === 'rtl';
    let key = e.key;
    if (rtl && (key === 'ArrowLeft' || key === 'ArrowRight')) key = key === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
    // On a phone the criteria run down the card and the goals are pages: the axes swap.
    if (this.phone) key = ({ ArrowUp: 'ArrowLeft', ArrowDown: 'ArrowRight', ArrowLeft: 'ArrowUp', ArrowRight: 'ArrowDown' } as Record<string, string>)[key] ?? key;
    switch (key) {
      case 'ArrowUp':
      case 'ArrowDown':
        row = Math.max(0, Math.min(rows - 1, row + (key === 'ArrowUp' ? -1 : 1)));
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        col = Math.max(0, Math.min(cols - 1, col + (key === 'ArrowLeft' ? -1 : 1)));
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
    const mine = this.mineOf(ws);
    const onKey = (e: KeyboardEvent) => this.onKey(e, ws, goals.length, crits.length);
    if (this.phone) return html`${this.renderPhone(goals, crits, byGoal, mine, onKey)}${this.renderLegend()}`;
    return html`<div class="grid-wrap">
        <table class="grid" role="grid" aria-label=${t('scoring:grid.label')} aria-rowcount=${goals.length + 1} @keydown=${onKey}>
          <thead>
            <tr>
              <th scope="col">${t('scoring:goal')}</th>
              ${crits.map((c) => html`<th scope="col" title=${c.description} dir="auto">${c.title}</th>`)}
              <th scope="col">${t('scoring:total')}</th>
              <th scope="col">${t('scoring:rank')}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              goals,
              (g) => g.id,
              // A row is worded again only when what it shows changed: its goal, the criteria, the
              // scores, its ranking, the active cell in it (typing a goal's title: that row, KS2).
              (g, r) =>
                guard([g, r, crits, plan.scores, byGoal.get(g.id), r === this.row ? this.col : -1, ws, locale()], () => html`<tr data-goal=${g.id}>
                  <th scope="row" dir="auto">${g.title || html`<span class="muted">${t('scoring:untitledGoal')}</span>`}</th>
                  ${crits.map((c, k) => this.renderCell(g, c, r, k, byGoal.get(g.id), mine))}
                  ${this.renderTotal(byGoal.get(g.id))}
                  ${this.renderRank(byGoal.get(g.id))}
                </tr>`),
            )}
          </tbody>
        </table>
      </div>
      ${this.renderLegend()}`;
  }

  /**
   * On a phone: one goal at a time, its criteria as rows (all of them), its total and rank, and
   * previous/next buttons ("Goal 2 of 6"). Arrow keys work as on the wide grid.
   */
  private renderPhone(
    goals: PlanData['goals'],
    crits: PlanData['criteria'],
    byGoal: Map<string, GoalRanking>,
    mine: Map<string, { value: number; note?: string }>,
    onKey: (e: KeyboardEvent) => void,
  ) {
    const r = Math.min(this.row, goals.length - 1);
    const g = goals[r];
    if (!g) return nothing;
    const result = byGoal.get(g.id);
    return html`<div class="phone-goal" data-phone>
      <div class="goal-pager">
        <button class="quiet pager" ?disabled=${r === 0} @click=${() => this.move(r - 1, this.col)} aria-label=${t('scoring:grid.previous')}><span class="fwd" aria-hidden="true">‹</span></button>
        <span class="goal-count" aria-live="polite">${t('scoring:grid.goalOf', { n: fmt.number(r + 1), total: fmt.number(goals.length) })}</span>
        <button class="quiet pager" ?disabled=${r === goals.length - 1} @click=${() => this.move(r + 1, this.col)} aria-label=${t('scoring:grid.next')}><span class="fwd" aria-hidden="true">›</span></button>
      </div>
      <rt-expand-title class="goal-title" dir="auto" .text=${g.title || t('scoring:untitledGoal')}></rt-expand-title>
      <table class="grid phone" role="grid" aria-label=${t('scoring:grid.phoneLabel', { goal: g.title || t('scoring:untitledGoal') })} @keydown=${onKey}>
        <tbody>
          ${crits.map(
            (c, k) => html`<tr data-goal=${g.id}>
              <th scope="row" dir="auto">${c.title}</th>
              ${this.renderCell(g, c, r, k, result, mine)}
            </tr>`,
          )}
          <tr class="phone-total">
            <th scope="row">${t('scoring:total')}</th>
            ${this.renderTotal(result)}
          </tr>
          <tr>
            <th scope="row">${t('scoring:rank')}</th>
            ${this.renderRank(result)}
          </tr>
        </tbody>
      </table>
    </div>`;
  }

  private renderLegend() {
    return html`<div class="legend" aria-hidden="true">
      <span><span class="swatch" style="background:#fff"></span>${t('scoring:grid.agree')}</span>
      <span><span class="swatch" style="background:#fff4cf"></span>${t('scoring:grid.oneApart')}</span>
      <span><span class="swatch" style="background:#fbd3d0"></span>${t('scoring:grid.twoApart')}</span>
      <span>${t('scoring:grid.hasNote')}</span>
    </div>`;
  }

  private renderCell(g: PlanData['goals'][number], c: PlanData['criteria'][number], r: number, k: number, result: GoalRanking | undefined, mine: Map<string, { value: number; note?: string }>) {
    const s = mine.get(`${g.id}:${c.id}`);
    const cr = result?.criteria.find((x) => x.criterionId === c.id);
    const spread = cr && cr.min !== null && cr.max !== null ? cr.max - cr.min : 0;
    const active = r === this.row && k === this.col;
    const shownMine = `${s ? fmt.number(s.value) : '·'}${s?.note ? '*' : ''}`;
    const sub = cr && cr.count > 0 ? (cr.source === 'agreed' ? t('scoring:grid.agreedShort', { score: showScore(cr.score) }) : t('scoring:grid.average', { avg: showScore(cr.score), count: fmt.number(cr.count) })) : '';
    const label = [
      t('scoring:grid.cell', { goal: g.title || t('scoring:untitledGoal'), criterion: c.title, score: s ? `${fmt.number(s.value)} ${scoreLabel(s.value)}` : t('scoring:grid.notGiven') }),
      cr && cr.count ? t('scoring:grid.cellCount', { count: cr.count, spread: fmt.number(spread) }) : '',
      cr?.source === 'agreed' ? t('scoring:grid.cellAgreed', { score: showScore(cr.score) }) : '',
      // What the cell shows, word for word, when it shows more than this person's score (L133: the
      // name contains the visible text, axe label-content-name-mismatch; it also says the average).
      sub ? t('scoring:grid.cellShown', { text: `${shownMine} · ${sub}` }) : '',
    ].join('');
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
      <span class="mine ${s ? '' : 'none'}" aria-hidden="true">${shownMine}</span>
      ${sub ? html`<span class="sub" aria-hidden="true">${sub}</span>` : nothing}
    </td>`;
  }

  private renderTotal(result: GoalRanking | undefined) {
    return html`<td class="total" data-total=${result?.total ?? ''}>
      ${result?.total !== null && result?.total !== undefined
        ? html`${showScore(result.total)}<span class="sub">${t('scoring:grid.of', { max: fmt.number(result.maxTotal) })}</span>`
        : html`<span class="muted">${showScore(result?.partialTotal ?? 0)}…</span><span class="sub">${t('scoring:grid.incomplete')}</span>`}
    </td>`;
  }

  private renderRank(result: GoalRanking | undefined) {
    return html`<td>${result?.rank ? fmt.number(result.rank) : '–'}${result?.tied ? html`<span class="sub">${t('scoring:grid.tied')}</span>` : nothing}</td>`;
  }
}
customElements.define('rt-scoring-grid', RtScoringGrid);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-grid': RtScoringGrid;
  }
}
