import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT } from '../../shared/schema/roots.js';
import { CLOSE } from '../../shared/protocol.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import { changeOf, gatedEditorObserverRoom } from './room-helpers.js';

/** A sector answer and a team library entry, as a client would write them by hand. */
function answerAndEntry(value: unknown) {
  return (doc: Y.Doc): void => {
    const a = new Y.Map<unknown>();
    doc.getMap(ROOT.sectorAnswers).set('sk-dia-6', a);
    a.set('value', value);
    a.set('evidence', 'Diaspora survey 2025');
    const e = new Y.Map<unknown>();
    doc.getMap(ROOT.libraryEntries).set('le1', e);
    e.set('title', new Y.Text('Diaspora investment fair'));
    e.set('sectors', ['diaspora']);
  };
}

describe('sector answers and team library entries at the update gate', () => {
  it("[SK2][LB4] editors write answers and library entries; an observer's hand-built update is not applied", async () => {
    const { room, editor, observer } = await gatedEditorObserverRoom();
    room.receive(observer, syncUpdateFrame(changeOf(room, answerAndEntry('yes'))));
    room.flush();
    expect(room.doc.getMap(ROOT.sectorAnswers).has('sk-dia-6')).toBe(false);
    expect(room.doc.getMap(ROOT.libraryEntries).has('le1')).toBe(false);

    room.receive(editor, syncUpdateFrame(changeOf(room, answerAndEntry('yes'))));
    room.flush();
    expect(editor.closed).toBe(false);
    expect((room.doc.getMap(ROOT.sectorAnswers).get('sk-dia-6') as Y.Map<unknown>).get('value')).toBe('yes');
    expect(String((room.doc.getMap(ROOT.libraryEntries).get('le1') as Y.Map<unknown>).get('title'))).toBe('Diaspora investment fair');
  });

  it('[SK2][G8] an answer outside yes/partly/no/not relevant is refused whole, the library entry with it', async () => {
    const { room, editor } = await gatedEditorObserverRoom();
    room.receive(editor, syncUpdateFrame(changeOf(room, answerAndEntry('perhaps'))));
    room.flush();
    expect(editor.closedWith).toEqual({ code: CLOSE.refusedUpdate, reason: 'G8 out-of-domain' });
    expect(room.doc.getMap(ROOT.sectorAnswers).has('sk-dia-6')).toBe(false);
    expect(room.doc.getMap(ROOT.libraryEntries).has('le1')).toBe(false);
  });
});
