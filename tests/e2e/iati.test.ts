import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { pick } from '../helpers/i18n-e2e.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { auth } from '../helpers/test-server.js';
import { IATI_DIR, iatiPlan, importPlan } from '../server/iati-helpers.js';

const suite = useBrowserSuite();

/** The live plan as the server has it. */
async function served(planId: string): Promise<{ activities: { id: string; dacSectors: string[]; sdgTargets: string[] }[]; reportingOrgRef: string | null }> {
  return (await fetch(`${suite.server.url}/api/plans/${planId}/export.json`, { headers: auth(planId, 'observer') })).json() as never;
}

describe('IATI in Chromium', () => {
  it('[I1][I9] a facilitator picks a DAC sector and an SDG target for an activity, sets the reporting organisation and lists a donor file', async (ctx) => {
    if (!fs.existsSync(IATI_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const plan = iatiPlan();
    plan.activities[1]!.dacSectors = [];
    const planId = await importPlan(suite.server, plan);
    const { page, errors } = await suite.join(planId, 'Fatou', { role: 'facilitator', hash: 'implementation' });

    // The activity's details: pick 15190 from the codelist, then refuse a code that is not in it.
    await page.getByRole('button', { name: 'Details of Activity 1.1.1.2' }).click();
    const sectors = page.getByRole('group', { name: /DAC sectors \(IATI\)$/ });
    await sectors.getByRole('combobox').fill('15190 Facilitation of orderly, safe, regular and responsible migration and mobility');
    await sectors.getByRole('button', { name: 'Add' }).click();
    await sectors.getByText('15190 Facilitation of orderly').waitFor();
    const sdg = page.getByRole('group', { name: /SDG targets$/ });
    await sdg.getByRole('combobox').fill('10.7');
    await sdg.getByRole('combobox').press('Enter');
    await sdg.getByText(/^10\.7 Facilitate orderly/).waitFor();
    await sectors.getByRole('combobox').fill('99999');
    await sectors.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '“99999” is not in the list of DAC sectors' }).count()).toBe(1);
    await expect.poll(async () => (await served(planId)).activities.find((a) => a.id === 'a12')).toMatchObject({ dacSectors: ['15190'], sdgTargets: ['10.7'] });
    await screenshot(page, 'iati-codes');
    // [L41] In French the chips carry IATI's French names. [L45][L46] A Spanish reader gets the UN's SDG
    // target names, loaded for their language; a sector without a name in theirs is English, marked lang="en".
    const chip = page.locator('rt-iati-codes li span.name').first();
    const sdgChip = page.locator('rt-iati-codes li', { hasText: /^\s*10\.7 / }).locator('span.name').first();
    await pick(page, 'fr');
    await expect.poll(() => chip.textContent()).toBe('Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable');
    expect(await chip.getAttribute('lang')).toBeNull();
    const suggestion = page.locator('#rt-codes-dacSectors option[value^="15190 "]').first();
    expect(await suggestion.getAttribute('value')).toBe('15190 Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable');
    expect(await suggestion.getAttribute('lang')).toBeNull();
    // [L63] The Global Compact's objectives in the UN's French wording (the library text file loads with the pickers).
    const gcm = page.locator('#rt-codes-gcmObjectives option[value^="10 "]').first();
    await expect.poll(() => gcm.getAttribute('value')).toBe('10 Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales');
    expect(await gcm.getAttribute('lang')).toBeNull();
    expect(await sdgChip.textContent()).toMatch(/^Faciliter la migration et la mobilité de façon ordonnée, sûre/);
    await screenshot(page, 'iati-codes-fr');
    const names = (l: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../shared/codelists/names/${l}.json`), 'utf8')).names as Record<string, Record<string, string> | undefined>;
    // (Arabic names: tests/shared/iati-codes.test.ts; one more language switch here costs seconds.)
    await pick(page, 'es');
    await expect.poll(() => sdgChip.textContent()).toMatch(/^Facilitar la migración y la movilidad ordenadas, seguras, regulares y responsables/);
    expect(await sdgChip.getAttribute('lang')).toBeNull();
    // DAC sector names in Spanish are Roundtable's own translation (names-src, L47), English until they are in.
    const own = names('es').Sector?.['15190'];
    expect(await chip.textContent()).toBe(own ?? 'Facilitation of orderly, safe, regular and responsible migration and mobility');
    expect(await chip.getAttribute('lang')).toBe(own ? null : 'en');
    expect(await suggestion.getAttribute('lang')).toBe(own ? null : 'en');
    // The refused pick's message follows the language switch (worded at render).
    expect(await page.getByRole('alert').filter({ hasText: '99999' }).textContent()).toContain('«99999» no está en la lista de Sectores CAD (IATI)');
    await page.locator('rt-iati-codes li', { hasText: /^\s*10\.7 / }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'iati-codes-es');
    // [L112] English words on the Spanish page find objective 20; words several objectives hold are listed to pick one.
    const gcmPicker = page.getByRole('group', { name: /Objetivos del Pacto Mundial para la Migración$/ });
    await gcmPicker.getByRole('combobox').fill('remittances');
    await gcmPicker.getByRole('combobox').press('Enter');
    await gcmPicker.locator('li span.name', { hasText: /^Promover transferencias de remesas/ }).waitFor();
    await gcmPicker.getByRole('combobox').fill('migrantes');
    await gcmPicker.getByRole('combobox').press('Enter');
    await expect.poll(() => gcmPicker.getByRole('status').textContent()).toMatch(/^\d+ entradas de Objetivos del Pacto Mundial para la Migración coinciden con «migrantes»: elija una\.$/);
    await gcmPicker.scrollIntoViewIfNeeded();
    await screenshot(page, 'iati-gcm-matches-es');
    await gcmPicker.getByRole('list', { name: 'Objetivos del Pacto Mundial para la Migración' }).getByRole('button').first().click();
    await expect.poll(() => gcmPicker.getByRole('status').count()).toBe(0);
    await pick(page, 'en');
    await expect.poll(() => gcm.getAttribute('value')).toBe('10 Prevent, combat and eradicate trafficking in persons in the context of international migration');

    // The IATI panel: change the reporting organisation's identifier, then read the donor file.
    await page.getByRole('button', { name: 'IATI', exact: true }).click();
    const ref = page.getByLabel('IATI organisation identifier');
    await ref.fill('not an id');
    await ref.press('Tab');
    await page.getByRole('alert').filter({ hasText: 'is not an IATI organisation identifier' }).waitFor();
    await ref.fill('XM-DAC-41114');
    await ref.press('Tab');
    await expect.poll(async () => (await served(planId)).reportingOrgRef).toBe('XM-DAC-41114');
    await page.getByText('No file read yet.').waitFor();
    await page.getByLabel('IATI file (.xml)').setInputFiles(path.join(IATI_DIR, 'fixtures/donor-activities/iom-style-activity-01.xml'));
    const card = page.getByRole('article', { name: 'Donor activity XM-DAC-00000-0000' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toMatch(/Japan - Ministry of Foreign Affairs \(XM-DAC-701-2\)/);
    await expect.poll(() => card.textContent()).toMatch(/Incoming Commitment: USD\s1,459,753\.72 \(1\)/);
    await screenshot(page, 'iati-panel');
    await page.getByLabel('IATI file (.xml)').setInputFiles(path.join(IATI_DIR, 'fixtures/should-fail/budget-01-missing-period-end.xml'));
    await page.getByRole('alert').filter({ hasText: 'budget 1 has no <period-end>' }).waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    // On a phone the panel fits the screen: nothing of it is wider than the viewport.
    const widest = await page.locator('rt-iati').evaluate((host) =>
      Math.max(...[...host.shadowRoot!.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(360);
    await screenshot(page, 'iati-panel-phone');
    expect(errors).toEqual([]);
  });
});
