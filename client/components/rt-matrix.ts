import { css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addNode, setNodeField, type Issue, type NodeBudget, type NodeField, type NodeKind, type Result } from '../../shared/model.js';
import { formatMoneyList as money } from '../../shared/domain/money.js';
import { ApiError, api, type ApiProblem } from '../state/api.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { flattenForest } from '../state/matrix-rows.js';
import { RtView } from './rt-view.js';
import { detailsStyles } from './rt-matrix-details.js';
import { renderRow, rowStyles } from './matrix-row.js';
import { commentBadgeStyles } from './comment-badge.js';
import { indicatorsStyles } from './rt-matrix-indicators.js';
import { issuesStyles } from './rt-matrix-issues.js';
import { fundingStyles } from './rt-matrix-funding.js';
import { fundingPanelStyles } from './rt-funding.js';
import './rt-text.js';
import './rt-timeline.js';

/** Rows rendered at first; more are added as the list scrolls into view. */
const FIRST_ROWS = 120;
/** Rows added each time the end of the rendered list comes into view. */
const MORE_ROWS = 200;

/**
 * The implementation matrix: goal > outcome > output > activity as an editable list of rows with
 * derived codes (1, 1.1 ...), budget roll-ups and validation badges; the selected row opens its
 * full details (dates, budget, funding, risks, means of verification, dependencies, indicators,
 * move). An issues panel lists every problem and takes you to the row. Rows are rendered in
 * batches as the list scrolls, so a plan with hundreds of activities opens fast.
 */
export class RtMatrix extends RtView {
  static override properties = {
    ...RtView.properties,
    selected: { state: true },
    limit: { state: true },
    message: { state: true },
    importing: { state: true },
    problems: { state: true },
    notes: { state: true },
    mode: { state: true },
  };
  declare selected: string | null;
  declare limit: number;
  declare message: string;
  /** A workbook is being sent. */
  declare importing: boolean;
  /** What the server found wrong with the last workbook. */
  declare problems: ApiProblem[];
  /** What the last workbook import left out (SPEC XL3, XL5), until dismissed. */
  declare notes: string[];
  /** Shown as the editable table or as the timeline (rt-timeline). */
  declare mode: 'table' | 'timeline';

  private observer: IntersectionObserver | null = null;

  static override styles = [
    base,
    issuesStyles,
    detailsStyles,
    indicatorsStyles,
    fundingStyles,
    fundingPanelStyles,
    rowStyles,
    commentBadgeStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
      .import { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .import input { max-width: 100%; }
      .problems { margin: 0.25rem 0 0; padding-left: 1.2rem; max-height: 14rem; overflow: auto; }
      .modes { display: inline-flex; gap: 0; }
      .modes button { border-radius: 0; }
      .modes button:first-child { border-start-start-radius: 6px; border-end-start-radius: 6px; }
      .modes button:last-child { border-start-end-radius: 6px; border-end-end-radius: 6px; }
      .modes button[aria-pressed='false'] { background: #fff; color: var(--rt-accent); }
      @media print { .toolbar { display: none; } }
      .more { text-align: center; padding: 0.75rem; color: var(--rt-muted); }
      .notice { background: var(--rt-warn-soft); border: 1px solid var(--rt-warn); border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
      .notice ul { margin: 0.25rem 0; padding-left: 1.2rem; }
    `,
  ];

  constructor() {
    super();
    this.selected = null;
    this.limit = FIRST_ROWS;
    this.message = '';
    this.importing = false;
    this.problems = [];
    this.notes = [];
    this.mode = 'table';
  }

  override disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const sentinel = this.renderRoot.querySelector('.more');
    if (!sentinel) return;
    if (!this.observer && typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.limit += MORE_ROWS;
      }, { rootMargin: '800px' });
    }
    this.observer?.disconnect();
    this.observer?.observe(sentinel);
  }

  /** Shows the message of a refused command (clears it when the command went through). */
  report(r: Result<unknown>): void {
    this.message = r.ok ? '' : r.error.message;
  }

  /** A part reported how a command went. */
  readonly onReport = (e: CustomEvent<string>) => {
    this.message = e.detail;
  };

  /** Selects a row, makes sure it is rendered and moves focus to its title. */
  async focusRow(id: string): Promise<void> {
    const ws = this.ws;
    if (!ws) return;
    const rows = flattenForest(ws.store.plan, ws.store.forest.goals);
    const at = rows.findIndex((r) => r.tree.id === id);
    if (at < 0) return;
    this.selected = id;
    if (at >= this.limit) this.limit = at + MORE_ROWS;
    await this.updateComplete;
    const li = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
    li?.scrollIntoView?.({ block: 'center' });
    li?.querySelector<HTMLInputElement>('.title input')?.focus();
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
      this.message = 'Choose an Excel workbook (.xlsx) first.';
      return;
    }
    this.importing = true;
    try {
      const { imported, notes } = await api.fillFromWorkbook(ws.store.plan.id, file);
      this.message = '';
      this.problems = [];
      this.notes = notes ?? [];
      this.dispatchEvent(new CustomEvent('imported', { detail: imported, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) this.problems = err.problems;
      this.message = `The workbook was not imported: ${(err as Error).message}`;
    } finally {
      this.importing = false;
    }
  }

  /** The empty matrix: how to start, and (for editors) filling it from an Excel workbook. */
  private renderEmpty(ws: Workspace) {
    return html`<div class="empty">
      <p>The matrix is empty. Add a goal, then its expected outcomes, outputs and activities.</p>
      ${ws.readonly
        ? nothing
        : html`<form class="import" aria-label="Import the matrix from Excel" @submit=${(e: SubmitEvent) => this.importWorkbook(ws, e)}>
              <span>Or fill it from a workbook:</span>
              <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="Excel workbook (.xlsx)" />
              <button type="submit" class="secondary" ?disabled=${this.importing}>${this.importing ? 'Importing…' : 'Import from Excel'}</button>
            </form>
            ${this.problems.length
              ? html`<ul class="problems" aria-label="Problems found in the workbook">
                  ${this.problems.map((p) => html`<li><code>${p.path || '(whole file)'}</code>: ${p.message}</li>`)}
                </ul>`
              : nothing}`}
    </div>`;
  }

  /** The Table | Timeline switch. */
  private renderModes() {
    const mode = (m: RtMatrix['mode'], label: string) =>
      html`<button data-nav aria-pressed=${this.mode === m ? 'true' : 'false'} @click=${() => (this.mode = m)}>${label}</button>`;
    return html`<span class="modes" role="group" aria-label="Show the matrix as">${mode('table', 'Table')}${mode('timeline', 'Timeline')}</span>`;
  }

  protected override renderView(ws: Workspace) {
    if (this.mode === 'timeline') {
      return html`<div class="toolbar">${this.renderModes()}</div>
        <rt-timeline .ws=${ws} @open=${(e: CustomEvent<string>) => { this.mode = 'table'; void this.focusRow(e.detail); }}></rt-timeline>`;
    }
    const plan = ws.store.plan;
    const rows = flattenForest(plan, ws.store.forest.goals);
    const budget = ws.store.budget;
    const lines = new Map<string, NodeBudget>();
    for (const list of [budget.goals, budget.outcomes, budget.outputs, budget.activities]) for (const b of list) lines.set(b.id, b);
    const issues = ws.store.issues;
    const indicatorNode = new Map(plan.indicators.map((i) => [i.id, i.nodeId]));
    const byEntity = new Map<string, Issue[]>();
    for (const i of issues) {
      const id = i.entity.kind === 'indicator' ? (indicatorNode.get(i.entity.id) ?? i.entity.id) : i.entity.id;
      byEntity.set(id, [...(byEntity.get(id) ?? []), i]);
    }
    const shown = rows.slice(0, this.limit);
    const activities = rows.filter((r) => r.tree.kind === 'activity').length;
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      ${this.notes.length
        ? html`<div class="notice" role="status">
            <strong>The workbook was imported, with notes:</strong>
            <ul aria-label="Import notes">${this.notes.map((n) => html`<li>${n}</li>`)}</ul>
            <button class="quiet" @click=${() => (this.notes = [])}>Dismiss</button>
          </div>`
        : nothing}
      <div class="toolbar">
        ${this.renderModes()}
        <button @click=${() => this.add(ws, 'goal', null)}>Add goal</button>
        <span class="muted">${rows.length} rows · ${activities} activities · planned ${money(budget.plan.planned) || 'nothing yet'}${budget.plan.unknownPlanned ? ` (${budget.plan.unknownPlanned} without a budget)` : ''}</span>
      </div>
      <rt-funding .ws=${ws}></rt-funding>
      <rt-matrix-issues .ws=${ws} .rowIds=${new Set(rows.map((r) => r.tree.id))} @go=${(e: CustomEvent<string>) => this.focusRow(e.detail)}></rt-matrix-issues>
      ${rows.length === 0
        ? this.renderEmpty(ws)
        : html`<ol class="rows" aria-label="Implementation matrix">
            ${repeat(
              shown,
              (r) => r.tree.id,
              (r) => renderRow(this, ws, plan, r, lines.get(r.tree.id), byEntity.get(r.tree.id) ?? []),
            )}
          </ol>
          ${shown.length < rows.length ? html`<p class="more">Showing ${shown.length} of ${rows.length} rows… <button class="quiet" data-nav @click=${() => (this.limit += MORE_ROWS)}>Show more</button></p>` : nothing}`}
    `;
  }
}
customElements.define('rt-matrix', RtMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix': RtMatrix;
  }
}
