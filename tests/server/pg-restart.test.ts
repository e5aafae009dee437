import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNode } from '../../shared/model.js';
import { MESSAGE } from '../../shared/protocol.js';
import { nodesMap } from '../../shared/schema/roots.js';
import { connectPlan, type Connection } from '../../client/sync/connect.js';
import { PG_TESTS_NEED_URL, testDatabaseUrl } from '../helpers/pg.js';
import { startThrowawayPostgres } from '../helpers/pg-throwaway.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { auth, createPlan, removeDir, startChildServer, syncUrl, tempDir, tokenFor, type ChildServer } from '../helpers/test-server.js';

// Issue 17: "a database restart pauses writes (clients see 'not saved' and nothing is
// acknowledged) and everything resumes after". A PostgreSQL server of this test's own is
// stopped and started while the web client's connection (stock y-websocket provider, ?ack=1,
// its save tracker) edits through the real server, which runs as a child so it can be killed
// with kill -9 at the end: only what was committed can come back.
const ME = { source: 'local', userId: 'tester' } as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function child(dir: string, databaseUrl: string): Promise<ChildServer> {
  const c = await startChildServer(dir, { LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, CLUSTER_POLL_MS: '200' });
  cleanups.push(async () => {
    c.child.kill('SIGKILL');
    await c.exited;
  });
  return c;
}

const goals = (doc: Y.Doc) => [...nodesMap(doc).keys()].filter((k) => k.startsWith('goal-')).sort();

describe('a PostgreSQL restart under a live server', () => {
  it('pauses writes (nothing acknowledged, the save tracker says not saved), resumes after, and every acknowledged edit survives kill -9', { timeout: 120_000 }, async (ctx) => {
    if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
    const db = await startThrowawayPostgres();
    cleanups.push(() => db.destroy());
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const server = await child(dir, db.url);
    const id = await createPlan(server, 'Restarted');

    const conn: Connection = connectPlan(id, { url: syncUrl(server), token: tokenFor(id, 'editor'), WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(() => conn.destroy());
    const acks: number[] = [];
    const onAck = conn.provider.messageHandlers[MESSAGE.ack]!;
    conn.provider.messageHandlers[MESSAGE.ack] = (...args) => {
      acks.push(Date.now());
      onAck(...args);
    };
    let closes = 0;
    conn.provider.on('connection-close', () => closes++);
    const watcher = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, 'observer'));
    cleanups.push(() => watcher.destroy());
    await Promise.all([waitSynced(conn.provider), waitSynced(watcher)]);
    await waitFor(() => conn.status().state === 'synced' && conn.status().settled, 'the first sync to be acknowledged');

    // Acknowledged before the restart.
    for (let i = 0; i < 3; i++) {
      expect(addNode(conn.doc, { kind: 'goal', id: `goal-before${i}`, title: `Before ${i}` }, ME).ok).toBe(true);
      await waitFor(() => conn.status().unsynced === 0, `edit ${i} acknowledged`);
    }

    db.stop('fast');
    const acksBefore = acks.length;
    const closesBefore = closes;
    expect(addNode(conn.doc, { kind: 'goal', id: 'goal-away0', title: 'While away 0' }, ME).ok).toBe(true);
    // The append is refused: the room closes its clients (4500) so they resend later.
    await waitFor(() => closes > closesBefore, 'the writer to be closed', 20_000);
    expect(addNode(conn.doc, { kind: 'goal', id: 'goal-away1', title: 'While away 1' }, ME).ok).toBe(true);
    // Reconnects are refused too while the database is away (the token cannot be checked, the
    // plan cannot be loaded): wait for two more of them, each a chance to acknowledge wrongly.
    await waitFor(() => closes >= closesBefore + 3, 'two refused reconnects', 30_000);
    expect(acks.length).toBe(acksBefore);
    expect(conn.status().unsynced).toBe(2);
    expect(conn.status().settled).toBe(false);
    expect(goals(watcher.doc).filter((g) => g.includes('away'))).toEqual([]);
    // HTTP says so plainly too: the plan cannot be read now.
    const during = await fetch(`${server.url}/api/plans/${id}`, { headers: auth(id) });
    expect(during.status).toBe(503);
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');

    db.start();
    await waitFor(() => conn.status().unsynced === 0 && conn.status().settled && conn.status().state === 'synced', 'the edits made while away to be acknowledged', 60_000);
    expect(acks.length).toBeGreaterThan(acksBefore);
    await waitFor(() => goals(watcher.doc).length === 5, 'the watcher to see everything', 30_000);
    expect(addNode(conn.doc, { kind: 'goal', id: 'goal-after0', title: 'After 0' }, ME).ok).toBe(true);
    await waitFor(() => conn.status().unsynced === 0, 'the edit after the restart acknowledged');
    const acked = goals(conn.doc);
    expect(acked).toEqual(['goal-after0', 'goal-away0', 'goal-away1', 'goal-before0', 'goal-before1', 'goal-before2']);

    // Only commits come back after kill -9.
    server.child.kill('SIGKILL');
    await server.exited;
    conn.destroy();
    watcher.destroy();
    const again = await child(dir, db.url);
    const reader = openProvider(syncUrl(again), id, new Y.Doc());
    cleanups.push(() => reader.destroy());
    await waitSynced(reader);
    expect(goals(reader.doc)).toEqual(acked);
  });
});
