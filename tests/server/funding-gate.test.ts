import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { exchangeRatesMap, fundingLinesMap, metaMap } from '../../shared/schema/roots.js';
import { syncUpdateFrame } from '../../server/sync/frames.js';
import { changeOf, gatedEditorObserverRoom } from './room-helpers.js';

/** A funding line map as a client would write it by hand. */
function line(doc: Y.Doc, id: string, status: unknown): void {
  const m = new Y.Map<unknown>();
  fundingLinesMap(doc).set(id, m);
  m.set('activityId', 'a1');
  m.set('funder', 'IOM');
  m.set('amount', { amount: 6000, currency: 'USD' });
  m.set('status', status);
  m.set('source', 'new-money');
  m.set('order', 'i');
}

function rate(doc: Y.Doc, id: string): void {
  const m = new Y.Map<unknown>();
  exchangeRatesMap(doc).set(id, m);
  m.set('currency', 'EUR');
  m.set('quote', 'MDL');
  m.set('rate', 19.5);
  m.set('date', '2026-01-01');
}

describe('funding lines and exchange rates at the update gate', () => {
  it('[FN6][CU6] editors write funding lines, rates and the fiscal-year start; an observer\'s hand-built update is not applied', async () => {
    const { room, editor, observer } = await gatedEditorObserverRoom();
    room.receive(observer, syncUpdateFrame(changeOf(room, (d) => {
      line(d, 'fObs', 'committed');
      rate(d, 'rObs');
      metaMap(d).set('fiscalYearStart', 7);
    })));
    room.flush();
    expect(fundingLinesMap(room.doc).has('fObs')).toBe(false);
    expect(exchangeRatesMap(room.doc).has('rObs')).toBe(false);
    expect(metaMap(room.doc).get('fiscalYearStart')).toBe(1);

    room.receive(editor, syncUpdateFrame(changeOf(room, (d) => {
      line(d, 'f1', 'committed');
      rate(d, 'r1');
      metaMap(d).set('fiscalYearStart', 7);
    })));
    room.flush();
    expect(editor.closed).toBe(false);
    expect((fundingLinesMap(room.doc).get('f1') as Y.Map<unknown>).get('status')).toBe('committed');
    expect((exchangeRatesMap(room.doc).get('r1') as Y.Map<unknown>).get('rate')).toBe(19.5);
    expect(metaMap(room.doc).get('fiscalYearStart')).toBe(7);
  });

  it('[FN1][G8] a funding line outside its fields\' domains is refused whole', async () => {
    const { room, editor } = await gatedEditorObserverRoom();
    room.receive(editor, syncUpdateFrame(changeOf(room, (d) => line(d, 'f2', 'paid'))));
    room.flush();
    expect(editor.closedWith).toEqual({ code: CLOSE.refusedUpdate, reason: 'G8 out-of-domain' });
    expect(fundingLinesMap(room.doc).has('f2')).toBe(false);
  });

  it('[CU1][G8] a rate of 0 or a month 13 is refused', async () => {
    for (const bad of [(d: Y.Doc) => { rate(d, 'r'); (exchangeRatesMap(d).get('r') as Y.Map<unknown>).set('rate', 0); }, (d: Y.Doc) => metaMap(d).set('fiscalYearStart', 13)]) {
      const { room, editor } = await gatedEditorObserverRoom();
      room.receive(editor, syncUpdateFrame(changeOf(room, bad)));
      room.flush();
      expect(editor.closedWith?.code).toBe(CLOSE.refusedUpdate);
    }
  });
});
