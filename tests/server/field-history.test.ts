import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParticipant, readPlan, setNodeField, setScore } from '../../shared/model.js';
import { addActivityChain } from '../helpers/plan-content.js';
import { FieldHistory, type HistoryEntry } from '../../server/access/history.js';
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

async function history(server: RunningServer, planId: string, query: string): Promise<{ status: number; body: { entries: HistoryEntry[]; error?: { code: string } } }> {
  const res = await fetch(`${server.url}/api/plans/${planId}/history?${query}`, { headers: auth(planId, 'observer') });
  return { status: res.status, body: (await res.json()) as { entries: HistoryEntry[] } };
}

/** The entries of `query` once there are at least `n` (the updates travel to the server meanwhile). */
async function entriesOnceThere(server: RunningServer, planId: string, query: string, n: number): Promise<HistoryEntry[]> {
  const start = Date.now();
  for (;;) {
    const entries = (await history(server, planId, query)).body.entries;
    if (entries.length >= n) return entries;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${n} history entries for ${query}: ${JSON.stringify((await history(server, planId, "limit=20")).body)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function person(server: RunningServer, planId: string, participant: string, name: string) {
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(server), planId, doc, undefined, { participant, name });
  cleanups.push(() => provider.destroy());
  return { doc, provider, participant, name };
}

describe.each(['files', 'postgres'] as const)('field history (FH) on %s', (kind) => {
  it('FH1, FH4, CL7: who changed a matrix cell and a score, when and from what, over HTTP with the read right; it survives a restart', async (ctx) => {
    const storage = await storageFor(ctx, kind);
    cleanups.push(() => storage.drop());
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    let server = await startTestServer(dir, storage.overrides);
    cleanups.push(() => server.close());
    const planId = await createPlan(server, 'History');
    const amina = person(server, planId, 'amina', 'Amina');
    const bo = person(server, planId, 'bo', 'Bo');
    await Promise.all([waitSynced(amina.provider), waitSynced(bo.provider)]);
    expect(addParticipant(amina.doc, { id: 'amina', name: 'Amina' }, ME).ok).toBe(true);
    expect(addParticipant(bo.doc, { id: 'bo', name: 'Bo (diaspora)' }, ME).ok).toBe(true);
    const { goal, activity } = addActivityChain(amina.doc, { budget: usd(10_000) });
    await waitFor(() => readPlan(bo.doc).activities.some((a) => a.id === activity), 'Bo to see the activity');
    const before = new Date().toISOString();
    expect(setNodeField(bo.doc, activity, 'budget', usd(15_000), ME).ok).toBe(true);
    await waitFor(() => readPlan(amina.doc).activities.find((a) => a.id === activity)?.budget?.amount === 15_000, 'Amina to see 15,000');
    expect(setNodeField(amina.doc, activity, 'budget', usd(12_000), ME).ok).toBe(true);
    const criterion = readPlan(bo.doc).criteria[0]!.id;
    expect(setScore(bo.doc, { goalId: goal, criterionId: criterion, participantId: 'bo', value: 2 }, ME).ok).toBe(true);
    expect(setScore(bo.doc, { goalId: goal, criterionId: criterion, participantId: 'bo', value: 1 }, ME).ok).toBe(true);

    const budget = await entriesOnceThere(server, planId, `entity=activity&id=${activity}&field=budget`, 2);
    // Newest first: Amina 15,000 -> 12,000, then Bo 10,000 -> 15,000; the creation's first value is not a change.
    expect(budget.map((e) => [e.by.name, (e.from as { amount: number }).amount, (e.to as { amount: number }).amount, e.kept])).toEqual([
      ['Amina', 15_000, 12_000, true],
      ['Bo (diaspora)', 10_000, 15_000, true],
    ]);
    expect(budget[1]!.by).toEqual({ name: 'Bo (diaspora)', role: 'editor', participantId: 'bo' });
    expect(budget[1]!.at >= before).toBe(true);
    expect(budget[1]!.client).toBe(bo.doc.clientID);
    const cell = `${goal}:${criterion}:bo`;
    await waitFor(() => readPlan(amina.doc).scores.some((x) => x.participantId === 'bo' && x.value === 1), 'Amina to see Bo\'s score');
    const scores = await entriesOnceThere(server, planId, `entity=score&id=${encodeURIComponent(cell)}`, 2);
    expect(scores.map((e) => [e.by.name, e.field, (e.from as { value: number } | null)?.value ?? null, (e.to as { value: number }).value])).toEqual([
      ['Bo (diaspora)', null, 2, 1],
      ['Bo (diaspora)', null, null, 2],
    ]);

    // Survives a restart.
    await server.close();
    server = await startTestServer(dir, storage.overrides);
    const again = (await history(server, planId, `entity=activity&id=${activity}&field=budget`)).body.entries;
    expect(again).toEqual(budget);
    // Where it lives: the plan's folder, or PostgreSQL's plan_history (nothing in DATA_DIR, CL5).
    expect(fs.existsSync(path.join(dir, 'plans', planId, 'history.jsonl'))).toBe(kind === 'files');
    if (storage.schema) {
      const rows = await storage.schema.admin.query(`SELECT count(*)::int AS n FROM ${storage.schema.name}.plan_history WHERE plan_id = $1`, [planId]);
      expect(rows.rows[0].n).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('field history (FH)', () => {

  it('PF4, FH3: an edit relayed just before a shutdown is in the journal after the restart', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    let server = await startTestServer(dir);
    const planId = await createPlan(server, 'History');
    const amina = person(server, planId, 'amina', 'Amina');
    const bo = person(server, planId, 'bo', 'Bo');
    await Promise.all([waitSynced(amina.provider), waitSynced(bo.provider)]);
    const { activity } = addActivityChain(amina.doc, { budget: usd(10_000) });
    await waitFor(() => readPlan(bo.doc).activities.some((a) => a.id === activity), 'Bo to see the activity');
    expect(setNodeField(amina.doc, activity, 'budget', usd(11_000), ME).ok).toBe(true);
    await waitFor(() => readPlan(bo.doc).activities.find((a) => a.id === activity)?.budget?.amount === 11_000, 'Bo to see 11,000');
    // Relayed, so applied and stored; its journal entry is made after the relay: close at once.
    await server.close();
    server = await startTestServer(dir);
    cleanups.push(() => server.close());
    const entries = (await history(server, planId, `entity=activity&id=${activity}&field=budget`)).body.entries;
    expect(entries.map((e) => [(e.from as { amount: number }).amount, (e.to as { amount: number }).amount])).toEqual([[10_000, 11_000]]);
  });

  it('FH4: a bad query is refused with 400 invalid_history_query naming the problem', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const server = await startTestServer(dir);
    cleanups.push(() => server.close());
    const planId = await createPlan(server, 'History');
    for (const q of ['entity=nonsense', 'id=a%3Ab%3Ac%3Ad', 'limit=0', 'limit=501', 'since=yesterday', 'field=__proto__', 'foo=1']) {
      const r = await history(server, planId, q);
      expect(r.status, q).toBe(400);
      expect(r.body.error?.code).toBe('invalid_history_query');
    }
    expect((await history(server, planId, 'entity=activity&field=')).status).toBe(200);
  });

  it('FH3: the journal is bounded: past its cap the oldest half is dropped, the newest kept', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    fs.mkdirSync(path.join(dir, 'p'), { recursive: true });
    const h = new FieldHistory({ dir: (planId: string) => path.join(dir, planId) }, 10);
    const entry = (n: number): HistoryEntry => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), entity: 'activity', id: 'a', field: 'budget', from: n - 1, to: n, kept: true, client: 1, by: { name: 'X', role: 'editor', participantId: null } });
    for (let n = 1; n <= 25; n++) h.record('p', [entry(n)]);
    const listed = await h.list('p');
    expect(listed.length).toBeLessThanOrEqual(10);
    expect(listed[0]!.to).toBe(25);
    expect(listed.map((e) => e.to)).toEqual([...listed.map((e) => e.to)].sort((a, b) => (b as number) - (a as number)));
    expect(fs.readFileSync(path.join(dir, 'p', 'history.jsonl'), 'utf8').trim().split('\n').length).toBeLessThanOrEqual(10);
  });
});
