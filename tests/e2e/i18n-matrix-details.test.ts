import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addIndicator, addNode, addSection } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { ensureTranslation } from '../../shared/commands/translations.js';
import { setText } from '../../shared/commands/text.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { ar, fill, fr, must, pick, seedPlan, type Catalogue } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();

/** Checks one locale: the activity's details, its indicator and the IATI panel speak its catalogue. */
async function checkDetails(page: Page, c: Catalogue, locale: string): Promise<void> {
  const name = fill(c.matrix.rowName.activity, { code: '1.1.1.1' });
  const details = page.locator('rt-matrix-details');
  if (!(await details.count())) await page.getByRole('button', { name: fill(c.matrix.row.details, { name }), exact: true }).click();
  await details.getByRole('group', { name: fill(c.matrix.row.details, { name }), exact: true }).waitFor();
  await details.getByText(c.matrix.activity.result, { exact: true }).waitFor();
  await details.getByText(c.matrix.activity.dependsOn, { exact: true }).waitFor();
  await details.getByText(c.matrix.indicators.title, { exact: true }).waitFor();
  await details.getByText(c.matrix.indicators.baselineDate, { exact: true }).waitFor();
  await details.getByText(c.matrix.indicators.periods, { exact: true }).waitFor();
  await details.getByRole('button', { name: c.matrix.indicators.addPeriod, exact: true }).waitFor();
  await details.getByText(c.iati.codes.dacSectors, { exact: true }).first().waitFor();
  const frequency = details.getByRole('combobox', { name: fill(c.matrix.indicators.fieldLabel, { label: fill(c.matrix.indicators.label, { n: '1' }), field: c.matrix.indicators.frequency.toLocaleLowerCase(locale) }), exact: true });
  await expect.poll(() => frequency.locator('option').allTextContents()).toContain(c.matrix.indicators.frequencies.yearly);
  // The budget line speaks the locale and writes figures its way (39 000 in French and Arabic's Latin digits).
  await expect.poll(() => details.locator('[data-budget-line]').textContent()).toContain(fill(c.matrix.details.planned, { amount: '' }).trim());
  // [ML11] The row's title in the reader's language (lang, dir), with the English original it translates, edited in the row.
  const shown = details.locator('[data-row-translation] [data-shown-text]');
  expect(await shown.getAttribute('lang')).toBe(locale);
  expect(await shown.getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
  expect(await shown.textContent()).toBe(ROW_TITLE[locale as 'fr' | 'ar']);
  await details.locator('[data-row-translation]').getByText(fill(c.translations.ui.rowOriginal, { code: 'EN' })).waitFor();
  await screenshot(page, `i18n-matrix-details-${locale}`);
}

/** The activity's title in French and Arabic (its original, "Consultations", is English). */
const ROW_TITLE = { fr: 'Consultations avec les parties prenantes', ar: 'مشاورات مع الجهات المعنية' };

describe('the matrix details and the IATI panel in French and Arabic (issue 16)', () => {
  it('show their catalogue strings; Arabic is right to left and a cut title shows its start with an ellipsis at 360 px', async () => {
    const longTitle = 'National context of migration and development in the region and its diaspora communities abroad';
    const planId = await seedPlan(suite.server, 'Plan multilingue', (doc, origin) => {
      must(addSection(doc, { part: 'background', title: longTitle }, origin));
      const g = must(addNode(doc, { kind: 'goal', title: 'Transferts de fonds', fields: { status: 'selected' } }, origin));
      const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Investissement accru' }, origin));
      const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Politique adoptée' }, origin));
      const act = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Consultations' }, origin));
      must(addIndicator(doc, { nodeId: act, name: 'Nombre de consultations' }, origin));
      const rec = must(ensureTranslation(doc, 'activity', act, 'title', origin));
      setText(doc, { kind: 'translation', id: rec, field: 'fr' }, ROW_TITLE.fr, origin);
      setText(doc, { kind: 'translation', id: rec, field: 'ar' }, ROW_TITLE.ar, origin);
    }, (p) => p.indicators.length === 1 && p.translations.length === 1);

    const { page, errors } = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'implementation' });
    await page.getByRole('button', { name: 'Details of Activity 1.1.1.1', exact: true }).waitFor();

    await pick(page, 'fr');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await checkDetails(page, fr, 'fr');
    // [L101] An issue names its row with its article, as a person would write it.
    const summary = page.locator('rt-matrix-issues summary');
    await summary.click();
    await page.getByRole('list', { name: fr.matrix.issues.list, exact: true }).getByText(/^l’activité 1\.1\.1\.1 «\s.+\s» n’a pas de responsable$/).waitFor();
    await screenshot(page, 'i18n-issues-fr');
    await summary.click();
    await pick(page, 'ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await checkDetails(page, ar, 'ar');
    expect(await page.locator('rt-matrix-details').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

    // The IATI panel, in Arabic then in French.
    await page.getByRole('button', { name: ar.shell.panel.iati, exact: true }).click();
    const iati = page.locator('rt-iati');
    await iati.getByRole('heading', { name: ar.iati.org.heading, exact: true }).waitFor();
    await iati.getByRole('heading', { name: ar.iati.donors.heading, exact: true }).waitFor();
    await iati.getByText(ar.iati.donors.none, { exact: true }).waitFor();
    await iati.getByRole('button', { name: ar.iati.file.download, exact: true }).waitFor();
    await iati.getByText(ar.iati.file.before.split('{{')[0]!.trim()).first().waitFor();
    expect(await iati.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await screenshot(page, 'i18n-iati-ar');
    await pick(page, 'fr');
    await iati.getByRole('heading', { name: fr.iati.file.heading, exact: true }).waitFor();
    await iati.getByLabel(fr.iati.org.ref, { exact: true }).waitFor();
    await iati.getByText(fr.iati.donors.none, { exact: true }).waitFor();
    await screenshot(page, 'i18n-iati-fr');

    // A Plan of Action section title cut on a phone in Arabic: its start shows, ending in an ellipsis.
    await pick(page, 'ar');
    await page.getByRole('button', { name: ar.shell.backToPlan }).click();
    await page.evaluate(() => (location.hash = 'plan-of-action'));
    await page.setViewportSize({ width: 360, height: 780 });
    const title = page.locator(`rt-poa rt-text input[title="${longTitle}"]`);
    await expect.poll(() => title.inputValue()).toBe(longTitle);
    const shape = await title.evaluate((el: HTMLInputElement) => ({ ellipsis: getComputedStyle(el).textOverflow, dir: getComputedStyle(el).direction, cut: el.scrollWidth > el.clientWidth, scroll: el.scrollLeft, tip: el.title }));
    expect(shape).toEqual({ ellipsis: 'ellipsis', dir: 'ltr', cut: true, scroll: 0, tip: longTitle });
    await screenshot(page, 'i18n-poa-title-ar-360');
    // Focused, the whole title is written out under the box.
    await title.focus();
    await expect.poll(() => title.locator('xpath=ancestor::rt-text[1]').locator('.rt-text-full').textContent()).toBe(longTitle);
    await screenshot(page, 'i18n-poa-title-ar-360-focused');
    expect(errors).toEqual([]);
  }, 120_000);
});
