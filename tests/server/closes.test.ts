import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectPlan, refusalWords, type Connection } from '../../client/sync/connect.js';
import { CLOSE } from '../../shared/protocol.js';
import en from '../../shared/i18n/en/index.js';
import type { RunningServer } from '../../server/server.js';
import { waitFor } from '../helpers/provider.js';
import { serverHarness } from '../helpers/server-harness.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

// The web client's own connection against the real server: a permanent close arrives as data
// (code and reason) and is worded from the catalogue when shown (SPEC L26).
const h = serverHarness();

function open(server: RunningServer, planId: string, token: string): Connection {
  const conn = connectPlan(planId, { url: syncUrl(server), token, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  h.cleanups.push(() => conn.destroy());
  return conn;
}

describe('socket closes (L26)', () => {
  it('[L26] a wrong token and an unknown plan close as data, worded from the catalogue without the token', async () => {
    const { server } = await h.boot();
    const id = await createPlan(server);
    const token = 'wrong-token-wrong-token-wrong';
    const wrong = open(server, id, token);
    await waitFor(() => wrong.status().state === 'refused', 'the wrong token refused');
    expect(wrong.status().refusal).toMatchObject({ code: CLOSE.unauthorized });
    const words = refusalWords(wrong.status().refusal!);
    expect(words).toBe(en.shell.closes.wrongToken);
    expect(words).not.toContain(token);
    expect(words).not.toContain('token=');

    const missing = open(server, 'p_nosuchplan00000000', token);
    await waitFor(() => missing.status().state === 'refused', 'the unknown plan refused');
    expect([CLOSE.unauthorized, CLOSE.planNotFound]).toContain(missing.status().code);
    expect(refusalWords(missing.status().refusal!)).not.toContain(token);
  });
});
