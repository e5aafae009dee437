import { ROOT } from '../../shared/schema/roots.js';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { can } from '../../shared/access.js';
import { attributeChanges, diffPlans } from '../../shared/domain/diff.js';
import { MAX_HISTORY_ENTRIES } from '../access/history.js';
import { readPlan, readPlanOfStateV2, writePlan, type PlanData } from '../../shared/model.js';
import { SNAPSHOT_STATUSES, type SnapshotStatus } from '../store/snapshot-store.js';
import { restoreState } from '../sync/restore.js';
import { isAdminCaller, requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError } from './errors.js';
import { translator } from '../i18n.js';
import { createPlan } from './new-plan.js';
import { fieldsOf, limitBody, readJson, readOptionalJson } from './request.js';

const MAX_NAME = 200;
const MAX_NOTE = 4_000;
const MAX_AUTHOR = 100;

/** A snapshot file's size on disk for a state of `bytes` (base64 plus the meta around it). */
const snapshotFileBytes = (bytes: number) => Math.ceil(bytes / 3) * 4 + 1024;

/**
 * Refuses a new snapshot past the plan's quota (README "Configuration"): 409
 * `too_many_snapshots` at MAX_SNAPSHOTS_PER_PLAN, 413 `snapshots_too_large` when its file
 * would take the plan's snapshots past MAX_SNAPSHOT_BYTES_PER_PLAN.
 */
async function checkSnapshotQuota(deps: AppDeps, planId: string, stateBytes: number): Promise<void> {
  const { count, bytes } = await deps.snapshots.usage(planId);
  const { maxSnapshotsPerPlan, maxSnapshotBytesPerPlan } = deps.config;
  if (count >= maxSnapshotsPerPlan) {
    throw new ApiError(409, 'too_many_snapshots', `This plan already has ${count} snapshots, the most this server keeps (${maxSnapshotsPerPlan}). Delete drafts you no longer need.`, { params: { count, max: maxSnapshotsPerPlan } });
  }
  if (bytes + snapshotFileBytes(stateBytes) > maxSnapshotBytesPerPlan) {
    throw new ApiError(413, 'snapshots_too_large', `This plan's snapshots would take more than the ${maxSnapshotBytesPerPlan} bytes this server keeps per plan. Delete drafts you no longer need.`, { params: { max: maxSnapshotBytesPerPlan } });
  }
}


/** The checked fields of a snapshot body. */
interface SnapshotFields {
  name?: string;
  note?: string;
  status?: SnapshotStatus;
  author?: string;
}

/** Checks `{ name?, note?, status?, author? }`; throws 400 `invalid_snapshot` listing every problem. */
function readSnapshotFields(body: unknown, requireName: boolean): SnapshotFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_snapshot', 'The body must be a JSON object.', { params: { detail: 'The body must be a JSON object.' } });
  const { name, note, status, author } = body as Record<string, unknown>;
  const problems: string[] = [];
  if (requireName || name !== undefined) {
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) problems.push(`"name" must be 1 to ${MAX_NAME} characters`);
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) problems.push(`"note" must be text of at most ${MAX_NOTE} characters`);
  if (status !== undefined && !SNAPSHOT_STATUSES.includes(status as SnapshotStatus)) problems.push(`"status" must be one of ${SNAPSHOT_STATUSES.join(', ')}`);
  if (author !== undefined && (typeof author !== 'string' || author.length > MAX_AUTHOR)) problems.push(`"author" must be text of at most ${MAX_AUTHOR} characters`);
  if (problems.length > 0) throw new ApiError(400, 'invalid_snapshot', problems.join('; ') + '.', { params: { detail: problems.join('; ') + '.' } });
  return {
    name: typeof name === 'string' ? name.trim() : undefined,
    note: typeof note === 'string' ? note : undefined,
    status: status as SnapshotStatus | undefined,
    author: typeof author === 'string' ? author.trim() : undefined,
  };
}

/**
 * Agreed versions, mounted at `/api/plans`: take, list, read, export, rename/re-note/endorse
 * and delete named, immutable snapshots of a plan. Taking one is held to the plan's snapshot
 * quota (count and bytes, see `checkSnapshotQuota`). Snapshot failures are thrown and answered
 * by `app.onError`.
 */
export function snapshotRoutes(deps: AppDeps): Hono<AppEnv> {
  const { snapshots, registry, audit } = deps;
  const limit = limitBody(deps.config.maxBodyBytes);
  const app = new Hono<AppEnv>();

  app.post('/:id/snapshots', limit, requireRight('snapshot'), async (c) => {
    const id = c.var.planId;
    const fields = readSnapshotFields(await readJson(c), true);
    if (fields.status === 'endorsed' && !can(c.var.role, 'manageVersions')) throw new ApiError(403, 'forbidden', 'Only a facilitator can endorse a version.', { params: { context: 'endorse' } });
    const actor = c.var.actor;
    const state = await registry.use(id, (room) => Y.encodeStateAsUpdateV2(room.doc));
    await checkSnapshotQuota(deps, id, state.byteLength);
    const meta = await snapshots.create(id, state, {
      name: fields.name!,
      note: fields.note ?? '',
      status: fields.status ?? 'draft',
      author: actor.name || fields.author || actor.role,
    });
    audit.record(id, meta.status === 'endorsed' ? 'snapshot.endorsed' : 'snapshot.created', actor, { snapshotId: meta.id, name: meta.name, status: meta.status });
    return c.json(meta, 201);
  });

  app.get('/:id/snapshots', requireRight('read'), async (c) => c.json({ snapshots: await snapshots.list(c.var.planId) }));

  app.get('/:id/snapshots/:sid', requireRight('read'), async (c) => {
    const { meta, state } = await snapshots.read(c.var.planId, c.req.param('sid'));
    return c.json({ ...meta, plan: readPlanOfStateV2(state) });
  });

  app.get('/:id/snapshots/:sid/export.json', requireRight('read'), async (c) => {
    const id = c.var.planId;
    const { meta, state } = await snapshots.read(id, c.req.param('sid'));
    c.header('Content-Disposition', `attachment; filename="plan-${id}-${meta.id}.json"`);
    return c.json(readPlanOfStateV2(state));
  });

  app.patch('/:id/snapshots/:sid', limit, requireRight('manageVersions'), async (c) => {
    const id = c.var.planId;
    const fields = readSnapshotFields(await readJson(c), false);
    const change = Object.fromEntries(Object.entries({ name: fields.name, note: fields.note, status: fields.status }).filter(([, v]) => v !== undefined));
    const updated = await snapshots.update(id, c.req.param('sid'), change);
    audit.record(id, change.status === 'endorsed' ? 'snapshot.endorsed' : 'snapshot.updated', c.var.actor, { snapshotId: updated.id, ...change });
    return c.json(updated);
  });

  app.delete('/:id/snapshots/:sid', requireRight('manageVersions'), async (c) => {
    const id = c.var.planId;
    await snapshots.remove(id, c.req.param('sid'));
    audit.record(id, 'snapshot.deleted', c.var.actor, { snapshotId: c.req.param('sid') });
    return c.body(null, 204);
  });

  return app;
}

/**
 * What can be done with versions, mounted at `/api/plans`: semantic diffs between any two
 * (or a snapshot and the live plan), restore as a new live change (its automatic "Before
 * restoring" snapshot is not held to the snapshot quota: a restore must always be undoable),
 * and fork into a new plan (with ADMIN_TOKEN set, only its holder may: a fork creates a plan).
 */
export function versionRoutes(deps: AppDeps): Hono<AppEnv> {
  const { snapshots, registry, audit, history } = deps;
  const limit = limitBody(deps.config.maxBodyBytes);
  const app = new Hono<AppEnv>();

  app.get('/:id/diff', requireRight('read'), async (c) => {
    const id = c.var.planId;
    const from = c.req.query('from');
    const to = c.req.query('to') ?? 'live';
    if (!from) throw new ApiError(400, 'invalid_diff', 'Say what to compare: ?from=<snapshot id|live>&to=<snapshot id|live>.');
    const now = new Date().toISOString();
    const load = async (which: string) => {
      if (which === 'live') return { plan: await registry.use(id, (room) => readPlan(room.doc)), at: now };
      const { meta, state } = await snapshots.read(id, which);
      return { plan: readPlanOfStateV2(state), at: meta.createdAt };
    };
    const [a, b] = [await load(from), await load(to)];
    const diff = diffPlans(a.plan, b.plan);
    // DF10: who made each change, from the change journal, between the two versions' times.
    const [after, until] = a.at <= b.at ? [a.at, b.at] : [b.at, a.at];
    const writes = diff.changes.length > 0 && after < until ? await history.list(id, { since: after, until, limit: MAX_HISTORY_ENTRIES }) : [];
    return c.json({ from, to, ...diff, changes: attributeChanges(diff.changes, writes, { after, until }) });
  });

  app.post('/:id/snapshots/:sid/restore', limit, requireRight('manageVersions'), async (c) => {
    const id = c.var.planId;
    const actor = c.var.actor;
    const { meta, state } = await snapshots.read(id, c.req.param('sid'));
    const result = await registry.use(id, async (room) => {
      // Keep what is being replaced: the restore can itself be undone by restoring this.
      const backup = await snapshots.create(id, Y.encodeStateAsUpdateV2(room.doc), {
        name: `Before restoring "${meta.name}"`,
        note: `Taken automatically when "${meta.name}" was restored.`,
        status: 'draft',
        author: actor.name || actor.role,
      });
      // Comments (CM11) and consultations (CO10: rounds with what participants contributed) are kept.
      restoreState(room.doc, state, { source: 'server', reason: 'restore' }, [ROOT.comments, ROOT.consultRounds, ROOT.recommendations, ROOT.reactions]);
      return { restored: meta.id, backup: backup.id };
    });
    audit.record(id, 'snapshot.restored', actor, { snapshotId: meta.id, name: meta.name, backupId: result.backup });
    return c.json(result);
  });

  app.post('/:id/snapshots/:sid/fork', limit, requireRight('snapshot'), async (c) => {
    const id = c.var.planId;
    // A fork creates a plan (and facilitator links to it): with ADMIN_TOKEN set, creating is the admin's.
    if (deps.config.adminToken && !isAdminCaller(c)) {
      throw new ApiError(403, 'forbidden', 'Forking creates a new plan: on this server that needs the instance admin token.', { params: { context: 'fork' } });
    }
    const given = fieldsOf(await readOptionalJson(c)).title;
    if (given !== undefined && (typeof given !== 'string' || given.trim() === '' || given.length > MAX_NAME)) {
      throw new ApiError(400, 'invalid_title', `"title" must be 1 to ${MAX_NAME} characters.`, { params: { max: MAX_NAME } });
    }
    const { meta, state } = await snapshots.read(id, c.req.param('sid'));
    const data = readPlanOfStateV2(state);
    // The default title in the plan's own language (SPEC L8), as a person would name it.
    const title = typeof given === 'string' ? given.trim() : translator(data.language)('versions:forkFrom', { title: data.title, name: meta.name }).slice(0, MAX_NAME);
    const actor = c.var.actor;
    audit.record(id, 'snapshot.forked', actor, { snapshotId: meta.id, title });
    // SN9: a new plan has no snapshots, so its reviews are measured against its live plan (as an import's, XL5).
    const unbound = data.reviews.filter((r) => r.baselineSnapshotId !== null).length;
    const reviews = data.reviews.map((r) => (r.baselineSnapshotId === null ? r : { ...r, baselineSnapshotId: null }));
    const fill = (doc: Y.Doc, newId: string) => writePlan(doc, { ...data, id: newId, title, reviews }, { source: 'server', reason: 'fork' });
    return createPlan(c, actor, title, fill, 'forked', { fromPlan: id, fromSnapshot: meta.id, ...(unbound ? { reviewsUnbound: unbound } : {}) });
  });
  return app;
}
