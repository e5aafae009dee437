import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addCriterion, archiveCriterion, moveCriterion, setCriteriaAgreement } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';
import { scoringAxes } from './scoring-shared.js';
import { commentBadge } from './comment-badge.js';
import './rt-text.js';
import { fmt, t } from '../i18n.js';

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

  /**
   * What the editor shows from the plan (SPEC KS2): the criteria, the two agreements and comment
   * counts. Goals and scores leave it still (typing a goal's title renders nothing here).
   */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [plan.criteria, plan.criteriaAgreedByImc, plan.criteriaAgreedByNcc, ws.store.commentCounts, ws.facilitator];
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const { crits } = scoringAxes(plan);
    const locked = plan.criteriaAgreedByImc && plan.criteriaAgreedByNcc;
    const agree = (committee: 'imc' | 'ncc') => (e: Event) => this.report(setCriteriaAgreement(ws.doc, committee, (e.target as HTMLInputElement).checked, ws.origin));
    // Only a facilitator records the committees' agreement (the server refuses it from others, G3).
    const lockTitle = ws.facilitator ? nothing : t('scoring:criteria.onlyFacilitator');
    return html`<details class="card" ?open=${!locked}>
      <summary><strong>${t('scoring:criteria.title')}</strong> <span class="badge ${locked ? 'ok' : 'info'}">${locked ? t('scoring:criteria.locked') : t('scoring:criteria.open')}</span></summary>
      <div class="row" style="margin:0.5rem 0">
        <label title=${lockTitle}><input type="checkbox" .checked=${plan.criteriaAgreedByImc} ?disabled=${!ws.facilitator} @change=${agree('imc')} /> ${t('scoring:criteria.imcAgreed')}</label>
        <label title=${lockTitle}><input type="checkbox" .checked=${plan.criteriaAgreedByNcc} ?disabled=${!ws.facilitator} @change=${agree('ncc')} /> ${t('scoring:criteria.nccAgreed')}</label>
        ${ws.facilitator || ws.readonly ? nothing : html`<span class="muted">${t('scoring:criteria.facilitatorRecords')}</span>`}
      </div>
      ${crits.length === 0 ? html`<p class="empty">${t('scoring:criteria.empty')}</p>` : nothing}
      ${repeat(
        crits,
        (c) => c.id,
        (c, i) => html`<div class="crit">
          <div>
            <rt-text .ws=${ws} .ref=${{ kind: 'criterion', id: c.id, field: 'title' }} label=${t('scoring:criteria.titleOf', { n: fmt.number(i + 1) })} ?readonly=${locked}></rt-text>
            <rt-text .ws=${ws} .ref=${{ kind: 'criterion', id: c.id, field: 'description' }} label=${t('scoring:criteria.descriptionOf', { n: fmt.number(i + 1) })} placeholder=${t('scoring:criteria.description')} ?readonly=${locked}></rt-text>
          </div>
          <div class="actions">
            ${commentBadge(ws, { kind: 'criterion', id: c.id })}
            <button class="quiet" ?disabled=${locked || i === 0} @click=${() => this.report(moveCriterion(ws.doc, c.id, i - 1, ws.origin))} aria-label=${t('scoring:criteria.up', { n: fmt.number(i + 1) })}>↑</button>
            <button class="quiet" ?disabled=${locked || i === crits.length - 1} @click=${() => this.report(moveCriterion(ws.doc, c.id, i + 1, ws.origin))} aria-label=${t('scoring:criteria.down', { n: fmt.number(i + 1) })}>↓</button>
            <button class="quiet" ?disabled=${locked} @click=${() => this.report(archiveCriterion(ws.doc, c.id, ws.origin))} aria-label=${t('scoring:criteria.archiveOf', { n: fmt.number(i + 1) })}>${t('scoring:archive')}</button>
          </div>
        </div>`,
      )}
      ${locked
        ? html`<p class="muted">${t('scoring:criteria.lockedHelp')}</p>`
        : html`<form class="row" style="margin-block-start:0.5rem" @submit=${(e: SubmitEvent) => this.add(e, ws)}>
            <input class="grow" dir="auto" maxlength="2000" aria-label=${t('scoring:criteria.new')} placeholder=${t('scoring:criteria.another')} />
            <button type="submit" class="secondary">${t('scoring:criteria.add')}</button>
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
