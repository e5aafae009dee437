import { css, html, nothing } from 'lit';
import {
  ANSWER_VALUES,
  SECTORS,
  answerSector,
  sectorCoverage,
  setNodeSectors,
  setSectorAnswerText,
  type PlanData,
  type SectorCoverage,
  type SectorDef,
  type SectorId,
} from '../../shared/model.js';
import { fmt, t } from '../i18n.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { errorBox, type Notice, type Refusal } from '../command-text.js';

/**
 * The Sectors screen (SK1-SK4): the 14 Annex C checklists with their progress and coverage, the
 * sectors the plan leaves uncovered, and one sector opened at a time: its questions (answer,
 * note, evidence) and the goals and outcomes that serve it (the sector picker of goals and
 * outcomes). Observers read; the controls lock for them.
 */
export class RtSectors extends RtView {
  static override properties = { ...RtView.properties, open: { state: true }, message: { state: true } };
  /** The sector shown, or null for the list. */
  declare open: SectorId | null;
  declare message: Notice;

  static override styles = [
    base,
    css`
      :host { display: block; }
      ul.sectors { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.5rem; }
      ul.sectors button { width: 100%; text-align: start; display: grid; gap: 0.25rem; background: #fff; color: inherit; border: 1px solid var(--rt-line); }
      ul.sectors button strong { color: var(--rt-accent); }
      progress { width: 100%; height: 0.5rem; }
      .badge[data-status='covered'] { background: var(--rt-ok-soft); color: var(--rt-ok); }
      .badge[data-status='uncovered'] { background: var(--rt-warn-soft); color: var(--rt-warn); }
      fieldset.q { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; }
      fieldset.q legend { font-weight: 600; padding-inline: 0.25rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; }
      .choices label { display: inline-flex; gap: 0.3rem; align-items: center; min-height: 2rem; }
      .texts { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }
      .texts label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      ul.tags { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.25rem; }
      ul.tags label { display: flex; gap: 0.4rem; align-items: center; min-height: 2rem; }
      ul.tags .indent { padding-inline-start: 1.25rem; }
      @media (max-width: 480px) { .texts { grid-template-columns: 1fr; } fieldset.q { padding: 0.5rem; } }
    `,
  ];

  constructor() {
    super();
    this.open = null;
    this.message = '';
  }

  private report(r: { ok: boolean; error?: Refusal }): void {
    this.message = r.ok ? '' : (r.error ?? '');
  }

  private statusBadge(c: SectorCoverage) {
    return html`<span class="badge" data-status=${c.status}>${t(`sectors:status.${c.status}`)}</span>`;
  }

  private renderList(coverage: SectorCoverage[]) {
    const uncovered = coverage.filter((c) => c.status === 'uncovered');
    return html`<section aria-labelledby="unc-h">
        <h3 id="unc-h">${t('sectors:uncovered')}</h3>
        ${uncovered.length === 0
          ? html`<p class="muted" data-uncovered-none>${t('sectors:uncoveredNone')}</p>`
          : html`<ul class="warning-box" data-uncovered>
              ${uncovered.map((c) => html`<li data-sector=${c.sector}><strong>${t(`sectors:name.${c.sector}`)}</strong>${t('common:colon')} ${t(`sectors:reason.${c.reason}`)}</li>`)}
            </ul>`}
      </section>
      <section aria-labelledby="list-h">
        <h3 id="list-h">${t('sectors:listLabel')}</h3>
        <ul class="sectors">
          ${coverage.map(
            (c) => html`<li>
              <button data-open-sector=${c.sector} data-nav @click=${() => this.show(c.sector)}>
                <strong>${t(`sectors:name.${c.sector}`)}</strong>
                <span>${t('sectors:progress', { answered: fmt.number(c.answered), total: fmt.number(c.total) })}</span>
                <progress max=${c.total} .value=${c.answered} aria-hidden="true"></progress>
                <span>${this.statusBadge(c)} <span class="muted">${t('sectors:tagged', { count: c.goalIds.length + c.outcomeIds.length })}</span></span>
              </button>
            </li>`,
          )}
        </ul>
      </section>`;
  }

  private show(sector: SectorId | null): void {
    this.open = sector;
    this.message = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(sector ? '#sector-h' : `[data-open-sector]`)?.focus());
  }

  private renderQuestion(ws: Workspace, plan: PlanData, q: string, n: number) {
    const a = plan.sectorAnswers.find((x) => x.id === q);
    return html`<fieldset class="q" data-question=${q}>
      <legend>${n}. ${t(`sectors:q.${q}`)}</legend>
      <div class="choices" role="radiogroup" aria-label=${t('sectors:answerOf', { n })}>
        ${ANSWER_VALUES.map(
          (v) => html`<label
            ><input type="radio" name=${`sq-${q}`} value=${v} .checked=${a?.value === v} @change=${() => this.report(answerSector(ws.doc, q, v, ws.origin))} />${t(`sectors:answer.${v}`)}</label
          >`,
        )}
        ${a?.value ? html`<button class="quiet" @click=${() => this.report(answerSector(ws.doc, q, null, ws.origin))}>${t('sectors:clear')}</button>` : nothing}
      </div>
      <div class="texts">
        <label
          >${t('sectors:note')}
          <input dir="auto" maxlength="20000" .value=${a?.note ?? ''} @change=${(e: Event) => this.report(setSectorAnswerText(ws.doc, q, 'note', (e.target as HTMLInputElement).value, ws.origin))}
        /></label>
        <label
          >${t('sectors:evidence')}
          <input dir="auto" maxlength="20000" placeholder=${t('sectors:evidenceHint')} .value=${a?.evidence ?? ''} @change=${(e: Event) => this.report(setSectorAnswerText(ws.doc, q, 'evidence', (e.target as HTMLInputElement).value, ws.origin))}
        /></label>
      </div>
    </fieldset>`;
  }

  private toggle(ws: Workspace, id: string, current: readonly SectorId[], sector: SectorId, on: boolean): void {
    const next = on ? [...current.filter((s) => s !== sector), sector] : current.filter((s) => s !== sector);
    this.report(setNodeSectors(ws.doc, id, next, ws.origin));
  }

  private renderTags(ws: Workspace, plan: PlanData, sector: SectorId) {
    const codes = ws.store.codes;
    const goals = plan.goals.filter((g) => !g.archived && g.status !== 'rejected');
    if (goals.length === 0) return html`<p class="muted">${t('sectors:pickerNone')}</p>`;
    const box = (id: string, title: string, sectors: readonly SectorId[], indent: boolean) =>
      html`<li class=${indent ? 'indent' : ''}>
        <label
          ><input type="checkbox" data-tag=${id} .checked=${sectors.includes(sector)} @change=${(e: Event) => this.toggle(ws, id, sectors, sector, (e.target as HTMLInputElement).checked)} /><span dir="auto"
            >${codes.get(id)?.code ?? ''} ${title || '…'}</span
          ></label
        >
      </li>`;
    return html`<ul class="tags">
      ${goals.map(
        (g) => html`${box(g.id, g.title, g.sectors, false)}${plan.outcomes.filter((o) => o.goalId === g.id && !o.archived).map((o) => box(o.id, o.title, o.sectors, true))}`,
      )}
    </ul>`;
  }

  private renderSector(ws: Workspace, plan: PlanData, def: SectorDef, c: SectorCoverage) {
    return html`<button class="secondary" data-back data-nav @click=${() => this.show(null)}>${t('sectors:back')}</button>
      <h3 id="sector-h" tabindex="-1">${t(`sectors:name.${def.id}`)} ${this.statusBadge(c)}</h3>
      <p class="muted" aria-live="polite">${t('sectors:progress', { answered: fmt.number(c.answered), total: fmt.number(c.total) })}</p>
      ${def.questions.map((q, i) => this.renderQuestion(ws, plan, q, i + 1))}
      <section aria-labelledby="tags-h">
        <h4 id="tags-h">${t('sectors:column.tagged')}</h4>
        <p class="muted">${t('sectors:coverageIntro')}</p>
        ${this.renderTags(ws, plan, def.id)}
      </section>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const coverage = sectorCoverage(plan);
    const def = this.open ? SECTORS.find((s) => s.id === this.open) : undefined;
    return html`<section class="card" aria-labelledby="sk-h">
      <h2 id="sk-h">${t('sectors:title')}</h2>
      <p class="muted">${t('sectors:intro')}</p>
      ${ws.readonly ? html`<p class="muted" role="note">${t('sectors:readOnly')}</p>` : nothing}
      ${errorBox(this.message, this)}
      ${def ? this.renderSector(ws, plan, def, coverage.find((c) => c.sector === def.id)!) : this.renderList(coverage)}
    </section>`;
  }
}
customElements.define('rt-sectors', RtSectors);

declare global {
  interface HTMLElementTagNameMap {
    'rt-sectors': RtSectors;
  }
}
