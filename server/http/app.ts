import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { archiveRoutes } from './archive.js';
import { historyRoutes } from './history.js';
import { clientRoutes } from './client.js';
import { commentRoutes } from './comments.js';
import { consultRoutes } from './consult.js';
import type { AppDeps, AppEnv } from './deps.js';
import { errorHandler, notFound } from './errors.js';
import { healthRoutes } from './health.js';
import { workbookImportRoutes } from './import-xlsx.js';
import { linkRoutes } from './links.js';
import { openApiRoutes } from './openapi.js';
import { exportRoutes } from './exports.js';
import { iatiRoutes } from './iati.js';
import { planRoutes } from './plans.js';
import { HeavyWork } from '../work/pool.js';
import { snapshotRoutes, versionRoutes } from './snapshots.js';

export type { AppDeps, AppEnv } from './deps.js';

/**
 * The HTTP side of Roundtable as a Hono app composed of sub-apps. It never listens:
 * `server.ts` serves it, tests call `app.request()`. Every error is JSON
 * `{ error: { code, message } }` without internals (see errors.ts). Every plan route needs a
 * token (`Authorization: Bearer`) whose role has the route's right (see authorize.ts).
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.log));
  app.notFound(notFound);
  app.use('*', secureHeaders());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
    // An act is answered only once its audit events are stored (PostgreSQL queues them, CL7).
    if (deps.audit.settled && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !(await deps.audit.settled())) {
      deps.log.warn('answered before its audit events were stored (the database is slow or away; they are retried)', { path: c.req.path });
    }
  });
  app.route('/', healthRoutes());
  app.route('/api', openApiRoutes());
  // One heavy-work thread for imports, derived values and exports: it keeps plan replicas.
  const heavy = new HeavyWork({ timeoutMs: deps.config.heavyTimeoutMs, maxQueue: deps.config.heavyQueue });
  app.route('/api/plans', planRoutes(deps, heavy));
  app.route('/api/plans', exportRoutes(deps, heavy));
  app.route('/api/plans', iatiRoutes(heavy));
  app.route('/api/plans', workbookImportRoutes(deps, heavy));
  app.route('/api/plans', linkRoutes(deps));
  app.route('/api/plans', archiveRoutes(deps));
  app.route('/api/plans', historyRoutes(deps));
  app.route('/api/plans', commentRoutes(deps));
  app.route('/api/plans', consultRoutes(deps));
  app.route('/api/plans', snapshotRoutes(deps));
  app.route('/api/plans', versionRoutes(deps));
  app.route('/', clientRoutes(deps.config.clientDir));
  return app;
}
