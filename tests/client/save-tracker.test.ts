import { describe, expect, it } from 'vitest';
import { isUpdateFrame, SaveTracker } from '../../client/sync/save-tracker.js';

const UPDATE = Uint8Array.of(0, 2, 0);
const STEP1 = Uint8Array.of(0, 0, 0);
const STEP2 = Uint8Array.of(0, 1, 0);
const AWARENESS = Uint8Array.of(1, 0);

describe('SaveTracker (acknowledged saves, client side)', () => {
  it('numbers update messages as the server does and frees changes once their message is acknowledged', () => {
    const seen: number[] = [];
    const t = new SaveTracker((n) => seen.push(n));
    const ws = {};
    t.frame(ws, STEP1);
    t.frame(ws, STEP2); // #1, carries nothing local
    t.local();
    t.frame(ws, UPDATE); // #2
    t.frame(ws, AWARENESS);
    t.local();
    t.local();
    t.frame(ws, UPDATE); // #3 carries two changes made in one go
    expect(t.unsaved).toBe(3);
    t.acked(ws, 1);
    expect(t.unsaved).toBe(3);
    t.acked(ws, 2);
    expect(t.unsaved).toBe(2);
    expect(t.settled).toBe(false);
    t.acked(ws, 3);
    expect(t.unsaved).toBe(0);
    expect(t.settled).toBe(true);
    // The ack of the first step 2 is reported although it freed no counted change.
    expect(seen).toEqual([1, 2, 3, 3, 2, 0]);
  });

  it('changes a closed socket carried without acknowledgement count until the next socket\'s messages are acknowledged', () => {
    const t = new SaveTracker();
    const first = {};
    t.local();
    t.frame(first, UPDATE);
    t.closed();
    t.local(); // offline
    expect(t.unsaved).toBe(2);
    t.acked(first, 1); // late ack of the old socket: ignored, its count means nothing now
    expect(t.unsaved).toBe(2);
    const second = {};
    t.frame(second, STEP2); // #1 of the new socket carries both
    t.acked(second, 1);
    expect(t.unsaved).toBe(0);
  });

  it('a new socket is not settled until its first sync step 2 is acknowledged (it may carry edits kept offline)', () => {
    const t = new SaveTracker();
    const ws = {};
    expect(t.settled).toBe(true);
    t.frame(ws, STEP1);
    t.frame(ws, STEP2);
    expect([t.unsaved, t.settled]).toEqual([0, false]);
    t.acked(ws, 1);
    expect([t.unsaved, t.settled]).toEqual([0, true]);
  });

  it('recognises sync step 2 and update frames only', () => {
    expect([UPDATE, STEP2, STEP1, AWARENESS, Uint8Array.of(0)].map(isUpdateFrame)).toEqual([true, true, false, false, false]);
  });
});
