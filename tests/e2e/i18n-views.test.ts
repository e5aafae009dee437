import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addIndicator, addNode, addReview, addSection, setIndicatorReading, setNodeField } from '../../shared/model.js';
import { ensureTranslation, setOriginalLanguage } from '../../shared/commands/translations.js';
import { setText } from '../../shared/commands/text.js';
import { SCREENSHOTS, screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { ar, fill, fr, must, pick, seedPlan } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();

/** Opens a view by its URL hash. */
async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

/** The x of an element's left edge and its width (to check which side it sits on). */
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('the Plan of Action and monitoring in French and Arabic (issue 16)', () => {
  it('show their catalogue strings in fr and ar, Arabic right to left with the table mirrored', async () => {
    const planId = await seedPlan(suite.server, 'Plan multilingue', (doc, origin) => {
      must(addSection(doc, { part: 'background', title: 'السياق الوطني' }, origin));
      const g = must(addNode(doc, { kind: 'goal', title: 'Transferts de fonds pour le développement', fields: { status: 'selected' } }, origin));
      const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Investissement productif accru' }, origin));
      const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Politique nationale adoptée' }, origin));
      const act = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Consultations avec les parties prenantes' }, origin));
      setNodeField(doc, act, 'budget', { amount: 39_000, currency: 'XOF' }, origin);
      // [ML] goal 1 is written in French (recorded); goal 2 in the plan's language (English) with a French translation.
      setOriginalLanguage(doc, must(ensureTranslation(doc, 'goal', g, 'title', origin)), 'fr', origin);
      const g2 = must(addNode(doc, { kind: 'goal', title: 'Diaspora investment' }, origin));
      setText(doc, { kind: 'translation', id: must(ensureTranslation(doc, 'goal', g2, 'title', origin)), field: 'fr' }, 'Investissement de la diaspora', origin);
      // [ML11] A section written in English with its title and text in French and Arabic.
      const sec = must(addSection(doc, { part: 'background', title: 'National context' }, origin));
      setText(doc, { kind: 'section', id: sec, field: 'body' }, 'Migration shapes the economy.', origin);
      for (const [field, frText, arText] of [['title', 'Contexte national', 'السياق الوطني للهجرة'], ['body', 'La migration façonne l’économie.', 'الهجرة تشكّل الاقتصاد.']] as const) {
        const rec = must(ensureTranslation(doc, 'section', sec, field, origin));
        setText(doc, { kind: 'translation', id: rec, field: 'fr' }, frText, origin);
        setText(doc, { kind: 'translation', id: rec, field: 'ar' }, arText, origin);
      }
      const ind = must(addIndicator(doc, { nodeId: act, name: 'Nombre de consultations', target: { value: 1200, date: '2027-12-31' }, disaggregation: ['sexe'] }, origin));
      const rev = must(addReview(doc, { kind: 'yearly', label: 'Année 1', start: '2027-01-01', end: '2027-12-31' }, origin));
      // A reading whose parts do not add up to its total: a monitoring problem (IN7, L10).
      setIndicatorReading(doc, rev, ind, { value: 1200, parts: [{ dimension: 'sexe', category: 'femmes', value: 600 }, { dimension: 'sexe', category: 'hommes', value: 500 }] }, origin);
    }, (p) => p.reviews[0]?.indicators.length === 1 && p.indicators.length === 1 && p.translations.length === 4);

    const { page, errors } = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'plan-of-action' });
    const poa = page.locator('rt-poa');
    await poa.getByRole('heading', { name: '1. Background' }).waitFor();
    // [ML5] An English reader sees goal 2's original with lang="en", and goal 1's French original marked "original: FR".
    const shown = (text: string) => poa.locator('[data-shown-title]', { hasText: text });
    await shown('Diaspora investment').waitFor();
    expect(await shown('Diaspora investment').getAttribute('lang')).toBe('en');
    expect(await shown('Transferts de fonds pour le développement').getAttribute('lang')).toBe('fr');
    await poa.locator('.orig-tag[data-original="fr"]', { hasText: 'original: FR' }).waitFor();

    // French: the Plan of Action's own words, the goal numbered in French.
    await pick(page, 'fr');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await poa.getByRole('heading', { name: fr.poa.background, exact: true }).waitFor();
    await poa.getByRole('heading', { name: fr.poa.programmes, exact: true }).waitFor();
    await poa.getByRole('button', { name: fr.poa.addAnnex, exact: true }).waitFor();
    await poa.getByText('Objectif 1 : Transferts de fonds pour le développement').waitFor();
    // [ML5] A French reader sees goal 2's French title with lang="fr", and no "original" tag anywhere.
    await poa.getByText('Objectif 2 : Investissement de la diaspora').waitFor();
    expect(await shown('Investissement de la diaspora').getAttribute('lang')).toBe('fr');
    expect(await poa.locator('.orig-tag').count()).toBe(0);
    // [ML11] An editor reading French sees the section's French title and text (lang="fr") above the boxes,
    // and the boxes say they hold the English original: typing there changes the original, not the translation.
    const reading = (text: string) => poa.locator('[data-translated-edit] [data-shown-text]', { hasText: text });
    expect(await reading('Contexte national').getAttribute('lang')).toBe('fr');
    expect(await reading('La migration façonne l’économie.').getAttribute('lang')).toBe('fr');
    const origCaption = fill(fr.translations.ui.editingOriginal, { code: 'EN' });
    expect(await poa.locator('[data-original-caption]', { hasText: origCaption }).count()).toBe(2);
    const bodyBox = poa.getByRole('textbox', { name: fill(fr.translations.ui.originalBoxLabel, { label: 'National context', lang: fr.translations.lang.en }), exact: true });
    await poa.getByRole('textbox', { name: /^titre de la section \d+, original \(anglais\)$/ }).waitFor();
    await bodyBox.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Always.');
    await expect.poll(() => bodyBox.inputValue()).toBe('Migration shapes the economy. Always.');
    expect(await reading('La migration façonne l’économie.').textContent()).toBe('La migration façonne l’économie.');
    await poa.locator('.card.sec').filter({ hasText: 'Contexte national' }).screenshot({ path: `${SCREENSHOTS}/ml-edit-original-fr.png` });
    // The Translations editor opens by keyboard with a labelled box per language besides the original's.
    // [L131] Its name starts with what it shows, then names the item.
    const toggle = poa.getByRole('button', { name: /^Traductions du titre( \(\d\))?\s?: objectif 2$/ });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await poa.getByRole('group', { name: 'Traductions (objectif 2)' }).waitFor();
    expect(await poa.locator('.tr-panel [data-lang]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lang')))).toEqual(['fr', 'es', 'ar']);
    await poa.locator('.tr-panel').screenshot({ path: `${SCREENSHOTS}/ml-translations-fr.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await poa.getByText(fr.poa.req.legend).first().waitFor();
    await open(page, 'monitoring-and-evaluation');
    const mon = page.locator('rt-monitoring');
    await mon.getByRole('heading', { name: fr.monitoring.matrixHeading, exact: true }).waitFor();
    await mon.getByRole('columnheader', { name: fr.monitoring.actualExpenditure, exact: true }).waitFor();
    await mon.getByRole('button', { name: fr.monitoring.saveEndorse, exact: true }).waitFor();
    // Figures in the French way: the target 1 200, the budget in the plan's currency.
    await expect.poll(() => mon.locator('[data-target]').first().textContent()).toMatch(/^1\s200$/);
    await mon.locator("[data-activity] td.num").getByText(/^39\s000\sXOF$/).waitFor();
    // The stage's built-in deliverable and the reading's problem in French (L9, L10).
    const stage = page.locator('rt-stage-panel');
    const meTitle = () => stage.locator('[data-deliverable="me-plan"] strong').textContent();
    const problem = () => mon.locator('.problem').first().textContent();
    await expect.poll(meTitle).toBe(fr.stages.deliverables['me-plan'].title);
    await expect.poll(problem).toMatch(/^les parts par sexe font 1\s100 au total, et non 1\s200$/);

    // Arabic: the page turns right to left, the same views speak Arabic.
    await pick(page, 'ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await mon.getByRole('heading', { name: ar.monitoring.matrixHeading, exact: true }).waitFor();
    await mon.getByRole('heading', { name: ar.monitoring.reviewPeriod, exact: true }).waitFor();
    await mon.getByRole('columnheader', { name: ar.monitoring.indicator, exact: true }).waitFor();
    expect(await mon.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await expect.poll(meTitle).toBe(ar.stages.deliverables['me-plan'].title);
    await expect.poll(problem).toBe('مجموع الأجزاء حسب sexe هو 1,100، لا المجموع المذكور 1,200');
    await stage.locator('details.stage-part').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    // The monitoring matrix is mirrored: its first column (the activity) is at the right.
    const first = await box(page, 'rt-monitoring table.activities th:nth-child(1)');
    const second = await box(page, 'rt-monitoring table.activities th:nth-child(2)');
    expect(first.x).toBeGreaterThan(second.x);
    await screenshot(page, 'i18n-monitoring-ar-1280');
    await page.setViewportSize({ width: 360, height: 780 });
    await screenshot(page, 'i18n-monitoring-ar-360');

    await open(page, 'plan-of-action');
    await poa.getByRole('heading', { name: ar.poa.background, exact: true }).waitFor();
    await poa.getByRole('heading', { name: ar.poa.annexes, exact: true }).waitFor();
    await poa.getByRole('button', { name: ar.poa.addBackground, exact: true }).waitFor();
    await poa.getByText('الهدف 1: Transferts de fonds pour le développement', { exact: true }).waitFor();
    await poa.getByRole('textbox', { name: 'متطلب جديد في الهدف 1', exact: true }).waitFor();
    await screenshot(page, 'i18n-poa-ar-360');
    // [ML11] On a phone in Arabic: the Arabic translation right to left above the English original's box, inside the screen.
    const arReading = reading('الهجرة تشكّل الاقتصاد.');
    expect(await arReading.getAttribute('dir')).toBe('rtl');
    const card = poa.locator('.card.sec').filter({ hasText: 'الهجرة تشكّل الاقتصاد.' });
    await card.scrollIntoViewIfNeeded();
    expect((await card.boundingBox())!.width).toBeLessThanOrEqual(360);
    await poa.getByRole('textbox', { name: fill(ar.translations.ui.originalBoxLabel, { label: 'National context', lang: ar.translations.lang.en }), exact: true }).waitFor();
    await card.screenshot({ path: `${SCREENSHOTS}/ml-edit-original-ar-360.png` });
    // [ML] The Translations editor fits a 360 px phone in Arabic: one column, nothing wider than the screen.
    await poa.getByRole('button', { name: /^ترجمات العنوان( \(\d\))?: الهدف 2$/ }).click();
    const panel = poa.locator('.tr-panel');
    await panel.waitFor();
    expect((await panel.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await panel.locator('[data-lang="ar"] rt-text').getAttribute('dir')).toBe('rtl');
    await panel.screenshot({ path: `${SCREENSHOTS}/ml-translations-ar-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Lines start at the right in Arabic: the add button sits in the right half of the view.
    const view = await box(page, 'rt-poa');
    const add = await box(page, 'rt-poa section.part button.secondary');
    expect(add.x).toBeGreaterThan(view.x + view.width / 2);
    await screenshot(page, 'i18n-poa-ar-1280');
    expect(errors).toEqual([]);
  }, 90_000);
});
