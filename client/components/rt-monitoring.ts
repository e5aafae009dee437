import { css, html, nothing, type PropertyValues } from 'lit';
import {
  REVIEW_KINDS,
  REVIEW_REPORTINGS,
  addReview,
  archiveReview,
  setActivityReport,
  setIndicatorReading,
  setReviewField,
  type ActivityReport,
  type Indicator,
  type IndicatorReading,
  type PlanData,
  type ReadingPart,
  type Result,
  type Review,
  type ReviewKind,
  type ReviewReporting,
} from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { formatMoney, formatMoneyList } from '../../shared/domain/money.js';
import { rollupBudget, type BudgetRollup } from '../../shared/domain/budget.js';
import { baselineRows, checkReadingParts, progressRollup, type BaselineRow, type ProgressRollup } from '../../shared/domain/monitoring.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { api } from '../state/api.js';
import { flattenForest } from '../state/matrix-rows.js';
import { RtView } from './rt-view.js';

const KIND_LABELS: Record<ReviewKind, string> = { yearly: 'Yearly review', 'mid-term': 'Mid-term review', final: 'Final review' };
const REPORTING_LABELS: Record<ReviewReporting, string> = {
  period: 'Per period (within its dates)',
  cumulative: 'Cumulative (everything up to its end)',
};
/** Activity rows shown before "Show more". */
const PAGE = 150;

/** The agreed version a review is bound to, once loaded. */
interface Agreed {
  sid: string;
  meta: SnapshotMeta;
  plan: PlanData;
  budget: BudgetRollup;
  rows: Map<string, BaselineRow>;
}

/** "female=40, male=60" -> parts of `dimension`; null when a pair is not `category=number`. */
function parseParts(dimension: string, text: string): ReadingPart[] | null {
  const out: ReadingPart[] = [];
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=:]\s*(-?\d+(?:\.\d+)?)$/.exec(pair);
    if (!m) return null;
    out.push({ dimension, category: m[1]!.trim(), value: Number(m[2]) });
  }
  return out;
}

const pctText = (p: number | null) => (p === null ? '–' : `${Math.round(p)}%`);

/**
 * Monitoring: pick or open a review period (yearly / mid-term / final), say whether it reports per
 * period or cumulatively (SPEC RV1) and which agreed version it measures against (RV4); then, per
 * output as in the handbook's monitoring matrix, enter per activity the actual expenditure, result,
 * progress and materialised risks, and per indicator the actual value and its parts (IN7), and
 * see progress to target per indicator, output, outcome and goal (IN4-IN6) and what changed in the
 * live plan since the agreed version (RV5). The review can be saved as a version (RV5).
 */
export class RtMonitoring extends RtView {
  static override properties = {
    ...RtView.properties,
    reviewId: { state: true },
    limit: { state: true },
    message: { state: true },
    snapshots: { state: true },
    agreed: { state: true },
    busy: { state: true },
  };
  declare reviewId: string | null;
  declare limit: number;
  declare message: string;
  declare snapshots: SnapshotMeta[] | null;
  declare agreed: Agreed | null;
  declare busy: boolean;
  private loading: string | null = null;
  /** The bound version that could not be opened (not asked for again until another is chosen). */
  private failedSid: string | null = null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      table.m { width: 100%; background: #fff; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); border-collapse: collapse; }
      .m th, .m td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.9rem; }
      .m input, .m textarea { width: 100%; min-width: 6rem; }
      .m textarea { min-height: 2.4rem; }
      .m .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
      .m tr.group td, .m tr.group th { background: #eef3fb; font-weight: 600; }
      .m tr.lvl-outcome th { padding-left: 1.2rem; }
      .m tr.lvl-output th { padding-left: 2.4rem; font-weight: 500; }
      .bar { height: 0.5rem; background: #e7ebf2; border-radius: 999px; overflow: hidden; min-width: 5rem; }
      .bar > span { display: block; height: 100%; background: var(--rt-accent); }
      .changed { font-size: 0.8rem; color: #7a4b00; margin: 0.2rem 0 0; padding-left: 1rem; }
      .agreed { font-size: 0.8rem; color: var(--rt-muted); display: block; }
      .problem { font-size: 0.8rem; color: #a11; display: block; }
      section.output { margin: 1rem 0; }
      section.output h3 { font-size: 1rem; margin: 0.4rem 0; }
      .settings { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
      .settings .field { min-width: 14rem; flex: 1; }
      @media (max-width: 700px) {
        .m.activities thead, .m.indicators thead { display: none; }
        .m.activities tr, .m.indicators tr { display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem; padding: 0.5rem; border-bottom: 1px solid var(--rt-line); }
        .m.activities td, .m.indicators td { border: 0; padding: 0; }
        .m td.title, .m td.wide { grid-column: 1 / -1; }
        .m td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; color: var(--rt-muted); }
        .settings .field { min-width: 100%; }
      }
    `,
  ];

  constructor() {
    super();
    this.reviewId = null;
    this.limit = PAGE;
    this.message = '';
    this.snapshots = null;
    this.agreed = null;
    this.busy = false;
  }

  private report(r: Result<unknown>): void {
    this.message = r.ok ? '' : r.error.message;
  }

  private open(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const kind = String(data.get('kind')) as ReviewKind;
    const reporting = String(data.get('reporting') ?? 'period') as ReviewReporting;
    const start = String(data.get('start') ?? '') || null;
    const end = String(data.get('end') ?? '') || null;
    const label = String(data.get('label') ?? '').trim() || `${KIND_LABELS[kind]}${start ? ` ${start.slice(0, 4)}` : ''}`;
    const r = addReview(ws.doc, { kind, label, start, end, reporting }, ws.origin);
    this.report(r);
    if (r.ok) this.reviewId = r.value;
  }

  private current(ws: Workspace): Review | null {
    const reviews = ws.store.plan.reviews.filter((r) => !r.archived);
    return reviews.find((r) => r.id === this.reviewId) ?? reviews[reviews.length - 1] ?? null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const ws = this.ws;
    if (!ws) return;
    if (this.snapshots === null && !ws.readonly && this.loading !== 'list') void this.loadSnapshots(ws);
    const sid = this.current(ws)?.baselineSnapshotId ?? null;
    if (sid && this.agreed?.sid !== sid && this.loading !== sid && this.failedSid !== sid) void this.loadAgreed(ws, sid);
    if (!sid && this.agreed) this.agreed = null;
  }

  private async loadSnapshots(ws: Workspace): Promise<void> {
    this.loading = 'list';
    try {
      this.snapshots = await api.snapshots(ws.store.plan.id);
    } catch (err) {
      this.snapshots = [];
      this.message = `Could not list the agreed versions: ${(err as Error).message}`;
    } finally {
      this.loading = null;
    }
  }

  private async loadAgreed(ws: Workspace, sid: string): Promise<void> {
    this.loading = sid;
    try {
      const snap = await api.snapshot(ws.store.plan.id, sid);
      const { plan, ...meta } = snap;
      this.agreed = { sid, meta, plan, budget: rollupBudget(plan), rows: new Map() };
    } catch (err) {
      this.failedSid = sid;
      this.message = `Could not open the agreed version this review is bound to: ${(err as Error).message}`;
    } finally {
      this.loading = null;
    }
  }

  /** Saves the live plan, with this review, as a named version (RV5); facilitators may endorse it at once. */
  private async snapshotReview(ws: Workspace, review: Review, status: 'final' | 'endorsed'): Promise<void> {
    if (status === 'endorsed' && !confirm(`Endorse the review “${review.label || KIND_LABELS[review.kind]}”? An endorsed version can never be changed or deleted.`)) return;
    this.busy = true;
    try {
      const meta = await api.takeSnapshot(ws.store.plan.id, {
        name: `Review: ${review.label || KIND_LABELS[review.kind]}`,
        note: `${KIND_LABELS[review.kind]}${review.start || review.end ? ` ${review.start ?? '…'} – ${review.end ?? '…'}` : ''}, ${review.reporting} reporting`,
        status,
      });
      this.snapshots = [...(this.snapshots ?? []), meta];
      this.message = '';
      this.announce = `Saved as version “${meta.name}”${status === 'endorsed' ? ', endorsed' : ''}.`;
    } catch (err) {
      this.message = `Could not save the review as a version: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
  private announce = '';

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const reviews = plan.reviews.filter((r) => !r.archived);
    const review = this.current(ws);
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <p class="sr-only" role="status">${this.announce}</p>
      <section class="card" aria-labelledby="rev-h">
        <h2 id="rev-h" style="margin-top:0">Review period</h2>
        ${reviews.length
          ? html`<label class="field" style="max-width:24rem"
              ><span>Period being reported</span>
              <select data-nav @change=${(e: Event) => (this.reviewId = (e.target as HTMLSelectElement).value)}>
                ${reviews.map((r) => html`<option value=${r.id} ?selected=${r.id === review?.id}>${r.label || KIND_LABELS[r.kind]}${r.start || r.end ? ` (${r.start ?? '…'} – ${r.end ?? '…'})` : ''}</option>`)}
              </select></label
            >`
          : html`<p class="empty">No review period yet. Open one to start reporting what happened.</p>`}
        <form class="row" style="margin-top:0.5rem" @submit=${(e: SubmitEvent) => this.open(e, ws)} aria-label="Open a review period">
          <select name="kind" aria-label="Kind of review">${REVIEW_KINDS.map((k) => html`<option value=${k}>${KIND_LABELS[k]}</option>`)}</select>
          <input name="label" aria-label="Review label" placeholder="Label, e.g. Year 1" />
          <input name="start" type="date" aria-label="Review start" />
          <input name="end" type="date" aria-label="Review end" />
          <select name="reporting" aria-label="How money is reported">${REVIEW_REPORTINGS.map((k) => html`<option value=${k}>${k === 'period' ? 'Per period' : 'Cumulative'}</option>`)}</select>
          <button type="submit" class="secondary">Open review period</button>
        </form>
        ${review ? this.renderSettings(ws, review) : nothing}
      </section>
      ${review ? this.renderReview(ws, plan, review) : nothing}
    `;
  }

  /** How the review reports (RV1), what it is measured against (RV4), and saving it as a version (RV5). */
  private renderSettings(ws: Workspace, review: Review) {
    const snaps = this.snapshots ?? [];
    const sid = review.baselineSnapshotId;
    const bound = sid ? snaps.find((s) => s.id === sid) : undefined;
    return html`<div class="settings" style="margin-top:0.6rem">
        <label class="field"
          ><span>Money in this review is reported</span>
          <select aria-label="How money in this review is reported" @change=${(e: Event) => this.report(setReviewField(ws.doc, review.id, 'reporting', (e.target as HTMLSelectElement).value as ReviewReporting, ws.origin))}>
            ${REVIEW_REPORTINGS.map((k) => html`<option value=${k} ?selected=${k === review.reporting}>${REPORTING_LABELS[k]}</option>`)}
          </select></label
        >
        <label class="field"
          ><span>Measured against</span>
          <select aria-label="Agreed version this review is measured against" @change=${(e: Event) => this.report(setReviewField(ws.doc, review.id, 'baselineSnapshotId', (e.target as HTMLSelectElement).value || null, ws.origin))}>
            <option value="" ?selected=${!sid}>The live plan (targets may still move)</option>
            ${sid && !bound ? html`<option value=${sid} selected>${this.agreed?.sid === sid ? this.agreed.meta.name : 'Agreed version'} (${sid})</option>` : nothing}
            ${snaps.map((s) => html`<option value=${s.id} ?selected=${s.id === sid}>${s.name}${s.status === 'endorsed' ? ' (endorsed)' : ` (${s.status})`} · ${s.createdAt.slice(0, 10)}</option>`)}
          </select></label
        >
        <div class="row">
          <button class="secondary" ?disabled=${this.busy} @click=${() => this.snapshotReview(ws, review, 'final')}>Save this review as a version</button>
          ${ws.facilitator ? html`<button class="secondary" ?disabled=${this.busy} @click=${() => this.snapshotReview(ws, review, 'endorsed')}>Save and endorse</button>` : nothing}
          <button class="quiet" @click=${() => this.report(archiveReview(ws.doc, review.id, ws.origin))}>Archive this period</button>
        </div>
      </div>
      ${sid
        ? html`<p class="muted" data-bound>
            ${this.agreed?.sid === sid
              ? html`Targets and budgets below are those of <strong>${this.agreed.meta.name}</strong>${this.agreed.meta.status === 'endorsed' ? ' (endorsed)' : ''}, taken ${this.agreed.meta.createdAt.slice(0, 10)}. Changes made to the live plan since are named under each row.`
              : this.failedSid === sid
                ? html`The agreed version this review is bound to cannot be opened: live targets and budgets are shown. Choose another under “Measured against”.`
                : html`Opening the agreed version…`}
          </p>`
        : snaps.length === 0 && !ws.readonly
          ? html`<p class="muted">No agreed version yet: save one in Versions (or with the button above) to measure this review against what was agreed.</p>`
          : nothing}`;
  }

  private renderReview(ws: Workspace, live: PlanData, review: Review) {
    const agreed = this.agreed && this.agreed.sid === review.baselineSnapshotId ? this.agreed : null;
    const agreedPlan = agreed?.plan ?? live;
    const rows = agreed ? this.baselineOf(agreed, live) : new Map<string, BaselineRow>();
    const planned = agreed ? agreed.budget : ws.store.budget;
    const actual = ws.store.budgetFor(review.id);
    const progress = progressRollup(live, review.id, agreedPlan);
    const goalActual = new Map(actual.goals.map((g) => [g.id, g]));
    const pct = (p: number, a: number) => (p > 0 ? Math.round((a / p) * 100) : null);
    return html`
      <section aria-labelledby="pva-h">
        <h2 id="pva-h">Planned vs actual, and progress to target, per goal</h2>
        ${planned.goals.length === 0
          ? html`<p class="empty">No goals in the matrix yet.</p>`
          : html`<div class="scroll-x"><table class="m">
              <thead><tr><th>Goal</th><th>Planned${agreed ? ' (agreed)' : ''}</th><th>Actual (this period)</th><th>Spent</th><th>Progress to target</th></tr></thead>
              <tbody>
                ${planned.goals.map((g) => {
                  const act = goalActual.get(g.id);
                  const p = g.planned[0];
                  const a = p ? act?.actual.find((x) => x.currency === p.currency) : undefined;
                  const share = p ? pct(p.amount, a?.amount ?? 0) : null;
                  return html`<tr data-goal=${g.id}>
                    <td>${g.code}. ${g.title || 'Untitled goal'}</td>
                    <td class="num">${formatMoneyList(g.planned) || '–'}${g.unknownPlanned ? html`<br /><small class="muted">${g.unknownPlanned} unbudgeted</small>` : nothing}</td>
                    <td class="num">${formatMoneyList(act?.actual ?? []) || '–'}</td>
                    <td>${share === null ? '–' : html`<div class="bar" role="img" aria-label=${`${share}% of planned spent`}><span style="width:${Math.min(100, share)}%"></span></div>${share}%`}</td>
                    <td>${this.progressCell(progress, g.id)}</td>
                  </tr>`;
                })}
              </tbody>
            </table></div>`}
        <p class="muted">Progress to target: each indicator's (actual − baseline) ÷ (target − baseline); a row shows the mean of its indicators and those below it, each counted up to 100%.${review.reporting === 'cumulative' ? ' This review reports money cumulatively: its figures include earlier periods, and totals count them once.' : ''}</p>
      </section>
      ${this.renderMatrix(ws, live, agreedPlan, review, rows, progress)}
    `;
  }

  /** The agreed-vs-live rows (RV5), computed once per live plan projection and agreed version. */
  private baselineOf(agreed: Agreed, live: PlanData): Map<string, BaselineRow> {
    if (this.baselineMemo?.live !== live || this.baselineMemo.sid !== agreed.sid) {
      this.baselineMemo = { live, sid: agreed.sid, rows: new Map(baselineRows(agreed.plan, live).map((r) => [r.id, r])) };
    }
    return this.baselineMemo.rows;
  }
  private baselineMemo: { live: PlanData; sid: string; rows: Map<string, BaselineRow> } | null = null;

  private progressCell(progress: ProgressRollup, id: string) {
    const n = progress.nodes.get(id);
    if (!n || n.percent === null) return html`<span class="muted">${n?.indicators ? 'not measured yet' : 'no indicator'}</span>`;
    const p = Math.round(n.percent);
    return html`<div class="bar" role="img" aria-label=${`${p}% of target reached`}><span style="width:${Math.min(100, p)}%"></span></div>${p}% <small class="muted">(${n.measured} of ${n.indicators} measured)</small>`;
  }

  /** The handbook's monitoring matrix, one block per output (activities, then the output's and its activities' indicators). */
  private renderMatrix(ws: Workspace, live: PlanData, agreed: PlanData, review: Review, rows: Map<string, BaselineRow>, progress: ProgressRollup) {
    const flat = flattenForest(live, ws.store.forest.goals);
    const reports = new Map(review.activities.map((a) => [a.activityId, a]));
    const readings = new Map(review.indicators.map((i) => [i.indicatorId, i]));
    const byNode = new Map<string, Indicator[]>();
    for (const i of live.indicators) if (!i.archived) byNode.set(i.nodeId, [...(byNode.get(i.nodeId) ?? []), i]);
    const agreedActs = new Map(agreed.activities.map((a) => [a.id, a]));
    const agreedInds = new Map(agreed.indicators.map((i) => [i.id, i]));
    const ip = new Map(progress.indicators.map((p) => [p.indicatorId, p]));
    const upper = flat.filter((r) => r.tree.kind === 'goal' || r.tree.kind === 'outcome').filter((r) => byNode.has(r.tree.id));
    const outputs = flat.filter((r) => r.tree.kind === 'output');
    const actsOf = new Map<string, typeof flat>();
    for (const r of flat) if (r.tree.kind === 'activity' && r.parentId) actsOf.set(r.parentId, [...(actsOf.get(r.parentId) ?? []), r]);
    let budget = this.limit;
    const shownOutputs = outputs.filter((o) => {
      if (budget <= 0) return false;
      budget -= Math.max(1, o.tree.children.length);
      return true;
    });
    const indRows = (list: Indicator[], code: (i: Indicator) => string) =>
      list.map((i) => this.renderIndicator(ws, review, i, agreedInds.get(i.id) ?? i, code(i), readings.get(i.id), ip.get(i.id)?.percent ?? null, ip.get(i.id)?.target?.value ?? null, rows.get(i.id)));
    const codeOf = (id: string) => ws.store.codes.get(id)?.code ?? '';
    return html`
      ${upper.length
        ? html`<section aria-labelledby="upper-h">
            <h2 id="upper-h">Goal and outcome indicators</h2>
            ${this.indicatorTable(indRows(upper.flatMap((r) => byNode.get(r.tree.id) ?? []), (i) => `${ws.store.codes.get(i.nodeId) ? `${live.goals.some((g) => g.id === i.nodeId) ? 'Goal' : 'Outcome'} ${codeOf(i.nodeId)}` : ''}`), 'upper-h')}
          </section>`
        : nothing}
      <section aria-labelledby="mm-h">
        <h2 id="mm-h">Monitoring matrix, per output</h2>
        ${outputs.length === 0
          ? html`<p class="empty">No outputs in the matrix yet. Add outcomes, outputs and activities in the implementation matrix first.</p>`
          : shownOutputs.map((o) => {
              const oActs = actsOf.get(o.tree.id) ?? [];
              const inds = [...(byNode.get(o.tree.id) ?? []), ...oActs.flatMap((a) => byNode.get(a.tree.id) ?? [])];
              const hid = `out-${o.tree.id}`;
              return html`<section class="output" aria-labelledby=${hid} data-output=${o.tree.id}>
                <h3 id=${hid}>Output ${o.tree.code} ${o.node.title || html`<span class="muted">Untitled output</span>`} · <span class="muted">progress</span> ${pctText(progress.nodes.get(o.tree.id)?.percent ?? null)}</h3>
                ${oActs.length === 0
                  ? html`<p class="empty">No activities under this output yet.</p>`
                  : html`<div class="scroll-x"><table class="m activities" aria-labelledby=${hid}>
                      <thead><tr><th>Activity</th><th>Planned${rows.size ? ' (agreed)' : ''}</th><th>Actual expenditure</th><th>Result</th><th>Progress</th><th>Risks that materialised</th></tr></thead>
                      <tbody>${oActs.map((r) => this.renderActivity(ws, live, review, r.tree.code, r.node as PlanData['activities'][number], agreedActs.get(r.tree.id), reports.get(r.tree.id), rows.get(r.tree.id)))}</tbody>
                    </table></div>`}
                ${inds.length
                  ? this.indicatorTable(indRows(inds, (i) => (i.nodeId === o.tree.id ? '' : `Activity ${codeOf(i.nodeId)}`)), hid)
                  : html`<p class="muted">No indicators on this output or its activities yet: add them in the implementation matrix.</p>`}
              </section>`;
            })}
        ${shownOutputs.length < outputs.length ? html`<p><button class="secondary" data-nav @click=${() => (this.limit += PAGE)}>Show more (${outputs.length - shownOutputs.length} outputs left)</button></p>` : nothing}
      </section>
    `;
  }

  private indicatorTable(body: unknown, labelledBy: string) {
    return html`<div class="scroll-x"><table class="m indicators" aria-labelledby=${labelledBy}>
      <thead><tr><th>Indicator</th><th>Baseline</th><th>Target</th><th>Actual value</th><th>Actual by disaggregation</th><th>Note</th><th>Progress</th></tr></thead>
      <tbody>${body}</tbody>
    </table></div>`;
  }

  private renderIndicator(ws: Workspace, review: Review, i: Indicator, def: Indicator, where: string, rd: IndicatorReading | undefined, percent: number | null, target: number | null, row: BaselineRow | undefined) {
    const name = i.name || 'Unnamed indicator';
    const save = (patch: Partial<Omit<IndicatorReading, 'indicatorId'>>) => this.report(setIndicatorReading(ws.doc, review.id, i.id, patch, ws.origin));
    const problems = rd ? checkReadingParts(i, rd) : [];
    const qualitative = def.measurement === 'qualitative';
    return html`<tr data-indicator=${i.id}>
      <td class="title">${where ? html`<small class="muted">${where}</small> ` : nothing}${name}${i.unit ? ` (${i.unit})` : ''}
        ${row?.changes.length ? html`<ul class="changed" aria-label=${`Changed since the agreed version: ${name}`}>${row.changes.map((c) => html`<li>${c.summary}</li>`)}</ul>` : nothing}</td>
      <td class="num" data-label="Baseline">${def.baseline?.value ?? '–'}</td>
      <td class="num" data-label="Target" data-target>${qualitative ? html`<span class="muted">qualitative</span>` : target === null ? '–' : target}${row && row.agreedTarget !== row.liveTarget ? html`<span class="agreed">live plan now: ${row.liveTarget ?? 'none'}</span>` : nothing}</td>
      <td data-label="Actual"><input type="number" step="any" aria-label=${`Actual value of ${name}`} .value=${rd?.value === null || rd?.value === undefined ? '' : String(rd.value)} @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        save({ value: v === '' ? null : Number(v) });
      }} /></td>
      <td class="wide" data-label="Actual by disaggregation">${i.disaggregation.length === 0
        ? html`<span class="muted">no disaggregation</span>`
        : i.disaggregation.map((dim) => html`<label class="field"><span>${dim}</span><input aria-label=${`${name}: actual by ${dim}`} placeholder="e.g. female=40, male=60" .value=${(rd?.parts ?? []).filter((p) => p.dimension === dim).map((p) => `${p.category}=${p.value}`).join(', ')} @change=${(e: Event) => {
            const parts = parseParts(dim, (e.target as HTMLInputElement).value);
            if (!parts) {
              this.message = `Write the ${dim} parts of “${name}” as category=number pairs separated by commas, e.g. female=40, male=60.`;
              return;
            }
            save({ parts: [...(rd?.parts ?? []).filter((p) => p.dimension !== dim), ...parts] });
          }} /></label>`)}
        ${problems.map((p) => html`<span class="problem" role="note">${p.message}</span>`)}</td>
      <td class="wide" data-label="Note"><input aria-label=${`Note on ${name}`} .value=${rd?.note ?? ''} @change=${(e: Event) => save({ note: (e.target as HTMLInputElement).value })} /></td>
      <td data-label="Progress" data-progress>${percent === null ? html`<span class="muted">–</span>` : pctText(percent)}</td>
    </tr>`;
  }

  private renderActivity(ws: Workspace, plan: PlanData, review: Review, code: string, a: PlanData['activities'][number], agreed: PlanData['activities'][number] | undefined, rep: ActivityReport | undefined, row: BaselineRow | undefined) {
    const budget = row ? (agreed?.budget ?? null) : a.budget;
    const currency = rep?.expenditure?.currency ?? budget?.currency ?? a.budget?.currency ?? plan.currency ?? 'USD';
    const save = (patch: Partial<Omit<ActivityReport, 'activityId'>>) => this.report(setActivityReport(ws.doc, review.id, a.id, patch, ws.origin));
    const name = `activity ${code}`;
    return html`<tr data-activity=${a.id}>
      <td class="title">${code} ${a.title || html`<span class="muted">Untitled activity</span>`}
        ${row?.changes.length ? html`<ul class="changed" aria-label=${`Changed since the agreed version: ${name}`}>${row.changes.map((c) => html`<li>${c.summary}</li>`)}</ul>` : nothing}</td>
      <td class="num" data-label="Planned">${budget ? formatMoney(budget) : row && !agreed ? html`<span class="muted">added since</span>` : '–'}</td>
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
