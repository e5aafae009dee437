import { Hono } from 'hono';
import { ENTITIES } from '../../shared/schema/registry.js';
import type { HistoryQuery } from '../access/history.js';
import { requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError } from './errors.js';

/** Longest answer of one history request. */
export const MAX_HISTORY_LIMIT = 500;

const ENTITY_NAMES: ReadonlySet<string> = new Set(Object.keys(ENTITIES));
const KEY = /^[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_-]{1,64}){0,2}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const KNOWN = new Set(['entity', 'id', 'field', 'since', 'until', 'limit']);

/** Reads and checks the query of `GET /history` (SPEC FH4); throws `400 invalid_history_query` naming the bad part. */
export function historyQuery(params: Record<string, string>): HistoryQuery {
  const bad = (what: string) => new ApiError(400, 'invalid_history_query', what, { params: { detail: what } });
  for (const k of Object.keys(params)) if (!KNOWN.has(k)) throw bad(`unknown parameter "${k}"; use entity, id, field, since, until, limit`);
  const q: HistoryQuery = {};
  const { entity, id, field, since, until, limit } = params;
  if (entity !== undefined) {
    if (!ENTITY_NAMES.has(entity)) throw bad(`"entity" must be one of ${[...ENTITY_NAMES].join(', ')}`);
    q.entity = entity;
  }
  if (id !== undefined) {
    if (!KEY.test(id)) throw bad('"id" must be an id (1-64 of A-Z a-z 0-9 _ -) or a cell key of ids joined by ":"');
    q.id = id;
  }
  if (field !== undefined) {
    if (field !== '' && !FIELD.test(field)) throw bad('"field" must be a field name (letters and digits), or empty for a whole cell');
    q.field = field === '' ? null : field;
  }
  for (const [name, v] of [['since', since], ['until', until]] as const) {
    if (v === undefined) continue;
    if (!ISO.test(v) || Number.isNaN(Date.parse(v))) throw bad(`"${name}" must be an ISO time like 2026-12-01T20:00:00.000Z`);
    q[name] = v;
  }
  if (limit !== undefined) {
    const n = Number(limit);
    if (!/^\d{1,4}$/.test(limit) || n < 1 || n > MAX_HISTORY_LIMIT) throw bad(`"limit" must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`);
    q.limit = n;
  }
  return q;
}

/**
 * Field history, mounted at `/api/plans` (anyone who may read the plan): who changed a field or
 * a cell, when and from what, from the change journal the server keeps (server/access/history.ts).
 */
export function historyRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/history', requireRight('read'), async (c) => {
    const q = historyQuery(c.req.query());
    return c.json({ entries: await deps.history.list(c.var.planId, q) });
  });
  return app;
}
