import { Hono } from 'hono';
import { isId, newId } from '../../shared/ids.js';
import { initPlan } from '../../shared/model.js';
import { isCountry, isCurrency, isDate } from '../../shared/schema/values.js';
import { creatorOf, isAdminCaller, requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError, refusal } from './errors.js';
import { DERIVED, type HeavyResult } from '../work/jobs.js';
import type { HeavyWork } from '../work/pool.js';
import { createPlan, storeNewPlan } from './new-plan.js';
import { fieldsOf, limitBody, readJson } from './request.js';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../../shared/i18n/locales.js';
import type { DefaultTexts } from '../../shared/schema/defaults.js';
import { translator } from '../i18n.js';

/** Longest plan title accepted. */
const MAX_TITLE = 200;


/** Each language's default texts, worded on first use (SPEC MF4). */
const defaultTextsByLocale = new Map<Locale, DefaultTexts>();

/**
 * A new plan's default criteria and section titles in `locale` (SPEC L32; `defaults` catalogue).
 * The words are the catalogue's, which never change while the server runs: each language's are
 * worded once and the same object answers every later plan (SPEC MF4; i18next allocated about
 * 2 KB per message, 34 KB per new plan).
 */
export function defaultTexts(locale: Locale): DefaultTexts {
  const known = defaultTextsByLocale.get(locale);
  if (known) return known;
  const t = translator(locale);
  const criteria = new Map<string, { title: string; description: string }>();
  const sections = new Map<string, string>();
  const texts: DefaultTexts = {
    criterion: (id) => {
      let c = criteria.get(id);
      if (!c) criteria.set(id, (c = Object.freeze({ title: t(`defaults:criteria.${id}.title`), description: t(`defaults:criteria.${id}.description`) })));
      return c;
    },
    section: (id) => {
      let title = sections.get(id);
      if (title === undefined) sections.set(id, (title = t(`defaults:sections.${id}`)));
      return title;
    },
  };
  defaultTextsByLocale.set(locale, texts);
  return texts;
}

/**
 * Plans, mounted at `/api/plans`: create (`POST /`), import (`POST /import`), the admin's list
 * (`GET /`), one plan's meta, its export and the values derived from it (ranking, issues, budget).
 * Parsing, writing and reading big plans runs in `heavy`, off the event loop (/healthz and
 * everyone else's requests keep being answered while a 60,000-activity plan is imported).
 */
export function planRoutes(deps: AppDeps, heavy: HeavyWork): Hono<AppEnv> {
  const limit = limitBody(deps.config.maxBodyBytes);
  const app = new Hono<AppEnv>();

  app.post('/', limit, async (c) => {
    const actor = creatorOf(c);
    const { title, country, currency, language } = fieldsOf(await readJson(c));
    if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
      throw new ApiError(400, 'invalid_title', `"title" must be a non-empty string of at most ${MAX_TITLE} characters.`, { params: { max: MAX_TITLE } });
    }
    if (country !== undefined && !isCountry(country)) throw new ApiError(400, 'invalid_country', '"country" must be an ISO 3166-1 alpha-2 code such as "SN".');
    if (currency !== undefined && !isCurrency(currency)) throw new ApiError(400, 'invalid_currency', '"currency" must be an ISO 4217 code such as "XOF" or "USD".');
    if (language !== undefined && !isLocale(language)) throw new ApiError(400, 'invalid_language', `"language" must be one of ${LOCALES.join(', ')}.`, { params: { allowed: LOCALES.join(', ') } });
    const name = title.trim();
    // [L32] The default criteria and sections are written in the plan's language (the creator's, from the home page).
    const lang = language ?? DEFAULT_LOCALE;
    return createPlan(c, actor, name, (doc, id) => initPlan(doc, { id, title: name, country, currency, language: lang }, defaultTexts(lang)), 'created');
  });

  app.post('/import', limit, async (c) => {
    const actor = creatorOf(c);
    const id = newId();
    const result = await heavy.run({ kind: 'import', text: await c.req.text(), id, maxItems: deps.config.maxImportItems });
    if (!result.ok) throw refusal(result);
    if (!('update' in result)) throw new Error('import job answered without a plan');
    return storeNewPlan(c, actor, id, result.title, result.update, 'imported', { sourceId: result.sourceId }, result.notes);
  });

  // The list of every plan is for the instance admin only; people reach plans by their links.
  app.get('/', (c) => {
    if (!isAdminCaller(c)) throw new ApiError(401, 'unauthorized', 'Listing every plan needs the instance admin token. Open a plan with its invite link.', { params: { context: 'admin' } });
    return c.json({ plans: deps.store.list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) });
  });

  app.get('/:id', requireRight('read'), (c) => {
    const id = c.var.planId;
    return c.json({ ...deps.store.get(id)!, url: `/plans/${id}`, role: c.var.role });
  });

  for (const name of Object.keys(DERIVED)) {
    app.get(`/:id/${name}`, requireRight('read'), async (c) => {
      const id = c.var.planId;
      // A plan no room holds is built in the thread from its stored bytes, never on the event loop.
      const params = name === 'budget' ? budgetParams(c.req.query()) : {};
      const value = await heavy.derive(
        id,
        name,
        {
          stored: () => deps.registry.storedSource(id),
          live: (encode) => deps.registry.use(id, (room) => encode(room.doc)),
        },
        params,
      );
      if (name === 'export.json') c.header('Content-Disposition', `attachment; filename="plan-${id}.json"`);
      // Written from the kept pieces (SPEC DK3): a big value after an edit is never joined into one string here.
      return c.body(value.body(), 200, { 'content-type': 'application/json', 'content-length': String(value.bytes) });
    });
  }
  return app;
}

/**
 * The budget's query, checked at the boundary: `asOf` (YYYY-MM-DD, the date that decides the
 * rates in force, SPEC CU2) and `review` (a review period id: actuals of that period only).
 */
export function budgetParams(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'asOf' && isDate(value)) out[key] = value;
    else if (key === 'review' && isId(value)) out[key] = value;
    else {
      const detail = key === 'asOf' || key === 'review' ? `${key} must be ${key === 'asOf' ? 'a date YYYY-MM-DD' : 'a review period id'}` : `unknown parameter "${key}" (the budget takes asOf and review)`;
      throw new ApiError(400, 'invalid_budget_param', detail, { params: { detail } });
    }
  }
  return out;
}
