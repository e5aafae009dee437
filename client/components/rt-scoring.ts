import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  GOAL_STATUSES,
  addCriterion,
  addNode,
  archiveCriterion,
  archiveNode,
  clearAgreedScore,
  clearScore,
  compareOrder,
  moveCriterion,
  setAgreedScore,
  setCriteriaAgreement,
  setGoalStatus,
  setScore,
  type GoalRanking,
  type GoalStatus,
  type PlanData,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import './rt-text.js';

/** The handbook's labels of the three score values. */
export const SCORE_LABELS = ['do not agree', 'agree', 'strongly agree'] as const;

const STATUS_LABELS: Record<GoalStatus, string> = { candidate: 'Candidate', selected: 'Selected', rejected: 'Set aside' };

const fmt = (x: number | null): string => (x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * Goals and scoring: candidate goals, the criteria (editable until both committees agree them),
 * a keyboard-operable grid where each person scores every goal on every criterion 0/1/2 with an
 * optional note, live totals and ranking, a heat map of disagreement, the IMC vs NCC spread,
 * agreed scores and goal selection with the "handful" warning.
 *
 * Keys in the grid: arrows move, Home/End go to the row's ends, 0/1/2 score, Delete clears,
 * Enter or N opens the note of the cell.
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
  declare message: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
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
      .detail { margin-top: 0.75rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.4rem; border: 0; padding: 0; margin: 0.4rem 0; }
      .choices label { border: 1px solid var(--rt-line-strong); border-radius: 6px; padding: 0.3rem 0.6rem; background: #fff; }
      .choices input { margin-right: 0.3rem; }
      .crit { display: grid; grid-template-columns: 1fr auto; gap: 0.3rem 0.5rem; align-items: start; padding: 0.5rem 0; border-bottom: 1px solid var(--rt-line); }
      .crit .actions { display: flex; gap: 0.2rem; }
      table.rank { width: 100%; background: #fff; }
      .rank th, .rank td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rt-line); text-align: left; font-size: 0.92rem; }
      .goal-list { list-style: none; margin: 0; padding: 0; }
      .goal-list li { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; align-items: center; padding: 0.35rem 0; border-bottom: 1px solid var(--rt-line); }
      ul.votes { margin: 0.3rem 0; padding-left: 1.1rem; }
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

  private report(r: { ok: boolean; error?: { message: string } }): void {
    this.message = r.ok ? '' : (r.error?.message ?? 'That change was refused.');
  }

  private addGoal(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const title = input.value.trim();
    if (!title) {
      this.message = 'Give the goal a title first.';
      return;
    }
    const r = addNode(ws.doc, { kind: 'goal', title }, ws.origin);
    this.report(r);
    if (r.ok) input.value = '';
  }

  private addCrit(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const title = input.value.trim();
    if (!title) return;
    const r = addCriterion(ws.doc, { title }, ws.origin);
    this.report(r);
    if (r.ok) input.value = '';
  }

  private score(ws: Workspace, goalId: string, criterionId: string, value: number | null, note?: string): void {
    if (ws.readonly) return;
    ws.ensureParticipant();
    if (value === null) {
      this.report(clearScore(ws.doc, goalId, criterionId, ws.identity.id, ws.origin));
      return;
    }
    this.report(setScore(ws.doc, { goalId, criterionId, participantId: ws.identity.id, value, ...(note ? { note } : {}) }, ws.origin));
  }

  private focusCell(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('td.cell.active')?.focus());
  }

  private onGridKey(e: KeyboardEvent, ws: Workspace, goals: readonly { id: string }[], crits: readonly { id: string }[]): void {
    const rows = goals.length;
    const cols = crits.length;
    if (!rows || !cols) return;
    let { row, col } = this;
    switch (e.key) {
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'ArrowDown':
        row = Math.min(rows - 1, row + 1);
        break;
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        break;
      case 'ArrowRight':
        col = Math.min(cols - 1, col + 1);
        break;
      case 'Home':
        col = 0;
        if (e.ctrlKey) row = 0;
        break;
      case 'End':
        col = cols - 1;
        if (e.ctrlKey) row = rows - 1;
        break;
      case '0':
      case '1':
      case '2': {
        const g = goals[row];
        const c = crits[col];
        if (g && c) {
          const note = this.myScore(ws, g.id, c.id)?.note;
          this.score(ws, g.id, c.id, Number(e.key), note);
        }
        e.preventDefault();
        return;
      }
      case 'Delete':
      case 'Backspace': {
        const g = goals[row];
        const c = crits[col];
        if (g && c) this.score(ws, g.id, c.id, null);
        e.preventDefault();
        return;
      }
      case 'Enter':
      case 'n':
      case 'N':
        e.preventDefault();
        this.renderRoot.querySelector<HTMLInputElement>('#score-note')?.focus();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.row = row;
    this.col = col;
    this.focusCell();
  }

  private myScore(ws: Workspace, goalId: string, criterionId: string) {
    return ws.store.plan.scores.find((s) => s.goalId === goalId && s.criterionId === criterionId && s.participantId === ws.identity.id);
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const ranking = ws.store.ranking;
    const crits = plan.criteria.filter((c) => !c.archived).sort(compareOrder);
    const goals = plan.goals.filter((g) => !g.archived).sort(compareOrder);
    const locked = plan.criteriaAgreedByImc && plan.criteriaAgreedByNcc;
    const byGoal = new Map(ranking.goals.map((g) => [g.goalId, g]));
    this.row = Math.min(this.row, Math.max(0, goals.length - 1));
    this.col = Math.min(this.col, Math.max(0, crits.length - 1));
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <section class="card" aria-labelledby="goals-h">
        <h2 id="goals-h">Candidate goals</h2>
        <form class="row" @submit=${(e: SubmitEvent) => this.addGoal(e, ws)}>
          <input class="grow" name="goal" maxlength="2000" aria-label="New goal title" placeholder="e.g. Support refugees, returnees and IDPs" />
          <button type="submit">Add goal</button>
        </form>
        ${goals.length === 0
          ? html`<p class="empty">No goals yet. Add the candidate goals the committee is weighing up.</p>`
          : html`<ul class="goal-list">
              ${repeat(
                goals,
                (g) => g.id,
                (g, i) => html`<li>
                  <rt-text .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'title' }} label=${`title of goal ${i + 1}`}></rt-text>
                  <button class="quiet" @click=${() => this.report(archiveNode(ws.doc, g.id, ws.origin))} aria-label=${`Archive goal ${g.title || i + 1}`}>Archive</button>
                </li>`,
              )}
            </ul>`}
      </section>

      ${this.renderCriteria(ws, plan, crits, locked)}

      <section aria-labelledby="grid-h">
        <h2 id="grid-h">Your scores</h2>
        <p class="muted">Score each goal on each criterion: 0 do not agree, 1 agree, 2 strongly agree. Use the arrow keys to move and 0, 1 or 2 to score; Enter adds a note.</p>
        ${goals.length === 0 || crits.length === 0
          ? html`<p class="empty">${goals.length === 0 ? 'Add a goal to start scoring.' : 'Add a criterion to start scoring.'}</p>`
          : this.renderGrid(ws, plan, goals, crits, byGoal)}
      </section>
      ${goals.length && crits.length ? this.renderDetail(ws, plan, goals, crits, byGoal, locked) : nothing}
      ${this.renderRanking(ws, ranking.goals, ranking.warnings)}
    `;
  }

  private renderCriteria(ws: Workspace, plan: PlanData, crits: PlanData['criteria'], locked: boolean) {
    return html`<details class="card" ?open=${!locked}>
      <summary><strong>Criteria</strong> <span class="badge ${locked ? 'ok' : 'info'}">${locked ? 'Locked: agreed by IMC and NCC' : 'Open for editing'}</span></summary>
      <div class="row" style="margin:0.5rem 0">
        <label><input type="checkbox" .checked=${plan.criteriaAgreedByImc} @change=${(e: Event) => this.report(setCriteriaAgreement(ws.doc, 'imc', (e.target as HTMLInputElement).checked, ws.origin))} /> IMC agreed</label>
        <label><input type="checkbox" .checked=${plan.criteriaAgreedByNcc} @change=${(e: Event) => this.report(setCriteriaAgreement(ws.doc, 'ncc', (e.target as HTMLInputElement).checked, ws.origin))} /> NCC agreed</label>
      </div>
      ${crits.length === 0 ? html`<p class="empty">No criteria. Add the ones the committees will score against.</p>` : nothing}
      ${repeat(
        crits,
        (c) => c.id,
        (c, i) => html`<div class="crit">
          <div>
            <rt-text .ws=${ws} .ref=${{ kind: 'criterion', id: c.id, field: 'title' }} label=${`criterion ${i + 1} title`} ?readonly=${locked}></rt-text>
            <rt-text .ws=${ws} .ref=${{ kind: 'criterion', id: c.id, field: 'description' }} label=${`criterion ${i + 1} description`} placeholder="Description" ?readonly=${locked}></rt-text>
          </div>
          <div class="actions">
            <button class="quiet" ?disabled=${locked || i === 0} @click=${() => this.report(moveCriterion(ws.doc, c.id, i - 1, ws.origin))} aria-label=${`Move criterion ${i + 1} up`}>↑</button>
            <button class="quiet" ?disabled=${locked || i === crits.length - 1} @click=${() => this.report(moveCriterion(ws.doc, c.id, i + 1, ws.origin))} aria-label=${`Move criterion ${i + 1} down`}>↓</button>
            <button class="quiet" ?disabled=${locked} @click=${() => this.report(archiveCriterion(ws.doc, c.id, ws.origin))} aria-label=${`Archive criterion ${i + 1}`}>Archive</button>
          </div>
        </div>`,
      )}
      ${locked
        ? html`<p class="muted">Both committees agreed the criteria. Withdraw an agreement to change them.</p>`
        : html`<form class="row" style="margin-top:0.5rem" @submit=${(e: SubmitEvent) => this.addCrit(e, ws)}>
            <input class="grow" maxlength="2000" aria-label="New criterion" placeholder="Another criterion" />
            <button type="submit" class="secondary">Add criterion</button>
          </form>`}
    </details>`;
  }

  private renderGrid(ws: Workspace, plan: PlanData, goals: PlanData['goals'], crits: PlanData['criteria'], byGoal: Map<string, GoalRanking>) {
    const me = ws.identity.id;
    const mine = new Map<string, { value: number; note?: string }>();
    for (const s of plan.scores) if (s.participantId === me) mine.set(`${s.goalId}:${s.criterionId}`, s);
    return html`<div class="grid-wrap">
        <table
          class="grid"
          role="grid"
          aria-label="Your scores: goals by criteria"
          aria-rowcount=${goals.length + 1}
          @keydown=${(e: KeyboardEvent) => this.onGridKey(e, ws, goals, crits)}
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
              (g, r) => {
                const result = byGoal.get(g.id);
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
                      @click=${() => {
                        this.row = r;
                        this.col = k;
                        this.focusCell();
                      }}
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
              },
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

  private renderDetail(ws: Workspace, plan: PlanData, goals: PlanData['goals'], crits: PlanData['criteria'], byGoal: Map<string, GoalRanking>, _locked: boolean) {
    const g = goals[this.row];
    const c = crits[this.col];
    if (!g || !c) return nothing;
    const mine = this.myScore(ws, g.id, c.id);
    const cr = byGoal.get(g.id)?.criteria.find((x) => x.criterionId === c.id);
    const agreed = plan.agreedScores.find((a) => a.goalId === g.id && a.criterionId === c.id);
    const names = new Map(plan.participants.map((p) => [p.id, p]));
    const votes = plan.scores.filter((s) => s.goalId === g.id && s.criterionId === c.id);
    return html`<section class="card detail" aria-labelledby="detail-h">
      <h3 id="detail-h">${g.title || 'Untitled goal'} · ${c.title}</h3>
      <fieldset class="choices">
        <legend class="sr-only">Your score</legend>
        ${[0, 1, 2].map(
          (v) => html`<label
            ><input type="radio" name="my-score" .checked=${mine?.value === v} @change=${() => this.score(ws, g.id, c.id, v, mine?.note)} />${v} ·
            ${SCORE_LABELS[v as 0 | 1 | 2]}</label
          >`,
        )}
        <button class="quiet" ?disabled=${!mine} @click=${() => this.score(ws, g.id, c.id, null)}>Clear</button>
      </fieldset>
      <label class="field"
        ><span>Your note (a condition or qualifier, e.g. “if access to water is high on the agenda”)</span>
        <input
          id="score-note"
          maxlength="2000"
          .value=${mine?.note ?? ''}
          ?disabled=${!mine}
          placeholder=${mine ? 'Optional note' : 'Score first, then add a note'}
          @change=${(e: Event) => mine && this.score(ws, g.id, c.id, mine.value, (e.target as HTMLInputElement).value.trim())}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Escape' || e.key === 'Enter') {
              if (e.key === 'Enter' && mine) this.score(ws, g.id, c.id, mine.value, (e.target as HTMLInputElement).value.trim());
              this.focusCell();
            }
          }}
      /></label>
      <h3>Everyone's scores</h3>
      ${votes.length === 0
        ? html`<p class="muted">Nobody has scored this yet.</p>`
        : html`<ul class="votes">
            ${votes.map((v) => {
              const p = names.get(v.participantId);
              return html`<li>${p?.name ?? 'Someone'}${p && p.committee !== 'none' ? ` (${p.committee.toUpperCase()})` : ''}: <strong>${v.value}</strong> ${SCORE_LABELS[v.value as 0 | 1 | 2] ?? ''}${v.note ? html` — <em>${v.note}</em>` : nothing}</li>`;
            })}
          </ul>`}
      ${cr
        ? html`<p class="muted">
            Spread ${cr.min === null ? '–' : `${cr.min}–${cr.max}`}${cr.disagreement ? html` <span class="badge warning">disputed</span>` : nothing}; IMC ${fmt(cr.groups.imc)}, NCC
            ${fmt(cr.groups.ncc)}${cr.groups.gap !== null ? `, gap ${fmt(cr.groups.gap)}` : ''}
          </p>`
        : nothing}
      <label class="field" style="max-width:22rem"
        ><span>Agreed score (recorded by the committee; replaces the average)</span>
        <select
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this.report(v === '' ? clearAgreedScore(ws.doc, g.id, c.id, ws.origin) : setAgreedScore(ws.doc, { goalId: g.id, criterionId: c.id, value: Number(v) }, ws.origin));
          }}
        >
          <option value="" ?selected=${!agreed}>Not agreed yet</option>
          ${[0, 1, 2].map((v) => html`<option value=${v} ?selected=${agreed?.value === v}>${v} · ${SCORE_LABELS[v as 0 | 1 | 2]}</option>`)}
        </select></label
      >
    </section>`;
  }

  private renderRanking(ws: Workspace, results: GoalRanking[], warnings: { rule: string; message: string }[]) {
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
            ${results.map(
              (r) => html`<tr data-goal=${r.goalId}>
                <td>${r.rank ?? '–'}${r.tied ? ' (tie)' : ''}</td>
                <td>${r.title || 'Untitled goal'} ${r.disagreement ? html`<span class="badge warning">disputed</span>` : nothing}</td>
                <td data-rank-total=${r.total ?? ''}>${r.total === null ? html`<span class="muted">${fmt(r.partialTotal)}…</span>` : fmt(r.total)} / ${r.maxTotal}</td>
                <td>${fmt(r.groups.imc)}</td>
                <td>${fmt(r.groups.ncc)}</td>
                <td>${fmt(r.groups.gap)}</td>
                <td>
                  <select aria-label=${`Status of ${r.title || 'goal'}`} @change=${(e: Event) => this.report(setGoalStatus(ws.doc, r.goalId, (e.target as HTMLSelectElement).value as GoalStatus, ws.origin))}>
                    ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${r.status === s}>${STATUS_LABELS[s]}</option>`)}
                  </select>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}
customElements.define('rt-scoring', RtScoring);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring': RtScoring;
  }
}
