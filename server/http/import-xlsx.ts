import { Hono } from 'hono';
import * as Y from 'yjs';
import { newId } from '../../shared/ids.js';
import { ROOT } from '../../shared/schema/roots.js';
import type { HeavyWork } from '../work/pool.js';
import { creatorOf, requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError, refusal } from './errors.js';
import { notesAnswer, storeNewPlan } from './new-plan.js';
import { limitBody } from './request.js';

/** Refusal when a plan's matrix already has rows (a workbook only fills an empty matrix). */
const notEmpty = (): ApiError =>
  new ApiError(409, 'matrix_not_empty', 'This plan already has matrix rows; a workbook can only fill an empty matrix. Import it as a new plan instead.');

/**
 * Excel workbook imports, mounted at `/api/plans`: `POST /import.xlsx` creates a plan from a
 * workbook (as `POST /import`), `POST /:id/import.xlsx` fills the empty matrix of a plan
 * (edit right). The body is the .xlsx file itself, at most `MAX_BODY_BYTES` (413 `too_large`
 * before anything is unzipped); it is read in the heavy-work thread (zip-bomb checks, then
 * exceljs); every problem is answered as 400 `invalid_workbook` with `problems: [{ sheet, row,
 * column, message }]` and nothing is stored.
 */
export function workbookImportRoutes(deps: AppDeps, heavy: HeavyWork): Hono<AppEnv> {
  const limit = limitBody(deps.config.maxBodyBytes);
  const app = new Hono<AppEnv>();

  app.post('/import.xlsx', limit, async (c) => {
    const actor = creatorOf(c);
    const id = newId();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await heavy.run({ kind: 'import-xlsx', bytes, id, maxItems: deps.config.maxImportItems, into: null });
    if (!result.ok) throw refusal(result);
    if (!('update' in result)) throw new Error('workbook import answered without a plan');
    return storeNewPlan(c, actor, id, result.title, result.update, 'imported', { from: 'xlsx', ...result.counts }, result.notes);
  });

  app.post('/:id/import.xlsx', limit, requireRight('write'), async (c) => {
    const id = c.var.planId;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const state = await deps.registry.use(id, (room) => {
      if (room.doc.getMap(ROOT.nodes).size > 0) throw notEmpty();
      return Y.encodeStateAsUpdate(room.doc);
    });
    const snapshots = (await deps.snapshots.list(id)).map((s) => s.id);
    const result = await heavy.run({ kind: 'import-xlsx', bytes, id, maxItems: deps.config.maxImportItems, into: state, snapshots });
    if (!result.ok) throw refusal(result);
    if (!('update' in result)) throw new Error('workbook import answered without content');
    await deps.registry.use(id, (room) => {
      // Someone may have added a row while the workbook was read: still all or nothing.
      if (room.doc.getMap(ROOT.nodes).size > 0) throw notEmpty();
      Y.applyUpdate(room.doc, result.update, { source: 'server', reason: 'import' });
    });
    deps.audit.record(id, 'matrix.imported', c.var.actor, { from: 'xlsx', ...result.counts });
    return c.json({ imported: result.counts, ...notesAnswer(result.notes) });
  });
  return app;
}
