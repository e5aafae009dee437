import { css, html, nothing } from 'lit';
import { archivedItems, restoreItem, type BinEntity, type BinItem } from '../../shared/model.js';
import { api, type ArchivedInfo } from '../state/api.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';

const LABELS: Record<BinEntity, string> = {
  goal: 'Goal',
  outcome: 'Outcome',
  output: 'Output',
  activity: 'Activity',
  criterion: 'Criterion',
  indicator: 'Indicator',
  section: 'Plan of Action section',
  stakeholder: 'Stakeholder',
  body: 'Committee or body',
  meeting: 'Meeting',
  decision: 'Decision',
  deliverable: 'Deliverable',
};

/**
 * The archive bin: every archived goal, outcome, output, activity, criterion, indicator and
 * Plan of Action section (SPEC AR1), live from the plan, with who archived it and when (the
 * server's audit of archive events, `GET /api/plans/:id/archive`), and a one-click Restore for
 * anyone who may edit (observers see the list read-only).
 */
export class RtArchive extends RtView {
  static override properties = { ...RtView.properties, planId: { type: String }, who: { state: true }, message: { state: true } };
  declare planId: string;
  declare who: Map<string, ArchivedInfo> | null;
  declare message: string;
  /** The archived ids the `who` answer was fetched for. */
  private fetchedFor = '';

  static override styles = [
    base,
    css`
      :host { display: block; }
      ul { list-style: none; padding: 0; margin: 0; }
      li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.5rem 0.6rem; margin-bottom: 0.4rem; background: #fff; }
      .what { flex: 1 1 16rem; min-width: 0; overflow-wrap: anywhere; }
      .kind { font-size: 0.8rem; font-weight: 650; color: var(--rt-muted); text-transform: uppercase; letter-spacing: 0.03em; }
      .meta { color: var(--rt-muted); font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.who = null;
    this.message = '';
  }

  /** Fetches who archived what when the set of archived items changed (and once at first). */
  private refreshWho(items: BinItem[]): void {
    const key = items.map((i) => i.id).join(',');
    if (key === this.fetchedFor || !this.planId) return;
    this.fetchedFor = key;
    api.archive(this.planId).then(
      (list) => (this.who = new Map(list.map((i) => [i.id, i]))),
      (err: unknown) => (this.message = `Who archived what could not be loaded (${(err as Error).message}); the list below is complete.`),
    );
  }

  private restore(ws: Workspace, item: BinItem): void {
    const r = restoreItem(ws.doc, item.entity, item.id, ws.origin);
    this.message = r.ok ? `${LABELS[item.entity]} “${item.title || 'untitled'}” restored.` : `Could not restore it: ${r.error.message}`;
  }

  protected renderView(ws: Workspace) {
    const items = archivedItems(ws.store.plan);
    this.refreshWho(items);
    return html`<section class="card" aria-labelledby="bin-title">
      <h2 id="bin-title">Archive bin</h2>
      <p class="muted">Archived items are hidden from the plan for everyone but nothing is deleted. ${ws.readonly ? 'Editors and facilitators can restore them.' : 'Restore brings an item back, with everything under it.'}</p>
      <p role="status" aria-live="polite">${this.message}</p>
      ${items.length === 0
        ? html`<p class="empty">Nothing is archived. Goals, rows, criteria, indicators and sections that someone archives appear here, ready to be restored.</p>`
        : html`<ul aria-label="Archived items">
            ${items.map((item) => this.renderItem(ws, item))}
          </ul>`}
    </section>`;
  }

  private renderItem(ws: Workspace, item: BinItem) {
    const who = this.who?.get(item.id);
    const title = item.title || 'Untitled';
    return html`<li data-id=${item.id}>
      <div class="what">
        <div class="kind">${LABELS[item.entity]}</div>
        <div>${title}</div>
        <div class="meta">
          ${item.under ? html`Under “${item.under}”. ` : nothing}
          ${who
            ? html`Archived by ${who.archivedBy || 'someone without a name'} (${who.role}) on <time datetime=${who.archivedAt}>${new Date(who.archivedAt).toLocaleString()}</time>.`
            : this.who
              ? 'Who archived it is not known (archived before the bin recorded it, or offline and not yet sent).'
              : ''}
          ${item.hiddenByParent ? html`<strong>What it sits under is archived too: restore that to see it in the plan.</strong>` : nothing}
        </div>
      </div>
      <button class="secondary" @click=${() => this.restore(ws, item)} aria-label=${`Restore ${LABELS[item.entity].toLowerCase()} ${title}`}>Restore</button>
    </li>`;
  }
}
customElements.define('rt-archive', RtArchive);

declare global {
  interface HTMLElementTagNameMap {
    'rt-archive': RtArchive;
  }
}
