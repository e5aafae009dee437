import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { PRESENCE_LIMITS } from '../../shared/presence.js';
import { awarenessUpdateFrame } from '../../server/sync/frames.js';
import { awarenessProtocol, FakeConn, memoryRoom, until } from './room-helpers.js';

const state = (name: string, color = '#1f5fbf') => ({ user: { id: `id-${name.replace(/\W/g, '')}`, name, color, group: null }, view: '', focus: '' });

/** An awareness update written by hand: any client ids, clocks and states (JSON or null). */
function crafted(entries: { client: number; clock: number; state: unknown }[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.client);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarString(enc, JSON.stringify(e.state));
  }
  return awarenessUpdateFrame(encoding.toUint8Array(enc));
}

/** The entries (client, clock, JSON state) of the awareness frames a connection received. */
function relayedEntries(conn: FakeConn): { client: number; clock: number; json: string }[] {
  const out: { client: number; clock: number; json: string }[] = [];
  for (const u of conn.awarenessFrames()) {
    const dec = decoding.createDecoder(u);
    const n = decoding.readVarUint(dec);
    for (let i = 0; i < n; i++) out.push({ client: decoding.readVarUint(dec), clock: decoding.readVarUint(dec), json: decoding.readVarString(dec) });
  }
  return out;
}

/** The client ids (with states) in the awareness frames a connection received. */
function relayedClients(conn: FakeConn): number[] {
  const out: number[] = [];
  for (const u of conn.awarenessFrames()) {
    const dec = decoding.createDecoder(u);
    const n = decoding.readVarUint(dec);
    for (let i = 0; i < n; i++) {
      out.push(decoding.readVarUint(dec));
      decoding.readVarUint(dec);
      decoding.readVarString(dec);
    }
  }
  return out;
}

// Issue 12, "presence": an observer overwrote and removed the facilitator's presence, announced
// 2,000 fake people, covered the page with a hostile colour, and a 3.2 MB state was relayed.
describe('guard: presence is per connection, small and shaped', () => {
  it('[PR3] an observer can neither overwrite nor remove the facilitator\'s presence', async () => {
    const { room } = await memoryRoom();
    const facilitator = new FakeConn(true, true);
    const observer = new FakeConn(false);
    room.connect(facilitator);
    room.connect(observer);
    room.receive(facilitator, crafted([{ client: 100, clock: 1, state: state('Facilitator') }]));
    room.receive(observer, crafted([{ client: 100, clock: 5, state: state('Impostor') }]));
    expect((room.awareness.getStates().get(100) as { user: { name: string } }).user.name).toBe('Facilitator');
    room.receive(observer, crafted([{ client: 100, clock: 6, state: null }]));
    expect(room.awareness.getStates().has(100)).toBe(true);
    expect(observer.closed).toBe(false);
    // The owner may still update and remove its own presence.
    room.receive(facilitator, crafted([{ client: 100, clock: 2, state: state('Facilitator 2') }]));
    expect((room.awareness.getStates().get(100) as { user: { name: string } }).user.name).toBe('Facilitator 2');
    room.receive(facilitator, crafted([{ client: 100, clock: 3, state: null }]));
    expect(room.awareness.getStates().has(100)).toBe(false);
  });

  it('[PR3] one connection introduces at most a few people; 2,000 fake ones reach nobody', async () => {
    const { room } = await memoryRoom();
    const attacker = new FakeConn(false);
    const watcher = new FakeConn();
    room.connect(attacker);
    room.connect(watcher);
    watcher.take();
    room.receive(attacker, crafted(Array.from({ length: 2000 }, (_, i) => ({ client: 1000 + i, clock: 1, state: state(`fake ${i}`) }))));
    expect(room.awareness.getStates().size).toBe(PRESENCE_LIMITS.maxClientsPerConnection);
    room.flush();
    expect(relayedClients(watcher)).toHaveLength(PRESENCE_LIMITS.maxClientsPerConnection);
    // Leaving removes exactly what it introduced.
    room.disconnect(attacker);
    expect(room.awareness.getStates().size).toBe(0);
  });

  it('[PR1] a 3 MB presence state closes the sender with 4400 and is relayed to nobody', async () => {
    const { room } = await memoryRoom();
    const attacker = new FakeConn();
    const watchers = Array.from({ length: 5 }, () => new FakeConn());
    room.connect(attacker);
    for (const w of watchers) room.connect(w);
    for (const w of watchers) w.take();
    room.receive(attacker, crafted([{ client: 7, clock: 1, state: { ...state('Big'), view: 'x'.repeat(3_200_000) } }]));
    expect(attacker.closedWith?.code).toBe(CLOSE.badMessage);
    room.flush();
    expect(room.awareness.getStates().has(7)).toBe(false);
    for (const w of watchers) expect(w.sent).toEqual([]);
  });

  it('[PR2] a hostile colour is refused (4400), a stock client\'s state is accepted', async () => {
    const { room } = await memoryRoom();
    const honest = new FakeConn();
    const attacker = new FakeConn();
    room.connect(honest);
    room.connect(attacker);
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState(state('Honest'));
    room.receive(honest, awarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID])));
    expect(room.awareness.getStates().has(doc.clientID)).toBe(true);
    room.receive(attacker, crafted([{ client: 9, clock: 1, state: state('Evil', 'red;position:fixed;inset:0;background-image:url(https://evil.example/x)') }]));
    expect(attacker.closedWith?.code).toBe(CLOSE.badMessage);
    expect(room.awareness.getStates().has(9)).toBe(false);
    aw.destroy();
    await until(() => true, 'nothing');
  });

  it('[PR4] a reconnect of the same link has the old socket probed, and gets its presence (latest state) once that socket is gone', async () => {
    const { room } = await memoryRoom();
    const link = { role: 'editor' as const, linkId: 'L1', name: 'Amina' };
    const before = new FakeConn(true, false, link);
    const watcher = new FakeConn();
    room.connect(before);
    room.connect(watcher);
    room.receive(before, crafted([{ client: 42, clock: 3, state: state('Amina') }]));
    // The network drops; the server has not seen the old socket close when the client is back.
    const after = new FakeConn(true, false, link);
    room.connect(after);
    room.receive(after, crafted([{ client: 42, clock: 3, state: state('Amina') }]));
    expect(before.probes).toBe(1);
    room.receive(after, crafted([{ client: 42, clock: 4, state: state('Amina again') }]));
    // While the old socket may be alive, it keeps the id.
    expect((room.awareness.getStates().get(42) as { user: { name: string } }).user.name).toBe('Amina');
    // The probe found it gone: the reconnect's latest state shows at once, owned by it.
    room.flush();
    watcher.take();
    room.disconnect(before);
    expect((room.awareness.getStates().get(42) as { user: { name: string } }).user.name).toBe('Amina again');
    room.flush();
    expect(relayedEntries(watcher).filter((e) => e.client === 42).at(-1)?.json).toContain('Amina again');
    // Another link can neither overwrite nor remove it, nor have its socket probed.
    const other = new FakeConn(true, false, { role: 'editor', linkId: 'L2', name: 'Bruno' });
    room.connect(other);
    room.receive(other, crafted([{ client: 42, clock: 9, state: state('Impostor') }, { client: 42, clock: 10, state: null }]));
    expect((room.awareness.getStates().get(42) as { user: { name: string } }).user.name).toBe('Amina again');
    expect(after.probes).toBe(0);
    // A second socket of the same link forwarding presence (not its first frame) probes nothing.
    const tab = new FakeConn(true, false, link);
    room.connect(tab);
    room.receive(tab, crafted([{ client: 77, clock: 1, state: state('Tab') }]));
    room.receive(tab, crafted([{ client: 42, clock: 5, state: state('Amina again') }]));
    expect(after.probes).toBe(0);
    // The new owner leaving removes it.
    room.disconnect(after);
    expect(room.awareness.getStates().has(42)).toBe(false);
  });

  it('[PR4] a live old socket keeps its presence: a same-link newcomer cannot take it', async () => {
    const { room } = await memoryRoom();
    const link = { role: 'editor' as const, linkId: 'L1', name: 'Amina' };
    const owner = new FakeConn(true, false, link);
    room.connect(owner);
    room.receive(owner, crafted([{ client: 42, clock: 3, state: state('Amina') }]));
    const intruder = new FakeConn(true, false, link);
    room.connect(intruder);
    room.receive(intruder, crafted([{ client: 42, clock: 2_000_000_000, state: state('Intruder') }]));
    expect(owner.probes).toBe(1);
    // The owner answered the probe (stays connected): nothing changes, and its own updates go on.
    room.receive(owner, crafted([{ client: 42, clock: 4, state: state('Amina 2') }]));
    expect((room.awareness.getStates().get(42) as { user: { name: string } }).user.name).toBe('Amina 2');
    room.disconnect(intruder);
    expect(room.awareness.getStates().has(42)).toBe(true);
  });

  it('[PR4] presence introduced again after its removal, with the clock it had, is asked for a higher clock, then shows and belongs to its new connection', async () => {
    const { room } = await memoryRoom();
    const link = { role: 'editor' as const, linkId: 'L1', name: 'Amina' };
    const first = new FakeConn(true, false, link);
    room.connect(first);
    room.receive(first, crafted([{ client: 42, clock: 3, state: state('Amina') }]));
    room.disconnect(first);
    expect(room.awareness.getStates().has(42)).toBe(false);
    const again = new FakeConn(true, false, link);
    room.connect(again);
    again.take();
    room.receive(again, crafted([{ client: 42, clock: 3, state: state('Amina') }]));
    expect(relayedEntries(again)).toEqual([{ client: 42, clock: 3, json: 'null' }]);
    room.receive(again, crafted([{ client: 42, clock: 4, state: state('Amina') }]));
    expect(room.awareness.getStates().has(42)).toBe(true);
    const other = new FakeConn(true, false, { role: 'editor', linkId: 'L2', name: 'Bruno' });
    room.connect(other);
    room.receive(other, crafted([{ client: 42, clock: 50, state: state('Impostor') }]));
    expect((room.awareness.getStates().get(42) as { user: { name: string } }).user.name).toBe('Amina');
    room.disconnect(again);
    expect(room.awareness.getStates().has(42)).toBe(false);
  });
});
