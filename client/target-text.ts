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
  // Worded once per shape with a mark for the title, so a title being typed words nothing again (SPEC MP8).
  const title = n.form !== 'score' && n.title.trim() && !n.title.includes(MARK) ? n.title : null;
  const shape = title === null ? n : { ...n, title: MARK };
  const key = `${locale()}\u0000${JSON.stringify(shape)}`;
  let text = worded.get(key);
  if (text === undefined) {
    if (worded.size >= 4096) worded.clear();
    text = targetWords(shape);
    worded.set(key, text);
  }
  return title === null ? text : text.split(MARK).join(title);
}

/** A character no message holds, standing for a typed text while a message is worded (SPEC MP8). */
const MARK = '\u0001';

/**
 * `t(key, { ...params, [name]: value })`, worded with a mark where `value` goes and the mark then
 * replaced (SPEC MP8): a value that changes with each key (the title being typed, in a comment
 * badge's label) finds the message in `t()`'s memo (MP1) instead of wording it again. The same
 * text as `t()` gives: interpolated values are not escaped or read again.
 */
export function tWith(key: string, params: Record<string, unknown>, name: string, value: string): string {
  if (value.includes(MARK)) return t(key, { ...params, [name]: value });
  return t(key, { ...params, [name]: MARK }).split(MARK).join(value);
}
