import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as Y from 'yjs';
import { isId, newId } from '../../shared/ids.js';
import { initPlan, parsePlanJson, rankGoals, readPlan, rollupBudget, validatePlan, writePlan } from '../../shared/model.js';
import { isCountry, isCurrency } from '../../shared/schema/values.js';
import { CLOSE } from '../../shared/protocol.js';
import type { AccessStore } from '../access/access-store.js';
import { auditCsv, type Actor, type AuditEvent, type AuditLog } from '../access/audit.js';
import { bearerToken, cleanName, grantFor, isAdminToken } from '../access/auth.js';
import { ROLES, can, type Right, type Role } from '../../shared/access.js';
import type { Sessions } from '../access/sessions.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PlanStore } from '../store/plan-store.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import type { Registry } from '../sync/registry.js';
import { registerSnapshotRoutes } from './snapshots.js';

export interface AppDeps {
  store: PlanStore;
  registry: Registry;
  snapshots: SnapshotStore;
  access: AccessStore;
  audit: AuditLog;
  sessions: Sessions;
  config: Config;
  log: Logger;
}

/** What the access middleware puts on the context of a plan route. */
export type AppEnv = { Variables: { planId: string; role: Role; actor: Actor } };

/** Longest plan title accepted. */
const MAX_TITLE = 200;

/** Sends the one error shape every route uses: `{ error: { code, message } }`. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, extra?: object) {
  return c.json({ error: { code, message, ...extra } }, status);
}

/** What each right lets a person do, for 403 messages. */
const RIGHT_TEXT: Record<Right, string> = {
  read: 'open this plan',
  write: 'change this plan',
  snapshot: 'take snapshots or fork this plan',
  manageVersions: 'endorse, change, delete or restore snapshots',
  facilitate: 'manage invite links or read the audit trail',
};

/** The `X-Actor-Name` pseudonym a request carries (may be empty). */
const actorName = (c: Context) => cleanName(c.req.header('x-actor-name'));

/**
 * The HTTP side of Roundtable as a Hono app. It never listens: `server.ts` serves it, tests
 * call `app.request()`. Every error is JSON `{ error: { code, message } }` without internals.
 * Every plan route needs a token (`Authorization: Bearer`) whose role has the route's right.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, registry, snapshots, access, audit, sessions, config, log } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', secureHeaders());

  app.onError((err, c) => {
    if (err instanceof HTTPException) return apiError(c, err.status as ContentfulStatusCode, 'http_error', err.message);
    log.error('request failed', { path: c.req.path, error: String(err) });
    return apiError(c, 500, 'internal', 'Something went wrong on the server. Nothing was changed.');
  });
  app.notFound((c) => apiError(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  app.get('/healthz', (c) => c.json({ ok: true, plans: store.list().length, loaded: registry.size }));

  const limit = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) => apiError(c, 413, 'too_large', `Request bodies are limited to ${config.maxBodyBytes} bytes.`),
  });

  /**
   * Access middleware for `/api/plans/:id/...`: a valid id (400), a known plan (404), a token
   * (401: missing, wrong or revoked) whose role has `right` (403). Sets planId, role, actor.
   */
  const authorize = (right: Right): MiddlewareHandler<AppEnv> =>
    async function authorize(c, next) {
      const id = c.req.param('id') ?? '';
      if (!isId(id)) return apiError(c, 400, 'invalid_id', 'A plan id is 1 to 64 letters, digits, "-" or "_".');
      if (!store.has(id)) return apiError(c, 404, 'plan_not_found', `There is no plan with id "${id}".`);
      const token = bearerToken(c.req.header('authorization'));
      const grant = await grantFor(access, config.adminToken, id, token, actorName(c));
      if (!grant) {
        return apiError(
          c,
          401,
          'unauthorized',
          token ? 'This link is not valid for this plan: the token is wrong or has been revoked.' : 'Open this plan with its invite link: send its token as "Authorization: Bearer <token>".',
        );
      }
      if (!can(grant.role, right)) return apiError(c, 403, 'forbidden', `Your link is an ${grant.role} link: it cannot ${RIGHT_TEXT[right]}.`);
      c.set('planId', id);
      c.set('role', grant.role);
      c.set('actor', grant.actor);
      await next();
    };

  /** Invite links as page URLs on the origin the request came to. */
  const linkUrls = (c: Context, id: string, issued: Record<Role, { token: string }>) => {
    const origin = new URL(c.req.url).origin;
    return Object.fromEntries(ROLES.map((r) => [r, `${origin}/plans/${id}?token=${issued[r].token}`])) as Record<Role, string>;
  };

  /** Creating plans is open unless ADMIN_TOKEN is set; then it needs that token. */
  const creator = (c: Context): Actor | Response => {
    const token = bearerToken(c.req.header('authorization'));
    if (isAdminToken(config.adminToken, token)) return { role: 'admin', linkId: null, name: actorName(c) };
    if (config.adminToken) return apiError(c, 401, 'unauthorized', 'Creating plans on this server needs the instance admin token.');
    return { role: 'anyone', linkId: null, name: actorName(c) };
  };

  /** Writes a new plan (fresh doc filled by `fill`), issues its three links and answers 201. */
  const createPlan = async (c: Context, actor: Actor, title: string, fill: (doc: Y.Doc, id: string) => void, how: string, detail: AuditEvent['detail'] = {}) => {
    const id = newId();
    const doc = new Y.Doc();
    fill(doc, id);
    const meta = await store.create(id, title, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const issued = await access.issue(id);
    audit.record(id, `plan.${how}`, actor, detail);
    log.info(`plan ${how}`, { plan: id });
    return c.json({ ...meta, url: `/plans/${id}`, links: linkUrls(c, id, issued) }, 201);
  };

  app.post('/api/plans', limit, async (c) => {
    const actor = creator(c);
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const { title, country, currency } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
      return apiError(c, 400, 'invalid_title', `"title" must be a non-empty string of at most ${MAX_TITLE} characters.`);
    }
    if (country !== undefined && !isCountry(country)) {
      return apiError(c, 400, 'invalid_country', '"country" must be an ISO 3166-1 alpha-2 code such as "SN".');
    }
    if (currency !== undefined && !isCurrency(currency)) {
      return apiError(c, 400, 'invalid_currency', '"currency" must be an ISO 4217 code such as "XOF" or "USD".');
    }
    const name = title.trim();
    return createPlan(c, actor, name, (doc, id) => initPlan(doc, { id, title: name, country, currency }), 'created');
  });

  app.post('/api/plans/import', limit, async (c) => {
    const actor = creator(c);
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const parsed = parsePlanJson(body);
    if (!parsed.ok) {
      return apiError(c, 400, 'invalid_plan', `The plan was not imported: ${parsed.problems.length} problem(s) found.`, {
        problems: parsed.problems,
      });
    }
    const data = parsed.value;
    return createPlan(c, actor, data.title, (doc, id) => writePlan(doc, { ...data, id }, { source: 'server', reason: 'import' }), 'imported', {
      sourceId: data.id,
    });
  });

  // The list of every plan is for the instance admin only; people reach plans by their links.
  app.get('/api/plans', (c) => {
    if (!isAdminToken(config.adminToken, bearerToken(c.req.header('authorization')))) {
      return apiError(c, 401, 'unauthorized', 'Listing every plan needs the instance admin token. Open a plan with its invite link.');
    }
    return c.json({ plans: store.list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) });
  });

  app.get('/api/plans/:id', authorize('read'), (c) => {
    const id = c.get('planId');
    return c.json({ ...store.get(id)!, url: `/plans/${id}`, role: c.get('role') });
  });

  app.get('/api/plans/:id/export.json', authorize('read'), async (c) => {
    const id = c.get('planId');
    const plan = await registry.use(id, (room) => readPlan(room.doc));
    c.header('Content-Disposition', `attachment; filename="plan-${id}.json"`);
    return c.json(plan);
  });

  /** Registers a GET route that answers with a value computed from the plan's plain projection. */
  const derived = (suffix: string, compute: (plan: ReturnType<typeof readPlan>) => unknown) =>
    app.get(`/api/plans/:id/${suffix}`, authorize('read'), async (c) =>
      c.json(await registry.use(c.get('planId'), (room) => compute(readPlan(room.doc)))),
    );
  derived('ranking', (plan) => rankGoals(plan));
  derived('issues', (plan) => ({ issues: validatePlan(plan) }));
  derived('budget', (plan) => rollupBudget(plan));

  app.get('/api/plans/:id/links', authorize('facilitate'), async (c) => c.json({ links: await access.list(c.get('planId')) }));

  app.post('/api/plans/:id/links', limit, authorize('facilitate'), async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const role = (body as { role?: unknown } | null)?.role;
    if (!ROLES.includes(role as Role)) return apiError(c, 400, 'invalid_role', `"role" must be one of ${ROLES.join(', ')}.`);
    const id = c.get('planId');
    const issued = await access.issue(id, [role as Role]);
    audit.record(id, 'link.issued', c.get('actor'), { linkId: issued[role as Role].linkId, role: role as Role });
    const origin = new URL(c.req.url).origin;
    return c.json({ linkId: issued[role as Role].linkId, role, url: `${origin}/plans/${id}?token=${issued[role as Role].token}` }, 201);
  });

  app.delete('/api/plans/:id/links/:linkId', authorize('facilitate'), async (c) => {
    const id = c.get('planId');
    const revoked = await access.revoke(id, c.req.param('linkId'));
    if (!revoked) return apiError(c, 404, 'link_not_found', 'There is no live invite link with that id.');
    const closed = sessions.closeLink(id, revoked.id, CLOSE.forbidden, 'invite link revoked');
    audit.record(id, 'link.revoked', c.get('actor'), { linkId: revoked.id, role: revoked.role, sessionsClosed: closed });
    return c.json({ revoked, sessionsClosed: closed });
  });

  app.get('/api/plans/:id/audit', authorize('facilitate'), async (c) => {
    const events = await audit.list(c.get('planId'));
    if (c.req.query('format') === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="audit-${c.get('planId')}.csv"`);
      return c.body(auditCsv(events));
    }
    return c.json({ events });
  });

  registerSnapshotRoutes(app, { snapshots, registry, audit, authorize, createPlan, limit });

  serveClient(app, config.clientDir);
  return app;
}

/**
 * Serves the built web client when it exists: hashed assets with a long cache life, and the
 * single-page shell for `/` and every plan page (`/plans/<id>`), which the client routes itself.
 */
function serveClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) return;
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({ root: clientDir }));
  const shell = (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  };
  app.get('/', shell);
  app.get('/plans/:id', shell);
}

/** Parses a JSON body, or returns a 400 response saying why not. */
export async function readJson(c: Context): Promise<unknown | Response> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return apiError(c, 400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
