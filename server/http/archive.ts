import { Hono } from 'hono';
import { ARCHIVE_ACTIONS } from '../sync/hooks/archive-audit.js';
import type { AuditEvent } from '../access/audit.js';
import { requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';

import type { ArchivedInfo as ArchivedItem } from '../../shared/domain/archive.js';

/**
 * The items whose last archive event in the trail is "archived" (a later restore takes an item
 * out), newest first. The doc stays the authority on what is archived now; this says who and when.
 */
export function archivedItems(events: readonly AuditEvent[]): ArchivedItem[] {
  const last = new Map<string, AuditEvent>();
  for (const e of events) {
    if (e.action !== ARCHIVE_ACTIONS.archived && e.action !== ARCHIVE_ACTIONS.restored) continue;
    const id = e.detail['id'];
    if (typeof id === 'string') last.set(id, e);
  }
  const out: ArchivedItem[] = [];
  for (const [id, e] of last) {
    if (e.action !== ARCHIVE_ACTIONS.archived) continue;
    out.push({ entity: String(e.detail['entity'] ?? ''), id, title: String(e.detail['title'] ?? ''), archivedAt: e.at, archivedBy: e.actor.name, role: e.actor.role });
  }
  return out.sort((a, b) => (a.archivedAt < b.archivedAt ? 1 : a.archivedAt > b.archivedAt ? -1 : 0));
}

/**
 * The archive bin's "who and when", mounted at `/api/plans` (anyone who may read the plan):
 * built from the audit trail's `item.archived` / `item.restored` events, which the server
 * records itself (server/sync/hooks/archive-audit.ts).
 */
export function archiveRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/archive', requireRight('read'), async (c) => c.json({ items: archivedItems(await deps.audit.list(c.var.planId)) }));
  return app;
}
