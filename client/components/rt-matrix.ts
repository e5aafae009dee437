import { css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addNode, setNodeField, type Issue, type NodeBudget, type NodeField, type NodeKind, type Result } from '../../shared/model.js';
import { formatMoneyList as money } from '../../shared/domain/money.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { flattenForest } from '../state/matrix-rows.js';
import { RtView } from './rt-view.js';
import { detailsStyles } from './rt-matrix-details.js';
import { renderRow, rowStyles } from './matrix-row.js';
import { indicatorsStyles } from './rt-matrix-indicators.js';
import { issuesStyles } from './rt-matrix-issues.js';
import './rt-text.js';

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
  };
  declare selected: string | null;
  declare limit: number;
  declare message: string;

  private observer: IntersectionObserver | null = null;

  static override styles = [
    base,
    issuesStyles,
    detailsStyles,
    indicatorsStyles,
    rowStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
      .more { text-align: center; padding: 0.75rem; color: var(--rt-muted); }
    `,
  ];

  constructor() {
    super();
    this.selected = null;
    this.limit = FIRST_ROWS;
    this.message = '';
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

  protected override renderView(ws: Workspace) {
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
      <div class="toolbar">
        <button @click=${() => this.add(ws, 'goal', null)}>Add goal</button>
        <span class="muted">${rows.length} rows · ${activities} activities · planned ${money(budget.plan.planned) || 'nothing yet'}${budget.plan.unknownPlanned ? ` (${budget.plan.unknownPlanned} without a budget)` : ''}</span>
      </div>
      <rt-matrix-issues .ws=${ws} .rowIds=${new Set(rows.map((r) => r.tree.id))} @go=${(e: CustomEvent<string>) => this.focusRow(e.detail)}></rt-matrix-issues>
      ${rows.length === 0
        ? html`<p class="empty">The matrix is empty. Add a goal, then its expected outcomes, outputs and activities.</p>`
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
