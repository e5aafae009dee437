import { css, html, nothing } from 'lit';
import { archivedItems, restoreItem, type BinEntity, type BinItem } from '../../shared/model.js';
import { type ArchivedInfo } from '../state/api.js';
import { api } from '../state/api-routes.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { fmt, t } from '../i18n.js';
import { commandText, noticeText, type Notice, failureText } from '../command-text.js';

/** The kind of an archived item, in the reader's language. */
const kindLabel = (entity: BinEntity): string => t(`collab:bin.kind.${entity}`);

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
  declare message: Notice;
  /** The archived ids the `who` answer was fetched for. */
  private fetchedFor = '';

  static override styles = [
    base,
    css`
      :host { display: block; }
      ul { list-style: none; padding: 0; margin: 0; }
      li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.5rem 0.6rem; margin-block-end: 0.4rem; background: #fff; }
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
      (err: unknown) => (this.message = () => t('collab:bin.whoFailed', { error: failureText(err, this) })),
    );
  }

  private restore(ws: Workspace, item: BinItem): void {
    const r = restoreItem(ws.doc, item.entity, item.id, ws.origin);
    this.message = r.ok ? t('collab:bin.restored', { kind: kindLabel(item.entity), title: item.title || t('collab:bin.untitledLower') }) : (() => t('collab:bin.restoreFailed', { error: commandText(r.error, this) }));
  }

  protected renderView(ws: Workspace) {
    const items = archivedItems(ws.store.plan);
    this.refreshWho(items);
    return html`<section class="card" aria-labelledby="bin-title">
      <h2 id="bin-title">${t('shell:panel.archive')}</h2>
      <p class="muted">${t('collab:bin.help')} ${ws.readonly ? t('collab:bin.helpReadonly') : t('collab:bin.helpWriter')}</p>
      <p role="status" aria-live="polite">${noticeText(this.message, this)}</p>
      ${items.length === 0
        ? html`<p class="empty">${t('collab:bin.empty')}</p>`
        : html`<ul aria-label=${t('collab:bin.list')}>
            ${items.map((item) => this.renderItem(ws, item))}
          </ul>`}
    </section>`;
  }

  private renderItem(ws: Workspace, item: BinItem) {
    const who = this.who?.get(item.id);
    const title = item.title || t('collab:bin.untitled');
    return html`<li data-id=${item.id}>
      <div class="what">
        <div class="kind">${kindLabel(item.entity)}</div>
        <div dir="auto">${title}</div>
        <div class="meta">
          ${item.under ? html`${t('collab:bin.under', { title: item.under })} ` : nothing}
          ${who
            ? html`${t('collab:bin.by', { name: who.archivedBy || t('collab:bin.noName'), role: t(`collab:role.${who.role}`) })} <time datetime=${who.archivedAt}>${fmt.dateTime(who.archivedAt)}</time>.`
            : this.who
              ? t('collab:bin.unknown')
              : ''}
          ${item.hiddenByParent ? html`<strong>${t('collab:bin.parentArchived')}</strong>` : nothing}
        </div>
      </div>
      <button class="secondary" @click=${() => this.restore(ws, item)} aria-label=${t('collab:bin.restoreOf', { kind: kindLabel(item.entity).toLowerCase(), title })}>${t('collab:bin.restore')}</button>
    </li>`;
  }
}
customElements.define('rt-archive', RtArchive);

declare global {
  interface HTMLElementTagNameMap {
    'rt-archive': RtArchive;
  }
}
