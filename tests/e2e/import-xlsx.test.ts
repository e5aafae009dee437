import { describe, expect, it } from 'vitest';
import { renderWorkbook } from '../../server/export/xlsx.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';
import { handbookMatrix } from '../shared/helpers/fixtures.js';

const suite = useBrowserSuite();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
      await input.setInputFiles({ name: 'notes.xlsx', mimeType: XLSX, buffer: Buffer.from('not a workbook at all') });
      await page.getByRole('button', { name: 'Import from Excel' }).click();
      const problems = page.getByRole('list', { name: 'Problems found' });
      await expect.poll(() => problems.textContent()).toMatch(/\(whole file\): This is not an Excel workbook/);
      await screenshot(page, `home-import-xlsx-problems-${width}`);
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
      await p.getByRole('list', { name: 'Implementation matrix' }).waitFor();
      await p.getByText(/39,000 USD/).first().waitFor();
    }
    await screenshot(editor.page, 'matrix-imported-1280');
    await screenshot(observer.page, 'matrix-imported-observer-360');
    expect([...editor.errors, ...observer.errors]).toEqual([]);
  }, 60_000);
});
