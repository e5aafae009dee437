import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as Y from 'yjs';
import { isId, newId } from '../../shared/ids.js';
import { initPlan, parsePlanJson, rankGoals, readPlan, rollupBudget, validatePlan, writePlan } from '../../shared/model.js';
import { isCountry, isCurrency } from '../../shared/schema/values.js';
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
  config: Config;
  log: Logger;
}

/** Longest plan title accepted. */
const MAX_TITLE = 200;

/** Sends the one error shape every route uses: `{ error: { code, message } }`. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, extra?: object) {
  return c.json({ error: { code, message, ...extra } }, status);
}

/**
 * The HTTP side of Roundtable as a Hono app. It never listens: `server.ts` serves it, tests
 * call `app.request()`. Every error is JSON `{ error: { code, message } }` without internals.
 */
export function createApp(deps: AppDeps): Hono {
  const { store, registry, snapshots, config, log } = deps;
  const app = new Hono();

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

  /** A known plan's id from the path, or an error response. */
  const planId = (c: Context): string | Response => {
    const id = c.req.param('id') ?? '';
    if (!isId(id)) return apiError(c, 400, 'invalid_id', 'A plan id is 1 to 64 letters, digits, "-" or "_".');
    if (!store.has(id)) return apiError(c, 404, 'plan_not_found', `There is no plan with id "${id}".`);
    return id;
  };

  /** Writes a new plan (fresh doc filled by `fill`) to the store and answers 201. */
  const createPlan = async (c: Context, title: string, fill: (doc: Y.Doc, id: string) => void, how: string) => {
    const id = newId();
    const doc = new Y.Doc();
    fill(doc, id);
    const meta = await store.create(id, title, Y.encodeStateAsUpdateV2(doc));
    doc.destroy();
    log.info(`plan ${how}`, { plan: id });
    return c.json({ ...meta, url: `/plans/${id}` }, 201);
  };

  app.post('/api/plans', limit, async (c) => {
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
    return createPlan(c, name, (doc, id) => initPlan(doc, { id, title: name, country, currency }), 'created');
  });

  app.post('/api/plans/import', limit, async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const parsed = parsePlanJson(body);
    if (!parsed.ok) {
      return apiError(c, 400, 'invalid_plan', `The plan was not imported: ${parsed.problems.length} problem(s) found.`, {
        problems: parsed.problems,
      });
    }
    const data = parsed.value;
    return createPlan(
      c,
      data.title,
      (doc, id) => writePlan(doc, { ...data, id }, { source: 'server', reason: 'import' }),
      'imported',
    );
  });

  app.get('/api/plans', (c) => c.json({ plans: store.list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) }));

  app.get('/api/plans/:id', (c) => {
    const id = planId(c);
    if (id instanceof Response) return id;
    return c.json({ ...store.get(id)!, url: `/plans/${id}` });
  });

  app.get('/api/plans/:id/export.json', async (c) => {
    const id = planId(c);
    if (id instanceof Response) return id;
    const plan = await registry.use(id, (room) => readPlan(room.doc));
    c.header('Content-Disposition', `attachment; filename="plan-${id}.json"`);
    return c.json(plan);
  });

  /** Registers a GET route that answers with a value computed from the plan's plain projection. */
  const derived = (suffix: string, compute: (plan: ReturnType<typeof readPlan>) => unknown) =>
    app.get(`/api/plans/:id/${suffix}`, async (c) => {
      const id = planId(c);
      if (id instanceof Response) return id;
      return c.json(await registry.use(id, (room) => compute(readPlan(room.doc))));
    });
  derived('ranking', (plan) => rankGoals(plan));
  derived('issues', (plan) => ({ issues: validatePlan(plan) }));
  derived('budget', (plan) => rollupBudget(plan));

  registerSnapshotRoutes(app, { snapshots, registry, planId, createPlan, limit });

  serveClient(app, config.clientDir);
  return app;
}

/**
 * Serves the built web client when it exists: hashed assets with a long cache life, and the
 * single-page shell for `/` and every plan page (`/plans/<id>`), which the client routes itself.
 */
function serveClient(app: Hono, clientDir: string): void {
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
