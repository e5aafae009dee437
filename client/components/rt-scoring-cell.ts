import { scorerNamesShown } from '../../shared/domain/scoring.js';
import { css, html, nothing } from 'lit';
import { clearAgreedScore, setAgreedScore, type PlanData } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { SCORE_LABELS, fmt, myScore, scoreCell } from './scoring-shared.js';
import { commentBadge } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comments.js';
import './rt-field-history.js';

/** Styles of the cell detail, adopted by the scoring view. */
export const cellStyles = css`
  .detail { margin-top: 0.75rem; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.4rem; border: 0; padding: 0; margin: 0.4rem 0; }
  .choices label { border: 1px solid var(--rt-line-strong); border-radius: 6px; padding: 0.3rem 0.6rem; background: #fff; }
  .choices input { margin-right: 0.3rem; }
`;

/**
 * The active cell of the grid in full: this person's score and note, everyone's scores, the spread
 * and the IMC/NCC gap, and the score the committee agreed (which replaces the average).
 *
 * @fires done - the note was left (Enter or Escape): focus goes back to the grid
 */
export class RtScoringCell extends RtPart {
  static override properties = {
    ...RtPart.properties,
    goal: { attribute: false },
    criterion: { attribute: false },
  };
  declare goal: PlanData['goals'][number] | null;
  declare criterion: PlanData['criteria'][number] | null;

  constructor() {
    super();
    this.goal = null;
    this.criterion = null;
  }

  protected override renderView(ws: Workspace) {
    const g = this.goal;
    const c = this.criterion;
    if (!g || !c) return nothing;
    const plan = ws.store.plan;
    const mine = myScore(ws, g.id, c.id);
    const score = (v: number | null, note?: string) => this.report(scoreCell(ws, g.id, c.id, v, note));
    return html`<section class="card detail" aria-labelledby="detail-h">
      <h3 id="detail-h">${g.title || 'Untitled goal'} · ${c.title}</h3>
      <fieldset class="choices">
        <legend class="sr-only">Your score</legend>
        ${[0, 1, 2].map(
          (v) => html`<label
            ><input type="radio" name="my-score" .checked=${mine?.value === v} @change=${() => score(v, mine?.note)} />${v} ·
            ${SCORE_LABELS[v as 0 | 1 | 2]}</label
          >`,
        )}
        <button class="quiet" ?disabled=${!mine} @click=${() => score(null)}>Clear</button>
      </fieldset>
      <label class="field"
        ><span>Your note (a condition or qualifier, e.g. “if access to water is high on the agenda”)</span>
        <input
          id="score-note"
          maxlength="2000"
          .value=${mine?.note ?? ''}
          ?disabled=${!mine}
          placeholder=${mine ? 'Optional note' : 'Score first, then add a note'}
          @change=${(e: Event) => mine && score(mine.value, valueOf(e).trim())}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Escape' || e.key === 'Enter') {
              if (e.key === 'Enter' && mine) score(mine.value, valueOf(e).trim());
              this.dispatchEvent(new CustomEvent('done'));
            }
          }}
      /></label>
      ${this.renderVotes(plan, g.id, c.id)}
      ${this.renderAgreed(ws, g.id, c.id)}
      <p>${commentBadge(ws, { kind: 'score', id: `${g.id}:${c.id}` }, targetLabel(plan, { kind: 'score', id: `${g.id}:${c.id}` }, ws.store.codes))}</p>
    </section>`;
  }

  private renderVotes(plan: PlanData, goalId: string, criterionId: string) {
    const names = new Map(plan.participants.map((p) => [p.id, p]));
    const votes = plan.scores.filter((s) => s.goalId === goalId && s.criterionId === criterionId);
    const cr = this.ws!.store.ranking.goals.find((x) => x.goalId === goalId)?.criteria.find((x) => x.criterionId === criterionId);
    // Observers see named scores only where the facilitator chose to show them (plan setting).
    const named = scorerNamesShown(plan, !this.ws!.readonly);
    const waiting = plan.participants.filter((p) => !p.archived && !(cr?.scorers ?? []).includes(p.id));
    const cellName = `scores of "${plan.goals.find((g) => g.id === goalId)?.title ?? goalId}" on "${plan.criteria.find((c) => c.id === criterionId)?.title ?? criterionId}"`;
    return html`<h3>Everyone's scores</h3>
      ${named ? html`<rt-field-history .planId=${plan.id} entity="score" prefix=${`${goalId}:${criterionId}:`} label=${cellName}></rt-field-history>` : nothing}
      ${votes.length === 0
        ? html`<p class="muted">Nobody has scored this yet.</p>`
        : html`<ul class="votes">
            ${votes.map((v) => {
              const p = names.get(v.participantId);
              return html`<li>${named ? (p?.name ?? 'Someone') : 'A participant'}${p && p.committee !== 'none' ? ` (${p.committee.toUpperCase()})` : ''}: <strong>${v.value}</strong> ${SCORE_LABELS[v.value as 0 | 1 | 2] ?? ''}${v.note ? html` — <em>${v.note}</em>` : nothing}</li>`;
            })}
          </ul>`}
      <p class="muted" data-waiting=${waiting.length}>
        ${waiting.length === 0 ? 'Everyone has scored this.' : named ? `Not scored yet: ${waiting.map((p) => p.name || 'unnamed').join(', ')}.` : `${waiting.length} participant${waiting.length === 1 ? '' : 's'} not scored yet.`}
      </p>
      ${cr
        ? html`<p class="muted">
            Spread ${cr.min === null ? '–' : `${cr.min}–${cr.max}`}${cr.disagreement ? html` <span class="badge warning">disputed</span>` : cr.source === 'agreed' && cr.min !== null && cr.max !== null && cr.max - cr.min >= 2 ? html` <span class="badge">settled by the agreed score</span>` : nothing}; IMC ${fmt(cr.groups.imc)}, NCC
            ${fmt(cr.groups.ncc)}${cr.groups.gap !== null ? `, gap ${fmt(cr.groups.gap)}` : ''}
          </p>`
        : nothing}`;
  }

  private renderAgreed(ws: Workspace, goalId: string, criterionId: string) {
    const agreed = ws.store.plan.agreedScores.find((a) => a.goalId === goalId && a.criterionId === criterionId);
    return html`<label class="field" style="max-width:22rem"
      ><span>Agreed score (recorded by the committee; replaces the average)${ws.facilitator ? '' : ' — a facilitator records it'}</span>
      <select
        ?disabled=${!ws.facilitator}
        @change=${(e: Event) => {
          const v = valueOf(e);
          this.report(v === '' ? clearAgreedScore(ws.doc, goalId, criterionId, ws.origin) : setAgreedScore(ws.doc, { goalId, criterionId, value: Number(v) }, ws.origin));
        }}
      >
        <option value="" ?selected=${!agreed}>Not agreed yet</option>
        ${[0, 1, 2].map((v) => html`<option value=${v} ?selected=${agreed?.value === v}>${v} · ${SCORE_LABELS[v as 0 | 1 | 2]}</option>`)}
      </select></label
    >
      <rt-field-history .planId=${ws.store.plan.id} entity="agreedScore" entity-id=${`${goalId}:${criterionId}`} .field=${null} label="the agreed score"></rt-field-history>`;
  }
}
customElements.define('rt-scoring-cell', RtScoringCell);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-cell': RtScoringCell;
  }
}
