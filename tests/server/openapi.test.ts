import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Role } from '../../shared/access.js';
import type { RunningServer } from '../../server/server.js';
import { openApiDocument } from '../../server/http/openapi.js';
import { renderWorkbook, XLSX_TYPE } from '../../server/export/xlsx.js';
import { auth, rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';
import { fullPlan, handbookMatrix } from '../shared/helpers/fixtures.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

/** Largest body this test's server accepts (small enough to provoke 413, big enough for the handbook plan). */
const MAX_BODY = 256 * 1024;

let dir: string;
let server: RunningServer;
let doc: Doc;
beforeAll(async () => {
  dir = tempDir();
  // A client build of one file, so the shell routes are registered too.
  const clientDir = path.join(dir, 'client');
  fs.mkdirSync(clientDir);
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Roundtable</title>');
  server = await startTestServer(path.join(dir, 'data'), { clientDir, maxBodyBytes: MAX_BODY });
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

/** `GET /api/plans/{id}` -> a regex matching concrete paths of that template. */
const templateRegex = (template: string) => new RegExp(`^${template.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
/** JSON pointer segment inside a URI fragment. */
const segment = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

/** Validates real responses against the document: path, method, status and body must all be documented. */
function responseChecker(document: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(document as object, 'openapi');
  const templates = Object.keys(document.paths).sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return (method: string, url: string, status: number, contentType: string, body: string): string[] => {
    const p = new URL(url, 'http://x').pathname;
    const template = templates.find((t) => templateRegex(t).test(p) && document.paths[t]![method.toLowerCase()]);
    if (!template) return [`${method} ${p} is not documented`];
    const response = document.paths[template]![method.toLowerCase()]!.responses[String(status)];
    if (!response) return [`${method} ${template} does not document status ${status}`];
    if (!response.content) return body === '' ? [] : [`${method} ${template} ${status} documents no body but got one`];
    const type = contentType.split(';')[0]!.trim();
    if (!response.content[type]) return [`${method} ${template} ${status} does not document ${type}`];
    const pointer = ['paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema'].map(segment).join('/');
    const validate = ajv.getSchema(`openapi#/${pointer}`)!;
    const value = type === 'application/json' ? (JSON.parse(body) as unknown) : body;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${method} ${template} ${status}: ${e.instancePath} ${e.message}`);
  };
}

describe('OpenAPI description', () => {
  it('documents exactly the routes the app registers', () => {
    const registered = server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect([...new Set(registered)].sort()).toEqual(documented.sort());
    expect(documented.length).toBeGreaterThanOrEqual(24);
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('the checker refuses an undocumented status, path or body (so the scenario below can fail)', () => {
    const check = responseChecker(doc);
    const json = 'application/json';
    expect(check('GET', '/api/plans/abc', 404, json, '{"error":{"code":"plan_not_found","message":"x"}}')).toEqual([]);
    expect(check('GET', '/api/plans/abc', 404, json, '{"error":{"code":"snapshot_not_found","message":"x"}}')).not.toEqual([]);
    // L20: a command's refusal carries its reader's message and parameters; only refusals keys.
    const refused = (key: string) => `{"error":{"code":"not_found","message":"x","params":{"detail":"x"},"refusal":{"key":"${key}","params":{"kind":"output","id":"op9"}}}}`;
    expect(check('POST', '/api/plans/abc/iati/link', 404, json, refused('refusals:notFound'))).toEqual([]);
    expect(check('POST', '/api/plans/abc/iati/link', 404, json, refused('errors:internal'))).not.toEqual([]);
    expect(check('GET', '/api/plans/abc', 418, json, '{}')).toEqual(['GET /api/plans/{id} does not document status 418']);
    expect(check('GET', '/api/nowhere', 200, json, '{}')).toEqual(['GET /api/nowhere is not documented']);
    expect(check('GET', '/api/plans/abc', 200, json, '{"id":"abc"}')).not.toEqual([]);
    expect(check('GET', '/api/plans/abc/export.json', 200, json, '{"format":"roundtable-plan/1","id":"p","title":"T","nonsense":1}')).not.toEqual([]);
    expect(check('GET', '/api/plans/abc/audit', 200, 'text/csv', 'time,action\r\n')).toEqual([]);
  });

  it('every real response of a full scenario matches the document', async () => {
    const check = responseChecker(doc);
    const problems: string[] = [];
    const seen = new Set<string>();
    /** Calls the real server and checks the answer against the document; returns status and parsed body. */
    const call = async (method: string, p: string, opts: { body?: unknown; raw?: string; xlsx?: Uint8Array; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      let body: string | Uint8Array<ArrayBuffer> | undefined = opts.raw;
      if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (opts.xlsx) (body = new Uint8Array(opts.xlsx)), (headers['content-type'] = XLSX_TYPE);
      const res = await fetch(server.url + p, { method, headers, body });
      const text = await res.text();
      problems.push(...check(method, p, res.status, res.headers.get('content-type') ?? '', text));
      seen.add(`${method} ${res.status}`);
      const parsed = (res.headers.get('content-type') ?? '').startsWith('application/json') ? (JSON.parse(text) as Record<string, any>) : text;
      return { status: res.status, body: parsed as Record<string, any> };
    };
    const as = (planId: string, role: Role = 'facilitator') => ({ headers: auth(planId, role) });

    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/api/openapi.json')).status).toBe(200);
    expect((await call('GET', '/')).status).toBe(200);

    // Plans: create, refuse, import, list.
    const created = await call('POST', '/api/plans', { body: { title: 'Scenario', country: 'SN', currency: 'XOF' } });
    expect(created.status).toBe(201);
    rememberLinks(created.body as { id: string; links: Record<Role, string> });
    const id = created.body.id as string;
    expect((await call('POST', '/api/plans', { body: { title: '' } })).status).toBe(400);
    expect((await call('POST', '/api/plans', { body: { title: 'x', country: 'Senegal' } })).status).toBe(400);
    expect((await call('POST', '/api/plans', { raw: '{ nope' })).status).toBe(400);
    // Over the socket the server answers 413 before the body is sent and closes, so ask the app itself.
    const tooLarge = await server.app.request('/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(MAX_BODY) }) });
    expect(tooLarge.status).toBe(413);
    problems.push(...check('POST', '/api/plans', 413, tooLarge.headers.get('content-type') ?? '', await tooLarge.text()));
    seen.add('POST 413');
    const bad = await call('POST', '/api/plans/import', { body: { format: 'roundtable-plan/1', id: 'x', title: 'Bad', goals: [{ id: 'g1' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.length).toBeGreaterThan(0);
    const imported = await call('POST', '/api/plans/import', { body: handbookMatrix() });
    expect(imported.status).toBe(201);
    rememberLinks(imported.body as { id: string; links: Record<Role, string> });
    const hb = imported.body.id as string;
    // An import with notes (a review bound to a snapshot the new plan lacks): `notes` and `importNotes` as documented (L27).
    const noted = await call('POST', '/api/plans/import', { body: fullPlan() });
    expect(noted.body.importNotes).toEqual([expect.objectContaining({ code: 'reviewUnbound' })]);
    rememberLinks(noted.body as { id: string; links: Record<Role, string> });
    expect((await call('GET', '/api/plans')).status).toBe(401);

    // Excel workbooks: a new plan, a bad workbook, filling the empty plan, refusing a full one.
    const workbook = await renderWorkbook({ plan: handbookMatrix(), snapshot: null, params: {}, generatedAt: new Date().toISOString() });
    const fromXlsx = await call('POST', '/api/plans/import.xlsx', { xlsx: workbook });
    expect(fromXlsx.status).toBe(201);
    const badXlsx = await call('POST', '/api/plans/import.xlsx', { xlsx: new TextEncoder().encode('no zip') });
    expect(badXlsx.body.error.problems[0]).toMatchObject({ sheet: null, row: null, column: null });
    expect((await call('POST', `/api/plans/${id}/import.xlsx`, { ...as(id, 'editor'), xlsx: workbook })).status).toBe(200);
    expect((await call('POST', `/api/plans/${id}/import.xlsx`, { ...as(id, 'editor'), xlsx: workbook })).status).toBe(409);
    // XL6: unlinking a donor activity the plan has no lines from.
    expect((await call('DELETE', `/api/plans/${id}/iati/link?donor=XM-DAC-1-2`, as(id))).status).toBe(404);
    expect((await call('DELETE', `/api/plans/${id}/iati/link`, as(id))).status).toBe(400);

    // One plan and what is derived from it.
    expect((await call('GET', `/api/plans/${id}`, as(id, 'observer'))).status).toBe(200);
    expect((await call('GET', `/plans/${id}`)).status).toBe(200);
    for (const what of ['export.json', 'export.html', 'export.docx', 'ranking', 'issues', 'budget']) {
      expect((await call('GET', `/api/plans/${hb}/${what}`, as(hb, 'observer'))).status, what).toBe(200);
      expect((await call('GET', `/api/plans/${id}/${what}`, as(id, 'editor'))).status, what).toBe(200);
    }
    expect((await call('GET', `/api/plans/${hb}/export.html?period=nope`, as(hb, 'observer'))).status).toBe(400);
    expect((await call('GET', `/api/plans/${hb}/export.html?colour=red`, as(hb, 'observer'))).status).toBe(400);
    expect((await call('GET', '/api/plans/bad.id')).status).toBe(400);
    expect((await call('GET', '/api/plans/nosuchplan', as(id))).status).toBe(404);
    expect((await call('GET', `/api/plans/${id}`)).status).toBe(401);
    expect((await call('GET', `/api/plans/${id}`, { headers: { authorization: `Bearer ${'A'.repeat(32)}` } })).status).toBe(401);

    // Links and the trail.
    expect((await call('GET', `/api/plans/${id}/links`, as(id, 'editor'))).status).toBe(403);
    const links = await call('GET', `/api/plans/${id}/links`, as(id));
    expect(links.status).toBe(200);
    const issued = await call('POST', `/api/plans/${id}/links`, { ...as(id), body: { role: 'observer' } });
    expect(issued.status).toBe(201);
    expect((await call('POST', `/api/plans/${id}/links`, { ...as(id), body: { role: 'owner' } })).status).toBe(400);
    expect((await call('POST', `/api/plans/${id}/links`, { ...as(id), body: { role: 'editor', label: 'x'.repeat(121) } })).status).toBe(400);
    const labelled = await call('POST', `/api/plans/${id}/links`, { ...as(id), body: { role: 'editor', label: '  for the Ministry of Labour ' } });
    expect(labelled.body.label).toBe('for the Ministry of Labour');
    const listed = await call('GET', `/api/plans/${id}/links`, as(id));
    expect((listed.body.links as { id: string; label: string }[]).find((l) => l.id === labelled.body.linkId)?.label).toBe('for the Ministry of Labour');
    expect((await call('DELETE', `/api/plans/${id}/links/${issued.body.linkId}`, as(id))).status).toBe(200);
    expect((await call('DELETE', `/api/plans/${id}/links/${issued.body.linkId}`, as(id))).status).toBe(404);

    // Versions: take, list, read, export, change, diff, restore, fork, refuse.
    const snap = await call('POST', `/api/plans/${hb}/snapshots`, { ...as(hb, 'editor'), body: { name: 'Workshop', note: 'n', status: 'workshop' } });
    expect(snap.status).toBe(201);
    const sid = snap.body.id as string;
    expect((await call('POST', `/api/plans/${hb}/snapshots`, { ...as(hb, 'editor'), body: { name: 'E', status: 'endorsed' } })).status).toBe(403);
    expect((await call('POST', `/api/plans/${hb}/snapshots`, { ...as(hb, 'observer'), body: { name: 'O' } })).status).toBe(403);
    expect((await call('POST', `/api/plans/${hb}/snapshots`, { ...as(hb), body: { name: '' } })).status).toBe(400);
    expect((await call('GET', `/api/plans/${hb}/snapshots`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/snapshots/${sid}`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/snapshots/nope`, as(hb))).status).toBe(404);
    expect((await call('GET', `/api/plans/${hb}/snapshots/${sid}/export.json`, as(hb))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/snapshots/${sid}/export.html`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('PATCH', `/api/plans/${hb}/snapshots/${sid}`, { ...as(hb), body: { name: 'Workshop 2' } })).status).toBe(200);
    expect((await call('PATCH', `/api/plans/${hb}/snapshots/${sid}`, { ...as(hb), body: { status: 'blessed' } })).status).toBe(400);
    expect((await call('GET', `/api/plans/${hb}/diff?from=${sid}&to=live`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/diff`, as(hb))).status).toBe(400);
    const restored = await call('POST', `/api/plans/${hb}/snapshots/${sid}/restore`, { ...as(hb), body: {} });
    expect(restored.status).toBe(200);
    const diff = await call('GET', `/api/plans/${hb}/diff?from=live&to=${restored.body.backup}`, as(hb));
    expect(diff.status).toBe(200);
    const fork = await call('POST', `/api/plans/${hb}/snapshots/${sid}/fork`, { ...as(hb, 'editor'), body: { title: 'Year 2' } });
    expect(fork.status).toBe(201);
    expect((await call('POST', `/api/plans/${hb}/snapshots/${sid}/fork`, { ...as(hb, 'editor'), body: { title: '' } })).status).toBe(400);
    expect((await call('PATCH', `/api/plans/${hb}/snapshots/${sid}`, { ...as(hb), body: { status: 'endorsed' } })).status).toBe(200);
    expect((await call('PATCH', `/api/plans/${hb}/snapshots/${sid}`, { ...as(hb), body: { note: 'again' } })).status).toBe(409);
    expect((await call('DELETE', `/api/plans/${hb}/snapshots/${sid}`, as(hb))).status).toBe(409);
    expect((await call('DELETE', `/api/plans/${hb}/snapshots/${restored.body.backup}`, as(hb))).status).toBe(204);

    // A snapshot whose file was altered.
    const draft = await call('POST', `/api/plans/${hb}/snapshots`, { ...as(hb), body: { name: 'Draft' } });
    const file = path.join(dir, 'data', 'plans', hb, 'snapshots', `${draft.body.id}.json`);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { state: string };
    const bytes = Buffer.from(stored.state, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    fs.writeFileSync(file, JSON.stringify({ ...stored, state: bytes.toString('base64') }));
    expect((await call('GET', `/api/plans/${hb}/snapshots/${draft.body.id}`, as(hb))).status).toBe(500);

    // The trail, as JSON and as CSV.
    expect((await call('GET', `/api/plans/${hb}/audit`, as(hb))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/audit?format=csv`, as(hb))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/audit`, as(hb, 'observer'))).status).toBe(403);
    expect((await call('GET', `/api/plans/${hb}/archive`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/history?entity=activity&limit=5`, as(hb, 'observer'))).status).toBe(200);
    expect((await call('GET', `/api/plans/${hb}/history?entity=nonsense`, as(hb, 'observer'))).status).toBe(400);

    // Comments (SPEC CM): an observer comments and edits it; an editor resolves; refusals.
    const observer = { headers: { ...auth(hb, 'observer'), 'x-participant': 'pObs', 'x-actor-name': 'Amina' } };
    const posted = await call('POST', `/api/plans/${hb}/comments`, { ...observer, body: { targetKind: 'outcome', targetId: 'oc1', body: 'Why this outcome?' } });
    expect(posted.status).toBe(201);
    const cid = posted.body.comment.id as string;
    expect((await call('POST', `/api/plans/${hb}/comments`, { ...observer, body: { targetKind: 'outcome', targetId: 'oc1', threadId: cid, body: 'And by when?' } })).status).toBe(201);
    expect((await call('POST', `/api/plans/${hb}/comments`, { ...observer, body: { targetKind: 'outcome', targetId: 'nope', body: 'x' } })).status).toBe(404);
    expect((await call('POST', `/api/plans/${hb}/comments`, { ...observer, body: { targetKind: 'outcome', targetId: 'oc1', body: ' ' } })).status).toBe(400);
    expect((await call('PATCH', `/api/plans/${hb}/comments/${cid}`, { ...observer, body: { body: 'Why this outcome first?' } })).status).toBe(200);
    expect((await call('PATCH', `/api/plans/${hb}/comments/${cid}`, { ...as(hb, 'editor'), body: { body: 'forged' } })).status).toBe(403);
    expect((await call('PATCH', `/api/plans/${hb}/comments/${cid}`, { ...as(hb, 'editor'), body: { resolved: true } })).status).toBe(200);
    expect((await call('PATCH', `/api/plans/${hb}/comments/nope`, { ...as(hb, 'editor'), body: { resolved: true } })).status).toBe(404);
    expect((await call('DELETE', `/api/plans/${hb}/comments/${cid}`, as(hb, 'editor'))).status).toBe(403);
    expect((await call('DELETE', `/api/plans/${hb}/comments/${cid}`, observer)).status).toBe(200);

    expect(problems).toEqual([]);
    // The scenario reached every kind of answer the API gives.
    for (const s of ['GET 200', 'POST 201', 'POST 400', 'POST 413', 'GET 400', 'GET 401', 'GET 403', 'GET 404', 'GET 500', 'PATCH 409', 'DELETE 204', 'DELETE 404']) {
      expect(seen, s).toContain(s);
    }
  }, 90_000); // a long scenario of real requests: the time limit only guards against a hang
});
