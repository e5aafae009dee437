import { css, html, nothing } from 'lit';
import { fmt, t } from '../i18n.js';
import { issueLine } from '../issue-text.js';
import type { Issue } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';

/** Styles of the issues panel, adopted by the matrix. */
export const issuesStyles = css`
  .issues { margin-bottom: 0.75rem; }
  .issues ul { list-style: none; padding: 0; margin: 0.5rem 0 0; max-height: 18rem; overflow: auto; }
  .issues li button { text-align: start; width: 100%; background: #fff; color: var(--rt-ink); border: 1px solid var(--rt-line); margin-bottom: 0.25rem; display: flex; gap: 0.5rem; align-items: baseline; }
`;

/** Issues listed at most (a 5,000-activity plan can have tens of thousands). */
const MAX_LISTED = 200;

/**
 * The matrix's issues panel: counts by severity and the problems found (the first
 * {@link MAX_LISTED}, built only while the panel is open); choosing one whose row is in the
 * matrix takes you there.
 *
 * @fires go - detail is the id of the row to show
 */
export class RtMatrixIssues extends RtPart {
  static override properties = {
    ...RtPart.properties,
    rowIds: { attribute: false },
    open: { state: true },
  };
  /** Ids of the rows in the matrix (issues of anything else cannot be shown). */
  declare rowIds: { has(id: string): boolean };
  /** The panel is open (its list is rendered only then). */
  declare open: boolean;

  constructor() {
    super();
    this.rowIds = new Set();
    this.open = false;
  }

  /** Renders again on a plan change only when the issues changed (not on each keystroke: SPEC UP2). */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    return [ws.store.issues];
  }

  protected override renderView(ws: Workspace) {
    const issues = ws.store.issues;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const i of issues) counts[i.severity]++;
    const listed = this.open ? issues.slice(0, MAX_LISTED) : [];
    return html`<details class="card issues" @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
      <summary>
        <strong>${t('matrix:issues.title')}</strong>
        <span class="badge error">${t('matrix:issues.errors', { count: counts.error, n: fmt.number(counts.error) })}</span>
        <span class="badge warning">${t('matrix:issues.warnings', { count: counts.warning, n: fmt.number(counts.warning) })}</span>
        <span class="badge info">${t('matrix:issues.hints', { count: counts.info, n: fmt.number(counts.info) })}</span>
      </summary>
      ${issues.length === 0
        ? html`<p class="muted">${t('matrix:issues.none')}</p>`
        : html`<ul aria-label=${t('matrix:issues.list')}>
            ${listed.map((i) => this.renderIssue(i))}
          </ul>
          ${issues.length > MAX_LISTED ? html`<p class="muted">${t('matrix:issues.more', { shown: fmt.number(MAX_LISTED), total: fmt.number(issues.length) })}</p>` : nothing}`}
    </details>`;
  }

  private renderIssue(i: Issue) {
    const target = i.entity.kind === 'indicator' ? null : i.entity.id;
    const rowId = target && this.rowIds.has(target) ? target : null;
    return html`<li>
      <button data-nav ?disabled=${!rowId} @click=${() => rowId && this.dispatchEvent(new CustomEvent('go', { detail: rowId }))}>
        <span class="badge ${i.severity}">${i.rule}</span><span dir="auto">${issueLine(i)}</span>
      </button>
    </li>`;
  }
}
customElements.define('rt-matrix-issues', RtMatrixIssues);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-issues': RtMatrixIssues;
  }
}
