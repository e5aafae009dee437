import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { PlanFolders } from '../store/storage.js';
import { readJsonLines } from './audit.js';

export type { HistoryActor, HistoryEntry } from '../../shared/history.js';
import type { HistoryEntry } from '../../shared/history.js';

/** What a history query may ask for. */
export interface HistoryQuery {
  entity?: string;
  id?: string;
  field?: string | null;
  /** Only entries at or after / before this ISO time. */
  since?: string;
  until?: string;
  limit?: number;
}

/**
 * Where a server keeps its change journal (SPEC FH1-FH4): the file store's `history.jsonl`
 * ({@link FieldHistory}) or PostgreSQL (`PgFieldHistory`, with DATABASE_URL, CL7).
 */
export interface ChangeJournal {
  /** Queues entries for the plan's journal; never waits (hooks call it inside doc observers). */
  record(planId: string, entries: readonly HistoryEntry[]): void;
  /** Entries matching `q`, newest first (at most `q.limit`, default 100). */
  list(planId: string, q?: HistoryQuery): Promise<HistoryEntry[]>;
  /** Every entry of the plan, oldest first (moving plans between stores). */
  exportEntries(planId: string): Promise<HistoryEntry[]>;
  /** Adds entries as they are, oldest first, after any the plan has (moving plans between stores). */
  importEntries(planId: string, entries: readonly HistoryEntry[]): Promise<void>;
  /** Resolves once every entry recorded so far is stored (shutdown; SPEC PF4). */
  settle(): Promise<void>;
}

/** The entries a query asks for, newest first, from `all` (oldest first). */
export function matchHistory(all: readonly HistoryEntry[], q: HistoryQuery): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const limit = q.limit ?? 100;
  for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
    const e = all[i]!;
    if (q.entity !== undefined && e.entity !== q.entity) continue;
    if (q.id !== undefined && e.id !== q.id) continue;
    if (q.field !== undefined && e.field !== q.field) continue;
    if (q.since !== undefined && e.at < q.since) continue;
    if (q.until !== undefined && e.at > q.until) continue;
    out.push(e);
  }
  return out;
}

/** Entries kept per plan before the oldest half is dropped (FH3). */
export const MAX_HISTORY_ENTRIES = 20_000;
/** Largest JSON of one value kept whole; larger values are recorded as `{ omitted: <chars> }`. */
export const MAX_HISTORY_VALUE_CHARS = 2_000;

/** A value as it is kept in the journal: whole, or `{ omitted: n }` past {@link MAX_HISTORY_VALUE_CHARS}. */
export function boundedValue(v: unknown): unknown {
  if (v === undefined) return null;
  // Plain scalars need no JSON to be measured (a string's JSON is at most 6 characters per character, plus quotes).
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string' && v.length * 6 + 2 <= MAX_HISTORY_VALUE_CHARS) return v;
  const json = JSON.stringify(v);
  return json !== undefined && json.length > MAX_HISTORY_VALUE_CHARS ? { omitted: json.length } : v;
}

/**
 * The change journal per plan (`<plan>/history.jsonl`, one entry per line), SPEC FH1-FH4. The
 * room's hook hands it entries synchronously; they are appended after the current event-loop
 * turn in one write per plan (never awaited on the relay path), so a crash can lose at most the
 * last turn's entries. Past {@link MAX_HISTORY_ENTRIES} the oldest half is dropped.
 */
export class FieldHistory implements ChangeJournal {
  private readonly pending = new Map<string, HistoryEntry[]>();
  private readonly counts = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly plans: Pick<PlanFolders, 'dir'>,
    private readonly maxEntries = MAX_HISTORY_ENTRIES,
  ) {}

  private file(planId: string): string {
    return path.join(this.plans.dir(planId), 'history.jsonl');
  }

  /** Queues entries for the plan's journal (written after this event-loop turn). */
  record(planId: string, entries: readonly HistoryEntry[]): void {
    if (entries.length === 0) return;
    const list = this.pending.get(planId);
    if (list) list.push(...entries);
    else this.pending.set(planId, [...entries]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushAll());
    }
  }

  private flushAll(): void {
    this.scheduled = false;
    for (const planId of [...this.pending.keys()]) void this.flush(planId);
  }

  /** Writes everything queued for every plan; resolves once it is all on disk (server shutdown). */
  async settle(): Promise<void> {
    for (const planId of [...this.pending.keys()]) void this.flush(planId);
    await Promise.all([...this.chains.values()]);
  }

  /** Writes the plan's queued entries; resolves when everything queued so far is on disk. */
  flush(planId: string): Promise<void> {
    const entries = this.pending.get(planId);
    this.pending.delete(planId);
    const prev = this.chains.get(planId) ?? Promise.resolve();
    if (!entries?.length) return prev;
    const next = prev.then(() => this.append(planId, entries)).catch(() => undefined);
    this.chains.set(planId, next);
    return next;
  }

  private async append(planId: string, entries: HistoryEntry[]): Promise<void> {
    const file = this.file(planId);
    if (!fs.existsSync(path.dirname(file))) return; // the plan was deleted meanwhile
    await fsp.appendFile(file, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const count = (this.counts.get(planId) ?? (await this.countLines(file) - entries.length)) + entries.length;
    this.counts.set(planId, count);
    if (count > this.maxEntries) {
      const keep = (await this.read(planId)).slice(-Math.floor(this.maxEntries / 2));
      const tmp = `${file}.tmp`;
      await fsp.writeFile(tmp, keep.map((e) => JSON.stringify(e)).join('\n') + '\n');
      await fsp.rename(tmp, file);
      this.counts.set(planId, keep.length);
    }
  }

  private async countLines(file: string): Promise<number> {
    try {
      const text = await fsp.readFile(file, 'utf8');
      let n = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
      return n;
    } catch {
      return 0;
    }
  }

  private read(planId: string): Promise<HistoryEntry[]> {
    return readJsonLines<HistoryEntry>(this.file(planId));
  }

  /** Entries matching `q`, newest first (at most `q.limit`, default 100), queued ones included. */
  async list(planId: string, q: HistoryQuery = {}): Promise<HistoryEntry[]> {
    await this.flush(planId);
    return matchHistory(await this.read(planId), q);
  }

  /** Every entry of the plan, oldest first, queued ones included. */
  async exportEntries(planId: string): Promise<HistoryEntry[]> {
    await this.flush(planId);
    return this.read(planId);
  }

  /** Appends entries as they are (oldest first) after the plan's own, then applies the bound. */
  async importEntries(planId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.record(planId, entries);
    await this.flush(planId);
  }
}
