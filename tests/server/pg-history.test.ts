import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import { matchHistory, type HistoryEntry, type HistoryQuery } from '../../server/access/history.js';
import { PgFieldHistory, trimHistory } from '../../server/access/pg-history.js';
import { createLogger } from '../../server/log.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import type { RunningServer } from '../../server/server.js';
import { setStageMovers } from '../../shared/commands/stages.js';
import { metaMap } from '../../shared/schema/roots.js';
import { createTestSchema, openTestStore, PG_TESTS_NEED_URL, testDatabaseUrl, waitingBackends, type TestSchema } from '../helpers/pg.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { auth, createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

// Issue 17: the change journal (SPEC FH1-FH4) in PostgreSQL (CL7), and the rows a batch of
// updates causes (journal entries, audit events of the room's hooks) stored in the batch's own
// transaction: stored exactly when the change is, never without it.
const log = createLogger('silent');
const ME = { source: 'local', userId: 'tester' } as const;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function db(ctx: TestContext): Promise<{ store: PgStorage; schema: TestSchema; dir: string }> {
  const opened = await openTestStore(ctx, cleanups);
  return opened;
}

const entry = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  entity: n % 2 ? 'activity' : 'score',
  id: n % 3 ? 'a1' : 'g:c:p',
  field: n % 2 ? 'budget' : null,
  from: n - 1,
  to: { n, text: 'é ✓' },
  kept: n % 5 !== 0,
  client: 1000 + n,
  by: { name: `P${n % 4}`, role: 'editor', participantId: n % 4 ? `p${n % 4}` : null },
  ...over,
});

describe('the change journal in PostgreSQL (CL7)', () => {
  it('CL7, FH4: filters, order and limit answer as the file journal does; export keeps every entry in order; the bound drops the oldest half', async (ctx) => {
    const { store } = await db(ctx);
    await store.create('p', 'P', Y.encodeStateAsUpdate(new Y.Doc()));
    const h = new PgFieldHistory(store.pool, log);
    const all = Array.from({ length: 40 }, (_, i) => entry(i + 1));
    h.record('p', all.slice(0, 25));
    h.record('p', all.slice(25));
    const queries: HistoryQuery[] = [
      {},
      { limit: 7 },
      { entity: 'activity' },
      { entity: 'score', field: null },
      { field: 'budget', id: 'a1' },
      { id: 'g:c:p' },
      { since: all[9]!.at, until: all[30]!.at },
      { since: all[39]!.at },
      { until: all[0]!.at, entity: 'activity' },
    ];
    for (const q of queries) expect(await h.list('p', q), JSON.stringify(q)).toEqual(matchHistory(all, q));
    expect(await h.exportEntries('p')).toEqual(all);

    // FH3: past the cap the oldest half goes (checked at every compaction; here directly).
    await h.importEntries('p', []);
    await trimHistory(store.pool, 'p', 30);
    expect(await h.exportEntries('p')).toEqual(all.slice(-15));
    await trimHistory(store.pool, 'p', 30);
    expect((await h.exportEntries('p')).length).toBe(15);
  });
  it('CL7: rows attached to a batch are stored by its append statement: with it, or (refused) not at all, and only the sealed batch\'s own', async (ctx) => {
    const { store, schema } = await db(ctx);
    await store.create('p', 'P', Y.encodeStateAsUpdate(new Y.Doc()));
    const loaded = await store.load('p');
    const handle = loaded.files;
    cleanups.push(() => handle.close());
    const update = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const count = async (table: string) => (await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.${table}`)).rows[0].n as number;

    handle.attach!({ audit: [JSON.stringify({ at: 'x', action: 'one', actor: {}, detail: {} })], history: [entry(1)] });
    handle.seal!();
    // Attached after the seal: belongs to the next batch, not this one.
    handle.attach!({ history: [entry(2)] });
    await handle.append([update('a')]);
    expect([await count('plan_log'), await count('plan_audit'), await count('plan_history')]).toEqual([1, 1, 1]);

    // The next batch is refused (its statement is killed while it waits for a lock): its rows go too.
    handle.seal!();
    const holder = await schema.admin.connect();
    cleanups.push(() => holder.release());
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM ${schema.name}.plans WHERE id = 'p' FOR UPDATE`);
    const refused = handle.append([update('b'), update('c')]);
    const waiting = await waitingBackends(schema);
    await schema.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]);
    await expect(refused).rejects.toThrow();
    await holder.query('ROLLBACK');
    expect([await count('plan_log'), await count('plan_audit'), await count('plan_history')]).toEqual([1, 1, 1]);
    const journal = new PgFieldHistory(store.pool, log);
    expect(await journal.exportEntries('p')).toEqual([entry(1)]);
  });
});

describe('the server on PostgreSQL keeps its journal and hook audit events with their batches', () => {
  async function server(ctx: TestContext): Promise<{ server: RunningServer; schema: TestSchema }> {
    if (!testDatabaseUrl()) skipBecause(ctx, PG_TESTS_NEED_URL);
    const schema = await createTestSchema();
    const dir = tempDir();
    const s = await startTestServer(dir, { databaseUrl: schema.url });
    cleanups.push(async () => {
      await s.close();
      await schema.drop();
      removeDir(dir);
    });
    return { server: s, schema };
  }

  it('CL7: an audit event of a refused change is never stored; the resent change stores it exactly once, in the same commit', async (ctx) => {
    const { server: s, schema } = await server(ctx);
    const id = await createPlan(s, 'Audited');
    const facilitator = openProvider(syncUrl(s), id, new Y.Doc(), tokenFor(id, 'facilitator'));
    cleanups.push(() => facilitator.destroy());
    await waitSynced(facilitator);
    const holder = await schema.admin.connect();
    cleanups.push(() => holder.release());
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM ${schema.name}.plans WHERE id = $1 FOR UPDATE`, [id]);
    let closed = 0;
    facilitator.on('connection-close', () => {
      if (closed++ === 0) facilitator.disconnect();
    });
    expect(setStageMovers(facilitator.doc, 'editors', ME).ok).toBe(true);
    const waiting = await waitingBackends(schema);
    await schema.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]);
    await waitFor(() => closed > 0, 'the facilitator to be closed (4500)');
    await holder.query('ROLLBACK');
    const movers = async () => {
      const res = await fetch(`${s.url}/api/plans/${id}/audit`, { headers: auth(id) });
      const body = (await res.json()) as { events: { action: string }[] };
      return body.events.filter((e) => e.action === 'stage.movers').length;
    };
    expect(await movers()).toBe(0);
    facilitator.connect(); // resends the change in its sync step 2
    const watcher = openProvider(syncUrl(s), id, new Y.Doc(), tokenFor(id, 'observer'));
    cleanups.push(() => watcher.destroy());
    await waitFor(() => metaMap(watcher.doc).get('stageMovers') === 'editors', 'the resent change to be stored and relayed');
    // Relayed means committed, and the event was in that commit.
    expect(await movers()).toBe(1);
    const rows = await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.plan_audit WHERE event LIKE '%stage.movers%'`);
    expect(rows.rows[0].n).toBe(1);
  });

  it('CL7: an HTTP act is answered only once its audit event is stored', async (ctx) => {
    const { server: s, schema } = await server(ctx);
    const id = await createPlan(s, 'Answered');
    // The audit table is locked: the event's insert waits, and so does the answer.
    const holder = await schema.admin.connect();
    cleanups.push(() => holder.release());
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${schema.name}.plan_audit IN EXCLUSIVE MODE`);
    let answered = false;
    const issuing = fetch(`${s.url}/api/plans/${id}/links`, {
      method: 'POST',
      headers: { ...auth(id), 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'editor', label: 'Ministry' }),
    }).then((r) => {
      answered = true;
      return r;
    });
    await waitingBackends(schema);
    // The link itself is issued (its row committed) while its event waits: not answered yet.
    const link = await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.plan_links WHERE label = 'Ministry'`);
    expect(link.rows[0].n).toBe(1);
    expect(answered).toBe(false);
    await holder.query('COMMIT');
    expect((await issuing).status).toBe(201);
    const rows = await schema.admin.query(`SELECT count(*)::int AS n FROM ${schema.name}.plan_audit WHERE event LIKE '%link.issued%'`);
    expect(rows.rows[0].n).toBe(1);
  });
});
