import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDonorActivities } from '../../server/iati/donor.js';
import { donorFundingLines } from '../../shared/domain/funding.js';
import { linkDonorLines } from '../../shared/commands/funding.js';
import { rollupBudget } from '../../shared/domain/budget.js';
import { readPlan } from '../../shared/schema/read.js';
import { writePlan } from '../../shared/schema/write.js';
import { fundingLinesMap } from '../../shared/schema/roots.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { IATI_DIR } from './iati-helpers.js';
import { plan } from '../shared/helpers/fixtures.js';

const origin = { source: 'server', reason: 'test' } as const;

describe('linking a donor IATI activity as funding (issue 11)', () => {
  it('[FN5] the donor example becomes a committed line from its funder, with its IATI identifier, and the gap shows it', (ctx) => {
    const file = path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml');
    if (!fs.existsSync(file)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const [donor] = readDonorActivities(fs.readFileSync(file, 'utf8'));
    const lines = donorFundingLines(donor!);
    expect(lines).toEqual([
      { funder: 'Japan - Ministry of Foreign Affairs', amount: { amount: 1_459_753.72, currency: 'USD' }, status: 'committed', source: 'new-money', iatiActivityId: 'XM-DAC-00000-0000' },
    ]);
    const doc = new Y.Doc();
    writePlan(
      doc,
      plan({
        goals: [{ id: 'g', title: 'G' }],
        outcomes: [{ id: 'oc', goalId: 'g', title: 'O' }],
        outputs: [{ id: 'op', outcomeId: 'oc', title: 'P' }],
        activities: [{ id: 'a', outputId: 'op', title: 'Return and reintegration', budget: { amount: 2_000_000, currency: 'USD' } }],
      }),
      origin,
    );
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
