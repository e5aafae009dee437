import { Hono } from 'hono';
import { initPlan, parsePlanJson, rankGoals, readPlan, rollupBudget, validatePlan, writePlan, type PlanData } from '../../shared/model.js';
import { isCountry, isCurrency } from '../../shared/schema/values.js';
import { creatorOf, isAdminCaller, requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError } from './errors.js';
import { createPlan } from './new-plan.js';
import { fieldsOf, limitBody, readJson } from './request.js';

/** Longest plan title accepted. */
const MAX_TITLE = 200;

/** Values computed from a plan's plain projection, served at `GET /api/plans/:id/<name>`. */
const DERIVED: Record<string, (plan: PlanData) => unknown> = {
  ranking: (plan) => rankGoals(plan),
  issues: (plan) => ({ issues: validatePlan(plan) }),
  budget: (plan) => rollupBudget(plan),
};

/**
 * Plans, mounted at `/api/plans`: create (`POST /`), import (`POST /import`), the admin's list
 * (`GET /`), one plan's meta, its export and the values derived from it (ranking, issues, budget).
 */
export function planRoutes(deps: AppDeps): Hono<AppEnv> {
  const limit = limitBody(deps.config.maxBodyBytes);
  const app = new Hono<AppEnv>();

  app.post('/', limit, async (c) => {
    const actor = creatorOf(c);
    const { title, country, currency } = fieldsOf(await readJson(c));
    if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
      throw new ApiError(400, 'invalid_title', `"title" must be a non-empty string of at most ${MAX_TITLE} characters.`);
    }
    if (country !== undefined && !isCountry(country)) throw new ApiError(400, 'invalid_country', '"country" must be an ISO 3166-1 alpha-2 code such as "SN".');
    if (currency !== undefined && !isCurrency(currency)) throw new ApiError(400, 'invalid_currency', '"currency" must be an ISO 4217 code such as "XOF" or "USD".');
    const name = title.trim();
    return createPlan(c, actor, name, (doc, id) => initPlan(doc, { id, title: name, country, currency }), 'created');
  });

  app.post('/import', limit, async (c) => {
    const actor = creatorOf(c);
    const parsed = parsePlanJson(await readJson(c));
    if (!parsed.ok) {
      throw new ApiError(400, 'invalid_plan', `The plan was not imported: ${parsed.problems.length} problem(s) found.`, { problems: parsed.problems });
    }
    const data = parsed.value;
    return createPlan(c, actor, data.title, (doc, id) => writePlan(doc, { ...data, id }, { source: 'server', reason: 'import' }), 'imported', { sourceId: data.id });
  });

  // The list of every plan is for the instance admin only; people reach plans by their links.
  app.get('/', (c) => {
    if (!isAdminCaller(c)) throw new ApiError(401, 'unauthorized', 'Listing every plan needs the instance admin token. Open a plan with its invite link.');
    return c.json({ plans: deps.store.list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) });
  });

  app.get('/:id', requireRight('read'), (c) => {
    const id = c.var.planId;
    return c.json({ ...deps.store.get(id)!, url: `/plans/${id}`, role: c.var.role });
  });

  app.get('/:id/export.json', requireRight('read'), async (c) => {
    const id = c.var.planId;
    const plan = await deps.registry.use(id, (room) => readPlan(room.doc));
    c.header('Content-Disposition', `attachment; filename="plan-${id}.json"`);
    return c.json(plan);
  });

  for (const [name, compute] of Object.entries(DERIVED)) {
    app.get(`/:id/${name}`, requireRight('read'), async (c) => c.json(await deps.registry.use(c.var.planId, (room) => compute(readPlan(room.doc)))));
  }
  return app;
}
