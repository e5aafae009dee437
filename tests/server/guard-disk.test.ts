import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { createLogger } from '../../server/log.js';
import { MemoryStorage } from '../../server/store/memory-storage.js';
import { readSyncFrame, SYNC, syncStep1Frame, syncStep2Frame, syncUpdateFrame } from '../../server/sync/frames.js';
import { Registry } from '../../server/sync/registry.js';
import { clientDoc, FakeConn, memoryRoom, planState, storedDoc, until } from './room-helpers.js';

const log = createLogger('silent');
const config = { idleUnloadMs: 60_000, idleCompactMs: 60_000, compactMinBytes: 1 << 20, maxBufferedBytes: 1 << 25 };

/** The state vector in the sync step 1 a connection received on joining. */
function serverStateVector(conn: FakeConn): Uint8Array {
  for (const f of conn.take()) {
    const sync = readSyncFrame(f);
    if (sync?.step === SYNC.step1) return sync.payload;
  }
  throw new Error('no sync step 1 received');
}

// Issue 12, "full disk": an edit the store refused was still served to a newcomer from memory,
// and folded into the state when the plan unloaded.
describe('guard: a refused append is never served nor saved, and the client resends it', () => {
  for (const asyncAppend of [false, true]) {
    it(`the room is dropped, a newcomer loads what is stored, and the reconnecting client's sync stores the edit (${asyncAppend ? 'async' : 'sync'} store)`, async () => {
      const storage = new MemoryStorage({ asyncAppend });
      const state = planState('stored');
      await storage.create('p', 'P', state);
      const registry = new Registry(storage, config, log);
      const room = await registry.get('p');
      const writer = new FakeConn();
      const watcher = new FakeConn();
      room.connect(writer);
      room.connect(watcher);
      const client = clientDoc();
      Y.applyUpdate(client.doc, state);
      client.updates.length = 0;
      watcher.take();

      storage.failAppends = true;
      client.doc.getText('t').insert(0, 'unstored ');
      for (const u of client.updates.splice(0)) room.receive(writer, syncUpdateFrame(u));
      room.flush();
      await until(() => writer.closed && watcher.closed, 'both closed');
      expect([writer.closedWith?.code, watcher.closedWith?.code]).toEqual([CLOSE.serverError, CLOSE.serverError]);
      expect(watcher.sent).toEqual([]); // nothing relayed
      storage.failAppends = false;

      // A newcomer gets a freshly loaded room without the refused edit.
      const again = await registry.get('p');
      expect(again).not.toBe(room);
      expect(again.doc.getText('t').toString()).toBe('stored');
      expect((await storedDoc(storage)).getText('t').toString()).toBe('stored');

      // The writer reconnects (the stock client does after 4500) and answers sync step 1.
      const back = new FakeConn();
      again.connect(back);
      again.receive(back, syncStep2Frame(Y.encodeStateAsUpdate(client.doc, serverStateVector(back))));
      again.flush();
      await until(() => storage.plansWithPendingLogs().length === 1, 'resent edit stored');
      expect(again.doc.getText('t').toString()).toBe('unstored stored');
      await registry.closeAll(CLOSE.goingAway, 'done');
      expect((await storedDoc(storage)).getText('t').toString()).toBe('unstored stored');
    });
  }
});

describe('guard: a sync step 1 is answered only from stored content', () => {
  for (const asyncAppend of [false, true]) {
    it(`a newcomer asking in the same turn as an edit the store refuses is never sent that edit (${asyncAppend ? 'async' : 'sync'} store)`, async () => {
      const { room, storage } = await memoryRoom({ storage: { asyncAppend } });
      const writer = new FakeConn();
      const newcomer = new FakeConn();
      room.connect(writer);
      room.connect(newcomer);
      newcomer.take();
      storage.failAppends = true;
      const client = clientDoc();
      client.doc.getText('fresh').insert(0, 'unstored');
      for (const u of client.updates.splice(0)) room.receive(writer, syncUpdateFrame(u));
      room.receive(newcomer, syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      room.flush();
      await until(() => newcomer.closed, 'newcomer closed');
      expect(newcomer.closedWith?.code).toBe(CLOSE.serverError);
      const seen = new Y.Doc();
      newcomer.applyTo(seen);
      expect(seen.getText('fresh').toString()).toBe('');
    });

    it(`the waiting answer is sent, with the edit, once the edit is stored (${asyncAppend ? 'async' : 'sync'} store)`, async () => {
      const { room } = await memoryRoom({ storage: { asyncAppend } });
      const writer = new FakeConn();
      const newcomer = new FakeConn();
      room.connect(writer);
      room.connect(newcomer);
      newcomer.take();
      const client = clientDoc();
      client.doc.getText('fresh').insert(0, 'stored');
      for (const u of client.updates.splice(0)) room.receive(writer, syncUpdateFrame(u));
      room.receive(newcomer, syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      expect(newcomer.sent).toEqual([]); // not answered while the edit is not durable
      room.flush();
      const seen = new Y.Doc();
      await until(() => {
        newcomer.applyTo(seen);
        return seen.getText('fresh').toString() === 'stored';
      }, 'answer with the stored edit');
    });
  }
});

describe('guard: HTTP readers see only stored content', () => {
  it('registry.use waits for the pending edit to be stored, and refuses when the store refused it', async () => {
    const storage = new MemoryStorage({ asyncAppend: true });
    const state = planState('stored');
    await storage.create('p', 'P', state);
    const registry = new Registry(storage, config, log);
    const room = await registry.get('p');
    const writer = new FakeConn();
    room.connect(writer);
    const client = clientDoc();
    Y.applyUpdate(client.doc, state);
    client.updates.length = 0;
    client.doc.getText('t').insert(0, 'durable ');
    for (const u of client.updates.splice(0)) room.receive(writer, syncUpdateFrame(u));
    const seen = await registry.use('p', (r) => ({ text: r.doc.getText('t').toString(), stored: storage.plansWithPendingLogs().length }));
    expect(seen).toEqual({ text: 'durable stored', stored: 1 });

    storage.failAppends = true;
    client.doc.getText('t').insert(0, 'refused ');
    for (const u of client.updates.splice(0)) room.receive(writer, syncUpdateFrame(u));
    await expect(registry.use('p', (r) => r.doc.getText('t').toString())).rejects.toThrow(/storage failure/);
    storage.failAppends = false;
    expect(await registry.use('p', (r) => r.doc.getText('t').toString())).toBe('durable stored');
    await registry.closeAll(CLOSE.goingAway, 'done');
  });
});
