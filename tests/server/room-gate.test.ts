import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap } from '../../shared/schema/roots.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import type { Conn, Room } from '../../server/sync/room.js';
import { FakeConn, memoryRoom, storedDoc, until } from './room-helpers.js';

function send(room: Room, conn: Conn, update: Uint8Array): void {
  room.receive(conn, syncUpdateFrame(update));
}

/** A client holding the room's content makes a change; returns the update it would send. */
function changeOf(room: Room, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const sv = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, sv);
}

const editorActor = { role: 'editor', linkId: 'l2', name: 'Ed' } as const;
const facActor = { role: 'facilitator', linkId: 'l1', name: 'Fa' } as const;

describe('criteria-lock guard (room level)', () => {
  it('never deletes a lock flag: a crafted write that sorts before the current value leaves it agreed', async () => {
    const { room, storage } = await memoryRoom();
    const fac = new FakeConn(true, true, facActor);
    const editor = new FakeConn(true, false, editorActor);
    room.connect(fac);
    room.connect(editor);
    // The facilitator agrees, from a client with a high client id.
    send(room, fac, changeOf(room, (d) => metaMap(d).set('criteriaAgreedByImc', true), 0x7fff_fff0));
    room.flush();
    expect(metaMap(room.doc).get('criteriaAgreedByImc')).toBe(true);
    // The editor writes the same key concurrently (not based on the current value) with the
    // lowest client id, so its item sorts before the facilitator's and changes nothing visible.
    const crafted = new Y.Doc();
    crafted.clientID = 1;
    metaMap(crafted).set('criteriaAgreedByImc', false);
    send(room, editor, Y.encodeStateAsUpdate(crafted));
    room.flush();
    await until(() => !(room as unknown as { storing: unknown }).storing, 'stored');
    expect(metaMap(room.doc).get('criteriaAgreedByImc')).toBe(true);
    const stored = await storedDoc(storage);
    expect(metaMap(stored).get('criteriaAgreedByImc')).toBe(true);
  });
});
