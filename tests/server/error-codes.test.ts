import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { translator } from '../../server/i18n.js';
import { LOCALES } from '../../shared/i18n/locales.js';
import { errorKey } from '../../shared/i18n/error-key.js';
import { auth, createPlan, removeDir, startTestServer, tempDir, tokenFor } from '../helpers/test-server.js';

/** Largest body this test's server accepts (small, to provoke 413). */
const MAX_BODY = 64 * 1024;

let dir: string;
let server: RunningServer;
let planId: string;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir, { maxBodyBytes: MAX_BODY });
  planId = await createPlan(server, 'Error codes');
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

type ErrorBody = { error: { code: string; message: string; params: Record<string, string | number> } };

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

/** The message a reader gets for an error answer (what the browser does, L7): the `context` variant first. */
function read(locale: (typeof LOCALES)[number], e: ErrorBody['error']): string {
  const t = translator(locale);
  return t(errorKey(e.code, typeof e.params.context === 'string' ? e.params.context : ''), e.params);
}

describe('API errors carry a stable code and params (L7)', () => {
  it('[L7] refusals a person meets answer code, params and an English message, and read in every language', async () => {
    const observer = { authorization: `Bearer ${tokenFor(planId, 'observer')}` };
    const seen: ErrorBody['error'][] = [];

    // Not found, with the id as a parameter.
    const missing = await call('GET', '/api/plans/no-such-plan', auth(planId));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'plan_not_found', params: { planId: 'no-such-plan' } });
    expect(missing.body.error.message).toBe('There is no plan with id "no-such-plan".');
    seen.push(missing.body.error);

    // A refusal by role: the right is the variant, the role a parameter.
    const refused = await call('POST', `/api/plans/${planId}/snapshots`, observer, JSON.stringify({ name: 'v1' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', params: { context: 'snapshot', role: 'observer' } });
    seen.push(refused.body.error);

    // A closed (revoked) link.
    const issued = (await (await fetch(`${server.url}/api/plans/${planId}/links`, { method: 'POST', headers: { ...auth(planId), 'content-type': 'application/json' }, body: JSON.stringify({ role: 'editor' }) })).json()) as { linkId: string; url: string };
    const token = new URL(issued.url).searchParams.get('token')!;
    expect((await fetch(`${server.url}/api/plans/${planId}/links/${issued.linkId}`, { method: 'DELETE', headers: auth(planId) })).status).toBe(200);
    const closed = await call('GET', `/api/plans/${planId}`, { authorization: `Bearer ${token}` });
    expect(closed.status).toBe(401);
    expect(closed.body.error).toMatchObject({ code: 'unauthorized', params: { context: 'revoked' } });
    seen.push(closed.body.error);

    // Limits: a title too long names the maximum; a body too large names its byte limit.
    const title = await call('POST', '/api/plans', {}, JSON.stringify({ title: 'x'.repeat(500) }));
    expect(title.status).toBe(400);
    expect(title.body.error).toMatchObject({ code: 'invalid_title', params: { max: 200 } });
    seen.push(title.body.error);
    const big = await call('POST', '/api/plans/import', {}, JSON.stringify({ pad: 'x'.repeat(MAX_BODY) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'too_large', params: { max: MAX_BODY } });
    seen.push(big.body.error);

    // An import problem.
    const bad = await call('POST', '/api/plans/import', {}, '{"format": "roundtable-plan/1", "title": 5}');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_plan');
    expect(bad.body.error.params).toEqual({});
    seen.push(bad.body.error);

    // A rate limit: the 11th comment in a row.
    const comment = (i: number) => call('POST', `/api/plans/${planId}/comments`, auth(planId), JSON.stringify({ targetKind: 'section', targetId: 'bg-trends', body: `note ${i}`, name: 'Awa' }));
    let limited: Awaited<ReturnType<typeof comment>> | null = null;
    for (let i = 0; i < 30 && !limited; i++) {
      const r = await comment(i);
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(201);
    }
    expect(limited?.body.error).toMatchObject({ code: 'comment_rate', params: { burst: 10, perMinute: 20 } });
    seen.push(limited!.body.error);

    // Every answer reads in every language, with its parameters filled in and no placeholder left.
    for (const e of seen) {
      for (const l of LOCALES) {
        const text = read(l, e);
        expect(text, `${l} ${e.code}`).not.toMatch(/\{\{|^errors:/);
        for (const [k, v] of Object.entries(e.params)) if (k !== 'context' && k !== 'role') expect(text, `${l} ${e.code}`).toContain(String(v));
      }
    }
    expect(read('fr', closed.body.error)).toContain('révoqué');
    expect(read('es', refused.body.error)).toBe('Su enlace no permite guardar versiones ni duplicar este plan.');
    expect(read('ar', title.body.error)).toContain('200');
  });
});
