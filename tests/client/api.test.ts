// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLinks } from '../../client/state/access.js';
import { ApiError, apiErrorOf, request, setActorName } from '../../client/state/api.js';

const T = (c: string) => c.repeat(32);
beforeEach(() => localStorage.clear());
afterEach(() => setActorName(''));

/** A fetch that records each call and answers with `answer`. */
function recorder(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return { calls, f };
}

describe('the API client', () => {
  it("turns the server's error body into an ApiError with status, code, message and problems", async () => {
    const body = { error: { code: 'invalid_plan', message: 'The plan was not imported: 1 problem(s) found.', problems: [{ path: '/goals/0', message: 'bad' }] } };
    const err = await apiErrorOf(new Response(JSON.stringify(body), { status: 400, statusText: 'Bad Request' }));
    expect(err).toBeInstanceOf(ApiError);
    // L7: the reader's message comes from the catalogue by code; the server's English text is kept.
    expect([err.status, err.code, err.message, err.serverMessage]).toEqual([400, 'invalid_plan', 'The plan was not imported: the file has problems (listed below).', 'The plan was not imported: 1 problem(s) found.']);
    expect(err.problems).toEqual([{ path: '/goals/0', message: 'bad' }]);
  });

  it('falls back to the status when the error body is not JSON or not the expected shape', async () => {
    const a = await apiErrorOf(new Response('<html>proxy error</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect([a.status, a.code, a.message, a.problems]).toEqual([502, 'http_502', '502 Bad Gateway', []]);
    const b = await apiErrorOf(new Response(JSON.stringify({ error: { message: 42, problems: 'x' } }), { status: 403, statusText: 'Forbidden' }));
    expect([b.code, b.message, b.problems]).toEqual(['http_403', '403 Forbidden', []]);
  });

  it('sends the strongest token held, the pseudonym and a JSON body; rejects a non-2xx answer', async () => {
    holdLinks({ id: 'p1', links: { editor: `http://x/plans/p1?token=${T('e')}`, observer: `http://x/plans/p1?token=${T('o')}` } });
    setActorName('Ana');
    const ok = recorder(() => new Response('{}', { status: 200 }));
    await request('/api/plans/p1/snapshots', { planId: 'p1', method: 'POST', body: { name: 'v1' }, fetch: ok.f });
    expect(ok.calls[0]!.init).toMatchObject({
      method: 'POST',
      body: '{"name":"v1"}',
      headers: { authorization: `Bearer ${T('e')}`, 'x-actor-name': 'Ana', 'content-type': 'application/json' },
    });
    const refused = recorder(() => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Facilitators only.' } }), { status: 403 }));
    await expect(request('/api/plans/p1/links', { planId: 'p1', fetch: refused.f })).rejects.toMatchObject({ status: 403, code: 'forbidden', message: 'Your link does not allow this.', serverMessage: 'Facilitators only.' });
  });

  it('sends no token on routes that are not a plan, and a string body as it is', async () => {
    const ok = recorder(() => new Response('{}', { status: 201 }));
    await request('/api/plans/import', { method: 'POST', body: '{"format":"x"}', fetch: ok.f });
    expect(ok.calls[0]!.init.headers).toEqual({ 'content-type': 'application/json' });
    expect(ok.calls[0]!.init.body).toBe('{"format":"x"}');
  });

  it('places workbook problems by sheet, row and column, and sends a workbook as it is with its content type', async () => {
    const body = {
      error: {
        code: 'invalid_workbook',
        message: '2 problem(s) found in the workbook; nothing was imported.',
        problems: [
          { sheet: 'Matrix', row: 9, column: 'J', message: 'not a number' },
          { sheet: null, row: null, column: null, message: 'whole file' },
        ],
      },
    };
    const err = await apiErrorOf(new Response(JSON.stringify(body), { status: 400 }));
    expect(err.problems).toEqual([
      { path: 'sheet Matrix, row 9, column J', message: 'not a number', at: { sheet: 'Matrix', row: 9, column: 'J' } },
      { path: '', message: 'whole file', at: { sheet: null, row: null, column: null } },
    ]);
    const ok = recorder(() => new Response('{}', { status: 201 }));
    const file = new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]);
    await request('/api/plans/import.xlsx', { method: 'POST', workbook: file, fetch: ok.f });
    expect(ok.calls[0]!.init.headers).toEqual({ 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(ok.calls[0]!.init.body).toBe(file);
  });
});
