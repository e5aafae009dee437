import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Role } from '../../shared/access.js';
import { addNode, addParticipant, readPlan, setField } from '../../shared/model.js';
import { openRound, setRoundStatus } from '../../shared/commands/consult.js';
import { recommendationFor, todayUtc } from '../../shared/domain/consult.js';
import { CLOSE } from '../../shared/protocol.js';
import { consultRoundsMap, metaMap, recommendationsMap } from '../../shared/schema/roots.js';
import type { RunningServer } from '../../server/server.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import { waitFor, waitSynced } from '../helpers/provider.js';
import { craftUpdate as craft } from '../shared/helpers/fixtures.js';
import { createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';
import { serverHarness } from '../helpers/server-harness.js';

/**
 * Consultation rounds over the real server with stock y-websocket clients (SPEC CO1-CO5): the
 * facilitator opens a round through the doc, an observer contributes through HTTP, an editor
 * supports and questions, the facilitator promotes to a candidate goal and to an activity; rounds
 * from non-facilitators and forged recommendations are refused by the gate and never relayed;
 * closed rounds refuse new contributions with a clear message.
 */

const { cleanups, boot: start, provider, call } = serverHarness();
const boot = async (): Promise<RunningServer> => (await start()).server;

const ME = { source: 'local', userId: 'tester' } as const;
const inAWeek = (): string => todayUtc(Date.now() + 7 * 86_400_000);

/** Sends `update` on a raw socket of `role` and resolves with the close code and reason. */
async function sendForged(server: RunningServer, id: string, role: Role, update: Uint8Array): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${syncUrl(server)}/${id}?token=${tokenFor(id, role)}&participant=pX`);
  cleanups.push(() => ws.terminate());
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(syncUpdateFrame(update));
  return closed;
}


describe('consultation rounds through the server', () => {
  it('[CO2] [CO4] [CO5] an observer contributes, an editor supports then questions, the facilitator promotes to a candidate goal and to an activity', async () => {
    const server = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const ed = provider(server, id, 'editor', { participant: 'pEd' });
    const obs = provider(server, id, 'observer', { participant: 'pObs' });
    await Promise.all([waitSynced(fac), waitSynced(ed), waitSynced(obs)]);
    expect(addParticipant(ed.doc, { id: 'pEd', name: 'Edem' }, ME).ok).toBe(true);
    expect(openRound(fac.doc, { id: 'rd1', title: 'Remittance costs', mode: 'remote', closesOn: inAWeek(), questions: ['Which fees hurt most?', 'Who should act?'] }, todayUtc(), ME).ok).toBe(true);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g1', title: 'Remittances' }, ME).ok).toBe(true);
    expect(addNode(fac.doc, { kind: 'outcome', id: 'oc1', parentId: 'g1', title: 'Cheaper transfers' }, ME).ok).toBe(true);
    expect(addNode(fac.doc, { kind: 'output', id: 'op1', parentId: 'oc1', title: 'Fee survey' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(obs.doc).consultRounds.length === 1 && readPlan(obs.doc).outputs.length === 1, 'the round reaches the observer');

    const made = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: ' Cap transfer fees ', background: 'Fees reach 9%.', challenge: 'Few providers.', wayForward: 'Cap fees at 3% within two years.' }, { 'x-participant': 'pObs', 'x-actor-name': 'Amina' });
    expect(made.status).toBe(201);
    const rec = made.body.recommendation;
    expect(rec).toMatchObject({ roundId: 'rd1', title: 'Cap transfer fees', authorName: 'Amina', authorRole: 'observer', authorId: 'pObs', promotedKind: null });
    await waitFor(() => readPlan(ed.doc).recommendations.length === 1, 'the recommendation reaches the editor live');
    expect(readPlan(ed.doc).recommendations[0]).toEqual(rec);

    // Support, then the same person's question replaces it; another person's support counts apart.
    const support = await call(server, id, 'editor', `recommendations/${rec.id}/reaction`, 'PUT', { kind: 'support' }, { 'x-participant': 'pEd' });
    expect(support.status).toBe(200);
    expect(support.body.reaction).toMatchObject({ kind: 'support', text: '', authorName: 'Edem', recommendationId: rec.id });
    const question = await call(server, id, 'editor', `recommendations/${rec.id}/reaction`, 'PUT', { kind: 'question', text: 'Which providers?' }, { 'x-participant': 'pEd' });
    expect(question.body.reaction).toMatchObject({ id: support.body.reaction.id, kind: 'question', text: 'Which providers?' });
    expect((await call(server, id, 'observer', `recommendations/${rec.id}/reaction`, 'PUT', { kind: 'support' }, { 'x-participant': 'pObs' })).status).toBe(200);
    await waitFor(() => readPlan(fac.doc).reactions.length === 2, 'both reactions reach the facilitator');
    expect((await call(server, id, 'observer', `recommendations/${rec.id}/reaction`, 'PUT', { kind: 'support' })).body.error.code).toBe('participant_required');
    expect((await call(server, id, 'observer', `recommendations/${rec.id}/reaction`, 'PUT', { kind: 'question', text: '' }, { 'x-participant': 'pObs' })).body.error.code).toBe('invalid_reaction');
    const withdrawn = await call(server, id, 'observer', `recommendations/${rec.id}/reaction`, 'DELETE', undefined, { 'x-participant': 'pObs' });
    expect(withdrawn.body).toEqual({ removed: true });
    await waitFor(() => readPlan(fac.doc).reactions.length === 1, 'the withdrawal reaches the facilitator');

    // Only a facilitator promotes.
    expect((await call(server, id, 'editor', `recommendations/${rec.id}/promote`, 'POST', { to: 'goal' })).status).toBe(403);
    const promoted = await call(server, id, 'facilitator', `recommendations/${rec.id}/promote`, 'POST', { to: 'goal' });
    expect(promoted.status).toBe(201);
    const goalId = promoted.body.nodeId as string;
    expect(promoted.body.recommendation).toMatchObject({ promotedKind: 'goal', promotedId: goalId, promotedBy: 'Facilitator' });
    await waitFor(() => readPlan(obs.doc).goals.some((g) => g.id === goalId), 'the goal reaches the observer');
    const plan = readPlan(obs.doc);
    expect(plan.goals.find((g) => g.id === goalId)).toMatchObject({ title: 'Cap transfer fees', objective: 'Cap fees at 3% within two years.', status: 'candidate' });
    expect(recommendationFor(plan, 'goal', goalId)?.id).toBe(rec.id);
    const again = await call(server, id, 'facilitator', `recommendations/${rec.id}/promote`, 'POST', { to: 'activity', outputId: 'op1' });
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'invalid_promotion', message: 'This recommendation is already a candidate goal.' } } });

    // A second recommendation becomes an activity under the chosen output.
    const second = await call(server, id, 'editor', 'recommendations', 'POST', { roundId: 'rd1', title: 'Survey fees yearly', wayForward: 'Publish a yearly fee comparison.' }, { 'x-participant': 'pEd' });
    expect((await call(server, id, 'facilitator', `recommendations/${second.body.recommendation.id}/promote`, 'POST', { to: 'activity', outputId: 'nope' })).status).toBe(404);
    const toActivity = await call(server, id, 'facilitator', `recommendations/${second.body.recommendation.id}/promote`, 'POST', { to: 'activity', outputId: 'op1' });
    expect(toActivity.status).toBe(201);
    await waitFor(() => readPlan(obs.doc).activities.some((a) => a.id === toActivity.body.nodeId), 'the activity reaches the observer');
    expect(readPlan(obs.doc).activities[0]).toMatchObject({ outputId: 'op1', title: 'Survey fees yearly', result: 'Publish a yearly fee comparison.' });
  });

  it('[CO1] [CO2] an editor opening a round and a facilitator forging a recommendation are refused with 4422 and never relayed', async () => {
    const server = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    expect(openRound(fac.doc, { id: 'rd1', title: 'Diaspora', closesOn: inAWeek(), questions: ['a?', 'b?'] }, todayUtc(), ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).consultRounds.length === 1, 'the round reaches the watcher');

    const byEditor = craft(watcher.doc, (d) => {
      expect(openRound(d, { id: 'rd2', title: 'Mine', closesOn: inAWeek(), questions: ['a?', 'b?'] }, todayUtc(), ME).ok).toBe(true);
    });
    expect(await sendForged(server, id, 'editor', byEditor)).toEqual({ code: CLOSE.refusedUpdate, reason: 'CO1 facilitator-only' });
    const forged = craft(watcher.doc, (d) => {
      const m = new Y.Map<unknown>();
      recommendationsMap(d).set('forged1', m);
      for (const [k, v] of Object.entries({ roundId: 'rd1', title: 'Agreed by all', wayForward: 'x', authorName: 'Minister', authorRole: 'facilitator', createdAt: '2026-03-01T10:00:00.000Z' })) m.set(k, v);
    });
    expect(await sendForged(server, id, 'facilitator', forged)).toEqual({ code: CLOSE.refusedUpdate, reason: 'CO2 server-only' });

    // Barrier: a later honest edit arrives; neither forged change did.
    metaMap(fac.doc).set('handful', 7);
    await waitFor(() => metaMap(watcher.doc).get('handful') === 7, 'the barrier edit');
    expect(consultRoundsMap(watcher.doc).size).toBe(1);
    expect(recommendationsMap(watcher.doc).size).toBe(0);
  });

  it('[CO3] [L38] a closed round, or one past its closing date, refuses contributions and reactions with 409 round_closed, worded for readers', async () => {
    const server = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    const round = () => readPlan(watcher.doc).consultRounds[0];
    expect(openRound(fac.doc, { id: 'rd1', title: 'Return', closesOn: inAWeek(), questions: ['a?', 'b?'] }, todayUtc(), ME).ok).toBe(true);
    await waitFor(() => round() !== undefined, 'the server has the round (the watcher got it from there)');
    const first = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: 'Reintegration desks', wayForward: 'Open desks in three regions.' }, { 'x-participant': 'pObs' });
    expect(first.status).toBe(201);
    // Past its closing date (a facilitator may set any date through the doc).
    expect(setField(fac.doc, 'consultRound', 'rd1', 'closesOn', '2020-01-31', ME).ok).toBe(true);
    await waitFor(() => round()?.closesOn === '2020-01-31', 'the server has the closing date');
    const late = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: 'Late', wayForward: 'x' }, { 'x-participant': 'pObs' });
    expect(late.status).toBe(409);
    expect(late.body.error).toEqual({ code: 'round_closed', params: { detail: 'The consultation round "Return" closed on 2020-01-31: it takes no more recommendations, support or questions.' }, refusal: { key: 'refusals:roundClosedOn', params: { title: 'Return' } }, message: 'The consultation round "Return" closed on 2020-01-31: it takes no more recommendations, support or questions.' });
    expect((await call(server, id, 'editor', `recommendations/${first.body.recommendation.id}/reaction`, 'PUT', { kind: 'support' }, { 'x-participant': 'pEd' })).status).toBe(409);
    // Closed by the facilitator; still readable, still promotable.
    expect(setRoundStatus(fac.doc, 'rd1', 'open', todayUtc(), ME, inAWeek()).ok).toBe(true);
    expect(setRoundStatus(fac.doc, 'rd1', 'closed', todayUtc(), ME).ok).toBe(true);
    await waitFor(() => round()?.status === 'closed', 'the server has the closed round');
    const closed = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: 'Late', wayForward: 'x' }, { 'x-participant': 'pObs' });
    expect(closed.body.error).toEqual({ code: 'round_closed', params: { detail: 'The consultation round "Return" is closed: it takes no more recommendations, support or questions.' }, refusal: { key: 'refusals:roundClosed', params: { title: 'Return' } }, message: 'The consultation round "Return" is closed: it takes no more recommendations, support or questions.' });
    expect((await call(server, id, 'facilitator', `recommendations/${first.body.recommendation.id}/promote`, 'POST', { to: 'goal' })).status).toBe(201);
    // L38: the domain's refusals carry their words (refusals:<key>) over HTTP.
    const nope = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'nope', title: 'x', wayForward: 'y' });
    expect(nope.status).toBe(404);
    expect(nope.body.error.refusal).toEqual({ key: 'refusals:notFound', params: { kind: 'consultRound', id: 'nope' } });
    expect((await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: 'x', wayForward: 'y'.repeat(70_000) })).body.error.code).toBe('too_large');
  });

  it('[CO10] restoring a snapshot rolls the plan back but keeps the rounds, recommendations and reactions made since', async () => {
    const server = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g1', title: 'Diaspora investment' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).goals.length === 1, 'the goal arrives');
    const snap = await call(server, id, 'facilitator', 'snapshots', 'POST', { name: 'Before the round' });
    expect(snap.status).toBe(201);
    expect(openRound(fac.doc, { id: 'rd1', title: 'Diaspora', closesOn: inAWeek(), questions: ['a?', 'b?'] }, todayUtc(), ME).ok).toBe(true);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g2', title: 'Skills partnerships' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).consultRounds.length === 1 && readPlan(watcher.doc).goals.length === 2, 'the round and goal 2 arrive');
    const rec = await call(server, id, 'observer', 'recommendations', 'POST', { roundId: 'rd1', title: 'Matching fund', wayForward: 'Match diaspora investment 1:1.' }, { 'x-participant': 'pObs' });
    expect(rec.status).toBe(201);
    expect((await call(server, id, 'editor', `recommendations/${rec.body.recommendation.id}/reaction`, 'PUT', { kind: 'support' }, { 'x-participant': 'pEd' })).status).toBe(200);
    expect((await call(server, id, 'facilitator', `snapshots/${snap.body.id}/restore`, 'POST', {})).status).toBe(200);
    await waitFor(() => readPlan(watcher.doc).goals.filter((g) => !g.archived).length === 1, 'the restore arrives');
    const plan = readPlan(watcher.doc);
    expect(plan.consultRounds.map((r) => r.title)).toEqual(['Diaspora']);
    expect(plan.recommendations.map((r) => r.title)).toEqual(['Matching fund']);
    expect(plan.reactions.map((r) => r.kind)).toEqual(['support']);
  });
});
