import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';
import { insertFromLibrary as insert } from '../helpers/library.js';
import { pick } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();

describe('sector checklists and the intervention library in Chromium (SK, LB)', () => {
  it('answers two checklist questions from the situation analysis, searches the library, builds goal -> activity from it and sees the source in the matrix', async () => {
    const planId = await createPlan(suite.server, 'Library walk');
    const ed = await suite.join(planId, 'Edem', { hash: 'situation-analysis' });
    const ob = await suite.join(planId, 'Olu', { role: 'observer', width: 360, hash: 'situation-analysis' });

    // From the situation-analysis stage to the Sectors screen; open a sector with the keyboard.
    await ed.page.locator('rt-stage-panel [data-open-sectors]').click();
    await ed.page.getByRole('heading', { name: 'Sector checklists', level: 2 }).waitFor();
    expect(await ed.page.locator('rt-sectors [data-uncovered] li').count()).toBe(14);
    const governance = ed.page.locator('rt-sectors [data-open-sector="governance"]');
    await governance.focus();
    await ed.page.keyboard.press('Enter');
    await ed.page.getByRole('heading', { name: /^Governance/ }).waitFor();
    const q1 = ed.page.locator('rt-sectors [data-question="sk-gov-1"]');
    await q1.getByRole('radio', { name: 'Yes', exact: true }).check();
    await q1.getByLabel('Evidence').fill('Afrobarometer round 9');
    await q1.getByLabel('Evidence').press('Tab');
    await ed.page.locator('rt-sectors [data-question="sk-gov-4"]').getByRole('radio', { name: 'No', exact: true }).check();
    await ed.page.getByText('2 of 6 answered').first().waitFor();
    await screenshot(ed.page, 'sectors-governance-1280');
    await ed.page.getByRole('button', { name: 'All sectors' }).click();
    await expect.poll(() => ed.page.locator('rt-sectors [data-uncovered] li[data-sector="governance"]').textContent()).toContain('an answer is "no"');

    // The observer on a phone sees the answers live but cannot change them.
    await ob.page.locator('rt-stage-panel [data-open-sectors]').click();
    await ob.page.getByRole('heading', { name: 'Sector checklists', level: 2 }).waitFor();
    await screenshot(ob.page, 'sectors-list-observer-360');
    await ob.page.locator('rt-sectors [data-open-sector="governance"]').click();
    const obQ1 = ob.page.locator('rt-sectors [data-question="sk-gov-1"]');
    await expect.poll(() => obQ1.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
    expect(await obQ1.getByRole('radio', { name: 'No', exact: true }).isDisabled()).toBe(true);
    expect(await obQ1.getByLabel('Evidence').inputValue()).toBe('Afrobarometer round 9');
    await screenshot(ob.page, 'sectors-governance-observer-360');

    // The library: search narrows the list; insert goal, outcome, output, activity with parents.
    await ed.page.getByRole('button', { name: '← Back to the plan' }).click();
    await ed.page.getByRole('button', { name: 'Intervention library', exact: true }).click();
    await ed.page.getByRole('heading', { name: 'Intervention library', level: 2 }).waitFor();
    const count = ed.page.locator('rt-library [data-library-count]');
    const all = await count.textContent();
    await ed.page.getByRole('searchbox', { name: 'Search the library' }).fill('remittance cost');
    await expect.poll(() => count.textContent()).not.toBe(all);
    expect(await ed.page.locator('rt-library li[data-entry="gfmd-2a-3"]').count()).toBe(1);
    await insert(ed.page, 'mainstream', 'gfmd-3a-3', 'goal');
    await insert(ed.page, 'micro-lenders', 'gfmd-2b-3', 'outcome', '1 Mainstream migration');
    await ed.page.getByRole('combobox', { name: 'Sector' }).first().selectOption('financial-services');
    await insert(ed.page, 'diaspora bonds', 'hb-box-34', 'output', '1.1 ');
    await insert(ed.page, 'pre-departure remittance', 'gfmd-2a-3', 'activity', '1.1.1 Diaspora bonds');
    await screenshot(ed.page, 'library-1280');

    // L21: a refusal reads in French, and again in Spanish after a language switch. The parent
    // chosen is gone (as if someone removed it meanwhile): the command refuses, nothing is added.
    await pick(ed.page, 'fr');
    // L61: the entry in French, found by a French word (typed without its accent) and by an English one.
    const again = ed.page.locator('rt-library li[data-entry="gfmd-2b-3"]');
    await ed.page.locator('rt-library [data-library-search]').fill('microcredit menages');
    await expect.poll(() => again.locator('h3').textContent()).toMatch(/^Avec le secteur financier, proposer aux ménages/);
    expect(await again.locator('p.muted').textContent()).toBe('Matrice des projets et activités du FMMD, table ronde 2, b.');
    await screenshot(ed.page, 'library-fr-1280');
    await ed.page.locator('rt-library [data-library-search]').fill('micro-lenders');
    await expect.poll(() => ed.page.locator('rt-library li.entry').count()).toBe(1);
    await again.locator('button.secondary').click();
    await again.locator('[data-insert-as]').selectOption('outcome');
    await again.locator('[data-insert-parent]').evaluate((select: HTMLSelectElement) => {
      select.append(new Option('gone', 'gone-goal'));
      select.value = 'gone-goal';
    });
    await again.locator('form button[type="submit"]').click();
    const refusal = ed.page.locator('rt-library [role="alert"]');
    await expect.poll(() => refusal.textContent()).toBe('Introuvable dans ce plan\u202f: objectif «\u202fgone-goal\u202f». Cet élément a pu être supprimé entre-temps.');
    await pick(ed.page, 'es');
    await expect.poll(() => refusal.textContent()).toBe('No se encuentra en este plan: objetivo «gone-goal». Puede que se haya eliminado mientras tanto.');
    expect(await ed.page.locator('rt-library [data-library-message]').textContent()).toContain('insertado como');
    await screenshot(ed.page, 'library-refusal-es-1280');
    await pick(ed.page, 'en');
    await expect.poll(() => refusal.textContent()).toBe('There is no goal "gone-goal" in this plan: it may have been removed meanwhile.');

    // The observer's library on a phone: searchable, no Insert button.
    await ob.page.getByRole('button', { name: '← Back to the plan' }).click();
    await openPanel(ob.page, 'Intervention library');
    await ob.page.getByRole('searchbox', { name: 'Search the library' }).fill('UNODC trafficking');
    await ob.page.locator('rt-library li[data-entry="gfmd-1h-1"]').waitFor();
    expect(await ob.page.getByRole('button', { name: /^Insert into the plan/ }).count()).toBe(0);
    await screenshot(ob.page, 'library-observer-360');

    // In the matrix: the activity sits under the output with its link to the library entry.
    await ed.page.getByRole('button', { name: '← Back to the plan' }).click();
    await ed.page.getByRole('navigation', { name: 'Planning cycle' }).getByRole('link', { name: 'Implementation' }).click();
    const row = ed.page.locator('rt-matrix div.node[data-kind="activity"]');
    await row.waitFor();
    expect(await row.locator('[data-code]').first().getAttribute('data-full')).toBe('1.1.1.1');
    const badge = row.locator('[data-source="gfmd-2a-3"]');
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toContain('From the library: Include remittance information');
    expect(await ed.page.locator('rt-matrix div.node[data-kind="goal"] [data-source="gfmd-3a-3"]').count()).toBe(1);
    await screenshot(ed.page, 'library-matrix-1280');
  }, 120_000);
});
