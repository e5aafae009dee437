import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParticipant, readPlan, setNodeField } from '../../shared/model.js';
import type { Change } from '../../shared/domain/diff.js';
import { addActivityChain } from '../helpers/plan-content.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { storageFor } from '../helpers/pg.js';
import { auth, createPlan, removeDir, startTestServer, syncUrl, tempDir } from '../helpers/test-server.js';

const ME = { source: 'local', userId: 'tester' } as const;
const usd = (amount: number) => ({ amount, currency: 'USD' });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function person(server: RunningServer, planId: string, participant: string, name: string) {
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(server), planId, doc, undefined, { participant, name });
  cleanups.push(() => provider.destroy());
  return { doc, provider };
}

async function get(server: RunningServer, planId: string, p: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${server.url}/api/plans/${planId}${p}`, { headers: auth(planId, 'observer') });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Polls an async condition (the journal is written after the update's event-loop turn). */
async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['files', 'postgres'] as const)('who made each change in a version diff (DF10) on %s', (kind) => {
  it('[DF10] [CL7] the diff from a snapshot to the live plan names the writers of a budget, oldest first, from the journal; additions name nobody', async (ctx) => {
    const storage = await storageFor(ctx, kind);
    cleanups.push(() => storage.drop());
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const server = await startTestServer(dir, storage.overrides);
    cleanups.push(() => server.close());
    const planId = await createPlan(server, 'Who');
    const amina = person(server, planId, 'amina', 'Amina');
    const bo = person(server, planId, 'bo', 'Bo');
    await Promise.all([waitSynced(amina.provider), waitSynced(bo.provider)]);
    expect(addParticipant(amina.doc, { id: 'amina', name: 'Amina' }, ME).ok).toBe(true);
    expect(addParticipant(bo.doc, { id: 'bo', name: 'Bo (diaspora)' }, ME).ok).toBe(true);
    const { activity } = addActivityChain(amina.doc, { budget: usd(10_000) });
    await waitFor(() => readPlan(bo.doc).activities.some((a) => a.id === activity), 'Bo to see the activity');
    const snap = await fetch(`${server.url}/api/plans/${planId}/snapshots`, {
      method: 'POST',
      headers: { ...auth(planId, 'facilitator'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Before the workshop' }),
    });
    expect(snap.status).toBe(201);
    const { id: sid, createdAt } = (await snap.json()) as { id: string; createdAt: string };
    // Two writers after the snapshot (the journal counts writes strictly after its time); a new
    // activity added after it names nobody.
    await until(async () => new Date().toISOString() > createdAt, 'the clock to pass the snapshot time');
    expect(setNodeField(bo.doc, activity, 'budget', usd(15_000), ME).ok).toBe(true);
    await waitFor(() => readPlan(amina.doc).activities.find((a) => a.id === activity)?.budget?.amount === 15_000, 'Amina to see 15,000');
    expect(setNodeField(amina.doc, activity, 'budget', usd(12_000), ME).ok).toBe(true);
    addActivityChain(amina.doc, { budget: usd(1_000) });
    let changes: Change[] = [];
    await until(async () => {
      changes = (await get(server, planId, `/diff?from=${sid}&to=live`)).body.changes as Change[];
      const budget = changes.find((c) => c.entity.id === activity && c.field === 'budget');
      return budget?.by?.length === 2 && budget.summary.includes('12,000');
    }, 'both writers named on the budget change');
    const budget = changes.find((c) => c.entity.id === activity && c.field === 'budget')!;
    expect(budget.summary).toContain('10,000 -> 12,000 USD');
    expect(budget.by).toEqual(['Bo (diaspora)', 'Amina']);
    expect(changes.filter((c) => c.kind === 'added').every((c) => c.by === undefined)).toBe(true);
    // The other way round (live -> snapshot) names the same writers.
    const back = (await get(server, planId, `/diff?from=live&to=${sid}`)).body.changes as Change[];
    expect(back.find((c) => c.entity.id === activity && c.field === 'budget')?.by).toEqual(['Bo (diaspora)', 'Amina']);
  });
});
