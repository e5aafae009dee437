import { css, html, nothing } from 'lit';
import {
  INDICATOR_FREQUENCIES,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  INDICATOR_MEASUREMENTS,
  addIndicator,
  archiveIndicator,
  compareOrder,
  setIndicatorField,
  type Indicator,
  type IndicatorField,
  type PeriodTarget,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { locale, t } from '../i18n.js';
import { RtPart, valueOf } from './rt-view.js';
import { commentBadge } from './comment-badge.js';
import './rt-text.js';

/** Styles of the indicators list, adopted by the matrix. */
export const indicatorsStyles = css`
  .ind-list { display: grid; gap: 0.6rem; margin: 0.4rem 0; }
  fieldset.ind { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.5rem; margin: 0; display: grid; gap: 0.4rem; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
  fieldset.ind legend { font-weight: 600; font-size: 0.9rem; }
  fieldset.ind .wide { grid-column: 1 / -1; }
  fieldset.ind label.field span { font-size: 0.8rem; }
  table.pt { width: 100%; }
  .pt th, .pt td { text-align: start; padding: 0.2rem; font-size: 0.85rem; border-bottom: 1px solid var(--rt-line); }
  .pt input { width: 100%; min-width: 6rem; }
`;

/** A number typed in a box, or null when empty or not a number. */
const num = (v: string): number | null => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));


/** A comma-separated list typed in a box, trimmed, empties and repeats dropped. */
const listOf = (v: string): string[] => [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))];

/**
 * The indicators of one matrix row (goal, outcome, output or activity, SPEC IN1): name, unit,
 * measurement, kind, level, baseline and its date, target and its date, frequency, source,
 * disaggregations, means of verification and per-period targets (IN3); adding and archiving them.
 */
export class RtMatrixIndicators extends RtPart {
  static override properties = {
    ...RtPart.properties,
    nodeId: { type: String },
    name: { type: String },
  };
  /** The node whose indicators these are. */
  declare nodeId: string;
  /** The node's name as people say it ("Outcome 1.2"). */
  declare name: string;

  constructor() {
    super();
    this.nodeId = '';
    this.name = '';
  }

  protected override renderView(ws: Workspace) {
    const list = ws.store.plan.indicators.filter((i) => i.nodeId === this.nodeId && !i.archived).sort(compareOrder);
    return html`<div class="wide">
      <strong>${t('matrix:indicators.title')}</strong>
      ${list.length === 0 ? html`<p class="muted">${t('matrix:indicators.none', { kind: this.kindWord(ws) })}</p>` : nothing}
      ${list.length ? html`<div class="ind-list">${list.map((i, k) => this.renderIndicator(ws, i, k + 1))}</div>` : nothing}
      <form class="row" @submit=${(e: SubmitEvent) => this.add(e, ws)}>
        <input class="grow" dir="auto" aria-label=${t('matrix:indicators.newLabel', { name: this.name })} placeholder=${t('matrix:indicators.newPlaceholder')} />
        <button class="secondary" type="submit">${t('matrix:indicators.add')}</button>
      </form>
    </div>`;
  }

  /** The kind of the row (goal, outcome...) as a word of the reader's language, in lower case. */
  private kindWord(ws: Workspace): string {
    const plan = ws.store.plan;
    const id = this.nodeId;
    const kind = plan.goals.some((g) => g.id === id) ? 'goal' : plan.outcomes.some((o) => o.id === id) ? 'outcome' : plan.outputs.some((o) => o.id === id) ? 'output' : 'activity';
    return t(`matrix:kind.${kind}`).toLocaleLowerCase(locale());
  }

  private add(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const v = input.value.trim();
    if (!v) return;
    const r = addIndicator(ws.doc, { nodeId: this.nodeId, name: v }, ws.origin);
    this.report(r);
    if (r.ok) input.value = '';
  }

  private renderIndicator(ws: Workspace, i: Indicator, n: number) {
    const set = (field: IndicatorField, value: unknown) => this.report(setIndicatorField(ws.doc, i.id, field, value, ws.origin));
    const point = (v: number | null, date: string | null | undefined) => (v === null ? null : { value: v, date: date ?? null });
    const label = t('matrix:indicators.label', { n });
    /** The accessible name of one field of this indicator ("indicator 1 unit"). */
    const named = (title: string) => t('matrix:indicators.fieldLabel', { label, field: title.toLocaleLowerCase(locale()) });
    const select = <T extends string>(field: IndicatorField, title: string, values: readonly T[], labels: (v: T) => string, current: T | null) => html`<label class="field"
      ><span>${title}</span>
      <select aria-label=${named(title)} @change=${(e: Event) => set(field, valueOf(e) || null)}>
        <option value="" ?selected=${current === null}>${t('matrix:indicators.notSaid')}</option>
        ${values.map((v) => html`<option value=${v} ?selected=${v === current}>${labels(v)}</option>`)}
      </select></label
    >`;
    return html`<fieldset class="ind" data-indicator=${i.id}>
      <legend>${t('matrix:indicators.legend', { n })} ${commentBadge(ws, { kind: 'indicator', id: i.id })}</legend>
      <label class="field wide"><span>${t('matrix:indicators.name')}</span><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'name' }} label=${named(t('matrix:indicators.name'))}></rt-text></label>
      <label class="field"><span>${t('matrix:indicators.unit')}</span><input dir="auto" aria-label=${named(t('matrix:indicators.unit'))} .value=${i.unit} @change=${(e: Event) => set('unit', valueOf(e).trim())} /></label>
      ${select('measurement', t('matrix:indicators.measurement'), INDICATOR_MEASUREMENTS, (v) => t(`matrix:indicators.measurements.${v}`), i.measurement)}
      ${select('level', t('matrix:indicators.level'), INDICATOR_LEVELS, (v) => t(`matrix:indicators.levels.${v}`), i.level)}
      ${select('kind', t('matrix:indicators.kind'), INDICATOR_KINDS, (v) => t(`matrix:indicators.kinds.${v}`), i.kind)}
      <label class="field"><span>${t('matrix:indicators.baseline')}</span><input type="number" step="any" aria-label=${named(t('matrix:indicators.baseline'))} .value=${i.baseline ? String(i.baseline.value) : ''} @change=${(e: Event) => set('baseline', point(num(valueOf(e)), i.baseline?.date))} /></label>
      <label class="field"><span>${t('matrix:indicators.baselineDate')}</span><input type="date" aria-label=${named(t('matrix:indicators.baselineDate'))} .value=${i.baseline?.date ?? ''} ?disabled=${!i.baseline} @change=${(e: Event) => {
        if (i.baseline) set('baseline', { value: i.baseline.value, date: valueOf(e) || null });
      }} /></label>
      <label class="field"><span>${t('matrix:indicators.target')}</span><input type="number" step="any" aria-label=${named(t('matrix:indicators.target'))} .value=${i.target ? String(i.target.value) : ''} @change=${(e: Event) => set('target', point(num(valueOf(e)), i.target?.date))} /></label>
      <label class="field"><span>${t('matrix:indicators.targetDate')}</span><input type="date" aria-label=${named(t('matrix:indicators.targetDate'))} .value=${i.target?.date ?? ''} ?disabled=${!i.target} @change=${(e: Event) => {
        if (i.target) set('target', { value: i.target.value, date: valueOf(e) || null });
      }} /></label>
      ${select('frequency', t('matrix:indicators.frequency'), INDICATOR_FREQUENCIES, (v) => t(`matrix:indicators.frequencies.${v}`), i.frequency)}
      <label class="field"><span>${t('matrix:indicators.source')}</span><input dir="auto" aria-label=${named(t('matrix:indicators.source'))} .value=${i.source} @change=${(e: Event) => set('source', valueOf(e).trim())} /></label>
      <label class="field wide"><span>${t('matrix:indicators.disaggregation')}</span><input dir="auto" aria-label=${t('matrix:indicators.disaggregationLabel', { label })} .value=${i.disaggregation.join(', ')} @change=${(e: Event) => set('disaggregation', listOf(valueOf(e)))} /></label>
      <label class="field wide"><span>${t('matrix:indicators.verification')}</span><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'verification' }} label=${named(t('matrix:indicators.verification'))}></rt-text></label>
      ${this.renderPeriodTargets(i, label, (v) => set('periodTargets', v))}
      <div class="wide"><button class="quiet" @click=${() => this.report(archiveIndicator(ws.doc, i.id, ws.origin))} aria-label=${t('matrix:indicators.archiveLabel', { label })}>${t('matrix:indicators.archive')}</button></div>
    </fieldset>`;
  }

  /** Per-period targets (IN3): a row per period, editable in place, and a form to add one. */
  private renderPeriodTargets(i: Indicator, label: string, save: (v: PeriodTarget[]) => void) {
    const list = i.periodTargets;
    const patch = (k: number, p: Partial<PeriodTarget>) => save(list.map((x, j) => (j === k ? { ...x, ...p } : x)));
    return html`<div class="wide" role="group" aria-label=${t('matrix:indicators.periodsLabel', { label })}>
      <span class="muted">${t('matrix:indicators.periods')}</span>
      ${list.length === 0
        ? html`<p class="muted" style="margin-block:0.2rem">${t('matrix:indicators.noPeriods')}</p>`
        : html`<div class="scroll-x"><table class="pt">
            <thead><tr><th>${t('matrix:indicators.from')}</th><th>${t('matrix:indicators.by')}</th><th>${t('matrix:indicators.target')}</th><th></th></tr></thead>
            <tbody>${list.map((pt, k) => html`<tr>
              <td><input type="date" aria-label=${t('matrix:indicators.periodStart', { label, n: k + 1 })} .value=${pt.start ?? ''} @change=${(e: Event) => patch(k, { start: valueOf(e) || null })} /></td>
              <td><input type="date" required aria-label=${t('matrix:indicators.periodEnd', { label, n: k + 1 })} .value=${pt.end} @change=${(e: Event) => valueOf(e) && patch(k, { end: valueOf(e) })} /></td>
              <td><input type="number" step="any" aria-label=${t('matrix:indicators.periodTarget', { label, n: k + 1 })} .value=${String(pt.value)} @change=${(e: Event) => {
                const v = num(valueOf(e));
                if (v !== null) patch(k, { value: v });
              }} /></td>
              <td><button class="quiet" aria-label=${t('matrix:indicators.removePeriod', { label, n: k + 1 })} @click=${() => save(list.filter((_, j) => j !== k))}>${t('matrix:indicators.remove')}</button></td>
            </tr>`)}</tbody>
          </table></div>`}
      <form class="row" aria-label=${t('matrix:indicators.addPeriodForm', { label })} @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        const end = String(f.get('end') ?? '');
        const value = num(String(f.get('value') ?? ''));
        if (!end || value === null) {
          this.dispatchEvent(new CustomEvent('report', { detail: t('matrix:indicators.periodNeeds'), bubbles: true }));
          return;
        }
        save([...list, { start: String(f.get('start') ?? '') || null, end, value }]);
        (e.target as HTMLFormElement).reset();
      }}>
        <input name="start" type="date" aria-label=${t('matrix:indicators.newStart', { label })} />
        <input name="end" type="date" aria-label=${t('matrix:indicators.newEnd', { label })} />
        <input name="value" type="number" step="any" aria-label=${t('matrix:indicators.newTarget', { label })} placeholder=${t('matrix:indicators.target')} />
        <button class="secondary" type="submit">${t('matrix:indicators.addPeriod')}</button>
      </form>
    </div>`;
  }
}
customElements.define('rt-matrix-indicators', RtMatrixIndicators);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-indicators': RtMatrixIndicators;
  }
}
