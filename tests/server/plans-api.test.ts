import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { auth, rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';
import type { Role } from '../../shared/access.js';
import { fullPlan, handbookMatrix, handbookScoring } from '../shared/helpers/fixtures.js';
import { DEFAULT_CRITERIA, DEFAULT_SECTIONS, type PlanData } from '../../shared/model.js';
import fr from '../../shared/i18n/fr/index.js';
import { defaultTexts } from '../../server/http/plans.js';

/** `p` with no review bound to a snapshot (what an import of it keeps: a new plan has no snapshots, SPEC XL5). */
const unbound = (p: PlanData): PlanData => ({ ...p, reviews: p.reviews.map((r) => ({ ...r, baselineSnapshotId: null })) });

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir);
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

/** A request carrying the facilitator token of the plan named in the path (when known). */
const json = async (path: string, init: RequestInit = {}) => {
  const planId = /^\/api\/plans\/([^/?]+)\//.exec(path)?.[1];
  const headers = { ...(init.headers as Record<string, string>), ...(planId ? auth(planId) : {}) };
  const res = await server.app.request(path, { ...init, headers });
  const body = (await res.json()) as Record<string, any>;
  if (res.status === 201) rememberLinks(body as { id: string; links: Record<Role, string> });
  return { status: res.status, body };
};
const post = (path: string, body: unknown) =>
  json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('plan model over HTTP', () => {
  it('creates a plan with country and currency, refusing bad codes', async () => {
    const ok = await post('/api/plans', { title: 'Plan', country: 'SN', currency: 'XOF' });
    expect(ok.status).toBe(201);
    const plan = (await json(`/api/plans/${ok.body.id}/export.json`)).body;
    expect(plan).toMatchObject({ format: 'roundtable-plan/1', title: 'Plan', country: 'SN', currency: 'XOF' });
    expect(plan.criteria).toHaveLength(4); // the default criteria
    expect((await post('/api/plans', { title: 'x', country: 'Senegal' })).body.error.code).toBe('invalid_country');
    expect((await post('/api/plans', { title: 'x', currency: 'dollars' })).body.error.code).toBe('invalid_currency');
  });

  it('[L32] a plan created in French starts with its criteria and Plan of Action sections in French, and French as its language', async () => {
    const made = await post('/api/plans', { title: 'Plan national', language: 'fr' });
    expect(made.status).toBe(201);
    const plan = (await json(`/api/plans/${made.body.id}/export.json`)).body as PlanData;
    expect(plan.language).toBe('fr');
    expect(plan.criteria.map((c) => [c.id, c.title, c.description])).toEqual(DEFAULT_CRITERIA.map((c) => [c.id, fr.defaults.criteria[c.id as keyof typeof fr.defaults.criteria].title, fr.defaults.criteria[c.id as keyof typeof fr.defaults.criteria].description]));
    expect(plan.sections.map((s) => [s.id, s.part, s.title])).toEqual(DEFAULT_SECTIONS.map((s) => [s.id, s.part, fr.defaults.sections[s.id as keyof typeof fr.defaults.sections]]));
    expect(plan.sections.find((s) => s.id === 'bg-priorities')?.title).toBe('Objectifs et priorités stratégiques en bref');
    // Without a language: English, as before.
    const english = (await json(`/api/plans/${(await post('/api/plans', { title: 'Plan' })).body.id}/export.json`)).body as PlanData;
    expect([english.language, english.criteria[0]!.title, english.sections[0]!.title]).toEqual(['en', DEFAULT_CRITERIA[0]!.title, DEFAULT_SECTIONS[0]!.title]);
    const bad = await post('/api/plans', { title: 'x', language: 'de' });
    expect([bad.status, bad.body.error.code, bad.body.error.message]).toEqual([400, 'invalid_language', '"language" must be one of en, fr, es, ar.']);
  });

  it('[MF4] each language\'s default texts are worded once: later plans get the same words from the same object', async () => {
    const id = DEFAULT_CRITERIA[0]!.id;
    expect(defaultTexts('fr')).toBe(defaultTexts('fr'));
    expect(defaultTexts('fr').criterion(id)).toBe(defaultTexts('fr').criterion(id));
    expect(defaultTexts('fr').criterion(id)).toEqual(fr.defaults.criteria[id as keyof typeof fr.defaults.criteria]);
    expect(defaultTexts('es')).not.toBe(defaultTexts('fr'));
    expect(defaultTexts('es').section('bg-priorities')).not.toBe(defaultTexts('fr').section('bg-priorities'));
    // A second French plan (from the kept words) starts exactly as the first.
    const titles = async () => {
      const made = await post('/api/plans', { title: 'Plan', language: 'fr' });
      const plan = (await json(`/api/plans/${made.body.id}/export.json`)).body as PlanData;
      return [plan.criteria.map((c) => [c.title, c.description]), plan.sections.map((s) => s.title)];
    };
    const [first, second] = [await titles(), await titles()];
    expect(second).toEqual(first);
    expect(first[1]).toEqual(DEFAULT_SECTIONS.map((s) => fr.defaults.sections[s.id as keyof typeof fr.defaults.sections]));
  });

  it('imports the handbook scoring table and ranks it: 8 above 7', async () => {
    const created = await post('/api/plans/import', handbookScoring());
    expect(created.status).toBe(201);
    const ranking = await json(`/api/plans/${created.body.id}/ranking`);
    expect(ranking.status).toBe(200);
    const byId = Object.fromEntries((ranking.body.goals as { goalId: string; total: number; rank: number }[]).map((g) => [g.goalId, g]));
    expect(byId.refugees).toMatchObject({ total: 8, rank: 1 });
    expect(byId.water).toMatchObject({ total: 7, rank: 2 });
  });

  it('rolls up the handbook output 1 to 39,000 USD and lists issues', async () => {
    const created = await post('/api/plans/import', handbookMatrix());
    const budget = await json(`/api/plans/${created.body.id}/budget`);
    const op1 = (budget.body.outputs as { id: string; planned: unknown }[]).find((o) => o.id === 'op1');
    expect(op1?.planned).toEqual([{ amount: 39_000, currency: 'USD' }]);
    const issues = await json(`/api/plans/${created.body.id}/issues`);
    expect(Array.isArray(issues.body.issues)).toBe(true);
    // Blank outputs have no activities: the validator says so.
    expect((issues.body.issues as { entity: { id: string } }[]).some((i) => i.entity.id === 'op4')).toBe(true);
  });

  it('export(import(x)) keeps every field', async () => {
    const original = fullPlan();
    const created = await post('/api/plans/import', original);
    const exported = (await json(`/api/plans/${created.body.id}/export.json`)).body;
    // [XL5] except a review's binding to a snapshot the new plan does not have, which the answer names.
    expect(exported).toEqual({ ...unbound(original), id: created.body.id });
    expect(created.body.notes).toEqual(['Review "2025" was measured against snapshot snap-1, which this plan does not have: it is now measured against the live plan.']);
    // [L27] and as a code with parameters, for the reader's language.
    expect(created.body.importNotes).toEqual([{ code: 'reviewUnbound', params: { review: '2025', snapshot: 'snap-1' }, message: created.body.notes[0] }]);
    // A plan whose reviews are bound to nothing comes back whole, with nothing to note.
    const again = await post('/api/plans/import', unbound(original));
    expect((await json(`/api/plans/${again.body.id}/export.json`)).body).toEqual({ ...unbound(original), id: again.body.id });
    expect(again.body.notes).toBeUndefined();
    expect(again.body.importNotes).toBeUndefined();
  });

  it('[J11] imports a plan file without a top-level id: the server assigns one', async () => {
    const { id: _id, ...noId } = fullPlan();
    const created = await post('/api/plans/import', noId);
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const exported = (await json(`/api/plans/${created.body.id}/export.json`)).body;
    expect(exported).toEqual({ ...unbound(fullPlan()), id: created.body.id });
    // A given id must still be a valid one.
    const bad = await post('/api/plans/import', { ...noId, id: '../x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual([{ path: '/id', message: expect.stringContaining('expected an id'), code: 'notId', params: { field: 'id' } }]);
  });

  it('refuses invalid plans with every problem listed and creates nothing', async () => {
    const before = server.store.list().length;
    const bad = await post('/api/plans/import', {
      format: 'roundtable-plan/1',
      id: 'x',
      title: 'Bad',
      goals: [{ id: 'g1' }],
      activities: [{ id: 'a1', title: 'A', outputId: 'missing', budget: { amount: 'lots', currency: 'USD' } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_plan');
    expect(bad.body.error.problems.length).toBeGreaterThanOrEqual(2);
    expect(bad.body.error.problems[0]).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    expect((await post('/api/plans/import', '{"format": ')).body.error.code).toBe('invalid_json');
    let deep: unknown = {};
    for (let i = 0; i < 500; i++) deep = { nested: deep };
    const deepRes = await post('/api/plans/import', { format: 'roundtable-plan/1', id: 'x', title: 'Deep', goals: [deep] });
    expect(deepRes.status).toBe(400);
    expect(server.store.list().length).toBe(before);
  });
});
