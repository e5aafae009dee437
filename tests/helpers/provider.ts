import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tokenFor } from './test-server.js';

/**
 * A stock y-websocket provider in Node: the `ws` polyfill, no BroadcastChannel, and the
 * plan's token as `?token=` (by default the editor token of a plan this run created; pass
 * null for none).
 */
export function openProvider(
  serverUrl: string,
  room: string,
  doc = new Y.Doc(),
  token: string | null = knownToken(room),
  /** More query parameters, e.g. `{ participant }` (the score cells the connection may write). */
  params: Record<string, string> = {},
): WebsocketProvider {
  return new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { ...params, token } : params,
  });
}

function knownToken(room: string): string | null {
  try {
    return tokenFor(room, 'editor');
  } catch {
    return null;
  }
}

/** Resolves when the provider has synced with the server (rejects after `ms`). */
export function waitSynced(provider: WebsocketProvider, ms = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync in time')), ms);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Polls `check` until it returns true (rejects with `what` after `ms`). */
export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
