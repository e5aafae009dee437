import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/model.js';
import { auth, rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';
import { bigPlan } from './heavy-helpers.js';

const ACTIVITIES = 60_000;
/** Items one import may hold here: the big plan and its few goals, criteria... fit. */
const LIMIT = 60_100;
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
    const { answers, result } = await healthzDuring(fetch(`${server.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') }).then((r) => r.json()));
    expect(answers).toBeGreaterThanOrEqual(3);
    // Every copy costs 10,000 USD, so the roll-up is exactly 60,000 times that.
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

  it('refuses an import over MAX_IMPORT_ITEMS with 413 too_many_items, creating nothing', async () => {
    const plansBefore = server.store.list().length;
    const res = await importPlan(JSON.stringify(bigPlan(LIMIT)));
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
