import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addNode, localOrigin, readPlan, setNodeField } from '../../shared/model.js';
import { SCREENSHOTS, screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, syncUrl } from '../helpers/test-server.js';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';

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
  { name: 'matrix', open: async (p) => { await stage('Implementation')(p); await p.getByRole('treegrid', { name: 'Implementation matrix' }).waitFor(); } },
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
    await page.getByRole('treegrid', { name: 'Implementation matrix' }).waitFor();
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

  /**
   * The views of the shell, scoring, versions and collaboration areas in another language: picked
   * in the header, checked against the catalogue's own words, axe over each, Arabic mirrored.
   */
  const LOCALIZED = { fr, es, ar } as const;
  type Localized = keyof typeof LOCALIZED;

  /** Picks a language in the plan header and waits for the page to follow. */
  async function pickLanguage(page: Page, l: Localized): Promise<void> {
    await page.getByRole('banner').getByRole('combobox').selectOption(l);
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe(`${l} ${l === 'ar' ? 'rtl' : 'ltr'}`);
  }

  /** The views of this area in language `l`, each opened by its translated names. */
  function localizedViews(l: Localized): { name: string; open: (page: Page) => Promise<void> }[] {
    const c = LOCALIZED[l];
    const back = async (p: Page) => {
      const b = p.getByRole('button', { name: c.shell.backToPlan });
      if (await b.count()) await b.click();
    };
    const open = (name: string, ready: string) => async (p: Page) => {
      await back(p);
      const button = p.getByRole('banner').getByRole('button', { name, exact: true });
      if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
      await p.getByRole('main', { name }).getByText(ready).filter({ visible: true }).first().waitFor();
    };
    return [
      {
        name: 'scoring',
        open: async (p) => {
          await back(p);
          await p.getByRole('navigation', { name: c.shell.stage.cycle }).getByRole('link', { name: c.shell.stage['strategic-goals'] }).click();
          await p.getByRole('grid', { name: c.scoring.grid.label }).waitFor();
        },
      },
      { name: 'versions', open: open(c.shell.panel.versions, c.versions.take.title) },
      { name: 'archive', open: open(c.shell.panel.archive, c.collab.bin.help) },
      { name: 'profile', open: open(c.shell.panel.profile, c.shell.profile.name) },
      { name: 'share', open: open(c.shell.panel.share, c.shell.share.all) },
      { name: 'audit', open: open(c.shell.panel.audit, c.collab.audit.help) },
      {
        name: 'export menu',
        open: async (p) => {
          await back(p);
          await p.getByRole('banner').getByRole('button', { name: c.shell.export.ofLive }).click();
          await p.getByRole('button', { name: c.shell.export.format.docx.label }).waitFor();
          await p.keyboard.press('Escape');
        },
      },
    ];
  }

  for (const l of ['fr', 'es', 'ar'] as const) {
    it(`[${l}] picked in the header: lang and dir, the stage bar, header, scoring grid and versions in ${l}${l === 'ar' ? ', mirrored' : ''}; axe finds nothing critical or serious`, async () => {
      const c = LOCALIZED[l];
      const planId = await seededPlan();
      const person = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'strategic-goals' });
      const page = person.page;
      await page.getByRole('grid').first().waitFor();
      await pickLanguage(page, l);
      // The header and the stage bar.
      const nav = page.getByRole('navigation', { name: c.shell.stage.cycle });
      await expect.poll(() => nav.getByRole('link', { name: c.shell.stage['strategic-goals'] }).getAttribute('aria-current')).toBe('page');
      await page.getByRole('banner').getByRole('status').filter({ hasText: c.shell.status.saved }).waitFor();
      await page.getByRole('banner').getByRole('button', { name: c.shell.export.ofLive }).waitFor();
      await page.getByRole('banner').getByRole('button', { name: c.shell.panel.versions, exact: true }).waitFor();
      // The scoring grid.
      const grid = page.getByRole('grid', { name: c.scoring.grid.label });
      await grid.getByRole('columnheader', { name: c.scoring.total, exact: true }).waitFor();
      await page.getByRole('heading', { name: c.scoring.yourScores }).waitFor();
      await page.getByRole('heading', { name: c.scoring.ranking.title }).waitFor();
      if (l === 'ar') {
        // Mirrored: the first stage sits to the right of the second, the grid's first column at the right.
        const links = nav.getByRole('link');
        const [first, second] = [(await links.nth(0).boundingBox())!, (await links.nth(1).boundingBox())!];
        expect(first.x).toBeGreaterThan(second.x);
        const heads = grid.getByRole('columnheader');
        expect((await heads.nth(0).boundingBox())!.x).toBeGreaterThan((await heads.nth(1).boundingBox())!.x);
      }
      await screenshot(page, `locale-${l}-scoring-1280`);
      // The version list.
      await page.getByRole('banner').getByRole('button', { name: c.shell.panel.versions, exact: true }).click();
      const versions = page.getByRole('main', { name: c.shell.panel.versions });
      await versions.getByRole('heading', { name: c.versions.title, exact: true }).waitFor();
      await versions.getByRole('button', { name: c.versions.showDiff }).waitFor();
      await versions.getByText(c.versions.status.workshop).filter({ visible: true }).first().waitFor();
      await screenshot(page, `locale-${l}-versions-1280`);
      // Axe over each view of this area in this language (fr and ar, the ones the brief names; es too).
      const bad: string[] = [];
      for (const view of localizedViews(l)) {
        await view.open(page);
        judge(`${l} ${view.name}`, await axe(page), bad);
        if (l === 'ar') await screenshot(page, `locale-ar-${view.name.replace(/\s+/g, '-')}-1280`);
      }
      expect(bad, bad.join('\n')).toEqual([]);
      expect(person.errors).toEqual([]);
    }, 120_000);
  }

  it('on a 360 px phone: presence is a count with the list on demand, the stage bar a menu, scoring one goal at a time with every criterion and the total', async () => {
    const planId = await seededPlan();
    const other = await suite.join(planId, 'Bruno');
    const person = await suite.join(planId, 'Amina', { width: 360, hash: 'strategic-goals' });
    const page = person.page;
    // Presence: a count; the list opens on demand and says who is here.
    const count = page.getByRole('complementary', { name: 'Who is here' }).getByRole('button', { name: /2 people here/ });
    await count.waitFor();
    expect(await page.getByRole('list', { name: 'People here' }).count()).toBe(0);
    await count.click();
    expect(await count.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('list', { name: 'People here' }).getByText('Bruno').waitFor();
    await count.click();
    // The stage bar: one button naming the stage shown, opening the list of stages.
    const nav = page.getByRole('navigation', { name: 'Planning cycle' });
    const menu = nav.getByRole('button', { name: 'Stage 2 of 6: Goals and priorities' });
    await menu.waitFor();
    expect(await nav.getByRole('link').count()).toBe(0);
    await screenshot(page, 'phone-360-scoring');
    await menu.click();
    expect(await nav.getByRole('link').count()).toBe(7);
    await screenshot(page, 'phone-360-stage-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.getByRole('link').count()).toBe(0);
    // Scoring: one goal, all four criteria, its total, and a pager.
    const grid = page.getByRole('grid').first();
    await page.getByText('Goal 1 of 2').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/phone-360-top.png` });
    await page.getByText('Goal 1 of 2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/phone-360-scoring-card.png` });
    expect(await grid.locator('td.cell[role="gridcell"]').count()).toBe(4);
    const total = grid.locator('td.total');
    const vw = 360;
    for (const el of [...(await grid.locator('td.cell').all()), total]) {
      const b = (await el.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(vw);
    }
    await page.getByRole('button', { name: 'Next goal' }).click();
    await page.getByText('Goal 2 of 2').waitFor();
    // Touch targets: every button shown is at least 24 px each way.
    for (const b of await page.getByRole('button').filter({ visible: true }).all()) {
      const box = await b.boundingBox();
      if (!box) continue;
      expect(Math.min(box.width, box.height), `${await b.getAttribute('aria-label') ?? await b.textContent()}`).toBeGreaterThanOrEqual(24);
    }
    await screenshot(page, 'phone-360-scoring-goal-2');
    expect(person.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  }, 120_000);

  it('[ar] the home page and the join dialog, remembered in Arabic on this device: right to left, in Arabic, nothing critical or serious', async () => {
    const c = LOCALIZED.ar;
    const planId = await createPlan(suite.server, 'خطة العمل الوطنية');
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('rt.locale', 'ar'));
    const page = await context.newPage();
    const bad: string[] = [];
    await page.goto(`${suite.server.url}/`);
    await page.getByRole('heading', { name: c.shell.home.create }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { name: c.shell.home.yourPlans }).waitFor();
    judge('ar home', await axe(page), bad);
    await screenshot(page, 'locale-ar-home-1280');
    const { tokenFor } = await import('../helpers/test-server.js');
    await page.goto(`${suite.server.url}/plans/${planId}?token=${tokenFor(planId, 'editor')}`);
    const dialog = page.getByRole('dialog', { name: `${c.shell.join.join} خطة العمل الوطنية` });
    await dialog.waitFor();
    await dialog.getByText(c.shell.join.power.editor).waitFor();
    judge('ar join dialog', await axe(page), bad);
    await screenshot(page, 'locale-ar-join-1280');
    await context.close();
    expect(bad, bad.join('\n')).toEqual([]);
  }, 60_000);
});
