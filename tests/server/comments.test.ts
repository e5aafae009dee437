import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Role } from '../../shared/access.js';
import { addNode, addParticipant, readPlan } from '../../shared/model.js';
import { CLOSE } from '../../shared/protocol.js';
import { commentsMap, metaMap } from '../../shared/schema/roots.js';
import { CommentRate } from '../../server/http/comments.js';
import type { RunningServer } from '../../server/server.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import { waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, removeDir, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';
import { serverHarness } from '../helpers/server-harness.js';

/**
 * Comments over the real server (SPEC CM2, CM4, CM6, CM7, CM9): observers comment through HTTP,
 * the server writes the comment into the live doc, stock providers see it at once, it survives a
 * restart and goes into snapshots; a comment forged as a document update is refused and never
 * relayed.
 */

const { cleanups, boot, provider, call } = serverHarness();
const post = (server: RunningServer, id: string, role: Role, body: unknown, headers: Record<string, string> = {}, path = 'comments', method = 'POST') => call(server, id, role, path, method, body, headers);

const ME = { source: 'local', userId: 'tester' } as const;

describe('comments through the server', () => {
  it('[CM9] [CM1] an observer comments on a matrix row: the server sets author and time, everyone sees it live, it survives a restart and is in snapshots', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    let { server } = await boot(dir);
    const id = await createPlan(server);
    const editor = provider(server, id, 'editor', { participant: 'pEd' });
    const observer = provider(server, id, 'observer', { participant: 'pObs' });
    await Promise.all([waitSynced(editor), waitSynced(observer)]);
    expect(addParticipant(editor.doc, { id: 'pEd', name: 'Edem' }, ME).ok).toBe(true);
    expect(addNode(editor.doc, { kind: 'goal', id: 'g1', title: 'Diaspora investment' }, ME).ok).toBe(true);
    expect(addNode(editor.doc, { kind: 'outcome', id: 'oc1', parentId: 'g1', title: 'Remittances channelled' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(observer.doc).outcomes.length === 1, 'the outcome reaches the observer');

    const before = Date.now();
    const made = await post(server, id, 'observer', { targetKind: 'outcome', targetId: 'oc1', body: ' Who pays for the survey? @Edem ', mentions: ['pEd'] }, { 'x-participant': 'pObs', 'x-actor-name': 'Amina' });
    expect(made.status).toBe(201);
    const c = made.body.comment;
    expect(c).toMatchObject({ targetKind: 'outcome', targetId: 'oc1', threadId: null, body: 'Who pays for the survey? @Edem', mentions: ['pEd'], authorId: 'pObs', authorName: 'Amina', authorRole: 'observer', deleted: false, resolved: false });
    expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(c.authorLink).not.toBe('admin');
    // Live at both stock providers, the observer's own included (it could not have written it).
    await waitFor(() => readPlan(editor.doc).comments.length === 1 && readPlan(observer.doc).comments.length === 1, 'the comment reaches both');
    expect(readPlan(editor.doc).comments[0]).toEqual(c);

    // The editor replies under its participant: its name comes from the plan, not the header.
    const reply = await post(server, id, 'editor', { targetKind: 'outcome', targetId: 'oc1', threadId: c.id, body: 'The ministry, from the 2026 budget.' }, { 'x-participant': 'pEd', 'x-actor-name': 'Someone else' });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({ threadId: c.id, authorName: 'Edem', authorRole: 'editor' });

    // A snapshot holds the comments.
    const snap = await post(server, id, 'editor', { name: 'Workshop day 1' }, {}, 'snapshots');
    expect(snap.status).toBe(201);
    const read = await fetch(`${server.url}/api/plans/${id}/snapshots/${snap.body.id}`, { headers: auth(id, 'observer') });
    expect(((await read.json()) as { plan: { comments: unknown[] } }).plan.comments).toHaveLength(2);

    // A restart keeps them.
    for (const p of [editor, observer]) p.destroy();
    await server.close();
    ({ server } = await boot(dir));
    const fresh = provider(server, id, 'observer');
    await waitSynced(fresh);
    expect(readPlan(fresh.doc).comments.map((x) => x.body)).toEqual(['Who pays for the survey? @Edem', 'The ministry, from the 2026 budget.']);
  });

  it('[CM2] an editor\'s comment forged as a document update is refused with 4422 and never relayed or stored', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g1', title: 'Diaspora investment' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).goals.length === 1, 'the goal reaches the watcher');

    // Hand-built: a comment signed as the facilitator, on top of the server's state.
    const base = new Y.Doc();
    Y.applyUpdate(base, Y.encodeStateAsUpdate(watcher.doc));
    const sv = Y.encodeStateVector(base);
    const forged = new Y.Map<unknown>();
    commentsMap(base).set('forged1', forged);
    for (const [k, v] of Object.entries({ targetKind: 'goal', targetId: 'g1', body: 'Approved by the facilitator', authorName: 'Fatou', authorRole: 'facilitator', authorLink: 'x', createdAt: '2026-03-01T10:00:00.000Z' })) forged.set(k, v);
    const update = Y.encodeStateAsUpdate(base, sv);

    const ws = new WebSocket(`${syncUrl(server)}/${id}?token=${tokenFor(id, 'editor')}&participant=pEd`);
    cleanups.push(() => ws.terminate());
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.send(syncUpdateFrame(update));
    expect(await closed).toEqual({ code: CLOSE.refusedUpdate, reason: 'CM2 server-only' });

    // Barrier: a later honest edit reaches the watcher, the forged comment never did.
    metaMap(fac.doc).set('handful', 7);
    await waitFor(() => metaMap(watcher.doc).get('handful') === 7, 'the barrier edit');
    expect(readPlan(watcher.doc).comments).toEqual([]);
    const fresh = provider(server, id, 'observer');
    await waitSynced(fresh);
    expect(commentsMap(fresh.doc).size).toBe(0);
  });

  it('[CM4] [CM6] [CM7] [L38] refusals are clear; only the author edits or deletes; the author or an editor resolves', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g1', title: 'Diaspora investment' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).goals.length === 1, 'the goal reaches the server and the watcher');
    const crit = readPlan(fac.doc).criteria[0]!.id;
    const amina = { 'x-participant': 'pObs', 'x-actor-name': 'Amina' };
    const r = await post(server, id, 'observer', { targetKind: 'goal', targetId: 'g1', body: 'x' }, amina);
    expect(r.status).toBe(201);
    const score = await post(server, id, 'observer', { targetKind: 'score', targetId: `g1:${crit}`, body: 'Why a 2 here?' }, amina);
    expect(score.status).toBe(201);

    const bad = await post(server, id, 'observer', { targetKind: 'goal', targetId: 'g1', body: 'x'.repeat(4001) }, amina);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_comment' } } });
    expect(bad.body.error.message).toMatch(/at most 4,000 characters/);
    // L38: the refusal's words travel beside the English detail.
    expect(bad.body.error.refusal).toEqual({ key: 'refusals:tooLong', params: { count: 4000 } });
    const ghost = await post(server, id, 'observer', { targetKind: 'goal', targetId: 'ghost', body: 'x' }, amina);
    expect(ghost.body.error.code).toBe('comment_target_not_found');
    expect(ghost.body.error.refusal).toEqual({ key: 'refusals:notFound', params: { kind: 'goal', id: 'ghost' } });
    expect((await post(server, id, 'observer', { targetKind: 'goal', targetId: 'g1', body: 'x', threadId: 'nope' }, amina)).status).toBe(404);
    const noToken = await fetch(`${server.url}/api/plans/${id}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);

    const cid = r.body.comment.id as string;
    // Another observer (same link, other participant) cannot edit or resolve it; the author can.
    const other = { 'x-participant': 'pOther', 'x-actor-name': 'Bola' };
    expect((await post(server, id, 'observer', { body: 'mine now' }, other, `comments/${cid}`, 'PATCH')).body.error.code).toBe('not_your_comment');
    expect((await post(server, id, 'observer', { resolved: true }, other, `comments/${cid}`, 'PATCH')).status).toBe(403);
    expect((await post(server, id, 'editor', undefined, { 'x-participant': 'pObs' }, `comments/${cid}`, 'DELETE')).status).toBe(403); // other link
    const edited = await post(server, id, 'observer', { body: 'Is this goal measurable?' }, amina, `comments/${cid}`, 'PATCH');
    expect(edited.body.comment).toMatchObject({ body: 'Is this goal measurable?' });
    expect(edited.body.comment.editedAt).not.toBeNull();
    const resolved = await post(server, id, 'editor', { resolved: true }, { 'x-participant': 'pEd', 'x-actor-name': 'Edem' }, `comments/${cid}`, 'PATCH');
    expect(resolved.body.comment).toMatchObject({ resolved: true, resolvedBy: 'Edem' });
    const reopened = await post(server, id, 'observer', { resolved: false }, amina, `comments/${cid}`, 'PATCH');
    expect(reopened.body.comment).toMatchObject({ resolved: false, resolvedBy: '', resolvedAt: null });
    const deleted = await post(server, id, 'observer', undefined, amina, `comments/${cid}`, 'DELETE');
    expect(deleted.body.comment).toMatchObject({ deleted: true, body: '' });
    expect((await post(server, id, 'observer', { body: 'again' }, amina, `comments/${cid}`, 'PATCH')).status).toBe(403);
    await waitFor(() => readPlan(fac.doc).comments.some((c) => c.id === cid && c.deleted), 'the deletion reaches the facilitator');
  });

  it('[CM9] one person may send 10 comment writes at once, then 20 a minute; others are not held back', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    await waitSynced(fac);
    const sec = readPlan(fac.doc).sections[0]!.id;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(server, id, 'observer', { targetKind: 'section', targetId: sec, body: `note ${i}` }, { 'x-participant': 'pFlood' })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const refused = await post(server, id, 'observer', { targetKind: 'section', targetId: sec, body: 'one more' }, { 'x-participant': 'pFlood' });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'comment_rate' } } });
    expect((await post(server, id, 'observer', { targetKind: 'section', targetId: sec, body: 'hello' }, { 'x-participant': 'pCalm' })).status).toBe(201);
    await waitFor(() => readPlan(fac.doc).comments.length === 11, 'the accepted comments arrive');

    let now = 0;
    const rate = new CommentRate(10, 20, () => now, 3);
    for (let i = 0; i < 10; i++) expect(rate.take('a')).toBe(true);
    expect(rate.take('a')).toBe(false);
    now += 3_000; // 20 a minute: one more every 3 s
    expect(rate.take('a')).toBe(true);
    expect(rate.take('a')).toBe(false);
    for (const k of ['b', 'c', 'd', 'e']) expect(rate.take(k)).toBe(true); // past maxKeys, full buckets are forgotten; 'a' is not full
    now += 60_000;
    expect(rate.take('a')).toBe(true);
  });

  it('[CM11] restoring a snapshot rolls the plan back but keeps the comments made since', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(watcher)]);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g1', title: 'Diaspora investment' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).goals.length === 1, 'the goal arrives');
    const snap = await post(server, id, 'facilitator', { name: 'Before goal 2' }, {}, 'snapshots');
    expect(snap.status).toBe(201);
    expect(addNode(fac.doc, { kind: 'goal', id: 'g2', title: 'Skills partnerships' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).goals.length === 2, 'goal 2 arrives');
    expect((await post(server, id, 'observer', { targetKind: 'goal', targetId: 'g1', body: 'Keep this one.' }, { 'x-participant': 'pObs' })).status).toBe(201);
    expect((await post(server, id, 'facilitator', {}, {}, `snapshots/${snap.body.id}/restore`)).status).toBe(200);
    await waitFor(() => readPlan(watcher.doc).goals.filter((g) => !g.archived).length === 1, 'the restore arrives');
    expect(readPlan(watcher.doc).comments.map((c) => c.body)).toEqual(['Keep this one.']);
  });
});
