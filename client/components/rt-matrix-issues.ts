import { css, html } from 'lit';
import type { Issue } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';

/** Styles of the issues panel, adopted by the matrix. */
export const issuesStyles = css`
  .issues { margin-bottom: 0.75rem; }
  .issues ul { list-style: none; padding: 0; margin: 0.5rem 0 0; max-height: 18rem; overflow: auto; }
  .issues li button { text-align: left; width: 100%; background: #fff; color: var(--rt-ink); border: 1px solid var(--rt-line); margin-bottom: 0.25rem; display: flex; gap: 0.5rem; align-items: baseline; }
`;

/**
 * The matrix's issues panel: counts by severity and every problem found; choosing one whose row
 * is in the matrix takes you there.
 *
 * @fires go - detail is the id of the row to show
 */
export class RtMatrixIssues extends RtPart {
  static override properties = {
    ...RtPart.properties,
    rowIds: { attribute: false },
  };
  /** Ids of the rows in the matrix (issues of anything else cannot be shown). */
  declare rowIds: ReadonlySet<string>;

  constructor() {
    super();
    this.rowIds = new Set();
  }

  protected override renderView(ws: Workspace) {
    const issues = ws.store.issues;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const i of issues) counts[i.severity]++;
    return html`<details class="card issues">
      <summary>
        <strong>Issues</strong>
        <span class="badge error">${counts.error} errors</span>
        <span class="badge warning">${counts.warning} warnings</span>
        <span class="badge info">${counts.info} hints</span>
      </summary>
      ${issues.length === 0
        ? html`<p class="muted">No problems found.</p>`
        : html`<ul aria-label="Issues">
            ${issues.map((i) => this.renderIssue(i))}
          </ul>`}
    </details>`;
  }

  private renderIssue(i: Issue) {
    const target = i.entity.kind === 'indicator' ? null : i.entity.id;
    const rowId = target && this.rowIds.has(target) ? target : null;
    return html`<li>
      <button data-nav ?disabled=${!rowId} @click=${() => rowId && this.dispatchEvent(new CustomEvent('go', { detail: rowId }))}>
        <span class="badge ${i.severity}">${i.rule}</span><span>${i.message}</span>
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
