import { WebsocketProvider } from 'y-websocket';
import { readAuthMessage } from 'y-protocols/auth';
import { MESSAGE } from '../../shared/protocol.js';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Role } from '../../shared/access.js';
import { guardSending, precheckText } from './precheck.js';

/** Longest wait between reconnect attempts, in ms. */
const MAX_BACKOFF_MS = 5_000;

/**
 * Connection states shown to people:
 * - connecting: first contact with the server (or a reconnect attempt while online);
 * - synced: connected and in step with the server, nothing waiting to be sent;
 * - offline: no connection; `unsynced` counts the changes kept on this device meanwhile;
 * - refused: the server closed for good (no such plan, bad request).
 */
export type ConnectionState = 'connecting' | 'synced' | 'offline' | 'refused';

/** The connection's state as one plain value. */
export interface ConnectionStatus {
  state: ConnectionState;
  /** Local changes made since the last time the server was in step. */
  unsynced: number;
  /** True once the copy stored on this device (IndexedDB) has been loaded. */
  local: boolean;
  /** Why the server refused, when `state` is refused. */
  refusal: string;
  /** The close code of a refusal (4401 wrong token, 4403 revoked, 4404 no such plan), else 0. */
  code: number;
}

/** One open plan in the browser: its doc, the provider that syncs it, and its status. */
export interface Connection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status(): ConnectionStatus;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (s: ConnectionStatus) => void): () => void;
  destroy(): void;
}

/** What a permanent close means for the person. */
export function refusalText(code: number, reason = ''): string {
  switch (code) {
    case 4401:
      return 'This link is not valid for this plan: the token is wrong or has been revoked. Ask the facilitator for a new invite link.';
    case 4403:
      return 'This link was revoked by a facilitator. Ask them for a new invite link.';
    case 4404:
      return 'This plan does not exist on this server.';
    case 4422:
      return `The server refused a change made here (${reason || 'a rule of the plan'}); it was not saved. Reload the page to continue from the saved plan.`;
    default:
      return `The server closed the connection (${code}${reason ? ` ${reason}` : ''}).`;
  }
}

/** The sync endpoint on the page's own origin (ws:// or wss://). */
export function syncUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`;
}

/**
 * The stock provider logs "Permission denied to access <url>" with the URL, which carries the
 * link's token, to the browser console (seen by anyone at the screen, extensions and error
 * reporters). Roundtable's own handler for that message logs only the server's reason.
 */
export function quietPermissionDenied(provider: WebsocketProvider): void {
  provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    readAuthMessage(decoder, provider.doc, (_doc, reason) => console.info(`Roundtable: ${reason}`));
  };
}

/**
 * Opens a plan with the stock y-websocket provider (the URL carries the token, the name and the
 * participant id whose score cells this connection may write), plus a copy on this device (y-indexeddb) so
 * a reload while offline keeps the edits. The provider stops reconnecting by itself on the
 * server's permanent close codes (4400-4499) and emits `closed`. The browser's offline/online
 * events disconnect and reconnect at once rather than waiting for a timeout. With `role`, local
 * changes are judged by the update gate's rules before they are sent (`precheck.ts`).
 */
export function connectPlan(planId: string, opts: { token?: string; name?: string; participant?: string; url?: string; role?: Role } = {}): Connection {
  const url = opts.url ?? syncUrl();
  const params: Record<string, string> = {};
  if (opts.token) params['token'] = opts.token;
  if (opts.name) params['name'] = opts.name;
  // The server lets this connection write only this participant's score cells.
  if (opts.participant) params['participant'] = opts.participant;
  const doc = new Y.Doc();
  let idb: IndexeddbPersistence | null = null;
  try {
    if (typeof indexedDB !== 'undefined') idb = new IndexeddbPersistence(`roundtable-plan-${planId}`, doc);
  } catch {
    idb = null;
  }
  const provider = new WebsocketProvider(url, planId, doc, { maxBackoffTime: MAX_BACKOFF_MS, params, connect: typeof navigator === 'undefined' || navigator.onLine !== false });
  quietPermissionDenied(provider);
  const listeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', unsynced: 0, local: idb === null, refusal: '', code: 0 };
  let everSynced = false;
  const set = (patch: Partial<ConnectionStatus>) => {
    const next = { ...status, ...patch };
    if (next.state === status.state && next.unsynced === status.unsynced && next.local === status.local && next.refusal === status.refusal && next.code === status.code) return;
    status = next;
    for (const l of [...listeners]) l(status);
  };
  const offlineState = (): ConnectionState => (everSynced || !navigator.onLine ? 'offline' : 'connecting');

  provider.on('status', ({ status: s }: { status: string }) => {
    if (status.state === 'refused') return;
    if (s === 'connected') set({ state: provider.synced ? 'synced' : 'connecting' });
    else if (s === 'disconnected') set({ state: offlineState() });
  });
  provider.on('sync', (synced: boolean) => {
    if (status.state === 'refused') return;
    if (synced) {
      everSynced = true;
      set({ state: 'synced', unsynced: 0 });
    }
  });
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
    // A refused update (4422) would be refused again from this device's copy: drop the copy,
    // so a reload starts from the saved plan instead of being locked out.
    if (code === 4422) void idb?.clearData();
    set({ state: 'refused', code, refusal: refusalText(code, reason) });
  });
  // A local change the server's update gate would refuse is judged here first (precheck.ts):
  // it is not sent, and the person reads why instead of being closed with 4422.
  const writer = () => (opts.role && opts.role !== 'observer' ? { canFacilitate: opts.role === 'facilitator', participantId: provider.params['participant'] ?? null } : null);
  guardSending(provider, writer, (origin) => origin !== idb, (refusal) => {
    set({ state: 'refused', code: 4422, refusal: precheckText(refusal) });
    provider.disconnect();
    void idb?.clearData();
  });
  // Local changes while not in step with the server are counted as "kept on this device".
  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === idb) return;
    if (!provider.wsconnected || !provider.synced) set({ unsynced: status.unsynced + 1 });
  };
  doc.on('update', onUpdate);
  idb?.whenSynced.then(
    () => set({ local: true }),
    () => set({ local: true }),
  );

  const goOffline = () => {
    provider.disconnect();
    if (status.state !== 'refused') set({ state: 'offline' });
  };
  const goOnline = () => {
    if (status.state === 'refused') return;
    set({ state: 'connecting' });
    provider.connect();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
  }
  if (!provider.shouldConnect) set({ state: 'offline' });

  return {
    doc,
    provider,
    status: () => status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
      }
      doc.off('update', onUpdate);
      listeners.clear();
      provider.destroy();
      void idb?.destroy();
      doc.destroy();
    },
  };
}
