import { Hono } from 'hono';
import { linkDonorLines, linkDonorLinesToOutput } from '../../shared/commands/funding.js';
import { donorFundingLines } from '../../shared/domain/funding.js';
import { MAX_IATI_BYTES, type DonorActivity } from '../iati/donor.js';
import type { HeavyWork } from '../work/pool.js';
import { requireRight } from './authorize.js';
import type { AppEnv } from './deps.js';
import { ApiError, refusal } from './errors.js';
import { limitBody } from './request.js';

/**
 * IATI donor import, mounted at `/api/plans`: `POST /:id/iati` [facilitator] with a whole
 * `iati-activities` file or a bare `iati-activity` as the body answers `{ activities }`, the
 * donor activities it holds (identifier, title, reporting and participating organisations,
 * currency, budgets, transactions and their totals by type). The file is read in the heavy-work
 * thread (`server/iati/donor.ts`, SPEC I9); nothing is stored.
 *
 * `POST /:id/iati/link?donor=<identifier>&activity=<id>` (or `&output=<id>`) [facilitator] with
 * the same file links that donor activity as funding lines (SPEC FN5; to an output spread over
 * its activities, FN8), all or nothing, and answers 201 `{ ids }` of the new lines. `donor` may
 * be left out when the file holds one activity.
 */
export function iatiRoutes(heavy: HeavyWork): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/iati', requireRight('facilitate'), limitBody(MAX_IATI_BYTES), async (c) => {
    const result = await heavy.run({ kind: 'iati', text: await c.req.text() });
    if (!result.ok) throw refusal(result);
    if (!('json' in result)) throw new Error('the IATI job answered without a list');
    return c.body(result.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.post('/:id/iati/link', requireRight('facilitate'), limitBody(MAX_IATI_BYTES), async (c) => {
    const activityId = c.req.query('activity');
    const outputId = c.req.query('output');
    const wanted = c.req.query('donor');
    if ((activityId === undefined) === (outputId === undefined)) {
      const detail = 'Say what the donor activity funds: "activity=<id>" or "output=<id>" (one of them).';
      throw new ApiError(400, 'invalid_funding_link', detail, { params: { detail } });
    }
    const result = await heavy.run({ kind: 'iati', text: await c.req.text() });
    if (!result.ok) throw refusal(result);
    if (!('json' in result)) throw new Error('the IATI job answered without a list');
    const { activities } = JSON.parse(result.json) as { activities: DonorActivity[] };
    const donors = wanted === undefined ? activities : activities.filter((a) => a.identifier === wanted);
    if (donors.length !== 1) {
      const detail =
        wanted === undefined
          ? `The file holds ${activities.length} activities: name the one to link with "donor=<iati-identifier>".`
          : `The file holds ${donors.length} activities with the identifier "${wanted.slice(0, 100)}"; exactly one is needed.`;
      throw new ApiError(400, 'invalid_funding_link', detail, { params: { detail } });
    }
    const lines = donorFundingLines(donors[0]!);
    const origin = { source: 'server', reason: 'iati-link' } as const;
    const linked = await c.var.deps.registry.use(c.var.planId, (room) =>
      outputId !== undefined ? linkDonorLinesToOutput(room.doc, outputId, lines, origin) : linkDonorLines(room.doc, activityId!, lines, origin),
    );
    if (!linked.ok) throw new ApiError(linked.error.code === 'not-found' ? 404 : 400, linked.error.code === 'not-found' ? 'not_found' : 'invalid_funding_link', `Could not link: ${linked.error.message}.`, { params: { detail: `${linked.error.message}.` } });
    return c.json({ ids: linked.value }, 201);
  });
  return app;
}
