import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDonorActivities } from '../../server/iati/donor.js';
import { donorFundingLines, spreadOverActivities } from '../../shared/domain/funding.js';
import { linkDonorLines, linkDonorLinesToOutput } from '../../shared/commands/funding.js';
import { rollupBudget } from '../../shared/domain/budget.js';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { fundingLinesMap } from '../../shared/schema/roots.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { auth } from '../helpers/test-server.js';
import { IATI_DIR, importPlan, serverForFile } from './iati-helpers.js';
import { plan } from '../shared/helpers/fixtures.js';

const origin = { source: 'server', reason: 'test' } as const;

type Matrix = NonNullable<Parameters<typeof plan>[0]>;

/** A doc holding one goal and outcome with these outputs and activities. */
function matrixDoc(outputs: Matrix['outputs'], activities: Matrix['activities']): Y.Doc {
  const doc = new Y.Doc();
  writePlan(doc, plan({ goals: [{ id: 'g', title: 'G' }], outcomes: [{ id: 'oc', goalId: 'g', title: 'O' }], outputs, activities }), origin);
  return doc;
}

describe('linking a donor IATI activity as funding (issue 11)', () => {
  it('[FN5] the donor example becomes a committed line from its funder, with its IATI identifier, and the gap shows it', (ctx) => {
    const file = path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml');
    if (!fs.existsSync(file)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const [donor] = readDonorActivities(fs.readFileSync(file, 'utf8'));
    const lines = donorFundingLines(donor!);
    expect(lines).toEqual([
      { funder: 'Japan - Ministry of Foreign Affairs', amount: { amount: 1_459_753.72, currency: 'USD' }, status: 'committed', source: 'new-money', iatiActivityId: 'XM-DAC-00000-0000' },
    ]);
    const doc = matrixDoc([{ id: 'op', outcomeId: 'oc', title: 'P' }], [{ id: 'a', outputId: 'op', title: 'Return and reintegration', budget: { amount: 2_000_000, currency: 'USD' } }]);
    const r = linkDonorLines(doc, 'a', lines, origin);
    expect(r.ok).toBe(true);
    const budget = rollupBudget(readPlan(doc));
    expect(budget.activities[0]!.gap).toEqual([{ amount: 540_246.28, currency: 'USD' }]);
    expect(budget.bySource.funders.map((f) => f.label)).toEqual(['Japan - Ministry of Foreign Affairs']);
  });

  it('[FN5] without transactions the budgets are pledged; an unknown activity adds nothing', () => {
    const donor = {
      identifier: 'XM-DAC-41114-1',
      reportingOrg: { name: 'UNDP', ref: 'XM-DAC-41114' },
      participatingOrgs: [{ role: '4', name: 'Ministry', ref: '' }],
      budgets: [{ amount: 100, currency: 'EUR' }, { amount: 50, currency: 'EUR' }, { amount: 9, currency: '' }],
      totals: [],
    };
    expect(donorFundingLines(donor)).toEqual([{ funder: 'UNDP', amount: { amount: 150, currency: 'EUR' }, status: 'pledged', source: 'new-money', iatiActivityId: 'XM-DAC-41114-1' }]);
    const doc = new Y.Doc();
    const r = linkDonorLines(doc, 'nope', donorFundingLines(donor), origin);
    expect(r.ok).toBe(false);
    expect(fundingLinesMap(doc).size).toBe(0);
    expect(linkDonorLines(doc, 'nope', [], origin).ok).toBe(false);
  });
});

/** A plan whose output `op` has three live activities (two with planned budgets) and an archived one. */
function outputPlan(): Y.Doc {
  return matrixDoc(
    [{ id: 'op', outcomeId: 'oc', title: 'Returnees reintegrated' }, { id: 'op2', outcomeId: 'oc', title: 'Other' }],
    [
      { id: 'a1', outputId: 'op', title: 'Counselling', budget: { amount: 1_000_000, currency: 'USD' } },
      { id: 'a2', outputId: 'op', title: 'Grants', budget: { amount: 500_000, currency: 'USD' } },
      { id: 'a3', outputId: 'op', title: 'Not budgeted yet' },
      { id: 'a4', outputId: 'op', title: 'Dropped', budget: { amount: 9_000_000, currency: 'USD' }, archived: true },
      { id: 'b1', outputId: 'op2', title: 'In euros', budget: { amount: 10, currency: 'EUR' } },
      { id: 'b2', outputId: 'op2', title: 'In dollars', budget: { amount: 10, currency: 'USD' } },
    ],
  );
}

describe('linking a donor IATI activity to an output (SPEC FN8)', () => {
  it('[FN8] the donor example is spread over the output\'s live activities by planned budget, cents rounded, remainder on the last', (ctx) => {
    const file = path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml');
    if (!fs.existsSync(file)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const [donor] = readDonorActivities(fs.readFileSync(file, 'utf8'));
    const doc = outputPlan();
    const r = linkDonorLinesToOutput(doc, 'op', donorFundingLines(donor!), origin);
    expect(r.ok).toBe(true);
    const lines = readPlan(doc).fundingLines;
    expect(lines.map((l) => [l.activityId, l.amount, l.status, l.funder, l.iatiActivityId]).sort()).toEqual([
      ['a1', { amount: 973_169.15, currency: 'USD' }, 'committed', 'Japan - Ministry of Foreign Affairs', 'XM-DAC-00000-0000'],
      ['a2', { amount: 486_584.57, currency: 'USD' }, 'committed', 'Japan - Ministry of Foreign Affairs', 'XM-DAC-00000-0000'],
    ]);
    expect(lines.reduce((t, l) => t + l.amount!.amount, 0)).toBeCloseTo(1_459_753.72, 6);
    const budget = rollupBudget(readPlan(doc));
    expect(budget.activities.find((a) => a.id === 'a1')!.gap).toEqual([{ amount: 26_830.85, currency: 'USD' }]);
  });

  it('[FN8] all or nothing: an unknown output, planned budgets in two currencies, or no planned budget add no line', () => {
    const lines = [{ funder: 'EU', amount: { amount: 100, currency: 'EUR' }, status: 'committed' as const, source: 'new-money' as const, iatiActivityId: 'XI-1' }];
    const doc = outputPlan();
    const unknown = linkDonorLinesToOutput(doc, 'nope', lines, origin);
    expect(unknown.ok || unknown.error.code).toBe('not-found');
    const mixed = linkDonorLinesToOutput(doc, 'op2', lines, origin);
    expect(mixed.ok || mixed.error.message).toMatch(/several currencies \(EUR, USD\)/);
    expect(linkDonorLinesToOutput(doc, 'op', [], origin).ok).toBe(false);
    expect(fundingLinesMap(doc).size).toBe(0);
    const none = spreadOverActivities(lines, [{ id: 'x', budget: null }]);
    expect(none.ok || none.error.message).toMatch(/planned budget/);
    expect(spreadOverActivities(lines, []).ok).toBe(false);
    // A third each of 100: 33.33 + 33.33 + 33.34.
    const thirds = spreadOverActivities(lines, ['x', 'y', 'z'].map((id) => ({ id, budget: { amount: 5, currency: 'MDL' } })));
    expect(thirds.ok && thirds.value.map((s) => s.line.amount!.amount)).toEqual([33.33, 33.33, 33.34]);
  });
});

describe('POST /api/plans/:id/iati/link (SPEC FN5, FN8)', () => {
  const server = serverForFile();
  const link = (id: string, query: string, body: string, role: 'facilitator' | 'editor' = 'facilitator') =>
    fetch(`${server().url}/api/plans/${id}/iati/link?${query}`, { method: 'POST', headers: { ...auth(id, role), 'content-type': 'application/xml' }, body });

  it('[FN8] a facilitator links the donor example to an output over HTTP: spread lines in the live plan; refusals add nothing', async (ctx) => {
    const file = path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml');
    if (!fs.existsSync(file)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const donor = fs.readFileSync(file, 'utf8');
    const id = await importPlan(server(), readPlan(outputPlan()));
    const lines = async () => ((await (await fetch(`${server().url}/api/plans/${id}/budget`, { headers: auth(id, 'observer') })).json()) as { fundingLines: { activityId: string; amount: unknown }[] }).fundingLines;
    expect((await link(id, 'output=op', donor, 'editor')).status).toBe(403);
    const both = await link(id, 'output=op&activity=a1', donor);
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { code: string } }).error.code).toBe('invalid_funding_link');
    const mixed = await link(id, 'output=op2', donor);
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { error: { message: string } }).error.message).toMatch(/several currencies/);
    const gone = await link(id, 'output=nope', donor);
    expect(gone.status).toBe(404);
    // L20: the command's refusal travels as its reader's message and parameters besides the English detail.
    expect(((await gone.json()) as { error: unknown }).error).toMatchObject({
      code: 'not_found',
      params: { detail: 'there is no live output nope in this plan.' },
      refusal: { key: 'refusals:notFound', params: { kind: 'output', id: 'nope' } },
    });
    expect((await link(id, 'output=op&donor=XM-OTHER', donor)).status).toBe(400);
    expect(await lines()).toEqual([]);
    const res = await link(id, 'output=op&donor=XM-DAC-00000-0000', donor);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { ids: string[] }).ids).toHaveLength(2);
    expect((await lines()).map((l) => [l.activityId, l.amount]).sort()).toEqual([
      ['a1', { amount: 973_169.15, currency: 'USD' }],
      ['a2', { amount: 486_584.57, currency: 'USD' }],
    ]);
    expect((await link(id, 'activity=a3', donor)).status).toBe(201);
    expect(await lines()).toHaveLength(3);
  });
});
