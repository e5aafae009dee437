import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/model.js';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, rememberLinks, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';
import { bigPlan } from './heavy-helpers.js';

/**
 * The big plan is built once for the file (imported by the first test, read by the others).
 * 20,000 activities keep every heavy step far longer than the 20 ms /healthz poll and the
 * 100 ms time limit below (about a second per step on a 2-core machine), at a third of the
 * time 60,000 took.
 */
const ACTIVITIES = 20_000;
/** Items one import may hold here: the big plan and its few goals, criteria... fit. */
const LIMIT = ACTIVITIES + 100;
let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir, { maxImportItems: LIMIT, maxBodyBytes: 64 * 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const importPlan = (body: string) =>
  fetch(`${server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/**
 * Polls /healthz every 20 ms over real sockets until `heavy` settles; the number of answers
 * received while it was still pending, and the heavy request's outcome.
 */
async function healthzDuring<T>(heavy: Promise<T>): Promise<{ answers: number; result: T }> {
  let settled = false;
  let answers = 0;
  const done = heavy.finally(() => (settled = true));
  const poll = (async () => {
    while (!settled) {
      const res = await fetch(`${server.url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200 && !settled) answers++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await done;
  await poll;
  return { answers, result };
}

describe('heavy requests run off the event loop (issue 12)', () => {
  let planId = '';

  it(`/healthz keeps answering while a ${ACTIVITIES}-activity plan is imported`, async () => {
    const body = JSON.stringify(bigPlan(ACTIVITIES));
    const { answers, result } = await healthzDuring(importPlan(body).then(async (res) => ({ status: res.status, body: (await res.json()) as any })));
    expect(result.status).toBe(201);
    rememberLinks(result.body as { id: string; links: Record<Role, string> });
    planId = result.body.id;
    expect(answers).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('/healthz keeps answering while the budget of that plan is rolled up, and the answer is right', async () => {
    const loads = server.registry.loads;
    const { answers, result } = await healthzDuring(fetch(`${server.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') }).then((r) => r.json()));
    expect(answers).toBeGreaterThanOrEqual(3);
    // The plan was not in a room: the thread read it from its folder; the event loop built no doc.
    expect(server.registry.loads).toBe(loads);
    expect(server.registry.size).toBe(0);
    // Every copy costs 10,000 USD, so the roll-up is exactly ACTIVITIES times that.
    expect(JSON.stringify(result)).toContain(String(ACTIVITIES * 10_000));
  }, 60_000);

  it('export.json of the big plan is served from the worker as the whole plan, as an attachment', async () => {
    const res = await fetch(`${server.url}/api/plans/${planId}/export.json`, { headers: auth(planId, 'observer') });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${planId}.json"`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const plan = (await res.json()) as PlanData;
    expect(plan.activities).toHaveLength(ACTIVITIES);
    expect(new Set(plan.activities.map((a) => a.title)).size).toBe(ACTIVITIES);
  }, 60_000);

  it('a plan held in a room is read from its live doc: an edit made over the socket shows at once', async () => {
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(server), planId, doc, tokenFor(planId, 'editor'));
    await waitSynced(provider, 60_000);
    const first = doc.getMap('nodes').get('a0') as Y.Map<unknown>;
    doc.transact(() => (first.get('title') as Y.Text).insert(0, 'Renamed '));
    await waitFor(() => server.registry.size === 1, 'the plan in a room');
    const res = await fetch(`${server.url}/api/plans/${planId}/export.json`, { headers: auth(planId, 'observer') });
    const plan = (await res.json()) as PlanData;
    expect(plan.activities.find((a) => a.id === 'a0')?.title).toBe('Renamed Activity 0');
    provider.destroy();
    doc.destroy();
  }, 120_000);

  it('refuses an import over MAX_IMPORT_ITEMS with 413 too_many_items, creating nothing', async () => {
    const plansBefore = server.store.list().length;
    // One item over the limit; the items are counted before anything else is read, so they may be bare.
    const over = { ...bigPlan(3), activities: Array.from({ length: LIMIT + 1 }, (_, i) => ({ id: `a${i}` })) };
    const res = await importPlan(JSON.stringify(over));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_items');
    expect(body.error.message).toContain(String(LIMIT));
    expect(server.store.list()).toHaveLength(plansBefore);
  }, 60_000);

  it('an invalid import is still refused with every problem listed (400 invalid_plan) and bad JSON with 400 invalid_json', async () => {
    const plan = bigPlan(3) as unknown as Record<string, unknown>;
    (plan.activities as Record<string, unknown>[])[1]!.budget = { amount: -5, currency: 'USD' };
    const res = await importPlan(JSON.stringify(plan));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; problems: { path: string }[] } };
    expect(body.error.code).toBe('invalid_plan');
    expect(body.error.problems.map((p) => p.path).join(' ')).toContain('/activities/1');
    const bad = await importPlan('{"format": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});

describe('heavy-work limits (HEAVY_TIMEOUT_MS, HEAVY_QUEUE)', () => {
  it('a job past the time limit gets 503 heavy_timeout, one past the queue 503 heavy_busy, and the thread comes back', async () => {
    const limited = tempDir();
    const planId = server.store.list()[0]!.id;
    // The same stored plan (and its links) under a server with tight limits.
    fs.cpSync(path.join(dir, 'plans', planId), path.join(limited, 'plans', planId), { recursive: true });
    const small = await startTestServer(limited, { heavyTimeoutMs: 100, heavyQueue: 1 });
    try {
      const budget = async () => {
        const res = await fetch(`${small.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') });
        return { status: res.status, code: ((await res.json()) as { error?: { code: string; message: string } }).error?.code };
      };
      // Building a 20,000-activity plan takes far longer than 100 ms.
      expect(await budget()).toEqual({ status: 503, code: 'heavy_timeout' });
      // One runs, one waits, the third finds the queue full.
      const three = await Promise.all([budget(), budget(), budget()]);
      expect(three.map((r) => r.code).sort()).toEqual(['heavy_busy', 'heavy_timeout', 'heavy_timeout']);
      expect(three.every((r) => r.status === 503)).toBe(true);
      expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
    } finally {
      await small.close();
      removeDir(limited);
    }
  }, 120_000);
});
