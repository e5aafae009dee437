import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addNode, localOrigin, readPlan, setNodeField, setPlanField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/** The focused element inside shadow roots: its `data-act` (timeline label) or tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el instanceof HTMLElement ? (el.dataset['act'] ?? el.tagName.toLowerCase()) : null;
  });

describe('timeline in Chromium', () => {
  it('flags contradicting dates live, marks the critical path, walks by keyboard, moves dates, opens the row, prints landscape, phone layout', async () => {
    const planId = await createPlan(suite.server, 'Timeline plan');
    const doc = new Y.Doc();
    const seed = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(seed);
    const origin = localOrigin('seed');
    const must = (r: { ok: boolean; value?: unknown }) => {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      return r.value as string;
    };
    must(setPlanField(doc, 'horizonStart', '2026-01-01', origin));
    must(setPlanField(doc, 'horizonEnd', '2028-12-31', origin));
    const goal = must(addNode(doc, { kind: 'goal', title: 'Diaspora skills for development' }, origin));
    const outcome = must(addNode(doc, { kind: 'outcome', parentId: goal, title: 'Skills transferred' }, origin));
    const output = must(addNode(doc, { kind: 'output', parentId: outcome, title: 'Mentoring scheme running' }, origin));
    const a1 = must(addNode(doc, { kind: 'activity', parentId: output, title: 'Map diaspora professionals', fields: { start: '2027-01-01', end: '2027-06-30' } }, origin));
    // a2 must follow a1 but starts two months before a1 ends.
    const a2 = must(addNode(doc, { kind: 'activity', parentId: output, title: 'Match mentors and mentees', fields: { start: '2027-05-01', end: '2027-09-30', dependencies: [{ activityId: a1, type: 'chronological' }] } }, origin));
    const a3 = must(addNode(doc, { kind: 'activity', parentId: output, title: 'Publicity campaign', fields: { start: '2027-02-01', end: '2027-03-31', dependencies: [{ activityId: a1, type: 'parallel' }] } }, origin));

    const ed = await suite.join(planId, 'Amina', { hash: 'implementation' });
    const page = ed.page;
    await page.getByRole('group', { name: 'Show the matrix as' }).getByRole('button', { name: 'Timeline' }).click();
    const list = page.getByRole('list', { name: 'Timeline of activities' });
    await list.waitFor();
    const row = (id: string) => list.locator(`li[data-id="${id}"]`);

    // The contradiction is flagged on a2's bar and listed in words (dates as the reader writes them, L10); a1 -> a2 is the critical path.
    await expect.poll(() => row(a2).getAttribute('data-conflict')).toBe('');
    const problems = page.getByRole('region', { name: 'Timeline problems' });
    await expect.poll(() => problems.textContent()).toMatch(/activity 1\.1\.1\.2 "Match mentors and mentees" starts \(May 1, 2027\) before activity 1\.1\.1\.1 "Map diaspora professionals", which must finish first, ends \(Jun 30, 2027\)/);
    expect(await row(a1).getAttribute('data-critical')).toBe('');
    expect(await row(a2).getAttribute('data-critical')).toBe('');
    expect(await row(a3).getAttribute('data-critical')).toBeNull();
    expect(await row(a1).getAttribute('data-conflict')).toBeNull();
    await expect.poll(() => page.getByText('Critical path:').textContent()).toMatch(/1\.1\.1\.1 → 1\.1\.1\.2, 334 days/);

    // Screen-reader text of a bar: dates, duration, what it depends on, the problem.
    const a2Button = page.getByRole('button', { name: '1.1.1.2 Match mentors and mentees' });
    const description = await a2Button.evaluate((b) => b.getRootNode() instanceof ShadowRoot ? (b.getRootNode() as ShadowRoot).getElementById(b.getAttribute('aria-describedby')!)?.textContent : null);
    expect(description).toMatch(/to .*2027 \(153 days\)\. Depends on 1\.1\.1\.1 \(must finish first\)\. Dates contradict a dependency: .* On the critical path\./);
    await screenshot(page, 'timeline-conflict-1280');

    // Someone else fixes the date: the warning disappears live.
    must(setNodeField(doc, a2, 'start', '2027-07-01', origin));
    await expect.poll(() => row(a2).getAttribute('data-conflict'), { timeout: 5_000 }).toBeNull();
    await problems.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('No date conflicts').count()).toBe(1);
    await screenshot(page, 'timeline-fixed-1280');

    // Keyboard: one Tab stop for the list, arrows move, Home/End.
    await page.getByRole('button', { name: '1.1.1.1 Map diaspora professionals' }).focus();
    expect(await focused(page)).toBe(a1);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe(a2);
    await page.keyboard.press('End');
    expect(await focused(page)).toBe(a3);
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe(a1);
    expect(await list.locator('button[tabindex="0"]').count()).toBe(1);
    // Alt+Right moves a1 a week later; Shift+Alt+Left a day earlier. The change reaches the others.
    await page.keyboard.press('Alt+ArrowRight');
    await waitFor(() => readPlan(doc).activities.find((a) => a.id === a1)?.start === '2027-01-08', 'a1 moved a week later');
    await page.keyboard.press('Shift+Alt+ArrowLeft');
    await waitFor(() => readPlan(doc).activities.find((a) => a.id === a1)?.end === '2027-07-06', 'a1 moved a day earlier');
    expect(await focused(page)).toBe(a1);
    await page.getByRole('status').filter({ hasText: 'Moved 1 day earlier' }).waitFor();
    // a1 now ends after a2 starts again: the flag is back.
    await expect.poll(() => row(a2).getAttribute('data-conflict')).toBe('');
    // Enter opens the activity in the table, selected.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('treegrid', { name: 'Implementation matrix' }).waitFor();
    await expect.poll(() => page.locator(`div.node.selected[data-id="${a2}"]`).count()).toBe(1);

    // Print: the whole timeline on A4 landscape, nothing cut off at the side.
    await page.getByRole('group', { name: 'Show the matrix as' }).getByRole('button', { name: 'Timeline' }).click();
    await list.waitFor();
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.locator('rt-timeline').evaluate((el) => {
      const s = el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      return s.scrollWidth - s.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'timeline-print');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(Buffer.from(pdf).toString('latin1'));
    expect(box, 'a page size in the PDF').not.toBeNull();
    expect(Number(box![1])).toBeGreaterThan(Number(box![2]));
    await page.emulateMedia({ media: 'screen' });

    // Phone: the chart scrolls sideways under labels that stay put.
    const phone = await suite.join(planId, 'Bruno', { hash: 'implementation', width: 360 });
    await phone.page.getByRole('button', { name: 'Timeline' }).click();
    await phone.page.getByRole('list', { name: 'Timeline of activities' }).waitFor();
    await screenshot(phone.page, 'timeline-360');
    const label = phone.page.getByRole('button', { name: '1.1.1.2 Match mentors and mentees' });
    const before = (await label.boundingBox())!;
    expect(before.x + before.width).toBeLessThanOrEqual(360);
    const scrolled = await phone.page.locator('rt-timeline').evaluate((el) => {
      const s = el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      s.scrollLeft = 400;
      return s.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(0);
    await expect.poll(async () => (await label.boundingBox())!.x).toBe(before.x);
    await screenshot(phone.page, 'timeline-360-scrolled');
    seed.destroy();
    expect([...ed.errors, ...phone.errors]).toEqual([]);
  }, 90_000);
});
