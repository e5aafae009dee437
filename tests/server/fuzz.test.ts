import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import type { RunningServer } from '../../server/server.js';
import { awarenessUpdateFrame, syncUpdateFrame } from '../../server/sync/frames.js';
import { MESSAGE } from '../../shared/protocol.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor, UNGATED } from '../helpers/test-server.js';

/**
 * Hostile frames. `npm test` sends FUZZ_FRAMES (default 3,000) frames; `npm run fuzz` sends
 * 100,000. Whatever arrives, the server keeps running, a well-behaved client keeps syncing,
 * and the stored plan loads afterwards with exactly the good client's content.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000);
const CONNECTIONS = 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir, { ...UNGATED, maxMessageBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

/** A frame of an unknown message type (the frames module only writes valid ones). */
const unknownType = (type: number) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  return encoding.toUint8Array(e);
};

/** One hostile frame of a random family. */
function hostile(gen: prng.PRNG, foreignUpdate: Uint8Array): Uint8Array {
  switch (prng.uint32(gen, 0, 6)) {
    case 0: // random bytes
      return prng.uint8Array(gen, prng.uint32(gen, 0, 64));
    case 1: {
      // a truncated valid update
      const full = syncUpdateFrame(foreignUpdate);
      return full.subarray(0, prng.uint32(gen, 1, full.length - 1));
    }
    case 2: // huge varints
      return Uint8Array.from([MESSAGE.sync, prng.uint32(gen, 0, 2), 255, 255, 255, 255, 255, 255, 255, 255, 255, 127]);
    case 3: // an update that references items the server has never seen
      return syncUpdateFrame(foreignUpdate.subarray(Math.floor(foreignUpdate.length / 2)));
    case 4: // an oversized frame
      return new Uint8Array(70 * 1024).fill(prng.uint32(gen, 0, 255));
    case 5: // a garbled awareness update
      return awarenessUpdateFrame(prng.uint8Array(gen, prng.uint32(gen, 0, 40)));
    default: // an unknown message type
      return unknownType(prng.uint32(gen, 4, 1_000_000));
  }
}

describe('hostile frames', () => {
  it(`survives ${FRAMES} hostile frames over ${CONNECTIONS} connections while a good client syncs`, async () => {
    const id = await createPlan(server);
    const good = openProvider(syncUrl(server), id);
    const watcher = openProvider(syncUrl(server), id);
    await Promise.all([waitSynced(good), waitSynced(watcher)]);
    const gen = prng.create(SEED);
    const foreign = new Y.Doc();
    foreign.getText('t').insert(0, 'foreign content that the server never saw');
    foreign.getText('t').insert(5, 'more');
    const foreignUpdate = Y.encodeStateAsUpdate(foreign);

    let sent = 0;
    let goodEdits = 0;
    const started = Date.now();
    while (sent < FRAMES) {
      // Each wave: open connections, fire frames at them, let the good client edit meanwhile.
      const wave = Math.min(CONNECTIONS, Math.ceil((FRAMES - sent) / 50));
      // Half the hostile connections hold a valid editor token, half none (refused with 4401).
      const closed: Promise<void>[] = [];
      const sockets = await Promise.all(
        Array.from({ length: wave }, (_, i) => {
          const ws = new WebSocket(`${syncUrl(server)}/${id}${i % 2 === 0 ? `?token=${tokenFor(id, 'editor')}` : ''}`);
          ws.on('error', () => {});
          closed.push(new Promise<void>((resolve) => ws.once('close', () => resolve())));
          return new Promise<WebSocket>((resolve) => ws.once('open', () => resolve(ws)));
        }),
      );
      for (const ws of sockets) {
        for (let k = 0; k < 50 && sent < FRAMES; k++, sent++) {
          if (ws.readyState === WebSocket.OPEN) ws.send(hostile(gen, foreignUpdate));
        }
      }
      good.doc.getArray('edits').push([goodEdits++]);
      for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.close();
      await Promise.all(closed);
    }
    await waitFor(() => watcher.doc.getArray('edits').length === goodEdits, 'the watcher saw every good edit', 20_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const expected = good.doc.getArray('edits').toArray();
    good.destroy();
    watcher.destroy();
    // The stored plan still loads, with the good client's content and nothing foreign.
    await server.close();
    server = await startTestServer(dir, { ...UNGATED, maxMessageBytes: 64 * 1024 });
    const late = openProvider(syncUrl(server), id);
    await waitSynced(late);
    expect(late.doc.getArray('edits').toArray()).toEqual(expected);
    expect(late.doc.getText('t').toString()).toBe('');
    late.destroy();
    console.log(`fuzz: ${sent} frames, ${goodEdits} good edits, ${Date.now() - started} ms`);
  }, 600_000);
});
