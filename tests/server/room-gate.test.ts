import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { initPlan } from '../../shared/schema/init.js';
import { metaMap, sectionsMap } from '../../shared/schema/roots.js';
import { LIMITS } from '../../shared/schema/values.js';
import { updateGate } from '../../server/sync/hooks/update-gate.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import type { Conn, Room } from '../../server/sync/room.js';
import { changeOf, FakeConn, memoryRoom, storedDoc, until } from './room-helpers.js';

function send(room: Room, conn: Conn, update: Uint8Array): void {
  room.receive(conn, syncUpdateFrame(update));
}

/** A client holding the room's content makes a change; returns the update it would send. */

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

/** A room holding a fresh plan (initPlan), with the update gate in front. */
async function gatedRoom() {
  const base = new Y.Doc();
  initPlan(base, { id: 'p', title: 'Plan title' });
  const ctx = await memoryRoom({ state: Y.encodeStateAsUpdate(base), extraHooks: [updateGate({ storedBytes: () => 0 })] });
  const fac = Object.assign(new FakeConn(true, true, facActor), { participantId: 'pFac' });
  const editor = Object.assign(new FakeConn(true, false, editorActor), { participantId: 'pEd' });
  const watcher = new FakeConn(false);
  for (const c of [fac, editor, watcher]) room(ctx).connect(c);
  for (const c of [fac, editor, watcher]) c.take();
  return { ...ctx, fac, editor, watcher };
}
const room = (ctx: { room: Room }) => ctx.room;

/** A client holding the room's content, and the updates it makes from now on. */
function recording(r: Room): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(r.doc));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

/** The body text of the first background section. */
const trendsBody = (d: Y.Doc) => (sectionsMap(d).get('bg-trends') as Y.Map<unknown>).get('body') as Y.Text;

function pendingFree(r: Room): boolean {
  return r.doc.store.pendingStructs === null && r.doc.store.pendingDs === null;
}

describe('update gate (room level, fake connections)', () => {
  it('[G2] a gap in a client clock, or deletions beyond the known state, are refused and never held pending', async () => {
    const ctx = await gatedRoom();
    const { doc: client, updates } = recording(ctx.room);
    trendsBody(client).insert(0, 'first ');
    trendsBody(client).insert(6, 'second');
    send(ctx.room, ctx.editor, updates[1]!); // the first never sent: a gap
    expect(ctx.editor.closedWith).toEqual({ code: CLOSE.refusedUpdate, reason: 'G2 incomplete' });
    expect(pendingFree(ctx.room)).toBe(true);

    // Deletions of the facilitator's future clock range (the "audit" variant: its next lock write).
    const facClient = 4242;
    const future = new Y.Doc();
    Y.applyUpdate(future, Y.encodeStateAsUpdate(ctx.room.doc));
    future.clientID = facClient;
    metaMap(future).set('criteriaAgreedByImc', true);
    metaMap(future).set('criteriaAgreedByImc', false);
    const editor2 = Object.assign(new FakeConn(true, false, editorActor), { participantId: 'pEd' });
    ctx.room.connect(editor2);
    send(ctx.room, editor2, Y.encodeStateAsUpdate(future, Y.encodeStateVector(future)));
    expect(editor2.closedWith?.code).toBe(CLOSE.refusedUpdate);
    expect(pendingFree(ctx.room)).toBe(true);

    // The facilitator's real writes at those clocks stand, and the audit records them as made.
    const facDoc = new Y.Doc();
    Y.applyUpdate(facDoc, Y.encodeStateAsUpdate(ctx.room.doc));
    facDoc.clientID = facClient;
    const facUpdates: Uint8Array[] = [];
    facDoc.on('update', (u: Uint8Array) => facUpdates.push(u));
    metaMap(facDoc).set('criteriaAgreedByImc', true);
    metaMap(facDoc).set('criteriaAgreedByImc', false);
    for (const u of facUpdates) send(ctx.room, ctx.fac, u);
    ctx.room.flush();
    expect(ctx.fac.closed).toBe(false);
    expect(metaMap(ctx.room.doc).get('criteriaAgreedByImc')).toBe(false);
    expect(ctx.audit.map((a) => a.detail)).toEqual([
      { committee: 'imc', agreed: true },
      { committee: 'imc', agreed: false },
    ]);
    expect(pendingFree(ctx.room)).toBe(true);
  });

  it('[G1][G8][G9] shared types other than plain texts and maps, embeds, and text lengths counted after deletions', async () => {
    const ctx = await gatedRoom();
    const section = (d: Y.Doc) => sectionsMap(d).get('bg-trends') as Y.Map<unknown>;
    const tryAs = (change: (d: Y.Doc) => void) => {
      const conn = Object.assign(new FakeConn(true, true, facActor), { participantId: 'pFac' });
      ctx.room.connect(conn);
      send(ctx.room, conn, changeOf(ctx.room, change));
      ctx.room.flush();
      return conn.closedWith?.reason ?? 'accepted';
    };
    expect(tryAs((d) => section(d).set('body', new Y.XmlText('x')))).toBe('G8 out-of-domain');
    expect(tryAs((d) => (section(d).get('body') as Y.Text).insertEmbed(0, { img: 'http://evil/' }))).toBe('G1 unknown-place');
    expect(tryAs((d) => section(d).set('body', new Y.Array()))).toBe('G8 out-of-domain');
    // A body at its limit may be replaced whole by another at its limit in one update.
    const full = 'a'.repeat(LIMITS.longText);
    expect(tryAs((d) => (section(d).get('body') as Y.Text).insert(0, full))).toBe('accepted');
    expect(tryAs((d) => {
      const t = section(d).get('body') as Y.Text;
      t.delete(0, t.length);
      t.insert(0, 'b'.repeat(LIMITS.longText));
    })).toBe('accepted');
    expect(tryAs((d) => (section(d).get('body') as Y.Text).insert(0, 'c'))).toBe('G9 too-long');
    expect(((sectionsMap(ctx.room.doc).get('bg-trends') as Y.Map<unknown>).get('body') as Y.Text).toString()).toBe('b'.repeat(LIMITS.longText));
    expect(pendingFree(ctx.room)).toBe(true);
  });

  it('[G11] nobody writes under a client id another link is writing with; a reconnect of the same link may', async () => {
    const ctx = await gatedRoom();
    const { doc: facDoc, updates: ups } = recording(ctx.room);
    const body = trendsBody;
    body(facDoc).insert(0, 'The facilitator writes. ');
    send(ctx.room, ctx.fac, ups.shift()!);
    // The editor takes the facilitator's next clock with harmless-looking content.
    const squat = new Y.Doc();
    Y.applyUpdate(squat, Y.encodeStateAsUpdate(ctx.room.doc));
    squat.clientID = facDoc.clientID;
    const sv = Y.encodeStateVector(squat);
    body(squat).insert(0, 'x');
    send(ctx.room, ctx.editor, Y.encodeStateAsUpdate(squat, sv));
    expect(ctx.editor.closedWith).toEqual({ code: CLOSE.refusedUpdate, reason: 'G11 foreign-client' });
    // The facilitator's real next edit, at that clock, is kept.
    body(facDoc).insert(0, 'Next. ');
    const again = Object.assign(new FakeConn(true, true, facActor), { participantId: 'pFac' }); // same link, reconnected
    ctx.room.connect(again);
    send(ctx.room, again, ups.shift()!);
    expect(again.closed).toBe(false);
    expect(body(ctx.room.doc).toString()).toBe('Next. The facilitator writes. ');
  });
});
