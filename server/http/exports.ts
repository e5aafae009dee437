import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SnapshotMeta } from '../../shared/versions.js';
import { EXPORT_FORMATS, checkParams, type ExportFormat } from '../export/index.js';
import type { ExportRequest, HeavyResult } from '../work/jobs.js';
import type { HeavyWork } from '../work/pool.js';
import { requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError, refusal } from './errors.js';
import { SnapshotError } from '../store/snapshot-store.js';

/** The policy of an HTML export: no script, no fetch, no external resource; its own inline styles. */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The checked export request of `c`: the format's documented query parameters only. */
function exportRequest(c: Context<AppEnv>, format: ExportFormat, snapshot: SnapshotMeta | null): ExportRequest {
  const params = c.req.query();
  const problem = checkParams(format, params);
  if (problem) throw new ApiError(400, 'invalid_export_param', problem, { params: { detail: problem } });
  return { format: format.name, params, snapshot, generatedAt: new Date().toISOString() };
}

/** The document of a finished job as the response, or its refusal as an error. */
function respond(c: Context<AppEnv>, format: ExportFormat, result: HeavyResult, fileBase: string): Response {
  if (!result.ok) throw refusal(result);
  if (!('body' in result)) throw new Error(`export.${format.name} answered without a document`);
  c.header('Content-Disposition', `${format.disposition}; filename="${fileBase}.${format.name}"`);
  // A document shown in the browser (the print view) may load and run nothing: inline styles only.
  if (format.contentType.startsWith('text/html')) c.header('Content-Security-Policy', DOCUMENT_CSP);
  const body = typeof result.body === 'string' ? result.body : new Uint8Array(result.body);
  return c.body(body, 200, { 'content-type': format.contentType });
}

/**
 * Runs an export job; when the plan's review periods are bound to agreed versions (RV4), reads
 * those snapshots and runs it once more with them. A version since deleted is left out (its
 * review is then measured against the live plan); an altered one is refused as on its own route.
 */
async function withBaselines(deps: AppDeps, planId: string, request: ExportRequest, run: (r: ExportRequest) => Promise<HeavyResult>): Promise<HeavyResult> {
  const first = await run(request);
  if (!first.ok || !('needs' in first)) return first;
  const baselines: Record<string, Uint8Array> = {};
  for (const sid of first.needs) {
    try {
      baselines[sid] = (await deps.snapshots.read(planId, sid)).state;
    } catch (err) {
      if (!(err instanceof SnapshotError && err.code === 'not_found')) throw err;
    }
  }
  return run({ ...request, baselines });
}

/**
 * Document exports (`server/export/`), mounted at `/api/plans`: `GET /:id/export.<format>` for
 * the live plan and `GET /:id/snapshots/:sid/export.<format>` for a snapshot, with the read
 * right (observers included). Made in the heavy-work thread, so big plans freeze nobody.
 */
export function exportRoutes(deps: AppDeps, heavy: HeavyWork): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const format of EXPORT_FORMATS) {
    app.get(`/:id/export.${format.name}`, requireRight('read'), async (c) => {
      const id = c.var.planId;
      // A plan no room holds is built in the thread from its stored bytes, never on the event loop.
      const result = await withBaselines(deps, id, exportRequest(c, format, null), (request) =>
        heavy.exportPlan(id, request, {
          stored: () => deps.registry.storedSource(id),
          live: (encode) => deps.registry.use(id, (room) => encode(room.doc)),
        }),
      );
      return respond(c, format, result, `plan-${id}`);
    });
    app.get(`/:id/snapshots/:sid/export.${format.name}`, requireRight('read'), async (c) => {
      const id = c.var.planId;
      const { meta, state } = await deps.snapshots.read(id, c.req.param('sid'));
      const result = await withBaselines(deps, id, exportRequest(c, format, meta), (request) => heavy.run({ kind: 'render', state, export: request }));
      return respond(c, format, result, `plan-${id}-${meta.id}`);
    });
  }
  return app;
}
