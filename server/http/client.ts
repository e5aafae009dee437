import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import type { AppEnv } from './deps.js';

/**
 * The built web client, when `clientDir/index.html` exists (else no routes): hashed assets
 * with a long cache life, and the single-page shell for `/` and every plan page
 * (`/plans/<id>`), which the client routes itself. Mount it last, at `/`.
 */
export function clientRoutes(clientDir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) return app;
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
  return app;
}
