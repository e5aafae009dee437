import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { addGoal, goalIds } from '../helpers/plan-content.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

/**
 * SPEC PR4 with real stock providers: a client whose network drops reconnects with the same
 * awareness client id while the server still holds its old socket (it has not seen it close).
 * The server probes the old socket (a ping, SPEC PR4); it does not answer, so it is dropped and
 * the presence passes to the new socket, which keeps it. The drop is made by a TCP proxy that
 * stops forwarding without closing the server's side.
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A TCP proxy to `port`; `blackhole()` cuts every open pair so the server sees nothing (no FIN, no data). */
async function proxy(port: number): Promise<{ url: string; blackhole(): void; release(): void }> {
  const pairs: [net.Socket, net.Socket][] = [];
  const cut: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => {});
    upstream.on('error', () => {});
    pairs.push([client, upstream]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  const address = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${address.port}/sync`,
    blackhole() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // The client's side ends; the server's side stays open and silent.
        client.destroy();
        upstream.pause();
        cut.push(upstream);
      }
    },
    /** Closes the server-side sockets that were cut: the server now sees the old connections end. */
    release() {
      for (const s of cut.splice(0)) s.destroy();
    },
  };
}

const person = (name: string) => ({ user: { id: 'amina', name, color: '#1f5fbf', group: null }, view: '', focus: '' });

describe('presence survives a reconnect the server has not noticed (PR4)', () => {
  it('the same awareness client id is shown again (its latest state) once the silent old socket fails its probe, and stays', async () => {
    const dir = tempDir();
    const server: RunningServer = await startTestServer(dir);
    cleanups.push(() => removeDir(dir), () => server.close());
    const id = await createPlan(server);
    const port = Number(new URL(server.url).port);
    const via = await proxy(port);
    const doc = new Y.Doc();
    const amina = openProvider(via.url, id, doc, tokenFor(id, 'editor'));
    const watcher = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, 'observer'));
    cleanups.push(() => amina.destroy(), () => watcher.destroy());
    amina.awareness.setLocalState(person('Amina'));
    await Promise.all([waitSynced(amina), waitSynced(watcher)]);
    const seen = () => (watcher.awareness.getStates().get(doc.clientID) as ReturnType<typeof person> | undefined)?.user.name;
    await waitFor(() => seen() === 'Amina', 'the watcher sees Amina');
    const connections = () => server.registry.use(id, (room) => room.size);
    expect(await connections()).toBe(2);

    // The network drops: the client's socket dies, the server's stays open and silent.
    const reconnected = new Promise<void>((resolve) => {
      amina.on('status', ({ status }: { status: string }) => status === 'connected' && resolve());
    });
    via.blackhole();
    (amina.ws as unknown as WebSocket).terminate();
    await reconnected;
    await waitSynced(amina);
    // A barrier: an edit sent after the re-announced presence reaches the watcher.
    addGoal(doc, 'g-after');
    await waitFor(() => goalIds(watcher.doc).includes('g-after'), 'the edit after the reconnect');
    // The stock client re-announced its state unchanged: the server shows it, owned by the new socket.
    amina.awareness.setLocalState(person('Amina back'));
    await waitFor(() => seen() === 'Amina back', 'the watcher sees the state set after the reconnect');

    // The server finally sees the old socket close: Amina's presence stays.
    via.release();
    for (let n = await connections(); n !== 2; n = await connections()) await new Promise((r) => setTimeout(r, 20));
    addGoal(doc, 'g-later');
    await waitFor(() => goalIds(watcher.doc).includes('g-later'), 'a later edit');
    expect(seen()).toBe('Amina back');
    expect(await server.registry.use(id, (room) => room.awareness.getStates().has(doc.clientID))).toBe(true);
  }, 60_000);
});
