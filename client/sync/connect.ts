import { WebsocketProvider } from 'y-websocket';
import { readAuthMessage } from 'y-protocols/auth';
import { ACK_PARAM, MESSAGE } from '../../shared/protocol.js';
import { readAckCount, SaveTracker } from './save-tracker.js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { FrameBatch } from './after-paint.js';
import * as Y from 'yjs';
import type { Role } from '../../shared/access.js';
import { gateReason, guardSending, loadGateWords, precheckText } from './precheck.js';
import type { Refusal } from '../../shared/rules/update-gate.js';
import { labelled, t } from '../i18n.js';

/** Longest wait between reconnect attempts, in ms. */
const MAX_BACKOFF_MS = 5_000;

/**
 * Connection states shown to people:
 * - connecting: first contact with the server (or a reconnect attempt while online);
 * - synced: connected and in step with the server (`unsynced` changes still wait for the
 *   server's acknowledgement that they are stored);
 * - offline: no connection; `unsynced` counts the changes kept on this device meanwhile;
 * - refused: the server closed for good (no such plan, bad request).
 */
export type ConnectionState = 'connecting' | 'synced' | 'offline' | 'refused';

/** The connection's state as one plain value. */
export interface ConnectionStatus {
  state: ConnectionState;
  /**
   * Local changes the server has not yet acknowledged as durably stored (`?ack=1`): 0 means
   * every change made here is saved on the server.
   */
  unsynced: number;
  /** True once the copy stored on this device (IndexedDB) has been loaded. */
  local: boolean;
  /**
   * False while this connection's first sync (which may carry edits kept on this device) or
   * any later change waits for the server's acknowledgement; always true without `ack`.
   */
  settled: boolean;
  /** Why the server (or this page, before sending) refused, when `state` is refused: data, worded when shown (`refusalWords`). */
  refusal: Refused | null;
  /** The close code of a refusal (4401 wrong token, 4403 revoked, 4404 no such plan), else 0. */
  code: number;
}

/** Where the save state reads the connection's status: its latest value and its changes. */
export interface StatusSource {
  /** The latest status. */
  readonly status: ConnectionStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (s: ConnectionStatus) => void): () => void;
}

/**
 * Whether what the shell shows of the connection changed (SPEC MP6): its state, the device copy,
 * the refusal. The count of changes not saved and their acknowledgement are the save state's
 * alone (`rt-save-state`), so a keystroke does not render the workspace or its header.
 */
export function shellStatusChanged(a: ConnectionStatus, b: ConnectionStatus): boolean {
  return a.state !== b.state || a.local !== b.local || a.refusal !== b.refusal || a.code !== b.code;
}

/** A permanent refusal as data, worded in the reader's language when shown (`refusalWords`; L25, L26). */
export interface Refused {
  /** The close code: 4401 wrong token, 4403 revoked, 4404 no such plan, 4422 an update the gate refused. */
  code: number;
  /** The server's close reason (`<rule> <code>` for 4422), '' when none. */
  reason: string;
  /** The gate's refusal found on this device before sending (precheck.ts), with its parameters. */
  gate?: Refusal;
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

/**
 * What a permanent close means for the person, in the reader's language (L26): 4401 (wrong token),
 * 4403 (revoked link) and 4404 (no such plan) have their own sentences, which never repeat the
 * link or its token; 4422 words the gate's reason `<rule> <code>` (L25); any other code is named
 * with the server's reason as sent.
 */
export function refusalText(code: number, reason = ''): string {
  switch (code) {
    case 4401:
      return t('shell:closes.wrongToken');
    case 4403:
      return t('shell:closes.revoked');
    case 4404:
      return t('shell:closes.noPlan');
    case 4422: {
      // The server's reason is `<rule> <code>` (e.g. `ST2 stage-move`): worded for the reader where the catalogue has it (L16).
      const m = /^(\w+) ([\w-]+)$/.exec(reason);
      return t('shell:refusals.server', { reason: m ? labelled(m[1]!, gateReason(m[1]!, m[2]!, reason)) : reason || t('shell:refusals.aRule') });
    }
    default:
      return reason ? t('shell:closes.otherReason', { code, reason }) : t('shell:closes.other', { code });
  }
}

/** A refusal in the reader's language (call it when rendering, so a language switch re-words it). */
export function refusalWords(refused: Refused): string {
  return refused.gate ? precheckText(refused.gate) : refusalText(refused.code, refused.reason);
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
export function connectPlan(
  planId: string,
  opts: {
    token?: string;
    name?: string;
    participant?: string;
    url?: string;
    /** The WebSocket class (default the browser's; the `ws` package in Node). */
    WebSocket?: typeof WebSocket;
    /** Ask for acknowledged saves (default true; false for read-only links, whose writes are never stored). */
    ack?: boolean;
    /** The link's role: local changes it may not make are refused here, before sending (precheck.ts). */
    role?: Role;
  } = {},
): Connection {
  const url = opts.url ?? syncUrl();
  // Acknowledged saves: the server tells this connection when its changes are stored.
  const ack = opts.ack ?? true;
  const params: Record<string, string> = ack ? { [ACK_PARAM]: '1' } : {};
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
  // The device copy's put waits for the frame after the change too, merged per frame (SPEC MP7);
  // nothing is put once the copy is closed or cleared (a refusal drops it).
  const storeHeld = idb ? holdAfterPaint(doc, idb) : null;
  const listeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', unsynced: 0, local: idb === null, settled: !ack, refusal: null, code: 0 };
  let everSynced = false;
  const set = (patch: Partial<ConnectionStatus>) => {
    const next = { ...status, ...patch };
    if (next.state === status.state && next.unsynced === status.unsynced && next.local === status.local && next.settled === status.settled && next.refusal === status.refusal && next.code === status.code) return;
    status = next;
    for (const l of [...listeners]) l(status);
  };
  // Registered before the provider's own listener, so a change is counted before it is sent.
  const tracker = new SaveTracker((unsaved, settled) => set({ unsynced: unsaved, settled: settled || !ack }));
  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    // `instanceof`, not `=== provider`: the provider may apply a BroadcastChannel update while it
    // is still being constructed (another connection to the same plan in this process or tab).
    if (origin instanceof WebsocketProvider || origin === idb) return;
    tracker.local();
  };
  doc.on('update', onUpdate);
  const provider = new WebsocketProvider(url, planId, doc, {
    maxBackoffTime: MAX_BACKOFF_MS,
    params,
    connect: typeof navigator === 'undefined' || navigator.onLine !== false,
    WebSocketPolyfill: countingSocket(opts.WebSocket ?? WebSocket, tracker),
  });
  quietPermissionDenied(provider);
  if (ack) provider.messageHandlers[MESSAGE.ack] = (_encoder, decoder, p) => tracker.acked(p.ws, readAckCount(decoder));
  provider.on('connection-close', () => tracker.closed());
  const offlineState = (): ConnectionState => (everSynced || (typeof navigator !== 'undefined' && !navigator.onLine) ? 'offline' : 'connecting');

  provider.on('status', ({ status: s }: { status: string }) => {
    if (status.state === 'refused') return;
    if (s === 'connected') set({ state: provider.synced ? 'synced' : 'connecting' });
    else if (s === 'disconnected') set({ state: offlineState() });
  });
  provider.on('sync', (synced: boolean) => {
    if (status.state === 'refused') return;
    if (synced) {
      everSynced = true;
      set({ state: 'synced' });
    }
  });
  // Refused for good at once; the reason follows once its words are in (a gate refusal's namespace
  // loads only now, L25), so the alert is read once, in the reader's language.
  const refuse = (refused: Refused) => {
    set({ state: 'refused', code: refused.code });
    if (refused.code !== 4422) set({ refusal: refused });
    else void loadGateWords().then(() => set({ refusal: refused }));
  };
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
    // A refused update (4422) would be refused again from this device's copy: drop the copy,
    // so a reload starts from the saved plan instead of being locked out.
    if (code === 4422) void idb?.clearData();
    refuse({ code, reason });
  });
  // A local change the server's update gate would refuse is judged here first (precheck.ts):
  // it is not sent, and the person reads why instead of being closed with 4422.
  const writer = () => (opts.role && opts.role !== 'observer' ? { canFacilitate: opts.role === 'facilitator', participantId: provider.params['participant'] ?? null } : null);
  // Sent after the frame that shows the change, one merged update per frame (SPEC MP7).
  const guard = guardSending(provider, writer, (origin) => origin !== idb, (refusal) => {
    refuse({ code: 4422, reason: `${refusal.rule} ${refusal.code}`, gate: refusal });
    provider.disconnect();
    void idb?.clearData();
  }, { afterPaint: true });
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
  // A page being hidden or closed sends what it holds at once (SPEC MP7).
  const flushHeld = () => {
    guard.flush();
    storeHeld?.flush();
  };
  const onVisibility = () => document.visibilityState === 'hidden' && flushHeld();
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    window.addEventListener('pagehide', flushHeld);
    document.addEventListener('visibilitychange', onVisibility);
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
      flushHeld();
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
        window.removeEventListener('pagehide', flushHeld);
        document.removeEventListener('visibilitychange', onVisibility);
      }
      doc.off('update', onUpdate);
      listeners.clear();
      provider.destroy();
      void idb?.destroy();
      doc.destroy();
    },
  };
}

/**
 * Puts the device copy's writes after paint (SPEC MP7): y-indexeddb's own `update` listener is
 * replaced by one that holds each update (except those it loaded itself) in a {@link FrameBatch}
 * and hands the merged update to it after the frame; its `destroy` removes the replacement.
 */
function holdAfterPaint(doc: Y.Doc, idb: IndexeddbPersistence): FrameBatch {
  const store = idb._storeUpdate;
  const batch = new FrameBatch((update, origin) => {
    if (!idb._destroyed) store(update, origin);
  }, Y.mergeUpdates);
  const hold = (update: Uint8Array, origin: unknown) => {
    if (origin !== idb) batch.add(update, origin);
  };
  doc.off('update', store);
  doc.on('update', hold);
  idb._storeUpdate = hold;
  return batch;
}

/**
 * The provider's WebSocket class, with every frame it sends shown to the save tracker first
 * (it numbers the update messages as the server does). Nothing else changes.
 */
function countingSocket(Base: typeof WebSocket, tracker: SaveTracker): typeof WebSocket {
  return class CountingSocket extends Base {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data instanceof Uint8Array) tracker.frame(this, data);
      super.send(data);
    }
  };
}
