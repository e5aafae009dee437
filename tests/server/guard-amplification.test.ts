import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol.js';
import { readSyncFrame, SYNC, syncStep1Frame } from '../../server/sync/frames.js';
import { HEAVY_BURST, HEAVY_PER_SECOND, HeavyBudget } from '../../server/sync/heavy-budget.js';
import { awarenessProtocol, FakeConn, memoryRoom } from './room-helpers.js';

const queryFrame = () => {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.queryAwareness);
  return encoding.toUint8Array(enc);
};
const step2Count = (conn: FakeConn) => conn.take().filter((f) => readSyncFrame(f)?.step === SYNC.step2).length;

/** A room with one person present (so a presence query has something to send). */
async function roomWithPresence() {
  const made = await memoryRoom();
  const present = new FakeConn();
  made.room.connect(present);
  const aw = new awarenessProtocol.Awareness(new Y.Doc());
  aw.setLocalState({ user: { id: 'amina', name: 'Amina', color: '#1f5fbf', group: null }, view: '', focus: '' });
  made.room.receive(present, new Uint8Array([MESSAGE.awareness, ...encodeVarBytes(awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]))]));
  aw.destroy();
  return made;
}
function encodeVarBytes(b: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint8Array(enc, b);
  return encoding.toUint8Array(enc);
}

// Issue 12, "amplification": a 2-4 byte presence query or sync step 1 made the server send the
// whole presence or plan, 802 MB to 1.03 GB in 10 s.
describe('guard: heavy answers are rate-limited per connection', () => {
  it('the budget allows HEAVY_BURST at once, then refills at HEAVY_PER_SECOND, per connection', () => {
    const budget = new HeavyBudget<object>();
    const [a, b] = [{}, {}];
    const t = 1_000_000;
    for (let i = 0; i < HEAVY_BURST; i++) expect(budget.take(a, t)).toBe(true);
    expect(budget.take(a, t)).toBe(false);
    expect(budget.take(b, t)).toBe(true); // another connection has its own bucket
    expect(budget.take(a, t + 1000 / HEAVY_PER_SECOND - 1)).toBe(false);
    expect(budget.take(a, t + 1000 / HEAVY_PER_SECOND + 1)).toBe(true);
    expect(budget.take(a, t + 1000 / HEAVY_PER_SECOND + 1)).toBe(false);
  });

  it('a burst of sync step 1 requests gets at most HEAVY_BURST answers; the connection stays open', async () => {
    const { room } = await memoryRoom();
    const asker = new FakeConn();
    room.connect(asker);
    asker.take();
    const sv = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 50; i++) room.receive(asker, sv);
    expect(step2Count(asker)).toBe(HEAVY_BURST);
    expect(asker.closed).toBe(false);
  });

  it('a burst of presence queries gets at most HEAVY_BURST answers, all one cached encoding', async () => {
    const { room } = await roomWithPresence();
    const asker = new FakeConn();
    room.connect(asker);
    const greeting = asker.awarenessFrames();
    expect(greeting).toHaveLength(1);
    for (let i = 0; i < 50; i++) room.receive(asker, queryFrame());
    const answers = asker.take();
    expect(answers).toHaveLength(HEAVY_BURST);
    // Encoded once while presence does not change: the very same bytes every time.
    expect(new Set(answers).size).toBe(1);
    const other = new FakeConn();
    room.connect(other);
    expect(other.take().includes(answers[0]!)).toBe(true);
  });

  it('the cached presence is dropped when presence changes', async () => {
    const { room } = await roomWithPresence();
    const a = new FakeConn();
    room.connect(a);
    const first = a.take();
    const leaver = new FakeConn();
    room.connect(leaver);
    const aw = new awarenessProtocol.Awareness(new Y.Doc());
    aw.setLocalState({ user: { id: 'bruno', name: 'Bruno', color: '#b3261e', group: null }, view: '', focus: '' });
    room.receive(leaver, new Uint8Array([MESSAGE.awareness, ...encodeVarBytes(awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]))]));
    aw.destroy();
    const b = new FakeConn();
    room.connect(b);
    const mirror = new awarenessProtocol.Awareness(new Y.Doc());
    for (const u of b.awarenessFrames()) awarenessProtocol.applyAwarenessUpdate(mirror, u, null);
    mirror.setLocalState(null);
    expect([...mirror.getStates().values()].map((s) => (s as { user: { name: string } }).user.name).sort()).toEqual(['Amina', 'Bruno']);
    expect(first.length).toBeGreaterThan(0);
    mirror.destroy();
  });
});
