import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import type { RunningServer } from '../../server/server.js';
import { awarenessUpdateFrame, readSyncFrame, SYNC, syncStep1Frame, syncUpdateFrame } from '../../server/sync/frames.js';
import { MESSAGE } from '../../shared/protocol.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';
import { addGoal, goalIds } from '../helpers/plan-content.js';

/**
 * Hostile frames. `npm test` sends FUZZ_FRAMES (default 3,000) frames; `npm run fuzz` sends
 * 100,000. They travel over authenticated (editor) connections that stay open; a connection
 * the server closes is replaced by a new one. After each hostile frame the sender asks for
 * sync (a step 1 barrier) and waits for the answer or the close, so the next frame is not
 * lost on a closing socket. The server's own counters (`registry.frames`) must show that at
 * least 95 % of the hostile frames reached its decoder. Whatever arrives, the server keeps
 * running, a well-behaved client keeps syncing, and the stored plan loads afterwards with
 * exactly the good client's content.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000);
const CONNECTIONS = 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir, { maxMessageBytes: 64 * 1024 });
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

/** Share of frames that are oversized: `ws` refuses those before the decoder, so they stay rare. */
const OVERSIZED_ONE_IN = 50;

/** One hostile frame of a random family. */
function hostile(gen: prng.PRNG, foreignUpdate: Uint8Array): Uint8Array {
  if (prng.uint32(gen, 1, OVERSIZED_ONE_IN) === 1) return new Uint8Array(70 * 1024).fill(prng.uint32(gen, 0, 255));
  switch (prng.uint32(gen, 0, 5)) {
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
    case 4: // a garbled awareness update
      return awarenessUpdateFrame(prng.uint8Array(gen, prng.uint32(gen, 0, 40)));
    default: // an unknown message type
      return unknownType(prng.uint32(gen, 4, 1_000_000));
  }
}

/** How long one frame and its barrier may go unanswered before the run fails. */
const WATCHDOG_MS = 15_000;

/** The barrier: sync step 1 of an empty doc, which the server always answers with a step 2. */
const BARRIER = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));

/** True when a frame (possibly hostile) starts like a sync step 1, which the server may answer too. */
const looksLikeStep1 = (f: Uint8Array) => f.length > 1 && f[0] === MESSAGE.sync && f[1] === SYNC.step1;

/**
 * A hostile connection that stays open: `send` writes a frame and the barrier, then resolves
 * true when the barrier was answered (the connection is still open) or false when the server
 * closed the connection instead.
 */
class HostileSocket {
  private replies = 0;
  private wanted = 0;
  private wake: (() => void) | null = null;
  closed = false;
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      let step: number | undefined;
      try {
        step = readSyncFrame(new Uint8Array(data))?.step;
      } catch {
        step = undefined;
      }
      if (step === SYNC.step2) this.replies++;
      if (this.replies >= this.wanted) this.wake?.();
    });
    ws.once('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** Opens an authenticated connection to a plan. */
  static open(url: string): Promise<HostileSocket> {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new HostileSocket(ws)));
      ws.once('close', (code) => reject(new Error(`hostile connection refused: ${code}`)));
    });
  }

  /** Sends `frame` then the barrier; true when the barrier was answered, false when closed. */
  async send(frame: Uint8Array): Promise<boolean> {
    this.replies = 0;
    this.wanted = looksLikeStep1(frame) ? 2 : 1;
    this.ws.send(frame);
    this.ws.send(BARRIER);
    if (!this.closed && this.replies < this.wanted) {
      // A watchdog, not a timing assertion: a frame the server silently lost would hang the run.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.wake = resolve)),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the server neither answered the barrier nor closed')), WATCHDOG_MS))),
      ]).finally(() => clearTimeout(timer));
    }
    this.wake = null;
    return !this.closed && this.replies >= this.wanted;
  }

  /** Closes the connection from this side. */
  close(): void {
    this.ws.close();
  }
}

describe('hostile frames', () => {
  it(`${FRAMES} hostile frames over ${CONNECTIONS} open editor connections reach the decoder (>= 95 %) while a good client syncs`, async () => {
    const id = await createPlan(server);
    const good = openProvider(syncUrl(server), id);
    const watcher = openProvider(syncUrl(server), id);
    await Promise.all([waitSynced(good), waitSynced(watcher)]);
    // Frames the two good providers send from now on: one per local doc update, and one per
    // awareness change (y-websocket forwards remote presence changes too).
    let goodFrames = 0;
    good.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== good) goodFrames++;
    });
    for (const p of [good, watcher]) p.awareness.on('update', () => goodFrames++);
    const before = { ...server.registry.frames };

    const gen = prng.create(SEED);
    const foreign = new Y.Doc();
    foreign.getText('t').insert(0, 'foreign content that the server never saw');
    foreign.getText('t').insert(5, 'more');
    const foreignUpdate = Y.encodeStateAsUpdate(foreign);
    const url = `${syncUrl(server)}/${id}?token=${tokenFor(id, 'editor')}`;

    let sent = 0;
    let answered = 0;
    let connections = 0;
    let goodEdits = 0;
    const started = Date.now();
    const worker = async () => {
      let socket: HostileSocket | null = null;
      while (sent < FRAMES) {
        if (!socket || socket.closed) {
          socket = await HostileSocket.open(url);
          connections++;
          if (sent >= FRAMES) break;
        }
        const frame = hostile(gen, foreignUpdate);
        sent++;
        if (sent % 50 === 0) addGoal(good.doc, `edit${goodEdits++}`);
        if (await socket.send(frame)) answered++;
      }
      socket?.close();
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    await waitFor(() => goalIds(watcher.doc).length === goodEdits, 'the watcher saw every good edit', 20_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // What the server's decoder saw: every frame minus the answered barriers and the good clients' frames.
    const parsed = server.registry.frames.parsed - before.parsed - answered - goodFrames;
    const refused = server.registry.frames.refused - before.refused;
    console.log(
      `fuzz: ${sent} hostile frames, ${parsed} parsed by the server (${((100 * parsed) / sent).toFixed(1)} %), ` +
        `${refused} refused, ${connections} connections, ${goodEdits} good edits, ${Date.now() - started} ms`,
    );
    expect(parsed).toBeGreaterThanOrEqual(0.95 * sent);
    expect(parsed).toBeLessThanOrEqual(sent);
    // Most hostile frames are malformed: each closed its connection, and a new one took over.
    expect(refused).toBeGreaterThan(sent / 2);
    expect(connections).toBeGreaterThan(sent / 2);

    const expected = goalIds(good.doc);
    expect(expected).toHaveLength(goodEdits);
    good.destroy();
    watcher.destroy();
    // The stored plan still loads, with the good client's content and nothing foreign.
    await server.close();
    server = await startTestServer(dir, { maxMessageBytes: 64 * 1024 });
    const late = openProvider(syncUrl(server), id);
    await waitSynced(late);
    expect(goalIds(late.doc)).toEqual(expected);
    expect(late.doc.getText('t').toString()).toBe('');
    late.destroy();
  }, 600_000);
});
