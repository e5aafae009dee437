import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, readPlan } from '../../shared/model.js';
import { metaMap } from '../../shared/schema/roots.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir } from '../helpers/test-server.js';
import { readAckFrame, readSyncFrame, SYNC, syncStep1Frame, syncStep2Frame } from '../../server/sync/frames.js';
import { createLogger } from '../../server/log.js';
import { addsNothing, compactBuiltDoc, PRESENCE_HOST, Room, SLEEP_MAX_STRUCTS, trimDecodedContent } from '../../server/sync/room.js';
import { hasNoAttributeMap, hasNoListeners, hasNoSearchMarkers, listenable, OBSERVE_LIGHT_TYPE } from '../../server/sync/doc-compact.js';
import { initPlan } from '../../shared/schema/init.js';
import { awarenessFrame } from '../../server/sync/frames.js';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LOAD_ASLEEP_MAX_BYTES, Registry } from '../../server/sync/registry.js';
import { MemoryStorage } from '../../server/store/memory-storage.js';
import type { LoadedPlan } from '../../server/store/storage.js';
import v8 from 'node:v8';
import vm from 'node:vm';
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

describe('ME1, ME2: a small plan loads asleep, and a join that adds nothing leaves it asleep', () => {
  it('loads without a doc, greets and answers a fresh stock client (its empty step 2 included) without building one', async () => {
    const { room } = await memoryRoom({ sleepAfterMs: 60_000, startAsleep: true });
    expect(room.sleeping).toBe(true);
    const c = new FakeConn(true, false, editor);
    room.connect(c);
    const hello = readSyncFrame(c.take()[0]!)!;
    expect(hello.step).toBe(SYNC.step1);
    const fresh = new Y.Doc();
    // A stock client answers the server's step 1 with its step 2 (empty: it has nothing yet).
    room.receive(c, syncStep2Frame(Y.encodeStateAsUpdate(fresh, hello.payload)));
    room.receive(c, syncStep1Frame(Y.encodeStateVector(fresh)));
    expect(c.closed).toBe(false);
    c.applyTo(fresh);
    expect((metaMap(fresh).get('title') as Y.Text).toString()).toBe('Plan title');
    expect(room.sleeping).toBe(true);
    expect(room.wakes).toBe(0);
  });

  it('acknowledges an ?ack=1 writer\'s empty step 2 without waking', async () => {
    const { room } = await memoryRoom({ sleepAfterMs: 60_000, startAsleep: true });
    const c = Object.assign(new FakeConn(true, false, editor), { wantsAck: true });
    room.connect(c);
    c.take();
    room.receive(c, syncStep2Frame(Y.encodeStateAsUpdate(new Y.Doc())));
    await until(() => c.sent.length > 0, 'the acknowledgement');
    expect(readAckFrame(c.take()[0]!)).toBe(1);
    expect(room.sleeping).toBe(true);
    expect(room.wakes).toBe(0);
  });

  it('a reconnecting client that only resends known deletions leaves it asleep; new content wakes it and is stored', async () => {
    const { room, storage } = await memoryRoom({ sleepAfterMs: 1 });
    const a = new FakeConn(true, false, editor);
    room.connect(a);
    a.take();
    const client = mirrorOf(room.encodeState());
    sendChange(room, a, client, () => client.getText('t').insert(0, 'typed '));
    sendChange(room, a, client, () => client.getText('t').delete(0, 3));
    await until(() => room.sleeping, 'the room to sleep');
    const wakes = room.wakes;
    // Its step 2 against the server's state vector: no structs, its whole delete set.
    const resend = Y.encodeStateAsUpdate(client, Y.encodeStateVectorFromUpdate(room.encodeState()));
    expect(Y.decodeUpdate(resend).ds.clients.size).toBeGreaterThan(0);
    room.receive(a, syncStep2Frame(resend));
    expect(room.sleeping).toBe(true);
    expect(room.wakes).toBe(wakes);

    sendChange(room, a, client, () => client.getText('t').insert(0, 'more '));
    expect(room.wakes).toBe(wakes + 1);
    await room.close();
    expect((await storedDoc(storage)).getText('t').toString()).toBe('more ed stored');
  });

  it('addsNothing: false for new structs, known structs, new or partly new deletions and garbage', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abcdef');
    doc.getText('t').delete(1, 2);
    const state = Y.encodeStateAsUpdate(doc);
    const sv = Y.encodeStateVector(doc);
    expect(addsNothing(state, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(addsNothing(state, Y.encodeStateAsUpdate(doc, sv))).toBe(true); // known deletions only
    expect(addsNothing(state, state)).toBe(false); // structs go through the hooks even when known
    const later = mirrorOf(state);
    later.getText('t').delete(0, 2); // one new deletion beside the known one
    expect(addsNothing(state, Y.encodeStateAsUpdate(later, sv))).toBe(false);
    const more = mirrorOf(state);
    more.getText('t').insert(0, 'x');
    expect(addsNothing(state, Y.encodeStateAsUpdate(more, sv))).toBe(false);
    expect(addsNothing(state, new Uint8Array([0, 9, 9]))).toBe(false);
  });

  it('builds at once a plan whose stored content has logged updates, and one stored as V2', async () => {
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'stored');
    const bare = { log: createLogger('silent'), maxBufferedBytes: 1 << 20, onEmpty: () => undefined, hooks: [], sleepAfterMs: 60_000, startAsleep: true };
    const v2 = new Room('p', { state: Y.encodeStateAsUpdateV2(seed), stateEncoding: 'v2', updates: [] }, bare);
    expect(v2.sleeping).toBe(false);
    expect(v2.doc.getText('t').toString()).toBe('stored');
    await v2.close();

    const { room, storage } = await memoryRoom({ sleepAfterMs: 60_000, startAsleep: true });
    const a = new FakeConn(true, false, editor);
    room.connect(a);
    a.take();
    const client = mirrorOf(room.encodeState());
    sendChange(room, a, client, () => client.getText('t').insert(0, 'logged '));
    expect(room.wakes).toBe(1);
    await room.whenStored();
    // Reloaded from state + log: built at once.
    const loaded = await storage.reopen().load('p');
    expect(loaded.updates.length).toBeGreaterThan(0);
    const reloaded = new Room('p', loaded, bare);
    expect(reloaded.sleeping).toBe(false);
    expect(reloaded.doc.getText('t').toString()).toBe('logged stored');
    await reloaded.close();
  });
});

const ME = { source: 'local', userId: 'tester' } as const;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('MF1: what a room keeps for its lifetime', () => {
  it('a room that woke does not hold the loaded state\'s bytes (its options\' closures do not capture them)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    let loadedState: WeakRef<Uint8Array> | null = null;
    class Tracking extends MemoryStorage {
      override async load(id: string): Promise<LoadedPlan> {
        const loaded = await super.load(id);
        // A fresh copy, as the file store's read gives: only the room could keep it alive.
        const state = loaded.state!.slice();
        loadedState = new WeakRef(state);
        return { ...loaded, state };
      }
    }
    const storage = new Tracking();
    await storage.create('p', 'P', Y.encodeStateAsUpdate(mirrorOf(Y.encodeStateAsUpdate(new Y.Doc()))));
    const registry = new Registry(storage, { idleUnloadMs: 60_000, idleCompactMs: 60_000, compactMinBytes: 1 << 20, maxBufferedBytes: 1 << 25, roomSleepMs: 60_000 }, createLogger('silent'));
    const room = await registry.get('p');
    expect(room.sleeping).toBe(true); // ME1: asleep on the loaded bytes
    room.doc.getText('t').insert(0, 'awake');
    expect(room.sleeping).toBe(false);
    await new Promise((r) => setTimeout(r, 0)); // WeakRefs are kept for the rest of the turn that made them
    gc();
    expect(loadedState!.deref()).toBeUndefined();
    await room.close();
  });
});

describe('MF2: presence holds no doc of its own', () => {
  /** A client's presence with the given awareness client id, as the frame a stock client sends. */
  const presence = (clientID: number, view: string) => {
    const aw = new awarenessProtocol.Awareness(Object.assign(new Y.Doc(), { clientID }));
    aw.setLocalState({ user: { id: `u${clientID}`, name: 'Amina', color: '#1f5fbf', group: null }, view, focus: '' });
    const frame = awarenessFrame(aw, [clientID]);
    aw.destroy();
    return frame;
  };
  it('every room\'s presence shares one stand-in; closing a room leaves the others\' presence working, and its id stays reserved', async () => {
    const a = await memoryRoom();
    const b = await memoryRoom();
    expect(a.room.awareness.doc).toBe(PRESENCE_HOST);
    expect(b.room.awareness.doc).toBe(PRESENCE_HOST);
    const [x, watcher] = [new FakeConn(), new FakeConn()];
    b.room.connect(x);
    b.room.connect(watcher);
    await a.room.close();
    watcher.take();
    b.room.receive(x, presence(4242, 'matrix'));
    await until(() => watcher.sent.length > 0, 'presence relayed after another room closed');
    expect((b.room.awareness.getStates().get(4242) as { view: string }).view).toBe('matrix');
    // The server's own presence id is nobody's to announce, in any room.
    b.room.receive(x, presence(PRESENCE_HOST.clientID, 'poa'));
    expect(b.room.awareness.getStates().has(PRESENCE_HOST.clientID)).toBe(false);
    await b.room.close();
  });
});

describe('MF3: a doc built from storage keeps value lists of their exact length', () => {
  const lists = (doc: Y.Doc) => {
    const out: unknown[][] = [];
    for (const structs of doc.store.clients.values()) for (const s of structs) if (s instanceof Y.Item && s.content instanceof Y.ContentAny) out.push(s.content.arr);
    return out;
  };
  it('replaces every value list by a copy with the same values: same encoding, same reads, same map values', () => {
    const made = new Y.Doc();
    initPlan(made, { id: 'p', title: 'Plan', country: 'SN', currency: 'XOF' });
    made.getArray('a').push([1, 'two', { three: 3 }]);
    const doc = mirrorOf(Y.encodeStateAsUpdate(made));
    const before = lists(doc);
    const encoded = Y.encodeStateAsUpdate(doc);
    const json = doc.getMap('meta').toJSON();
    expect(before.length).toBeGreaterThan(20);
    trimDecodedContent(doc);
    const after = lists(doc);
    expect(after).toEqual(before);
    expect(after.every((arr, i) => arr !== before[i])).toBe(true);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(encoded);
    expect(doc.getMap('meta').toJSON()).toEqual(json);
    expect(doc.getArray('a').toJSON()).toEqual([1, 'two', { three: 3 }]);
    // Still a working doc: an edit after the trim lands and encodes as usual.
    doc.getMap('meta').set('currency', 'EUR');
    expect(mirrorOf(Y.encodeStateAsUpdate(doc)).getMap('meta').get('currency')).toBe('EUR');
  });
});

describe('MF5: a doc built from storage gives its nested texts no empty attribute map', () => {
  /** Every text inside a map or list (not a top-level one), in the doc's order. */
  const nestedTexts = (doc: Y.Doc) => {
    const out: Y.Text[] = [];
    for (const structs of doc.store.clients.values()) {
      for (const s of structs) if (s instanceof Y.Item && s.content instanceof Y.ContentType && s.content.type instanceof Y.Text) out.push(s.content.type);
    }
    return out;
  };
  /** What the doc holds, read through its types (the plan as the app reads it, and the extra roots). */
  const contents = (doc: Y.Doc) => ({ plan: readPlan(doc), extra: doc.getMap('extra').toJSON(), top: doc.getText('top').toString() });
  it('a nested text keeps a stand-in until an attribute arrives; content, encoding, reads and edits are unchanged', () => {
    const made = new Y.Doc();
    initPlan(made, { id: 'p', title: 'Plan', country: 'SN', currency: 'XOF' });
    const withAttr = new Y.Text('has an attribute');
    made.getMap('extra').set('t', withAttr);
    withAttr.setAttribute('lang', 'fr');
    made.getText('top').insert(0, 'top-level');
    const doc = mirrorOf(Y.encodeStateAsUpdate(made));
    const encoded = Y.encodeStateAsUpdate(doc);
    const json = contents(doc);
    compactBuiltDoc(doc);
    const texts = nestedTexts(doc);
    expect(texts.length).toBeGreaterThan(20); // a new plan's criteria and sections
    const lightened = texts.filter(hasNoAttributeMap);
    expect(lightened.length).toBe(texts.length - 1); // all but the one with an attribute
    expect(hasNoAttributeMap(doc.getText('top'))).toBe(false);
    expect((doc.getMap('extra').get('t') as Y.Text).getAttribute('lang')).toBe('fr');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(encoded);
    expect(contents(doc)).toEqual(json);
    const [first, second] = lightened as [Y.Text, Y.Text];
    expect(first.getAttributes()).toEqual({});
    expect(first.getAttribute('lang')).toBeUndefined();

    // An attribute from a peer's update lands on the text it names, and only there.
    const peer = mirrorOf(Y.encodeStateAsUpdate(doc));
    const peerFirst = nestedTexts(peer)[texts.indexOf(first)]!;
    peer.transact(() => peerFirst.setAttribute('lang', 'es'));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    expect(first.getAttribute('lang')).toBe('es');
    expect(first.getAttributes()).toEqual({ lang: 'es' });
    expect(hasNoAttributeMap(first)).toBe(false);
    expect(second.getAttributes()).toEqual({});
    expect(hasNoAttributeMap(second)).toBe(true);
    // A local attribute and ordinary edits work; both docs end up the same.
    second.setAttribute('dir', 'rtl');
    second.insert(0, 'edited ');
    first.removeAttribute('lang');
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
    expect(contents(peer)).toEqual(contents(doc));
    expect(Y.encodeStateAsUpdate(peer)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(nestedTexts(peer)[texts.indexOf(second)]!.getAttribute('dir')).toBe('rtl');
    expect(first.getAttribute('lang')).toBeUndefined();
    expect(second.toString().startsWith('edited ')).toBe(true);
  });
  it('a room builds its doc that way, at load and on waking', async () => {
    const made = new Y.Doc();
    initPlan(made, { id: 'p', title: 'Plan', country: 'SN', currency: 'XOF' });
    const loaded = await memoryRoom({ state: Y.encodeStateAsUpdate(made) });
    expect(nestedTexts(loaded.room.doc).every(hasNoAttributeMap)).toBe(true);
    await loaded.room.close();
    const asleep = await memoryRoom({ state: Y.encodeStateAsUpdate(made), sleepAfterMs: 60_000, startAsleep: true });
    expect(asleep.room.sleeping).toBe(true);
    const woken = asleep.room.doc;
    expect(nestedTexts(woken).length).toBeGreaterThan(20);
    expect(nestedTexts(woken).every(hasNoAttributeMap)).toBe(true);
    // MF6, MF7: the same build gives nested types no search markers and no listener lists.
    expect(nestedTexts(woken).every((t) => hasNoSearchMarkers(t) && hasNoListeners(t))).toBe(true);
    expect(hasNoListeners(metaMap(woken))).toBe(false);
    await asleep.room.close();
  });
});

describe('MF6, MF7: a doc built from storage gives its nested types no search markers and shared listener stand-ins', () => {
  /** Every type inside a map or list (not a top-level one), in the doc's order. */
  const nestedTypes = (doc: Y.Doc) => {
    const out: Y.AbstractType<any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const structs of doc.store.clients.values()) for (const s of structs) if (s instanceof Y.Item && s.content instanceof Y.ContentType) out.push(s.content.type);
    return out;
  };
  const built = () => {
    const made = new Y.Doc();
    initPlan(made, { id: 'p', title: 'Plan', country: 'SN', currency: 'XOF' });
    const doc = mirrorOf(Y.encodeStateAsUpdate(made));
    compactBuiltDoc(doc);
    return doc;
  };
  it('every nested type is lightened, top-level types keep their handlers, and the content and encoding are unchanged', () => {
    const made = new Y.Doc();
    initPlan(made, { id: 'p', title: 'Plan', country: 'SN', currency: 'XOF' });
    const doc = mirrorOf(Y.encodeStateAsUpdate(made));
    const encoded = Y.encodeStateAsUpdate(doc);
    const plan = readPlan(doc);
    compactBuiltDoc(doc);
    const types = nestedTypes(doc);
    expect(types.filter((t) => t instanceof Y.Map).length).toBeGreaterThan(10); // criteria and sections
    expect(types.filter((t) => t instanceof Y.Text).length).toBeGreaterThan(20);
    expect(types.every(hasNoListeners)).toBe(true);
    expect(types.filter((t): t is Y.Text => t instanceof Y.Text).every(hasNoSearchMarkers)).toBe(true);
    expect(hasNoListeners(metaMap(doc))).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(encoded);
    expect(readPlan(doc)).toEqual(plan);
  });
  it('edits by index, edits from a peer and deep observers of a top-level type work; observing a nested type needs listenable()', () => {
    const doc = built();
    const peer = mirrorOf(Y.encodeStateAsUpdate(doc));
    // A deep observer on the top-level map (as the title hook has) sees a nested text change.
    const deep: string[][] = [];
    metaMap(doc).observeDeep((events) => deep.push(events.map((e) => String(e.path.join('.')))));
    const title = metaMap(doc).get('title') as Y.Text;
    expect(hasNoSearchMarkers(title)).toBe(true);
    // Local edits by index (no markers: Yjs walks the text) land where they should.
    title.insert(4, ' of Action');
    title.insert(0, 'The ');
    title.delete(title.length - 7, 7);
    expect(title.toString()).toBe('The Plan of');
    expect(deep.length).toBe(3);
    // A peer's edits to a nested text and a nested map land too, and both docs end up the same.
    const peerTitle = metaMap(peer).get('title') as Y.Text;
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
    peerTitle.insert(peerTitle.length, ' Peers');
    const criterion = [...(doc.getMap('criteria') as Y.Map<Y.Map<unknown>>).values()][0]!;
    const peerCriterion = (peer.getMap('criteria') as Y.Map<Y.Map<unknown>>).get([...(doc.getMap('criteria') as Y.Map<unknown>).keys()][0]!)!;
    peerCriterion.set('archived', true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    expect(title.toString()).toBe('The Plan of Peers');
    expect(criterion.get('archived')).toBe(true);
    expect(deep.length).toBe(4);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(peer));
    // Observing a nested type of the built doc throws a clear error instead of losing the listener...
    expect(() => title.observe(() => undefined)).toThrow(OBSERVE_LIGHT_TYPE);
    expect(() => criterion.observeDeep(() => undefined)).toThrow(OBSERVE_LIGHT_TYPE);
    expect(() => title.unobserve(() => undefined)).toThrow(OBSERVE_LIGHT_TYPE);
    // ...and after listenable() it observes as any type: local and remote changes reach it.
    const seen: string[] = [];
    listenable(title).observe((e) => seen.push(e.transaction.local ? 'local' : 'remote'));
    expect(hasNoListeners(title)).toBe(false);
    title.insert(0, '!');
    peerTitle.insert(0, '?');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    expect(seen).toEqual(['local', 'remote']);
    const other = nestedTypes(doc).find((t) => t instanceof Y.Text && t !== title)!;
    expect(hasNoListeners(other)).toBe(true);
  });
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
    // (A stock client answers the server's step 1 with its own step 2; one that adds nothing leaves the room asleep, ME2.)
    await waitFor(() => server.registry.loaded(id)?.sleeping === true, 'the plan to sleep after the join');
    const wakes = server.registry.loaded(id)!.wakes;

    expect(addNode(b.doc, { kind: 'goal', title: 'Remittance costs' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(a.doc).goals.length === 2, 'the edit relayed to the first client');
    expect(server.registry.loaded(id)!.wakes).toBeGreaterThan(wakes);
    await waitFor(() => server.registry.loaded(id)?.sleeping === true, 'the plan to sleep again');

    a.destroy();
    b.destroy();
    await server.close();
    // SPEC ME1: after the restart the small plan loads asleep (its sleep timer is a minute away),
    // and a stock client's join is answered from the stored bytes.
    server = await startTestServer(dir, { roomSleepMs: 60_000 });
    cleanups.push(() => server.close());
    const c = openProvider(syncUrl(server), id);
    cleanups.push(() => c.destroy());
    await waitSynced(c);
    expect(readPlan(c.doc).goals.map((g) => g.title).sort()).toEqual(['Diaspora bonds', 'Remittance costs']);
    expect(server.registry.loaded(id)?.sleeping).toBe(true);
    expect(server.registry.loaded(id)?.wakes).toBe(0);
    expect(server.registry.loads).toBe(1);
    expect(LOAD_ASLEEP_MAX_BYTES).toBeGreaterThan(server.registry.loaded(id)!.encodeState().byteLength);
  });
});
