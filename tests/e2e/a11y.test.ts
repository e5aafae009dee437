import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addNode, localOrigin, readPlan, setNodeField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();
/** axe-core's source, evaluated in the page (the app's CSP rightly refuses an injected script tag). */
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe finding, as the test prints it. */
interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core over the whole page (shadow roots included) and returns its violations. */
async function axe(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Finding[] }> } }).axe.run;
    const r = await run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** Closes an open panel, if any. */
async function backToPlan(page: Page): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to the plan' });
  if (await back.count()) await back.click();
}

/** Opens a stage from the planning-cycle navigation. */
const stage = (name: string) => async (page: Page) => {
  await backToPlan(page);
  const link = page.getByRole('navigation', { name: 'Planning cycle' }).getByRole('link', { name });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
};

/** Opens a panel from the header. */
const panel = (name: string, ready: string) => async (page: Page) => {
  const button = page.getByRole('banner').getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.getByRole('main', { name }).getByText(ready).filter({ visible: true }).first().waitFor();
};

/**
 * Every view and panel of the workspace, one line each: its name and how to open it (from any
 * other), with something on it to wait for. Add a view here and the test covers it.
 */
const WORKSPACE: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: 'plan of action', open: stage('Plan of Action') },
  { name: 'scoring', open: async (p) => { await stage('Goals and priorities')(p); await p.getByRole('grid').first().waitFor(); } },
  { name: 'matrix', open: async (p) => { await stage('Implementation')(p); await p.getByRole('list', { name: 'Implementation matrix' }).waitFor(); } },
  { name: 'timeline', open: async (p) => { await stage('Implementation')(p); await p.getByRole('button', { name: 'Timeline' }).click(); await p.getByRole('list', { name: 'Timeline of activities' }).waitFor(); } },
  { name: 'monitoring', open: stage('Monitoring and evaluation') },
  { name: 'consultations', open: panel('Consultations', 'No consultation round has been opened yet.') },
  { name: 'versions', open: panel('Versions', 'Workshop version') },
  { name: 'archive', open: panel('Archive bin', 'Nothing is archived') },
  { name: 'profile', open: panel('Your profile', 'Your name') },
  { name: 'share', open: panel('Share', 'Editor') },
  { name: 'audit', open: panel('Audit trail', 'snapshot') },
  { name: 'iati', open: panel('IATI', 'IATI') },
  { name: 'export menu', open: async (p) => { await backToPlan(p); await p.getByRole('banner').getByRole('button', { name: 'Export' }).click(); await p.getByRole('button', { name: /Word/ }).first().waitFor(); } },
];

/** Fails on critical and serious findings, prints the moderate and minor ones. */
function judge(where: string, found: Finding[], bad: string[]): void {
  for (const f of found) {
    const line = `${where}: ${f.impact} ${f.id} (${f.help}) at ${f.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}${f.nodes.length > 3 ? ` and ${f.nodes.length - 3} more` : ''}`;
    if (f.impact === 'critical' || f.impact === 'serious') bad.push(line);
    else console.log(`[a11y moderate] ${line}`);
  }
}

/** A plan with goals, a matrix, a review period and a snapshot, so every view has content. */
async function seededPlan(): Promise<string> {
  const planId = await createPlan(suite.server, 'Accessible plan');
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(suite.server), planId, doc);
  await waitSynced(provider);
  const origin = localOrigin('seed');
  const must = (r: { ok: boolean; value?: unknown }) => {
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return r.value as string;
  };
  const g = must(addNode(doc, { kind: 'goal', title: 'Remittances for development', fields: { status: 'selected' } }, origin));
  must(addNode(doc, { kind: 'goal', title: 'Diaspora skills' }, origin));
  const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Cheaper transfers' }, origin));
  const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Price comparison' }, origin));
  const a1 = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Survey prices', fields: { start: '2027-01-01', end: '2027-03-31' } }, origin));
  must(addNode(doc, { kind: 'activity', parentId: out, title: 'Build the comparison website', fields: { start: '2027-03-01', end: '2027-09-30', dependencies: [{ activityId: a1, type: 'chronological' }] } }, origin));
  must(setNodeField(doc, a1, 'budget', { amount: 15_000, currency: 'USD' }, origin));
  const watcher = openProvider(syncUrl(suite.server), planId);
  await waitFor(() => readPlan(watcher.doc).activities.some((a) => a.budget?.amount === 15_000), 'the server has the seeded plan');
  watcher.destroy();
  provider.destroy();
  const snap = await fetch(`${suite.server.url}/api/plans/${planId}/snapshots`, {
    method: 'POST',
    headers: { ...auth(planId, 'facilitator'), 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Workshop version', status: 'workshop' }),
  });
  expect(snap.status).toBe(201);
  return planId;
}

describe('accessibility (axe-core in Chromium)', () => {
  it('no critical or serious violations on the home page, the join dialog and every view and panel of the workspace', async () => {
    const planId = await seededPlan();
    const bad: string[] = [];

    const home = await suite.browser.newPage();
    await home.goto(`${suite.server.url}/`);
    await home.getByRole('heading', { level: 1 }).first().waitFor();
    judge('home', await axe(home), bad);
    await home.close();

    const person = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'plan-of-action' });
    const page = person.page;
    for (const view of WORKSPACE) {
      await view.open(page);
      judge(view.name, await axe(page), bad);
    }
    expect(bad, bad.join('\n')).toEqual([]);
    expect(person.errors).toEqual([]);
  }, 120_000);

  it('the join dialog has no critical or serious violations', async () => {
    const planId = await createPlan(suite.server, 'Dialog plan');
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const { tokenFor } = await import('../helpers/test-server.js');
    await page.goto(`${suite.server.url}/plans/${planId}?token=${tokenFor(planId, 'editor')}`);
    await page.getByRole('dialog', { name: 'Join Dialog plan' }).waitFor();
    const bad: string[] = [];
    judge('join dialog', await axe(page), bad);
    await screenshot(page, 'a11y-join-dialog');
    await context.close();
    expect(bad, bad.join('\n')).toEqual([]);
  }, 60_000);

  it('skip links reach the plan and the scoring grid in a few key presses (Tab presses counted and printed)', async () => {
    const planId = await seededPlan();
    const person = await suite.join(planId, 'Bruno', { hash: 'strategic-goals' });
    const page = person.page;
    await page.getByRole('grid').first().waitFor();
    const inGrid = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return !!el?.closest('[role="grid"]');
      });
    /** Presses Tab from the top of the page until focus is in the grid; returns how many. */
    const tabsToGrid = async (): Promise<number> => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.mouse.click(1, 1);
      for (let n = 1; n <= 150; n++) {
        await page.keyboard.press('Tab');
        if (await inGrid()) return n;
      }
      return Infinity;
    };
    const byTab = await tabsToGrid();
    console.log(`[a11y] Tab presses from the top of the page to the scoring grid, Tab alone: ${byTab}`);
    expect(byTab).toBeLessThan(150);
    const focusedText = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim() ?? '';
      });
    // With the skip links: Tab shows "Skip to the plan", Tab again the view's own, Enter lands in the grid.
    await page.mouse.click(1, 1);
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Skip to the plan');
    const skip = page.getByRole('link', { name: 'Skip to the plan' });
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'a11y-skip-link-1280');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Skip to the scoring grid');
    await page.keyboard.press('Enter');
    expect(await inGrid()).toBe(true);
    console.log('[a11y] with the skip link: 2 Tab presses and Enter');
    // "Skip to the plan" moves focus to the main region: the next Tab is inside the view.
    await page.mouse.click(1, 1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.querySelector('rt-app')?.shadowRoot?.querySelector('rt-workspace')?.shadowRoot?.activeElement?.tagName)).toBe('MAIN');
    // The matrix has its own.
    await page.getByRole('navigation', { name: 'Planning cycle' }).getByRole('link', { name: 'Implementation' }).click();
    await page.getByRole('list', { name: 'Implementation matrix' }).waitFor();
    await page.getByRole('link', { name: 'Skip to the matrix' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('aria-label') ?? el?.tagName ?? '';
    })).toBe('Goal 1 title');
    expect(person.errors).toEqual([]);
  }, 60_000);

  it('a lost connection is announced at once (an alert), the connection state politely (a status)', async () => {
    const planId = await createPlan(suite.server, 'Connection plan');
    const person = await suite.join(planId, 'Chen');
    const alert = person.page.getByRole('alert').filter({ hasText: 'Connection lost' });
    expect(await alert.count()).toBe(0);
    await person.context.setOffline(true);
    await alert.waitFor({ state: 'attached' });
    expect(await person.page.getByRole('status').filter({ hasText: /^Offline/ }).getAttribute('aria-live')).toBe('polite');
    await person.context.setOffline(false);
    await person.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
    expect(await alert.count()).toBe(0);
    expect(person.errors).toEqual([]);
  }, 60_000);
});
