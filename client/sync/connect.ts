import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** One open plan in the browser: its doc and the provider that syncs it. */
export interface Connection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** The sync endpoint on the page's own origin (ws:// or wss://). */
export function syncUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`;
}

/**
 * Opens a plan with the stock y-websocket provider. The provider stops reconnecting by itself
 * on the server's permanent close codes (4400-4499) and emits `closed` with the code.
 */
export function connectPlan(planId: string, url = syncUrl()): Connection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, planId, doc, { maxBackoffTime: 5_000 });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
