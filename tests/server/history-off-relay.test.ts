import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryEntry } from '../../server/access/history.js';
import { readAckFrame, readSyncFrame } from '../../server/sync/frames.js';
import { fieldHistory } from '../../server/sync/hooks/index.js';
import type { Room } from '../../server/sync/room.js';
import { FakeConn, memoryRoom, sendChange, until } from './room-helpers.js';

const EDITOR = { role: 'editor', linkId: 'l1', name: 'Edem' } as const;

/** An editor connection that asked for acknowledged saves (`?ack=1`). */
class Writer extends FakeConn {
  readonly wantsAck = true;
  constructor() {
    super(true, false, { ...EDITOR });
  }
}

/** An observer that notes, at the moment each document update reaches it, how many journal entries exist. */
class Watcher extends FakeConn {
  journalledAtRelay: number[] = [];
  constructor(private readonly journalled: () => number) {
    super(false, false, { role: 'observer', linkId: 'l2', name: 'Obi' });
  }
  override send(data: Uint8Array): void {
    if (readSyncFrame(data)?.step === 2) this.journalledAtRelay.push(this.journalled());
    super.send(data);
  }
}

/** A room with the change journal (recording into a list) and an activity the client may change. */
async function journalledRoom(): Promise<{ room: Room; entries: HistoryEntry[]; storage: Awaited<ReturnType<typeof memoryRoom>>['storage']; doc: Y.Doc; send: (conn: FakeConn, change: () => void) => void }> {
  const entries: HistoryEntry[] = [];
  const { room, storage } = await memoryRoom({ extraHooks: [fieldHistory({ record: (_plan, list) => void entries.push(...list) })] });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const send = (conn: FakeConn, change: () => void): void => sendChange(room, conn, doc, change);
  return { room, entries, storage, doc, send };
}

const activity = (doc: Y.Doc) => doc.getMap('nodes').get('a1') as Y.Map<unknown>;

/** Adds activity `a1` with one field set (its first values: not journalled). */
function newActivity(doc: Y.Doc, field: string, value: unknown): void {
  const a = new Y.Map<unknown>();
  doc.getMap('nodes').set('a1', a);
  a.set('kind', 'activity');
  a.set(field, value);
}

describe('the change journal is off the relay path (PF4)', () => {
  it('PF4: an edit is relayed and acknowledged before its journal entry is made; the entry then says what FH1 says', async () => {
    const { room, entries, doc, send } = await journalledRoom();
    const writer = new Writer();
    const watcher = new Watcher(() => entries.length);
    room.connect(writer);
    room.connect(watcher);
    send(writer, () => newActivity(doc, 'budget', { amount: 10_000, currency: 'USD' }));
    room.flush();
    await until(() => watcher.journalledAtRelay.length === 1, 'the new activity relayed');
    writer.take();
    send(writer, () => activity(doc).set('budget', { amount: 15_000, currency: 'USD' }));
    room.flush();
    // Relayed and acknowledged in that flush, while the journal has nothing yet.
    expect(watcher.journalledAtRelay).toEqual([0, 0]);
    expect(writer.take().map(readAckFrame)).toContain(2);
    expect(entries).toEqual([]);
    await until(() => entries.length === 1, 'the journal entry');
    expect(entries[0]).toMatchObject({
      entity: 'activity',
      id: 'a1',
      field: 'budget',
      from: { amount: 10_000, currency: 'USD' },
      to: { amount: 15_000, currency: 'USD' },
      kept: true,
      client: doc.clientID,
      by: { name: 'Edem', role: 'editor', participantId: null },
    });
  });

  it('PF4: the values are taken when the edit is applied, so a later edit in the same turn does not change what is journalled', async () => {
    const { room, entries, doc, send } = await journalledRoom();
    const writer = new Writer();
    room.connect(writer);
    send(writer, () => newActivity(doc, 'responsible', 'Ministry'));
    room.flush();
    send(writer, () => activity(doc).set('responsible', 'Diaspora office'));
    send(writer, () => activity(doc).set('responsible', 'Municipality'));
    room.flush();
    await until(() => entries.length === 2, 'two journal entries');
    expect(entries.map((e) => [e.from, e.to, e.kept])).toEqual([
      ['Ministry', 'Diaspora office', true],
      ['Diaspora office', 'Municipality', true],
    ]);
  });

  it('PF4: an edit whose batch storage refused is never journalled', async () => {
    const { room, entries, storage, doc, send } = await journalledRoom();
    const writer = new Writer();
    room.connect(writer);
    send(writer, () => newActivity(doc, 'responsible', 'Ministry'));
    room.flush();
    storage.failAppends = true;
    send(writer, () => activity(doc).set('responsible', 'Never stored'));
    room.flush();
    expect(writer.closed).toBe(true);
    await room.discard();
    // Several event-loop turns: anything deferred would have run by now.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(entries).toEqual([]);
  });
});
