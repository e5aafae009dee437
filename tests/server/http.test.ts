import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
