import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode } from '../../shared/model.js';
import { nodesMap } from '../../shared/schema/roots.js';
import type { RunningServer } from '../../server/server.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl, waitingBackends, type TestSchema } from '../helpers/pg.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { auth, createPlan, removeDir, startChildServer, startTestServer, syncUrl, tempDir, type ChildServer } from '../helpers/test-server.js';

// The real server on PostgreSQL (DATABASE_URL), with stock y-websocket clients writing real plan
// content through the update gate. Each test has its own schema in the test database.
const ME = { source: 'local', userId: 'tester' } as const;
const ROOT = path.resolve(import.meta.dirname, '../..');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const track = (p: WebsocketProvider) => (cleanups.push(() => p.destroy()), p);

/** A schema and a data folder for this test, or a skip with the listed reason. */
async function database(ctx: TestContext): Promise<{ schema: TestSchema; dir: string }> {
  if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
  const schema = await createTestSchema();
  const dir = tempDir();
  cleanups.push(async () => {
    await schema.drop();
    removeDir(dir);
  });
  return { schema, dir };
}

async function child(dir: string, databaseUrl: string): Promise<ChildServer> {
  const c = await startChildServer(dir, { LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
  cleanups.push(async () => {
    c.child.kill('SIGKILL');
    await c.exited;
  });
  return c;
}

const goals = (doc: Y.Doc) => [...nodesMap(doc).keys()].filter((k) => k.startsWith('goal-')).sort();

describe('the server on PostgreSQL', () => {
  it('two stock clients edit, the server is killed (kill -9) and started again: every relayed edit is there', async (ctx) => {
    const { schema, dir } = await database(ctx);
    const c1 = await child(dir, schema.url);
    const id = await createPlan(c1, 'Stored in PostgreSQL');
    const alice = track(openProvider(syncUrl(c1), id));
    const bob = track(openProvider(syncUrl(c1), id));
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    for (let i = 0; i < 5; i++) {
      expect(addNode(alice.doc, { kind: 'goal', id: `goal-a${i}`, title: `Alice ${i}` }, ME).ok).toBe(true);
      expect(addNode(bob.doc, { kind: 'goal', id: `goal-b${i}`, title: `Bob ${i}` }, ME).ok).toBe(true);
    }
    // Relayed means committed: each sees the other's edits only after the server stored them.
    await waitFor(() => goals(alice.doc).length === 10 && goals(bob.doc).length === 10, 'both clients see all ten goals');
    c1.child.kill('SIGKILL');
    await c1.exited;
    alice.destroy();
    bob.destroy();

    const row = await schema.admin.query(`SELECT title, head_seq::int AS head FROM ${schema.name}.plans WHERE id = $1`, [id]);
    expect(row.rows[0].title).toBe('Stored in PostgreSQL');
    expect(row.rows[0].head).toBeGreaterThan(0);
    // The plan's content and links are in the database, not in DATA_DIR (which keeps its audit).
    const folder = fs.readdirSync(path.join(dir, 'plans', id));
    expect(folder.filter((n) => n === 'state.json' || n === 'access.json' || n.endsWith('.log'))).toEqual([]);

    const c2 = await child(dir, schema.url);
    const reader = track(openProvider(syncUrl(c2), id, new Y.Doc()));
    await waitSynced(reader);
    expect(goals(reader.doc)).toEqual([...Array.from({ length: 5 }, (_, i) => `goal-a${i}`), ...Array.from({ length: 5 }, (_, i) => `goal-b${i}`)].sort());
    const meta = (await (await fetch(`${c2.url}/api/plans/${id}`, { headers: auth(id) })).json()) as { id: string; title: string };
    expect([meta.id, meta.title]).toEqual([id, 'Stored in PostgreSQL']);
    // The invite links are in PostgreSQL too: revoking the editor link refuses its token at once.
    const links = (await (await fetch(`${c2.url}/api/plans/${id}/links`, { headers: auth(id) })).json()) as { links: { id: string; role: string }[] };
    const editorLink = links.links.find((l) => l.role === 'editor')!;
    const stored = await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.plan_links WHERE plan_id = $1`, [id]);
    expect(stored.rows[0].n).toBe(links.links.length);
    expect((await fetch(`${c2.url}/api/plans/${id}/links/${editorLink.id}`, { method: 'DELETE', headers: auth(id) })).status).toBe(200);
    expect((await fetch(`${c2.url}/api/plans/${id}`, { headers: auth(id, 'editor') })).status).toBe(401);
  });

  it('an append whose connection is killed (pg_terminate_backend) closes every client with 4500 and serves nothing unstored; the resent edit is stored after', async (ctx) => {
    const { schema, dir } = await database(ctx);
    const server: RunningServer = await startTestServer(dir, { databaseUrl: schema.url });
    cleanups.push(() => server.close());
    const id = await createPlan(server);
    const writer = track(openProvider(syncUrl(server), id));
    const watcher = track(openProvider(syncUrl(server), id));
    await Promise.all([waitSynced(writer), waitSynced(watcher)]);
    let watcherSawIt = false;
    watcher.doc.on('update', () => {
      watcherSawIt ||= nodesMap(watcher.doc).has('goal-held');
    });

    // A test transaction holds the plan's row, so the server's append waits on its lock...
    const holder = await schema.admin.connect();
    cleanups.push(() => holder.release());
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM ${schema.name}.plans WHERE id = $1 FOR UPDATE`, [id]);
    let closedWith = 0;
    writer.on('connection-close', (e: CloseEvent | null) => {
      if (closedWith !== 0) return;
      closedWith = e?.code ?? -1;
      // The writer stays away for now (a stock client would resend at once) while a newcomer joins.
      writer.disconnect();
    });
    expect(addNode(writer.doc, { kind: 'goal', id: 'goal-held', title: 'Held' }, ME).ok).toBe(true);
    const waiting = await waitingBackends(schema);
    // ...and its connection is killed mid-transaction.
    await schema.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]);
    await waitFor(() => closedWith !== 0, 'the writer is told');
    expect(closedWith).toBe(4500);
    const newcomer = track(openProvider(syncUrl(server), id, new Y.Doc()));
    await waitSynced(newcomer);
    expect(nodesMap(newcomer.doc).has('goal-held')).toBe(false);
    expect(watcherSawIt).toBe(false);
    const rows = await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.plan_log`);
    expect(rows.rows[0].n).toBe(0);

    await holder.query('ROLLBACK');
    writer.connect(); // reconnects and sends the refused edit again in its sync step 2
    await waitFor(() => nodesMap(watcher.doc).has('goal-held') && nodesMap(newcomer.doc).has('goal-held'), 'the resent edit reaches everyone');
    await server.close();
    const again = await startTestServer(dir, { databaseUrl: schema.url });
    cleanups.push(() => again.close());
    const reader = track(openProvider(syncUrl(again), id, new Y.Doc()));
    await waitSynced(reader);
    expect(nodesMap(reader.doc).has('goal-held')).toBe(true);
  });
});

/** Runs the built server with `env` until it exits; its exit code and stderr. */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/server/index.js')], {
    env: { ...process.env, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { code, stderr };
}

describe('the server with an unusable DATABASE_URL', () => {
  it('exits with code 3 and one line naming the place, without a stack trace or the password', async () => {
    const { code, stderr } = await failedStart({ DATABASE_URL: 'postgres://rt:s3cret-pass@127.0.0.1:1/roundtable' });
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toEqual([
      'Roundtable cannot start: PostgreSQL refused the connection at postgres://rt:***@127.0.0.1:1/roundtable: is the server running and listening there?',
    ]);
  });

  it('refuses a URL that is not PostgreSQL as invalid configuration (exit 2), without echoing it', async () => {
    const { code, stderr } = await failedStart({ DATABASE_URL: 'mysql://rt:s3cret-pass@127.0.0.1/roundtable' });
    expect(code).toBe(2);
    expect(stderr).toContain('DATABASE_URL must start with postgres:// or postgresql://, got mysql://');
    expect(stderr).not.toContain('s3cret-pass');
  });
});
