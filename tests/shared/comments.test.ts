import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canEditComment, canResolve, checkNewComment, cleanBody, commentCounts, COMMENT_LIMITS, diffComments, parseTarget, targetLabel, threadsOf } from '../../shared/domain/comments.js';
import { diffPlans } from '../../shared/domain/diff.js';
import { add, setField } from '../../shared/commands/entity.js';
import { checkChange } from '../../shared/rules/update-gate.js';
import { readPlan } from '../../shared/schema/read.js';
import { commentsMap } from '../../shared/schema/roots.js';
import type { Comment, PlanData } from '../../shared/schema/types.js';
import { docOf, fullPlan, handbookMatrix } from './helpers/fixtures.js';

const SERVER = { source: 'server', reason: 'comment' } as const;
let seq = 0;
/** A stored comment as the server writes it. */
function comment(over: Partial<Comment>): Comment {
  seq++;
  return {
    id: `c${seq}`,
    targetKind: 'outcome',
    targetId: 'oc2',
    threadId: null,
    body: 'Why this outcome?',
    mentions: [],
    authorId: 'p1',
    authorName: 'Fatou',
    authorRole: 'observer',
    authorLink: 'l-obs',
    createdAt: `2026-03-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    editedAt: null,
    deleted: false,
    resolved: false,
    resolvedBy: '',
    resolvedAt: null,
    ...over,
  };
}
const withComments = (p: PlanData, comments: Comment[]): PlanData => ({ ...structuredClone(p), comments });

describe('comments (SPEC CM)', () => {
  it('[CM1] a comment written with the generic commands reads back with every field; malformed stored values fall back', () => {
    const doc = new Y.Doc();
    const id = add(doc, 'comment', { targetKind: 'activity', targetId: 'a1', body: 'Budget?', authorName: 'Edem', authorRole: 'observer', authorLink: 'l1', createdAt: '2026-03-01T10:00:00.000Z', mentions: ['p1'] }, SERVER);
    expect(id.ok).toBe(true);
    const plan = readPlan(doc);
    expect(plan.comments).toEqual([
      { id: id.ok ? id.value : '', targetKind: 'activity', targetId: 'a1', threadId: null, body: 'Budget?', mentions: ['p1'], authorId: null, authorName: 'Edem', authorRole: 'observer', authorLink: 'l1', createdAt: '2026-03-01T10:00:00.000Z', editedAt: null, deleted: false, resolved: false, resolvedBy: '', resolvedAt: null },
    ]);
    expect(add(doc, 'comment', { targetKind: 'planet', targetId: 'a1', body: 'x', createdAt: '2026-03-01T10:00:00.000Z' }, SERVER).ok).toBe(false);
    expect(add(doc, 'comment', { targetKind: 'goal', targetId: 'a1', body: 'x', createdAt: 'yesterday' }, SERVER).ok).toBe(false);
    expect(add(doc, 'comment', { targetKind: 'goal', targetId: 'a1', body: 'x'.repeat(COMMENT_LIMITS.maxChars + 1) }, SERVER).ok).toBe(false);
    const m = commentsMap(doc).get(id.ok ? id.value : '') as Y.Map<unknown>;
    m.set('createdAt', 'not a time');
    m.set('authorName', 'bad\u0007name');
    expect(readPlan(doc).comments[0]).toMatchObject({ createdAt: '1970-01-01T00:00:00.000Z', authorName: '' });
  });

  it('[CM2] the update gate refuses every client change under comments, to every role', () => {
    const facilitator = { canFacilitate: true, participantId: 'p1' };
    const editor = { canFacilitate: false, participantId: 'p2' };
    const state = { criteriaLocked: false };
    for (const writer of [facilitator, editor]) {
      for (const change of [
        { op: 'set', path: ['comments', 'c1'], put: { kind: 'map' } },
        { op: 'set', path: ['comments', 'c1', 'body'], put: { kind: 'value', value: 'forged' } },
        { op: 'set', path: ['comments', 'c1', 'authorName'], put: { kind: 'value', value: 'Fatou' } },
        { op: 'delete', path: ['comments', 'c1'], inText: false },
      ] as const) {
        expect(checkChange(writer, state, change), JSON.stringify(change)).toMatchObject({ rule: 'CM2', code: 'server-only' });
      }
    }
  });

  it('[CM3] a body is trimmed, 1 to 4,000 characters, with tabs and newlines but no other control characters', () => {
    expect(cleanBody('  Looks right.\r\nSecond line  ')).toEqual({ ok: true, value: 'Looks right.\nSecond line' });
    expect(cleanBody('   ').ok).toBe(false);
    expect(cleanBody(42).ok).toBe(false);
    expect(cleanBody('x'.repeat(COMMENT_LIMITS.maxChars)).ok).toBe(true);
    const long = cleanBody('x'.repeat(COMMENT_LIMITS.maxChars + 1));
    expect(long.ok ? '' : long.error.message).toMatch(/at most 4,000 characters \(this one has 4,001\)/);
    expect(cleanBody('bell\u0007').ok).toBe(false);
    expect(cleanBody('tab\there').ok).toBe(true);
  });

  it('[CM4] a new comment needs a known target; a reply needs a first comment on the same target; mentions name participants', () => {
    const p = fullPlan();
    const first = comment({ id: 'cm1', targetKind: 'activity', targetId: 'a1' });
    const plan = withComments(p, [first, comment({ id: 'cm2', threadId: 'cm1', targetKind: 'activity', targetId: 'a1' })]);
    const ok = checkNewComment(plan, { targetKind: 'activity', targetId: 'a1', body: ' Agreed ', threadId: 'cm1', mentions: ['p1', 'p1'] });
    expect(ok).toEqual({ ok: true, value: { targetKind: 'activity', targetId: 'a1', threadId: 'cm1', body: 'Agreed', mentions: ['p1'] } });
    expect(checkNewComment(plan, { targetKind: 'activity', targetId: 'nope', body: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(checkNewComment(plan, { targetKind: 'planet', targetId: 'a1', body: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(checkNewComment(plan, { targetKind: 'score', targetId: 'g1', body: 'x' })).toMatchObject({ ok: false });
    const crit = p.criteria[0]!.id;
    expect(checkNewComment(plan, { targetKind: 'score', targetId: `g1:${crit}`, body: 'Why 2?' }).ok).toBe(true);
    expect(checkNewComment(plan, { targetKind: 'activity', targetId: 'a1', body: 'x', threadId: 'cm2' })).toMatchObject({ ok: false, error: { code: 'not-found' } }); // no nesting
    expect(checkNewComment(plan, { targetKind: 'goal', targetId: 'g1', body: 'x', threadId: 'cm1' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(checkNewComment(plan, { targetKind: 'activity', targetId: 'a1', body: 'x', mentions: ['ghost'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(checkNewComment(plan, { targetKind: 'activity', targetId: 'a1', body: 'x', mentions: 'p1' }).ok).toBe(false);
    const full = withComments(p, Array.from({ length: COMMENT_LIMITS.maxPerPlan }, () => comment({ targetKind: 'activity', targetId: 'a1' })));
    expect(checkNewComment(full, { targetKind: 'activity', targetId: 'a1', body: 'x' })).toMatchObject({ ok: false });
    const busy = withComments(p, [first, ...Array.from({ length: COMMENT_LIMITS.maxReplies }, () => comment({ threadId: 'cm1', targetKind: 'activity', targetId: 'a1' }))]);
    expect(checkNewComment(busy, { targetKind: 'activity', targetId: 'a1', body: 'x', threadId: 'cm1' })).toMatchObject({ ok: false });
    expect(parseTarget('score', 'g1:c1')).toEqual({ kind: 'score', id: 'g1:c1' });
    expect(parseTarget('goal', 'g1:c1')).toBeNull();
    expect(parseTarget('goal', '__proto__')).toBeNull();
  });

  it('[CM5] threads group replies under their first comment; counts say comments and open threads per item', () => {
    const a = comment({ id: 't1' });
    const r1 = comment({ id: 'r1', threadId: 't1' });
    const r2 = comment({ id: 'r2', threadId: 't1', deleted: true, body: '' });
    const b = comment({ id: 't2', resolved: true });
    const other = comment({ id: 't3', targetKind: 'goal', targetId: 'g1' });
    const orphan = comment({ id: 'r9', threadId: 'gone' });
    const plan = withComments(handbookMatrix(), [other, r2, b, r1, a, orphan]);
    const threads = threadsOf(plan, { kind: 'outcome', id: 'oc2' });
    expect(threads.map((t) => [t.first.id, t.replies.map((r) => r.id)])).toEqual([['t1', ['r1', 'r2']], ['t2', []]]);
    const counts = commentCounts(plan);
    expect(counts.get('outcome:oc2')).toEqual({ comments: 3, open: 1 });
    expect(counts.get('goal:g1')).toEqual({ comments: 1, open: 1 });
    expect(counts.has('activity:a11')).toBe(false);
  });

  it('[CM6] [CM7] only the author (same link and participant) edits or deletes; the author or anyone who may edit resolves', () => {
    const c = comment({ authorLink: 'l-obs', authorId: 'p1' });
    expect(canEditComment(c, { link: 'l-obs', participantId: 'p1', canWrite: false })).toBe(true);
    expect(canEditComment(c, { link: 'l-obs', participantId: 'p2', canWrite: false })).toBe(false);
    expect(canEditComment(c, { link: 'l-fac', participantId: 'p1', canWrite: true })).toBe(false);
    expect(canEditComment({ ...c, deleted: true }, { link: 'l-obs', participantId: 'p1', canWrite: false })).toBe(false);
    expect(canResolve(c, { link: 'l-obs', participantId: 'p1', canWrite: false })).toBe(true);
    expect(canResolve(c, { link: 'l-ed', participantId: 'p3', canWrite: true })).toBe(true);
    expect(canResolve(c, { link: 'l-obs2', participantId: 'p3', canWrite: false })).toBe(false);
    expect(canResolve({ ...c, threadId: 'x' }, { link: 'l-ed', participantId: 'p3', canWrite: true })).toBe(false);
  });

  it('[CM8] [DF0] the diff says "3 new comments on outcome 1.2", resolutions, edits and deletions, in the plan\'s terms', () => {
    const base = handbookMatrix();
    const t1 = comment({ id: 't1', targetKind: 'outcome', targetId: 'oc2' });
    const a = withComments(base, [t1]);
    const b = withComments(base, [
      { ...t1, resolved: true, resolvedBy: 'Fatou', resolvedAt: '2026-03-02T10:00:00.000Z' },
      comment({ id: 'n1', threadId: 't1' }),
      comment({ id: 'n2', threadId: 't1' }),
      comment({ id: 'n3' }),
      comment({ id: 'n4', targetKind: 'activity', targetId: 'a11', body: 'Which stakeholders?' }),
    ]);
    const outcome = targetLabel(b, { kind: 'outcome', id: 'oc2' });
    expect(outcome).toMatch(/^outcome 1\.2 "/);
    const lines = diffComments(a, b).map((c) => c.summary);
    expect(lines).toEqual([`3 new comments on ${outcome}`, `1 thread resolved on ${outcome}`, '1 new comment on activity 1.1.1.1 "Conduct consultations with Government and other stakeholders"']);
    const d = diffPlans(a, b);
    expect(d.changes.filter((c) => c.entity.kind === 'comment').map((c) => c.summary)).toEqual(lines);
    expect(d.counts).toMatchObject({ added: 2, changed: 1 });
    const c = withComments(base, [{ ...t1, body: 'Why this one?' }, { ...comment({ id: 'n9', threadId: 't1' }), deleted: true, body: '' }]);
    expect(diffComments(a, c).map((x) => x.summary)).toEqual([`1 comment edited on ${outcome}`]);
    expect(diffPlans(a, structuredClone(a)).changes).toEqual([]);
    expect(targetLabel(b, { kind: 'score', id: `g1:${base.criteria[0]?.id ?? 'c'}` })).toMatch(/^score of goal "/);
  });

  it('[CM1] comments written by the server survive a round trip through a doc and JSON', () => {
    const p = withComments(fullPlan(), [comment({ id: 'x1', targetKind: 'activity', targetId: 'a1' })]);
    const doc = docOf(p);
    expect(readPlan(doc).comments.map((c) => c.id)).toEqual(['cm1', 'cm2', 'x1'].filter((id) => p.comments.some((c) => c.id === id)));
    expect(setField(doc, 'comment', 'x1', 'resolved', true, SERVER).ok).toBe(true);
    expect(readPlan(doc).comments.find((c) => c.id === 'x1')?.resolved).toBe(true);
  });
});
