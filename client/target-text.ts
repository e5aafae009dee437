import { targetName, type CommentTarget, type TargetName } from '../shared/domain/comment-targets.js';
import type { Workspace } from './state/workspace.js';
import { locale, t } from './i18n.js';

/** A comment target's name in the reader's language (SPEC L31; `collab:target.*`, the English as `targetLabel`'s). */
export function targetWords(n: TargetName): string {
  if (n.form === 'score') return t('collab:target.score', { goal: n.goal, criterion: n.criterion });
  const kind = t(`collab:target.kind.${n.kind}`);
  if (n.form === 'named' && !n.title.trim()) return t('collab:target.unnamed', { kind, id: n.id });
  const name = n.title.trim() ? t('collab:target.quoted', { title: n.title }) : t('collab:target.untitled', { id: n.id });
  return n.form === 'row' && n.code ? t('collab:target.row', { kind, code: n.code, name }) : t('collab:target.noCode', { kind, name });
}

/** Names already worded, by language and name (a matrix re-render words each row's badge again). */
const worded = new Map<string, string>();

/**
 * What `target` is, in the plan's terms and the reader's language, with the article French and
 * Spanish sentences need (SPEC L91): "l’objectif 1 « … »", "le critère « … »", "la note de l’objectif « … » sur « … »". Rows are found through the store's index.
 */
export function targetText(ws: Workspace, target: CommentTarget): string {
  const n = targetName(ws.store.plan, target, ws.store.codes, (id) => ws.store.nodeItem(id));
  const key = `${locale()}\u0000${JSON.stringify(n)}`;
  let text = worded.get(key);
  if (text === undefined) {
    if (worded.size >= 4096) worded.clear();
    text = targetWords(n);
    worded.set(key, text);
  }
  return text;
}
