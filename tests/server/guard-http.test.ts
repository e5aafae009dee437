import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { SnapshotStore } from '../../server/store/snapshot-store.js';
import { AccessStore } from '../../server/access/access-store.js';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/file-storage.js';
import { auth, createPlan, rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function server(overrides: Parameters<typeof startTestServer>[1] = {}): Promise<RunningServer> {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const s = await startTestServer(dir, overrides);
  cleanups.push(() => s.close());
  return s;
}
const json = { 'content-type': 'application/json' };
async function snapshot(s: RunningServer, id: string, name: string): Promise<Response> {
  return fetch(`${s.url}/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...json, ...auth(id, 'editor') }, body: JSON.stringify({ name }) });
}

// Issue 12, "forks" and "snapshots": an editor forked 20 plans despite ADMIN_TOKEN and got
// facilitator links; 30 snapshots of a 5 MB plan took 210 MB.
describe('guard: forks and snapshot quotas', () => {
  it('with ADMIN_TOKEN set, only its holder may fork; an editor is refused 403 and no plan appears', async () => {
    const admin = 'admin-token-for-tests-0123456789';
    const s = await server({ adminToken: admin });
    const adminAuth = { authorization: `Bearer ${admin}` };
    const created = await fetch(`${s.url}/api/plans`, { method: 'POST', headers: { ...json, ...adminAuth }, body: '{"title":"Guarded"}' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; links: Record<string, string> };
    rememberLinks(body);
    const snap = (await (await snapshot(s, body.id, 'v1')).json()) as { id: string };
    const before = s.store.list().length;
    const byEditor = await fetch(`${s.url}/api/plans/${body.id}/snapshots/${snap.id}/fork`, { method: 'POST', headers: auth(body.id, 'editor') });
    expect(byEditor.status).toBe(403);
    expect(((await byEditor.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const byFacilitator = await fetch(`${s.url}/api/plans/${body.id}/snapshots/${snap.id}/fork`, { method: 'POST', headers: auth(body.id, 'facilitator') });
    expect(byFacilitator.status).toBe(403);
    expect(s.store.list().length).toBe(before);
    const byAdmin = await fetch(`${s.url}/api/plans/${body.id}/snapshots/${snap.id}/fork`, { method: 'POST', headers: adminAuth });
    expect(byAdmin.status).toBe(201);
    expect(s.store.list().length).toBe(before + 1);
  });

  it('a plan holds at most MAX_SNAPSHOTS_PER_PLAN snapshots (409 too_many_snapshots), and deleting one makes room', async () => {
    const s = await server({ maxSnapshotsPerPlan: 3 });
    const id = await createPlan(s);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await snapshot(s, id, `v${i}`);
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    const over = await snapshot(s, id, 'one too many');
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('too_many_snapshots');
    expect((await fetch(`${s.url}/api/plans/${id}/snapshots/${ids[0]}`, { method: 'DELETE', headers: auth(id, 'facilitator') })).status).toBe(204);
    expect((await snapshot(s, id, 'room again')).status).toBe(201);
  });

  it('the snapshot files of a plan stay under MAX_SNAPSHOT_BYTES_PER_PLAN (413 snapshots_too_large)', async () => {
    const s = await server({ maxSnapshotBytesPerPlan: 12 * 1024 });
    const id = await createPlan(s);
    let status = 201;
    let made = 0;
    while (status === 201 && made < 50) {
      const r = await snapshot(s, id, `v${made}`);
      status = r.status;
      if (status === 201) made++;
      else expect(((await r.json()) as { error: { code: string } }).error.code).toBe('snapshots_too_large');
    }
    expect(status).toBe(413);
    expect(made).toBeGreaterThan(0);
    const usage = await new SnapshotStore(s.store).usage(id);
    expect(usage.count).toBe(made);
    expect(usage.bytes).toBeLessThanOrEqual(12 * 1024);
  });
});

// Issue 12: "the link cache is never evicted".
describe('guard: bounded caches', () => {
  it('the link cache keeps at most maxCached plans, and an evicted plan\'s links still resolve from disk', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const store = await PlanStore.open(dir, createLogger('silent'));
    const access = new AccessStore(store, 2);
    const tokens: string[] = [];
    for (const id of ['plan-a', 'plan-b', 'plan-c', 'plan-d']) {
      await store.create(id, id, Uint8Array.of(0, 0));
      tokens.push((await access.issue(id)).editor.token);
      expect(access.cachedPlans).toBeLessThanOrEqual(2);
    }
    expect((await access.resolve('plan-a', tokens[0]))?.role).toBe('editor');
    expect(await access.resolve('plan-a', tokens[1])).toBeNull();
    expect(access.cachedPlans).toBe(2);
  });
});
