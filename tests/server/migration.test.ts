import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { readPlan } from '../../shared/schema/read.js';
import { nodesMap } from '../../shared/schema/roots.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { removeDir, startTestServer, syncUrl, tempDir } from '../helpers/test-server.js';

/**
 * `tests/fixtures/plan-folder-v1` was written by the server of main 8b3d7d5 (issue 10's start;
 * see make-plan-folder-v1.mjs): a plan with a goal folded into state.json, a snapshot, then an
 * outcome and a title change left in updates-1.log by a crash, with meta.json, access.json and
 * audit.jsonl as that version wrote them. Today's server must open it as it is.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/plan-folder-v1');
const facts = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'fixture.json'), 'utf8')) as {
  id: string;
  tokens: Record<'facilitator' | 'editor' | 'observer', string>;
  snapshotId: string;
};

let dir = '';
let server: RunningServer | null = null;
let provider: WebsocketProvider | null = null;
afterEach(async () => {
  provider?.destroy();
  await server?.close();
  removeDir(dir);
});

const get = (url: string, token: string) => fetch(`${server!.url}${url}`, { headers: { authorization: `Bearer ${token}` } });

describe('a plan folder written by main 8b3d7d5', () => {
  it('opens with its content, its logged edits, links, audit trail and snapshot', async () => {
    dir = tempDir();
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const planDir = path.join(dir, 'plans', facts.id);
    expect(fs.statSync(path.join(planDir, 'updates-1.log')).size).toBeGreaterThan(0);
    server = await startTestServer(dir);
    const { id, tokens } = facts;

    // Start-up recovered the crashed log into the state, and the list shows the live title.
    expect(fs.readdirSync(planDir).filter((n) => n.endsWith('.log')).every((n) => fs.statSync(path.join(planDir, n)).size === 0)).toBe(true);
    expect(server.store.list().map((m) => [m.id, m.title])).toEqual([[id, 'Fixture plan 2027']]);

    const meta = (await (await get(`/api/plans/${id}`, tokens.observer)).json()) as { title: string; role: string };
    expect(meta).toMatchObject({ title: 'Fixture plan 2027', role: 'observer' });
    const plan = await server.registry.use(id, (room) => readPlan(room.doc));
    expect(plan).toMatchObject({ id, title: 'Fixture plan 2027', country: 'SN', currency: 'XOF' });
    expect(plan.goals.map((g) => [g.id, g.title])).toEqual([['goal1', 'Diaspora investment']]);
    expect(plan.outcomes.map((o) => [o.id, o.title, o.goalId])).toEqual([['out1', 'Remittance costs fall', 'goal1']]);

    // Links: each stored token hash still grants its role; a wrong token does not.
    expect((await get(`/api/plans/${id}`, tokens.facilitator)).status).toBe(200);
    expect((await get(`/api/plans/${id}`, 'not-a-token-of-this-plan-at-all')).status).toBe(401);
    expect((await get(`/api/plans/${id}/links`, tokens.editor)).status).toBe(403);
    const links = (await (await get(`/api/plans/${id}/links`, tokens.facilitator)).json()) as { links: { role: string }[] };
    expect(links.links.map((l) => l.role).sort()).toEqual(['editor', 'facilitator', 'observer']);

    const audit = (await (await get(`/api/plans/${id}/audit`, tokens.facilitator)).json()) as { events: { action: string }[] };
    expect(audit.events.map((e) => e.action)).toEqual(['plan.created', 'snapshot.created']);

    // The snapshot verifies (SHA-256) and holds the plan as it was: the goal, not yet the outcome.
    const snap = (await (await get(`/api/plans/${id}/snapshots/${facts.snapshotId}`, tokens.observer)).json()) as {
      name: string;
      status: string;
      plan: { goals: { id: string }[]; outcomes: unknown[] };
    };
    expect(snap).toMatchObject({ name: 'Workshop draft', status: 'workshop' });
    expect(snap.plan.goals.map((g) => g.id)).toEqual(['goal1']);
    expect(snap.plan.outcomes).toEqual([]);

    // A stock client syncs the whole plan.
    const doc = new Y.Doc();
    provider = openProvider(syncUrl(server), id, doc, tokens.editor);
    await waitSynced(provider);
    expect(nodesMap(doc).has('out1') && nodesMap(doc).has('goal1')).toBe(true);
  });
});
