import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode, readPlan, setCriteriaAgreement, setGoalStatus } from '../../shared/model.js';
import { CLOSE, MESSAGE } from '../../shared/protocol.js';
import type { Role } from '../../shared/access.js';
import type { RunningServer } from '../../server/server.js';
import { AccessStore } from '../../server/access/access-store.js';
import { authorizePlanAccess } from '../../server/access/auth.js';
import { syncStep2Frame, syncUpdateFrame } from '../../server/sync/frames.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function boot(overrides = {}): Promise<{ server: RunningServer; dir: string }> {
  const dir = tempDir();
  const server = await startTestServer(dir, overrides);
  cleanups.push(() => removeDir(dir), () => server.close());
  return { server, dir };
}

function provider(server: RunningServer, id: string, token: string | null): WebsocketProvider {
  const p = openProvider(syncUrl(server), id, new Y.Doc(), token);
  cleanups.push(() => p.destroy());
  return p;
}

function closedWith(p: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => p.once('closed', (e: { code: number }) => resolve(e.code)));
}

const ME = { source: 'local', userId: 'tester' } as const;


/** Resolves when `ws` receives the server's answer to a presence query sent now (frames are handled in order). */
function barrier(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer | ArrayBuffer) => {
      if (new Uint8Array(data)[0] !== MESSAGE.awareness) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.send(Uint8Array.of(MESSAGE.queryAwareness));
  });
}

describe('access over HTTP', () => {
  it('every plan route answers 401 without a token, 403 for a role without the right', async () => {
    const { server } = await boot();
    const id = await createPlan(server, 'Role matrix');
    const sid = ((await (await fetch(`${server.url}/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...auth(id), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'S' }) })).json()) as { id: string }).id;
    const json = { 'content-type': 'application/json' };
    // [method, path, body, the least role that may call it]
    const routes: [string, string, unknown, Role][] = [
      ['GET', `/api/plans/${id}`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/export.json`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/ranking`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/issues`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/budget`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/snapshots`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/snapshots/${sid}`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/snapshots/${sid}/export.json`, undefined, 'observer'],
      ['GET', `/api/plans/${id}/diff?from=${sid}&to=live`, undefined, 'observer'],
      ['POST', `/api/plans/${id}/snapshots`, { name: 'x' }, 'editor'],
      ['POST', `/api/plans/${id}/snapshots/${sid}/fork`, {}, 'editor'],
      ['PATCH', `/api/plans/${id}/snapshots/${sid}`, { note: 'n' }, 'facilitator'],
      ['POST', `/api/plans/${id}/snapshots/${sid}/restore`, {}, 'facilitator'],
      ['GET', `/api/plans/${id}/links`, undefined, 'facilitator'],
      ['POST', `/api/plans/${id}/links`, { role: 'observer' }, 'facilitator'],
      ['GET', `/api/plans/${id}/audit`, undefined, 'facilitator'],
      ['DELETE', `/api/plans/${id}/snapshots/${sid}`, undefined, 'facilitator'],
    ];
    const rank: Record<Role, number> = { observer: 0, editor: 1, facilitator: 2 };
    for (const [method, p, body, least] of routes) {
      const init = (headers: Record<string, string>) => ({
        method,
        headers: body === undefined ? headers : { ...headers, ...json },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const none = await fetch(server.url + p, init({}));
      expect(none.status, `${method} ${p} without token`).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const wrong = await fetch(server.url + p, init({ authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
      expect(wrong.status, `${method} ${p} wrong token`).toBe(401);
      for (const role of ['observer', 'editor', 'facilitator'] as const) {
        const res = await fetch(server.url + p, init(auth(id, role)));
        if (rank[role] < rank[least]) {
          expect(res.status, `${method} ${p} as ${role}`).toBe(403);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        } else {
          expect(res.status, `${method} ${p} as ${role}`).toBeLessThan(400);
        }
      }
    }
    // Only a facilitator can endorse, even when creating.
    const endorse = await fetch(`${server.url}/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...auth(id, 'editor'), ...json }, body: JSON.stringify({ name: 'E', status: 'endorsed' }) });
    expect(endorse.status).toBe(403);
  });

  it('tokens are random, shown once, and stored only as hashes', async () => {
    const { server, dir } = await boot();
    const id = await createPlan(server);
    const stored = fs.readFileSync(path.join(dir, 'plans', id, 'access.json'), 'utf8');
    for (const role of ['facilitator', 'editor', 'observer'] as const) {
      const token = tokenFor(id, role);
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(stored).not.toContain(token);
    }
    const links = (await (await fetch(`${server.url}/api/plans/${id}/links`, { headers: auth(id) })).json()) as { links: object[] };
    expect(JSON.stringify(links)).not.toMatch(/hash|token/);
  });

  it('with ADMIN_TOKEN set, creating and listing plans need it', async () => {
    const admin = 'admin-token-for-tests-0123456789';
    const { server } = await boot({ adminToken: admin });
    const body = JSON.stringify({ title: 'Guarded' });
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/api/plans`, { method: 'POST', headers, body })).status).toBe(401);
    expect((await fetch(`${server.url}/api/plans/import`, { method: 'POST', headers, body: '{}' })).status).toBe(401);
    const ok = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${admin}` }, body });
    expect(ok.status).toBe(201);
    const list = await fetch(`${server.url}/api/plans`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await list.json()) as { plans: unknown[] }).plans).toHaveLength(1);
    expect((await fetch(`${server.url}/api/plans`)).status).toBe(401);
  });
});

describe('one access check for HTTP and the websocket', () => {
  it('authorizePlanAccess refuses a malformed id, an unknown plan and a bad token, and grants a link its role', async () => {
    const admin = 'admin-token-for-tests-0123456789';
    const { server } = await boot({ adminToken: admin });
    const created = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: '{"title":"Gate"}' });
    const { id, links } = (await created.json()) as { id: string; links: Record<Role, string> };
    const gate = { store: server.store, access: new AccessStore(server.store), config: { adminToken: admin } };
    const observerToken = new URL(links.observer).searchParams.get('token');
    expect(await authorizePlanAccess(gate, 'bad.id', observerToken, '')).toEqual({ ok: false, denial: 'invalid_id' });
    expect(await authorizePlanAccess(gate, 'nosuchplan', observerToken, '')).toEqual({ ok: false, denial: 'plan_not_found' });
    expect(await authorizePlanAccess(gate, id, null, '')).toEqual({ ok: false, denial: 'unauthorized' });
    expect(await authorizePlanAccess(gate, id, 'A'.repeat(32), '')).toEqual({ ok: false, denial: 'unauthorized' });
    expect(await authorizePlanAccess(gate, id, observerToken, 'Ama')).toMatchObject({ ok: true, grant: { role: 'observer', actor: { role: 'observer', name: 'Ama' } } });
    expect(await authorizePlanAccess(gate, id, admin, '')).toMatchObject({ ok: true, grant: { role: 'facilitator', actor: { role: 'admin', linkId: null } } });
  });
});

describe('access over the websocket', () => {
  it('refuses a missing or wrong token with 4401 before sending any plan data', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    for (const token of [null, 'wrong-token-wrong-token-wrong']) {
      const ws = new WebSocket(`${syncUrl(server)}/${id}${token ? `?token=${token}` : ''}`);
      const frames: Buffer[] = [];
      ws.on('message', (d: Buffer) => frames.push(d));
      const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      expect(code).toBe(CLOSE.unauthorized);
      expect(frames).toEqual([]);
    }
    const p = provider(server, id, null);
    expect(await closedWith(p)).toBe(CLOSE.unauthorized);
    expect(p.shouldConnect).toBe(false);
  });

  it('an observer sees the plan and presence, but every write it sends is refused and the stored plan is byte-identical', async () => {
    const { server, dir } = await boot();
    const id = await createPlan(server, 'Observed');
    const editor = provider(server, id, tokenFor(id, 'editor'));
    await waitSynced(editor);
    const goal = addNode(editor.doc, { kind: 'goal', title: 'Support returnees' }, ME);
    expect(goal.ok).toBe(true);
    const observer = provider(server, id, tokenFor(id, 'observer'));
    await waitSynced(observer);
    expect(readPlan(observer.doc).goals.map((g) => g.title)).toEqual(['Support returnees']);
    observer.awareness.setLocalState({ user: { id: 'watcher', name: 'Watcher', color: '#1f5fbf', group: null }, view: '', focus: '' });
    await waitFor(() => [...editor.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Watcher'), 'observer presence reaches the editor');
    // Fold everything into the state file (the goal is stored: the observer received it), then record every stored byte.
    await server.registry.use(id, (room) => room.compact());
    const files = () =>
      Object.fromEntries(
        fs
          .readdirSync(path.join(dir, 'plans', id))
          .filter((n) => n !== 'audit.jsonl')
          .map((n) => [n, fs.statSync(path.join(dir, 'plans', id, n)).isFile() ? fs.readFileSync(path.join(dir, 'plans', id, n)).toString('base64') : 'dir']),
      );
    const before = files();
    // Crafted frames from an observer: sync step 2 and updates carrying real changes.
    const raw = new WebSocket(`${syncUrl(server)}/${id}?token=${tokenFor(id, 'observer')}`);
    const got: Buffer[] = [];
    raw.on('message', (d: Buffer) => got.push(d));
    await new Promise((r) => raw.once('open', r));
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(observer.doc));
    const updates: Uint8Array[] = [];
    evil.on('update', (u: Uint8Array) => updates.push(u));
    setGoalStatus(evil, goal.ok ? goal.value : '', 'selected', ME);
    evil.getMap('meta').set('stage', 'implementation');
    raw.send(syncStep2Frame(updates[0]!));
    raw.send(syncUpdateFrame(updates[1]!));
    raw.send(syncUpdateFrame(Y.encodeStateAsUpdate(evil)));
    observer.doc.getMap('meta').set('stage', 'implementation'); // through the stock provider too
    await waitFor(() => got.some((f) => f[0] === MESSAGE.auth), 'the observer is told once');
    expect(got.filter((f) => f[0] === MESSAGE.auth)).toHaveLength(1);
    // Barriers instead of a sleep: the server handles a connection's frames in order, so its answer
    // to a presence query sent after the writes means every write before it has been decided.
    await Promise.all([barrier(raw), barrier(observer.ws as unknown as WebSocket)]);
    expect(files()).toEqual(before);
    expect(readPlan(editor.doc).goals[0]).toMatchObject({ title: 'Support returnees', status: 'candidate' });
    expect(readPlan(editor.doc).stage).toBe('preparatory');
    raw.close();
    observer.destroy();
    editor.destroy();
    await server.registry.unload(id);
    expect(files()).toEqual(before);
  });

  it('revoking a link disconnects its sessions and refuses the token afterwards', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const editor = provider(server, id, tokenFor(id, 'editor'));
    const other = provider(server, id, tokenFor(id, 'observer'));
    await Promise.all([waitSynced(editor), waitSynced(other)]);
    const links = ((await (await fetch(`${server.url}/api/plans/${id}/links`, { headers: auth(id) })).json()) as { links: { id: string; role: Role }[] }).links;
    const editorLink = links.find((l) => l.role === 'editor')!;
    const closed = closedWith(editor);
    const res = await fetch(`${server.url}/api/plans/${id}/links/${editorLink.id}`, { method: 'DELETE', headers: auth(id) });
    expect(await res.json()).toMatchObject({ revoked: { id: editorLink.id, role: 'editor' }, sessionsClosed: 1 });
    expect(await closed).toBe(CLOSE.forbidden);
    expect(other.wsconnected).toBe(true);
    const again = provider(server, id, tokenFor(id, 'editor'));
    expect(await closedWith(again)).toBe(CLOSE.unauthorized);
    expect((await fetch(`${server.url}/api/plans/${id}`, { headers: auth(id, 'editor') })).status).toBe(401);
    // A new editor link works.
    const issued = (await (await fetch(`${server.url}/api/plans/${id}/links`, { method: 'POST', headers: { ...auth(id), 'content-type': 'application/json' }, body: '{"role":"editor"}' })).json()) as { url: string };
    const fresh = provider(server, id, new URL(issued.url).searchParams.get('token'));
    await waitSynced(fresh);
  });

  it('only a facilitator can agree the criteria; the trail records who did', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const editor = provider(server, id, tokenFor(id, 'editor'));
    const facilitator = provider(server, id, tokenFor(id, 'facilitator'));
    await Promise.all([waitSynced(editor), waitSynced(facilitator)]);
    const refused = closedWith(editor);
    setCriteriaAgreement(editor.doc, 'imc', true, ME);
    // Refused whole before it is applied (update gate G3): the editor's connection is closed.
    expect(await refused).toBe(CLOSE.refusedUpdate);
    setCriteriaAgreement(facilitator.doc, 'ncc', true, ME);
    const late = provider(server, id, tokenFor(id, 'observer'));
    await waitFor(() => readPlan(late.doc).criteriaAgreedByNcc === true, 'the facilitator\'s agreement stands');
    expect(readPlan(late.doc).criteriaAgreedByImc).toBe(false); // the editor's never reached the plan
    const trail = (await (await fetch(`${server.url}/api/plans/${id}/audit`, { headers: auth(id) })).json()) as { events: { action: string; actor: { role: string }; detail: Record<string, unknown> }[] };
    expect(trail.events.map((e) => e.action)).toEqual(['plan.created', 'criteria.agreement']);
    expect(trail.events[1]).toMatchObject({ actor: { role: 'facilitator' }, detail: { committee: 'ncc', agreed: true } });
  });

  it('records snapshots, endorsements, restores and revocations, exportable as CSV', async () => {
    const { server } = await boot();
    const id = await createPlan(server);
    const h = { ...auth(id), 'content-type': 'application/json', 'x-actor-name': 'Amina (facilitator)' };
    const snap = (await (await fetch(`${server.url}/api/plans/${id}/snapshots`, { method: 'POST', headers: h, body: '{"name":"Workshop"}' })).json()) as { id: string; author: string };
    expect(snap.author).toBe('Amina (facilitator)');
    await fetch(`${server.url}/api/plans/${id}/snapshots/${snap.id}`, { method: 'PATCH', headers: h, body: '{"status":"endorsed"}' });
    await fetch(`${server.url}/api/plans/${id}/snapshots/${snap.id}/restore`, { method: 'POST', headers: h, body: '{}' });
    const trail = (await (await fetch(`${server.url}/api/plans/${id}/audit`, { headers: auth(id) })).json()) as { events: { action: string; actor: { name: string } }[] };
    expect(trail.events.map((e) => e.action)).toEqual(['plan.created', 'snapshot.created', 'snapshot.endorsed', 'snapshot.restored']);
    expect(trail.events[1]!.actor.name).toBe('Amina (facilitator)');
    const csv = await fetch(`${server.url}/api/plans/${id}/audit?format=csv`, { headers: auth(id) });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('time,action,role,link,name,detail');
    expect(text).toContain('snapshot.endorsed');
  });

  it('caps connections per address and frames per second', async () => {
    const { server } = await boot({ maxConnectionsPerIp: 3, maxFramesPerSecond: 5 });
    const id = await createPlan(server);
    const url = `${syncUrl(server)}/${id}?token=${tokenFor(id, 'editor')}`;
    const open = await Promise.all([0, 1, 2].map(() => new Promise<WebSocket>((resolve) => { const ws = new WebSocket(url); ws.once('open', () => resolve(ws)); })));
    cleanups.push(() => open.forEach((ws) => ws.terminate()));
    const fourth = new WebSocket(url);
    expect(await new Promise<number>((resolve) => fourth.once('close', (c) => resolve(c)))).toBe(CLOSE.tryAgainLater);
    // An unknown plan is refused as such (4404, stop), even from an address at its cap.
    const unknown = new WebSocket(`${syncUrl(server)}/no-such-plan?token=${tokenFor(id, 'editor')}`);
    expect(await new Promise<number>((resolve) => unknown.once('close', (c) => resolve(c)))).toBe(CLOSE.planNotFound);
    const flood = open[0]!;
    const code = new Promise<number>((resolve) => flood.once('close', (c) => resolve(c)));
    for (let i = 0; i < 200; i++) flood.send(Uint8Array.of(MESSAGE.queryAwareness));
    expect(await code).toBe(CLOSE.tryAgainLater);
  });
});
