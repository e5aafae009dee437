import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { awarenessUpdateFrame, syncStep1Frame } from '../../server/sync/frames.js';
import { MESSAGE } from '../../shared/protocol.js';
import { PRESENCE_COLOUR_RE } from '../../shared/presence.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, serverForTests, syncUrl, tokenFor } from '../helpers/test-server.js';

/**
 * Hostile presence and amplification frames (issue 12). `npm test` sends FUZZ_FRAMES (default
 * 3,000); `npm run fuzz` sends 100,000. Editor and observer connections write crafted awareness
 * entries (someone else's client id, huge clocks, hostile colours, oversized and misshapen states,
 * removals, hundreds of fake people) and flood presence queries and sync step 1. Whatever
 * arrives, the good person's presence stays exactly as they set it, nothing misshapen reaches
 * the watcher, and the answers a flooder gets stay bounded.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000);
const CONNECTIONS = 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

const suite = serverForTests({ maxMessageBytes: 64 * 1024 });

const person = (id: string, color = '#2e7d32') => ({ user: { id, name: id, color, group: null }, view: '', focus: '' });

/** One crafted awareness update: entries for random, fake or other people's client ids. */
function craftedPresence(gen: prng.PRNG, victims: number[]): Uint8Array {
  const n = prng.uint32(gen, 1, 300);
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, n);
  for (let i = 0; i < n; i++) {
    const victim = prng.bool(gen);
    encoding.writeVarUint(enc, victim ? victims[prng.uint32(gen, 0, victims.length - 1)]! : prng.uint32(gen, 1, 2 ** 31));
    encoding.writeVarUint(enc, prng.uint32(gen, 0, 2 ** 31));
    const states = [
      () => null,
      () => ({}),
      () => person(`fake${i}`),
      () => person('evil', 'red;position:fixed;inset:0;background-image:url(http://evil.example/x)'),
      () => ({ ...person('big'), view: 'x'.repeat(prng.uint32(gen, 0, 5000)) }),
      () => ({ name: 'Legacy', color: '#c00' }),
      () => ({ ...person('extra'), __proto__: { polluted: true } }),
    ];
    encoding.writeVarString(enc, JSON.stringify(states[prng.uint32(gen, 0, states.length - 1)]!()));
  }
  return awarenessUpdateFrame(encoding.toUint8Array(enc));
}

const QUERY = Uint8Array.of(MESSAGE.queryAwareness);
const STEP1 = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));

describe('hostile presence and amplification', () => {
  it(`survives ${FRAMES} crafted presence, query and sync step 1 frames; presence stays honest`, async () => {
    const id = await createPlan(suite.server);
    const good = openProvider(syncUrl(suite.server), id);
    const watcher = openProvider(syncUrl(suite.server), id);
    await Promise.all([waitSynced(good), waitSynced(watcher)]);
    good.awareness.setLocalState(person('good'));
    watcher.awareness.setLocalState(person('watcher', '#1f5fbf'));
    await waitFor(() => watcher.awareness.getStates().has(good.awareness.clientID), 'good presence seen');
    const victims = [good.awareness.clientID, watcher.awareness.clientID];
    const gen = prng.create(SEED);

    let sent = 0;
    let received = 0;
    let flooded = 0;
    const started = Date.now();
    while (sent < FRAMES) {
      const wave = Math.min(CONNECTIONS, Math.ceil((FRAMES - sent) / 50));
      const closed: Promise<void>[] = [];
      const sockets = await Promise.all(
        Array.from({ length: wave }, (_, i) => {
          const ws = new WebSocket(`${syncUrl(suite.server)}/${id}?token=${tokenFor(id, i % 2 === 0 ? 'editor' : 'observer')}`);
          ws.on('error', () => {});
          ws.on('message', (data: Buffer) => (received += data.byteLength));
          closed.push(new Promise<void>((resolve) => ws.once('close', () => resolve())));
          return new Promise<WebSocket>((resolve) => ws.once('open', () => resolve(ws)));
        }),
      );
      for (const ws of sockets) {
        for (let k = 0; k < 50 && sent < FRAMES; k++, sent++) {
          if (ws.readyState !== WebSocket.OPEN) continue;
          const kind = prng.uint32(gen, 0, 3);
          if (kind === 0) ws.send(QUERY);
          else if (kind === 1) ws.send(STEP1);
          else ws.send(craftedPresence(gen, victims));
          if (kind < 2) flooded++;
        }
      }
      for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.close();
      await Promise.all(closed);
    }
    // A last honest change shows the watcher has seen everything before it.
    good.awareness.setLocalState({ ...person('good'), view: 'done' });
    await waitFor(() => (watcher.awareness.getStates().get(good.awareness.clientID) as { view?: string } | undefined)?.view === 'done', 'the final honest presence');
    await waitFor(() => watcher.awareness.getStates().size === 2, 'hostile presence gone with its connections');
    expect(watcher.awareness.getStates().get(good.awareness.clientID)).toEqual({ ...person('good'), view: 'done' });
    for (const state of watcher.awareness.getStates().values()) expect((state as { user: { color: string } }).user.color).toMatch(PRESENCE_COLOUR_RE);
    expect((await fetch(`${suite.server.url}/healthz`)).status).toBe(200);
    good.destroy();
    watcher.destroy();
    console.log(`guard fuzz: ${sent} frames (${flooded} queries/step 1), ${received} bytes answered to the attackers, ${Date.now() - started} ms`);
  }, 600_000);
});
