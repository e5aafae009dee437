import { css, html, nothing, type PropertyValues } from 'lit';
import * as Y from 'yjs';
import { writePlan, type PlanData } from '../../shared/model.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { Workspace } from '../state/workspace.js';
import { VIEWS, viewById, type ViewId } from '../views.js';
import { RtLightPart } from './rt-view.js';
import { STATUS_LABELS, lock } from './version-shared.js';
import { fmt, t } from '../i18n.js';

/** Styles of an opened version, adopted by the versions panel. */
export const viewerStyles = css`
  .readonly-note { background: var(--rt-accent-soft); border: 1px solid #b8cdef; border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; }
  .tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0.5rem 0; }
  .tabs button[aria-pressed='true'] { background: var(--rt-accent); color: #fff; }
  .tabs button[aria-pressed='false'] { background: #fff; color: var(--rt-accent); }
`;

/**
 * One version opened read-only in the same views as the live plan (a tab per view of the
 * registry). It keeps the version in a document and workspace of its own, dropped when it closes.
 *
 * @fires view - detail is the view chosen
 * @fires close - the version should close
 */
export class RtVersionViewer extends RtLightPart {
  static override properties = { meta: { attribute: false }, plan: { attribute: false }, view: { type: String } };
  declare meta: SnapshotMeta | null;
  /** The plan as it was in the version. */
  declare plan: PlanData | null;
  declare view: ViewId;
  private ws: Workspace | null = null;

  constructor() {
    super();
    this.meta = null;
    this.plan = null;
    this.view = 'matrix';
  }

  /** The read-only workspace on the version (null while closed). */
  get workspace(): Workspace | null {
    return this.ws;
  }

  override disconnectedCallback(): void {
    this.drop();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('plan')) this.drop();
    if (!this.ws && this.plan) {
      const doc = new Y.Doc();
      writePlan(doc, this.plan, { source: 'server', reason: 'snapshot' });
      this.ws = new Workspace(doc, { id: 'snapshot-viewer', name: 'Viewer', group: null, committee: 'none' }, null, { readonly: true });
    }
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.destroy();
    ws?.doc.destroy();
  }

  override render() {
    const { meta, ws } = this;
    if (!meta || !ws) return nothing;
    return html`<section class="card" aria-labelledby="opened-title">
      <div class="row">
        <h2 id="opened-title" class="grow" tabindex="-1">${meta.status === 'endorsed' ? html`${lock()} ` : nothing}<span dir="auto">${meta.name}</span></h2>
        <button class="quiet" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${t('close')}</button>
      </div>
      <p class="readonly-note">${t('versions:viewer.readOnly')} <time datetime=${meta.createdAt}>${fmt.dateTime(meta.createdAt)}</time> (${STATUS_LABELS[meta.status]}).</p>
      <div class="tabs" role="group" aria-label=${t('versions:viewer.views')}>
        ${VIEWS.map((v) => html`<button aria-pressed=${v.id === this.view ? 'true' : 'false'} @click=${() => this.dispatchEvent(new CustomEvent('view', { detail: v.id }))}>${v.label}</button>`)}
      </div>
      ${viewById(this.view).render(ws)}
    </section>`;
  }
}
customElements.define('rt-version-viewer', RtVersionViewer);

declare global {
  interface HTMLElementTagNameMap {
    'rt-version-viewer': RtVersionViewer;
  }
}
