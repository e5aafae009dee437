import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addNode, addStakeholder, setNodeField, setPlanField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { ar, fr, must, pick, seedPlan } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();

describe('people, funding and timeline in French and Arabic (issue 16)', () => {
  it('show their catalogue strings in fr and ar; Arabic runs right to left with the timeline mirrored', async () => {
    const planId = await seedPlan(suite.server, 'Plan multilingue', (doc, origin) => {
      setPlanField(doc, 'currency', 'XOF', origin);
      must(addStakeholder(doc, { organisation: 'جمعية المغتربين', group: 'diaspora', voices: ['diaspora'] }, origin));
      const g = must(addNode(doc, { kind: 'goal', title: 'Transferts de fonds', fields: { status: 'selected' } }, origin));
      const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Investissement accru' }, origin));
      const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Politique adoptée' }, origin));
      const act = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Cartographie', fields: { start: '2027-01-01', end: '2027-06-30' } }, origin));
      setNodeField(doc, act, 'budget', { amount: 39_000, currency: 'XOF' }, origin);
      must(addNode(doc, { kind: 'activity', parentId: out, title: 'Campagne', fields: { start: '2028-03-01', end: '2028-09-30' } }, origin));
    }, (p) => p.activities.length === 2 && p.stakeholders.length === 1);

    const { page, errors } = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'implementation' });
    const matrix = page.locator('rt-matrix');
    const funding = matrix.locator('details[data-funding]');
    await funding.locator('summary').waitFor();

    // French: the funding section and the People panel speak French, money in the line's currency.
    await pick(page, 'fr');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await expect.poll(() => funding.locator('summary').textContent()).toBe(fr.funding.summary);
    await funding.locator('summary').click();
    await funding.getByRole('heading', { name: fr.funding.rates, exact: true }).waitFor();
    await funding.getByRole('heading', { name: fr.funding.perYear, exact: true }).waitFor();
    await funding.getByRole('button', { name: fr.funding.addRate, exact: true }).waitFor();
    await expect.poll(() => funding.locator('[data-total="planned"]').textContent()).toMatch(/^39\s000\sXOF$/);
    await page.getByRole('button', { name: fr.shell.panel.people, exact: true }).click();
    const people = page.locator('rt-people');
    await people.getByRole('heading', { name: fr.people.meter, exact: true }).waitFor();
    await people.getByRole('heading', { name: fr.people.register, exact: true }).waitFor();
    await people.getByRole('button', { name: fr.people.addToRegister, exact: true }).waitFor();
    await people.locator('[data-category="diaspora"]').getByText(`${fr.people.label.diaspora}\u202f: 1`).waitFor();

    // Arabic: the page turns right to left; the People panel, then the timeline, in Arabic.
    await pick(page, 'ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await people.getByRole('heading', { name: ar.people.meter, exact: true }).waitFor();
    await people.getByRole('heading', { name: ar.people.bodies, exact: true }).waitFor();
    await people.getByRole('button', { name: ar.people.addMeeting, exact: true }).waitFor();
    expect(await people.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await screenshot(page, 'i18n-people-ar-1280');
    await page.setViewportSize({ width: 360, height: 780 });
    await screenshot(page, 'i18n-people-ar-360');
    // Nothing in the panel wider than the phone's screen.
    const widest = await people.evaluate((host) => Math.max(...[...host.shadowRoot!.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: ar.shell.backToPlan }).click();
    await funding.locator('summary').waitFor();
    await funding.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await funding.getByRole('heading', { name: ar.funding.rates, exact: true }).waitFor();
    await screenshot(page, 'i18n-funding-ar-1280');

    await page.getByRole('group', { name: ar.matrix.modes.label }).getByRole('button', { name: ar.matrix.modes.timeline }).click();
    const timeline = page.locator('rt-timeline');
    await timeline.getByRole('list', { name: ar.timeline.listLabel, exact: true }).waitFor();
    await timeline.getByText(ar.timeline.noConflicts, { exact: true }).waitFor();
    await timeline.getByRole('list', { name: ar.timeline.legend, exact: true }).getByText(ar.timeline.legendCritical).waitFor();
    // Mirrored: the later activity's bar starts further LEFT than the earlier one's, and labels sit at the right.
    const bars = timeline.locator('li[data-kind="activity"] .bar');
    await expect.poll(() => bars.count()).toBe(2);
    const first = (await bars.nth(0).boundingBox())!;
    const second = (await bars.nth(1).boundingBox())!;
    expect(second.x + second.width).toBeLessThan(first.x);
    const label = (await timeline.locator('li[data-kind="activity"] .lab').first().boundingBox())!;
    expect(label.x).toBeGreaterThanOrEqual(first.x + first.width);
    await screenshot(page, 'i18n-timeline-ar-1280');
    await page.setViewportSize({ width: 360, height: 780 });
    await screenshot(page, 'i18n-timeline-ar-360');
    expect(errors).toEqual([]);
  });
});
