import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import { AuditLog, type Actor } from '../../server/access/audit.js';
import { PgAuditLog } from '../../server/access/pg-audit.js';
import { FieldHistory, type HistoryEntry } from '../../server/access/history.js';
import { PgFieldHistory } from '../../server/access/pg-history.js';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/file-storage.js';
import { copyPlans } from '../../server/store/move.js';
import { PgSnapshotStore } from '../../server/store/pg-snapshot-store.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import { SnapshotStore } from '../../server/store/snapshot-store.js';
import { createTestSchema, openTestStore, PG_TESTS_NEED_URL, testDatabaseUrl, type TestSchema } from '../helpers/pg.js';
import { waitFor } from '../helpers/provider.js';
import { skipBecause } from '../helpers/skip.js';
import { removeDir, tempDir } from '../helpers/test-server.js';

// Issue 17: what DATA_DIR held (snapshots, the audit trail) lives in PostgreSQL with DATABASE_URL,
// so several nodes share it; `store:move` carries it both ways.
const log = createLogger('silent');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const actor: Actor = { role: 'facilitator', linkId: 'l1', name: 'Ana' };
const stateOf = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdateV2(doc);
};

async function db(ctx: TestContext): Promise<{ store: PgStorage; schema: TestSchema; dir: string }> {
  const opened = await openTestStore(ctx, cleanups);
  await opened.store.create('p', 'P', Y.encodeStateAsUpdate(new Y.Doc()));
  return opened;
}

describe('snapshots and the audit trail in PostgreSQL', () => {
  it('CL5: snapshots keep the file store\'s rules: immutable state, endorsed is final, tampering is reported', async (ctx) => {
    const { store, schema } = await db(ctx);
    const snaps = new PgSnapshotStore(store.pool);
    const one = stateOf('one');
    const first = await snaps.create('p', one, { name: 'First', note: '', status: 'draft', author: 'Ana' });
    const second = await snaps.create('p', stateOf('two'), { name: 'Second', note: '', status: 'consultation', author: 'Ana' });
    expect((await snaps.list('p')).map((s) => s.name).sort()).toEqual(['First', 'Second']);
    expect((await snaps.usage('p')).count).toBe(2);
    const read = await snaps.read('p', first.id);
    expect([...read.state]).toEqual([...one]);
    expect((await snaps.update('p', first.id, { status: 'endorsed' })).status).toBe('endorsed');
    await expect(snaps.update('p', first.id, { name: 'Renamed' })).rejects.toMatchObject({ code: 'endorsed' });
    await expect(snaps.remove('p', first.id)).rejects.toMatchObject({ code: 'endorsed' });
    await snaps.remove('p', second.id);
    await expect(snaps.read('p', second.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(snaps.read('p', '../x')).rejects.toMatchObject({ code: 'not_found' });
    // Someone with database access changes the stored state: every read says so.
    await schema.admin.query(`UPDATE ${schema.name}.plan_snapshots SET state = '\\x00'::bytea WHERE id = $1`, [first.id]);
    await expect(snaps.read('p', first.id)).rejects.toMatchObject({ code: 'tampered' });
    expect((await snaps.list('p'))[0]!.problem).toMatch(/altered/);
  });

  it('CL5: the audit trail is recorded without waiting, stored in order, and kept (listed, retried) while the database refuses it', async (ctx) => {
    const { store, schema } = await db(ctx);
    const audit = new PgAuditLog(store.pool, log);
    cleanups.push(() => audit.close(100));
    for (let i = 0; i < 50; i++) audit.record('p', `act.${i}`, actor, { i });
    // Recorded synchronously: listed at once, stored or not.
    expect((await audit.list('p')).map((e) => e.detail.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await audit.flush();
    const rows = await schema.admin.query(`SELECT event FROM ${schema.name}.plan_audit ORDER BY n`);
    expect(rows.rows.map((r) => JSON.parse(r.event).detail.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));

    // The table is unusable for a while: events wait (and are listed), then are stored in order.
    await schema.admin.query(`ALTER TABLE ${schema.name}.plan_audit RENAME TO plan_audit_away`);
    audit.record('p', 'while.away', actor, { i: 50 });
    await waitFor(() => audit.pending === 1, 'the event waits');
    await new Promise((r) => setTimeout(r, 150)); // at least one failed attempt
    expect(audit.pending).toBe(1);
    await schema.admin.query(`ALTER TABLE ${schema.name}.plan_audit_away RENAME TO plan_audit`);
    audit.record('p', 'after', actor, { i: 51 });
    await audit.flush();
    expect(audit.pending).toBe(0);
    expect((await audit.list('p')).map((e) => e.detail.i)).toEqual(Array.from({ length: 52 }, (_, i) => i));
  });

  it('CL5, CL7: store:move carries snapshots (ids, dates, checksums), the audit trail and the change journal both ways', async (ctx) => {
    const { store } = await db(ctx);
    await store.delete('p');
    const filesDir = tempDir();
    cleanups.push(() => removeDir(filesDir));
    const files = await PlanStore.open(filesDir, log);
    cleanups.push(() => files.close());
    await files.create('m', 'Moved', Y.encodeStateAsUpdate(new Y.Doc()));
    const fileSnaps = new SnapshotStore(files);
    const fileAudit = new AuditLog(files);
    const snap = await fileSnaps.create('m', stateOf('kept'), { name: 'Kept', note: 'n', status: 'final', author: 'Ana' });
    fileAudit.record('m', 'plan.created', actor);
    fileAudit.record('m', 'snapshot.created', actor, { snapshotId: snap.id });
    const fileJournal = new FieldHistory(files);
    const entries: HistoryEntry[] = Array.from({ length: 12 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), entity: 'activity', id: `a${i % 3}`, field: i % 2 ? 'budget' : null,
      from: i, to: { amount: i + 1, note: 'é ✓' }, kept: i !== 5, client: 7 + i, by: { name: 'Ana', role: 'editor', participantId: null },
    }));
    fileJournal.record('m', entries);
    const dbSnaps = new PgSnapshotStore(store.pool);
    const dbAudit = new PgAuditLog(store.pool, log);
    cleanups.push(() => dbAudit.close(100));
    const dbJournal = new PgFieldHistory(store.pool, log);
    const there = { snapshots: { from: fileSnaps, to: dbSnaps }, audit: { from: fileAudit, to: dbAudit }, history: { from: fileJournal, to: dbJournal } };
    expect((await copyPlans(files, store, log, there)).copied).toEqual(['m']);
    expect(await dbSnaps.read('m', snap.id)).toEqual(await fileSnaps.read('m', snap.id));
    expect(await dbAudit.list('m')).toEqual(await fileAudit.list('m'));
    expect(await dbJournal.exportEntries('m')).toEqual(entries);

    const backDir = tempDir();
    cleanups.push(() => removeDir(backDir));
    const back = await PlanStore.open(backDir, log);
    cleanups.push(() => back.close());
    const backSnaps = new SnapshotStore(back);
    const backAudit = new AuditLog(back);
    const backJournal = new FieldHistory(back);
    const home = { snapshots: { from: dbSnaps, to: backSnaps }, audit: { from: dbAudit, to: backAudit }, history: { from: dbJournal, to: backJournal } };
    expect((await copyPlans(store, back, log, home)).copied).toEqual(['m']);
    expect(await backSnaps.read('m', snap.id)).toEqual(await fileSnaps.read('m', snap.id));
    expect(await backAudit.list('m')).toEqual(await fileAudit.list('m'));
    expect(await backJournal.exportEntries('m')).toEqual(entries);
  });
});
