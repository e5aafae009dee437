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
  type IndicatorFrequency,
  type IndicatorLevel,
  type PeriodTarget,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { commentBadge } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comments.js';
import './rt-text.js';

/** Styles of the indicators list, adopted by the matrix. */
export const indicatorsStyles = css`
  .ind-list { display: grid; gap: 0.6rem; margin: 0.4rem 0; }
  fieldset.ind { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.5rem; margin: 0; display: grid; gap: 0.4rem; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
  fieldset.ind legend { font-weight: 600; font-size: 0.9rem; }
  fieldset.ind .wide { grid-column: 1 / -1; }
  fieldset.ind label.field span { font-size: 0.8rem; }
  table.pt { width: 100%; }
  .pt th, .pt td { text-align: left; padding: 0.2rem; font-size: 0.85rem; border-bottom: 1px solid var(--rt-line); }
  .pt input { width: 100%; min-width: 6rem; }
`;

/** A number typed in a box, or null when empty or not a number. */
const num = (v: string): number | null => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));

const LEVEL_LABELS: Record<IndicatorLevel, string> = { input: 'Input', output: 'Output', outcome: 'Outcome', impact: 'Impact' };
const FREQUENCY_LABELS: Record<IndicatorFrequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'half-yearly': 'Every six months',
  yearly: 'Yearly',
  'every-two-years': 'Every two years',
  'mid-term-and-final': 'At mid-term and final reviews',
  'end-of-plan': 'At the end of the plan',
};

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
      <strong>Indicators</strong>
      ${list.length === 0 ? html`<p class="muted">No indicators yet: how will progress on this ${this.name.split(' ')[0]!.toLowerCase()} be measured?</p>` : nothing}
      ${list.length ? html`<div class="ind-list">${list.map((i, k) => this.renderIndicator(ws, i, k + 1))}</div>` : nothing}
      <form class="row" @submit=${(e: SubmitEvent) => this.add(e, ws)}>
        <input class="grow" aria-label=${`New indicator for ${this.name}`} placeholder="e.g. # of consultations held" />
        <button class="secondary" type="submit">Add indicator</button>
      </form>
    </div>`;
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
    const label = `indicator ${n}`;
    const select = <T extends string>(field: IndicatorField, title: string, values: readonly T[], labels: (v: T) => string, current: T | null) => html`<label class="field"
      ><span>${title}</span>
      <select aria-label=${`${label} ${title.toLowerCase()}`} @change=${(e: Event) => set(field, valueOf(e) || null)}>
        <option value="" ?selected=${current === null}>Not said</option>
        ${values.map((v) => html`<option value=${v} ?selected=${v === current}>${labels(v)}</option>`)}
      </select></label
    >`;
    return html`<fieldset class="ind" data-indicator=${i.id}>
      <legend>Indicator ${n} ${commentBadge(ws, { kind: 'indicator', id: i.id }, targetLabel(ws.store.plan, { kind: 'indicator', id: i.id }, ws.store.codes))}</legend>
      <label class="field wide"><span>Name</span><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'name' }} label=${`${label} name`}></rt-text></label>
      <label class="field"><span>Unit</span><input aria-label=${`${label} unit`} .value=${i.unit} @change=${(e: Event) => set('unit', valueOf(e).trim())} /></label>
      ${select('measurement', 'Measurement', INDICATOR_MEASUREMENTS, (v) => (v === 'quantitative' ? 'Quantitative (a number)' : 'Qualitative (described)'), i.measurement)}
      ${select('level', 'Level', INDICATOR_LEVELS, (v) => LEVEL_LABELS[v], i.level)}
      ${select('kind', 'Kind', INDICATOR_KINDS, (v) => (v === 'direct' ? 'Direct (migration itself)' : 'Indirect'), i.kind)}
      <label class="field"><span>Baseline</span><input type="number" step="any" aria-label=${`${label} baseline`} .value=${i.baseline ? String(i.baseline.value) : ''} @change=${(e: Event) => set('baseline', point(num(valueOf(e)), i.baseline?.date))} /></label>
      <label class="field"><span>Baseline date</span><input type="date" aria-label=${`${label} baseline date`} .value=${i.baseline?.date ?? ''} ?disabled=${!i.baseline} @change=${(e: Event) => {
        if (i.baseline) set('baseline', { value: i.baseline.value, date: valueOf(e) || null });
      }} /></label>
      <label class="field"><span>Target</span><input type="number" step="any" aria-label=${`${label} target`} .value=${i.target ? String(i.target.value) : ''} @change=${(e: Event) => set('target', point(num(valueOf(e)), i.target?.date))} /></label>
      <label class="field"><span>Target date</span><input type="date" aria-label=${`${label} target date`} .value=${i.target?.date ?? ''} ?disabled=${!i.target} @change=${(e: Event) => {
        if (i.target) set('target', { value: i.target.value, date: valueOf(e) || null });
      }} /></label>
      ${select('frequency', 'Frequency', INDICATOR_FREQUENCIES, (v) => FREQUENCY_LABELS[v], i.frequency)}
      <label class="field"><span>Source</span><input aria-label=${`${label} source`} .value=${i.source} @change=${(e: Event) => set('source', valueOf(e).trim())} /></label>
      <label class="field wide"><span>Disaggregated by (comma-separated, e.g. sex, age, migration status)</span><input aria-label=${`${label} disaggregation`} .value=${i.disaggregation.join(', ')} @change=${(e: Event) => set('disaggregation', listOf(valueOf(e)))} /></label>
      <label class="field wide"><span>Means of verification</span><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'verification' }} label=${`${label} means of verification`}></rt-text></label>
      ${this.renderPeriodTargets(i, label, (v) => set('periodTargets', v))}
      <div class="wide"><button class="quiet" @click=${() => this.report(archiveIndicator(ws.doc, i.id, ws.origin))} aria-label=${`Archive ${label}`}>Archive</button></div>
    </fieldset>`;
  }

  /** Per-period targets (IN3): a row per period, editable in place, and a form to add one. */
  private renderPeriodTargets(i: Indicator, label: string, save: (v: PeriodTarget[]) => void) {
    const list = i.periodTargets;
    const patch = (k: number, p: Partial<PeriodTarget>) => save(list.map((t, j) => (j === k ? { ...t, ...p } : t)));
    return html`<div class="wide" role="group" aria-label=${`${label} targets per period`}>
      <span class="muted">Targets per period</span>
      ${list.length === 0
        ? html`<p class="muted" style="margin:0.2rem 0">None yet: add the value aimed for by the end of each review period.</p>`
        : html`<div class="scroll-x"><table class="pt">
            <thead><tr><th>From</th><th>By</th><th>Target</th><th></th></tr></thead>
            <tbody>${list.map((t, k) => html`<tr>
              <td><input type="date" aria-label=${`${label} period ${k + 1} start`} .value=${t.start ?? ''} @change=${(e: Event) => patch(k, { start: valueOf(e) || null })} /></td>
              <td><input type="date" required aria-label=${`${label} period ${k + 1} end`} .value=${t.end} @change=${(e: Event) => valueOf(e) && patch(k, { end: valueOf(e) })} /></td>
              <td><input type="number" step="any" aria-label=${`${label} period ${k + 1} target`} .value=${String(t.value)} @change=${(e: Event) => {
                const v = num(valueOf(e));
                if (v !== null) patch(k, { value: v });
              }} /></td>
              <td><button class="quiet" aria-label=${`Remove ${label} period ${k + 1} target`} @click=${() => save(list.filter((_, j) => j !== k))}>Remove</button></td>
            </tr>`)}</tbody>
          </table></div>`}
      <form class="row" aria-label=${`Add a period target to ${label}`} @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        const end = String(f.get('end') ?? '');
        const value = num(String(f.get('value') ?? ''));
        if (!end || value === null) {
          this.dispatchEvent(new CustomEvent('report', { detail: 'A period target needs an end date and a number.', bubbles: true }));
          return;
        }
        save([...list, { start: String(f.get('start') ?? '') || null, end, value }]);
        (e.target as HTMLFormElement).reset();
      }}>
        <input name="start" type="date" aria-label=${`${label} new period start`} />
        <input name="end" type="date" aria-label=${`${label} new period end`} />
        <input name="value" type="number" step="any" aria-label=${`${label} new period target`} placeholder="Target" />
        <button class="secondary" type="submit">Add period target</button>
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
