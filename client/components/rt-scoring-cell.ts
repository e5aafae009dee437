import { scorerNamesShown } from '../../shared/domain/scoring.js';
import { css, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { clearAgreedScore, setAgreedScore, type CriterionResult, type PlanData } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { myScore, scoreCell, scoreLabel, showScore } from './scoring-shared.js';
import { fmt, locale, t } from '../i18n.js';
import { commentBadge } from './comment-badge.js';
import './rt-field-history.js';

/** Styles of the cell detail, adopted by the scoring view. */
export const cellStyles = css`
  .detail { margin-block-start: 0.75rem; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.4rem; border: 0; padding: 0; margin: 0.4rem 0; }
  .choices label { border: 1px solid var(--rt-line-strong); border-radius: 6px; padding: 0.3rem 0.6rem; background: #fff; }
  .choices label { min-height: 32px; display: inline-flex; align-items: center; }
  .choices input { margin-inline-end: 0.3rem; }
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
    goalId: { attribute: false },
    criterionId: { attribute: false },
  };
  /** The goal and criterion of the cell shown (read from the plan, so their titles stay current). */
  declare goalId: string | null;
  declare criterionId: string | null;

  constructor() {
    super();
    this.goalId = null;
    this.criterionId = null;
  }

  private goalOf(plan: PlanData) {
    return plan.goals.find((g) => g.id === this.goalId) ?? null;
  }
  private criterionOf(plan: PlanData) {
    return plan.criteria.find((c) => c.id === this.criterionId) ?? null;
  }

  /**
   * What the cell shows from the plan (SPEC KS2): its goal and criterion (their titles), the
   * scores, people and agreed scores, its goal's ranking, the privacy settings and comment
   * counts. Typing another goal's title leaves it still; typing its own goal's renders it.
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [
      plan.id,
      this.goalOf(plan),
      this.criterionOf(plan),
      plan.scores,
      plan.participants,
      plan.agreedScores,
      plan.anonymousScoring,
      plan.exportNamedScores,
      ws.store.ranking.goals.find((r) => r.goalId === this.goalId),
      ws.store.commentCounts,
      ws.facilitator,
    ];
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const g = this.goalOf(plan);
    const c = this.criterionOf(plan);
    if (!g || !c) return nothing;
    const mine = myScore(ws, g.id, c.id);
    const score = (v: number | null, note?: string) => this.report(scoreCell(ws, g.id, c.id, v, note));
    return html`<section class="card detail" aria-labelledby="detail-h">
      <h3 id="detail-h"><span dir="auto">${g.title || t('scoring:untitledGoal')}</span> · <span dir="auto">${c.title}</span></h3>
      <fieldset class="choices">
        <legend class="sr-only">${t('scoring:yourScore')}</legend>
        ${[0, 1, 2].map(
          (v) => html`<label
            ><input type="radio" name="my-score" .checked=${mine?.value === v} @change=${() => score(v, mine?.note)} />${fmt.number(v)} ·
            ${scoreLabel(v)}</label
          >`,
        )}
        <button class="quiet" ?disabled=${!mine} @click=${() => score(null)}>${t('scoring:clear')}</button>
      </fieldset>
      <label class="field"
        ><span>${t('scoring:noteLabel')}</span>
        <input
          id="score-note"
          dir="auto"
          maxlength="2000"
          .value=${mine?.note ?? ''}
          ?disabled=${!mine}
          placeholder=${mine ? t('scoring:notePlaceholder') : t('scoring:noteFirst')}
          @change=${(e: Event) => mine && score(mine.value, valueOf(e).trim())}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Escape' || e.key === 'Enter') {
              if (e.key === 'Enter' && mine) score(mine.value, valueOf(e).trim());
              this.dispatchEvent(new CustomEvent('done'));
            }
          }}
      /></label>
      ${this.renderVotes(plan, g.id, c.id)}
      ${guard([ws, locale(), plan.id, plan.agreedScores, g.id, c.id, ws.facilitator], () => this.renderAgreed(ws, g.id, c.id))}
      <p>${commentBadge(ws, { kind: 'score', id: `${g.id}:${c.id}` })}</p>
    </section>`;
  }

  /**
   * Everyone's scores of the cell. The list is worded again only when the scores, people or the
   * cell's result changed (its goal's title alone names the history button: SPEC KS2).
   */
  private renderVotes(plan: PlanData, goalId: string, criterionId: string) {
    const cr = this.ws!.store.ranking.goals.find((x) => x.goalId === goalId)?.criteria.find((x) => x.criterionId === criterionId);
    // Observers see named scores only where the facilitator chose to show them (plan setting).
    const named = scorerNamesShown(plan, !this.ws!.readonly);
    const cellName = t('scoring:cellName', { goal: plan.goals.find((g) => g.id === goalId)?.title ?? goalId, criterion: plan.criteria.find((c) => c.id === criterionId)?.title ?? criterionId });
    return html`<h3>${t('scoring:everyone')}</h3>
      ${named ? html`<rt-field-history .planId=${plan.id} entity="score" prefix=${`${goalId}:${criterionId}:`} label=${cellName}></rt-field-history>` : nothing}
      ${guard([plan.scores, plan.participants, cr, named, locale(), goalId, criterionId], () => this.renderVoteList(plan, goalId, criterionId, cr, named))}`;
  }

  private renderVoteList(plan: PlanData, goalId: string, criterionId: string, cr: CriterionResult | undefined, named: boolean) {
    const names = new Map(plan.participants.map((p) => [p.id, p]));
    const votes = plan.scores.filter((s) => s.goalId === goalId && s.criterionId === criterionId);
    const waiting = plan.participants.filter((p) => !p.archived && !(cr?.scorers ?? []).includes(p.id));
    return html`${votes.length === 0
        ? html`<p class="muted">${t('scoring:nobody')}</p>`
        : html`<ul class="votes">
            ${votes.map((v) => {
              const p = names.get(v.participantId);
              return html`<li><span dir="auto">${named ? (p?.name ?? t('scoring:someone')) : t('scoring:aParticipant')}</span>${p && p.committee !== 'none' ? ` (${t(`scoring:committee.${p.committee}`)})` : ''}: <strong>${fmt.number(v.value)}</strong> ${scoreLabel(v.value)}${v.note ? html` — <em dir="auto">${v.note}</em>` : nothing}</li>`;
            })}
          </ul>`}
      <p class="muted" data-waiting=${waiting.length}>
        ${waiting.length === 0 ? t('scoring:allScored') : named ? t('scoring:notYetNamed', { names: fmt.list(waiting.map((p) => p.name || t('scoring:unnamed'))) }) : t('scoring:notYet', { count: waiting.length })}
      </p>
      ${cr
        ? html`<p class="muted">
            ${t('scoring:spread', { range: cr.min === null ? '–' : `${fmt.number(cr.min)}–${fmt.number(cr.max ?? cr.min)}` })}${cr.disagreement ? html` <span class="badge warning">${t('scoring:disputed')}</span>` : cr.source === 'agreed' && cr.min !== null && cr.max !== null && cr.max - cr.min >= 2 ? html` <span class="badge">${t('scoring:settled')}</span>` : nothing};
            ${t('scoring:groups', { imc: showScore(cr.groups.imc), ncc: showScore(cr.groups.ncc) })}${cr.groups.gap !== null ? t('scoring:gapSuffix', { gap: showScore(cr.groups.gap) }) : ''}
          </p>`
        : nothing}`;
  }

  private renderAgreed(ws: Workspace, goalId: string, criterionId: string) {
    const agreed = ws.store.plan.agreedScores.find((a) => a.goalId === goalId && a.criterionId === criterionId);
    return html`<label class="field" style="max-width:22rem"
      ><span>${t('scoring:agreedLabel')}${ws.facilitator ? '' : t('scoring:agreedByFacilitator')}</span>
      <select
        ?disabled=${!ws.facilitator}
        @change=${(e: Event) => {
          const v = valueOf(e);
          this.report(v === '' ? clearAgreedScore(ws.doc, goalId, criterionId, ws.origin) : setAgreedScore(ws.doc, { goalId, criterionId, value: Number(v) }, ws.origin));
        }}
      >
        <option value="" ?selected=${!agreed}>${t('scoring:notAgreed')}</option>
        ${[0, 1, 2].map((v) => html`<option value=${v} ?selected=${agreed?.value === v}>${fmt.number(v)} · ${scoreLabel(v)}</option>`)}
      </select></label
    >
      <rt-field-history .planId=${ws.store.plan.id} entity="agreedScore" entity-id=${`${goalId}:${criterionId}`} .field=${null} label=${t('scoring:theAgreedScore')}></rt-field-history>`;
  }
}
customElements.define('rt-scoring-cell', RtScoringCell);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-cell': RtScoringCell;
  }
}
