import { describe, expect, it } from 'vitest';
import { auth, rememberLinks, serverForTests } from '../helpers/test-server.js';
import type { Role } from '../../shared/access.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { MDL_PLAN } from './funding-helpers.js';

const ctx = serverForTests();

const request = async (path: string, role: Role = 'observer', init: RequestInit = {}) => {
  const planId = /^\/api\/plans\/([^/?]+)\//.exec(path)?.[1];
  const res = await ctx.server.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(planId ? auth(planId, role) : {}) } });
  const body = (await res.json()) as Record<string, any>;
  if (res.status === 201) rememberLinks(body as { id: string; links: Record<Role, string> });
  return { status: res.status, body };
};

describe('budget API with funding lines and currencies', () => {
  it('[CU2][B11] GET /budget converts with the rates in force on asOf and returns lines, gaps and the by-source summary', async () => {
    const created = await request('/api/plans/import', 'facilitator', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MDL_PLAN) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const b = (await request(`/api/plans/${id}/budget?asOf=2026-03-01`)).body;
    // planned 100,000 + 1,000 * 19.5; committed 2,000 * 19.5 + 10,000; disbursed 1,000 * 18.
    expect(b.plan.converted).toEqual({ currency: 'MDL', planned: 119_500, actual: 0, committed: 49_000, disbursed: 18_000, pledged: 0, gap: 52_500, missing: [] });
    expect(b.rates.map((r: { currency: string; rate: number; date: string }) => [r.currency, r.rate, r.date])).toEqual([
      ['EUR', 19.5, '2026-01-01'],
      ['USD', 18, '2026-01-01'],
    ]);
    expect(b.fundingLines.map((l: { id: string; code: string; converted: number }) => [l.id, l.code, l.converted])).toEqual([
      ['f1', '1.1.1.1', 39_000],
      ['f2', '1.1.1.1', 18_000],
      ['f3', '1.1.1.1', 10_000],
    ]);
    expect(b.bySource.sources.map((s: { key: string; converted: { committed: number } }) => [s.key, s.converted.committed])).toEqual([
      ['national-budget', 10_000],
      ['new-money', 39_000],
    ]);
    expect(b.fiscal.years.map((y: { label: string }) => y.label)).toEqual(['2026']);
    // The latest rates without a date.
    expect((await request(`/api/plans/${id}/budget`)).body.plan.converted.disbursed).toBe(17_500);
    // The JSON export carries the lines and rates and reads back the same.
    const exported = (await request(`/api/plans/${id}/export.json`)).body;
    expect(exported.fundingLines).toHaveLength(3);
    expect(exported.exchangeRates).toHaveLength(3);
    const again = parsePlanJson(exported);
    expect(again.ok && again.value.fundingLines.find((l) => l.id === 'f3')).toMatchObject({ budgetLine: '0802/123', source: 'national-budget', status: 'committed' });
  });

  it('refuses unknown or malformed budget parameters at the boundary', async () => {
    const created = await request('/api/plans/import', 'facilitator', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...MDL_PLAN, title: 'Second' }) });
    const id = created.body.id as string;
    for (const q of ['asOf=2026-02-30', 'asOf=yesterday', 'review=../x', 'currency=EUR']) {
      const r = await request(`/api/plans/${id}/budget?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_budget_param');
    }
  });

  it('[FN1] a funding line pointing to no activity, or with an unknown status, is refused on import with its path', async () => {
    const bad = { ...MDL_PLAN, title: 'Bad', fundingLines: [{ id: 'x', activityId: 'nope', status: 'committed' }, { id: 'y', activityId: 'a1', status: 'paid' }] };
    const r = await request('/api/plans/import', 'facilitator', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(r.status).toBe(400);
    const paths = (r.body.error.problems as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/fundingLines/0/activityId', '/fundingLines/1/status']));
  });
});
