import { Hono } from 'hono';
import * as Y from 'yjs';
import { archiveFundingLine, linkDonorLines, linkDonorLinesToOutput } from '../../shared/commands/funding.js';
import { ROOT } from '../../shared/schema/roots.js';
import { readPlan } from '../../shared/schema/read.js';
import type { FundingLine } from '../../shared/schema/types.js';
import { donorFundingLines } from '../../shared/domain/funding.js';
import { MAX_IATI_BYTES, type DonorActivity } from '../iati/donor.js';
import type { HeavyWork } from '../work/pool.js';
import { requireRight } from './authorize.js';
import type { AppEnv } from './deps.js';
import { ApiError, commandRefusal, refusal } from './errors.js';
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
 *
 * `DELETE /:id/iati/link?donor=<identifier>[&activity=<id>|&output=<id>]` [facilitator] archives
 * the live funding lines that came from that donor activity (on the activity, under the output,
 * or anywhere in the plan) and answers `{ ids }`; 404 `not_found` when there are none. Both write
 * an audit event (`funding.linked` / `funding.unlinked`: who, donor activity, target, amount;
 * SPEC XL6).
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
    if (!linked.ok) throw new ApiError(linked.error.code === 'not-found' ? 404 : 400, linked.error.code === 'not-found' ? 'not_found' : 'invalid_funding_link', `Could not link: ${linked.error.message}.`, commandRefusal(linked.error, `${linked.error.message}.`));
    // XL6: who linked which donor activity to what, for how much.
    const target = await c.var.deps.registry.use(c.var.planId, (room) => targetOf(room.doc, activityId, outputId));
    c.var.deps.audit.record(c.var.planId, 'funding.linked', c.var.actor, {
      donor: donors[0]!.identifier,
      funder: lines[0]?.funder ?? '',
      ...target,
      amount: amountText(lines),
      lines: linked.value.length,
    });
    return c.json({ ids: linked.value }, 201);
  });

  app.delete('/:id/iati/link', requireRight('facilitate'), async (c) => {
    const donor = c.req.query('donor');
    const activityId = c.req.query('activity');
    const outputId = c.req.query('output');
    if (!donor || (activityId !== undefined && outputId !== undefined)) {
      throw new ApiError(400, 'invalid_funding_link', 'Say which donor activity to unlink: "donor=<iati-identifier>", optionally with "activity=<id>" or "output=<id>" (not both).');
    }
    const origin = { source: 'server', reason: 'iati-unlink' } as const;
    const done = await c.var.deps.registry.use(c.var.planId, (room) => {
      const plan = readPlan(room.doc);
      const under = outputId !== undefined ? new Set(plan.activities.filter((a) => a.outputId === outputId).map((a) => a.id)) : null;
      const lines = plan.fundingLines.filter(
        (l) => !l.archived && l.iatiActivityId === donor && (activityId === undefined || l.activityId === activityId) && (under === null || under.has(l.activityId)),
      );
      if (lines.length === 0) return null;
      room.doc.transact(() => {
        for (const l of lines) archiveFundingLine(room.doc, l.id, origin);
      }, origin);
      return { lines, target: targetOf(room.doc, activityId, outputId) };
    });
    if (!done) throw new ApiError(404, 'not_found', `No live funding line of this plan${activityId ? ` on activity ${activityId}` : outputId ? ` under output ${outputId}` : ''} comes from the donor activity "${donor.slice(0, 100)}".`);
    c.var.deps.audit.record(c.var.planId, 'funding.unlinked', c.var.actor, {
      donor,
      funder: done.lines[0]!.funder,
      ...done.target,
      amount: amountText(done.lines),
      lines: done.lines.length,
    });
    return c.json({ ids: done.lines.map((l) => l.id) });
  });
  return app;
}

/** What a donor link names as its target in the audit trail: kind, id and current title (ids stay, codes move, M7); `plan` when neither is given. */
function targetOf(doc: Y.Doc, activityId: string | undefined, outputId: string | undefined): { target: string; targetId: string | null; targetTitle: string } {
  const id = activityId ?? outputId ?? null;
  const node = id === null ? undefined : doc.getMap<Y.Map<unknown>>(ROOT.nodes).get(id);
  const title = node instanceof Y.Map ? String(node.get('title') ?? '') : '';
  return { target: activityId !== undefined ? 'activity' : outputId !== undefined ? 'output' : 'plan', targetId: id, targetTitle: title };
}

/** Lines' money as audit text: `1459753.72 USD committed; 2000 USD disbursed`. */
function amountText(lines: readonly Pick<FundingLine, 'amount' | 'status'>[]): string {
  return lines.map((l) => (l.amount ? `${l.amount.amount} ${l.amount.currency} ${l.status}` : `no amount, ${l.status}`)).join('; ');
}
