import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNode, readPlan } from '../../shared/model.js';
import { MESSAGE } from '../../shared/protocol.js';
import { connectPlan, type Connection } from '../../client/sync/connect.js';
import type { RunningServer } from '../../server/server.js';
import { holdAppends } from '../helpers/held-appends.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function boot(): Promise<RunningServer> {
  const dir = tempDir();
  const server = await startTestServer(dir);
  cleanups.push(() => removeDir(dir), () => server.close());
  return server;
}

/** The web client's connection (stock y-websocket provider, `?ack=1`) in Node, with the `ws` socket. */
function open(server: RunningServer, planId: string): Connection {
  const conn = connectPlan(planId, { url: syncUrl(server), token: tokenFor(planId, 'editor'), WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  cleanups.push(() => conn.destroy());
  return conn;
}

/** A `ws` socket class that records the message type of every frame it receives. */
function recordingSocket(types: number[]): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: ArrayBuffer | Buffer) => types.push(new Uint8Array(data as ArrayBuffer)[0]!));
    }
  } as unknown as typeof globalThis.WebSocket;
}

const ME = { source: 'local', userId: 'tester' } as const;

describe('acknowledged saves over the real server', () => {
  it('an ?ack=1 client counts its change unsaved while the append is held, and saved once it returned', async () => {
    const server = await boot();
    const planId = await createPlan(server, 'Acked');
    const conn = open(server, planId);
    await waitSynced(conn.provider);
    await waitFor(() => conn.status().unsynced === 0 && conn.status().state === 'synced', 'the greeting to be acknowledged');
    const hold = holdAppends(server.store);
    cleanups.push(() => hold.release());
    // Reload the plan so the registry opens it through the holdable store.
    conn.provider.disconnect();
    await server.registry.unload(planId);
    conn.provider.connect();
    await waitSynced(conn.provider);
    await waitFor(() => conn.status().state === 'synced', 'synced again');
    const observer = openProvider(syncUrl(server), planId, new Y.Doc(), tokenFor(planId, 'observer'));
    cleanups.push(() => observer.destroy());
    await waitSynced(observer);

    hold.hold();
    const acks: number[] = [];
    const handler = conn.provider.messageHandlers[MESSAGE.ack]!;
    conn.provider.messageHandlers[MESSAGE.ack] = (...args) => {
      acks.push(args[4]);
      handler(...args);
    };
    expect(addNode(conn.doc, { kind: 'goal', title: 'Decent work abroad' }, ME).ok).toBe(true);
    expect(conn.status().unsynced).toBeGreaterThan(0);
    await waitFor(() => hold.waiting >= 1, 'the server to hold the append');
    // Barrier: presence the server relays after the held append reaches the writer, so an
    // acknowledgement sent before the append returned would have arrived by now.
    observer.awareness.setLocalState({ user: { id: 'watcher', name: 'Watcher', color: '#1f5fbf', group: null }, view: '', focus: '' });
    await waitFor(() => conn.provider.awareness.getStates().has(observer.doc.clientID), 'the observer\'s presence at the writer');
    expect(acks).toEqual([]);
    expect(conn.status().unsynced).toBeGreaterThan(0);
    hold.release();
    await waitFor(() => conn.status().unsynced === 0, 'the acknowledgement');
    expect(acks.length).toBeGreaterThan(0);
    // Acknowledged means stored: a restart of the plan from storage holds the goal.
    conn.destroy();
    await server.registry.unload(planId);
    const check = openProvider(syncUrl(server), planId);
    cleanups.push(() => check.destroy());
    await waitSynced(check);
    expect(readPlan(check.doc).goals.map((g) => g.title)).toEqual(['Decent work abroad']);
  });

  it('two connections to one plan in one process (the BroadcastChannel path) open, converge, and count only their own changes', async () => {
    const server = await boot();
    const planId = await createPlan(server);
    const first = open(server, planId);
    await waitFor(() => first.status().state === 'synced', 'the first connection to sync');
    // The second provider may receive the first one's doc over BroadcastChannel while it is still being
    // built; Yjs catches and logs what an update handler throws, so the log is where a fault shows.
    const errors = vi.spyOn(console, 'error');
    cleanups.push(() => errors.mockRestore());
    const second = open(server, planId);
    await waitFor(() => second.status().state === 'synced' && second.status().unsynced === 0, 'the second connection to sync with nothing of its own unsaved');
    expect(addNode(first.doc, { kind: 'goal', title: 'Diaspora skills' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(second.doc).goals.some((g) => g.title === 'Diaspora skills'), 'the goal at the second connection');
    await waitFor(() => first.status().unsynced === 0, 'the first connection saved');
    expect(second.status().unsynced).toBe(0);
    expect(errors.mock.calls.map((c) => String(c[0]) + ' ' + String(c[1] ?? ''))).toEqual([]);
  });

  it('a stock provider without ?ack=1 never receives a message type it does not know', async () => {
    const server = await boot();
    const planId = await createPlan(server, 'Stock');
    const acked = open(server, planId);
    const types: number[] = [];
    const plain = new (await import('y-websocket')).WebsocketProvider(syncUrl(server), planId, new Y.Doc(), {
      WebSocketPolyfill: recordingSocket(types),
      disableBc: true,
      params: { token: tokenFor(planId, 'editor') },
    });
    cleanups.push(() => plain.destroy());
    await waitSynced(plain);
    await waitSynced(acked.provider);
    // Both write; the ack client gets its acknowledgements, the stock one only stock messages.
    expect(addNode(plain.doc, { kind: 'goal', title: 'From the stock client' }, ME).ok).toBe(true);
    expect(addNode(acked.doc, { kind: 'goal', title: 'From the web client' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(plain.doc).goals.length === 2, 'the web client\'s goal to reach the stock client');
    await waitFor(() => acked.status().unsynced === 0, 'the web client\'s acknowledgement');
    expect(types.length).toBeGreaterThan(0);
    expect([...new Set(types)].every((t) => t <= MESSAGE.queryAwareness)).toBe(true);
  });
});
