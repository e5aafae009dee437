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
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PlanStore } from '../store/plan-store.js';
import type { Registry } from '../sync/registry.js';

export interface AppDeps {
  store: PlanStore;
  registry: Registry;
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
  const { store, registry, config, log } = deps;
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

  app.post('/api/plans', limit, async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const title = (body as { title?: unknown } | null)?.title;
    if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
      return apiError(c, 400, 'invalid_title', `"title" must be a non-empty string of at most ${MAX_TITLE} characters.`);
    }
    const id = newId();
    const doc = new Y.Doc();
    initPlan(doc, { id, title: title.trim() });
    const meta = await store.create(id, title.trim(), Y.encodeStateAsUpdateV2(doc));
    doc.destroy();
    log.info('plan created', { plan: id });
    return c.json({ ...meta, url: `/plans/${id}` }, 201);
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
async function readJson(c: Context): Promise<unknown | Response> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return apiError(c, 400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
