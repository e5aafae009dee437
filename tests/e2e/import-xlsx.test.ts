import { describe, expect, it } from 'vitest';
import { renderWorkbook } from '../../server/export/xlsx.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';
import { fullPlan, handbookMatrix, handbookScoring } from '../shared/helpers/fixtures.js';
import { ar, fill, fr, type Catalogue } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * [L110] The Excel import's help as shown: its text (isolates dropped), its column headings (each a
 * `bdi`) and its values to type (each `code`, with its dir and lang).
 */
async function xlsxHelp(page: import('playwright-core').Page) {
  const help = page.locator('[data-xlsx-help]');
  await help.waitFor();
  return {
    text: (await help.textContent())!.replace(/[\u2066-\u2069]/g, ''),
    heads: await help.locator('bdi').allTextContents(),
    literals: await help.locator('code').evaluateAll((els) => els.map((e) => `${e.textContent} ${e.getAttribute('dir')} ${e.getAttribute('lang')}`)),
  };
}

/** [L110] The headings the help names, in `c`'s language: the export's, which the import reads. */
const helpHeads = (c: Catalogue) => [c.xlsx.head.level, c.xlsx.head.code, c.xlsx.head.title, `${c.xlsx.head.planned} (USD)`, c.xlsx.head.responsible, c.xlsx.head.start, c.xlsx.head.end, c.xlsx.head.fundingKind, c.xlsx.head.modality, c.xlsx.head.funder, c.xlsx.head.fundingStatus];
const LITERALS = ['goal', 'outcome', 'output', 'activity', '1', '1.1', '1.1.1', '1.1.1.1'].map((v) => `${v} ltr en`);

const workbook = async () => Buffer.from(await renderWorkbook({ plan: { ...handbookMatrix(), title: 'Remittances plan' }, snapshot: null, params: {}, generatedAt: new Date().toISOString() }));

describe('Excel workbooks in Chromium', () => {
  for (const width of [1280, 360]) {
    it(`home: "Import from Excel" creates the plan, and a bad workbook lists its problems (${width} px)`, async () => {
      const context = await suite.browser.newContext({ viewport: { width, height: 800 } });
      context.setDefaultTimeout(8_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(suite.server.url + '/');
      const input = page.getByLabel('Excel workbook (.xlsx)');
      await page.getByRole('button', { name: 'Import from Excel' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Choose an Excel workbook/);
      // [L110] The needed columns by the workbook's own headings, each isolated (FSI ... PDI).
      expect(await page.getByRole('alert').textContent()).toContain('with the columns \u2068Level\u2069, \u2068Code\u2069, and \u2068Title\u2069.');
      await input.setInputFiles({ name: 'notes.xlsx', mimeType: XLSX, buffer: Buffer.from('not a workbook at all') });
      await page.getByRole('button', { name: 'Import from Excel' }).click();
      const problems = page.getByRole('list', { name: 'Problems found' });
      await expect.poll(() => problems.textContent()).toMatch(/\(whole file\): This is not an Excel workbook/);
      await screenshot(page, `home-import-xlsx-problems-${width}`);
      if (width === 360) {
        // [L35] The problem is a code: in French it reads in French, and back in English after.
        const picker = page.locator('rt-locale-picker select');
        await picker.selectOption('fr');
        await expect.poll(() => page.getByRole('list', { name: fr.shell.home.problems }).textContent()).toContain(fr.gate.problems.notWorkbook);
        // French: a narrow no-break space before the colon (L51).
        expect(await page.getByRole('alert').textContent()).toContain(`${fr.shell.home.couldNotImportXlsx}\u202f: `);
        await screenshot(page, 'home-import-xlsx-problems-fr-360');
        // [L110] The help names the columns as a French workbook heads them (what the import reads), not in English.
        const frHelp = await xlsxHelp(page);
        expect(frHelp.heads).toEqual(helpHeads(fr));
        expect(frHelp.literals).toEqual(LITERALS);
        expect(frHelp.text).not.toMatch(/\b(Level|Title|Responsible)\b/);
        expect(await page.getByRole('alert').textContent()).not.toContain('Level');
        // [L43] A bad plan file's problems read in French too, each at its JSON Pointer, what a field takes worded.
        const bad = { format: 'roundtable-plan/1', title: 'T', surprise: 1, goals: [{ id: 'g1', title: 5 }] };
        await page.getByLabel(fr.shell.home.planFile).setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
        await page.getByRole('button', { name: fr.shell.home.import, exact: true }).click();
        const json = page.getByRole('list', { name: fr.shell.home.problems });
        await expect.poll(async () => (await json.textContent())?.replace(/[\u2068\u2069]/g, '')).toContain(`/surprise\u202f: ${fill(fr.gate.problems.unknownField, { field: 'surprise' })}`);
        const text = (await json.textContent())!.replace(/[\u2068\u2069]/g, '');
        expect(text).toContain(`/goals/0/title\u202f: ${fill(fr.gate.problems.badValue, { field: 'title', expects: fill(fr.gate.problemWords.expects.text, { max: '2\u202f000' }) })}`);
        await screenshot(page, 'home-import-json-problems-fr-360');
        // [L110] In Arabic: Arabic headings, the values to type isolated left to right, read right to left.
        await picker.selectOption('ar');
        await expect.poll(async () => (await xlsxHelp(page)).heads).toEqual(helpHeads(ar));
        const arHelp = await xlsxHelp(page);
        expect(arHelp.literals).toEqual(LITERALS);
        expect(arHelp.text).not.toMatch(/\b(Level|Code|Title)\b/);
        // Right to left: each heading sits to the right of the values that follow it on its line.
        const help = page.locator('[data-xlsx-help]');
        const level = (await help.locator('bdi').first().boundingBox())!;
        const goal = (await help.locator('code').first().boundingBox())!;
        if (Math.abs(level.y - goal.y) < 4) expect(level.x).toBeGreaterThan(goal.x);
        const [outcome] = [(await help.locator('code').nth(1).boundingBox())!];
        if (Math.abs(outcome.y - goal.y) < 4) expect(goal.x).toBeGreaterThan(outcome.x);
        await help.scrollIntoViewIfNeeded();
        await screenshot(page, 'home-xlsx-help-ar-360');
        await picker.selectOption('en');
        await expect.poll(async () => (await page.getByRole('list', { name: 'Problems found' }).textContent())?.replace(/[\u2068\u2069]/g, '')).toContain('/surprise: Unknown field "surprise".');
      }
      await input.setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: await workbook() });
      await page.getByRole('button', { name: 'Import from Excel' }).click();
      await page.waitForURL(/\/plans\/[A-Za-z0-9_-]+$/);
      await page.getByLabel('Your name').fill('Amina');
      await page.getByRole('button', { name: 'Join the plan' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).getByLabel('plan title').inputValue()).toBe('Remittances plan');
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('[XL3] [XL5] an import that leaves scores out says so: on the home page before the plan opens (360 px), in the matrix after filling it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 800 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(suite.server.url + '/');
    // Individual scores without named scores allowed: the workbook shows their means but not who gave them.
    const scored = Buffer.from(await renderWorkbook({ plan: { ...handbookScoring(), title: 'Scored goals' }, snapshot: null, params: {}, generatedAt: new Date().toISOString() }));
    await page.getByLabel('Excel workbook (.xlsx)').setInputFiles({ name: 'scored.xlsx', mimeType: XLSX, buffer: scored });
    await page.getByRole('button', { name: 'Import from Excel' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'was imported, with notes' });
    await expect.poll(() => notice.getByRole('list', { name: 'Import notes' }).textContent()).toMatch(/8 scores in the Scores sheet are means of individual scores/);
    // The button to open the plan has the focus; the plan is already in "Your plans".
    const open = page.getByRole('button', { name: 'Open the plan' });
    await expect.poll(() => open.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await expect.poll(() => page.getByRole('list', { name: 'Your plans' }).textContent()).toContain('Scored goals');
    await screenshot(page, 'home-import-xlsx-notes-360');
    // [L27] The note is a code with parameters: in French it reads in French (count 8, plural form).
    await page.locator('rt-locale-picker select').selectOption('fr');
    const frNotes = page.getByRole('list', { name: fr.shell.home.importNotes });
    await expect.poll(async () => (await frNotes.textContent())?.trim()).toBe(fill(fr.gate.imports.meansOnly_other, { count: '8' }));
    await screenshot(page, 'home-import-xlsx-notes-fr-360');
    await page.getByRole('button', { name: fr.shell.home.openPlan }).click();
    await page.waitForURL(/\/plans\/[A-Za-z0-9_-]+$/);
    expect(errors).toEqual([]);
    await context.close();

    // Filling an empty plan from a workbook with agreed scores: the plan keeps its own scores.
    const planId = await createPlan(suite.server, 'Empty plan');
    const editor = await suite.join(planId, 'Amina', { hash: 'implementation' });
    const form = editor.page.getByRole('form', { name: 'Import the matrix from Excel' });
    const agreed = Buffer.from(await renderWorkbook({ plan: fullPlan(), snapshot: null, params: {}, generatedAt: new Date().toISOString() }));
    await form.getByLabel('Excel workbook (.xlsx)').setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: agreed });
    await form.getByRole('button', { name: 'Import from Excel' }).click();
    const notes = editor.page.getByRole('list', { name: 'Import notes' });
    await expect.poll(() => notes.textContent()).toMatch(/agreed scores were not imported/);
    // The snapshot id is isolated (FSI ... PDI) in the worded note, as on the home page (L27).
    expect(await notes.textContent()).toMatch(/measured against snapshot \u2068snap-1\u2069, which this plan does not have/);
    await screenshot(editor.page, 'matrix-import-notes-1280');
    await editor.page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notes.count()).toBe(0);
    expect(editor.errors).toEqual([]);
  }, 60_000);

  it('an empty plan\'s matrix offers "Import from Excel" to editors; the rows arrive live, observers see no button', async () => {
    const planId = await createPlan(suite.server, 'Empty plan');
    const editor = await suite.join(planId, 'Amina', { hash: 'implementation' });
    const observer = await suite.join(planId, 'Olu', { role: 'observer', hash: 'implementation', width: 360 });
    await editor.page.getByText('The matrix is empty.').waitFor();
    await observer.page.getByText('The matrix is empty.').waitFor();
    expect(await observer.page.getByRole('button', { name: 'Import from Excel' }).count()).toBe(0);
    const form = editor.page.getByRole('form', { name: 'Import the matrix from Excel' });
    await form.getByLabel('Excel workbook (.xlsx)').setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: await workbook() });
    await screenshot(editor.page, 'matrix-empty-import-1280');
    await form.getByRole('button', { name: 'Import from Excel' }).click();
    // Both see the handbook's rows through the live sync, with output 1's 39,000 USD.
    for (const p of [editor.page, observer.page]) {
      await p.getByRole('treegrid', { name: 'Implementation matrix' }).waitFor();
      await p.getByText(/USD\s39,000\.00/).first().waitFor();
    }
    await screenshot(editor.page, 'matrix-imported-1280');
    await screenshot(observer.page, 'matrix-imported-observer-360');
    expect([...editor.errors, ...observer.errors]).toEqual([]);
  }, 60_000);
});
