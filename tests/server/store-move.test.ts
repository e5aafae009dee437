import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode } from '../../shared/model.js';
import { nodesMap } from '../../shared/schema/roots.js';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/file-storage.js';
import { copyPlans } from '../../server/store/move.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl, type TestSchema } from '../helpers/pg.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { createPlan, removeDir, startChildServer, syncUrl, tempDir } from '../helpers/test-server.js';

const log = createLogger('silent');
const ROOT = path.resolve(import.meta.dirname, '../..');
const ME = { source: 'local', userId: 'tester' } as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database(ctx: TestContext): Promise<TestSchema> {
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  cleanups.push(() => schema.drop());
  return schema;
}

function dir(): string {
  const d = tempDir();
  cleanups.push(() => removeDir(d));
  return d;
}

const text = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

describe('moving plans between the file store and PostgreSQL', () => {
  it('copies titles, dates and content (a pending log folded in) both ways, skips what the target has, and leaves the source as it was', async (ctx) => {
    const schema = await database(ctx);
    const filesDir = dir();
    const files = await PlanStore.open(filesDir, log);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'compacted');
    await files.create('alpha', 'Alpha', Y.encodeStateAsUpdate(doc));
    await files.create('beta', 'Beta', Y.encodeStateAsUpdate(new Y.Doc()));
    const beta = await files.load('beta');
    const betaDoc = new Y.Doc();
    betaDoc.on('update', (u: Uint8Array) => beta.files.append([u]));
    betaDoc.getText('t').insert(0, 'logged');
    betaDoc.getText('t').insert(6, ' twice');
    await beta.files.close(); // not compacted: the content is in the update log
    expect(files.plansWithPendingLogs()).toEqual(['beta']);

    const db = await PgStorage.open({ url: schema.url, dataDir: filesDir, log });
    cleanups.push(() => db.close());
    expect(await copyPlans(files, db, log)).toEqual({ copied: expect.arrayContaining(['alpha', 'beta']), skipped: [] });
    expect(db.list()).toEqual(files.list());
    for (const [id, want] of [['alpha', 'compacted'], ['beta', 'logged twice']] as const) {
      const l = await db.load(id);
      expect([text(l.state!), l.updates]).toEqual([want, []]);
      await l.files.close();
    }
    expect(await copyPlans(files, db, log)).toEqual({ copied: [], skipped: expect.arrayContaining(['alpha', 'beta']) });
    expect(files.plansWithPendingLogs()).toEqual(['beta']); // the source is unchanged

    const back = await PlanStore.open(dir(), log);
    expect((await copyPlans(db, back, log)).copied.sort()).toEqual(['alpha', 'beta']);
    expect(back.list()).toEqual(files.list());
    const l = await back.load('beta');
    expect(text(l.state!)).toBe('logged twice');
    await l.files.close();
  });

  it('npm run store:move -- --to postgres: a plan made on the file store opens on PostgreSQL with its content and its invite link', async (ctx) => {
    const schema = await database(ctx);
    const data = dir();
    const onFiles = await startChildServer(data, { LOG_LEVEL: 'silent' });
    cleanups.push(() => void onFiles.child.kill('SIGKILL'));
    const id = await createPlan(onFiles, 'Moved plan');
    const writer = openProvider(syncUrl(onFiles), id);
    cleanups.push(() => writer.destroy());
    await waitSynced(writer);
    expect(addNode(writer.doc, { kind: 'goal', id: 'goal-moved', title: 'Survives the move' }, ME).ok).toBe(true);
    // Relayed to another client means stored.
    const reader: WebsocketProvider = openProvider(syncUrl(onFiles), id, new Y.Doc());
    cleanups.push(() => reader.destroy());
    await waitFor(() => nodesMap(reader.doc).has('goal-moved'), 'the edit is stored and relayed');
    writer.destroy();
    reader.destroy();
    onFiles.child.kill('SIGTERM');
    expect(await onFiles.exited).toBe(0);

    const env = { ...process.env, DATA_DIR: data, DATABASE_URL: schema.url, LOG_LEVEL: 'silent' };
    const run = promisify(execFile);
    const first = await run(process.execPath, [path.join(ROOT, 'dist/server/store-move.js'), '--to', 'postgres'], { env });
    expect(first.stdout).toMatch(/^1 plans copied, 0 already there \(/);
    expect(first.stdout).not.toContain('roundtable_test:roundtable_test@'); // no password printed
    const again = await run(process.execPath, [path.join(ROOT, 'dist/server/store-move.js'), '--to', 'postgres'], { env });
    expect(again.stdout).toMatch(/^0 plans copied, 1 already there/);
    const bad = await run(process.execPath, [path.join(ROOT, 'dist/server/store-move.js'), '--to', 'nowhere'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run store:move -- --to postgres|files') });

    const onDb = await startChildServer(data, { LOG_LEVEL: 'silent', DATABASE_URL: schema.url });
    cleanups.push(() => void onDb.child.kill('SIGKILL'));
    const later = openProvider(syncUrl(onDb), id, new Y.Doc()); // the editor link made on the file store
    cleanups.push(() => later.destroy());
    await waitSynced(later);
    expect(nodesMap(later.doc).has('goal-moved')).toBe(true);
  });
});
