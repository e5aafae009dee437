import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIndicator, addNode, addReview, localOrigin, readPlan, setIndicatorField, setNodeField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

describe('monitoring in Chromium (RV4, RV5, IN4, IN7)', () => {
  it('a review bound to an endorsed version keeps the agreed target after the live target changes, and names the change', async () => {
    const planId = await createPlan(suite.server, 'Monitoring plan');
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(provider);
    const origin = localOrigin('seed');
    const must = (r: { ok: boolean; value?: unknown }) => r.value as string;
    const g = must(addNode(doc, { kind: 'goal', title: 'Remittances for development', fields: { status: 'selected' } }, origin));
    const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Productive investment of remittances increased' }, origin));
    const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Government policy on remittances adopted' }, origin));
    const act = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Conduct consultations with Government and other stakeholders' }, origin));
    setNodeField(doc, act, 'budget', { amount: 10_000, currency: 'USD' }, origin);
    const ind = must(addIndicator(doc, { nodeId: act, name: '# of consultations held', target: { value: 12, date: '2027-12-31' }, disaggregation: ['sex'] }, origin));
    must(addReview(doc, { kind: 'yearly', label: 'Year 1', start: '2027-01-01', end: '2027-12-31' }, origin));
    const watcher = openProvider(syncUrl(suite.server), planId);
    await waitFor(() => readPlan(watcher.doc).reviews.length === 1 && readPlan(watcher.doc).indicators.length === 1, 'the server has the seeded plan');
    watcher.destroy();

    const a = await suite.join(planId, 'Fatou', { role: 'facilitator', hash: 'monitoring-and-evaluation' });
    const page = a.page;
    await page.getByRole('heading', { name: 'Monitoring matrix, per output' }).waitFor();
    // The facilitator saves the review as an endorsed version and binds the review to it.
    await page.getByRole('button', { name: 'Save and endorse' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version “Review: Year 1”, endorsed.' }).waitFor();
    const against = page.getByLabel('Agreed version this review is measured against');
    const option = against.locator('option', { hasText: 'Review: Year 1 (endorsed)' });
    await against.selectOption((await option.getAttribute('value'))!);
    await page.locator('[data-bound]').getByText('Review: Year 1').waitFor();

    // Someone changes the live target; the review keeps the agreed 12 and names the change.
    setIndicatorField(doc, ind, 'target', { value: 20, date: '2027-12-31' }, origin);
    const row = page.locator(`tr[data-indicator="${ind}"]`);
    await row.getByText('live plan now: 20').waitFor();
    expect((await row.locator('[data-target]').innerText()).split('\n')[0]!.trim()).toBe('12');
    // The change is worded for the reader (L10: dates through Intl), with both targets.
    await row.getByText('indicator "# of consultations held" target 12 by Dec 31, 2027 → 20 by Dec 31, 2027').waitFor();

    // Actual 6 of the agreed 12: 50 %; parts by sex that do not add up are named.
    await page.getByLabel('Actual value of # of consultations held').fill('6');
    await page.getByLabel('Actual value of # of consultations held').press('Tab');
    await expect.poll(() => row.locator('[data-progress]').innerText()).toBe('50%');
    await page.getByLabel('# of consultations held: actual by sex').fill('female=4, male=1');
    await page.getByLabel('# of consultations held: actual by sex').press('Tab');
    await row.getByText('parts by sex add up to 5, not the total 6').waitFor();
    await expect.poll(() => page.locator(`section[data-output="${out}"] h3`).innerText()).toContain('50%');
    await screenshot(page, 'monitoring-bound-1280');

    // The live plan moved; what the server stores keeps the agreed snapshot id on the review.
    await waitFor(() => readPlan(doc).reviews[0]!.baselineSnapshotId !== null, 'the binding reached the other client');

    await page.setViewportSize({ width: 360, height: 900 });
    await row.getByText('live plan now: 20').waitFor();
    await screenshot(page, 'monitoring-bound-360');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(a.errors).toEqual([]);
    provider.destroy();
    doc.destroy();
  }, 60_000);

  it('the matrix edits an activity indicator\'s measurement, level, frequency, disaggregation and per-period targets (IN1, IN3)', async () => {
    const planId = await createPlan(suite.server, 'Indicator plan');
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(provider);
    const origin = localOrigin('seed');
    const must = (r: { ok: boolean; value?: unknown }) => r.value as string;
    const g = must(addNode(doc, { kind: 'goal', title: 'Remittances for development' }, origin));
    const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Investment up' }, origin));
    const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Policy adopted' }, origin));
    must(addNode(doc, { kind: 'activity', parentId: out, title: 'Conduct consultations' }, origin));
    await waitFor(() => readPlan(doc).activities.length === 1, 'seeded');

    const { page, errors } = await suite.join(planId, 'Ana', { role: 'editor', hash: 'implementation', width: 360 });
    await page.getByRole('button', { name: 'Details of Activity 1.1.1.1', exact: true }).click();
    await page.getByLabel('New indicator for Activity 1.1.1.1').fill('# of consultations held');
    await page.getByLabel('New indicator for Activity 1.1.1.1').press('Enter');
    await page.getByLabel('indicator 1 measurement').selectOption('quantitative');
    await page.getByLabel('indicator 1 level').selectOption('input');
    await page.getByLabel('indicator 1 frequency').selectOption('quarterly');
    await page.getByLabel('indicator 1 disaggregation').fill('sex, migration status');
    await page.getByLabel('indicator 1 disaggregation').press('Tab');
    await page.getByLabel('indicator 1 new period end').fill('2027-12-31');
    await page.getByLabel('indicator 1 new period target').fill('6');
    await page.getByRole('button', { name: 'Add period target' }).click();
    await expect.poll(() => page.getByLabel('indicator 1 period 1 target', { exact: true }).inputValue()).toBe('6');
    await waitFor(() => readPlan(doc).indicators[0]?.periodTargets.length === 1, 'the period target reached another client');
    expect(readPlan(doc).indicators[0]).toMatchObject({
      measurement: 'quantitative', level: 'input', frequency: 'quarterly', disaggregation: ['sex', 'migration status'],
      periodTargets: [{ start: null, end: '2027-12-31', value: 6 }],
    });
    await page.locator('fieldset.ind').scrollIntoViewIfNeeded();
    await screenshot(page, 'matrix-indicator-360');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(errors).toEqual([]);
    provider.destroy();
    doc.destroy();
  }, 60_000);
});
