import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/schema/types.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { auth, rememberLinks, removeDir, tempDir } from '../helpers/test-server.js';
import { handbookMatrix, handbookScoring } from '../shared/helpers/fixtures.js';

const suite = useBrowserSuite();

/** The focused element, looking through shadow roots, as `text` or an attribute. */
const focused = (page: Page, attr: string | null) =>
  page.evaluate((a) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (a ? el?.getAttribute(a) : el?.textContent) ?? '';
  }, attr);

/** Imports the handbook example (matrix and the two scored goals) and returns its id. */
async function importHandbook(title: string): Promise<string> {
  const m = handbookMatrix();
  const s = handbookScoring();
  const plan: PlanData = { ...m, ...s, title, goals: [...m.goals, ...s.goals.map((g, i) => ({ ...g, order: `z${i + 1}` }))], outcomes: m.outcomes, outputs: m.outputs, activities: m.activities };
  const res = await fetch(`${suite.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  const body = (await res.json()) as { id: string; links: Record<Role, string> };
  expect(res.status, JSON.stringify(body)).toBe(201);
  rememberLinks(body);
  return body.id;
}

describe('the Export menu in Chromium', () => {
  it('downloads Word with the token in a header, opens the print view as a blob, lets the facilitator include named scores', async () => {
    const id = await importHandbook('Export menu plan');
    const { page, errors } = await suite.join(id, 'Fatou', { role: 'facilitator' });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // Keyboard: Enter opens the menu on its first item, Escape closes it and returns to the button.
    const toggle = page.getByRole('button', { name: 'Export the live plan' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('group', { name: 'Export the live plan' });
    await menu.waitFor();
    await expect.poll(() => focused(page, null)).toContain('Print view');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page, 'aria-label')).toBe('Export the live plan');

    await toggle.click();
    await expect(menu.getByRole('button').allTextContents()).resolves.toEqual([
      expect.stringContaining('Print view'),
      expect.stringContaining('Word document (.docx)'),
      expect.stringContaining('Excel workbook (.xlsx)'),
      expect.stringContaining('Matrix as CSV'),
      expect.stringContaining('Budget by funding source as CSV'),
      expect.stringContaining('Monitoring as CSV'),
      expect.stringContaining('Scores as CSV'),
      expect.stringContaining('Indicators as CSV'),
      expect.stringContaining('Funding lines as CSV'),
      expect.stringContaining('Criteria as CSV'),
      expect.stringContaining('Agreed scores as CSV'),
      expect.stringContaining('Review periods as CSV'),
      expect.stringContaining('IATI 2.03 activity file (.xml)'),
      expect.stringContaining('Plan file (.json)'),
    ]);
    await screenshot(page, 'export-menu-open');

    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: /Word document/ }).click()]);
    expect(download.suggestedFilename()).toBe(`plan-${id}.docx`);
    // The browser is shared by the run (a remote connection): the file is saved here to be read.
    const file = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    removeDir(path.dirname(file));

    const [tab] = await Promise.all([page.waitForEvent('popup'), menu.getByRole('button', { name: /Print view/ }).click()]);
    await tab.waitForURL(/^blob:/);
    await tab.locator('h1').waitFor();
    await expect(tab.locator('h1').textContent()).resolves.toBe('Export menu plan');
    await expect(tab.locator('section[aria-labelledby="p3"] td', { hasText: 'Government policy on remittances' }).textContent()).resolves.toContain('Planned 39,000 USD');
    await screenshot(tab, 'export-print-tab');
    await tab.close();
    // No token ever went into a URL.
    expect(requests.filter((u) => u.includes('/export.'))).toHaveLength(2);
    expect(requests.filter((u) => /token=/.test(u) && u.includes('/api/'))).toEqual([]);

    // The facilitator's setting: named scores go into exports once it is ticked.
    const namedBox = menu.getByRole('checkbox', { name: /Include individual named scores/ });
    await expect(namedBox.isChecked()).resolves.toBe(false);
    const observerHtml = async () => (await fetch(`${suite.server.url}/api/plans/${id}/export.html`, { headers: auth(id, 'observer') })).text();
    expect(await observerHtml()).not.toContain('Individual scores');
    await namedBox.check();
    await expect.poll(observerHtml, { timeout: 8_000 }).toContain('Individual scores');
    expect(errors).toEqual([]);
  });

  it('shows a clear error when an export fails, and gives others the setting read-only on a phone', async () => {
    const id = await importHandbook('Export errors plan');
    const snap = await fetch(`${suite.server.url}/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...auth(id, 'editor'), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Workshop draft' }) });
    const meta = (await snap.json()) as { id: string };
    const { page, errors } = await suite.join(id, 'Bruno', { role: 'editor', width: 360 });

    await page.getByRole('button', { name: 'Export the live plan' }).click();
    const menu = page.getByRole('group', { name: 'Export the live plan' });
    // Named scores are the facilitator's setting; the discussion annex is anyone's choice (CM10).
    // (The menu's content is its own chunk, BL6: it may still be arriving as the menu opens.)
    await menu.getByRole('checkbox').first().waitFor();
    await expect(menu.getByRole('checkbox', { name: /named scores/ }).count()).resolves.toBe(0);
    await expect(menu.getByRole('checkbox').count()).resolves.toBe(1);
    await expect(menu.getByRole('checkbox', { name: /Add the comments as an annex/ }).isChecked()).resolves.toBe(false);
    await expect(menu.textContent()).resolves.toContain('not individual named scores (the facilitator decides)');
    const box = await menu.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    // The export language comes before the formats: a phone need not scroll past them to find it.
    const language = menu.getByText(/^Documents are written in/);
    expect((await language.boundingBox())!.y).toBeLessThan((await menu.getByRole('listitem').first().boundingBox())!.y);
    await screenshot(page, 'export-menu-phone');
    await page.keyboard.press('Escape');

    // The version is deleted by someone else while this person has the list open: its export fails.
    await openPanel(page, 'Versions');
    await page.getByRole('button', { name: 'Export Workshop draft' }).click();
    expect((await fetch(`${suite.server.url}/api/plans/${id}/snapshots/${meta.id}`, { method: 'DELETE', headers: auth(id, 'facilitator') })).status).toBe(204);
    const versionMenu = page.getByRole('group', { name: 'Export "Workshop draft"' });
    await versionMenu.getByRole('button', { name: /Word document/ }).click();
    const alert = versionMenu.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/^Could not export \(Word document \(\.docx\)\): That version no longer exists\.$/);
    await screenshot(page, 'export-menu-error');
    expect(errors).toEqual([]);
  });
});
