import { css, html, svg } from 'lit';
import { targetKey, type CommentTarget } from '../../shared/domain/comment-targets.js';
import type { Workspace } from '../state/workspace.js';
import { t } from '../i18n.js';
import { targetText, tWith } from '../target-text.js';

/** What a `comments` event asks the workspace to open: the discussion of one item. */
export interface CommentsRequest {
  target: CommentTarget;
  /** The item in the plan's terms and the reader's language ("outcome 1.2 "…""), for the drawer's heading. */
  label: string;
}

/** Styles of the comment count buttons, adopted by the views that show them. */
export const commentBadgeStyles = css`
  button.comments { display: inline-flex; align-items: center; gap: 0.2rem; padding: 0.2rem 0.4rem; min-height: 28px; min-width: 28px; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
  button.comments svg { width: 1rem; height: 1rem; flex: none; }
  button.comments.has { color: var(--rt-ink); }
  button.comments.open-threads { background: var(--rt-warn-soft); border-color: #e0c36a; color: var(--rt-warn); }
`;

const bubble = svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 2.5A1.5 1.5 0 0 1 3.5 1h9A1.5 1.5 0 0 1 14 2.5v7a1.5 1.5 0 0 1-1.5 1.5H7.2L4 14v-3h-.5A1.5 1.5 0 0 1 2 9.5v-7Zm1.5-.3a.3.3 0 0 0-.3.3v7c0 .17.13.3.3.3h1.7v1.6l1.7-1.6h5.6a.3.3 0 0 0 .3-.3v-7a.3.3 0 0 0-.3-.3h-9Z"/></svg>`;

/**
 * The comment count of one item (SPEC CM5) as a button that opens its discussion: it fires a
 * `comments` event (bubbling, composed) with the item, which the workspace answers with the
 * comments drawer. Marked `data-nav`, so observers (read-only views) keep it: they may comment.
 * The item is named in the reader's language from `target` (`targetText`, SPEC L31); `_english`,
 * the caller's English label, is no longer shown (callers may stop passing it).
 */
export function commentBadge(ws: Workspace, target: CommentTarget, _english?: string) {
  const label = targetText(ws, target);
  const n = ws.store.commentCounts.get(targetKey(target));
  const count = n?.comments ?? 0;
  const open = n?.open ?? 0;
  const text =
    count === 0
      ? tWith('collab:badge.none', {}, 'label', label)
      : `${tWith('collab:badge.some', { count }, 'label', label)}${open ? t('collab:badge.open', { count: open }) : t('collab:badge.resolved')}${t('collab:badge.openIt')}`;
  return html`<button
    class="quiet comments ${count ? 'has' : ''} ${open ? 'open-threads' : ''}"
    data-nav
    data-comments=${targetKey(target)}
    aria-label=${text}
    title=${text}
    @click=${(e: Event) => (e.currentTarget as HTMLElement).dispatchEvent(new CustomEvent<CommentsRequest>('comments', { detail: { target, label }, bubbles: true, composed: true }))}
  >${bubble}${count ? html`<span>${count}</span>` : ''}</button>`;
}
