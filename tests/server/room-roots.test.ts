import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FakeConn, memoryRoom, sendChange } from './room-helpers.js';

describe('a room builds only the roots its plan uses (PF5)', () => {
  it('PF5: loading a plan makes no empty root maps; archiving an entity of a root the room never built is still audited', async () => {
    const { room, audit } = await memoryRoom();
    // The stored plan has only meta and a text: the audit hooks asked for no other root.
    expect([...room.doc.share.keys()].sort()).toEqual(['meta', 't']);
    const editor = new FakeConn(true, false, { role: 'editor', linkId: 'l1', name: 'Edem' });
    room.connect(editor);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
    const send = (change: () => void): void => {
      sendChange(room, editor, doc, change);
      room.flush();
    };
    const s = new Y.Map<unknown>();
    send(() => {
      doc.getMap('stakeholders').set('s1', s);
      s.set('name', new Y.Text('Diaspora council'));
      s.set('archived', false);
    });
    expect(audit).toEqual([]);
    send(() => s.set('archived', true));
    send(() => s.set('archived', true)); // the same value again: no flip, no event
    send(() => s.set('archived', false));
    expect(audit.map((e) => [e.action, e.detail])).toEqual([
      ['item.archived', { entity: 'stakeholder', id: 's1', title: 'Diaspora council' }],
      ['item.restored', { entity: 'stakeholder', id: 's1', title: 'Diaspora council' }],
    ]);
  });
});
