import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode } from '../../shared/model.js';
import { nodesMap } from '../../shared/schema/roots.js';
import { connectPlan, type Connection } from '../../client/sync/connect.js';
import { startProxy, type RoundRobinProxy } from '../../server/cluster/proxy.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl, type TestSchema } from '../helpers/pg.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { auth, createPlan, removeDir, startChildServer, syncUrl, tempDir, tokenFor, type ChildServer } from '../helpers/test-server.js';

// Several Roundtable nodes (real processes, `node dist/server/index.js`) on one PostgreSQL
// schema and one DATA_DIR, with stock y-websocket clients (SPEC CL1-CL4, issue 17).
const ME = { source: 'local', userId: 'tester' } as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const track = <T extends { destroy(): void }>(p: T) => (cleanups.push(() => p.destroy()), p);

/** A schema and a data folder for this test, or a skip with the listed reason. */
async function database(ctx: TestContext): Promise<{ schema: TestSchema; dir: string }> {
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  const dir = tempDir();
  cleanups.push(async () => {
    await schema.drop();
    removeDir(dir);
  });
  return { schema, dir };
}

/** A node on the schema; its connections are named `<schema>_<name>` (to find its LISTEN connection). */
async function node(schema: TestSchema, dir: string, name: string, pollMs = 1000): Promise<ChildServer> {
  const url = new URL(schema.url);
  url.searchParams.set('application_name', `${schema.name}_${name}`);
  const c = await startChildServer(dir, { LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), CLUSTER_POLL_MS: String(pollMs) });
  cleanups.push(async () => {
    c.child.kill('SIGKILL');
    await c.exited;
  });
  return c;
}

/** Waits until `server` knows the plan (it learns of plans created elsewhere by notification). */
async function knows(server: ChildServer, id: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await fetch(`${server.url}/api/plans/${id}`, { headers: auth(id) })).status === 200) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${server.url} never learnt of plan ${id}`);
}

const goals = (doc: Y.Doc) => [...nodesMap(doc).keys()].filter((k) => k.startsWith('goal-')).sort();
const presence = (name: string) => ({ user: { id: name, name, color: '#336699', group: null }, view: 'Goals', focus: '' });
const names = (p: WebsocketProvider) =>
  [...p.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name).filter(Boolean).sort();

describe('several nodes on one PostgreSQL database', () => {
  it('CL1 CL3 CL4: stock clients on two nodes see each other\'s edits and presence; revoking a link on one node closes its session on the other', async (ctx) => {
    const { schema, dir } = await database(ctx);
    const a = await node(schema, dir, 'a');
    const b = await node(schema, dir, 'b');
    const id = await createPlan(a, 'Two nodes');
    await knows(b, id);
    const alice = track(openProvider(syncUrl(a), id));
    const bob = track(openProvider(syncUrl(b), id));
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    for (let i = 0; i < 5; i++) {
      expect(addNode(alice.doc, { kind: 'goal', id: `goal-a${i}`, title: `Alice ${i}` }, ME).ok).toBe(true);
      expect(addNode(bob.doc, { kind: 'goal', id: `goal-b${i}`, title: `Bob ${i}` }, ME).ok).toBe(true);
    }
    const all = [...Array.from({ length: 5 }, (_, i) => `goal-a${i}`), ...Array.from({ length: 5 }, (_, i) => `goal-b${i}`)].sort();
    await waitFor(() => goals(alice.doc).length === 10 && goals(bob.doc).length === 10, 'both clients see all ten goals');
    expect(goals(alice.doc)).toEqual(all);
    // Every edit is one row of the shared log, stored once (never appended again by the other node).
    const rows = await schema.admin.query(`SELECT count(*)::int AS n, max(seq)::int AS top FROM ${schema.name}.plan_log WHERE plan_id = $1`, [id]);
    const head = await schema.admin.query(`SELECT head_seq::int AS head, (SELECT state_seq::int FROM ${schema.name}.plan_states WHERE plan_id = $1) AS st FROM ${schema.name}.plans WHERE id = $1`, [id]);
    expect(rows.rows[0].top ?? head.rows[0].st).toBe(head.rows[0].head);
    expect(head.rows[0].head).toBeLessThanOrEqual(12);

    alice.awareness.setLocalState(presence('Alice'));
    bob.awareness.setLocalState(presence('Bob'));
    await waitFor(() => names(alice).join() === 'Alice,Bob' && names(bob).join() === 'Alice,Bob', 'each sees both people');
    // Leaving removes the person on the other node too.
    alice.awareness.setLocalState(null);
    await waitFor(() => names(bob).join() === 'Bob', 'Alice gone on node B');

    // An observer link's session on node B; the facilitator revokes it on node A.
    const carol = track(openProvider(syncUrl(b), id, new Y.Doc(), tokenFor(id, 'observer')));
    await waitSynced(carol);
    let closed = 0;
    carol.on('connection-close', (e: CloseEvent | null) => {
      closed ||= e?.code ?? -1;
    });
    const links = (await (await fetch(`${a.url}/api/plans/${id}/links`, { headers: auth(id) })).json()) as { links: { id: string; role: string }[] };
    const observerLink = links.links.find((l) => l.role === 'observer')!;
    expect((await fetch(`${a.url}/api/plans/${id}/links/${observerLink.id}`, { method: 'DELETE', headers: auth(id) })).status).toBe(200);
    await waitFor(() => closed !== 0, 'the observer on node B is closed');
    expect(closed).toBe(4403);

    // Snapshots and the audit trail are in the database: node B lists what node A made.
    const made = await fetch(`${a.url}/api/plans/${id}/snapshots`, {
      method: 'POST',
      headers: { ...auth(id), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Made on A' }),
    });
    expect(made.status).toBe(201);
    const listed = (await (await fetch(`${b.url}/api/plans/${id}/snapshots`, { headers: auth(id) })).json()) as { snapshots: { name: string }[] };
    expect(listed.snapshots.map((s) => s.name)).toEqual(['Made on A']);
    let actions: string[] = [];
    for (let i = 0; i < 200 && !actions.includes('snapshot.created'); i++) {
      const trail = (await (await fetch(`${b.url}/api/plans/${id}/audit`, { headers: auth(id) })).json()) as { events: { action: string }[] };
      actions = trail.events.map((e) => e.action);
      if (!actions.includes('snapshot.created')) await new Promise((r) => setTimeout(r, 10));
    }
    expect(actions).toEqual(expect.arrayContaining(['link.revoked', 'snapshot.created']));
  }, 60_000);

  it('CL1 CL2: kill -9 of a node after acknowledged edits loses none; its clients reconnect through the proxy to the other node and resync', async (ctx) => {
    const { schema, dir } = await database(ctx);
    const a = await node(schema, dir, 'a');
    const b = await node(schema, dir, 'b');
    const id = await createPlan(a, 'Killed node');
    await knows(b, id);
    const port = (s: ChildServer) => Number(new URL(s.url).port);
    const proxy: RoundRobinProxy = await startProxy(0, [
      { host: '127.0.0.1', port: port(a) },
      { host: '127.0.0.1', port: port(b) },
    ]);
    cleanups.push(() => proxy.close());
    // The web client's connection (stock provider, ?ack=1) through the proxy: round robin puts it on node A.
    const onA: Connection = track(
      connectPlan(id, { url: `ws://127.0.0.1:${proxy.port}/sync`, token: tokenFor(id, 'editor'), WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }),
    );
    await waitSynced(onA.provider);
    expect(proxy.handed).toEqual([1, 0]);
    const onB = track(openProvider(syncUrl(b), id));
    await waitSynced(onB);
    for (let i = 0; i < 10; i++) {
      expect(addNode(onA.doc, { kind: 'goal', id: `goal-a${i}`, title: `On A ${i}` }, ME).ok).toBe(true);
      expect(addNode(onB.doc, { kind: 'goal', id: `goal-b${i}`, title: `On B ${i}` }, ME).ok).toBe(true);
      await new Promise((r) => setImmediate(r));
    }
    // Acknowledged: node A committed every edit of its client.
    await waitFor(() => onA.status().unsynced === 0, 'every edit of the client on node A acknowledged');
    a.child.kill('SIGKILL');
    await a.exited;
    // Before the client of node A can send anything again, node B serves every acknowledged edit from the database.
    onA.provider.disconnect();
    const early = track(openProvider(syncUrl(b), id, new Y.Doc()));
    await waitSynced(early);
    expect(goals(early.doc).filter((g) => g.startsWith('goal-a'))).toHaveLength(10);
    expect(goals(early.doc)).toHaveLength(20);
    onA.provider.connect();
    // The client of node A reconnects through the proxy (node A refuses, node B takes it) and resyncs.
    await waitFor(() => proxy.handed[1]! > 0 && onA.provider.wsconnected && onA.provider.synced, 'the client of the killed node is back', 20_000);
    expect(addNode(onA.doc, { kind: 'goal', id: 'goal-after', title: 'After the kill' }, ME).ok).toBe(true);
    await waitFor(() => goals(onB.doc).includes('goal-after') && goals(onA.doc).length === 21, 'both clients converge on node B', 20_000);
    const reader = track(openProvider(syncUrl(b), id, new Y.Doc()));
    await waitSynced(reader);
    expect(goals(reader.doc)).toEqual(goals(onA.doc));
    expect(goals(reader.doc)).toHaveLength(21);
  }, 60_000);

  it('CL1: a dropped notification connection catches up; a third node started late sees everything and its edits reach the others', async (ctx) => {
    const { schema, dir } = await database(ctx);
    const a = await node(schema, dir, 'a');
    // A long poll: what node B sees after its LISTEN connection is killed comes from the reconnect's catch-up.
    const b = await node(schema, dir, 'b', 600_000);
    const id = await createPlan(a, 'Lost notifications');
    await knows(b, id);
    const alice = track(openProvider(syncUrl(a), id));
    const bob = track(openProvider(syncUrl(b), id));
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    expect(addNode(alice.doc, { kind: 'goal', id: 'goal-1', title: 'Before' }, ME).ok).toBe(true);
    await waitFor(() => goals(bob.doc).includes('goal-1'), 'node B hears of the first edit');

    // Node B's LISTEN connection is killed; node A writes at once, while B is not listening.
    const killed = await schema.admin.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
      [`${schema.name}_b`],
    );
    expect(killed.rows[0]!.n).toBe(1);
    expect(addNode(alice.doc, { kind: 'goal', id: 'goal-2', title: 'While B was deaf' }, ME).ok).toBe(true);
    await waitFor(() => goals(bob.doc).includes('goal-2'), 'node B catches up after listening again', 20_000);
    const listening = await schema.admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
      [`${schema.name}_b`],
    );
    expect(listening.rows[0]!.n).toBe(1);
    expect(addNode(alice.doc, { kind: 'goal', id: 'goal-3', title: 'After' }, ME).ok).toBe(true);
    await waitFor(() => goals(bob.doc).includes('goal-3'), 'node B hears live again');

    const c = await node(schema, dir, 'c');
    const carl = track(openProvider(syncUrl(c), id));
    await waitSynced(carl);
    expect(goals(carl.doc)).toEqual(['goal-1', 'goal-2', 'goal-3']);
    expect(addNode(carl.doc, { kind: 'goal', id: 'goal-4', title: 'From the late node' }, ME).ok).toBe(true);
    await waitFor(() => goals(alice.doc).includes('goal-4') && goals(bob.doc).includes('goal-4'), 'the late node\'s edit reaches both');
    expect(goals(alice.doc)).toEqual(goals(bob.doc));
  }, 60_000);
});
