import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import type { Writer } from '../../shared/rules/update-gate.js';
import { initPlan } from '../../shared/schema/init.js';
import { consultRoundsMap, reactionsMap, recommendationsMap } from '../../shared/schema/roots.js';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { canonicalPlan } from '../../shared/schema/canonical.js';
import { openRound, setRoundStatus } from '../../shared/commands/consult.js';
import { addNode } from '../../shared/commands/nodes.js';
import { add } from '../../shared/commands/entity.js';
import {
  checkNewRecommendation,
  checkNewRound,
  checkPromotion,
  checkReaction,
  parsePromotion,
  promotedNode,
  reactionOf,
  recommendationFor,
  roundClosedReason,
  roundIsOpen,
  tallies,
  todayUtc,
} from '../../shared/domain/consult.js';
import { SEED_RECOMMENDATIONS, SEED_SESSIONS, roundFromSession, seedRecommendation, seedSession } from '../../shared/domain/consult-seeds.js';
import { diffPlans } from '../../shared/domain/diff.js';
import type { PlanData, Reaction, Recommendation } from '../../shared/schema/types.js';
import { ME, craftUpdate as craft } from './helpers/fixtures.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };
const facilitator: Writer = { canFacilitate: true, participantId: 'pFac' };
const TODAY = '2026-12-01';
const SERVER = { source: 'server', reason: 'consult' } as const;

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan-1', title: 'Consultations' });
  return doc;
}


const round = { title: 'Remittance costs', theme: 'Remittances', mode: 'remote', closesOn: '2026-12-15', questions: ['Which fees hurt most?', 'Who should act?'], product: 'Recommendations' };

function rec(over: Partial<Recommendation> = {}): Recommendation {
  return {
    id: 'r1', roundId: 'rd1', title: 'Cap transfer fees', background: '', challenge: '', wayForward: 'Cap fees at 3%', stakeholderId: null,
    authorId: 'pObs', authorName: 'Amina', authorRole: 'observer', authorLink: 'l1', createdAt: '2026-12-01T10:00:00.000Z', sourceRef: null,
    promotedKind: null, promotedId: null, promotedBy: '', promotedAt: null, ...over,
  };
}

describe('consultation rounds (shared/domain/consult.ts)', () => {
  it('[CO1] a round opens with a title, 2-4 guiding questions and a closing date not passed; clear refusals otherwise', () => {
    const ok = checkNewRound(round, TODAY);
    expect(ok).toMatchObject({ ok: true, value: { title: 'Remittance costs', mode: 'remote', status: 'open', openedOn: TODAY, questions: ['Which fees hurt most?', 'Who should act?'], source: null } });
    expect(checkNewRound({ ...round, questions: ['Only one?', '  '] }, TODAY)).toMatchObject({ ok: false, error: { message: 'A round needs 2 to 4 guiding questions (it has 1).' } });
    expect(checkNewRound({ ...round, questions: ['a', 'b', 'c', 'd', 'e'] }, TODAY)).toMatchObject({ ok: false });
    expect(checkNewRound({ ...round, title: '  ' }, TODAY)).toMatchObject({ ok: false, error: { message: 'The title is needed.' } });
    expect(checkNewRound({ ...round, closesOn: '2026-11-30' }, TODAY)).toMatchObject({ ok: false, error: { message: 'The closing date 2026-11-30 has already passed.' } });
    expect(checkNewRound({ ...round, closesOn: '2026-02-30' }, TODAY)).toMatchObject({ ok: false });
    expect(checkNewRound({ ...round, mode: 'online' }, TODAY)).toMatchObject({ ok: false });
    expect(checkNewRound({ ...round, source: 'a b' }, TODAY)).toMatchObject({ ok: false });
  });

  it('[CO1] only a facilitator writes rounds: a hand-built update opening or closing one is refused for an editor', () => {
    const doc = freshDoc();
    const open = craft(doc, (d) => {
      expect(openRound(d, { ...round, id: 'rd1' }, TODAY, ME).ok).toBe(true);
    });
    expect(judgeUpdate(doc, editor, open)).toMatchObject({ rule: 'CO1', code: 'facilitator-only' });
    expect(judgeUpdate(doc, facilitator, open)).toBeNull();
    Y.applyUpdate(doc, open);
    const close = craft(doc, (d) => {
      expect(setRoundStatus(d, 'rd1', 'closed', TODAY, ME).ok).toBe(true);
    });
    expect(judgeUpdate(doc, editor, close)).toMatchObject({ rule: 'CO1' });
    expect(judgeUpdate(doc, facilitator, close)).toBeNull();
    // A facilitator's round still has to hold valid values (G8): five questions are refused.
    const tooMany = craft(doc, (d) => (consultRoundsMap(d).get('rd1') as Y.Map<unknown>).set('questions', ['a', 'b', 'c', 'd', 'e']));
    expect(judgeUpdate(doc, facilitator, tooMany)).toMatchObject({ rule: 'G8' });
  });

  it('[CO2] recommendations and reactions are written by the server only: hand-built updates are refused for everyone, facilitators included', () => {
    const doc = freshDoc();
    expect(openRound(doc, { ...round, id: 'rd1' }, TODAY, ME).ok).toBe(true);
    const forged = craft(doc, (d) => {
      const m = new Y.Map<unknown>();
      recommendationsMap(d).set('forged', m);
      m.set('roundId', 'rd1');
      m.set('title', 'Signed by the facilitator');
      m.set('createdAt', '2026-12-01T10:00:00.000Z');
    });
    expect(judgeUpdate(doc, facilitator, forged)).toMatchObject({ rule: 'CO2', code: 'server-only' });
    expect(judgeUpdate(doc, editor, forged)).toMatchObject({ rule: 'CO2' });
    // The server writes one; a client then tries to change it or add support.
    expect(add(doc, 'recommendation', { roundId: 'rd1', title: 'Cap fees', wayForward: 'Cap at 3%', createdAt: '2026-12-01T10:00:00.000Z' }, SERVER)).toMatchObject({ ok: true });
    const id = [...recommendationsMap(doc).keys()][0]!;
    const edit = craft(doc, (d) => (recommendationsMap(d).get(id) as Y.Map<unknown>).set('promotedKind', 'goal'));
    expect(judgeUpdate(doc, facilitator, edit)).toMatchObject({ rule: 'CO2' });
    const support = craft(doc, (d) => {
      const m = new Y.Map<unknown>();
      reactionsMap(d).set('x1', m);
      m.set('recommendationId', id);
      m.set('kind', 'support');
    });
    expect(judgeUpdate(doc, facilitator, support)).toMatchObject({ rule: 'CO2' });
    const remove = craft(doc, (d) => recommendationsMap(d).delete(id));
    expect(judgeUpdate(doc, facilitator, remove)).toMatchObject({ rule: 'CO2' });
  });

  it('[CO2] [CO3] a recommendation needs an open round, a title and a way forward; the stakeholder link must name a register entry', () => {
    const doc = freshDoc();
    expect(openRound(doc, { ...round, id: 'rd1' }, TODAY, ME).ok).toBe(true);
    expect(add(doc, 'stakeholder', { id: 's1', organisation: 'Diaspora Council' }, ME).ok).toBe(true);
    const plan = readPlan(doc);
    const good = checkNewRecommendation(plan, { roundId: 'rd1', title: ' Cap fees ', background: 'Fees are 9%', challenge: 'No competition', wayForward: 'Cap at 3%', stakeholderId: 's1' }, TODAY);
    expect(good).toEqual({ ok: true, value: { roundId: 'rd1', title: 'Cap fees', background: 'Fees are 9%', challenge: 'No competition', wayForward: 'Cap at 3%', stakeholderId: 's1', sourceRef: null } });
    expect(checkNewRecommendation(plan, { roundId: 'rd1', title: 'x', wayForward: ' ' }, TODAY)).toMatchObject({ ok: false, error: { message: 'The suggested way forward is needed.' } });
    expect(checkNewRecommendation(plan, { roundId: 'rd1', title: 'x', wayForward: 'y', stakeholderId: 's2' }, TODAY)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(checkNewRecommendation(plan, { roundId: 'nope', title: 'x', wayForward: 'y' }, TODAY)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(checkNewRecommendation(plan, { roundId: 'rd1', title: 'x', wayForward: 'y'.repeat(4001) }, TODAY)).toMatchObject({ ok: false });
    // The closing day itself still counts; the day after does not.
    expect(checkNewRecommendation(plan, { roundId: 'rd1', title: 'x', wayForward: 'y' }, '2026-12-15').ok).toBe(true);
    const late = checkNewRecommendation(plan, { roundId: 'rd1', title: 'x', wayForward: 'y' }, '2026-12-16');
    expect(late).toMatchObject({ ok: false, error: { code: 'locked', message: 'The consultation round "Remittance costs" closed on 2026-12-15: it takes no more recommendations, support or questions.' } });
    expect(setRoundStatus(doc, 'rd1', 'closed', TODAY, ME).ok).toBe(true);
    const closed = readPlan(doc).consultRounds[0]!;
    expect(roundIsOpen(closed, TODAY)).toBe(false);
    expect(roundClosedReason(closed, TODAY)).toMatch(/is closed/);
    expect(setRoundStatus(doc, 'rd1', 'open', TODAY, ME, '2026-11-01')).toMatchObject({ ok: false });
    expect(setRoundStatus(doc, 'rd1', 'open', TODAY, ME, '2026-12-20').ok).toBe(true);
    expect(readPlan(doc).consultRounds[0]).toMatchObject({ status: 'open', closesOn: '2026-12-20' });
    expect(todayUtc(Date.UTC(2026, 0, 2, 23, 59))).toBe('2026-01-02');
  });

  it('[CO4] support carries no text, a question does; one reaction per person; tallies count support and list questions', () => {
    expect(checkReaction({ kind: 'support', text: 'ignored' })).toEqual({ ok: true, value: { kind: 'support', text: '' } });
    expect(checkReaction({ kind: 'question', text: ' Who pays? ' })).toEqual({ ok: true, value: { kind: 'question', text: 'Who pays?' } });
    expect(checkReaction({ kind: 'question', text: '' })).toMatchObject({ ok: false, error: { message: 'A question is needed.' } });
    expect(checkReaction({ kind: 'like' })).toMatchObject({ ok: false });
    const r = (id: string, recommendationId: string, kind: Reaction['kind'], authorLink: string, authorId: string): Reaction => ({ id, recommendationId, kind, text: kind === 'question' ? 'Why?' : '', authorId, authorName: authorId, authorRole: 'editor', authorLink, createdAt: '2026-12-01T10:00:00.000Z' });
    const all = [r('a', 'r1', 'support', 'l1', 'p1'), r('b', 'r1', 'support', 'l2', 'p2'), r('c', 'r1', 'question', 'l3', 'p3'), r('d', 'r2', 'support', 'l1', 'p1')];
    const t = tallies(all);
    expect(t.get('r1')).toMatchObject({ support: 2, questions: [{ id: 'c' }] });
    expect(t.get('r2')?.support).toBe(1);
    expect(reactionOf(all, 'r1', { link: 'l1', participantId: 'p1' })?.id).toBe('a');
    expect(reactionOf(all, 'r1', { link: 'l1', participantId: 'p9' })).toBeUndefined();
    expect(reactionOf(all, 'r1', { link: 'l9', participantId: 'p1' })).toBeUndefined();
  });

  it('[CO5] promotion: to a candidate goal or to an activity under a live output, once; the link is readable both ways', () => {
    const doc = freshDoc();
    expect(addNode(doc, { kind: 'goal', id: 'g1', title: 'Diaspora' }, ME).ok).toBe(true);
    expect(addNode(doc, { kind: 'outcome', id: 'oc1', parentId: 'g1', title: 'Out' }, ME).ok).toBe(true);
    expect(addNode(doc, { kind: 'output', id: 'op1', parentId: 'oc1', title: 'Put' }, ME).ok).toBe(true);
    const plan = readPlan(doc);
    expect(parsePromotion({ to: 'goal' })).toEqual({ ok: true, value: { to: 'goal' } });
    expect(parsePromotion({ to: 'activity' })).toMatchObject({ ok: false });
    expect(parsePromotion({ to: 'outcome' })).toMatchObject({ ok: false });
    expect(checkPromotion(plan, rec(), { to: 'goal' }).ok).toBe(true);
    expect(checkPromotion(plan, rec(), { to: 'activity', outputId: 'op1' }).ok).toBe(true);
    expect(checkPromotion(plan, rec(), { to: 'activity', outputId: 'oc1' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const promoted = rec({ promotedKind: 'goal', promotedId: 'g1' });
    expect(checkPromotion(plan, promoted, { to: 'goal' })).toMatchObject({ ok: false, error: { message: 'This recommendation is already a candidate goal.' } });
    expect(promotedNode(plan, promoted)).toMatchObject({ id: 'g1', title: 'Diaspora' });
    expect(recommendationFor({ recommendations: [promoted] }, 'goal', 'g1')?.id).toBe('r1');
    expect(recommendationFor({ recommendations: [promoted] }, 'activity', 'g1')).toBeUndefined();
    // What it became was archived: it may be promoted again.
    const archived: PlanData = { ...plan, goals: plan.goals.map((g) => ({ ...g, archived: true })) };
    expect(checkPromotion(archived, promoted, { to: 'goal' }).ok).toBe(true);
  });

  it('[CO7] rounds, recommendations and reactions go through the JSON format and the semantic diff', () => {
    const doc = freshDoc();
    expect(openRound(doc, { ...round, id: 'rd1' }, TODAY, ME).ok).toBe(true);
    const before = readPlan(doc);
    expect(add(doc, 'recommendation', { id: 'r1', roundId: 'rd1', title: 'Cap fees', wayForward: 'Cap at 3%', authorName: 'Amina', createdAt: '2026-12-01T10:00:00.000Z' }, SERVER).ok).toBe(true);
    expect(add(doc, 'reaction', { id: 'x1', recommendationId: 'r1', kind: 'support', authorName: 'Edem', createdAt: '2026-12-01T10:05:00.000Z' }, SERVER).ok).toBe(true);
    const after = readPlan(doc);
    const summaries = diffPlans(before, after).changes.map((c) => c.summary);
    expect(summaries).toContain('recommendation "Cap fees" added');
    expect(summaries).toContain('support for recommendation "Cap fees" added');
    expect(diffPlans(readPlan(freshDoc()), before).changes.map((c) => c.summary)).toContain('consultation round "Remittance costs" added');

    const json = JSON.parse(JSON.stringify(canonicalPlan(after))) as Record<string, unknown>;
    const parsed = parsePlanJson(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.recommendations).toEqual(after.recommendations);
    const copy = new Y.Doc();
    writePlan(copy, parsed.value, SERVER);
    expect(readPlan(copy).reactions).toEqual(after.reactions);
    expect(readPlan(copy).consultRounds).toEqual(after.consultRounds);
    // A recommendation naming a round the plan lacks is refused by the parser.
    const orphan = parsePlanJson({ ...json, consultRounds: [] });
    expect(orphan.ok).toBe(false);
  });

  it('[CO8] the starting material: GFMD sessions with their guiding questions and Civil Society Day recommendations', () => {
    expect(SEED_SESSIONS.length).toBe(18);
    expect(new Set(SEED_SESSIONS.map((s) => s.id)).size).toBe(SEED_SESSIONS.length);
    for (const s of SEED_SESSIONS) {
      expect(s.questions.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.questions.length, s.id).toBeLessThanOrEqual(4);
      expect(checkNewRound({ ...roundFromSession(s), closesOn: TODAY }, TODAY).ok, s.id).toBe(true);
    }
    expect(seedSession('gfmd07-2-1')).toMatchObject({ title: 'Cheaper and more formal remittance transfers', session: '2.1', meeting: 'GFMD Brussels 2007', source: '002', kind: 'gfmd-question' });
    expect(seedSession('gfmd08-3-2')).toMatchObject({ title: 'Coherence within government', source: '004' });
    expect(roundFromSession(seedSession('gfmd07-2-1')!)).toMatchObject({ theme: 'Remittances and other diaspora resources (GFMD Brussels 2007, session 2.1)', source: 'gfmd07-2-1' });
    expect(SEED_RECOMMENDATIONS.length).toBeGreaterThanOrEqual(10);
    expect(seedRecommendation('csd07-diaspora-driven')).toMatchObject({ title: 'Let diaspora organisations lead diaspora programmes', session: '5', source: '001', kind: 'csd-recommendation' });
    expect(seedRecommendation('csd07-formal-representation')?.title).toBe('Give migrants a formal seat where migration policy is made');
    for (const r of SEED_RECOMMENDATIONS) expect(r.background && r.challenge && r.text, r.id).toBeTruthy();
  });
});
