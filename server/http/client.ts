import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import type { AppEnv } from './deps.js';

/**
 * The Content-Security-Policy of every page and script the client is served as. Scripts,
 * workers, fonts and fetches come only from this origin (websockets to this host included);
 * images only from it or `data:`; no plugins, frames, `<base>` or foreign form targets. So
 * nothing a peer writes (a presence colour, a title) can make a browser load or send anything
 * elsewhere. Styles allow `'unsafe-inline'`: the shell has one inline `<style>` and the
 * components set style attributes; they carry no script, and the presence colour that reaches
 * a style is checked to be `#rrggbb` (SPEC PR2). Lit's component styles use
 * adoptedStyleSheets, which need nothing more.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sameHost = host && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sameHost}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The built web client, when `clientDir/index.html` exists (else no routes): hashed assets
 * with a long cache life (Brotli or gzip copies where the build made them and the browser
 * accepts them), and the single-page shell for `/` and every plan page
 * (`/plans/<id>`), which the client routes itself; everything with the
 * {@link contentSecurityPolicy}. Mount it last, at `/`.
 */
export function clientRoutes(clientDir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) return app;
  app.use('/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy(c.req.header('host')));
  });
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // The build writes .br and .gz copies beside each asset (scripts/precompress.mjs): browsers
  // that accept them get those, with no compression work per request.
  app.use('/*', serveStatic({ root: clientDir, precompressed: true }));
  const shell = (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  };
  app.get('/', shell);
  app.get('/plans/:id', shell);
  return app;
}
