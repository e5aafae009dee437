import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addCriterion, archiveCriterion, moveCriterion, setCriteriaAgreement } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import { scoringAxes } from './scoring-shared.js';
import { commentBadge } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comments.js';
import './rt-text.js';

/**
 * The criteria editor: the criteria goals are scored against, editable until both committees
 * (IMC and NCC) have agreed them, and the two agreements.
 */
export class RtScoringCriteria extends RtPart {
  private add(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const title = input.value.trim();
    if (!title) return;
    const r = addCriterion(ws.doc, { title }, ws.origin);
    this.report(r);
    if (r.ok) input.value = '';
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const { crits } = scoringAxes(plan);
    const locked = plan.criteriaAgreedByImc && plan.criteriaAgreedByNcc;
    const agree = (committee: 'imc' | 'ncc') => (e: Event) => this.report(setCriteriaAgreement(ws.doc, committee, (e.target as HTMLInputElement).checked, ws.origin));
    // Only a facilitator records the committees' agreement (the server refuses it from others, G3).
    const lockTitle = ws.facilitator ? nothing : 'Only a facilitator records the committees\' agreement';
    return html`<details class="card" ?open=${!locked}>
      <summary><strong>Criteria</strong> <span class="badge ${locked ? 'ok' : 'info'}">${locked ? 'Locked: agreed by IMC and NCC' : 'Open for editing'}</span></summary>
      <div class="row" style="margin:0.5rem 0">
        <label title=${lockTitle}><input type="checkbox" .checked=${plan.criteriaAgreedByImc} ?disabled=${!ws.facilitator} @change=${agree('imc')} /> IMC agreed</label>
        <label title=${lockTitle}><input type="checkbox" .checked=${plan.criteriaAgreedByNcc} ?disabled=${!ws.facilitator} @change=${agree('ncc')} /> NCC agreed</label>
        ${ws.facilitator || ws.readonly ? nothing : html`<span class="muted">A facilitator records the committees' agreement.</span>`}
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
            ${commentBadge(ws, { kind: 'criterion', id: c.id }, targetLabel(plan, { kind: 'criterion', id: c.id }, ws.store.codes))}
            <button class="quiet" ?disabled=${locked || i === 0} @click=${() => this.report(moveCriterion(ws.doc, c.id, i - 1, ws.origin))} aria-label=${`Move criterion ${i + 1} up`}>↑</button>
            <button class="quiet" ?disabled=${locked || i === crits.length - 1} @click=${() => this.report(moveCriterion(ws.doc, c.id, i + 1, ws.origin))} aria-label=${`Move criterion ${i + 1} down`}>↓</button>
            <button class="quiet" ?disabled=${locked} @click=${() => this.report(archiveCriterion(ws.doc, c.id, ws.origin))} aria-label=${`Archive criterion ${i + 1}`}>Archive</button>
          </div>
        </div>`,
      )}
      ${locked
        ? html`<p class="muted">Both committees agreed the criteria. Withdraw an agreement to change them.</p>`
        : html`<form class="row" style="margin-top:0.5rem" @submit=${(e: SubmitEvent) => this.add(e, ws)}>
            <input class="grow" maxlength="2000" aria-label="New criterion" placeholder="Another criterion" />
            <button type="submit" class="secondary">Add criterion</button>
          </form>`}
    </details>`;
  }
}
customElements.define('rt-scoring-criteria', RtScoringCriteria);

declare global {
  interface HTMLElementTagNameMap {
    'rt-scoring-criteria': RtScoringCriteria;
  }
}
