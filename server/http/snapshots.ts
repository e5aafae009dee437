import type { Context, Hono, MiddlewareHandler } from 'hono';
import * as Y from 'yjs';
import { diffPlans } from '../../shared/domain/diff.js';
import { readPlan, writePlan, type PlanData } from '../../shared/model.js';
import { SNAPSHOT_STATUSES, SnapshotError, type SnapshotStatus, type SnapshotStore } from '../store/snapshot-store.js';
import type { Registry } from '../sync/registry.js';
import { restoreState } from '../sync/restore.js';
import type { Actor, AuditEvent, AuditLog } from '../access/audit.js';
import { can, type Right } from '../../shared/access.js';
import { apiError, readJson, type AppEnv } from './app.js';

export interface SnapshotRouteDeps {
  snapshots: SnapshotStore;
  registry: Registry;
  audit: AuditLog;
  /** The access middleware: resolves `:id` and the caller's role, refusing what the role may not do. */
  authorize(right: Right): MiddlewareHandler<AppEnv>;
  /** Creates a plan from a filled doc and answers 201 with its links (shared with POST /api/plans). */
  createPlan(c: Context, actor: Actor, title: string, fill: (doc: Y.Doc, id: string) => void, how: string, detail?: AuditEvent['detail']): Promise<Response>;
  limit: MiddlewareHandler;
}

const MAX_NAME = 200;
const MAX_NOTE = 4_000;
const MAX_AUTHOR = 100;

/** Plain plan of a stored state. */
function planOf(state: Uint8Array): PlanData {
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, state);
  const plan = readPlan(doc);
  doc.destroy();
  return plan;
}

/** Answers a SnapshotError with its fitting status. */
function snapshotError(c: Context, err: unknown): Response {
  if (!(err instanceof SnapshotError)) throw err;
  if (err.code === 'not_found') return apiError(c, 404, 'snapshot_not_found', err.message);
  if (err.code === 'endorsed') return apiError(c, 409, 'snapshot_endorsed', err.message);
  if (err.code === 'tampered') return apiError(c, 500, 'snapshot_tampered', err.message);
  return apiError(c, 400, 'invalid_snapshot', err.message);
}

/** Checks `{ name?, note?, status?, author? }`; returns the problems as one message or the values. */
function readSnapshotFields(body: unknown, requireName: boolean): string | { name?: string; note?: string; status?: SnapshotStatus; author?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object.';
  const { name, note, status, author } = body as Record<string, unknown>;
  const problems: string[] = [];
  if (requireName || name !== undefined) {
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) problems.push(`"name" must be 1 to ${MAX_NAME} characters`);
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) problems.push(`"note" must be text of at most ${MAX_NOTE} characters`);
  if (status !== undefined && !SNAPSHOT_STATUSES.includes(status as SnapshotStatus)) problems.push(`"status" must be one of ${SNAPSHOT_STATUSES.join(', ')}`);
  if (author !== undefined && (typeof author !== 'string' || author.length > MAX_AUTHOR)) problems.push(`"author" must be text of at most ${MAX_AUTHOR} characters`);
  if (problems.length > 0) return problems.join('; ') + '.';
  return {
    name: typeof name === 'string' ? name.trim() : undefined,
    note: typeof note === 'string' ? note : undefined,
    status: status as SnapshotStatus | undefined,
    author: typeof author === 'string' ? author.trim() : undefined,
  };
}

/**
 * Agreed versions: named, immutable snapshots of a plan, semantic diffs between any two (or a
 * snapshot and the live plan), restore as a new live change, and fork into a new plan.
 */
export function registerSnapshotRoutes(app: Hono<AppEnv>, deps: SnapshotRouteDeps): void {
  const { snapshots, registry, audit, authorize, limit } = deps;
  const endorseRefused = (c: Context) =>
    apiError(c, 403, 'forbidden', 'Only a facilitator can endorse a version.');

  app.post('/api/plans/:id/snapshots', limit, authorize('snapshot'), async (c) => {
    const id = c.get('planId');
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const fields = readSnapshotFields(body, true);
    if (typeof fields === 'string') return apiError(c, 400, 'invalid_snapshot', fields);
    if (fields.status === 'endorsed' && !can(c.get('role'), 'manageVersions')) return endorseRefused(c);
    const actor = c.get('actor');
    const state = await registry.use(id, (room) => Y.encodeStateAsUpdateV2(room.doc));
    const meta = await snapshots.create(id, state, {
      name: fields.name!,
      note: fields.note ?? '',
      status: fields.status ?? 'draft',
      author: actor.name || fields.author || actor.role,
    });
    audit.record(id, meta.status === 'endorsed' ? 'snapshot.endorsed' : 'snapshot.created', actor, { snapshotId: meta.id, name: meta.name, status: meta.status });
    return c.json(meta, 201);
  });

  app.get('/api/plans/:id/snapshots', authorize('read'), async (c) => {
    const id = c.get('planId');
    return c.json({ snapshots: await snapshots.list(id) });
  });

  app.get('/api/plans/:id/snapshots/:sid', authorize('read'), async (c) => {
    const id = c.get('planId');
    try {
      const { meta, state } = await snapshots.read(id, c.req.param('sid'));
      return c.json({ ...meta, plan: planOf(state) });
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.get('/api/plans/:id/snapshots/:sid/export.json', authorize('read'), async (c) => {
    const id = c.get('planId');
    try {
      const { meta, state } = await snapshots.read(id, c.req.param('sid'));
      c.header('Content-Disposition', `attachment; filename="plan-${id}-${meta.id}.json"`);
      return c.json(planOf(state));
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.patch('/api/plans/:id/snapshots/:sid', limit, authorize('manageVersions'), async (c) => {
    const id = c.get('planId');
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const fields = readSnapshotFields(body, false);
    if (typeof fields === 'string') return apiError(c, 400, 'invalid_snapshot', fields);
    const change = Object.fromEntries(Object.entries({ name: fields.name, note: fields.note, status: fields.status }).filter(([, v]) => v !== undefined));
    try {
      const updated = await snapshots.update(id, c.req.param('sid'), change);
      audit.record(id, change.status === 'endorsed' ? 'snapshot.endorsed' : 'snapshot.updated', c.get('actor'), { snapshotId: updated.id, ...change });
      return c.json(updated);
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.delete('/api/plans/:id/snapshots/:sid', authorize('manageVersions'), async (c) => {
    const id = c.get('planId');
    try {
      await snapshots.remove(id, c.req.param('sid'));
      audit.record(id, 'snapshot.deleted', c.get('actor'), { snapshotId: c.req.param('sid') });
      return c.body(null, 204);
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.get('/api/plans/:id/diff', authorize('read'), async (c) => {
    const id = c.get('planId');
    const from = c.req.query('from');
    const to = c.req.query('to') ?? 'live';
    if (!from) return apiError(c, 400, 'invalid_diff', 'Say what to compare: ?from=<snapshot id|live>&to=<snapshot id|live>.');
    const load = async (which: string) =>
      which === 'live' ? registry.use(id, (room) => readPlan(room.doc)) : planOf((await snapshots.read(id, which)).state);
    try {
      const [a, b] = [await load(from), await load(to)];
      return c.json({ from, to, ...diffPlans(a, b) });
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.post('/api/plans/:id/snapshots/:sid/restore', limit, authorize('manageVersions'), async (c) => {
    const id = c.get('planId');
    const actor = c.get('actor');
    const author = actor.name || actor.role;
    try {
      const { meta, state } = await snapshots.read(id, c.req.param('sid'));
      const result = await registry.use(id, async (room) => {
        // Keep what is being replaced: the restore can itself be undone by restoring this.
        const backup = await snapshots.create(id, Y.encodeStateAsUpdateV2(room.doc), {
          name: `Before restoring "${meta.name}"`,
          note: `Taken automatically when "${meta.name}" was restored.`,
          status: 'draft',
          author,
        });
        restoreState(room.doc, state, { source: 'server', reason: 'restore' });
        return { restored: meta.id, backup: backup.id };
      });
      audit.record(id, 'snapshot.restored', actor, { snapshotId: meta.id, name: meta.name, backupId: result.backup });
      return c.json(result);
    } catch (err) {
      return snapshotError(c, err);
    }
  });

  app.post('/api/plans/:id/snapshots/:sid/fork', limit, authorize('snapshot'), async (c) => {
    const id = c.get('planId');
    const body = await readJson(c);
    const given = body instanceof Response ? undefined : (body as { title?: unknown } | null)?.title;
    if (given !== undefined && (typeof given !== 'string' || given.trim() === '' || given.length > MAX_NAME)) {
      return apiError(c, 400, 'invalid_title', `"title" must be 1 to ${MAX_NAME} characters.`);
    }
    try {
      const { meta, state } = await snapshots.read(id, c.req.param('sid'));
      const data = planOf(state);
      const title = typeof given === 'string' ? given.trim() : `${data.title} (from ${meta.name})`.slice(0, MAX_NAME);
      const actor = c.get('actor');
      audit.record(id, 'snapshot.forked', actor, { snapshotId: meta.id, title });
      return await deps.createPlan(c, actor, title, (doc, newId) => writePlan(doc, { ...data, id: newId, title }, { source: 'server', reason: 'fork' }), 'forked', {
        fromPlan: id,
        fromSnapshot: meta.id,
      });
    } catch (err) {
      return snapshotError(c, err);
    }
  });
}
