import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE, MESSAGE } from '../../shared/protocol.js';
import type { RunningServer } from '../../server/server.js';
import { readSyncFrame, syncUpdateFrame } from '../../server/sync/frames.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';
import { addGoal, body, bodyString, goalIds, planText } from '../helpers/plan-content.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';

let dir: string;
let server: RunningServer;
const providers: WebsocketProvider[] = [];
const sockets: WebSocket[] = [];

function provider(room: string, doc = new Y.Doc()): WebsocketProvider {
  const p = openProvider(syncUrl(server), room, doc);
  providers.push(p);
  return p;
}

/**
 * A raw websocket to the sync route, for frames a stock client would never send. Every frame
 * it receives is collected in `received` from the first byte on.
 */
const received = new Map<WebSocket, Uint8Array[]>();
function raw(room: string): Promise<WebSocket> {
  let token = '';
  try {
    token = `?token=${tokenFor(room, 'editor')}`;
  } catch {
    /* a room this test did not create: no token */
  }
  const ws = new WebSocket(`${syncUrl(server)}/${room}${token}`);
  ws.binaryType = 'nodebuffer';
  sockets.push(ws);
  const frames: Uint8Array[] = [];
  received.set(ws, frames);
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

beforeEach(async () => {
  dir = tempDir();
  server = await startTestServer(dir);
});

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  received.clear();
  await server.close();
  removeDir(dir);
});

describe('sync over the stock y-websocket provider', () => {
  it('three clients converge on concurrent edits', async () => {
    const id = await createPlan(server);
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const ps = docs.map((d) => provider(id, d));
    await Promise.all(ps.map((p) => waitSynced(p)));
    docs.forEach((d, i) => {
      for (let k = 0; k < 20; k++) addGoal(d, `c${i}g${k}`);
      body(d).insert(0, `client ${i} `);
    });
    await waitFor(() => docs.every((d) => goalIds(d).length === 60 && planText(d) === planText(docs[0]!)), 'convergence');
    expect(body(docs[0]!).length).toBe('client 0 '.length * 3);
    for (let i = 0; i < 3; i++) expect(body(docs[0]!).toString()).toContain(`client ${i} `);
    expect(goalIds(docs[0]!)).toEqual([0, 1, 2].flatMap((i) => Array.from({ length: 20 }, (_, k) => `c${i}g${k}`)).sort());
  });

  it('a late joiner receives everything in its first sync', async () => {
    const id = await createPlan(server);
    const a = provider(id);
    await waitSynced(a);
    body(a.doc).insert(0, 'hello');
    await waitFor(() => server.store.get(id)!.updatedAt > server.store.get(id)!.createdAt, 'the server stored the edit');
    const b = provider(id);
    await waitSynced(b);
    expect(bodyString(b.doc)).toBe('hello');
  });

  it('presence reaches everyone and is removed when a client leaves', async () => {
    const id = await createPlan(server);
    const a = provider(id);
    const b = provider(id);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const amina = { user: { id: 'amina', name: 'Amina', color: '#cc0000', group: null }, view: '', focus: '' };
    a.awareness.setLocalState(amina);
    b.awareness.setLocalState({ user: { id: 'bruno', name: 'Bruno', color: '#0000cc', group: null }, view: '', focus: '' });
    await waitFor(() => a.awareness.getStates().size === 2 && b.awareness.getStates().size === 2, 'both see two states');
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual(amina);
    const c = provider(id);
    await waitSynced(c);
    await waitFor(() => c.awareness.getStates().size === 3, 'late joiner sees existing presence');
    a.destroy();
    await waitFor(() => !b.awareness.getStates().has(a.awareness.clientID), 'a removed from b');
    await waitFor(() => !c.awareness.getStates().has(a.awareness.clientID), 'a removed from c');
  });

  it('an unknown plan is refused with 4404 and the provider stops reconnecting', async () => {
    const p = provider('no-such-plan');
    const closed = await new Promise<{ code: number }>((resolve) => p.once('closed', (e) => resolve(e)));
    expect(closed.code).toBe(CLOSE.planNotFound);
    expect(p.shouldConnect).toBe(false);
    expect(server.store.has('no-such-plan')).toBe(false);
    expect(server.registry.size).toBe(0);
  });

  it('an id that is not a valid id shape is refused with 4404', async () => {
    for (const bad of ['..%2F..%2Fetc', '__proto__', 'a'.repeat(65), 'with.dot', '%ZZ']) {
      const ws = await raw(bad);
      expect(await closeCode(ws), bad).toBe(CLOSE.planNotFound);
    }
  });

  it('malformed, truncated and unknown frames close only that connection with 4400', async () => {
    const id = await createPlan(server);
    const good = provider(id);
    await waitSynced(good);
    body(good.doc).insert(0, 'safe');
    const frames: [string, Uint8Array][] = [
      ['unknown type', Uint8Array.of(99)],
      ['truncated sync', Uint8Array.of(MESSAGE.sync, 2, 50, 1, 2)],
      ['bad sync step', Uint8Array.of(MESSAGE.sync, 7, 0)],
      ['garbage update', Uint8Array.of(MESSAGE.sync, 2, 5, 255, 255, 255, 255, 255)],
      ['empty frame', new Uint8Array(0)],
      ['huge varint', Uint8Array.of(MESSAGE.sync, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1)],
      ['bad awareness', Uint8Array.of(MESSAGE.awareness, 3, 1, 2, 3)],
    ];
    for (const [what, frame] of frames) {
      const ws = await raw(id);
      const code = closeCode(ws);
      ws.send(frame);
      expect(await code, what).toBe(CLOSE.badMessage);
    }
    const text = await raw(id);
    const textCode = closeCode(text);
    text.send('hello');
    expect(await textCode).toBe(CLOSE.badMessage);
    // The good client still syncs, and the stored plan still loads with its content.
    body(good.doc).insert(4, '!');
    const late = provider(id);
    await waitSynced(late);
    await waitFor(() => bodyString(late.doc) === 'safe!', 'late joiner sees good edits');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('a reader that stops reading is closed with 1013 once its backlog passes MAX_BUFFERED_BYTES', async () => {
    await server.close();
    server = await startTestServer(dir, { maxBufferedBytes: 64 * 1024 });
    const id = await createPlan(server);
    const writer = provider(id);
    await waitSynced(writer);
    const stalled = await raw(id);
    const code = closeCode(stalled);
    // Stop reading: the kernel buffers fill, then the server's send backlog grows.
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = body(writer.doc);
    const connected = () => server.registry.use(id, (room) => room.size);
    // Each edit replaces the section body with 16 KB (the text stays within its 200,000 limit).
    for (let i = 0; i < 400 && (await connected()) === 2; i++) {
      writer.doc.transact(() => {
        text.delete(0, text.length);
        text.insert(0, `${i} `.padEnd(16 * 1024, 'x'));
      });
      await new Promise((r) => setImmediate(r));
    }
    expect(await connected()).toBe(1);
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await code).toBe(CLOSE.tryAgainLater);
    // The writer was not affected.
    const late = provider(id);
    await waitSynced(late);
    await waitFor(() => bodyString(late.doc) === text.toString(), 'late joiner has everything');
  });

  it('a frame over MAX_MESSAGE_BYTES closes with 1009', async () => {
    await server.close();
    server = await startTestServer(dir, { maxMessageBytes: 4096 });
    const id = await createPlan(server);
    const ws = await raw(id);
    const code = closeCode(ws);
    const big = new Uint8Array(10_000);
    big[0] = MESSAGE.sync;
    ws.send(big);
    expect(await code).toBe(CLOSE.tooBig);
    const p = provider(id);
    await waitSynced(p);
  });

  it('200 updates sent back-to-back reach an observer coalesced into far fewer messages (exactly one per turn: room.test.ts)', async () => {
    const id = await createPlan(server);
    const writer = provider(id);
    await waitSynced(writer);
    const observer = await raw(id);
    const frames = received.get(observer)!;
    await waitFor(() => frames.length >= 1, 'the server\'s sync step 1');
    frames.length = 0;
    let messages = 0;
    // 200 separate updates sent back-to-back on one socket arrive in one or a few reads.
    // A copy of the plan makes 200 edits (200 goals, one transaction each).
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 200; i++) addGoal(doc, `g${i}`);
    expect(updates).toHaveLength(200);
    const sender = await raw(id);
    for (const u of updates) sender.send(syncUpdateFrame(u));
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(writer.doc));
    await waitFor(() => {
      for (const m of frames.splice(0)) {
        const sync = readSyncFrame(m);
        if (!sync) continue;
        Y.applyUpdate(mirror, sync.payload);
        messages++;
      }
      return goalIds(mirror).length === 200;
    }, 'observer has all 200 goals');
    expect(messages).toBeLessThan(50);
  });
});
