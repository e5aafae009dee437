import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { MemoryStorage } from '../../server/store/memory-storage.js';
import { readAckFrame, syncStep1Frame, syncStep2Frame, syncUpdateFrame } from '../../server/sync/frames.js';
import { standardHooks } from '../../server/sync/hooks/index.js';
import { Room } from '../../server/sync/room.js';
import { holdAppends, type AppendHold } from '../helpers/held-appends.js';
import { clientDoc, FakeConn, planState, until } from './room-helpers.js';

/** A connection that asked for acknowledged saves (`?ack=1`). */
class AckConn extends FakeConn {
  readonly wantsAck = true;
}

/** The acknowledgement counts a connection received so far (other frames are dropped). */
const acks = (c: FakeConn): number[] => c.take().map(readAckFrame).filter((n): n is number => n !== null);

/** A room over a memory store whose appends can be held, like a database commit that has not returned. */
async function heldRoom(opts: { asyncAppend?: boolean } = {}): Promise<{ room: Room; storage: MemoryStorage; hold: AppendHold }> {
  const storage = new MemoryStorage(opts);
  const hold = holdAppends(storage);
  await storage.create('p', 'Plan', planState());
  const loaded = await storage.load('p');
  const log = createLogger('silent');
  const hooks = standardHooks({ files: loaded.files, storage, log, idleCompactMs: 60_000, compactMinBytes: 1 << 20, audit: null });
  const room = new Room('p', loaded, { log, maxBufferedBytes: 1 << 20, onEmpty: () => {}, hooks });
  return { room, storage, hold };
}

/** A client holding the room's content; `edit` makes a change and returns its update. */
function client(room: Room): { doc: Y.Doc; edit: (text: string) => Uint8Array } {
  const c = clientDoc();
  Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(room.doc));
  c.updates.length = 0;
  return {
    doc: c.doc,
    edit(text) {
      c.doc.getText('t').insert(0, text);
      return Y.mergeUpdates(c.updates.splice(0));
    },
  };
}

describe('acknowledged saves (?ack=1)', () => {
  it('acknowledges a writer\'s update only once its batch is durably stored', async () => {
    const { room, hold } = await heldRoom();
    const writer = new AckConn();
    const other = new FakeConn();
    room.connect(writer);
    room.connect(other);
    writer.take();
    other.take();
    hold.hold();
    const c = client(room);
    room.receive(writer, syncUpdateFrame(c.edit('one ')));
    await until(() => hold.waiting === 1, 'the append to be held');
    // Stored-but-not-committed: neither an ack for the writer nor a relay to anyone else.
    await new Promise((r) => setImmediate(r));
    expect(acks(writer)).toEqual([]);
    expect(other.sent).toEqual([]);
    hold.release();
    await until(() => writer.sent.length > 0, 'the acknowledgement');
    expect(acks(writer)).toEqual([1]);
    expect(other.take().length).toBe(1);
  });

  it('counts every update message, no-ops included, cumulatively per connection', async () => {
    const { room } = await heldRoom({ asyncAppend: true });
    const writer = new AckConn();
    room.connect(writer);
    writer.take();
    const c = client(room);
    const u1 = c.edit('a');
    const u2 = c.edit('b');
    room.receive(writer, syncUpdateFrame(u1));
    room.receive(writer, syncUpdateFrame(u2));
    await until(() => writer.sent.length > 0, 'the first acknowledgement');
    // Two messages of one turn are stored in one batch: one ack for both.
    expect(acks(writer)).toEqual([2]);
    // A sync step 2 holding only what the server has is a no-op, and is acknowledged too.
    room.receive(writer, syncStep2Frame(Y.encodeStateAsUpdate(c.doc)));
    await until(() => writer.sent.length > 0, 'the no-op acknowledgement');
    expect(acks(writer)).toEqual([3]);
    // A step 1 is not an update message: nothing to acknowledge.
    room.receive(writer, syncStep1Frame(Y.encodeStateVector(c.doc)));
    await until(() => writer.sent.length > 0, 'the step 2 answer');
    expect(acks(writer)).toEqual([]);
  });

  it('a no-op sent while an earlier batch is held is acknowledged only after that batch is stored', async () => {
    const { room, hold } = await heldRoom();
    const a = new AckConn();
    const b = new AckConn();
    room.connect(a);
    room.connect(b);
    a.take();
    b.take();
    hold.hold();
    room.receive(a, syncUpdateFrame(client(room).edit('x')));
    await until(() => hold.waiting === 1, 'the append to be held');
    // An empty update (a client with nothing new answers the server's step 1 with it).
    room.receive(b, syncStep2Frame(new Uint8Array([0, 0])));
    await new Promise((r) => setImmediate(r));
    expect(acks(b)).toEqual([]);
    hold.release();
    await until(() => a.sent.length > 0 && b.sent.length > 0, 'both acknowledgements');
    expect(acks(a)).toEqual([1]);
    // b's no-op is acknowledged; it also receives a's relayed update (not an ack).
    expect(acks(b)).toEqual([1]);
  });

  it('sends nothing new to connections without ?ack=1, nor to read-only ones, nor when storing fails', async () => {
    const { room, storage } = await heldRoom({ asyncAppend: true });
    const stock = new FakeConn();
    const observer = new (class extends FakeConn {
      readonly wantsAck = true;
    })(false);
    room.connect(stock);
    room.connect(observer);
    stock.take();
    observer.take();
    room.receive(stock, syncUpdateFrame(client(room).edit('stock ')));
    room.receive(observer, syncUpdateFrame(client(room).edit('observer ')));
    await until(() => room.doc.getText('t').toString().startsWith('stock'), 'the stock edit');
    await room.whenStored();
    expect(acks(stock)).toEqual([]);
    expect(acks(observer)).toEqual([]);

    const writer = new AckConn();
    room.connect(writer);
    writer.take();
    storage.failAppends = true;
    room.receive(writer, syncUpdateFrame(client(room).edit('refused ')));
    await until(() => writer.closed, 'the storage failure closing the writer');
    expect(acks(writer)).toEqual([]);
  });
});
