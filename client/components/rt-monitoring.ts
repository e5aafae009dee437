import { css, html, nothing } from 'lit';
import {
  REVIEW_KINDS,
  addReview,
  archiveReview,
  setActivityReport,
  setIndicatorReading,
  type ActivityReport,
  type PlanData,
  type Result,
  type Review,
  type ReviewKind,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { formatMoney, formatMoneyList } from '../../shared/domain/money.js';
import { flattenForest } from '../state/matrix-rows.js';
import { RtView } from './rt-view.js';

const KIND_LABELS: Record<ReviewKind, string> = { yearly: 'Yearly review', 'mid-term': 'Mid-term review', final: 'Final review' };
/** Activity rows shown before "Show more". */
const PAGE = 150;

/**
 * Monitoring: pick or open a review period (yearly / mid-term / final), then enter per activity
 * the actual expenditure, result, progress and materialised risks, and per indicator the actual
 * value; see planned vs actual money per goal for that period.
 */
export class RtMonitoring extends RtView {
  static override properties = {
    ...RtView.properties,
    reviewId: { state: true },
    limit: { state: true },
    message: { state: true },
  };
  declare reviewId: string | null;
  declare limit: number;
  declare message: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
      table.m { width: 100%; background: #fff; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); }
      .m th, .m td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.9rem; }
      .m input, .m textarea { width: 100%; min-width: 6rem; }
      .m textarea { min-height: 2.4rem; }
      .m .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
      .m tr.group td { background: #eef3fb; font-weight: 600; }
      .bar { height: 0.5rem; background: #e7ebf2; border-radius: 999px; overflow: hidden; min-width: 5rem; }
      .bar > span { display: block; height: 100%; background: var(--rt-accent); }
      @media (max-width: 700px) {
        .m.activities thead { display: none; }
        .m.activities tr { display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem; padding: 0.5rem; border-bottom: 1px solid var(--rt-line); }
        .m.activities td { border: 0; padding: 0; }
        .m.activities td.title, .m.activities td.wide { grid-column: 1 / -1; }
        .m.activities td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; color: var(--rt-muted); }
      }
    `,
  ];

  constructor() {
    super();
    this.reviewId = null;
    this.limit = PAGE;
    this.message = '';
  }

  private report(r: Result<unknown>): void {
    this.message = r.ok ? '' : r.error.message;
  }

  private open(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const kind = String(data.get('kind')) as ReviewKind;
    const start = String(data.get('start') ?? '') || null;
    const end = String(data.get('end') ?? '') || null;
    const label = String(data.get('label') ?? '').trim() || `${KIND_LABELS[kind]}${start ? ` ${start.slice(0, 4)}` : ''}`;
    const r = addReview(ws.doc, { kind, label, start, end }, ws.origin);
    this.report(r);
    if (r.ok) this.reviewId = r.value;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const reviews = plan.reviews.filter((r) => !r.archived);
    const review = reviews.find((r) => r.id === this.reviewId) ?? reviews[reviews.length - 1] ?? null;
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <section class="card" aria-labelledby="rev-h">
        <h2 id="rev-h" style="margin-top:0">Review period</h2>
        ${reviews.length
          ? html`<label class="field" style="max-width:24rem"
              ><span>Period being reported</span>
              <select data-nav @change=${(e: Event) => (this.reviewId = (e.target as HTMLSelectElement).value)}>
                ${reviews.map((r) => html`<option value=${r.id} ?selected=${r.id === review?.id}>${r.label || KIND_LABELS[r.kind]}${r.start ? ` (${r.start} – ${r.end ?? '…'})` : ''}</option>`)}
              </select></label
            >`
          : html`<p class="empty">No review period yet. Open one to start reporting what happened.</p>`}
        <form class="row" style="margin-top:0.5rem" @submit=${(e: SubmitEvent) => this.open(e, ws)} aria-label="Open a review period">
          <select name="kind" aria-label="Kind of review">${REVIEW_KINDS.map((k) => html`<option value=${k}>${KIND_LABELS[k]}</option>`)}</select>
          <input name="label" aria-label="Review label" placeholder="Label, e.g. Year 1" />
          <input name="start" type="date" aria-label="Review start" />
          <input name="end" type="date" aria-label="Review end" />
          <button type="submit" class="secondary">Open review period</button>
        </form>
        ${review ? html`<button class="quiet" @click=${() => this.report(archiveReview(ws.doc, review.id, ws.origin))}>Archive this period</button>` : nothing}
      </section>
      ${review ? this.renderReview(ws, plan, review) : nothing}
    `;
  }

  private renderReview(ws: Workspace, plan: PlanData, review: Review) {
    const budget = ws.store.budgetFor(review.id);
    const rows = flattenForest(plan, ws.store.forest.goals);
    const reports = new Map(review.activities.map((a) => [a.activityId, a]));
    const readings = new Map(review.indicators.map((i) => [i.indicatorId, i]));
    const acts = rows.filter((r) => r.tree.kind !== 'outcome');
    const shown = acts.slice(0, this.limit);
    const indicators = plan.indicators.filter((i) => !i.archived && ws.store.codes.has(i.nodeId));
    const pct = (planned: number, actual: number) => (planned > 0 ? Math.round((actual / planned) * 100) : null);
    return html`
      <section aria-labelledby="pva-h">
        <h2 id="pva-h">Planned vs actual, per goal</h2>
        ${budget.goals.length === 0
          ? html`<p class="empty">No goals in the matrix yet.</p>`
          : html`<div class="scroll-x"><table class="m">
              <thead><tr><th>Goal</th><th>Planned</th><th>Actual (this period)</th><th>Spent</th><th>Activities reported</th></tr></thead>
              <tbody>
                ${budget.goals.map((g) => {
                  const p = g.planned[0];
                  const a = p ? g.actual.find((x) => x.currency === p.currency) : undefined;
                  const share = p ? pct(p.amount, a?.amount ?? 0) : null;
                  return html`<tr data-goal=${g.id}>
                    <td>${g.code}. ${g.title || 'Untitled goal'}</td>
                    <td class="num">${formatMoneyList(g.planned) || '–'}${g.unknownPlanned ? html`<br /><small class="muted">${g.unknownPlanned} unbudgeted</small>` : nothing}</td>
                    <td class="num">${formatMoneyList(g.actual) || '–'}</td>
                    <td>${share === null ? '–' : html`<div class="bar" role="img" aria-label=${`${share}% of planned spent`}><span style="width:${Math.min(100, share)}%"></span></div>${share}%`}</td>
                    <td>${g.reported} of ${g.activities}</td>
                  </tr>`;
                })}
              </tbody>
            </table></div>`}
      </section>
      <section aria-labelledby="act-h">
        <h2 id="act-h">Activities</h2>
        ${acts.length === 0
          ? html`<p class="empty">No activities in the matrix yet.</p>`
          : html`<div class="scroll-x"><table class="m activities">
              <thead><tr><th>Activity</th><th>Planned</th><th>Actual expenditure</th><th>Result</th><th>Progress</th><th>Risks that materialised</th></tr></thead>
              <tbody>
                ${shown.map((r) => (r.tree.kind === 'activity' ? this.renderActivity(ws, plan, review, r.tree.code, r.node as PlanData['activities'][number], reports.get(r.tree.id)) : html`<tr class="group"><td colspan="6">${r.tree.kind === 'goal' ? 'Goal' : 'Output'} ${r.tree.code} ${r.node.title}</td></tr>`))}
              </tbody>
            </table></div>
            ${shown.length < acts.length ? html`<p><button class="secondary" data-nav @click=${() => (this.limit += PAGE)}>Show more (${acts.length - shown.length} left)</button></p>` : nothing}`}
      </section>
      <section aria-labelledby="ind-h">
        <h2 id="ind-h">Indicators</h2>
        ${indicators.length === 0
          ? html`<p class="empty">No indicators yet. Add them to goals, outcomes or outputs in the implementation matrix.</p>`
          : html`<div class="scroll-x"><table class="m">
              <thead><tr><th>Indicator</th><th>Baseline</th><th>Target</th><th>Actual value</th><th>Note</th></tr></thead>
              <tbody>
                ${indicators.map((i) => {
                  const rd = readings.get(i.id);
                  return html`<tr>
                    <td>${ws.store.codes.get(i.nodeId)?.code ?? ''} ${i.name || 'Unnamed indicator'}${i.unit ? ` (${i.unit})` : ''}</td>
                    <td class="num">${i.baseline?.value ?? '–'}</td>
                    <td class="num">${i.target ? `${i.target.value}${i.target.date ? ` by ${i.target.date}` : ''}` : '–'}</td>
                    <td><input type="number" step="any" aria-label=${`Actual value of ${i.name || 'indicator'}`} .value=${rd?.value === null || rd?.value === undefined ? '' : String(rd.value)} @change=${(e: Event) => {
                      const v = (e.target as HTMLInputElement).value;
                      this.report(setIndicatorReading(ws.doc, review.id, i.id, { value: v === '' ? null : Number(v) }, ws.origin));
                    }} /></td>
                    <td><input aria-label=${`Note on ${i.name || 'indicator'}`} .value=${rd?.note ?? ''} @change=${(e: Event) => this.report(setIndicatorReading(ws.doc, review.id, i.id, { note: (e.target as HTMLInputElement).value }, ws.origin))} /></td>
                  </tr>`;
                })}
              </tbody>
            </table></div>`}
      </section>
    `;
  }

  private renderActivity(ws: Workspace, plan: PlanData, review: Review, code: string, a: PlanData['activities'][number], rep: ActivityReport | undefined) {
    const currency = rep?.expenditure?.currency ?? a.budget?.currency ?? plan.currency ?? 'USD';
    const save = (patch: Partial<Omit<ActivityReport, 'activityId'>>) => this.report(setActivityReport(ws.doc, review.id, a.id, patch, ws.origin));
    const name = `activity ${code}`;
    return html`<tr data-activity=${a.id}>
      <td class="title">${code} ${a.title || html`<span class="muted">Untitled activity</span>`}</td>
      <td class="num" data-label="Planned">${a.budget ? formatMoney(a.budget) : '–'}</td>
      <td data-label=${`Actual (${currency})`}><input type="number" min="0" step="any" aria-label=${`${name} actual expenditure (${currency})`} .value=${rep?.expenditure ? String(rep.expenditure.amount) : ''} @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        save({ expenditure: v === '' ? null : { amount: Number(v), currency } });
      }} /></td>
      <td class="wide" data-label="Result"><textarea rows="1" aria-label=${`${name} result`} .value=${rep?.result ?? ''} @change=${(e: Event) => save({ result: (e.target as HTMLTextAreaElement).value })}></textarea></td>
      <td class="wide" data-label="Progress"><textarea rows="1" aria-label=${`${name} progress`} .value=${rep?.progress ?? ''} @change=${(e: Event) => save({ progress: (e.target as HTMLTextAreaElement).value })}></textarea></td>
      <td class="wide" data-label="Risks that materialised"><textarea rows="1" aria-label=${`${name} risks that materialised`} .value=${rep?.risksMaterialised ?? ''} @change=${(e: Event) => save({ risksMaterialised: (e.target as HTMLTextAreaElement).value })}></textarea></td>
    </tr>`;
  }
}
customElements.define('rt-monitoring', RtMonitoring);

declare global {
  interface HTMLElementTagNameMap {
    'rt-monitoring': RtMonitoring;
  }
}
