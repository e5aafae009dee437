import { Hono } from 'hono';
import type { AppEnv } from './deps.js';

/** `GET /healthz`: liveness and how many plans exist and are loaded (no token needed). */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/healthz', (c) => {
    const { store, registry } = c.var.deps;
    return c.json({ ok: true, plans: store.list().length, loaded: registry.size });
  });
}
