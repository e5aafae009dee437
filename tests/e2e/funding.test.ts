import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { IATI_DIR } from '../server/iati-helpers.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { auth, rememberLinks } from '../helpers/test-server.js';
import type { Role } from '../../shared/access.js';
import { MDL_PLAN } from '../server/funding-helpers.js';

const suite = useBrowserSuite();

async function importJson(plan: unknown): Promise<string> {
  const res = await fetch(`${suite.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  if (res.status !== 201) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: string; links: Record<Role, string> };
  rememberLinks(created);
  return created.id;
}

/** The donor example of the IATI reference folder. */
const DONOR_FILE = path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml');

/** The MDL plan in USD with no funding lines, holding these activities under its output `op`. */
function reintegrationPlan(activities: unknown[]): unknown {
  return { ...MDL_PLAN, title: 'Reintegration plan', currency: 'USD', fundingLines: [], exchangeRates: [], activities };
}

describe('funding lines in Chromium', () => {
  it('[FN1][FN3] an editor adds a second funding line to an activity and sees its gap change; totals in MDL with the rates; phone layout', async () => {
    // The Ministry of Finance is in the stakeholder register: typing its name ties the line to it (FN1).
    const plan = {
      ...MDL_PLAN,
      stakeholders: [{ id: 'sh-mof', organisation: 'Ministry of Finance', group: 'government' }],
      fundingLines: [...MDL_PLAN.fundingLines, { id: 'f4', activityId: 'a2', funder: 'Sweden', amount: { amount: 300, currency: 'EUR' }, status: 'committed' }],
    };
    const planId = await importJson(plan);
    const { page, errors } = await suite.join(planId, 'Ion', { role: 'editor', hash: 'implementation' });

    await page.getByRole('button', { name: 'Details of Activity 1.1.1.2' }).click();
    const funding = page.getByRole('region', { name: 'Funding of Activity 1.1.1.2' });
    const gap = funding.locator('[data-gap]');
    await expect.poll(() => gap.textContent()).toMatch(/Gap EUR\s700\.00/);
    await expect.poll(() => funding.getByRole('row').count()).toBe(2); // header + one line

    // A second line by keyboard only: type, Tab through, Enter submits.
    await funding.getByLabel('Funder of the new line').fill('Ministry of Finance');
    await page.keyboard.press('Tab');
    await page.keyboard.type('200');
    await funding.getByLabel('Status of the new line').selectOption('committed');
    await funding.getByLabel('Source of the new line').selectOption('national-budget');
    await funding.getByLabel('Currency of the new line').fill('EUR');
    await funding.getByLabel('Currency of the new line').press('Enter');
    await expect.poll(() => gap.textContent()).toMatch(/Gap EUR\s500\.00/);
    await expect.poll(() => funding.getByRole('row').count()).toBe(3);
    // The row shows its gap in the plan currency (500 EUR at 19.5 MDL).
    await expect.poll(() => page.locator('[data-gap="a2"]').textContent()).toMatch(/gap MDL\s9,750\.00/);
    const served = (await (await fetch(`${suite.server.url}/api/plans/${planId}/export.json`, { headers: auth(planId, 'observer') })).json()) as { fundingLines: { activityId: string; funder: string; amount: unknown; source: string; stakeholderId: string | null }[] };
    expect(served.fundingLines.filter((l) => l.activityId === 'a2').map((l) => [l.funder, l.amount, l.source, l.stakeholderId])).toEqual([
      ['Sweden', { amount: 300, currency: 'EUR' }, 'new-money', null],
      ['Ministry of Finance', { amount: 200, currency: 'EUR' }, 'national-budget', 'sh-mof'],
    ]);
    await screenshot(page, 'funding-lines');

    // Raising the first line's amount moves the gap too; removing it brings it back up.
    const first = funding.getByLabel('Funding line 1 (Sweden) amount');
    await first.fill('500');
    await first.press('Tab');
    await expect.poll(() => gap.textContent()).toMatch(/Gap EUR\s300\.00/);
    await funding.getByRole('button', { name: 'Remove Funding line 1 (Sweden)' }).click();
    await expect.poll(() => gap.textContent()).toMatch(/Gap EUR\s800\.00/);

    // The funding section: totals in MDL at the latest rates (EUR 19.5, USD 17.5), and the summary.
    const section = page.locator('details[data-funding]');
    await section.locator('summary').click();
    // planned 100,000 MDL + 1,000 EUR; committed 2,200 EUR + 10,000 MDL; disbursed 1,000 USD.
    await expect.poll(() => section.locator('[data-total="planned"]').textContent()).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: 'MDL', currencyDisplay: 'code' }).format(119_500));
    await expect.poll(() => section.locator('[data-total="gap"]').textContent()).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: 'MDL', currencyDisplay: 'code' }).format(119_500 - 2_200 * 19.5 - 10_000 - 17_500));
    await section.getByRole('table', { name: 'Money per funder' }).getByRole('rowheader', { name: 'European Union' }).waitFor();
    await screenshot(page, 'funding-section');

    // A rate for a currency not used yet, then a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    const widest = await page.locator('rt-matrix').evaluate((host) => {
      const all = [...host.shadowRoot!.querySelectorAll('details[data-funding] *, section.funding *')].map((e) => ({ right: e.getBoundingClientRect().right, what: `${e.tagName} ${e.className} ${e.getAttribute('aria-label') ?? ''}` }));
      return all.sort((a, b) => b.right - a.right)[0]!;
    });
    await funding.scrollIntoViewIfNeeded();
    await screenshot(page, 'funding-phone');
    expect(widest.right, widest.what).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  });

  it('[FN5] a facilitator links the donor example to a plan activity: a committed line from Japan, and the gap shows it', async (ctx) => {
    if (!fs.existsSync(DONOR_FILE)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const file = DONOR_FILE;
    const planId = await importJson(reintegrationPlan([{ id: 'a1', outputId: 'op', title: 'Reintegration support', budget: { amount: 2_000_000, currency: 'USD' } }]));
    const { page, errors } = await suite.join(planId, 'Fatou', { role: 'facilitator', hash: 'implementation' });
    await page.getByRole('button', { name: 'IATI', exact: true }).click();
    await page.getByLabel('IATI file (.xml)').setInputFiles(file);
    const link = page.getByRole('form', { name: 'Link XM-DAC-00000-0000 as funding' });
    await link.getByLabel('Plan activity or output XM-DAC-00000-0000 funds').selectOption('a1');
    await link.getByRole('button', { name: /Link as funding \(committed USD\s1,459,753\.72\)/ }).click();
    await page.locator('[data-linked]').filter({ hasText: 'Linked XM-DAC-00000-0000 to activity 1.1.1.1' }).waitFor();
    await screenshot(page, 'donor-linked');
    const served = (await (await fetch(`${suite.server.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') })).json()) as { activities: { gap: unknown }[]; fundingLines: { funder: string; iatiActivityId: string; status: string }[] };
    expect(served.fundingLines.map((l) => [l.funder, l.iatiActivityId, l.status])).toEqual([['Japan - Ministry of Foreign Affairs', 'XM-DAC-00000-0000', 'committed']]);
    expect(served.activities[0]!.gap).toEqual([{ amount: 540_246.28, currency: 'USD' }]);
    // Back in the matrix, the row's gap says so.
    await page.getByRole('button', { name: '← Back to the plan' }).click();
    await expect.poll(() => page.locator('[data-gap="a1"]').textContent()).toMatch(/gap USD\s540,246\.28/);
    expect(errors).toEqual([]);
  });

  it('[FN8] a facilitator links the donor example to an output: spread over its activities by planned budget; phone layout', async (ctx) => {
    if (!fs.existsSync(DONOR_FILE)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const file = DONOR_FILE;
    const planId = await importJson(
      reintegrationPlan([
        { id: 'a1', outputId: 'op', title: 'Counselling', budget: { amount: 1_000_000, currency: 'USD' } },
        { id: 'a2', outputId: 'op', title: 'Grants', budget: { amount: 500_000, currency: 'USD' } },
      ]),
    );
    const { page, errors } = await suite.join(planId, 'Fatou', { role: 'facilitator', hash: 'implementation' });
    await page.setViewportSize({ width: 360, height: 800 });
    await openPanel(page, 'IATI');
    await page.getByLabel('IATI file (.xml)').setInputFiles(file);
    const link = page.getByRole('form', { name: 'Link XM-DAC-00000-0000 as funding' });
    const picker = link.getByLabel('Plan activity or output XM-DAC-00000-0000 funds');
    await picker.focus();
    await picker.selectOption({ label: 'Output 1.1.1 Matching-grant scheme running' });
    await link.getByRole('button', { name: /Link as funding/ }).press('Enter');
    await page.locator('[data-linked]').filter({ hasText: 'Linked XM-DAC-00000-0000 to output 1.1.1, spread over 2 of its activities by planned budget' }).waitFor();
    await screenshot(page, 'donor-linked-output-phone');
    const served = (await (await fetch(`${suite.server.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') })).json()) as { fundingLines: { activityId: string; amount: unknown }[] };
    expect(served.fundingLines.map((l) => [l.activityId, l.amount]).sort()).toEqual([
      ['a1', { amount: 973_169.15, currency: 'USD' }],
      ['a2', { amount: 486_584.57, currency: 'USD' }],
    ]);
    expect(errors).toEqual([]);
  });
});
