import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../shared/domain/diff.js';
import { MAX_SEEN_LINES, placeOf, sinceLastSeen } from '../../shared/domain/last-seen.js';
import type { Comment, PlanData } from '../../shared/schema/types.js';
import { handbookMatrix, handbookScoring } from './helpers/fixtures.js';

const clone = (p: PlanData): PlanData => structuredClone(p);

describe('since you were last here (SPEC LS)', () => {
  it('[LS2] nothing on a first visit, nothing for another plan, an empty list when nothing changed', () => {
    const p = handbookMatrix();
    expect(sinceLastSeen(null, p)).toBeNull();
    expect(sinceLastSeen({ ...clone(p), id: 'other' }, p)).toBeNull();
    expect(sinceLastSeen(clone(p), p)).toEqual({ lines: [], more: 0 });
  });

  it('[LS2] lines in the plan\'s terms, each with its place: a budget, a selected goal, agreed criteria, new comments', () => {
    const a = handbookMatrix();
    const b = clone(a);
    const act = b.activities.find((x) => x.id === 'a12')!;
    act.budget = { amount: 12_000, currency: 'USD' };
    b.goals[0]!.status = 'selected';
    b.criteriaAgreedByImc = true;
    const c = (id: string): Comment => ({ id, targetKind: 'outcome', targetId: 'oc2', threadId: null, body: 'Why?', mentions: [], authorId: null, authorName: 'Bola', authorRole: 'observer', authorLink: 'l', createdAt: `2026-03-01T10:00:0${id.length}.000Z`, editedAt: null, deleted: false, resolved: false, resolvedBy: '', resolvedAt: null });
    b.comments = [c('x'), c('xx'), c('xxx')];
    const s = sinceLastSeen(a, b)!;
    const byText = new Map(s.lines.map((l) => [l.summary, l.place]));
    expect(byText.get('activity 1.1.1.2 "Hold stakeholder workshop to develop draft strategy" budget 15,000 -> 12,000 USD')).toEqual({ stage: 'implementation', rowId: 'a12' });
    expect([...byText.keys()].find((k) => /^goal 1 ".*" selected$/.test(k))).toBeDefined();
    expect(byText.get('criteria agreed by the IMC')).toEqual({ stage: 'strategic-goals' });
    const comments = [...byText.entries()].find(([k]) => k.startsWith('3 new comments on outcome 1.2'));
    expect(comments?.[1]).toEqual({ stage: 'implementation', comments: { kind: 'outcome', id: 'oc2' } });
    expect(s.more).toBe(0);
  });

  it('[LS2] places: scores on the scoring view, sections in the Plan of Action, reviews in monitoring, participants nowhere', () => {
    const a = handbookScoring();
    const b = clone(a);
    b.scores[0]!.value = b.scores[0]!.value === 2 ? 1 : 2;
    const s = sinceLastSeen(a, b)!;
    expect(s.lines.filter((l) => l.summary.startsWith('score of')).every((l) => l.place?.stage === 'strategic-goals')).toBe(true);
    const change = (kind: string, id = 'x') => ({ kind: 'changed' as const, entity: { kind: kind as never, id, label: '' }, code: 'changed' as const, params: { entity: { form: 'text' as const, name: '' } }, summary: '' });
    expect(placeOf(change('section'))).toEqual({ stage: 'plan-of-action' });
    expect(placeOf(change('review'))).toEqual({ stage: 'monitoring-and-evaluation' });
    expect(placeOf(change('participant'))).toBeNull();
    expect(placeOf(change('comment', 'score:g1:c1'))).toEqual({ stage: 'strategic-goals', comments: { kind: 'score', id: 'g1:c1' } });
    expect(placeOf(change('comment', 'nonsense'))).toBeNull();
  });

  it('[LS3] a summary is bounded: at most 50 lines and a count of the rest', () => {
    const a = handbookMatrix();
    const b = clone(a);
    for (let i = 0; i < 70; i++) b.outcomes.push({ id: `n${i}`, goalId: 'g1', title: `New ${i}`, order: `z${i}`, archived: false, responsible: '', sectors: [], source: null });
    const s = sinceLastSeen(a, b)!;
    expect(s.lines).toHaveLength(MAX_SEEN_LINES);
    const all = diffPlans(a, b).changes.length;
    expect(all).toBeGreaterThanOrEqual(70);
    expect(s.more).toBe(all - MAX_SEEN_LINES);
  });
});
