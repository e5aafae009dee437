import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, readPlan } from '../../shared/model.js';
import { metaMap } from '../../shared/schema/roots.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir } from '../helpers/test-server.js';
import { readSyncFrame, SYNC, syncStep1Frame } from '../../server/sync/frames.js';
import { SLEEP_MAX_STRUCTS } from '../../server/sync/room.js';
import { FakeConn, memoryRoom, sendChange, storedDoc, until } from './room-helpers.js';

// SPEC SP1: a quiet room keeps its plan as one encoded update instead of a live Y.Doc, answers
// joins from it, and builds the doc again (hooks included) on the first use.

const facilitator = { role: 'facilitator' as const, linkId: 'l1', name: 'Fatou' };
const editor = { role: 'editor' as const, linkId: 'l2', name: 'Ed' };

/** A client doc holding what the room holds now. */
function mirrorOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

describe('SP1: a quiet room sleeps and wakes on use', () => {
  it('sleeps once quiet, greets and answers a join from the sleeping state without waking', async () => {
    const { room } = await memoryRoom({ sleepAfterMs: 1 });
    const a = new FakeConn(true, false, editor);
    room.connect(a);
    a.take();
    const client = mirrorOf(room.encodeState());
    sendChange(room, a, client, () => client.getText('t').insert(0, 'typed '));
    await until(() => room.sleeping, 'the room to sleep');
    expect(room.sleeps).toBe(1);

    const b = new FakeConn();
    room.connect(b);
    const hello = readSyncFrame(b.take()[0]!)!;
    expect(hello.step).toBe(SYNC.step1);
    expect(hello.payload).toEqual(Y.encodeStateVector(client));
    room.receive(b, syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    const answer = readSyncFrame(b.take()[0]!)!;
    expect(answer.step).toBe(SYNC.step2);
    expect(mirrorOf(answer.payload).getText('t').toString()).toBe('typed stored');
    expect(room.sleeping).toBe(true);
    expect(room.wakes).toBe(0);
  });

  it('an edit wakes it: applied, stored, relayed, and the hooks (criteria lock, title) work on the new doc', async () => {
    const { room, storage, audit } = await memoryRoom({ sleepAfterMs: 1 });
    const ed = new FakeConn(true, false, editor);
    const fac = new FakeConn(true, true, facilitator);
    const watcher = new FakeConn();
    for (const c of [ed, fac, watcher]) room.connect(c);
    for (const c of [ed, fac, watcher]) c.take();
    await until(() => room.sleeping, 'the room to sleep');

    const edDoc = mirrorOf(room.encodeState());
    const seen = mirrorOf(room.encodeState());
    sendChange(room, ed, edDoc, () => {
      metaMap(edDoc).set('criteriaAgreedByImc', true);
      (metaMap(edDoc).get('title') as Y.Text).insert(10, ' 2027');
    });
    expect(room.wakes).toBe(1);
    await until(() => watcher.sent.length > 0, 'relay');
    watcher.applyTo(seen);
    expect((metaMap(seen).get('title') as Y.Text).toString()).toBe('Plan title 2027');
    expect(metaMap(seen).has('criteriaAgreedByImc')).toBe(false); // put back by the lock, in the same message
    expect(storage.get('p')!.title).toBe('Plan title 2027');

    await until(() => room.sleeping, 'the room to sleep again');
    const facDoc = mirrorOf(room.encodeState());
    sendChange(room, fac, facDoc, () => metaMap(facDoc).set('criteriaAgreedByNcc', true));
    expect(room.wakes).toBe(2);
    await until(() => audit.length > 0, 'the audit');
    expect(audit).toEqual([{ planId: 'p', action: 'criteria.agreement', detail: { committee: 'ncc', agreed: true } }]);

    await room.close();
    const stored = await storedDoc(storage);
    expect((metaMap(stored).get('title') as Y.Text).toString()).toBe('Plan title 2027');
    expect(metaMap(stored).get('criteriaAgreedByNcc')).toBe(true);
    expect(metaMap(stored).has('criteriaAgreedByImc')).toBe(false);
  });

  it('compacts and closes from the sleeping state without waking', async () => {
    const { room, storage } = await memoryRoom({ sleepAfterMs: 1 });
    const a = new FakeConn(true, false, editor);
    room.connect(a);
    a.take();
    const client = mirrorOf(room.encodeState());
    sendChange(room, a, client, () => client.getText('t').insert(0, 'kept '));
    await until(() => room.sleeping, 'the room to sleep');
    await room.compact();
    await room.close();
    expect(room.wakes).toBe(0);
    expect((await storedDoc(storage)).getText('t').toString()).toBe('kept stored');
  });

  it('stays awake while its owner holds the doc, and when the plan is too large to wake cheaply', async () => {
    let held = true;
    let asked = 0;
    const { room } = await memoryRoom({ sleepAfterMs: 1, maySleep: () => (asked++, !held) });
    const a = new FakeConn(true, false, editor);
    room.connect(a);
    a.take();
    // The timer looks again while the doc is held, and the room stays awake.
    await until(() => asked >= 3, 'the room to ask three times');
    expect(room.sleeping).toBe(false);
    held = false;
    await until(() => room.sleeping, 'the room to sleep once released');

    const big = new Y.Doc();
    big.transact(() => {
      for (let i = 0; i <= SLEEP_MAX_STRUCTS; i++) big.getMap('m').set(`k${i}`, i);
    });
    let askedLarge = 0;
    const large = await memoryRoom({ sleepAfterMs: 1, state: Y.encodeStateAsUpdate(big), maySleep: () => (askedLarge++, true) });
    const b = new FakeConn(true, false, editor);
    large.room.connect(b);
    const client = mirrorOf(large.room.encodeState());
    sendChange(large.room, b, client, () => client.getText('t').insert(0, 'x'));
    // Once the timer looked (the owner lets it), the size alone keeps the room awake.
    await until(() => askedLarge >= 1, 'the large room to look');
    expect(large.room.sleeping).toBe(false);
    expect(large.room.sleeps).toBe(0);
  });
});

const ME = { source: 'local', userId: 'tester' } as const;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('SP1 on the real server (stock y-websocket clients)', () => {
  it('a plan that went to sleep serves a late joiner, takes an edit and relays it, and keeps it after a restart', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    let server = await startTestServer(dir, { roomSleepMs: 20 });
    const id = await createPlan(server);
    const a = openProvider(syncUrl(server), id);
    cleanups.push(() => a.destroy());
    await waitSynced(a);
    expect(addNode(a.doc, { kind: 'goal', title: 'Diaspora bonds' }, ME).ok).toBe(true);
    await waitFor(() => server.registry.loaded(id)?.sleeping === true, 'the plan to sleep');

    const b = openProvider(syncUrl(server), id);
    cleanups.push(() => b.destroy());
    await waitSynced(b);
    expect(readPlan(b.doc).goals.map((g) => g.title)).toEqual(['Diaspora bonds']);
    // (A stock client answers the server's step 1 with its own step 2, an update: that wakes the room.)
    await waitFor(() => server.registry.loaded(id)?.sleeping === true, 'the plan to sleep after the join');
    const wakes = server.registry.loaded(id)!.wakes;

    expect(addNode(b.doc, { kind: 'goal', title: 'Remittance costs' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(a.doc).goals.length === 2, 'the edit relayed to the first client');
    expect(server.registry.loaded(id)!.wakes).toBeGreaterThan(wakes);
    await waitFor(() => server.registry.loaded(id)?.sleeping === true, 'the plan to sleep again');

    a.destroy();
    b.destroy();
    await server.close();
    server = await startTestServer(dir);
    cleanups.push(() => server.close());
    const c = openProvider(syncUrl(server), id);
    cleanups.push(() => c.destroy());
    await waitSynced(c);
    expect(readPlan(c.doc).goals.map((g) => g.title).sort()).toEqual(['Diaspora bonds', 'Remittance costs']);
  });
});
