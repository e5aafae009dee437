import { Hono } from 'hono';
import { MAX_IATI_BYTES } from '../iati/donor.js';
import type { HeavyWork } from '../work/pool.js';
import { requireRight } from './authorize.js';
import type { AppEnv } from './deps.js';
import { ApiError } from './errors.js';
import { limitBody } from './request.js';

/**
 * IATI donor import, mounted at `/api/plans`: `POST /:id/iati` [facilitator] with a whole
 * `iati-activities` file or a bare `iati-activity` as the body answers `{ activities }`, the
 * donor activities it holds (identifier, title, reporting and participating organisations,
 * currency, budgets, transactions and their totals by type). The file is read in the heavy-work
 * thread (`server/iati/donor.ts`, SPEC I9); nothing is stored.
 */
export function iatiRoutes(heavy: HeavyWork): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/iati', requireRight('facilitate'), limitBody(MAX_IATI_BYTES), async (c) => {
    const result = await heavy.run({ kind: 'iati', text: await c.req.text() });
    if (!result.ok) throw new ApiError(result.status, result.code, result.message);
    if (!('json' in result)) throw new Error('the IATI job answered without a list');
    return c.body(result.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}
