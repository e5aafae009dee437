import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderIati } from '../../server/export/iati.js';
import type { FundingLine, PlanData } from '../../shared/schema/types.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { IATI_XSD, iatiPlan, xsdProblems } from './iati-helpers.js';

const render = (plan: PlanData) => renderIati({ plan, snapshot: null, params: {}, generatedAt: '2026-12-01T18:00:00.000Z' }) as string;

const line = (id: string, l: Partial<FundingLine>): FundingLine => ({
  id, activityId: 'a11', funder: '', stakeholderId: null, amount: null, status: 'pledged', source: 'new-money', budgetLine: '', iatiActivityId: '', order: id, archived: false, ...l,
});

/**
 * The co-financed activity (FN3): 10,000 USD planned, 6,000 committed by a donor with its IATI
 * activity, 2,000 disbursed from the national budget, 1,500 pledged by another donor; an archived
 * line and a line without an amount never show.
 */
function coFinanced(): PlanData {
  const p = iatiPlan();
  Object.assign(p.activities[0]!, { budget: { amount: 10_000, currency: 'USD' } });
  p.fundingLines = [
    line('f1', { funder: 'IOM Development Fund', amount: { amount: 6_000, currency: 'USD' }, status: 'committed', iatiActivityId: 'XM-DAC-47066-IDF-2026-01' }),
    line('f2', { funder: 'Ministry of Finance', amount: { amount: 2_000, currency: 'USD' }, status: 'disbursed', source: 'national-budget', budgetLine: '0802/123' }),
    line('f3', { funder: 'Sweden', amount: { amount: 1_500, currency: 'USD' }, status: 'pledged' }),
    line('f4', { funder: 'Archived donor', amount: { amount: 900, currency: 'USD' }, status: 'committed', archived: true }),
    line('f5', { funder: 'Sweden', amount: null, status: 'committed' }),
  ];
  return p;
}

describe('IATI export from funding lines (SPEC I10)', () => {
  it('[I10] [I4] the co-financed activity lists its funders and one commitment and one disbursement; valid against the 2.03 XSD', (ctx) => {
    const xml = render(coFinanced());
    const child = xml.split('<iati-activity ')[2]!;
    const orgs = [...child.matchAll(/<participating-org role="1"[^>]*>.*?<\/participating-org>/g)].map((m) => m[0]);
    expect(orgs).toEqual([
      '<participating-org role="1" activity-id="XM-DAC-47066-IDF-2026-01"><narrative>IOM Development Fund</narrative></participating-org>',
      '<participating-org role="1"><narrative>Ministry of Finance</narrative></participating-org>',
      '<participating-org role="1"><narrative>Sweden</narrative></participating-org>',
    ]);
    const transactions = [...child.matchAll(/<transaction>.*?<\/transaction>/g)].map((m) => m[0]).filter((t) => !t.includes('code="4"'));
    expect(transactions).toEqual([
      '<transaction><transaction-type code="2"/><transaction-date iso-date="2026-03-01"/><value currency="USD" value-date="2026-03-01">6000</value>' +
        '<description><narrative>Committed by IOM Development Fund</narrative></description>' +
        '<provider-org provider-activity-id="XM-DAC-47066-IDF-2026-01"><narrative>IOM Development Fund</narrative></provider-org></transaction>',
      '<transaction><transaction-type code="3"/><transaction-date iso-date="2026-03-01"/><value currency="USD" value-date="2026-03-01">2000</value>' +
        '<description><narrative>Disbursed by Ministry of Finance (national budget line 0802/123)</narrative></description>' +
        '<provider-org><narrative>Ministry of Finance</narrative></provider-org></transaction>',
    ]);
    // The old record (IOM, secured) no longer counts once the activity has lines (FN2).
    expect(child).not.toContain('<narrative>IOM</narrative>');
    expect(child).not.toContain('Archived donor');
    // The parent names every funder of the plan once.
    const parent = xml.split('<iati-activity ')[1]!;
    expect(parent.match(/role="1"/g)).toHaveLength(3);
    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(xsdProblems(xml)).toBe('');
  });

  it('[I10] a transaction is never dated after the export day; a line in a currency outside the codelist is no transaction', () => {
    const p = coFinanced();
    Object.assign(p.activities[0]!, { start: '2027-06-01' });
    p.fundingLines[0]!.amount = { amount: 6_000, currency: 'XXQ' };
    const child = render(p).split('<iati-activity ')[2]!;
    expect(child).not.toContain('<transaction-type code="2"/>');
    expect(child).toContain('<transaction><transaction-type code="3"/><transaction-date iso-date="2026-12-01"/>');
  });
});
