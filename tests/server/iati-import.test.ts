import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IatiImportError, MAX_IATI_BYTES, readDonorActivities } from '../../server/iati/donor.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { auth } from '../helpers/test-server.js';
import { IATI_DIR, iatiPlan, importPlan, serverForFile } from './iati-helpers.js';

const fixture = (dir: string) => path.join(IATI_DIR, 'fixtures', dir);
const refusal = (text: string) => {
  try {
    readDonorActivities(text);
  } catch (e) {
    if (e instanceof IatiImportError) return { code: e.code, message: e.message };
    throw e;
  }
  return null;
};

describe('reading donor activities (server/iati/donor.ts, SPEC I9)', () => {
  it('[I9] the IOM-style donor activity: identifier, title, orgs with roles, budget, incoming commitment, currency', (ctx) => {
    if (!fs.existsSync(IATI_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const [a, ...rest] = readDonorActivities(fs.readFileSync(path.join(fixture('donor-activities'), 'iom-style-activity-01.xml'), 'utf8'));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      identifier: 'XM-DAC-00000-0000',
      title: 'Test activity title',
      reportingOrg: { ref: 'XM-DAC-00000', type: '40', name: 'Test Org' },
      currency: 'USD',
      budgets: [{ type: '1', status: '2', start: '2020-03-15', end: '2021-03-14', amount: 1459753.72, currency: 'USD', valueDate: '2020-03-01' }],
      totals: [{ type: '11', typeName: 'Incoming Commitment', currency: 'USD', amount: 1459753.72, count: 1 }],
    });
    expect(a!.participatingOrgs).toEqual([
      { ref: 'XM-DAC-701-2', type: '10', name: 'Japan - Ministry of Foreign Affairs', role: '1', roleName: 'Funding', activityId: 'XM-DAC-701-2-YK/IOM/71' },
      { ref: 'XM-DAC-47066', type: '40', name: 'International Organization for Migration (IOM)', role: '2', roleName: 'Accountable', activityId: '' },
    ]);
    expect(a!.transactions[0]!.provider).toEqual({ ref: 'XM-DAC-701-2', type: '10', name: 'Japan - Ministry of Foreign Affairs' });
  });

  it('[I9] every official should-pass file is read', (ctx) => {
    if (!fs.existsSync(IATI_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const files = fs.readdirSync(fixture('should-pass'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const list = readDonorActivities(fs.readFileSync(path.join(fixture('should-pass'), f), 'utf8'));
      expect(list.length, f).toBeGreaterThan(0);
    }
    const budget = readDonorActivities(fs.readFileSync(path.join(fixture('should-pass'), '19-budget.xml'), 'utf8'));
    expect(budget[0]!.budgets.length).toBeGreaterThan(0);
  });

  it('[I9] every official should-fail file is refused with a message naming the activity and the element', (ctx) => {
    if (!fs.existsSync(IATI_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const expected: Record<string, RegExp> = {
      '01-empty-activity.xml': /Activity 1: it has no <iati-identifier>/,
      'budget-01-missing-period-end.xml': /Activity 1: budget 1 has no <period-end>/,
      'budget-06-missing-attribute-value-date.xml': /budget 1's <value> has no valid value-date/,
      'budget-12-non-decimal-value.xml': /budget 1 has the value "eryr", which is not a decimal number/,
      'result-05-missing-attribute-indicator-measure.xml': /indicator 1 of result 1 has no measure attribute/,
    };
    const files = fs.readdirSync(fixture('should-fail'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const f of files) {
      const r = refusal(fs.readFileSync(path.join(fixture('should-fail'), f), 'utf8'));
      expect(r, f).toMatchObject({ code: 'iati_invalid' });
      expect(r!.message, f).toMatch(expected[f]!);
    }
  });

  it('[I9] entities, DTDs, malformed XML, other roots and oversized files are refused before anything is read', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><iati-activity><iati-identifier>&x;</iati-identifier></iati-activity>';
    expect(refusal(xxe)?.code).toBe('iati_dtd');
    expect(refusal('<iati-activity><iati-identifier>&x;</iati-identifier></iati-activity>')?.code).toBe('iati_not_xml');
    expect(refusal('<iati-activity><title></iati-activity>')?.code).toBe('iati_not_xml');
    expect(refusal('<html><body/></html>')).toMatchObject({ code: 'iati_not_iati', message: expect.stringContaining('<html>') });
    expect(refusal('<iati-activities version="2.03"/>')?.code).toBe('iati_invalid');
    expect(refusal(`<iati-activities version="2.03"><!--${'x'.repeat(MAX_IATI_BYTES)}--></iati-activities>`)?.code).toBe('iati_too_large');
    const ok = '<iati-activity default-currency="EUR"><iati-identifier>X-1</iati-identifier><reporting-org ref="X"><narrative>A &amp; B</narrative></reporting-org><title><narrative>T &lt;1&gt;</narrative></title></iati-activity>';
    expect(readDonorActivities(ok)[0]).toMatchObject({ identifier: 'X-1', title: 'T <1>', reportingOrg: { name: 'A & B' }, currency: 'EUR', budgets: [], totals: [] });
  });
});

describe('POST /api/plans/:id/iati', () => {
  const server = serverForFile();
  const upload = (id: string, body: string, role: 'facilitator' | 'editor' = 'facilitator') =>
    fetch(`${server().url}/api/plans/${id}/iati`, { method: 'POST', headers: { ...auth(id, role), 'content-type': 'application/xml' }, body });

  it('[I9] a facilitator uploads the donor activity and gets it listed; editors may not; bad files answer a clear 400', async (ctx) => {
    if (!fs.existsSync(IATI_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const id = await importPlan(server(), iatiPlan());
    const donor = fs.readFileSync(path.join(fixture('donor-activities'), 'iom-style-activity-01.xml'), 'utf8');
    const res = await upload(id, donor);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: { identifier: string; totals: unknown[] }[] };
    expect(body.activities.map((a) => a.identifier)).toEqual(['XM-DAC-00000-0000']);
    expect(body.activities[0]!.totals).toEqual([{ type: '11', typeName: 'Incoming Commitment', currency: 'USD', amount: 1459753.72, count: 1 }]);
    expect((await upload(id, donor, 'editor')).status).toBe(403);
    const bad = await upload(id, fs.readFileSync(path.join(fixture('should-fail'), 'budget-01-missing-period-end.xml'), 'utf8'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: unknown }).error).toEqual({ code: 'iati_invalid', message: 'Activity 1: budget 1 has no <period-end>.', params: { detail: 'Activity 1: budget 1 has no <period-end>.' } });
    const dtd = await upload(id, '<!DOCTYPE x [<!ENTITY a "b">]><iati-activity/>');
    expect(((await dtd.json()) as { error: { code: string } }).error.code).toBe('iati_dtd');
    const huge = await upload(id, `<iati-activities version="2.03"><!--${'x'.repeat(MAX_IATI_BYTES + 10)}--></iati-activities>`);
    expect(huge.status).toBe(413);
  });
});
