import type pg from 'pg';
import type { Logger } from '../log.js';
import type { Actor, AuditEvent, AuditTrail } from './audit.js';

/** Events waiting to be written at most; past it new events are refused loudly (logged as lost). */
export const MAX_PENDING_AUDIT = 10_000;

/**
 * The audit trail in PostgreSQL (table `plan_audit`, migration step 4), used with DATABASE_URL.
 *
 * `record` stays synchronous (hooks call it inside doc observers, on the relay path) and never
 * waits for the database: the event is queued and a single writer inserts the queue in order,
 * all queued events in one statement, so the trail keeps the order in which this node recorded
 * them. `list` returns the stored events followed by the ones still queued, so a facilitator
 * always sees what was recorded.
 *
 * Failure path: a failed insert (database restarting, connection lost) keeps the events queued
 * and retries with back-off (up to 5 s), logging an error each time; nothing is dropped while
 * fewer than MAX_PENDING_AUDIT events wait. Beyond that, new events are not queued and each is
 * logged as an error with its content (the log is then the trail of last resort). `close` waits
 * for the queue to drain (up to a time limit) on a clean stop.
 *
 * Never lost to `kill -9` (SPEC CL7): events of the room's hooks do not come here, they ride
 * with the batch of updates that caused them (same transaction); an HTTP act is answered only
 * once its events are stored ({@link PgAuditLog.settled}, awaited by app.ts). Only an event of an
 * act that was never answered (the process killed between the act and its answer, or the
 * database away for more than 5 s) can still be lost.
 */
export class PgAuditLog implements AuditTrail {
  private queue: { planId: string; json: string; event: AuditEvent }[] = [];
  private writing: Promise<void> | null = null;
  private backoff = 100;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Events queued and events stored so far (in queue order), for {@link PgAuditLog.settled}. */
  private queuedCount = 0;
  private storedCount = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  /** Queues one event for the plan (written in order, soon) and returns it. */
  record(planId: string, action: string, actor: Actor, detail: AuditEvent['detail'] = {}): AuditEvent {
    const event: AuditEvent = { at: new Date().toISOString(), action, actor, detail };
    const json = JSON.stringify(event);
    if (this.queue.length >= MAX_PENDING_AUDIT) {
      this.log.error('audit event not stored: the database has not accepted audit events for a while', { plan: planId, event: json });
      return event;
    }
    this.queue.push({ planId, json, event });
    this.queuedCount++;
    this.kick();
    return event;
  }

  /** Events recorded but not yet stored (for health and tests). */
  get pending(): number {
    return this.queue.length;
  }

  private kick(): void {
    if (this.writing || this.retryTimer) return;
    this.writing = this.writeQueued().finally(() => {
      this.writing = null;
      if (this.queue.length > 0 && !this.retryTimer) this.kick();
    });
  }

  private async writeQueued(): Promise<void> {
    const batch = this.queue.slice(0, 1_000);
    if (batch.length === 0) return;
    try {
      await this.pool.query(
        `INSERT INTO plan_audit (plan_id, event)
         SELECT e.plan_id, e.event FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS e (plan_id, event, o)
         WHERE EXISTS (SELECT 1 FROM plans p WHERE p.id = e.plan_id) ORDER BY e.o`,
        [batch.map((b) => b.planId), batch.map((b) => b.json)],
      );
      this.queue.splice(0, batch.length);
      this.storedCount += batch.length;
      this.backoff = 100;
    } catch (err) {
      this.log.error('audit events not stored yet; retrying', { waiting: this.queue.length, error: String(err) });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.kick();
      }, this.backoff);
      this.retryTimer.unref();
      this.backoff = Math.min(this.backoff * 2, 5_000);
    }
  }

  /** Resolves once every event recorded so far is stored (or `ms` passed); for tests and shutdown. */
  async flush(ms = 5_000): Promise<void> {
    await this.settled(ms);
  }

  /**
   * Resolves true once every event recorded until this call is stored, false when `ms` passed
   * first (they stay queued and retried). HTTP answers an act only after this (app.ts), so an
   * answered act's audit event is never lost to `kill -9`.
   */
  async settled(ms = 5_000): Promise<boolean> {
    const mark = this.queuedCount;
    const deadline = Date.now() + ms;
    while (this.storedCount < mark && this.queue.length > 0 && Date.now() < deadline) {
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.kick();
      }
      await (this.writing ?? new Promise((r) => setTimeout(r, 20)));
    }
    return this.storedCount >= mark || this.queue.length === 0;
  }

  /** Every event of the plan, oldest first: stored ones, then those still queued. */
  async list(planId: string): Promise<AuditEvent[]> {
    const queued = this.queue.filter((q) => q.planId === planId).map((q) => q.event);
    const { rows } = await this.pool.query<{ event: string }>('SELECT event FROM plan_audit WHERE plan_id = $1 ORDER BY n', [planId]);
    const stored = rows.map((r) => JSON.parse(r.event) as AuditEvent);
    // An event written between the two reads is in both: keep the stored copy.
    const seen = new Set(rows.map((r) => r.event));
    return [...stored, ...queued.filter((e) => !seen.has(JSON.stringify(e)))];
  }

  /** Adds events as they are (moving plans between stores), oldest first, in one statement. */
  async importEvents(planId: string, events: readonly AuditEvent[]): Promise<void> {
    await this.flush();
    if (events.length === 0) return;
    await this.pool.query(
      `INSERT INTO plan_audit (plan_id, event) SELECT $1, e.event FROM unnest($2::text[]) WITH ORDINALITY AS e (event, o) ORDER BY e.o`,
      [planId, events.map((e) => JSON.stringify(e))],
    );
  }

  /** Stops retrying after one last attempt to store what is queued (up to `ms`). */
  async close(ms = 5_000): Promise<void> {
    await this.flush(ms);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.queue.length > 0) this.log.error('audit events not stored at shutdown', { events: this.queue.map((q) => q.json) });
  }
}
