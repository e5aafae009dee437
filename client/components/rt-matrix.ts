import { css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { addNode, setNodeField, type BudgetRollup, type Issue, type NodeBudget, type NodeField, type NodeKind, type PlanData, type Result } from '../../shared/model.js';
import { targetKey } from '../../shared/domain/comments.js';
import { ApiError, type ApiProblem } from '../state/api.js';
import { api } from '../state/api-routes.js';
import { importNoteText, loadNoteWords, notesOf, problemPlaceText, problemText } from '../import-notes.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { flattenForest, patchRows, RowLayout, type Row, type RowRange } from '../state/matrix-rows.js';
import { fmt, locale, t } from '../i18n.js';
import { RtView } from './rt-view.js';
import { libraryTextFor } from '../library-text.js';
import { detailsStyles } from './rt-matrix-details.js';
import { translationsStyles } from './rt-translations.js';
import { COLUMNS, renderRow, rowStyles } from './matrix-row.js';
import { commentBadgeStyles } from './comment-badge.js';
import { indicatorsStyles } from './rt-matrix-indicators.js';
import { issuesStyles } from './rt-matrix-issues.js';
import { fundingStyles } from './rt-matrix-funding.js';
import { fundingPanelStyles } from './rt-funding.js';
import { moneyList } from './matrix-row.js';
import './rt-text.js';
import './rt-timeline.js';
import { errorBox, type Notice, failureText } from '../command-text.js';

/** Rows rendered beyond each edge of the viewport, so Tab and a fast scroll find them ready. */
const MARGIN_ROWS = 8;
/** Rows rendered where there is no layout to measure a viewport (a DOM without layout). */
const NO_LAYOUT_ROWS = 60;

/** What the matrix derives from one version of the plan for its rows (kept while it is unchanged). */
interface RowData {
  /** The projection the rows were made from, and the budget figures and issues they show. */
  plan: PlanData;
  figures: BudgetRollup;
  issues: readonly Issue[];
  rows: Row[];
  byId: Map<string, Row>;
  /** Each row's index in `rows`. */
  at: Map<string, number>;
  lines: Map<string, NodeBudget>;
  byEntity: Map<string, Issue[]>;
  activities: number;
}

/**
 * The implementation matrix: goal > outcome > output > activity as an editable tree grid of rows
 * with derived codes (1, 1.1 ...), budget roll-ups and validation badges; the selected row opens
 * its full details (dates, budget, funding, risks, means of verification, dependencies,
 * indicators, move). An issues panel lists every problem and takes you to the row.
 *
 * The grid is virtualised (SPEC VM1-VM3): it renders only the rows in its viewport and a margin
 * around them (measured heights, an estimate for rows not seen yet), with the space of the others
 * kept above and below, so every row is reachable by scrolling and a 5,000-activity plan renders
 * as many rows as a small one. Arrow keys and Tab move between rows and bring the row into view;
 * `aria-rowcount` / `aria-rowindex` give screen readers the real count and position. On a phone
 * the rows become cards with their goal > outcome > output path.
 */
export class RtMatrix extends RtView {
  static override properties = {
    ...RtView.properties,
    selected: { state: true },
    message: { state: true },
    importing: { state: true },
    problems: { state: true },
    notes: { state: true },
    mode: { state: true },
    range: { state: true },
  };
  declare selected: string | null;
  declare message: Notice;
  /** A workbook is being sent. */
  declare importing: boolean;
  /** What the server found wrong with the last workbook. */
  declare problems: ApiProblem[];
  /** What the last workbook import left out (SPEC XL3, XL5), until dismissed. */
  declare notes: (ImportNote | string)[];
  /** Shown as the editable table or as the timeline (rt-timeline). */
  declare mode: 'table' | 'timeline';
  /** The rows rendered. */
  declare range: RowRange;

  /** Row heights and offsets of the virtualised grid. */
  private readonly layout = new RowLayout();
  private resizer: ResizeObserver | null = null;
  private readonly observed = new Set<Element>();
  private data: RowData | null = null;

  static override styles = [
    base,
    issuesStyles,
    detailsStyles,
    translationsStyles,
    indicatorsStyles,
    fundingStyles,
    fundingPanelStyles,
    rowStyles,
    commentBadgeStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-block-end: 0.5rem; }
      .import { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .import input { max-inline-size: 100%; }
      .problems { margin-block: 0.25rem 0; margin-inline: 0; padding-inline-start: 1.2rem; max-block-size: 14rem; overflow: auto; }
      .modes { display: inline-flex; gap: 0; }
      .modes button { border-radius: 0; }
      .modes button:first-child { border-start-start-radius: 6px; border-end-start-radius: 6px; }
      .modes button:last-child { border-start-end-radius: 6px; border-end-end-radius: 6px; }
      .modes button[aria-pressed='false'] { background: #fff; color: var(--rt-accent); }
      .viewport { overflow: auto; overflow-anchor: none; max-block-size: max(24rem, calc(100dvh - 9rem)); overscroll-behavior: contain; border-block-start: 1px solid var(--rt-line); }
      @media print { .toolbar { display: none; } .viewport { max-block-size: none; overflow: visible; } }
      .notice { background: var(--rt-warn-soft); border: 1px solid var(--rt-warn); border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
      .notice ul { margin: 0.25rem 0; padding-inline-start: 1.2rem; }
    `,
  ];

  constructor() {
    super();
    this.selected = null;
    this.message = '';
    this.importing = false;
    this.problems = [];
    this.notes = [];
    this.mode = 'table';
    this.range = { start: 0, end: 0, before: 0, after: 0 };
  }

  override disconnectedCallback(): void {
    this.resizer?.disconnect();
    this.resizer = null;
    this.observed.clear();
    super.disconnectedCallback();
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  /** Height (px) of the sticky heading row above the rows. */
  private headHeight(): number {
    return this.renderRoot.querySelector<HTMLElement>('.grid > .head')?.offsetHeight ?? 0;
  }

  /** The rows the viewport needs when scrolled to `scrollTop` (by default where it is). */
  private wantedRange(scrollTop?: number): RowRange {
    const vp = this.viewport;
    const from = vp ? (scrollTop ?? vp.scrollTop) - this.headHeight() : 0;
    const height = vp?.clientHeight ?? 0;
    return this.layout.range(Math.max(0, from), height, MARGIN_ROWS, NO_LAYOUT_ROWS);
  }

  /**
   * Moves the rendered range to what the viewport needs at `scrollTop` (re-renders only if it
   * changed); once rendered, the anchor row is put back where it was on screen (SPEC MR2).
   */
  private moveRange(scrollTop?: number): void {
    const next = this.wantedRange(scrollTop);
    const r = this.range;
    if (next.start === r.start && next.end === r.end && next.before === r.before && next.after === r.after) return;
    this.range = next;
    void this.updateComplete.then(() => this.restoreAnchor());
  }

  /** The viewport scrolled (a person, or a move of ours): a new anchor row, and the rows it needs. */
  private readonly onScroll = (): void => {
    this.pickAnchor();
    this.moveRange();
  };

  /**
   * The row kept still on screen while heights settle (SPEC MR2): its id and its top in px from
   * the viewport's top, as last seen. Like CSS scroll anchoring (which the padding of the
   * virtual list defeats, so it is turned off): when rows above it are measured, rendered or
   * re-estimated, the viewport scrolls by the difference in the same frame.
   */
  private anchor: { id: string; offset: number } | null = null;

  /** Picks the anchor row: the row holding the focus when it is in view, else the first row in view. */
  private pickAnchor(): void {
    this.anchor = null;
    const vp = this.viewport;
    const list = this.renderRoot.querySelector('div.rows');
    if (!vp || !list) return;
    const v = vp.getBoundingClientRect();
    const top = v.top + this.headHeight();
    const inView = (r: DOMRect) => r.height > 0 && r.bottom > top && r.top < v.bottom;
    const focused = (this.renderRoot as ShadowRoot).activeElement?.closest?.<HTMLElement>('div.node');
    let row: HTMLElement | null = null;
    let rect: DOMRect | null = null;
    if (focused?.dataset['id'] && inView((rect = focused.getBoundingClientRect()))) row = focused;
    else {
      for (const li of list.children as HTMLCollectionOf<HTMLElement>) {
        rect = li.getBoundingClientRect();
        if (rect.bottom <= top) continue;
        if (inView(rect)) row = li;
        break;
      }
    }
    const id = row?.dataset['id'];
    if (id && rect) this.anchor = { id, offset: rect.top - v.top };
  }

  /** Scrolls so the anchor row is back where it was seen (picks one when there is none yet). */
  private restoreAnchor(): void {
    const vp = this.viewport;
    const a = this.anchor;
    const el = a ? this.rowElement(a.id) : null;
    if (!vp || !a || !el) {
      this.pickAnchor();
      return;
    }
    const delta = el.getBoundingClientRect().top - vp.getBoundingClientRect().top - a.offset;
    // At either end the scroll may stop short; the place is kept, so the row goes back to it once
    // there is room (the viewport grew and shrank again).
    if (Math.abs(delta) >= 0.5) vp.scrollTop += delta;
  }

  /**
   * Measured heights changed the rows' offsets: the rows above the rendered ones now count their
   * measured heights (or a new estimate), so the rendered rows move by `delta` in the layout. The
   * range is taken for the scroll position that keeps the anchor still, then the anchor is put back.
   */
  private settle(): void {
    const vp = this.viewport;
    if (!vp || !this.data) return;
    const delta = this.layout.top(this.range.start) - this.range.before;
    this.moveRange(vp.scrollTop + delta);
  }

  /** Scrolls the viewport to `top` ourselves: the anchor is taken afresh there. */
  private scrollViewport(vp: HTMLElement, top: number): void {
    vp.scrollTop = top;
    this.pickAnchor();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.mode !== 'table') return;
    if (!this.resizer && typeof ResizeObserver !== 'undefined') {
      this.resizer = new ResizeObserver((entries) => {
        let moved = false;
        for (const e of entries) {
          const el = e.target as HTMLElement;
          if (el.classList.contains('viewport')) {
            moved = true;
            continue;
          }
          const id = el.dataset['id'];
          const h = e.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight;
          if (id && this.layout.measure(id, Math.round(h))) {
            moved = true;
            if (!el.classList.contains('selected')) this.layout.estimate = Math.round(h);
          }
        }
        // Rows above the anchor changed height, or rows were rendered above it: it is put back
        // before this frame is painted.
        this.restoreAnchor();
        // Outside the observer's delivery: a new range renders rows that are observed in turn.
        if (moved && !this.resizeQueued) {
          this.resizeQueued = true;
          requestAnimationFrame(() => {
            this.resizeQueued = false;
            this.settle();
          });
        }
      });
    }
    const vp = this.viewport;
    if (this.resizer) {
      for (const el of this.observed) {
        if (!el.isConnected) {
          this.resizer.unobserve(el);
          this.observed.delete(el);
        }
      }
      const watch = (el: Element) => {
        if (this.observed.has(el)) return;
        this.observed.add(el);
        this.resizer!.observe(el);
      };
      if (vp) watch(vp);
      for (const li of this.renderRoot.querySelectorAll('div.node')) watch(li);
    }
    // The first render of the grid, or rows added or removed: fit the range to the viewport.
    if (this.data && (this.range.end > this.data.rows.length || (this.range.end === 0 && this.data.rows.length > 0) || this.rangeRowsChanged)) {
      this.rangeRowsChanged = false;
      this.moveRange();
    }
  }
  private rangeRowsChanged = false;
  private resizeQueued = false;

  /**
   * The row data of the current plan version (rows, budget lines, issues by row). The rows are
   * kept while the matrix's lists are unchanged, also when the budget figures or the issues change
   * (their lines and lists are made again, MP5); while only the text of some rows changed, only
   * those rows are made again (SPEC UP1); anything else rebuilds them, and then the store prepares
   * the first keystroke's structures in an idle moment (MP2).
   */
  private rowData(ws: Workspace): RowData {
    const store = ws.store;
    const plan = store.plan;
    const budget = store.budget;
    const figures = store.budgetFigures(budget);
    const issues = store.issues;
    const d = this.data;
    if (d && d.plan === plan && d.figures === figures && d.issues === issues) return d;
    if (d && d.plan.indicators === plan.indicators) {
      // The same rows (or the same but for some rows' text, patched: UP1); new budget figures or
      // issues give new lines or issue lists, and only rows whose content changed render (MP5).
      const same = MATRIX_LISTS.every((l) => d.plan[l] === plan[l]);
      const ids = same ? null : store.textEditsBetween(d.plan, plan);
      if (same || ids) {
        const rows = ids ? patchRows(d.rows, d.at, d.byId, ids, (id) => store.nodeItem(id), (id) => store.treeNode(id)) : d.rows;
        const lines = d.figures === figures ? d.lines : linesOf(budget);
        const byEntity = d.issues === issues ? d.byEntity : issuesByRow(plan, issues);
        return (this.data = { ...d, plan, rows, figures, issues, lines, byEntity });
      }
    }
    this.rowBuilds++;
    const forest = store.forest;
    const rows = flattenForest(plan, forest.goals);
    const byId = new Map(rows.map((r) => [r.tree.id, r]));
    const at = new Map(rows.map((r, i) => [r.tree.id, i]));
    let activities = 0;
    for (const r of rows) if (r.tree.kind === 'activity') activities++;
    if (rows.length !== this.data?.rows.length) this.rangeRowsChanged = true;
    this.layout.setRows(rows.map((r) => r.tree.id));
    this.data = { plan, figures, issues, rows, byId, at, lines: linesOf(budget), byEntity: issuesByRow(plan, issues), activities };
    this.prepareTextEdits(ws);
    return this.data;
  }

  /** Full rebuilds of the rows so far (for tests and diagnostics, SPEC MP2). */
  rowBuilds = 0;
  private preparing = false;

  /**
   * In an idle moment after a rebuild or new budget figures, has the store build what the first
   * keystroke in a row would otherwise build during that keystroke (its tree paths and budget
   * row index, MP2).
   */
  private prepareTextEdits(ws: Workspace): void {
    const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (!idle || this.preparing) return;
    this.preparing = true;
    idle(() => {
      this.preparing = false;
      if (this.ws === ws && this.isConnected) ws.store.prepareTextEdits();
    }, { timeout: 2000 });
  }

  /** Brings row `at` into the viewport (centred when `center`) and renders it; resolves once rendered. */
  async showRow(at: number, center = false): Promise<void> {
    await this.updateComplete;
    const vp = this.viewport;
    if (!vp || !this.data) return;
    const head = this.headHeight();
    const top = this.layout.top(at) + head;
    const bottom = top + this.layout.height(at);
    if (center) this.scrollViewport(vp, top - (vp.clientHeight - (bottom - top)) / 2);
    else if (top - head < vp.scrollTop) this.scrollViewport(vp, top - head);
    else if (bottom > vp.scrollTop + vp.clientHeight) this.scrollViewport(vp, bottom - vp.clientHeight);
    const r = this.range;
    if (at < r.start || at >= r.end) {
      const next = this.wantedRange();
      // Without layout (no viewport height), render a window around the row.
      this.range = at >= next.start && at < next.end ? next : windowAround(this.layout, at, this.data.rows.length);
    } else this.moveRange();
    await this.updateComplete;
    // The scroll above used estimated heights; once rendered, the real row is put in view.
    const id = this.data.rows[at]?.tree.id;
    const el = id ? this.rowElement(id) : null;
    const move = el ? correction(el, vp, head, center) : 0;
    if (move) this.scrollViewport(vp, vp.scrollTop + move);
  }

  /** Shows the message of a refused command (clears it when the command went through). */
  report(r: Result<unknown>): void {
    this.message = r.ok ? '' : r.error;
  }

  /** A part reported how a command went. */
  readonly onReport = (e: CustomEvent<Notice>) => {
    this.message = e.detail;
  };

  /** Selects a row, makes sure it is rendered and moves focus to its title. */
  async focusRow(id: string): Promise<void> {
    const ws = this.ws;
    if (!ws) return;
    const rows = this.rowData(ws).rows;
    const at = rows.findIndex((r) => r.tree.id === id);
    if (at < 0) return;
    this.selected = id;
    await this.showRow(at, true);
    this.rowElement(id)?.querySelector<HTMLInputElement>('.title input')?.focus();
  }

  /** The rendered row of `id`, if it is in the rendered range. */
  private rowElement(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`div.node[data-id="${CSS.escape(id)}"]`);
  }

  /**
   * Keyboard moves in the grid (SPEC VM2): Up / Down go to the same column of the row above or
   * below (Page Up / Page Down a viewport at a time, Ctrl+Home / Ctrl+End the first and last row),
   * scrolling it into view and rendering it first. Alt+Up / Down (reorder) and keys inside
   * number boxes, lists and multi-line text keep their own meaning.
   */
  readonly onGridKey = async (e: KeyboardEvent): Promise<void> => {
    if (e.altKey || e.shiftKey || e.metaKey || !this.data) return;
    const target = e.composedPath()[0] as HTMLElement;
    const tag = target.tagName?.toLowerCase();
    if (tag === 'textarea' || tag === 'select' || (tag === 'input' && (target as HTMLInputElement).type === 'number')) return;
    if (target.closest('.details')) return;
    const li = target.closest<HTMLElement>('div.node');
    if (!li) return;
    const from = Number(li.getAttribute('aria-rowindex')) - 2;
    const page = Math.max(1, Math.floor((this.viewport?.clientHeight ?? 0) / this.layout.estimate) - 1);
    const last = this.data.rows.length - 1;
    let to: number;
    if (e.key === 'ArrowDown' && !e.ctrlKey) to = from + 1;
    else if (e.key === 'ArrowUp' && !e.ctrlKey) to = from - 1;
    else if (e.key === 'PageDown') to = from + page;
    else if (e.key === 'PageUp') to = from - page;
    else if (e.key === 'Home' && e.ctrlKey) to = 0;
    else if (e.key === 'End' && e.ctrlKey) to = last;
    else return;
    e.preventDefault();
    to = Math.max(0, Math.min(last, to));
    if (to === from) return;
    const cell = target.closest<HTMLElement>('[data-col]')?.dataset['col'] ?? 'title';
    const id = this.data.rows[to]!.tree.id;
    await this.showRow(to);
    focusCell(this.rowElement(id), cell);
    // The row moved to is the one kept still while the heights around it settle (MR2).
    this.pickAnchor();
  };

  /** A row got focus (Tab, a click): keep it in view so the rows after it are rendered. */
  readonly onGridFocus = (e: FocusEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    // Focus inside an open row's details must not scroll: a click there would land elsewhere.
    if (target.closest?.('.details')) return;
    const li = target.closest?.<HTMLElement>('div.node');
    if (!li || !this.data) return;
    const at = Number(li.getAttribute('aria-rowindex')) - 2;
    if (at >= 0) void this.showRow(at);
  }

  /** Adds a row and moves to it. */
  add(ws: Workspace, kind: NodeKind, parentId: string | null): void {
    const r = addNode(ws.doc, { kind, parentId }, ws.origin);
    this.report(r);
    if (r.ok) void this.focusRow(r.value);
  }

  /** Sets a field of a row. */
  field(ws: Workspace, id: string, field: NodeField, value: unknown): void {
    this.report(setNodeField(ws.doc, id, field, value, ws.origin));
  }

  /** Sends the chosen workbook to fill this (empty) matrix; the rows arrive through the live sync. */
  async importWorkbook(ws: Workspace, e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const file = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[type=file]')?.files?.[0];
    this.problems = [];
    if (!file) {
      this.message = () => t('matrix:import.chooseFirst');
      return;
    }
    this.importing = true;
    try {
      const answer = await api.fillFromWorkbook(ws.store.plan.id, file);
      const shown = notesOf(answer);
      if (shown.length) await loadNoteWords();
      this.message = '';
      this.problems = [];
      this.notes = shown;
      const { imported } = answer;
      this.dispatchEvent(new CustomEvent('imported', { detail: imported, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError && err.problems.length) await loadNoteWords();
      if (err instanceof ApiError) this.problems = err.problems;
      this.message = () => t('matrix:import.failed', { reason: failureText(err, this) });
    } finally {
      this.importing = false;
    }
  }

  /** The empty matrix: how to start, and (for editors) filling it from an Excel workbook. */
  private renderEmpty(ws: Workspace) {
    return html`<div class="empty">
      <p>${t('matrix:empty')}</p>
      ${ws.readonly
        ? nothing
        : html`<form class="import" aria-label=${t('matrix:import.form')} @submit=${(e: SubmitEvent) => this.importWorkbook(ws, e)}>
              <span>${t('matrix:import.or')}</span>
              <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label=${t('matrix:import.file')} />
              <button type="submit" class="secondary" ?disabled=${this.importing}>${this.importing ? t('matrix:import.importing') : t('matrix:import.submit')}</button>
            </form>
            ${this.problems.length
              ? html`<ul class="problems" aria-label=${t('matrix:import.problems')}>
                  ${this.problems.map((p) => html`<li><code dir="auto">${problemPlaceText(p, t('matrix:import.wholeFile'))}</code>${t('common:colon')} ${problemText(p)}</li>`)}
                </ul>`
              : nothing}`}
    </div>`;
  }

  /** The Table | Timeline switch. */
  private renderModes() {
    const mode = (m: RtMatrix['mode'], label: string) =>
      html`<button data-nav aria-pressed=${this.mode === m ? 'true' : 'false'} @click=${() => (this.mode = m)}>${label}</button>`;
    return html`<span class="modes" role="group" aria-label=${t('matrix:modes.label')}>${mode('table', t('matrix:modes.table'))}${mode('timeline', t('matrix:modes.timeline'))}</span>`;
  }

  protected override renderView(ws: Workspace) {
    if (this.mode === 'timeline') {
      return html`<div class="toolbar">${this.renderModes()}</div>
        <rt-timeline .ws=${ws} @open=${(e: CustomEvent<string>) => { this.mode = 'table'; void this.focusRow(e.detail); }}></rt-timeline>`;
    }
    const plan = ws.store.plan;
    const data = this.rowData(ws);
    const { rows } = data;
    const budget = ws.store.budget;
    const range = this.range;
    const shown = rows.slice(range.start, Math.min(range.end, rows.length));
    const planned = moneyList(budget.plan.planned);
    const commentCounts = ws.store.commentCounts;
    const lang = locale();
    // The built-in library's names in the reader's language for the rows taken from it (L111): its file
    // loads only when such a row is shown; undefined while it loads.
    const libText = shown.some((r) => r.node.source) ? libraryTextFor(lang, this) : null;
    return html`
      ${errorBox(this.message, this)}
      ${this.notes.length
        ? html`<div class="notice" role="status">
            <strong>${t('matrix:import.notesDone')}</strong>
            <ul aria-label=${t('matrix:import.notesLabel')}>${this.notes.map((n) => html`<li>${importNoteText(n)}</li>`)}</ul>
            <button class="quiet" @click=${() => (this.notes = [])}>${t('matrix:import.dismiss')}</button>
          </div>`
        : nothing}
      <div class="toolbar">
        ${this.renderModes()}
        <button @click=${() => this.add(ws, 'goal', null)}>${t('matrix:addGoal')}</button>
        <span class="muted">${t('matrix:summary.rows', { count: rows.length, n: fmt.number(rows.length) })} · ${t('matrix:summary.activities', { count: data.activities, n: fmt.number(data.activities) })} · ${planned ? t('matrix:summary.planned', { amount: planned }) : t('matrix:summary.nothingPlanned')}${budget.plan.unknownPlanned ? ` ${t('matrix:summary.unbudgeted', { count: budget.plan.unknownPlanned, n: fmt.number(budget.plan.unknownPlanned) })}` : ''}</span>
      </div>
      <rt-funding .ws=${ws}></rt-funding>
      <rt-matrix-issues .ws=${ws} .rowIds=${data.byId} @go=${(e: CustomEvent<string>) => this.focusRow(e.detail)}></rt-matrix-issues>
      ${rows.length === 0
        ? this.renderEmpty(ws)
        : html`<div class="viewport" @scroll=${this.onScroll}>
            <div class="grid" role="treegrid" aria-label=${t('matrix:grid')} aria-rowcount=${rows.length + 1} aria-colcount=${COLUMNS.length} @keydown=${this.onGridKey} @focusin=${this.onGridFocus}>
              <div class="line head" role="row" aria-rowindex="1">
                ${COLUMNS.map((c, i) => html`<span role="columnheader" aria-colindex=${i + 1} class=${c}>${t(`matrix:col.${c}`)}</span>`)}
              </div>
              <div class="rows" role="rowgroup" style="padding-block:${range.before}px ${range.after}px">
                ${repeat(
                  shown,
                  (r) => r.tree.id,
                  // A row renders again only when something it shows changed (UP2): typing in
                  // one row re-renders that row alone (its tree node's children are not shown).
                  (r, i) =>
                    guard(
                      [r.node, r.tree.title, r.tree.code, r.tree.short, r.depth, r.index, r.siblings, range.start + i, this.selected === r.tree.id ? r : null, contentKey(data.lines.get(r.tree.id)), contentKey(data.byEntity.get(r.tree.id)), commentCounts.get(targetKey({ kind: r.tree.kind, id: r.tree.id })), ...ancestors(r, data.byId), lang, plan.currency, r.node.source ? plan.libraryEntries : null, r.node.source ? libText : null, ws, ws.readonly],
                      () => renderRow(this, ws, plan, r, range.start + i, data, libText),
                    ),
                )}
              </div>
            </div>
          </div>`}
    `;
  }
}

/**
 * The codes and titles of the rows above `r` up to its goal: all its card shows of them (its
 * path). Not the rows themselves: a row above gets a new tree node whenever any row below it is
 * retitled (UP1), which must not re-render its other descendants.
 */
function ancestors(r: Row, byId: ReadonlyMap<string, Row>): (string | undefined)[] {
  const out: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  let at = r.parentId ? byId.get(r.parentId) : undefined;
  for (let i = 0; at && i < out.length; i += 2) {
    out[i] = at.tree.code;
    out[i + 1] = at.tree.title;
    at = at.parentId ? byId.get(at.parentId) : undefined;
  }
  return out;
}

const contentKeys = new WeakMap<object, string>();

/**
 * What a row's budget line or issue list holds, as a string (made once per object): a budget or
 * issues recomputed after a pause give every row new objects, mostly with the same content, and
 * a row renders again only when its content changed (MR1).
 */
function contentKey(value: object | undefined): string | undefined {
  if (value === undefined) return undefined;
  let key = contentKeys.get(value);
  if (key === undefined) contentKeys.set(value, (key = JSON.stringify(value)));
  return key;
}

/** Each row's budget line, by row id. */
function linesOf(budget: BudgetRollup): Map<string, NodeBudget> {
  const lines = new Map<string, NodeBudget>();
  for (const list of [budget.goals, budget.outcomes, budget.outputs, budget.activities]) for (const b of list) lines.set(b.id, b);
  return lines;
}

/** The issues of each row, by row id (an indicator's issues count for the row it measures). */
function issuesByRow(plan: PlanData, issues: readonly Issue[]): Map<string, Issue[]> {
  const indicatorNode = new Map(plan.indicators.map((i) => [i.id, i.nodeId]));
  const byEntity = new Map<string, Issue[]>();
  for (const i of issues) {
    const id = i.entity.kind === 'indicator' ? (indicatorNode.get(i.entity.id) ?? i.entity.id) : i.entity.id;
    const list = byEntity.get(id);
    if (list) list.push(i);
    else byEntity.set(id, [i]);
  }
  return byEntity;
}

/** The plan's lists the matrix's rows are made from. */
const MATRIX_LISTS = ['goals', 'outcomes', 'outputs', 'activities'] as const;

/** A range of rows around row `at` (used where there is no layout to measure). */
function windowAround(layout: RowLayout, at: number, count: number): RowRange {
  const start = Math.max(0, Math.min(at - NO_LAYOUT_ROWS / 2, count - NO_LAYOUT_ROWS));
  const end = Math.min(count, start + NO_LAYOUT_ROWS);
  return { start, end, before: layout.top(start), after: layout.top(count) - layout.top(end) };
}

/** Focuses the control of column `col` in a row (its first focusable element), else its title. */
function focusCell(li: HTMLElement | null, col: string): void {
  if (!li) return;
  const focusable = 'input, button, select, textarea, [tabindex]';
  const el = li.querySelector<HTMLElement>(`[data-col="${col}"] :is(${focusable})`) ?? li.querySelector<HTMLElement>(`[data-col="${col}"]${col === 'code' ? '' : ' input'}`) ?? li.querySelector<HTMLElement>('.title input');
  el?.focus();
}
customElements.define('rt-matrix', RtMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix': RtMatrix;
  }
}

/**
 * How far `vp` must scroll so that `el` sits in its visible part below the sticky heading
 * (`head` pixels): centred when `center`, else the least move (0 when it is already in view).
 */
function correction(el: HTMLElement, vp: HTMLElement, head: number, center: boolean): number {
  const r = el.getBoundingClientRect();
  const v = vp.getBoundingClientRect();
  const top = v.top + head;
  if (r.top >= top - 1 && r.bottom <= v.bottom + 1) return 0;
  if (center) return r.top + r.height / 2 - (top + (v.bottom - top) / 2);
  return r.top < top ? r.top - top : r.bottom - v.bottom;
}
