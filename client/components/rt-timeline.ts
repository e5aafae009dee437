import { css, html, nothing, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { analyseTimeline, conflictMessage, dayNumber, durationDays, type DependencyConflict, type TimelineAnalysis } from '../../shared/domain/timeline.js';
import { shiftActivityDates, type Activity, type DependencyType, type PlanData } from '../../shared/model.js';
import { flattenForest, KIND_LABELS, type Row } from '../state/matrix-rows.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { fmt, t } from '../i18n.js';
import { messageText, type IssueRow } from '../../shared/domain/issue-text.js';
import { noticeText, type Notice } from '../command-text.js';

/** Height of every timeline row in px (the dependency lines are drawn from it). */
const ROW_PX = 34;
/** Width of one year on screen. */
const YEAR_PX = 168;

/** What a dependency of each kind means, in the screen-reader text of a bar (translated at render). */
const kindText = (k: DependencyType): string => t(`timeline:dep.${k}`);

/** The years shown: from the first to the last year of the plan horizon and every activity date. */
export function timelineYears(plan: PlanData, activities: readonly Activity[]): { first: number; last: number } | null {
  const years: number[] = [];
  for (const d of [plan.horizonStart, plan.horizonEnd, ...activities.flatMap((a) => [a.start, a.end])]) if (d && dayNumber(d) !== null) years.push(Number(d.slice(0, 4)));
  if (!years.length) return null;
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** A `YYYY-MM-DD` date for people (the reader's language). */
const showDate = (d: string): string => fmt.date(d);

/** Today as `YYYY-MM-DD` (UTC). */
const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * The matrix's Timeline mode: a Gantt-style chart of the activities over the plan's years,
 * grouped goal > outcome > output with their codes. Bars show dates; lines show dependencies
 * (chronological, parallel, overlapping); bars whose dates contradict a dependency are flagged
 * (TL2-TL4), the critical path (TL7) is highlighted and a line marks today. Each activity's
 * label is a button (one Tab stop for the list: Up/Down, Home/End move, Enter opens the activity
 * in the table; editors move its dates with Alt+Left/Right, a week, or a day with Shift). Each
 * bar has a text for screen readers (dates, duration, dependencies, problems). Prints whole on
 * landscape pages; on a phone the chart scrolls sideways under sticky labels.
 *
 * @fires open - detail is the id of the activity to open in the table
 */
export class RtTimeline extends RtView {
  static override properties = {
    ...RtView.properties,
    current: { state: true },
    message: { state: true },
  };
  /** The activity whose label holds the list's Tab stop. */
  declare current: string | null;
  /** What the last keyboard move said (read by screen readers). */
  declare message: Notice;

  private analysed: { plan: PlanData; rows: Row[]; activities: Activity[]; analysis: TimelineAnalysis } | null = null;
  private printStyle: HTMLStyleElement | null = null;

  static override styles = [
    base,
    css`
      :host { display: block; --lab: 17rem; }
      .summary { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline; margin: 0 0 0.5rem; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; font-size: 0.8rem; color: var(--rt-muted); margin: 0 0 0.4rem; padding: 0; list-style: none; }
      .legend i { display: inline-block; width: 1.4rem; height: 0.7rem; border-radius: 3px; vertical-align: middle; margin-inline-end: 0.3rem; }
      .scroll { overflow-x: auto; border: 1px solid var(--rt-line); border-radius: var(--rt-radius); background: #fff; position: relative; }
      .chart { position: relative; min-width: calc(var(--lab) + var(--years) * ${YEAR_PX}px); }
      ul { list-style: none; margin: 0; padding: 0; }
      .tl-row { display: grid; grid-template-columns: var(--lab) 1fr; height: ${ROW_PX}px; border-bottom: 1px solid #eef0f4; }
      .lab { position: sticky; inset-inline-start: 0; z-index: 2; background: inherit; display: flex; align-items: center; gap: 0.35rem; padding: 0 0.4rem; min-width: 0; border-inline-end: 1px solid var(--rt-line); overflow: hidden; }
      .tl-row { background: #fff; }
      .tl-row[data-kind='goal'] { background: #eef3fb; font-weight: 650; }
      .tl-row[data-kind='outcome'] { background: #f6f8fc; }
      .tl-row[data-kind='output'] { background: #fafbfd; }
      .code { font-variant-numeric: tabular-nums; font-weight: 700; font-size: 0.8rem; white-space: nowrap; }
      .name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; font-size: 0.88rem; }
      .lab button { all: unset; box-sizing: border-box; display: flex; gap: 0.35rem; align-items: center; width: 100%; min-height: 28px; padding: 0 0.25rem; border-radius: 4px; cursor: pointer; min-width: 0; }
      .lab button:hover { background: var(--rt-accent-soft); }
      .lab button:focus-visible { outline: 3px solid var(--rt-focus); outline-offset: -3px; }
      .tl-row[data-depth='1'] .lab { padding-inline-start: 0.9rem; }
      .tl-row[data-depth='2'] .lab { padding-inline-start: 1.4rem; }
      .tl-row[data-depth='3'] .lab { padding-inline-start: 1.4rem; }
      .track { position: relative; }
      .years { display: grid; grid-template-columns: repeat(var(--years), 1fr); height: 100%; }
      .years span { border-inline-start: 1px solid var(--rt-line); font-size: 0.78rem; color: var(--rt-muted); padding: 0.45rem 0.3rem 0; }
      .grid { position: absolute; inset: 0; display: grid; grid-template-columns: repeat(var(--years), 1fr); pointer-events: none; }
      .grid span { border-inline-start: 1px solid #eef0f4; }
      .bar { position: absolute; top: 7px; height: ${ROW_PX - 14}px; min-width: 3px; border-radius: 4px; background: #7f9fd4; border: 1px solid #4f74b3; z-index: 1; }
      .bar.critical { background: var(--rt-accent); border-color: #123d7d; }
      .bar.conflict { background: repeating-linear-gradient(135deg, var(--rt-bad-soft) 0 5px, #f7b9b7 5px 10px); border: 2px solid var(--rt-bad); }
      .bar.critical.conflict { box-shadow: 0 0 0 2px var(--rt-accent); }
      .flag { position: absolute; top: 6px; font-size: 0.8rem; font-weight: 700; color: var(--rt-bad); z-index: 1; white-space: nowrap; }
      .nodates { position: absolute; inset-inline-start: 0.4rem; top: 8px; font-size: 0.78rem; color: var(--rt-muted); font-style: italic; }
      .today { position: absolute; top: 0; bottom: 0; width: 0; border-inline-start: 2px solid #c2410c; z-index: 1; pointer-events: none; }
      .today span { position: absolute; top: 2px; inset-inline-start: 3px; font-size: 0.7rem; color: #9a3412; background: #fff; padding: 0 2px; }
      svg.links { position: absolute; top: ${ROW_PX}px; inset-inline-start: var(--lab); width: calc(100% - var(--lab)); pointer-events: none; z-index: 1; overflow: visible; }
      :host(:dir(rtl)) svg.links { transform: scaleX(-1); }
      svg.links path { fill: none; stroke: #6b7280; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
      svg.links path.critical { stroke: #123d7d; stroke-width: 2.5; }
      svg.links path.conflict { stroke: var(--rt-bad); stroke-dasharray: 5 3; stroke-width: 2; }
      .tl-row.current .lab { box-shadow: inset 3px 0 0 var(--rt-accent); }
      :host(:dir(rtl)) .tl-row.current .lab { box-shadow: inset -3px 0 0 var(--rt-accent); }
      .problems { margin: 0.75rem 0 0; }
      .problems li { margin: 0.25rem 0; }
      .problems ul { list-style: disc; padding-inline-start: 1.2rem; }
      .keys { font-size: 0.8rem; color: var(--rt-muted); margin: 0.4rem 0 0; }
      @media (max-width: 640px) {
        :host { --lab: 9.5rem; }
        .lab .name { font-size: 0.74rem; line-height: 1.15; white-space: normal; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
      }
      @media print {
        :host { --lab: 13rem; }
        .scroll { overflow: visible; border: none; }
        .chart { min-width: 0; }
        .keys, .problems button { display: none; }
        .lab .name { white-space: normal; font-size: 0.72rem; line-height: 1.1; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
        .tl-row { break-inside: avoid; }
        .bar, .bar.critical, .bar.conflict, .tl-row, .today { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      }
    `,
  ];

  constructor() {
    super();
    this.current = null;
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Page size is a document-level rule (a shadow root's @page is ignored): landscape while shown.
    this.printStyle = document.createElement('style');
    this.printStyle.dataset['rtTimeline'] = '';
    this.printStyle.textContent = '@page { size: A4 landscape; margin: 10mm; }';
    document.head.append(this.printStyle);
  }

  override disconnectedCallback(): void {
    this.printStyle?.remove();
    this.printStyle = null;
    super.disconnectedCallback();
  }

  /** Rows, live activities and their analysis, computed once per version of the plan. */
  private data(ws: Workspace) {
    const plan = ws.store.plan;
    if (this.analysed?.plan !== plan) {
      const rows = flattenForest(plan, ws.store.forest.goals);
      const activities = rows.filter((r) => r.tree.kind === 'activity').map((r) => r.node as Activity);
      this.analysed = { plan, rows, activities, analysis: analyseTimeline(activities) };
    }
    return this.analysed;
  }

  /** The activity label buttons in display order. */
  private buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-act]')];
  }

  /** Moves the list's Tab stop and focus to an activity. */
  async focusActivity(id: string): Promise<void> {
    this.current = id;
    await this.updateComplete;
    const b = this.buttons().find((x) => x.dataset['act'] === id);
    b?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    b?.focus();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    const id = target.dataset?.['act'];
    const ws = this.ws;
    if (!id || !ws) return;
    const all = this.buttons();
    const at = all.findIndex((b) => b.dataset['act'] === id);
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      if (ws.readonly) return;
      const rtl = getComputedStyle(this).direction === 'rtl';
      const later = (e.key === 'ArrowRight') !== rtl;
      const days = (e.shiftKey ? 1 : 7) * (later ? 1 : -1);
      const r = shiftActivityDates(ws.doc, id, days, ws.origin);
      const a = ws.store.plan.activities.find((x) => x.id === id);
      this.message = r.ok && a ? t('timeline:moved', { count: Math.abs(days), dir: t(later ? 'timeline:later' : 'timeline:earlier'), span: this.span(a) }) : r.ok ? '' : r.error;
      return;
    }
    const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
    if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const to = all[Math.max(0, Math.min(all.length - 1, next))];
    if (to) void this.focusActivity(to.dataset['act']!);
  };

  /** "1 Mar 2027 to 30 Jun 2027 (122 days)", or what is missing. */
  private span(a: Activity): string {
    const days = durationDays(a);
    if (a.start && a.end) return t(days ? 'timeline:spanDays' : 'timeline:span', { start: showDate(a.start), end: showDate(a.end), count: days ?? 0 });
    if (a.start) return t('timeline:startsOnly', { date: showDate(a.start) });
    if (a.end) return t('timeline:endsOnly', { date: showDate(a.end) });
    return t('timeline:noDatesYet');
  }

  protected override renderView(ws: Workspace) {
    const { plan, rows, activities, analysis } = this.data(ws);
    if (!activities.length) {
      return html`<p class="empty">${t('timeline:emptyNoActivities')}</p>`;
    }
    const years = timelineYears(plan, activities);
    if (!years) {
      return html`<p class="empty">${t('timeline:emptyNoDates')}</p>`;
    }
    const origin = dayNumber(`${years.first}-01-01`)!;
    const total = dayNumber(`${years.last + 1}-01-01`)! - origin;
    const pct = (day: number) => ((day - origin) / total) * 100;
    const byId = new Map(activities.map((a) => [a.id, a]));
    const codes = ws.store.codes;
    const codeOf = (id: string) => codes.get(id)?.code ?? '';
    const name = (a: Activity): IssueRow => ({ kind: 'activity', code: codeOf(a.id), title: a.title, id: a.id });
    const critical = new Set(analysis.critical.ids);
    const criticalLinks = new Set(analysis.critical.ids.slice(1).map((id, i) => `${analysis.critical.ids[i]}>${id}`));
    const conflictsOf = new Map<string, DependencyConflict[]>();
    for (const c of analysis.conflicts) conflictsOf.set(c.activityId, [...(conflictsOf.get(c.activityId) ?? []), c]);
    const conflictPairs = new Set(analysis.conflicts.map((c) => `${c.dependsOn}>${c.activityId}`));
    const current = this.current && byId.has(this.current) ? this.current : activities[0]!.id;
    const yearList = Array.from({ length: years.last - years.first + 1 }, (_, i) => years.first + i);
    const today = dayNumber(todayIso())!;
    const showToday = today >= origin && today < origin + total;
    const rowIndex = new Map(rows.map((r, i) => [r.tree.id, i]));
    const links = activities.flatMap((b) =>
      b.dependencies
        .filter((d) => byId.has(d.activityId) && d.activityId !== b.id)
        .map((d) => ({ a: byId.get(d.activityId)!, b, type: d.type })),
    );
    const height = rows.length * ROW_PX;
    const arrow = getComputedStyle(this).direction === 'rtl' ? ' ← ' : ' → ';
    const criticalText = analysis.critical.ids.length
      ? t(analysis.critical.unknown.length ? 'timeline:criticalAtLeast' : 'timeline:criticalDays', { path: analysis.critical.ids.map(codeOf).join(arrow), count: analysis.critical.days })
      : '';
    return html`
      <div class="summary">
        <strong>${t('timeline:activities', { count: activities.length, years: years.first === years.last ? String(years.first) : `${years.first}–${years.last}` })}</strong>
        ${criticalText ? html`<span>${t('timeline:criticalPath')} <span class="crit-text">${criticalText}</span></span>` : nothing}
        <span>${analysis.conflicts.length ? html`<strong class="conflicts">${t('timeline:conflicts', { count: analysis.conflicts.length })}</strong>` : t('timeline:noConflicts')}</span>
      </div>
      <ul class="legend" aria-label=${t('timeline:legend')}>
        <li><i style="background:#7f9fd4"></i>${t('timeline:legendActivity')}</li>
        <li><i style="background:var(--rt-accent)"></i>${t('timeline:legendCritical')}</li>
        <li><i style="background:repeating-linear-gradient(135deg,#fde2e1 0 4px,#f7b9b7 4px 8px);border:2px solid #a4161a"></i>${t('timeline:legendConflict')}</li>
        ${showToday ? html`<li><i style="border-inline-start:2px solid #c2410c;border-radius:0;width:0.6rem"></i>${t('timeline:today')}</li>` : nothing}
      </ul>
      <div class="scroll" style="--years:${yearList.length}">
        <div class="chart">
          <div class="tl-row" aria-hidden="true"><div class="lab"><span class="muted">${t('timeline:codeAndTitle')}</span></div><div class="track years">${yearList.map((y) => html`<span>${y}</span>`)}</div></div>
          <ul aria-label=${t('timeline:listLabel')} @keydown=${this.onKey}>
            ${repeat(rows, (r) => r.tree.id, (r) => this.renderRow(r, current, { pct, byId, name, codeOf, critical, conflictsOf, showToday, today, yearCount: yearList.length }))}
          </ul>
          ${svg`<svg class="links" aria-hidden="true" viewBox="0 0 1000 ${height}" preserveAspectRatio="none" style="height:${height}px">
            ${links.map(({ a, b, type }) => {
              const ya = rowIndex.get(a.id)! * ROW_PX + ROW_PX / 2;
              const yb = rowIndex.get(b.id)! * ROW_PX + ROW_PX / 2;
              const as = dayNumber(a.start), ae = dayNumber(a.end), bs = dayNumber(b.start);
              const from = type === 'chronological' ? (ae === null ? null : ae + 1) : as;
              if (from === null || bs === null) return nothing;
              const x1 = pct(from) * 10, x2 = pct(bs) * 10;
              const cls = conflictPairs.has(`${a.id}>${b.id}`) ? 'conflict' : criticalLinks.has(`${a.id}>${b.id}`) ? 'critical' : '';
              return svg`<path class=${cls} data-type=${type} d=${`M ${x1} ${ya} H ${Math.max(x1, x2) + 4} V ${yb} H ${x2}`}></path>`;
            })}
          </svg>`}
        </div>
      </div>
      <p class="keys">${t(ws.readonly ? 'timeline:keys' : 'timeline:keysEdit')}</p>
      <p class="sr-only" role="status" aria-live="polite">${noticeText(this.message, this)}</p>
      ${this.renderProblems(analysis, byId, name, codeOf)}
    `;
  }

  private renderRow(
    r: Row,
    current: string,
    v: {
      pct: (d: number) => number;
      byId: Map<string, Activity>;
      name: (a: Activity) => IssueRow;
      codeOf: (id: string) => string;
      critical: Set<string>;
      conflictsOf: Map<string, DependencyConflict[]>;
      showToday: boolean;
      today: number;
      yearCount: number;
    },
  ) {
    const { tree } = r;
    const grid = html`<div class="grid" aria-hidden="true">${Array.from({ length: v.yearCount }, () => html`<span></span>`)}</div>`;
    const today = v.showToday ? html`<div class="today" style="inset-inline-start:${v.pct(v.today)}%" aria-hidden="true">${r.depth === 0 && r.index === 0 ? html`<span>${t('timeline:today')}</span>` : nothing}</div>` : nothing;
    if (tree.kind !== 'activity') {
      return html`<li class="tl-row" data-kind=${tree.kind} data-depth=${r.depth}>
        <div class="lab"><span class="code">${KIND_LABELS[tree.kind]} ${tree.code}</span><span class="name" dir="auto" title=${tree.title}>${tree.title || html`<span class="muted">${t('timeline:untitled')}</span>`}</span></div>
        <div class="track">${grid}${today}</div>
      </li>`;
    }
    const a = r.node as Activity;
    const s = dayNumber(a.start), e = dayNumber(a.end);
    const conflicts = v.conflictsOf.get(a.id) ?? [];
    const onPath = v.critical.has(a.id);
    const deps = a.dependencies.filter((d) => v.byId.has(d.activityId) && d.activityId !== a.id);
    const descId = `tl-desc-${a.id}`;
    const description = [
      `${this.span(a)}.`,
      deps.length ? t('timeline:dependsOn', { list: fmt.list(deps.map((d) => t('timeline:depItem', { code: v.codeOf(d.activityId), kind: kindText(d.type) }))) }) : t('timeline:noDeps'),
      ...conflicts.map((c) => t('timeline:contradicts', { text: messageText(conflictMessage(c, v.byId, v.name), t, fmt) })),
      onPath ? t('timeline:onPath') : '',
    ].filter(Boolean).join(' ');
    let bar: unknown = html`<span class="nodates">${t('timeline:noDates')}</span>`;
    if (s !== null && e !== null && e >= s) {
      bar = html`<div class=${`bar${onPath ? ' critical' : ''}${conflicts.length ? ' conflict' : ''}`} style="inset-inline-start:${v.pct(s)}%;width:${v.pct(e + 1) - v.pct(s)}%" title=${description}></div>
        ${conflicts.length ? html`<span class="flag" style="inset-inline-start:calc(${v.pct(e + 1)}% + 4px)" aria-hidden="true">⚠</span>` : nothing}`;
    } else if (s !== null || e !== null) {
      const day = (s ?? e)!;
      bar = html`<div class="bar" style="inset-inline-start:${v.pct(day)}%;width:4px" title=${description}></div><span class="nodates" style="inset-inline-start:calc(${v.pct(day)}% + 8px)">${t(s === null ? 'timeline:noStart' : 'timeline:noEnd')}</span>`;
    }
    return html`<li class="tl-row${current === a.id ? ' current' : ''}" data-kind="activity" data-depth=${r.depth} data-id=${a.id} ?data-critical=${onPath} ?data-conflict=${conflicts.length > 0}>
      <div class="lab">
        <button data-act=${a.id} tabindex=${current === a.id ? 0 : -1} aria-describedby=${descId} @click=${() => this.dispatchEvent(new CustomEvent('open', { detail: a.id }))} @focus=${() => (this.current = a.id)}>
          <span class="code">${tree.code}</span><span class="name" dir="auto" title=${a.title}>${a.title || t('timeline:untitled')}</span>
        </button>
        <span class="sr-only" id=${descId}>${description}</span>
      </div>
      <div class="track">${grid}${today}${bar}</div>
    </li>`;
  }

  /** The contradictions and loops as a list (each takes you to its activity). */
  private renderProblems(analysis: TimelineAnalysis, byId: Map<string, Activity>, name: (a: Activity) => IssueRow, codeOf: (id: string) => string) {
    if (!analysis.conflicts.length && !analysis.loops.length) return nothing;
    return html`<section class="problems" aria-label=${t('timeline:problems')}>
      <h2>${t('timeline:problems')}</h2>
      <ul>
        ${analysis.conflicts.map(
          (c) => html`<li><span dir="auto">${messageText(conflictMessage(c, byId, name), t, fmt)}.</span> <button class="quiet" data-nav @click=${() => this.focusActivity(c.activityId)}>${t('timeline:show', { code: codeOf(c.activityId) })}</button></li>`,
        )}
        ${analysis.loops.map(
          (l) => html`<li>${t(l.impossible ? 'timeline:loopImpossible' : 'timeline:loop', { path: l.ids.map(codeOf).join(getComputedStyle(this).direction === 'rtl' ? ' ← ' : ' → ') })}</li>`,
        )}
      </ul>
    </section>`;
  }
}
customElements.define('rt-timeline', RtTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'rt-timeline': RtTimeline;
  }
}
