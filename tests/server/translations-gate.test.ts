import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode } from '../../shared/commands/nodes.js';
import { ROOT } from '../../shared/schema/roots.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import { craftUpdate, ME } from '../shared/helpers/fixtures.js';
import { gatedEditorObserverRoom } from './room-helpers.js';

/** A French translation record of goal `g1`, as a client would write it by hand. */
function frenchTitle(doc: Y.Doc): void {
  const m = new Y.Map<unknown>();
  doc.getMap(ROOT.translations).set('tr1', m);
  m.set('targetId', 'g1');
  m.set('targetKind', 'goal');
  m.set('field', 'title');
  m.set('original', 'en');
  m.set('fr', new Y.Text('Réduire le coût des transferts'));
}

/** The gated room with goal `g1` in its plan. */
const gated = () => gatedEditorObserverRoom((base) => void addNode(base, { kind: 'goal', id: 'g1', title: 'Lower the cost of remittances' }, ME));

describe('translations at the update gate', () => {
  it("[ML4] an editor writes a translation where it may write the title; an observer's hand-built update is never applied", async () => {
    const { room, editor, observer } = await gated();
    room.receive(observer, syncUpdateFrame(craftUpdate(room.doc, frenchTitle)));
    room.flush();
    expect(room.doc.getMap(ROOT.translations).has('tr1')).toBe(false);

    room.receive(editor, syncUpdateFrame(craftUpdate(room.doc, frenchTitle)));
    room.flush();
    expect(editor.closed).toBe(false);
    const rec = room.doc.getMap(ROOT.translations).get('tr1') as Y.Map<unknown>;
    expect(String(rec.get('fr'))).toBe('Réduire le coût des transferts');
    // The original title is untouched.
    expect(String((room.doc.getMap(ROOT.nodes).get('g1') as Y.Map<unknown>).get('title'))).toBe('Lower the cost of remittances');

    // The observer's typing into the existing French text is not applied either.
    room.receive(observer, syncUpdateFrame(craftUpdate(room.doc, (d) => ((d.getMap(ROOT.translations).get('tr1') as Y.Map<unknown>).get('fr') as Y.Text).insert(0, 'X'))));
    room.flush();
    expect(String(rec.get('fr'))).toBe('Réduire le coût des transferts');
  });

  it('[ML4][G8] a translation in an unknown language is refused whole and closes the connection with 4422', async () => {
    const { room, editor } = await gated();
    room.receive(editor, syncUpdateFrame(craftUpdate(room.doc, (d) => {
      frenchTitle(d);
      (d.getMap(ROOT.translations).get('tr1') as Y.Map<unknown>).set('original', 'de');
    })));
    room.flush();
    expect(editor.closedWith).toEqual({ code: 4422, reason: 'G8 out-of-domain' });
    expect(room.doc.getMap(ROOT.translations).has('tr1')).toBe(false);
  });
});
