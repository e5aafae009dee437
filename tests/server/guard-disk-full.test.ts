import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode } from '../../shared/model.js';
import { nodesMap, sectionsMap } from '../../shared/schema/roots.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, startChildServer, syncUrl, tempDir, type ChildServer } from '../helpers/test-server.js';

/** Mounts a small tmpfs (needs root); null where that is not possible. */
function smallDisk(kib: number): string | null {
  const dir = tempDir('roundtable-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const probe = smallDisk(64);
if (probe) {
  execFileSync('umount', [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const track = (p: WebsocketProvider) => (cleanups.push(() => p.destroy()), p);
async function child(dir: string): Promise<ChildServer> {
  const c = await startChildServer(dir, { LOG_LEVEL: 'silent' });
  cleanups.push(async () => {
    c.child.kill('SIGKILL');
    await c.exited;
  });
  return c;
}

/** Fills a file system until `leaveBytes` are free; returns the filler's path. */
function fill(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler');
  const free = Number(fs.statfsSync(dir).bavail) * Number(fs.statfsSync(dir).bsize);
  const fd = fs.openSync(filler, 'w');
  try {
    fs.writeSync(fd, Buffer.alloc(Math.max(0, free - leaveBytes)));
  } catch {
    // Full before the end: that is what we wanted.
  }
  fs.closeSync(fd);
  return filler;
}

// Issue 12, "full disk, then a crash": a half-written 64 KB edit was served to a newcomer, and
// after space was freed 20 accepted edits were lost by kill -9 (start-up cut the log at the
// torn record). Creating a plan on the full disk left a stray folder.
const ME = { source: 'local', userId: 'tester' } as const;

describe.skipIf(!probe)('guard: a full disk, then kill -9 (real tmpfs, child-process server)', () => {
  it('serves nothing unstored, leaves no stray plan folder, and loses no acknowledged edit', async () => {
    const disk = smallDisk(4096)!;
    cleanups.push(() => {
      execFileSync('umount', ['-l', disk]);
      fs.rmSync(disk, { recursive: true, force: true });
    });
    const c1 = await child(disk);
    const id = await createPlan(c1);
    const writer = track(openProvider(syncUrl(c1), id));
    const watcher = track(openProvider(syncUrl(c1), id));
    await Promise.all([waitSynced(writer), waitSynced(watcher)]);
    // Real plan content (the server's update gate refuses scratch roots): the body of the first
    // Plan of Action section takes the big edit, 20 new goals are the later edits.
    const sectionId = [...sectionsMap(writer.doc).keys()][0]!;
    const big = (doc: Y.Doc): Y.Text => (sectionsMap(doc).get(sectionId) as Y.Map<unknown>).get('body') as Y.Text;
    const goals = (doc: Y.Doc): string[] => Array.from({ length: 20 }, (_, i) => `goal${i}`).filter((g) => nodesMap(doc).has(g));
    let watcherSawBig = false;
    watcher.doc.on('update', () => {
      watcherSawBig ||= big(watcher.doc).length > 0;
    });

    const filler = fill(disk, 0);
    const folders = () => fs.readdirSync(path.join(disk, 'plans')).sort();
    const before = folders();
    const created = await fetch(`${c1.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(created.status).toBeGreaterThanOrEqual(500);
    expect(folders()).toEqual(before);
    // 16 KB free: the 64 KB edit below is half written, then refused.
    fs.truncateSync(filler, fs.statSync(filler).size - 16 * 1024);

    let closedWith = 0;
    writer.on('connection-close', (e: CloseEvent | null) => {
      closedWith ||= e?.code ?? 0;
    });
    big(writer.doc).insert(0, 'x'.repeat(64 * 1024));
    await waitFor(() => closedWith !== 0, 'the writer is told');
    expect(closedWith).toBe(4500);
    const newcomer = track(openProvider(syncUrl(c1), id));
    await waitSynced(newcomer);
    expect(big(newcomer.doc).length).toBe(0);
    expect(watcherSawBig).toBe(false);
    newcomer.destroy();

    fs.rmSync(filler);
    // The stock client reconnects and sends the refused edit again in its sync step 2.
    await waitFor(() => big(watcher.doc).length === 64 * 1024, 'the resent edit reaches the watcher', 20_000);
    for (let i = 0; i < 20; i++) expect(addNode(writer.doc, { kind: 'goal', id: `goal${i}`, title: `Goal ${i}` }, ME).ok).toBe(true);
    await waitFor(() => goals(watcher.doc).length === 20, 'the 20 edits reach the watcher');
    c1.child.kill('SIGKILL');
    await c1.exited;
    writer.destroy();
    watcher.destroy();

    const c2 = await child(disk);
    const doc = new Y.Doc();
    await waitSynced(track(openProvider(syncUrl(c2), id, doc)));
    expect(goals(doc)).toHaveLength(20);
    expect(big(doc).length).toBe(64 * 1024);
  }, 60_000);
});
