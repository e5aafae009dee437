import { css, html, nothing } from 'lit';
import { addIndicator, archiveIndicator, compareOrder, setIndicatorField, type Indicator } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import './rt-text.js';

/** Styles of the indicators table, adopted by the matrix. */
export const indicatorsStyles = css`
  table.ind { width: 100%; }
  .ind th, .ind td { text-align: left; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.88rem; }
`;

/** A number typed in a box, or null when empty or not a number. */
const num = (v: string): number | null => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));

/**
 * The indicators of one goal, outcome or output: name, unit, baseline, target and its date,
 * means of verification; adding and archiving them.
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
      ${list.length
        ? html`<div class="scroll-x">
            <table class="ind">
              <thead><tr><th>Indicator</th><th>Unit</th><th>Baseline</th><th>Target</th><th>Target date</th><th>Means of verification</th><th></th></tr></thead>
              <tbody>
                ${list.map((i, k) => this.renderIndicator(ws, i, k + 1))}
              </tbody>
            </table>
          </div>`
        : nothing}
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
    const set = (field: 'unit' | 'baseline' | 'target', value: unknown) => this.report(setIndicatorField(ws.doc, i.id, field, value, ws.origin));
    const point = (v: number | null, date: string | null | undefined) => (v === null ? null : { value: v, date: date ?? null });
    return html`<tr>
      <td><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'name' }} label=${`indicator ${n} name`}></rt-text></td>
      <td><input aria-label=${`indicator ${n} unit`} .value=${i.unit} size="6" @change=${(e: Event) => set('unit', valueOf(e).trim())} /></td>
      <td><input type="number" step="any" aria-label=${`indicator ${n} baseline`} .value=${i.baseline ? String(i.baseline.value) : ''} @change=${(e: Event) => set('baseline', point(num(valueOf(e)), i.baseline?.date))} /></td>
      <td><input type="number" step="any" aria-label=${`indicator ${n} target`} .value=${i.target ? String(i.target.value) : ''} @change=${(e: Event) => set('target', point(num(valueOf(e)), i.target?.date))} /></td>
      <td><input type="date" aria-label=${`indicator ${n} target date`} .value=${i.target?.date ?? ''} ?disabled=${!i.target} @change=${(e: Event) => {
        if (i.target) set('target', { value: i.target.value, date: valueOf(e) || null });
      }} /></td>
      <td><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'verification' }} label=${`indicator ${n} means of verification`}></rt-text></td>
      <td><button class="quiet" @click=${() => this.report(archiveIndicator(ws.doc, i.id, ws.origin))} aria-label=${`Archive indicator ${n}`}>Archive</button></td>
    </tr>`;
  }
}
customElements.define('rt-matrix-indicators', RtMatrixIndicators);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-indicators': RtMatrixIndicators;
  }
}
