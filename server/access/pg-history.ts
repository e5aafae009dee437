import type pg from 'pg';
import type { Logger } from '../log.js';
import { MAX_HISTORY_ENTRIES, type ChangeJournal, type HistoryEntry, type HistoryQuery } from './history.js';

/** Journal entries as the columns of `plan_history` (one array per column, in order). */
export interface HistoryColumns {
  at: string[];
  entity: string[];
  eid: string[];
  field: (string | null)[];
  entry: string[];
}

/** Splits entries into the column arrays an `unnest` insert of `plan_history` takes. */
export function historyColumns(entries: readonly HistoryEntry[]): HistoryColumns {
  const c: HistoryColumns = { at: [], entity: [], eid: [], field: [], entry: [] };
  for (const e of entries) {
    c.at.push(e.at);
    c.entity.push(e.entity);
    c.eid.push(e.id);
    c.field.push(e.field);
    c.entry.push(JSON.stringify(e));
  }
  return c;
}

/**
 * `INSERT` of journal rows from five array parameters starting at `$<first>` (at, entity, eid,
 * field, entry), in array order, for the plan id the `FROM` item `source` yields as `id`.
 */
export function historyInsert(source: string, first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO plan_history (plan_id, at, entity, eid, field, entry)
    SELECT src.id, h.at, h.entity, h.eid, h.field, h.entry FROM ${source} AS src,
      unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[]) WITH ORDINALITY AS h (at, entity, eid, field, entry, o)
    ORDER BY h.o`;
}

/**
 * Drops the oldest half of a plan's journal once it holds more than `max` entries (FH3), in one
 * statement; run by every compaction of the plan (under its advisory lock), so the bound is
 * checked as often as the log is folded.
 */
export async function trimHistory(client: pg.PoolClient | pg.Pool, planId: string, max = MAX_HISTORY_ENTRIES): Promise<void> {
  await client.query(
    `DELETE FROM plan_history WHERE plan_id = $1 AND n <= (
       SELECT n FROM plan_history WHERE plan_id = $1 ORDER BY n DESC OFFSET $2 LIMIT 1)
     AND (SELECT count(*) FROM plan_history WHERE plan_id = $1) > $3`,
    [planId, Math.floor(max / 2), max],
  );
}

/**
 * The change journal in PostgreSQL (table `plan_history`, migration step 5), used with
 * DATABASE_URL (SPEC CL7). Entries caused by a batch of updates do not pass through here: the
 * room's hooks attach them to the batch, and the batch's append statement inserts them in its
 * own transaction (`PgPlanHandle.attach`), so an entry is stored exactly when its change is.
 * `record` is for anything else: it inserts at once without waiting (a failure is logged).
 * `list` answers from the table (with the plan's pending inserts awaited first).
 */
export class PgFieldHistory implements ChangeJournal {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  /** Inserts entries soon (in order per plan), never waiting; a failure is logged as an error with the entries. */
  record(planId: string, entries: readonly HistoryEntry[]): void {
    if (entries.length === 0) return;
    const next = (this.chains.get(planId) ?? Promise.resolve())
      .then(() => this.insert(planId, entries))
      .catch((err: unknown) => this.log.error('change journal entries not stored', { plan: planId, entries: entries.length, error: String(err) }));
    this.chains.set(planId, next);
    void next.finally(() => {
      if (this.chains.get(planId) === next) this.chains.delete(planId);
    });
  }

  private async insert(planId: string, entries: readonly HistoryEntry[]): Promise<void> {
    const c = historyColumns(entries);
    await this.pool.query(`${historyInsert('(SELECT id FROM plans WHERE id = $1)', 2)}`, [planId, c.at, c.entity, c.eid, c.field, c.entry]);
  }

  /** Resolves once every entry recorded so far is inserted (or its failure logged). */
  async settle(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  /** Entries matching `q`, newest first (at most `q.limit`, default 100), filtered by the database. */
  async list(planId: string, q: HistoryQuery = {}): Promise<HistoryEntry[]> {
    await this.chains.get(planId);
    const where = ['plan_id = $1'];
    const values: unknown[] = [planId];
    const add = (sql: string, v: unknown) => {
      values.push(v);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (q.entity !== undefined) add('entity = ?', q.entity);
    if (q.id !== undefined) add('eid = ?', q.id);
    if (q.field === null) where.push('field IS NULL');
    else if (q.field !== undefined) add('field = ?', q.field);
    if (q.since !== undefined) add('at COLLATE "C" >= ?', q.since);
    if (q.until !== undefined) add('at COLLATE "C" <= ?', q.until);
    values.push(q.limit ?? 100);
    const { rows } = await this.pool.query<{ entry: string }>(`SELECT entry FROM plan_history WHERE ${where.join(' AND ')} ORDER BY n DESC LIMIT $${values.length}`, values);
    return rows.map((r) => JSON.parse(r.entry) as HistoryEntry);
  }

  /** Every entry of the plan, oldest first. */
  async exportEntries(planId: string): Promise<HistoryEntry[]> {
    await this.chains.get(planId);
    const { rows } = await this.pool.query<{ entry: string }>('SELECT entry FROM plan_history WHERE plan_id = $1 ORDER BY n', [planId]);
    return rows.map((r) => JSON.parse(r.entry) as HistoryEntry);
  }

  /** Adds entries as they are (oldest first) in one statement, then applies the bound. */
  async importEntries(planId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.insert(planId, entries);
    await trimHistory(this.pool, planId);
  }
}
