import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { RunningServer } from '../../server/server.js';
import { auth, createPlan, removeDir, startChildServer, startTestServer, syncUrl, tempDir, type ChildServer } from '../helpers/test-server.js';
import { addGoal, body, bodyString, goalIds } from '../helpers/plan-content.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function track(p: WebsocketProvider): WebsocketProvider {
  cleanups.push(() => p.destroy());
  return p;
}

async function inProcess(dir: string, overrides = {}): Promise<RunningServer> {
  const s = await startTestServer(dir, overrides);
  cleanups.push(() => s.close());
  return s;
}

async function child(dir: string): Promise<ChildServer> {
  const c = await startChildServer(dir);
  cleanups.push(() => {
    c.child.kill('SIGKILL');
  });
  return c;
}

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  return dir;
}

/** The first sync's section body, read at the moment `synced` fires (not later); null when the plan was not in it. */
async function firstSyncText(serverUrl: string, id: string): Promise<string | null> {
  const doc = new Y.Doc();
  const p = track(openProvider(serverUrl, id, doc));
  let atSync: string | null = null;
  await new Promise<void>((resolve) => {
    p.on('sync', (s: boolean) => {
      if (!s) return;
      atSync = bodyString(doc);
      resolve();
    });
  });
  return atSync;
}

describe('persistence', () => {
  it('plans survive a graceful restart, and the first sync after it is not empty', async () => {
    const dir = dataDir();
    const s1 = await startTestServer(dir);
    const id = await createPlan(s1, 'Graceful');
    const p = openProvider(syncUrl(s1), id);
    await waitSynced(p);
    body(p.doc).insert(0, 'kept across restarts');
    await waitFor(() => s1.store.get(id)!.updatedAt > s1.store.get(id)!.createdAt, 'update accepted');
    p.destroy();
    await s1.close();

    const s2 = await inProcess(dir);
    expect(s2.store.list().map((m) => m.title)).toEqual(['Graceful']);
    expect(await firstSyncText(syncUrl(s2), id)).toBe('kept across restarts');
    // A fresh client was answered from the stored bytes while the plan loaded.
    expect(s2.registry.earlyLoads).toBe(1);
    // Graceful stop compacts: nothing is left in the update log.
    const logs = fs.readdirSync(path.join(dir, 'plans', id)).filter((n) => n.endsWith('.log'));
    expect(logs.every((n) => fs.statSync(path.join(dir, 'plans', id, n)).size === 0)).toBe(true);
  });

  it('SIGTERM flushes every plan of a child-process server', async () => {
    const dir = dataDir();
    const c1 = await child(dir);
    const id = await createPlan(c1);
    const p = track(openProvider(syncUrl(c1), id));
    const watcher = track(openProvider(syncUrl(c1), id));
    await Promise.all([waitSynced(p), waitSynced(watcher)]);
    body(p.doc).insert(0, 'flushed');
    // Once another client has the edit, the server has accepted it.
    await waitFor(() => bodyString(watcher.doc) === 'flushed', 'relayed to the watcher');
    c1.child.kill('SIGTERM');
    expect(await c1.exited).toBe(0);
    p.destroy();
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'plans', id, 'state.json'), 'utf8')) as { state: string };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
    expect(bodyString(doc)).toBe('flushed');
  });

  it('updates another client has seen relayed survive kill -9 (the server relays only what it stored)', async () => {
    const dir = dataDir();
    const c1 = await child(dir);
    const id = await createPlan(c1);
    const writer = track(openProvider(syncUrl(c1), id));
    const watcher = track(openProvider(syncUrl(c1), id));
    await Promise.all([waitSynced(writer), waitSynced(watcher)]);
    for (let i = 0; i < 50; i++) addGoal(writer.doc, `edit${i}`);
    // Once another client has seen the edits, the server accepted (and logged) them.
    await waitFor(() => goalIds(watcher.doc).length === 50, 'relayed to watcher');
    c1.child.kill('SIGKILL');
    await c1.exited;
    writer.destroy();
    watcher.destroy();

    const c2 = await child(dir);
    const doc = new Y.Doc();
    const late = track(openProvider(syncUrl(c2), id, doc));
    let atSync = -1;
    late.on('sync', (s: boolean) => {
      if (s && atSync < 0) atSync = goalIds(doc).length;
    });
    await waitSynced(late);
    expect(atSync).toBe(50);
    const meta = (await (await fetch(`${c2.url}/api/plans/${id}`, { headers: auth(id, 'observer') })).json()) as { id: string };
    expect(meta.id).toBe(id);
  });

  it('concurrent joins load a plan once', async () => {
    const dir = dataDir();
    const s = await inProcess(dir);
    const id = await createPlan(s);
    const ps = Array.from({ length: 8 }, () => track(openProvider(syncUrl(s), id)));
    await Promise.all(ps.map((p) => waitSynced(p)));
    expect(s.registry.loads).toBe(1);
  });

  it('a title typed live reaches the plan list, and survives a restart', async () => {
    const dir = dataDir();
    const s1 = await startTestServer(dir);
    const id = await createPlan(s1, 'Draft');
    const p = openProvider(syncUrl(s1), id);
    await waitSynced(p);
    (p.doc.getMap('meta').get('title') as Y.Text).insert(5, ' POA 2027');
    await waitFor(() => s1.store.get(id)!.title === 'Draft POA 2027', 'the list shows the new title');
    // Other changes leave the title alone.
    body(p.doc).insert(0, 'body');
    await waitFor(() => s1.store.get(id)!.updatedAt > s1.store.get(id)!.createdAt, 'accepted');
    expect(s1.store.get(id)!.title).toBe('Draft POA 2027');
    p.destroy();
    await s1.close();
    const s2 = await inProcess(dir);
    expect(s2.store.get(id)!.title).toBe('Draft POA 2027');
  });

  it('an idle plan is compacted and unloaded, and loads again on the next join', async () => {
    const dir = dataDir();
    const s = await inProcess(dir, { idleUnloadMs: 50 });
    const id = await createPlan(s);
    const p = openProvider(syncUrl(s), id);
    await waitSynced(p);
    body(p.doc).insert(0, 'idle');
    await waitFor(() => s.store.get(id)!.updatedAt > s.store.get(id)!.createdAt, 'accepted');
    p.destroy();
    await waitFor(() => s.registry.size === 0, 'unloaded');
    expect(await firstSyncText(syncUrl(s), id)).toBe('idle');
    expect(s.registry.loads).toBe(2);
  });

  it('a long session compacts its log as it grows, and a restart still has everything', async () => {
    const dir = dataDir();
    const s1 = await startTestServer(dir, { compactMinBytes: 4096, idleCompactMs: 60_000 });
    const id = await createPlan(s1);
    const p = openProvider(syncUrl(s1), id);
    const watcher = openProvider(syncUrl(s1), id);
    await Promise.all([waitSynced(p), waitSynced(watcher)]);
    const text = body(p.doc);
    const relayed = () => bodyString(watcher.doc)?.length === text.length;
    for (let i = 0; i < 300; i++) {
      text.insert(text.length, `line ${i} of the plan\n`);
      // Every 30 lines, let the server take them in (many appends, so the log grows and rotates).
      if (i % 30 === 0) await waitFor(relayed, 'the server has the lines so far');
    }
    const expected = text.toString();
    await waitFor(relayed, 'the server has every line');
    await waitFor(() => fs.readdirSync(path.join(dir, 'plans', id)).some((n) => /^updates-[1-9]\d*\.log$/.test(n)), 'a rotated log');
    p.destroy();
    watcher.destroy();
    await s1.close();
    const s2 = await inProcess(dir);
    const doc = new Y.Doc();
    const late = track(openProvider(syncUrl(s2), id, doc));
    await waitSynced(late);
    expect(bodyString(doc)).toBe(expected);
  });
});
