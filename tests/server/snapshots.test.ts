import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { localOrigin, readPlan, setNodeField } from '../../shared/model.js';
import { addReview } from '../../shared/commands/reviews.js';
import { setPlanField } from '../../shared/commands/meta.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, tokenFor, rememberLinks, removeDir, startTestServer, syncUrl, tempDir } from '../helpers/test-server.js';
import type { Role } from '../../shared/access.js';
import { handbookMatrix } from '../shared/helpers/fixtures.js';

let dir: string;
let server: RunningServer;
const providers: WebsocketProvider[] = [];
beforeEach(async () => {
  dir = tempDir();
  server = await startTestServer(dir);
});
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server.close();
  removeDir(dir);
});

/** A request with the plan's facilitator token (the plan id is taken from the path). */
const call = async (method: string, p: string, body?: unknown, role: Role = 'facilitator') => {
  const planId = /^\/api\/plans\/([^/?]+)/.exec(p)?.[1];
  const headers: Record<string, string> = planId && planId !== 'import' ? auth(planId, role) : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
};

async function importMatrix(): Promise<string> {
  const created = (await call('POST', '/api/plans/import', handbookMatrix())).body;
  rememberLinks(created as { id: string; links: Record<Role, string> });
  return created.id as string;
}

function connect(id: string): WebsocketProvider {
  const p = openProvider(syncUrl(server), id);
  providers.push(p);
  return p;
}

const ME = { source: 'local', userId: 'tester' } as const;
const budgetOf = (doc: Y.Doc, activityId: string) => readPlan(doc).activities.find((a) => a.id === activityId)?.budget;

describe('agreed versions', () => {
  it('takes, lists and reads snapshots with their content', async () => {
    const id = await importMatrix();
    const snap = await call('POST', `/api/plans/${id}/snapshots`, { name: 'Workshop version', note: '12 March', status: 'workshop', author: 'Amina' });
    expect(snap.status).toBe(201);
    expect(snap.body).toMatchObject({ name: 'Workshop version', note: '12 March', status: 'workshop', author: 'Amina', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const list = await call('GET', `/api/plans/${id}/snapshots`);
    expect(list.body.snapshots.map((s: { id: string }) => s.id)).toEqual([snap.body.id]);
    const one = await call('GET', `/api/plans/${id}/snapshots/${snap.body.id}`);
    expect(one.body.plan.activities).toHaveLength(7);
    const exported = await call('GET', `/api/plans/${id}/snapshots/${snap.body.id}/export.json`);
    expect(exported.body.format).toBe('roundtable-plan/1');
    expect((await call('POST', `/api/plans/${id}/snapshots`, { name: '' })).status).toBe(400);
    expect((await call('POST', `/api/plans/${id}/snapshots`, { name: 'x', status: 'blessed' })).status).toBe(400);
    expect((await call('GET', `/api/plans/${id}/snapshots/nope`)).status).toBe(404);
  });

  it('an endorsed snapshot can never be changed or deleted; others can', async () => {
    const id = await importMatrix();
    const draft = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Draft' })).body;
    expect((await call('PATCH', `/api/plans/${id}/snapshots/${draft.id}`, { name: 'Draft 2' })).body.name).toBe('Draft 2');
    expect((await call('DELETE', `/api/plans/${id}/snapshots/${draft.id}`)).status).toBe(204);
    const endorsed = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Endorsed by cabinet', status: 'final' })).body;
    expect((await call('PATCH', `/api/plans/${id}/snapshots/${endorsed.id}`, { status: 'endorsed' })).status).toBe(200);
    for (const attempt of [
      call('PATCH', `/api/plans/${id}/snapshots/${endorsed.id}`, { name: 'Renamed' }),
      call('PATCH', `/api/plans/${id}/snapshots/${endorsed.id}`, { status: 'draft' }),
      call('DELETE', `/api/plans/${id}/snapshots/${endorsed.id}`),
    ]) {
      const res = await attempt;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('snapshot_endorsed');
    }
    const still = await call('GET', `/api/plans/${id}/snapshots/${endorsed.id}`);
    expect(still.body).toMatchObject({ name: 'Endorsed by cabinet', status: 'endorsed' });
  });

  it('detects a tampered snapshot file', async () => {
    const id = await importMatrix();
    const snap = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Final' })).body;
    const file = path.join(dir, 'plans', id, 'snapshots', `${snap.id}.json`);
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { state: string };
    const bytes = Buffer.from(data.state, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    data.state = bytes.toString('base64');
    fs.writeFileSync(file, JSON.stringify(data));
    const res = await call('GET', `/api/plans/${id}/snapshots/${snap.id}`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('snapshot_tampered');
    expect(res.body.error.message).toMatch(/SHA-256/);
    expect((await call('GET', `/api/plans/${id}/diff?from=${snap.id}&to=live`)).body.error.code).toBe('snapshot_tampered');
  });

  it('diffs a snapshot against the live plan in the plan\'s own terms', async () => {
    const id = await importMatrix();
    const snap = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Before' })).body;
    const p = connect(id);
    await waitSynced(p);
    setNodeField(p.doc, 'a12', 'budget', { amount: 12_000, currency: 'USD' }, ME);
    await waitFor(() => server.registry.size === 1, 'loaded');
    await waitFor(() => server.store.get(id)!.updatedAt > server.store.get(id)!.createdAt, 'update accepted');
    const diff = await call('GET', `/api/plans/${id}/diff?from=${snap.id}&to=live`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes.map((c: { summary: string }) => c.summary)).toContain('activity 1.1.1.2 "Hold stakeholder workshop to develop draft strategy" budget 15,000 -> 12,000 USD');
    expect(diff.body.counts).toMatchObject({ changed: 1, added: 0, removed: 0, moved: 0 });
  });

  it('restores a snapshot live: two clients converge, and a concurrent edit is kept', async () => {
    const id = await importMatrix();
    const a = connect(id);
    const b = connect(id);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const snap = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Agreed 12 March' })).body;
    setNodeField(a.doc, 'a12', 'budget', { amount: 12_000, currency: 'USD' }, ME);
    await waitFor(() => budgetOf(b.doc, 'a12')?.amount === 12_000, 'b sees the new budget');
    // b goes offline and edits another activity while the restore runs on the server: b has
    // not seen the restore when it edits, so the two changes are truly concurrent.
    b.disconnect();
    const restored = await call('POST', `/api/plans/${id}/snapshots/${snap.id}/restore`, { author: 'Facilitator' });
    expect(restored.status).toBe(200);
    expect(budgetOf(b.doc, 'a12')?.amount).toBe(12_000);
    setNodeField(b.doc, 'a13', 'budget', { amount: 7_000, currency: 'USD' }, ME);
    await waitFor(() => budgetOf(a.doc, 'a12')?.amount === 15_000, 'a sees the restored budget');
    expect(budgetOf(a.doc, 'a13')?.amount).not.toBe(7_000);
    void b.connect();
    await waitFor(() => budgetOf(a.doc, 'a12')?.amount === 15_000 && budgetOf(b.doc, 'a12')?.amount === 15_000, 'both see the restored budget');
    await waitFor(() => budgetOf(a.doc, 'a13')?.amount === 7_000, 'a sees b\'s concurrent edit');
    expect(JSON.stringify(readPlan(a.doc))).toBe(JSON.stringify(readPlan(b.doc)));
    // The state before the restore was kept as a snapshot, so the restore can be undone.
    const list = (await call('GET', `/api/plans/${id}/snapshots`)).body.snapshots as { id: string; name: string }[];
    const backup = list.find((s) => s.id === restored.body.backup)!;
    expect(backup.name).toBe('Before restoring "Agreed 12 March"');
    const before = (await call('GET', `/api/plans/${id}/snapshots/${backup.id}`)).body.plan;
    expect(before.activities.find((x: { id: string }) => x.id === 'a12').budget.amount).toBe(12_000);
  });

  it('forks a snapshot into a new plan, and snapshots survive a restart', async () => {
    const id = await importMatrix();
    const snap = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Year 1', status: 'endorsed' })).body;
    const fork = await call('POST', `/api/plans/${id}/snapshots/${snap.id}/fork`, { title: 'Implementation plan year 2' });
    expect(fork.status).toBe(201);
    rememberLinks(fork.body as { id: string; links: Record<Role, string> });
    expect(fork.body.id).not.toBe(id);
    const forked = (await call('GET', `/api/plans/${fork.body.id}/export.json`)).body;
    expect(forked).toMatchObject({ id: fork.body.id, title: 'Implementation plan year 2' });
    expect(forked.activities).toHaveLength(7);
    await server.close();
    server = await startTestServer(dir);
    const again = await call('GET', `/api/plans/${id}/snapshots/${snap.id}`);
    expect(again.body).toMatchObject({ name: 'Year 1', status: 'endorsed' });
    expect((await call('DELETE', `/api/plans/${id}/snapshots/${snap.id}`)).status).toBe(409);
  });
  it('[RV7] a fork binds no review to a snapshot it does not have, and is named in the plan\'s language', async () => {
    const id = await importMatrix();
    const year1 = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Year 1', status: 'endorsed' })).body;
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(server), id, doc, tokenFor(id, 'facilitator'));
    await waitSynced(provider);
    const origin = localOrigin('test');
    const review = addReview(doc, { kind: 'yearly', label: 'Year 1 review', baselineSnapshotId: year1.id }, origin);
    expect(review.ok).toBe(true);
    expect(setPlanField(doc, 'language', 'fr', origin).ok).toBe(true);
    const watcher = openProvider(syncUrl(server), id);
    await waitFor(() => readPlan(watcher.doc).reviews.some((r) => r.baselineSnapshotId === year1.id) && readPlan(watcher.doc).language === 'fr', 'the review is bound');
    watcher.destroy();
    provider.destroy();
    const source = (await call('POST', `/api/plans/${id}/snapshots`, { name: 'Atelier', status: 'workshop' })).body;
    const fork = await call('POST', `/api/plans/${id}/snapshots/${source.id}/fork`, {});
    expect(fork.status).toBe(201);
    rememberLinks(fork.body as { id: string; links: Record<Role, string> });
    const forked = (await call('GET', `/api/plans/${fork.body.id}/export.json`)).body;
    expect(forked.reviews.map((r: { label: string; baselineSnapshotId: string | null }) => [r.label, r.baselineSnapshotId])).toEqual([['Year 1 review', null]]);
    // The original keeps its binding; the trail says how many were cleared.
    const original = (await call('GET', `/api/plans/${id}/export.json`)).body;
    expect(original.reviews[0].baselineSnapshotId).toBe(year1.id);
    expect(forked.title).toBe(`${original.title} (à partir de Atelier)`);
    const trail = (await call('GET', `/api/plans/${fork.body.id}/audit`)).body.events as { action: string; detail: Record<string, unknown> }[];
    expect(trail.find((e) => e.action === 'plan.forked')?.detail).toMatchObject({ fromPlan: id, fromSnapshot: source.id, reviewsUnbound: 1 });
  });
});
