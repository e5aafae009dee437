import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEFAULT_CRITERIA, DEFAULT_SECTIONS, addNode, addStakeholder, localOrigin, readPlan, setNodeField } from '../../shared/model.js';
import { openRound } from '../../shared/commands/consult.js';
import { todayUtc } from '../../shared/domain/consult.js';
import { SCREENSHOTS, screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';
import { englishFragments, englishLeft, libraryFragments, visibleTexts } from '../helpers/english-left.js';
import { BUILT_IN_LIBRARY } from '../../shared/domain/library-data.js';
import en from '../../shared/i18n/en/index.js';
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

type En = typeof en;
/** The four catalogues, typed as English's (they have the same shape: tests/shared/i18n.test.ts). */
const CATALOGUES = { en, fr: fr as unknown as En, es: es as unknown as En, ar: ar as unknown as En } as const;
type Loc = keyof typeof CATALOGUES;

/** A path of CSS selectors through shadow roots, as axe takes it: the part of the page to check. */
type Scope = string[];
const IN_WORKSPACE = ['rt-app', 'rt-workspace'];
/** The view or panel shown (the workspace's `main`). */
const MAIN: Scope = [...IN_WORKSPACE, 'main'];

/** Injects axe-core once per page, then runs it over `scope` (the whole page without one) and returns its violations. */
async function axe(page: Page, scope: Scope | null = null): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (scope) => {
    const run = (window as unknown as { axe: { run(ctx: unknown, o: object): Promise<{ violations: Finding[] }> } }).axe.run;
    const r = await run(scope ? { include: [scope] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, scope);
}

/** Waits until the workspace's element `tag` is defined and has rendered (its own parts included). */
async function settled(page: Page, tag: string): Promise<void> {
  await page.waitForFunction(async (tag) => {
    const ws = document.querySelector('rt-app')?.shadowRoot?.querySelector('rt-workspace');
    const el = ws?.shadowRoot?.querySelector(tag) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null | undefined;
    if (!el || !customElements.get(tag)) return false;
    await el.updateComplete;
    return true;
  }, tag);
}

/** One view of the workspace for the axe pass: how to open it (from any other) and the part of the page to check. */
interface View {
  name: string;
  open(page: Page): Promise<void>;
  scope: Scope;
}

/**
 * Every view of the workspace in the catalogue `c`'s language, opened by its translated names:
 * each stage's screen (the views of client/views.ts under them), the matrix's timeline, every
 * header panel (views.ts PANELS), the diff and an opened version, the comments drawer and the
 * export menu. Add a view or a panel there and add a line here.
 */
function everyView(c: En, goalId: string): View[] {
  const stage = (s: keyof En['shell']['stage'], tag: string) => async (p: Page) => {
    const link = p.getByRole('navigation', { name: c.shell.stage.cycle }).getByRole('link', { name: c.shell.stage[s] as string });
    await link.click();
    await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
    await settled(p, tag);
  };
  const panel = (name: string, tag: string, ready: string) => async (p: Page) => {
    const button = p.getByRole('banner').getByRole('button', { name, exact: true });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await settled(p, tag);
    await p.getByRole('main', { name }).getByText(ready).filter({ visible: true }).first().waitFor();
  };
  const fill = (s: string, name: string) => s.replace('{{name}}', name);
  return [
    { name: 'preparatory', open: stage('preparatory', 'rt-stage-panel'), scope: MAIN },
    { name: 'situation analysis', open: stage('situation-analysis', 'rt-stage-panel'), scope: MAIN },
    { name: 'plan of action', open: stage('plan-of-action', 'rt-poa'), scope: MAIN },
    { name: 'goals and scoring', open: async (p) => { await stage('strategic-goals', 'rt-scoring')(p); await p.getByRole('grid', { name: c.scoring.grid.label }).waitFor(); }, scope: MAIN },
    { name: 'capacity and financing (matrix)', open: stage('capacity-and-financing', 'rt-matrix'), scope: MAIN },
    { name: 'matrix', open: async (p) => { await stage('implementation', 'rt-matrix')(p); await p.getByRole('treegrid').waitFor(); }, scope: MAIN },
    {
      name: 'timeline',
      open: async (p) => {
        await p.getByRole('group', { name: c.matrix.modes.label }).getByRole('button', { name: c.matrix.modes.timeline }).click();
        await p.getByRole('list', { name: c.timeline.listLabel, exact: true }).waitFor();
      },
      scope: MAIN,
    },
    { name: 'monitoring', open: stage('monitoring-and-evaluation', 'rt-monitoring'), scope: MAIN },
    { name: 'people', open: panel(c.shell.panel.people, 'rt-people', c.people.register), scope: MAIN },
    { name: 'consultations', open: panel(c.consult.heading, 'rt-consult', 'Remittance costs'), scope: MAIN },
    { name: 'versions', open: panel(c.shell.panel.versions, 'rt-versions', c.versions.take.title), scope: MAIN },
    {
      name: 'diff',
      open: async (p) => {
        await p.getByRole('button', { name: fill(c.versions.compareLiveOf, 'Workshop version') }).click();
        await p.locator('rt-version-diff h2').waitFor();
      },
      scope: MAIN,
    },
    {
      name: 'opened version',
      open: async (p) => {
        await p.getByRole('button', { name: fill(c.versions.openOf, 'Workshop version') }).click();
        await settled(p, 'rt-versions');
        await p.locator('rt-version-viewer').waitFor();
      },
      scope: MAIN,
    },
    { name: 'archive', open: panel(c.shell.panel.archive, 'rt-archive', c.collab.bin.help), scope: MAIN },
    { name: 'profile', open: panel(c.shell.panel.profile, 'rt-profile', c.shell.profile.name), scope: MAIN },
    { name: 'share', open: panel(c.shell.panel.share, 'rt-share', c.shell.share.all), scope: MAIN },
    { name: 'audit', open: panel(c.shell.panel.audit, 'rt-audit', c.collab.audit.help), scope: MAIN },
    { name: 'iati', open: panel(c.shell.panel.iati, 'rt-iati', c.iati.title), scope: MAIN },
    { name: 'sectors', open: panel(c.sectors.title, 'rt-sectors', c.sectors.intro), scope: MAIN },
    // Ready once the entries show (after the reader's library text is in, L61).
    { name: 'library', open: panel(c.library.title, 'rt-library', c.library.agencies), scope: MAIN },
    {
      name: 'comments',
      open: async (p) => {
        // The drawer a comment count opens (every view's badges open the same one).
        await p.evaluate((id) => {
          const ws = document.querySelector('rt-app')!.shadowRoot!.querySelector('rt-workspace') as unknown as { comments: unknown };
          ws.comments = { target: { kind: 'goal', id }, label: 'Remittances for development' };
        }, goalId);
        await settled(p, 'rt-comments');
        await p.getByText('Who pays the fees?').waitFor();
      },
      scope: [...IN_WORKSPACE, 'rt-comments'],
    },
    {
      name: 'export menu',
      open: async (p) => {
        await p.keyboard.press('Escape');
        await p.getByRole('button', { name: c.shell.backToPlan }).click();
        await p.getByRole('banner').getByRole('button', { name: c.shell.export.ofLive }).click();
        await p.getByRole('button', { name: c.shell.export.format.docx.label }).waitFor();
      },
      scope: [...IN_WORKSPACE, 'rt-export-menu'],
    },
  ];
}

/**
 * A short Tab walk from the top of the view shown: focus moves into the view, each stop is
 * visible (an outline or a ring) and on screen. Returns what is wrong, one line per stop.
 */
async function tabWalk(page: Page, where: string, presses = 3): Promise<string[]> {
  await page.evaluate(() => (document.querySelector('rt-app')!.shadowRoot!.querySelector('rt-workspace')!.shadowRoot!.querySelector('main') as HTMLElement).focus());
  const wrong: string[] = [];
  for (let i = 1; i <= presses; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const main = document.querySelector('rt-app')!.shadowRoot!.querySelector('rt-workspace')!.shadowRoot!.querySelector('main')!;
      let inMain = false;
      for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === main) inMain = true;
      if (!el) return { inMain, what: 'nothing', visible: false };
      const st = getComputedStyle(el);
      const ring = (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
      const r = el.getBoundingClientRect();
      return { inMain, what: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`, visible: ring && r.width > 0 && r.height > 0 };
    });
    if (i === 1 && !stop.inMain) wrong.push(`${where}: the first Tab left the view (${stop.what})`);
    if (stop.inMain && !stop.visible) wrong.push(`${where}: Tab ${i} reached ${stop.what} with no visible focus`);
  }
  return wrong;
}

/**
 * Form controls that stick out of the box they sit in (their nearest fieldset, card or section),
 * through every shadow root of the page: one line each. A control inside <details> once inherited
 * content-box sizing from the details' own shadow tree and overflowed by its padding.
 */
async function overflowingControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (!el.matches('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')) continue;
        const box = el.closest('fieldset, .card, section');
        const r = el.getBoundingClientRect();
        if (!box || r.width === 0) continue;
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)} outside ${box.tagName.toLowerCase()} ${Math.round(b.left)}..${Math.round(b.right)}`);
      }
    };
    visit(document);
    return [...new Set(out)];
  });
}

/**
 * L113: the matrix's budget boxes and rolled-up amounts that do not show their whole value (an
 * input's text wider than its box, an amount wider than its cell), as lines naming them.
 */
async function cutAmounts(page: Page): Promise<string[]> {
  return page.locator('rt-matrix').evaluate((m) => {
    const out: string[] = [];
    const root = m.shadowRoot!;
    for (const input of root.querySelectorAll<HTMLInputElement>('.money input')) {
      if (input.value && input.scrollWidth > input.clientWidth + 1) out.push(`input "${input.value}" needs ${input.scrollWidth} px, has ${input.clientWidth}`);
    }
    for (const sum of root.querySelectorAll<HTMLElement>('.money [data-sum]')) {
      const cell = sum.closest<HTMLElement>('.money')!;
      if (sum.getBoundingClientRect().width > cell.clientWidth + 1) out.push(`amount "${sum.textContent}" needs ${Math.round(sum.getBoundingClientRect().width)} px, has ${cell.clientWidth}`);
    }
    if (!root.querySelector('.money input')) out.push('no budget box shown');
    return out;
  });
}

/** Minor findings fixed since, failing like serious ones so they stay fixed (the matrix's rows were `li role=row` in an `ol role=rowgroup`). */
const KEPT_FIXED = new Set(['aria-allowed-role']);

/** Fails on critical and serious findings (and those of {@link KEPT_FIXED}), prints the other moderate and minor ones. */
function judge(where: string, found: Finding[], bad: string[]): void {
  for (const f of found) {
    const line = `${where}: ${f.impact} ${f.id} (${f.help}) at ${f.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}${f.nodes.length > 3 ? ` and ${f.nodes.length - 3} more` : ''}`;
    if (f.impact === 'critical' || f.impact === 'serious' || KEPT_FIXED.has(f.id)) bad.push(line);
    else console.log(`[a11y moderate] ${line}`);
  }
}

/** The seeded plan: its id and its first goal's. */
interface Seeded {
  planId: string;
  goalId: string;
}

/**
 * A plan with content in every view, made once for the file: goals, a matrix with dates and a
 * budget, a register entry, an open consultation round, a comment and a snapshot.
 */
async function seedPlan(): Promise<Seeded> {
  const planId = await createPlan(suite.server, 'Accessible plan');
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(suite.server), planId, doc, tokenFor(planId, 'facilitator'));
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
  // Seven digits and decimals: the matrix's budget box shows them whole in every language (L113).
  must(setNodeField(doc, a1, 'budget', { amount: 1_234_567.5, currency: 'USD' }, origin));
  must(addStakeholder(doc, { organisation: 'Diaspora association', group: 'diaspora', voices: ['diaspora'] }, origin));
  must(openRound(doc, { title: 'Remittance costs', mode: 'remote', closesOn: todayUtc(Date.now() + 7 * 86_400_000), questions: ['Which fees hurt most?', 'Who should act?'] }, todayUtc(), origin));
  const watcher = openProvider(syncUrl(suite.server), planId);
  await waitFor(() => {
    const p = readPlan(watcher.doc);
    return p.activities.some((a) => a.budget?.amount === 1_234_567.5) && p.stakeholders.length === 1 && p.consultRounds.length === 1;
  }, 'the server has the seeded plan');
  watcher.destroy();
  provider.destroy();
  const comment = await fetch(`${suite.server.url}/api/plans/${planId}/comments`, {
    method: 'POST',
    headers: { ...auth(planId, 'editor'), 'content-type': 'application/json', 'x-actor-name': 'Bruno' },
    body: JSON.stringify({ targetKind: 'goal', targetId: g, body: 'Who pays the fees?' }),
  });
  expect(comment.status).toBe(201);
  const snap = await fetch(`${suite.server.url}/api/plans/${planId}/snapshots`, {
    method: 'POST',
    headers: { ...auth(planId, 'facilitator'), 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Workshop version', status: 'workshop' }),
  });
  expect(snap.status).toBe(201);
  return { planId, goalId: g };
}

/**
 * What the seed typed (plan content, shown as typed in every language), the names the tests give, and the
 * default criteria and sections of a plan created in English (its content: L32 writes them in the plan's language).
 */
const SEED_TEXTS = [
  ...DEFAULT_CRITERIA.flatMap((c) => [c.title, c.description]), ...DEFAULT_SECTIONS.map((s) => s.title),
  'Accessible plan', 'Remittances for development', 'Diaspora skills', 'Cheaper transfers', 'Price comparison', 'Survey prices',
  'Build the comparison website', 'Diaspora association', 'Remittance costs', 'Which fees hurt most?', 'Who should act?',
  'Who pays the fees?', 'Workshop version', 'Amina', 'Bruno',
];

/**
 * [L30] A deliberate English catalogue text put into a shadow root, an aria-label and a placeholder:
 * the English check must find all three (so it can fail), then they go.
 */
async function checkBites(page: Page, c: En, l: string): Promise<void> {
  // [L61] With a library text file, an English library title too (the library panel shows that language's).
  const library = libraryFragments(l).find((f) => f.key === 'library-text:entries.gfmd-1a-1.title');
  const planted = [en.shell.failure.safe, en.collab.bin.help, en.versions.take.title, ...(library ? [BUILT_IN_LIBRARY[0]!.title] : [])];
  await page.evaluate((t) => {
    const host = document.createElement('div');
    host.id = 'english-bait';
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<p>${t[0]}</p><button aria-label="${t[1]}">x</button><input placeholder="${t[2]}">${t[3] ? `<p>${t[3]}</p>` : ''}`;
    document.body.append(host);
  }, planted);
  const found = englishLeft([...englishFragments(c), ...libraryFragments(l)], [{ where: 'bait', texts: await visibleTexts(page) }], SEED_TEXTS);
  await page.evaluate(() => document.getElementById('english-bait')?.remove());
  for (const t of planted) expect(found.some((f) => f.includes(t.toLowerCase().replace(/[.!]$/, ''))), `${t} in ${found.join(' | ')}`).toBe(true);
}

let seeding: Promise<Seeded> | null = null;
/** The file's one seeded plan (made by the first test that asks). */
const seededPlan = (): Promise<Seeded> => (seeding ??= seedPlan());

/** Picks a language in the plan header and waits for the page to follow. */
async function pickLanguage(page: Page, l: Loc): Promise<void> {
  await page.getByRole('banner').getByRole('combobox').selectOption(l);
  await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe(`${l} ${l === 'ar' ? 'rtl' : 'ltr'}`);
}

/**
 * Skip links (README "Keyboard and screen readers"): Tab alone from the top of the page to the
 * scoring grid (counted and printed), then the two skip links and the matrix's own.
 */
async function skipLinks(page: Page): Promise<void> {
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
}

describe('accessibility (axe-core in Chromium)', () => {
  it('the home page and the join dialog have no critical or serious violations', async () => {
    const planId = await createPlan(suite.server, 'Dialog plan');
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const bad: string[] = [];
    await page.goto(`${suite.server.url}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    judge('home', await axe(page), bad);
    await page.goto(`${suite.server.url}/plans/${planId}?token=${tokenFor(planId, 'editor')}`);
    await page.getByRole('dialog', { name: 'Join Dialog plan' }).waitFor();
    judge('join dialog', await axe(page), bad);
    await screenshot(page, 'a11y-join-dialog');
    await context.close();
    expect(bad, bad.join('\n')).toEqual([]);
  }, 60_000);

  /**
   * Every view in each language: one browser profile per language on the file's one seeded plan,
   * views opened by clicks (no reloads), axe injected once and run over each view's own root,
   * the whole page once (header, landmarks). In English also the skip links and a Tab walk.
   */
  for (const l of ['en', 'fr', 'es', 'ar'] as const) {
    it(`[${l}] every view and panel: nothing critical or serious for axe${l === 'en' ? ', skip links and a Tab walk with visible focus' : `; the header, stage bar, scoring grid and versions in ${l}${l === 'ar' ? ', mirrored' : ''}; [L30] no English catalogue text on any of them`}`, async () => {
      const c = CATALOGUES[l];
      const { planId, goalId } = await seededPlan();
      const person = await suite.join(planId, 'Amina', { role: 'facilitator', hash: 'strategic-goals' });
      try {
        const page = person.page;
        await page.getByRole('grid').first().waitFor();
        if (l === 'en') await skipLinks(page);
        else {
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
        }
        const bad: string[] = [];
        const wrong: string[] = [];
        judge(`${l} whole page`, await axe(page), bad);
        const started = Date.now();
        const views = everyView(c, goalId);
        // [L30] What each view shows and says, kept to look for English after the pass.
        const seen: { where: string; texts: string[] }[] = [];
        let textMs = 0;
        const look = async (where: string) => {
          if (l === 'en') return;
          const t0 = Date.now();
          seen.push({ where, texts: await visibleTexts(page) });
          textMs += Date.now() - t0;
        };
        await look('scoring and versions');
        for (const view of views) {
          await view.open(page);
          await look(view.name);
          judge(`${l} ${view.name}`, await axe(page, view.scope), bad);
          if (view.name === 'matrix') wrong.push(...(await cutAmounts(page)).map((w) => `${l} matrix at 1280 px: ${w}`));
          if (l === 'en' && view.scope === MAIN) wrong.push(...(await tabWalk(page, view.name)));
          // What a person sees first of each view in Arabic (the first screen: a full-page shot of a long view costs seconds).
          if (l === 'ar') {
            wrong.push(...(await overflowingControls(page)).map((w) => `${view.name}: ${w}`));
            fs.mkdirSync(SCREENSHOTS, { recursive: true });
            await page.screenshot({ path: `${SCREENSHOTS}/locale-ar-${view.name.replace(/\W+/g, '-')}-1280.png` });
          }
        }
        console.log(`[a11y] ${l}: ${views.length} views opened and checked in ${Date.now() - started} ms`);
        if (l !== 'en') {
          const t0 = Date.now();
          await checkBites(page, c, l);
          const english = englishLeft([...englishFragments(c), ...libraryFragments(l)], seen, SEED_TEXTS);
          console.log(`[L30] ${l}: texts read in ${textMs} ms, English looked for in ${Date.now() - t0} ms`);
          expect(english, `English left on a ${l} screen:\n${english.join('\n')}`).toEqual([]);
        }
        expect(bad, bad.join('\n')).toEqual([]);
        expect(wrong, wrong.join('\n')).toEqual([]);
        expect(person.errors).toEqual([]);
      } finally {
        // Closed even on a failure: the phone test counts the people here.
        await person.context.close();
      }
    }, 180_000);
  }

  it('[L14] a lost connection is announced once, at once (an alert; neither the connection state nor the live region repeats it); its return in the live region', async () => {
    const planId = await createPlan(suite.server, 'Connection plan');
    const person = await suite.join(planId, 'Chen');
    const alert = person.page.getByRole('alert').filter({ hasText: 'Connection lost' });
    const region = person.page.locator('rt-workspace p[data-announce]');
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await alert.count()).toBe(0);
    await person.context.setOffline(true);
    await alert.waitFor({ state: 'attached' });
    expect(await alert.count()).toBe(1);
    // The state still reads "Offline" but is not a live region meanwhile, and the region says nothing of the loss.
    expect(await person.page.getByRole('status').filter({ hasText: /^Offline/ }).getAttribute('aria-live')).toBe('off');
    expect(await region.textContent()).toBe('');
    await person.context.setOffline(false);
    await person.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
    expect(await person.page.getByRole('status').filter({ hasText: 'Saved and live' }).getAttribute('aria-live')).toBe('polite');
    expect(await alert.count()).toBe(0);
    await expect.poll(() => region.textContent()).toBe(en.a11y.live.back);
    // The server closes the connection (a restart): the alert says so once, the region only that it is back.
    suite.server.registry.loaded(planId)!.closeAll(1012, 'restarting');
    await alert.waitFor({ state: 'attached' });
    expect(await region.textContent()).not.toMatch(/lost/i);
    await alert.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => region.textContent(), { timeout: 15_000 }).toBe(en.a11y.live.back);
    expect(person.errors).toEqual([]);
  }, 60_000);

  it('on a 360 px phone: presence is a count with the list on demand, the stage bar a menu, scoring one goal at a time with every criterion and the total, the header\'s panels a "More" menu (en, ar; [L30] its menus in Arabic without English)', async () => {
    const { planId } = await seededPlan();
    const other = await suite.join(planId, 'Bruno');
    const person = await suite.join(planId, 'Amina', { width: 360, hash: 'strategic-goals' });
    const page = person.page;
    const bad: string[] = [];
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
    // Read in one round trip (a box, a name and a text per button cost three each).
    const buttons = await page
      .getByRole('button')
      .filter({ visible: true })
      .evaluateAll((els) => els.map((b) => ({ size: Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height), name: b.getAttribute('aria-label') ?? b.textContent })));
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b.size, `${b.name}`).toBeGreaterThanOrEqual(24);
    // [L132] So are the disclosures' summaries (the criteria) and the labels of boxes.
    const others = await page
      .locator('summary, label:has(> input[type="checkbox"]), label:has(> input[type="radio"])')
      .filter({ visible: true })
      .evaluateAll((els) => els.map((b) => ({ size: Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height), name: b.textContent })));
    expect(others.length).toBeGreaterThan(0);
    for (const b of others) expect(b.size, `${b.name}`).toBeGreaterThanOrEqual(24);
    await screenshot(page, 'phone-360-scoring-goal-2');
    // The header's panels: one "More" menu button instead of a row that scrolls sideways.
    const banner = page.getByRole('banner');
    const more = banner.getByRole('button', { name: en.a11y.more.label });
    expect(await banner.getByRole('button', { name: 'Versions', exact: true }).count()).toBe(0);
    expect(await more.getAttribute('aria-haspopup')).toBe('menu');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
    const deepFocus = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()} ${el?.textContent?.trim()}`;
      });
    const moreMenu = page.getByRole('menu', { name: en.a11y.more.menu });
    await more.click();
    const items = moreMenu.getByRole('menuitem');
    const editorPanels = [en.shell.panel.people, en.consult.heading, en.shell.panel.versions, en.shell.panel.archive, en.shell.panel.profile, en.sectors.title, en.library.title];
    expect(await items.allTextContents()).toEqual(editorPanels);
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    // Arrow keys move through the items (and wrap), Home and End jump.
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[0]}`);
    await page.keyboard.press('ArrowDown');
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[1]}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[6]}`);
    await page.keyboard.press('Home');
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[0]}`);
    await page.keyboard.press('End');
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[6]}`);
    for (const item of await items.all()) {
      const box = (await item.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(vw);
    }
    await screenshot(page, 'phone-360-more-menu');
    // Escape closes it and gives focus back to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => moreMenu.count()).toBe(0);
    expect(await deepFocus()).toBe(`button ${en.a11y.more.button}▾`);
    // From the keyboard alone: ArrowDown opens it on the first item, Enter opens that panel.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await deepFocus()).toBe(`menuitem ${editorPanels[2]}`);
    await page.keyboard.press('Enter');
    await page.getByRole('main', { name: 'Versions' }).waitFor();
    expect(await moreMenu.count()).toBe(0);
    judge('phone header and versions', await axe(page), bad);
    // The export menu: each checkbox stays on the line of its words (a long label once went below it).
    await banner.getByRole('button', { name: en.shell.export.ofLive }).click();
    const annex = page.getByRole('checkbox', { name: en.shell.export.comments });
    const [box, words] = [(await annex.boundingBox())!, (await page.getByText(en.shell.export.comments).boundingBox())!];
    expect(box.y).toBeLessThan(words.y + words.height);
    expect(box.y + box.height).toBeGreaterThan(words.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
    await screenshot(page, 'phone-360-export-menu');
    await page.keyboard.press('Escape');
    // In Arabic: the same menu, in Arabic, right to left, on the screen.
    await pickLanguage(page, 'ar');
    await banner.getByRole('button', { name: ar.a11y.more.label }).click();
    const arMenu = page.getByRole('menu', { name: ar.a11y.more.menu });
    await arMenu.getByRole('menuitem', { name: ar.shell.panel.versions }).waitFor();
    for (const item of await arMenu.getByRole('menuitem').all()) {
      const box = (await item.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(vw);
    }
    await screenshot(page, 'phone-360-more-menu-ar');
    judge('ar phone header', await axe(page), bad);
    // [L30] The menus a tap opens on a phone, in Arabic: no English catalogue text in the "More" menu,
    // the presence list or the stage menu.
    const seen = [{ where: 'ar phone More menu', texts: await visibleTexts(page) }];
    await page.keyboard.press('Escape');
    const arCount = page.getByRole('complementary', { name: ar.shell.presence.region }).getByRole('button');
    await arCount.click();
    await page.getByRole('list', { name: ar.shell.presence.list }).getByText('Bruno').waitFor();
    seen.push({ where: 'ar phone presence list', texts: await visibleTexts(page) });
    await arCount.click();
    const arNav = page.getByRole('navigation', { name: ar.shell.stage.cycle });
    await arNav.getByRole('button').click();
    await expect.poll(() => arNav.getByRole('link').count()).toBe(7);
    seen.push({ where: 'ar phone stage menu', texts: await visibleTexts(page) });
    await screenshot(page, 'phone-360-stage-menu-ar');
    await page.keyboard.press('Escape');
    const english = englishLeft(englishFragments(ar), seen, SEED_TEXTS);
    expect(english, `English left on an ar phone:\n${english.join('\n')}`).toEqual([]);
    await banner.getByRole('button', { name: ar.a11y.more.label }).click();
    // A panel whose content mixes scripts: the round's English questions keep their numbers on the
    // card and nothing scrolls sideways.
    await arMenu.getByRole('menuitem', { name: ar.consult.heading }).click();
    const question = page.getByRole('list', { name: ar.consult.guidingQuestions }).first();
    await question.waitFor();
    const card = (await question.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(vw);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
    await page.keyboard.press('Escape');
    // The ranking under the scoring grid, in Arabic: one card per goal, its status on the screen.
    await page.getByRole('button', { name: ar.shell.backToPlan }).click();
    const status = page.locator('table.rank select').first();
    await status.scrollIntoViewIfNeeded();
    for (const el of await page.locator('table.rank tr[data-goal] > td').all()) {
      const b = (await el.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(vw);
    }
    await screenshot(page, 'phone-360-ranking-ar');
    expect(bad, bad.join('\n')).toEqual([]);
    expect(person.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  }, 120_000);

  it('[ar] the home page and the join dialog, remembered in Arabic on this device: right to left, in Arabic, nothing critical or serious', async () => {
    const c = CATALOGUES.ar;
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
