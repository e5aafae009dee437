import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorHandler, notFound, unwrap } from '../../server/http/errors.js';
import type { Logger } from '../../server/log.js';
import { fail, ok } from '../../shared/result.js';
import { SnapshotError } from '../../server/store/snapshot-store.js';
import type { RunningServer } from '../../server/server.js';
import { auth, rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';
import type { Role } from '../../shared/access.js';

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir);
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const req = (path: string, init?: RequestInit) => server.app.request(path, init);
const post = (path: string, body: string) =>
  req(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

function expectError(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('HTTP API', () => {
  it('GET /healthz answers 200 JSON', async () => {
    const res = await req('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('creates, lists and reads plans', async () => {
    const res = await post('/api/plans', JSON.stringify({ title: '  National POA 2027  ' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; title: string; url: string; createdAt: string; links: Record<Role, string> };
    expect(created.title).toBe('National POA 2027');
    expect(created.url).toBe(`/plans/${created.id}`);
    rememberLinks(created);
    for (const role of ['facilitator', 'editor', 'observer'] as const) {
      expect(created.links[role]).toMatch(new RegExp(`^http://localhost/plans/${created.id}\\?token=[A-Za-z0-9_-]{32}$`));
    }
    // There is no unauthenticated list of all plans.
    expect((await req('/api/plans')).status).toBe(401);
    const one = await req(`/api/plans/${created.id}`, { headers: auth(created.id, 'observer') });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: created.id, title: 'National POA 2027', role: 'observer' });
    const exported = await req(`/api/plans/${created.id}/export.json`, { headers: auth(created.id, 'observer') });
    expect(exported.status).toBe(200);
    expect(await exported.json()).toMatchObject({ format: 'roundtable-plan/1', title: 'National POA 2027' });
  });

  it('refuses bad input with JSON errors', async () => {
    let res = await post('/api/plans', '{ nope');
    expect(res.status).toBe(400);
    expectError(await res.json(), 'invalid_json');
    for (const body of ['{}', '{"title":""}', '{"title":42}', JSON.stringify({ title: 'x'.repeat(201) }), 'null', '[]']) {
      res = await post('/api/plans', body);
      expect(res.status, body).toBe(400);
      expectError(await res.json(), 'invalid_title');
    }
    res = await req('/api/plans/nothere', { headers: { authorization: 'Bearer xxxxxxxxxxxxxxxxxxxxxxxx' } });
    expect(res.status).toBe(404);
    expectError(await res.json(), 'plan_not_found');
    res = await req('/api/plans/bad.id/export.json');
    expect(res.status).toBe(400);
    expectError(await res.json(), 'invalid_id');
    res = await req('/no/such/route');
    expect(res.status).toBe(404);
    expectError(await res.json(), 'not_found');
  });

  it('refuses a body over MAX_BODY_BYTES with 413', async () => {
    const small = await startTestServer(tempDir(), { maxBodyBytes: 1024 });
    try {
      const res = await small.app.request('/api/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '5000' },
        body: JSON.stringify({ title: 'x'.repeat(4000) }),
      });
      expect(res.status).toBe(413);
      expectError(await res.json(), 'too_large');
      expect(small.store.list()).toHaveLength(0);
      // A streamed body (no Content-Length) is counted while it is read.
      const chunk = new TextEncoder().encode(JSON.stringify({ title: 'x'.repeat(4000) }));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      });
      const streamed = await small.app.request('/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(streamed.status).toBe(413);
      expectError(await streamed.json(), 'too_large');
      expect(small.store.list()).toHaveLength(0);
    } finally {
      await small.close();
      removeDir(small.store.dataDir);
    }
  });

  it('sends security headers', async () => {
    const res = await req('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('one error module', () => {
  /** A bare app with the real error handlers and a route that throws `err`, plus what was logged. */
  function throwing(err: unknown) {
    const logged: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error: (msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`) };
    const app = new Hono();
    app.onError(errorHandler(log));
    app.notFound(notFound);
    app.get('/boom', () => {
      throw err;
    });
    return { app, logged };
  }

  it('answers ApiError, SnapshotError and HTTPException with their status and code, unlogged', async () => {
    const cases: [unknown, number, object][] = [
      [new ApiError(400, 'invalid_plan', 'bad', { problems: [{ path: '/x', message: 'y' }] }), 400, { code: 'invalid_plan', message: 'bad', params: {}, problems: [{ path: '/x', message: 'y' }] }],
      [new SnapshotError('not_found', 'no such'), 404, { code: 'snapshot_not_found', message: 'no such', params: {} }],
      [new SnapshotError('endorsed', 'fixed'), 409, { code: 'snapshot_endorsed', message: 'fixed', params: {} }],
      [new SnapshotError('tampered', 'altered'), 500, { code: 'snapshot_tampered', message: 'altered', params: {} }],
      [new SnapshotError('invalid', 'wrong'), 400, { code: 'invalid_snapshot', message: 'wrong', params: {} }],
      [new HTTPException(405, { message: 'nope' }), 405, { code: 'http_error', message: 'nope', params: {} }],
    ];
    for (const [err, status, error] of cases) {
      const { app, logged } = throwing(err);
      const res = await app.request('/boom');
      expect(res.status, String(err)).toBe(status);
      expect(await res.json()).toEqual({ error });
      expect(logged).toEqual([]);
    }
  });

  it('answers anything else 500 without internals, and logs it', async () => {
    const { app, logged } = throwing(new Error('secret path /etc/passwd'));
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong on the server. Nothing was changed.', params: {} } });
    expect(text).not.toContain('secret');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('secret path');
    expect(await (await app.request('/elsewhere')).json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /elsewhere.', params: {} } });
  });

  it('unwrap gives a command\'s value or throws its refusal with a fitting status', () => {
    expect(unwrap(ok(7))).toBe(7);
    const refused = (code: Parameters<typeof fail>[0]) => {
      try {
        unwrap(fail(code, `refused: ${code}`));
      } catch (err) {
        return err instanceof ApiError ? [err.status, err.code, err.message] : err;
      }
      return 'did not throw';
    };
    expect(refused('not-found')).toEqual([404, 'command_not_found', 'refused: not-found']);
    expect(refused('invalid')).toEqual([400, 'command_invalid', 'refused: invalid']);
    expect(refused('level')).toEqual([400, 'command_level', 'refused: level']);
    expect(refused('locked')).toEqual([409, 'command_locked', 'refused: locked']);
    expect(refused('archived')).toEqual([409, 'command_archived', 'refused: archived']);
  });

  it('[L20] unwrap answers a worded refusal with its key and params besides the English detail', async () => {
    const thrown = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (err) {
        return err;
      }
    };
    const gone = await throwing(thrown(() => unwrap(fail('not-found', 'no goal with id "g1"', { key: 'refusals:notFound', params: { kind: 'goal', id: 'g1' } })))).app.request('/boom');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      error: { code: 'command_not_found', message: 'no goal with id "g1"', params: { detail: 'no goal with id "g1"' }, refusal: { key: 'refusals:notFound', params: { kind: 'goal', id: 'g1' } } },
    });
    expect(await (await throwing(thrown(() => unwrap(fail('invalid', 'refused')))).app.request('/boom')).json()).toEqual({ error: { code: 'command_invalid', message: 'refused', params: { detail: 'refused' } } });
  });
});
