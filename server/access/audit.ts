import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { PlanFolders } from '../store/storage.js';
import type { Role } from '../../shared/access.js';

/** Who did something: the role and link of the token used, and the pseudonym they gave. */
export interface Actor {
  role: Role | 'admin' | 'anyone';
  linkId: string | null;
  name: string;
}

/** One consequential act. */
export interface AuditEvent {
  at: string;
  action: string;
  actor: Actor;
  /** What it was done to and how (snapshot id, link id, status...). */
  detail: Record<string, string | number | boolean | null>;
}

/**
 * The audit trail of every plan: `<plan>/audit.jsonl` ({@link AuditLog}) or PostgreSQL
 * (`PgAuditLog`, with DATABASE_URL). `record` is synchronous (hooks call it inside doc
 * observers) and returns the event; `list` returns every recorded event of a plan, oldest first.
 */
export interface AuditTrail {
  /** Records one event for the plan and returns it. */
  record(planId: string, action: string, actor: Actor, detail?: AuditEvent['detail']): AuditEvent;
  /** Every event of the plan, oldest first. */
  list(planId: string): Promise<AuditEvent[]>;
  /**
   * Optional (a trail that stores later, PostgreSQL): resolves true once every event recorded
   * so far is stored, false after `ms`. Absent where `record` stores before it returns.
   */
  settled?(ms?: number): Promise<boolean>;
}

/**
 * An append-only audit trail per plan (`<plan>/audit.jsonl`, one JSON object per line, written
 * with a synchronous append so an act is recorded before it is answered).
 */
export class AuditLog implements AuditTrail {
  constructor(private readonly plans: Pick<PlanFolders, 'dir'>) {}

  private file(planId: string): string {
    return path.join(this.plans.dir(planId), 'audit.jsonl');
  }

  /** Appends one event to the plan's trail (synchronously, so it is on disk before the act is answered) and returns it. */
  record(planId: string, action: string, actor: Actor, detail: AuditEvent['detail'] = {}): AuditEvent {
    const event: AuditEvent = { at: new Date().toISOString(), action, actor, detail };
    fs.appendFileSync(this.file(planId), JSON.stringify(event) + '\n');
    return event;
  }

  /** Adds events as they are (moving plans between stores), oldest first, after any the plan has. */
  async importEvents(planId: string, events: readonly AuditEvent[]): Promise<void> {
    if (events.length > 0) await fsp.appendFile(this.file(planId), events.map((e) => JSON.stringify(e) + '\n').join(''));
  }

  /** Every event, oldest first (a torn last line from a crash is skipped). */
  list(planId: string): Promise<AuditEvent[]> {
    return readJsonLines<AuditEvent>(this.file(planId));
  }
}

/** The JSON objects of a JSON-lines file, in order; none when it is missing; a torn line (a crash mid-append) is skipped. */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  let text = '';
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      /* torn line */
    }
  }
  return out;
}

/** The audit trail as CSV (RFC 4180 quoting), for spreadsheets. */
export function auditCsv(events: AuditEvent[]): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : s;
  };
  const rows = [['time', 'action', 'role', 'link', 'name', 'detail']];
  for (const e of events) rows.push([e.at, e.action, e.actor.role, e.actor.linkId ?? '', e.actor.name, JSON.stringify(e.detail)]);
  return rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}
