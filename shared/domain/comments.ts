import { isId } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import { COMMENT_MAX_CHARS, COMMENT_MAX_MENTIONS } from '../schema/registry.js';
import { COMMENT_TARGETS, type Comment, type CommentTargetKind, type PlanData } from '../schema/types.js';
import { nodeCodes } from './tree.js';
import { commentCounts, englishTargetName, targetKey, targetLabel, targetName, type CommentCount, type CommentTarget, type TargetName } from './comment-targets.js';

export { commentCounts, englishTargetName, targetKey, targetLabel, targetName, type CommentCount, type CommentTarget, type TargetName };

/**
 * Discussion on the plan (SPEC CM1-CM9): threads of comments on goals, criteria, matrix rows,
 * indicators, sections and scores. Pure rules shared by the server (which alone writes comments,
 * CM2) and the browser (which shows them and checks input before sending it).
 */

/** Limits of comments (SPEC CM3, CM9). */
export const COMMENT_LIMITS = {
  /** Characters of one comment's body, after trimming. */
  maxChars: COMMENT_MAX_CHARS,
  /** Participants one comment mentions. */
  maxMentions: COMMENT_MAX_MENTIONS,
  /** Comments (with replies and deleted ones) one plan holds. */
  maxPerPlan: 5_000,
  /** Replies in one thread. */
  maxReplies: 200,
  /** Comments, edits and resolutions one person (link and participant) may send at once... */
  burst: 10,
  /** ...and then per minute. */
  perMinute: 20,
} as const;

/** A target from untrusted input (a query string, a JSON body), or null when malformed. */
export function parseTarget(kind: unknown, id: unknown): CommentTarget | null {
  if (typeof kind !== 'string' || !(COMMENT_TARGETS as readonly string[]).includes(kind) || typeof id !== 'string') return null;
  const parts = id.split(':');
  if (kind === 'score' ? parts.length !== 2 : parts.length !== 1) return null;
  return parts.every((p) => isId(p)) ? { kind: kind as CommentTargetKind, id } : null;
}

/** Control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * CM3: a comment body as stored: line ends made `\n`, trimmed, 1 to `maxChars` characters, no
 * control characters but tab and newline.
 */
export function cleanBody(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return fail('invalid', 'A comment needs some text.', { key: 'refusals:commentEmpty' });
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (body === '') return fail('invalid', 'A comment needs some text.', { key: 'refusals:commentEmpty' });
  if (body.length > COMMENT_LIMITS.maxChars) return fail('invalid', `A comment may hold at most ${COMMENT_LIMITS.maxChars.toLocaleString('en-US')} characters (this one has ${body.length.toLocaleString('en-US')}).`, { key: 'refusals:tooLong', params: { count: COMMENT_LIMITS.maxChars } });
  if (CONTROL.test(body)) return fail('invalid', 'A comment may not hold control characters.', { key: 'refusals:commentControl' });
  return ok(body);
}

/** CM4: whether the plan holds the item a target names (archived items too: their threads stay readable). */
export function targetExists(plan: PlanData, t: CommentTarget): boolean {
  switch (t.kind) {
    case 'goal':
      return plan.goals.some((g) => g.id === t.id);
    case 'criterion':
      return plan.criteria.some((c) => c.id === t.id);
    case 'outcome':
      return plan.outcomes.some((o) => o.id === t.id);
    case 'output':
      return plan.outputs.some((o) => o.id === t.id);
    case 'activity':
      return plan.activities.some((a) => a.id === t.id);
    case 'indicator':
      return plan.indicators.some((i) => i.id === t.id);
    case 'section':
      return plan.sections.some((s) => s.id === t.id);
    case 'score': {
      const [goalId, criterionId] = t.id.split(':');
      return plan.goals.some((g) => g.id === goalId) && plan.criteria.some((c) => c.id === criterionId);
    }
  }
}

/** What a person asks to add: a new thread on a target, or a reply to a thread. */
export interface NewComment {
  targetKind: unknown;
  targetId: unknown;
  threadId?: unknown;
  body: unknown;
  mentions?: unknown;
}

/** A checked new comment, ready for the server to stamp with author and time. */
export interface CheckedComment {
  targetKind: CommentTargetKind;
  targetId: string;
  threadId: string | null;
  body: string;
  mentions: string[];
}

/**
 * CM3, CM4: checks a new comment against the plan: a known target; for a reply, a thread's first
 * comment on that same target (replies are never nested); a body within limits; mentions of
 * distinct participants of the plan (at most `maxMentions`); room in the plan and the thread.
 */
export function checkNewComment(plan: PlanData, input: NewComment): Result<CheckedComment> {
  const target = parseTarget(input.targetKind, input.targetId);
  if (!target) return fail('invalid', `A comment is about one of: ${COMMENT_TARGETS.join(', ')}, named by its id (goalId:criterionId for a score).`, { key: 'refusals:commentTarget' });
  if (!targetExists(plan, target)) return fail('not-found', `This plan has no ${target.kind} "${target.id}".`, { key: 'refusals:notFound', params: { kind: target.kind, id: target.id } });
  const body = cleanBody(input.body);
  if (!body.ok) return body;
  let threadId: string | null = null;
  if (input.threadId !== undefined && input.threadId !== null) {
    if (!isId(input.threadId)) return fail('invalid', 'threadId must be the id of a thread\'s first comment.', { key: 'refusals:replyThread' });
    const first = plan.comments.find((c) => c.id === input.threadId);
    if (!first || first.threadId !== null) return fail('not-found', `There is no thread "${input.threadId}" to reply to.`, { key: 'refusals:noThread', params: { id: input.threadId } });
    if (first.targetKind !== target.kind || first.targetId !== target.id) return fail('invalid', 'A reply is about the same item as its thread.', { key: 'refusals:replySameItem' });
    if (plan.comments.filter((c) => c.threadId === first.id).length >= COMMENT_LIMITS.maxReplies) {
      return fail('invalid', `A thread holds at most ${COMMENT_LIMITS.maxReplies} replies: start a new thread.`, { key: 'refusals:threadFull', params: { count: COMMENT_LIMITS.maxReplies } });
    }
    threadId = first.id;
  }
  const raw = input.mentions ?? [];
  if (!Array.isArray(raw) || raw.length > COMMENT_LIMITS.maxMentions) return fail('invalid', `mentions is a list of at most ${COMMENT_LIMITS.maxMentions} participant ids.`, { key: 'refusals:tooManyMentions', params: { count: COMMENT_LIMITS.maxMentions } });
  const mentions: string[] = [];
  for (const m of raw) {
    if (!isId(m) || !plan.participants.some((p) => p.id === m)) return fail('not-found', `Only participants of this plan can be mentioned ("${String(m).slice(0, 64)}" is not one).`, { key: 'refusals:mentionNotParticipant', params: { id: String(m).slice(0, 64) } });
    if (!mentions.includes(m)) mentions.push(m);
  }
  if (plan.comments.length >= COMMENT_LIMITS.maxPerPlan) return fail('invalid', `This plan holds the most comments it can (${COMMENT_LIMITS.maxPerPlan.toLocaleString('en-US')}).`, { key: 'refusals:planCommentsFull', params: { count: COMMENT_LIMITS.maxPerPlan } });
  return ok({ targetKind: target.kind, targetId: target.id, threadId, body: body.value, mentions });
}

/** Who asks to change a comment: the invite link they use, their participant id, whether they may edit the plan. */
export interface CommentActor {
  link: string;
  participantId: string | null;
  canWrite: boolean;
}

/** CM6: only a comment's author (same link and same participant id) edits or deletes it; never once deleted. */
export function canEditComment(c: Comment, who: CommentActor): boolean {
  return !c.deleted && c.authorLink === who.link && c.authorId === who.participantId;
}

/** CM7: a thread is resolved or reopened by anyone who may edit the plan, or by the thread's author. */
export function canResolve(first: Comment, who: CommentActor): boolean {
  return first.threadId === null && (who.canWrite || (first.authorLink === who.link && first.authorId === who.participantId));
}

/** A thread: its first comment and the replies, oldest first. */
export interface Thread {
  first: Comment;
  replies: Comment[];
}

/** CM5: the threads of a plan (optionally only those on `target`), oldest first; replies without their first comment are left out. */
export function threadsOf(plan: PlanData, target?: CommentTarget): Thread[] {
  const byId = new Map<string, Thread>();
  const out: Thread[] = [];
  for (const c of plan.comments) {
    if (c.threadId !== null) continue;
    if (target && (c.targetKind !== target.kind || c.targetId !== target.id)) continue;
    const t = { first: c, replies: [] };
    byId.set(c.id, t);
    out.push(t);
  }
  for (const c of plan.comments) if (c.threadId !== null) byId.get(c.threadId)?.replies.push(c);
  const at = (x: Comment) => `${x.createdAt}\u0000${x.id}`;
  for (const t of out) t.replies.sort((a, b) => (at(a) < at(b) ? -1 : 1));
  return out.sort((a, b) => (at(a.first) < at(b.first) ? -1 : 1));
}

/** One line of the comments part of a diff (CM8). */
export interface CommentChange {
  target: CommentTarget;
  /** The label of the target in the newer plan's terms. */
  label: string;
  kind: 'new' | 'resolved' | 'reopened' | 'edited' | 'deleted';
  count: number;
  summary: string;
}

/**
 * CM8: comment changes between two plans, grouped by target in the newer plan's terms:
 * "3 new comments on outcome 1.2 "…"", "1 thread resolved on ...", "... reopened",
 * "1 comment edited on ...", "1 comment deleted on ...". Targets in order of first appearance.
 */
export function diffComments(a: PlanData, b: PlanData): CommentChange[] {
  const before = new Map(a.comments.map((c) => [c.id, c]));
  const codes = nodeCodes(b);
  const groups = new Map<string, { target: CommentTarget; counts: Record<CommentChange['kind'], number> }>();
  const firsts = new Map(b.comments.filter((c) => c.threadId === null).map((c) => [c.id, c]));
  const bump = (c: Comment, kind: CommentChange['kind']) => {
    const first = c.threadId === null ? c : (firsts.get(c.threadId) ?? c);
    const target = { kind: first.targetKind, id: first.targetId };
    const key = targetKey(target);
    const g = groups.get(key) ?? { target, counts: { new: 0, resolved: 0, reopened: 0, edited: 0, deleted: 0 } };
    g.counts[kind]++;
    groups.set(key, g);
  };
  for (const c of b.comments) {
    const old = before.get(c.id);
    if (!old) {
      if (!c.deleted) bump(c, 'new');
      continue;
    }
    if (c.deleted && !old.deleted) bump(c, 'deleted');
    else if (!c.deleted && c.body !== old.body) bump(c, 'edited');
    if (c.threadId === null && c.resolved !== old.resolved) bump(c, c.resolved ? 'resolved' : 'reopened');
  }
  const out: CommentChange[] = [];
  const phrase: Record<CommentChange['kind'], [string, string]> = {
    new: ['new comment', 'new comments'],
    resolved: ['thread resolved', 'threads resolved'],
    reopened: ['thread reopened', 'threads reopened'],
    edited: ['comment edited', 'comments edited'],
    deleted: ['comment deleted', 'comments deleted'],
  };
  for (const { target, counts } of groups.values()) {
    const label = targetLabel(b, target, codes);
    for (const kind of ['new', 'resolved', 'reopened', 'edited', 'deleted'] as const) {
      const n = counts[kind];
      if (n === 0) continue;
      out.push({ target, label, kind, count: n, summary: `${n} ${phrase[kind][n === 1 ? 0 : 1]} on ${label}` });
    }
  }
  return out;
}
