import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { addNode, recommendationFor } from '../../shared/model.js';
import { archiveNodeWithCare } from './archive-node.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import { scoringAxes } from './scoring-shared.js';
import { commentBadge } from './comment-badge.js';
import './rt-text.js';
import { fmt, locale, t } from '../i18n.js';

/** The candidate goals the committee weighs up: adding, retitling and archiving them. */
export class RtScoringGoals extends RtPart {
  private add(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const title = input.value.trim();
    if (!title) {
      this.dispatchEvent(new CustomEvent('report', { detail: t('scoring:goals.titleFirst'), bubbles: true }));
      return;
    }
    const r = addNode(ws.doc, { kind: 'goal', title }, ws.origin);
    this.report(r);
    if (r.ok) input.value = '';
  }

  /**
   * What the list shows from the plan (SPEC KS2): the goals (their titles name the archive
   * buttons; their order gives their codes), comment counts and the recommendations they came
   * from. Criteria, scores and the rest of the plan leave it still.
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [plan.goals, ws.store.commentCounts, plan.recommendations];
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const { goals } = scoringAxes(plan);
    // A goal's row is worded again only when something it shows changed (typing one goal's title
    // re-words that row alone: SPEC KS2).
    const shared = [ws, locale(), ws.readonly, ws.store.commentCounts, plan.recommendations];
    return html`<section class="card" aria-labelledby="goals-h">
      <h2 id="goals-h">${t('scoring:goals.title')}</h2>
      <form class="row" @submit=${(e: SubmitEvent) => this.add(e, ws)}>
        <input class="grow" name="goal" dir="auto" maxlength="2000" aria-label=${t('scoring:goals.new')} placeholder=${t('scoring:goals.example')} />
        <button type="submit">${t('scoring:goals.add')}</button>
      </form>
      ${goals.length === 0
        ? html`<p class="empty">${t('scoring:goals.empty')}</p>`
        : html`<ul class="goal-list">
            ${repeat(
              goals,
              (g) => g.id,
              (g, i) => guard([g, i, ...shared], () => html`<li>
                <rt-text .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'title' }} label=${t('scoring:goals.titleOf', { n: fmt.number(i + 1) })}></rt-text>
                ${commentBadge(ws, { kind: 'goal', id: g.id })}
                <button class="quiet" @click=${async () => {
                  const r = await archiveNodeWithCare(ws, g.id, t('scoring:goals.named', { title: g.title || fmt.number(i + 1) }));
                  if (r) this.report(r);
                }} aria-label=${t('scoring:goals.archiveOf', { title: g.title || fmt.number(i + 1) })}>${t('scoring:archive')}</button>
                ${fromRecommendation(ws, g.id)}
              </li>`),
            )}
          </ul>`}
    </section>`;
  }
}
customElements.define('rt-scoring-goals', RtScoringGoals);

/** CO5: "From recommendation “…” (author)" under a goal promoted from a consultation, linking to the Consultations screen. */
function fromRecommendation(ws: Workspace, goalId: string) {
  const rec = recommendationFor(ws.store.plan, 'goal', goalId);
  if (!rec) return nothing;
  return html`<p class="muted" data-from-rec style="grid-column: 1 / -1; margin: 0">
    <button class="quiet" @click=${(e: Event) => e.target?.dispatchEvent(new CustomEvent('open-panel', { detail: 'consult', bubbles: true, composed: true }))}>
      ${t('consult:fromRecommendation', { title: rec.title, author: rec.authorName })}
    </button>
  </p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-goals': RtScoringGoals;
  }
}
