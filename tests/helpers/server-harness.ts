import { afterEach } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../shared/access.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider } from './provider.js';
import { auth, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from './test-server.js';

/** An HTTP answer as the tests read it. */
export interface CallAnswer {
  status: number;
  body: Record<string, any>;
}

/**
 * Servers, clients and data folders for one test file, closed and removed after each test
 * (registered with `afterEach`; `cleanups` takes more).
 */
export function serverHarness() {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    cleanups,
    /** Starts the real server on port 0 over `dir` (a new temporary folder when not given). */
    async boot(dir?: string): Promise<{ server: RunningServer; dir: string }> {
      if (!dir) {
        const made = tempDir();
        cleanups.push(() => removeDir(made));
        dir = made;
      }
      const server = await startTestServer(dir);
      cleanups.push(() => server.close());
      return { server, dir };
    },
    /** A y-websocket client of plan `id` with the invite token of `role` (and query `params`). */
    provider(server: RunningServer, id: string, role: Role, params: Record<string, string> = {}): WebsocketProvider {
      const p = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, role), params);
      cleanups.push(() => p.destroy());
      return p;
    },
    /** Calls `/api/plans/<id>/<path>` as `role` with a JSON `body`; answers status and JSON body. */
    async call(server: RunningServer, id: string, role: Role, path: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallAnswer> {
      const res = await fetch(`${server.url}/api/plans/${id}/${path}`, { method, headers: { ...auth(id, role), 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    },
  };
}
