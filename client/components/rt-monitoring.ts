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
import { t, fmt } from '../i18n.js';
import { rollupBudget, type BudgetRollup } from '../../shared/domain/budget.js';
import { messageText } from '../../shared/domain/issue-text.js';
import { changeText } from './rt-version-diff.js';
import { baselineRows, checkReadingParts, progressRollup, type BaselineRow, type ProgressRollup } from '../../shared/domain/monitoring.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { api } from '../state/api-routes.js';
import { flattenForest } from '../state/matrix-rows.js';
import { moneyList } from '../money.js';
import { RtView } from './rt-view.js';
import { errorBox, type Notice, failureText } from '../command-text.js';

/** The name of a kind of review in the reader's language. */
const kindLabel = (kind: ReviewKind) => t(`monitoring:kinds.${kind}`);
/** Sums in several currencies, each in the reader's format ("USD 5,000.00 + EUR 300.00"). */
/** A figure in the reader's format, or a dash. */
const numOr = (n: number | null | undefined) => (n === null || n === undefined ? '–' : fmt.number(n));
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

const pctText = (p: number | null) => (p === null ? '–' : fmt.percent(Math.round(p) / 100));

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
  declare message: Notice;
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
      .m th, .m td { text-align: start; padding-block: 0.3rem; padding-inline: 0.4rem; border-block-end: 1px solid var(--rt-line); vertical-align: top; font-size: 0.9rem; }
      .m input, .m textarea { width: 100%; min-width: 6rem; }
      .m textarea { min-height: 2.4rem; }
      .m .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
      .m tr.group td, .m tr.group th { background: #eef3fb; font-weight: 600; }
      .m tr.lvl-outcome th { padding-inline-start: 1.2rem; }
      .m tr.lvl-output th { padding-inline-start: 2.4rem; font-weight: 500; }
      .bar { height: 0.5rem; background: #e7ebf2; border-radius: 999px; overflow: hidden; min-width: 5rem; }
      .bar > span { display: block; height: 100%; background: var(--rt-accent); }
      .changed { font-size: 0.8rem; color: #7a4b00; margin: 0; margin-block-start: 0.2rem; padding-inline-start: 1rem; }
      .agreed { font-size: 0.8rem; color: var(--rt-muted); display: block; }
      .problem { font-size: 0.8rem; color: #a11; display: block; }
      section.output { margin-block: 1rem; }
      section.output h3 { font-size: 1rem; margin-block: 0.4rem; overflow-wrap: anywhere; }
      .settings { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
      .settings .field { min-width: 14rem; flex: 1; }
      @media (max-width: 700px) {
        .m.activities thead, .m.indicators thead, .m.goals thead { display: none; }
        .m.activities tr, .m.indicators tr, .m.goals tr { display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem; padding: 0.5rem; border-block-end: 1px solid var(--rt-line); }
        .m.activities td, .m.indicators td, .m.goals td { border: 0; padding: 0; }
        .m.goals td:first-child { grid-column: 1 / -1; font-weight: 600; }
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
    this.message = r.ok ? '' : r.error;
  }

  private open(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const kind = String(data.get('kind')) as ReviewKind;
    const reporting = String(data.get('reporting') ?? 'period') as ReviewReporting;
    const start = String(data.get('start') ?? '') || null;
    const end = String(data.get('end') ?? '') || null;
    const label = String(data.get('label') ?? '').trim() || `${kindLabel(kind)}${start ? ` ${start.slice(0, 4)}` : ''}`;
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
      this.message = () => t('monitoring:listFailed', { error: failureText(err, this) });
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
      this.message = () => t('monitoring:openFailed', { error: failureText(err, this) });
    } finally {
      this.loading = null;
    }
  }

  /** Saves the live plan, with this review, as a named version (RV5); facilitators may endorse it at once. */
  private async snapshotReview(ws: Workspace, review: Review, status: 'final' | 'endorsed'): Promise<void> {
    if (status === 'endorsed' && !confirm(t('monitoring:confirmEndorse', { label: review.label || kindLabel(review.kind) }))) return;
    this.busy = true;
    try {
      const meta = await api.takeSnapshot(ws.store.plan.id, {
        name: `Review: ${review.label || kindLabel(review.kind)}`,
        note: `${kindLabel(review.kind)}${review.start || review.end ? ` ${review.start ?? '…'} – ${review.end ?? '…'}` : ''}, ${review.reporting} reporting`,
        status,
      });
      this.snapshots = [...(this.snapshots ?? []), meta];
      this.message = '';
      this.announce = t(status === 'endorsed' ? 'monitoring:savedEndorsed' : 'monitoring:saved', { name: meta.name });
    } catch (err) {
      this.message = () => t('monitoring:saveFailed', { error: failureText(err, this) });
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
      ${errorBox(this.message, this)}
      <p class="sr-only" role="status">${this.announce}</p>
      <section class="card" aria-labelledby="rev-h">
        <h2 id="rev-h" style="margin-block-start:0">${t('monitoring:reviewPeriod')}</h2>
        ${reviews.length
          ? html`<label class="field" style="max-width:24rem"
              ><span>${t('monitoring:periodReported')}</span>
              <select data-nav @change=${(e: Event) => (this.reviewId = (e.target as HTMLSelectElement).value)}>
                ${reviews.map((r) => html`<option value=${r.id} ?selected=${r.id === review?.id}>${r.label || kindLabel(r.kind)}${r.start || r.end ? ` (${r.start ? fmt.date(r.start) : '…'} – ${r.end ? fmt.date(r.end) : '…'})` : ''}</option>`)}
              </select></label
            >`
          : html`<p class="empty">${t('monitoring:noReview')}</p>`}
        <form class="row" style="margin-block-start:0.5rem" @submit=${(e: SubmitEvent) => this.open(e, ws)} aria-label=${t('monitoring:openForm')}>
          <select name="kind" aria-label=${t('monitoring:kind')}>${REVIEW_KINDS.map((k) => html`<option value=${k}>${kindLabel(k)}</option>`)}</select>
          <input name="label" dir="auto" aria-label=${t('monitoring:label')} placeholder=${t('monitoring:labelPlaceholder')} />
          <input name="start" type="date" aria-label=${t('monitoring:start')} />
          <input name="end" type="date" aria-label=${t('monitoring:end')} />
          <select name="reporting" aria-label=${t('monitoring:howMoney')}>${REVIEW_REPORTINGS.map((k) => html`<option value=${k}>${t(`monitoring:reportingShort.${k}`)}</option>`)}</select>
          <button type="submit" class="secondary">${t('monitoring:open')}</button>
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
    return html`<div class="settings" style="margin-block-start:0.6rem">
        <label class="field"
          ><span>${t('monitoring:moneyReported')}</span>
          <select aria-label=${t('monitoring:moneyReportedLabel')} @change=${(e: Event) => this.report(setReviewField(ws.doc, review.id, 'reporting', (e.target as HTMLSelectElement).value as ReviewReporting, ws.origin))}>
            ${REVIEW_REPORTINGS.map((k) => html`<option value=${k} ?selected=${k === review.reporting}>${t(`monitoring:reportings.${k}`)}</option>`)}
          </select></label
        >
        <label class="field"
          ><span>${t('monitoring:measuredAgainst')}</span>
          <select aria-label=${t('monitoring:measuredAgainstLabel')} @change=${(e: Event) => this.report(setReviewField(ws.doc, review.id, 'baselineSnapshotId', (e.target as HTMLSelectElement).value || null, ws.origin))}>
            <option value="" ?selected=${!sid}>${t('monitoring:livePlan')}</option>
            ${sid && !bound ? html`<option value=${sid} selected>${this.agreed?.sid === sid ? this.agreed.meta.name : t('monitoring:agreedVersion')} (${sid})</option>` : nothing}
            ${snaps.map((s) => html`<option value=${s.id} ?selected=${s.id === sid}>${s.name}${s.status === 'endorsed' ? ` ${t('monitoring:endorsed')}` : ` (${s.status})`} · ${fmt.date(s.createdAt.slice(0, 10))}</option>`)}
          </select></label
        >
        <div class="row">
          <button class="secondary" ?disabled=${this.busy} @click=${() => this.snapshotReview(ws, review, 'final')}>${t('monitoring:saveVersion')}</button>
          ${ws.facilitator ? html`<button class="secondary" ?disabled=${this.busy} @click=${() => this.snapshotReview(ws, review, 'endorsed')}>${t('monitoring:saveEndorse')}</button>` : nothing}
          <button class="quiet" @click=${() => this.report(archiveReview(ws.doc, review.id, ws.origin))}>${t('monitoring:archive')}</button>
        </div>
      </div>
      ${sid
        ? html`<p class="muted" data-bound>
            ${this.agreed?.sid === sid
              ? html`${t('monitoring:boundBefore')} <strong dir="auto">${this.agreed.meta.name}</strong>${t('monitoring:boundAfter', { endorsed: this.agreed.meta.status === 'endorsed' ? ` ${t('monitoring:endorsed')}` : '', date: fmt.date(this.agreed.meta.createdAt.slice(0, 10)) })}`
              : this.failedSid === sid
                ? t('monitoring:boundFailed')
                : t('monitoring:opening')}
          </p>`
        : snaps.length === 0 && !ws.readonly
          ? html`<p class="muted">${t('monitoring:noVersion')}</p>`
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
        <h2 id="pva-h">${t('monitoring:pvaHeading')}</h2>
        ${planned.goals.length === 0
          ? html`<p class="empty">${t('monitoring:noGoals')}</p>`
          : html`<div class="scroll-x"><table class="m goals">
              <thead><tr><th>${t('monitoring:goal')}</th><th>${t(agreed ? 'monitoring:plannedAgreed' : 'monitoring:planned')}</th><th>${t('monitoring:actualPeriod')}</th><th>${t('monitoring:spent')}</th><th>${t('monitoring:progressToTarget')}</th></tr></thead>
              <tbody>
                ${planned.goals.map((g) => {
                  const act = goalActual.get(g.id);
                  const p = g.planned[0];
                  const a = p ? act?.actual.find((x) => x.currency === p.currency) : undefined;
                  const share = p ? pct(p.amount, a?.amount ?? 0) : null;
                  return html`<tr data-goal=${g.id}>
                    <td data-label=${t('monitoring:goal')}><bdi>${g.code}.</bdi> <span dir="auto">${g.title || t('monitoring:untitledGoal')}</span></td>
                    <td class="num" data-label=${t('monitoring:planned')}>${moneyList(g.planned) || '–'}${g.unknownPlanned ? html`<br /><small class="muted">${t('monitoring:unbudgeted', { count: g.unknownPlanned })}</small>` : nothing}</td>
                    <td class="num" data-label=${t('monitoring:actualPeriod')}>${moneyList(act?.actual ?? []) || '–'}</td>
                    <td data-label=${t('monitoring:spent')}>${share === null ? '–' : html`<div class="bar" role="img" aria-label=${t('monitoring:spentOf', { percent: fmt.percent(share / 100) })}><span style="inline-size:${Math.min(100, share)}%"></span></div>${fmt.percent(share / 100)}`}</td>
                    <td data-label=${t('monitoring:progressToTarget')}>${this.progressCell(progress, g.id)}</td>
                  </tr>`;
                })}
              </tbody>
            </table></div>`}
        <p class="muted">${t('monitoring:explain')}${review.reporting === 'cumulative' ? ` ${t('monitoring:explainCumulative')}` : ''}</p>
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
    if (!n || n.percent === null) return html`<span class="muted">${n?.indicators ? t('monitoring:notMeasured') : t('monitoring:noIndicator')}</span>`;
    const p = Math.round(n.percent);
    return html`<div class="bar" role="img" aria-label=${t('monitoring:reached', { percent: fmt.percent(p / 100) })}><span style="inline-size:${Math.min(100, p)}%"></span></div>${fmt.percent(p / 100)} <small class="muted">${t('monitoring:measured', { measured: n.measured, count: n.indicators })}</small>`;
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
            <h2 id="upper-h">${t('monitoring:upperHeading')}</h2>
            ${this.indicatorTable(indRows(upper.flatMap((r) => byNode.get(r.tree.id) ?? []), (i) => (ws.store.codes.get(i.nodeId) ? t(live.goals.some((g) => g.id === i.nodeId) ? 'monitoring:goalCode' : 'monitoring:outcomeCode', { code: codeOf(i.nodeId) }) : '')), 'upper-h')}
          </section>`
        : nothing}
      <section aria-labelledby="mm-h">
        <h2 id="mm-h">${t('monitoring:matrixHeading')}</h2>
        ${outputs.length === 0
          ? html`<p class="empty">${t('monitoring:noOutputs')}</p>`
          : shownOutputs.map((o) => {
              const oActs = actsOf.get(o.tree.id) ?? [];
              const inds = [...(byNode.get(o.tree.id) ?? []), ...oActs.flatMap((a) => byNode.get(a.tree.id) ?? [])];
              const hid = `out-${o.tree.id}`;
              return html`<section class="output" aria-labelledby=${hid} data-output=${o.tree.id}>
                <h3 id=${hid}>${t('monitoring:output', { code: o.tree.code })} ${o.node.title ? html`<span dir="auto">${o.node.title}</span>` : html`<span class="muted">${t('monitoring:untitledOutput')}</span>`} · <span class="muted">${t('monitoring:progress')}</span> ${pctText(progress.nodes.get(o.tree.id)?.percent ?? null)}</h3>
                ${oActs.length === 0
                  ? html`<p class="empty">${t('monitoring:noActivities')}</p>`
                  : html`<div class="scroll-x"><table class="m activities" aria-labelledby=${hid}>
                      <thead><tr><th>${t('monitoring:activity')}</th><th>${t(rows.size ? 'monitoring:plannedAgreed' : 'monitoring:planned')}</th><th>${t('monitoring:actualExpenditure')}</th><th>${t('monitoring:result')}</th><th>${t('monitoring:progressCol')}</th><th>${t('monitoring:risks')}</th></tr></thead>
                      <tbody>${oActs.map((r) => this.renderActivity(ws, live, review, r.tree.code, r.node as PlanData['activities'][number], agreedActs.get(r.tree.id), reports.get(r.tree.id), rows.get(r.tree.id)))}</tbody>
                    </table></div>`}
                ${inds.length
                  ? this.indicatorTable(indRows(inds, (i) => (i.nodeId === o.tree.id ? '' : t('monitoring:activityCode', { code: codeOf(i.nodeId) }))), hid)
                  : html`<p class="muted">${t('monitoring:noIndicators')}</p>`}
              </section>`;
            })}
        ${shownOutputs.length < outputs.length ? html`<p><button class="secondary" data-nav @click=${() => (this.limit += PAGE)}>${t('monitoring:showMore', { count: outputs.length - shownOutputs.length })}</button></p>` : nothing}
      </section>
    `;
  }

  private indicatorTable(body: unknown, labelledBy: string) {
    return html`<div class="scroll-x"><table class="m indicators" aria-labelledby=${labelledBy}>
      <thead><tr><th>${t('monitoring:indicator')}</th><th>${t('monitoring:baseline')}</th><th>${t('monitoring:target')}</th><th>${t('monitoring:actualValue')}</th><th>${t('monitoring:actualBy')}</th><th>${t('monitoring:note')}</th><th>${t('monitoring:progressCol')}</th></tr></thead>
      <tbody>${body}</tbody>
    </table></div>`;
  }

  private renderIndicator(ws: Workspace, review: Review, i: Indicator, def: Indicator, where: string, rd: IndicatorReading | undefined, percent: number | null, target: number | null, row: BaselineRow | undefined) {
    const name = i.name || t('monitoring:unnamedIndicator');
    const save = (patch: Partial<Omit<IndicatorReading, 'indicatorId'>>) => this.report(setIndicatorReading(ws.doc, review.id, i.id, patch, ws.origin));
    const problems = rd ? checkReadingParts(i, rd) : [];
    const qualitative = def.measurement === 'qualitative';
    return html`<tr data-indicator=${i.id}>
      <td class="title">${where ? html`<small class="muted">${where}</small> ` : nothing}<span dir="auto">${name}${i.unit ? ` (${i.unit})` : ''}</span>
        ${row?.changes.length ? html`<ul class="changed" aria-label=${t('monitoring:changedSince', { name })}>${row.changes.map((c) => html`<li dir="auto">${changeText(c)}</li>`)}</ul>` : nothing}</td>
      <td class="num" data-label=${t('monitoring:baseline')}>${numOr(def.baseline?.value)}</td>
      <td class="num" data-label=${t('monitoring:target')} data-target>${qualitative ? html`<span class="muted">${t('monitoring:qualitative')}</span>` : numOr(target)}${row && row.agreedTarget !== row.liveTarget ? html`<span class="agreed">${t('monitoring:liveNow', { value: row.liveTarget === null || row.liveTarget === undefined ? t('monitoring:none') : fmt.number(row.liveTarget) })}</span>` : nothing}</td>
      <td data-label=${t('monitoring:actual')}><input type="number" step="any" aria-label=${t('monitoring:actualValueOf', { name })} .value=${rd?.value === null || rd?.value === undefined ? '' : String(rd.value)} @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        save({ value: v === '' ? null : Number(v) });
      }} /></td>
      <td class="wide" data-label=${t('monitoring:actualBy')}>${i.disaggregation.length === 0
        ? html`<span class="muted">${t('monitoring:noDisaggregation')}</span>`
        : i.disaggregation.map((dim) => html`<label class="field"><span>${dim}</span><input dir="auto" aria-label=${t('monitoring:actualByOf', { name, dimension: dim })} placeholder=${t('monitoring:partsPlaceholder')} .value=${(rd?.parts ?? []).filter((p) => p.dimension === dim).map((p) => `${p.category}=${p.value}`).join(', ')} @change=${(e: Event) => {
            const parts = parseParts(dim, (e.target as HTMLInputElement).value);
            if (!parts) {
              this.message = () => t('monitoring:partsFormat', { dimension: dim, name });
              return;
            }
            save({ parts: [...(rd?.parts ?? []).filter((p) => p.dimension !== dim), ...parts] });
          }} /></label>`)}
        ${problems.map((p) => html`<span class="problem" role="note" dir="auto">${messageText(p.problem, t, fmt)}</span>`)}</td>
      <td class="wide" data-label=${t('monitoring:note')}><input dir="auto" aria-label=${t('monitoring:noteOn', { name })} .value=${rd?.note ?? ''} @change=${(e: Event) => save({ note: (e.target as HTMLInputElement).value })} /></td>
      <td data-label=${t('monitoring:progressCol')} data-progress>${percent === null ? html`<span class="muted">–</span>` : pctText(percent)}</td>
    </tr>`;
  }

  private renderActivity(ws: Workspace, plan: PlanData, review: Review, code: string, a: PlanData['activities'][number], agreed: PlanData['activities'][number] | undefined, rep: ActivityReport | undefined, row: BaselineRow | undefined) {
    const budget = row ? (agreed?.budget ?? null) : a.budget;
    const currency = rep?.expenditure?.currency ?? budget?.currency ?? a.budget?.currency ?? plan.currency ?? 'USD';
    const save = (patch: Partial<Omit<ActivityReport, 'activityId'>>) => this.report(setActivityReport(ws.doc, review.id, a.id, patch, ws.origin));
    const name = t('monitoring:activityName', { code });
    return html`<tr data-activity=${a.id}>
      <td class="title">${code} ${a.title ? html`<span dir="auto">${a.title}</span>` : html`<span class="muted">${t('monitoring:untitledActivity')}</span>`}
        ${row?.changes.length ? html`<ul class="changed" aria-label=${t('monitoring:changedSince', { name })}>${row.changes.map((c) => html`<li dir="auto">${changeText(c)}</li>`)}</ul>` : nothing}</td>
      <td class="num" data-label=${t('monitoring:planned')}>${budget ? fmt.money(budget.amount, budget.currency) : row && !agreed ? html`<span class="muted">${t('monitoring:addedSince')}</span>` : '–'}</td>
      <td data-label=${t('monitoring:actualIn', { currency })}><input type="number" min="0" step="any" aria-label=${t('monitoring:expenditureOf', { name, currency })} .value=${rep?.expenditure ? String(rep.expenditure.amount) : ''} @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        save({ expenditure: v === '' ? null : { amount: Number(v), currency } });
      }} /></td>
      <td class="wide" data-label=${t('monitoring:result')}><textarea rows="1" dir="auto" aria-label=${t('monitoring:resultOf', { name })} .value=${rep?.result ?? ''} @change=${(e: Event) => save({ result: (e.target as HTMLTextAreaElement).value })}></textarea></td>
      <td class="wide" data-label=${t('monitoring:progressCol')}><textarea rows="1" dir="auto" aria-label=${t('monitoring:progressOf', { name })} .value=${rep?.progress ?? ''} @change=${(e: Event) => save({ progress: (e.target as HTMLTextAreaElement).value })}></textarea></td>
      <td class="wide" data-label=${t('monitoring:risks')}><textarea rows="1" dir="auto" aria-label=${t('monitoring:risksOf', { name })} .value=${rep?.risksMaterialised ?? ''} @change=${(e: Event) => save({ risksMaterialised: (e.target as HTMLTextAreaElement).value })}></textarea></td>
    </tr>`;
  }
}
customElements.define('rt-monitoring', RtMonitoring);

declare global {
  interface HTMLElementTagNameMap {
    'rt-monitoring': RtMonitoring;
  }
}
