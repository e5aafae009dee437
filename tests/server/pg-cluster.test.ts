import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { PgStorage, type PgPlanHandle } from '../../server/store/pg-storage.js';
import type { LoadedPlan } from '../../server/store/storage.js';
import { awarenessUpdateFrame, readSyncFrame } from '../../server/sync/frames.js';
import { encodeEntries } from '../../server/sync/presence-guard.js';
import type { RoomHook } from '../../server/sync/room.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl, type TestSchema } from '../helpers/pg.js';
import { skipBecause } from '../helpers/skip.js';
import { removeDir, tempDir } from '../helpers/test-server.js';
import { FakeConn, memoryRoom } from './room-helpers.js';

const log = createLogger('silent');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Two "nodes": two PgStorage instances on one fresh schema, holding plan `p` (empty doc). */
async function twoNodes(ctx: TestContext): Promise<{ a: PgStorage; b: PgStorage; schema: TestSchema }> {
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  const dir = tempDir();
  const a = await PgStorage.open({ url: schema.url, dataDir: dir, log });
  const b = await PgStorage.open({ url: schema.url, dataDir: dir, log });
  cleanups.push(async () => {
    await a.close();
    await b.close();
    await schema.drop();
    removeDir(dir);
  });
  await a.create('p', 'P', Y.encodeStateAsUpdate(new Y.Doc()));
  await b.refreshPlan('p');
  return { a, b, schema };
}

/** A node's open plan: its doc (built from the loaded content) fed by the handle's follower. */
async function follow(store: PgStorage): Promise<{ doc: Y.Doc; files: PgPlanHandle; peers: number }> {
  const loaded: LoadedPlan = await store.load('p');
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  const files = loaded.files as PgPlanHandle;
  const out = { doc, files, peers: 0 };
  files.follow((updates) => {
    out.peers += updates.length;
    for (const u of updates) Y.applyUpdate(doc, u, 'peer');
  });
  cleanups.push(() => files.close());
  return out;
}

/** A change to `doc` (an item in array `a`), returned as its V1 update. */
function edit(doc: Y.Doc, value: string): Uint8Array {
  let update: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (update = u);
  doc.once('update', grab);
  doc.getArray<string>('a').push([value]);
  return update!;
}

const items = (doc: Y.Doc) => doc.getArray<string>('a').toArray().sort();

/** What a fresh load of `p` holds. */
async function stored(store: PgStorage): Promise<string[]> {
  const loaded = await store.load('p');
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  await loaded.files.close();
  return items(doc);
}

describe('several nodes: the PostgreSQL handle follows the shared log', () => {
  it('CL1: an append whose head moved catches up (the other node\'s rows reach the doc) and commits after them, gap-free', async (ctx) => {
    const { a, b, schema } = await twoNodes(ctx);
    const na = await follow(a);
    const nb = await follow(b);
    await na.files.append([edit(na.doc, 'a1')]);
    await na.files.append([edit(na.doc, 'a2')]);
    await nb.files.append([edit(nb.doc, 'b1')]);
    expect(items(nb.doc)).toEqual(['a1', 'a2', 'b1']);
    expect(nb.peers).toBe(2);
    expect(nb.files.seq).toBe(3);
    const { rows } = await schema.admin.query(`SELECT seq::int FROM ${schema.name}.plan_log ORDER BY seq`);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    // A notified head the doc already holds reads nothing; a newer one catches up.
    await nb.files.catchUp(3);
    expect(nb.peers).toBe(2);
    await na.files.catchUp(3);
    expect(items(na.doc)).toEqual(['a1', 'a2', 'b1']);
  });

  it('CL2: a compaction whose state was encoded before another node\'s row was caught up keeps that row', async (ctx) => {
    const { a, b } = await twoNodes(ctx);
    const na = await follow(a);
    const nb = await follow(b);
    await nb.files.append([edit(nb.doc, 'b1')]);
    // Node A appends (its head is stale: it will catch up b1 first) and compacts with a state
    // encoded now, which holds a1 but not b1.
    const appended = na.files.append([edit(na.doc, 'a1')]);
    const compacted = na.files.compact(Y.encodeStateAsUpdate(na.doc));
    await appended;
    await compacted;
    expect(items(na.doc)).toEqual(['a1', 'b1']);
    expect(await stored(a)).toEqual(['a1', 'b1']);
    // Once A holds b1, a compaction folds everything.
    await na.files.compact(Y.encodeStateAsUpdate(na.doc));
    expect(await stored(b)).toEqual(['a1', 'b1']);
  });

  it('CL2: a node whose rows to catch up were folded away by another node\'s compaction applies that state', async (ctx) => {
    const { a, b } = await twoNodes(ctx);
    const na = await follow(a);
    const nb = await follow(b);
    for (const v of ['a1', 'a2', 'a3']) await na.files.append([edit(na.doc, v)]);
    await na.files.compact(Y.encodeStateAsUpdate(na.doc));
    await na.files.append([edit(na.doc, 'a4')]);
    await nb.files.catchUp();
    expect(items(nb.doc)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(nb.files.seq).toBe(4);
    await nb.files.append([edit(nb.doc, 'b1')]);
    expect(await stored(a)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });

  it('CL1: without a follower a moved head still refuses the append (the handle cannot see what it would skip)', async (ctx) => {
    const { a, b } = await twoNodes(ctx);
    const la = await a.load('p');
    const lb = await b.load('p');
    cleanups.push(() => la.files.close(), () => lb.files.close());
    await la.files.append([edit(new Y.Doc(), 'a1')]);
    await expect(lb.files.append([edit(new Y.Doc(), 'b1')])).rejects.toThrow(/no longer at 0/);
  });
});

/** An awareness update of hand-written entries. */
const entries = (list: { client: number; clock: number; state: unknown }[]): Uint8Array =>
  encodeEntries(list.map((e) => ({ client: e.client, clock: e.clock, json: JSON.stringify(e.state) })));
const person = (name: string) => ({ user: { id: name, name, color: '#336699', group: null }, view: '', focus: '' });
const nameOf = (s: unknown) => (s as { user: { name: string } } | undefined)?.user.name;

describe('several nodes: the room side', () => {
  it('CL1: peer updates are relayed to every connection and never handed to storage again', async () => {
    const { room, storage } = await memoryRoom();
    const conn = new FakeConn();
    room.connect(conn);
    conn.take();
    const before = (await storage.load('p').then(async (l) => (await l.files.close(), l.updates.length)));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
    const update = edit(other, 'from another node');
    room.applyPeer([update]);
    const relayed = conn.take().map(readSyncFrame).filter((f) => f !== null);
    expect(relayed).toHaveLength(1);
    expect(room.doc.getArray('a').toArray()).toEqual(['from another node']);
    // Known content relays nothing.
    room.applyPeer([update]);
    expect(conn.take()).toEqual([]);
    await room.whenStored();
    const after = await storage.load('p').then(async (l) => (await l.files.close(), l.updates.length));
    expect(after).toBe(before);
  });

  it('CL3: presence from another node is shown, reserved against local writers, and local presence goes out through afterPresence', async () => {
    const out: number[][] = [];
    const hook: RoomHook = { afterPresence: (_r, clients) => out.push([...clients]) };
    const { room } = await memoryRoom({ extraHooks: [hook] });
    const local = new FakeConn();
    room.connect(local);
    room.applyPeerPresence(entries([{ client: 500, clock: 1, state: person('Remote') }]));
    expect(nameOf(room.awareness.getStates().get(500))).toBe('Remote');
    expect(out).toEqual([]); // a peer's presence is not forwarded again
    // A local connection can neither overwrite nor remove the remote person (PR3 across nodes).
    room.receive(local, awarenessUpdateFrame(entries([{ client: 500, clock: 9, state: person('Impostor') }])));
    room.receive(local, awarenessUpdateFrame(entries([{ client: 500, clock: 10, state: null }])));
    expect(nameOf(room.awareness.getStates().get(500))).toBe('Remote');
    // Its own presence goes out; a peer entry for an id a local connection holds is dropped.
    room.receive(local, awarenessUpdateFrame(entries([{ client: 7, clock: 1, state: person('Local') }])));
    expect(out).toEqual([[7]]);
    room.applyPeerPresence(entries([{ client: 7, clock: 5, state: person('Hijack') }]));
    expect(nameOf(room.awareness.getStates().get(7))).toBe('Local');
    // The remote person leaving frees the id; at most maxPeerClients foreign ids are held.
    room.applyPeerPresence(entries([{ client: 500, clock: 2, state: null }]));
    expect(room.awareness.getStates().has(500)).toBe(false);
    room.applyPeerPresence(entries(Array.from({ length: 5 }, (_, i) => ({ client: 600 + i, clock: 1, state: person(`R${i}`) }))), 3);
    expect([...room.awareness.getStates().keys()].filter((c) => c >= 600)).toHaveLength(3);
    // Leaving locally is forwarded too.
    room.disconnect(local);
    expect(out.at(-1)).toEqual([7]);
  });
});
