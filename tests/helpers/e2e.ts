import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../shared/i18n/en/index.js';
import type { Role } from '../../shared/access.js';
import type { RunningServer } from '../../server/server.js';
import { launchBrowser } from './browser.js';
import { removeDir, startTestServer, tempDir, tokenFor } from './test-server.js';

/** One person in a browser profile of their own. */
export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors (tests expect none). */
  errors: string[];
}

export interface JoinOptions {
  /** Role of the invite link opened (default editor). */
  role?: Role;
  width?: number;
  /** View to open, e.g. `implementation`. */
  hash?: string;
  committee?: 'imc' | 'ncc';
}

/** What `useBrowserSuite` gives a test file. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /**
   * Opens a plan's invite link in a fresh profile, answers the first-visit dialog (name,
   * stakeholder group "government", optional committee), accepts confirm() dialogs, waits until
   * the plan is live, and checks that the token left the address bar.
   */
  join(planId: string, name: string, opts?: JoinOptions): Promise<Person>;
}

/**
 * Registers beforeAll/afterAll hooks that start the real server on port 0 and Debian's
 * Chromium for one test file, and close every profile, the browser and the server after it.
 */
export function useBrowserSuite(): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dir = '';
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    dir = tempDir();
    server = await startTestServer(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (dir) removeDir(dir);
  });
  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    async join(planId, name, opts = {}) {
      const context = await suite.browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 } });
      contexts.push(context);
      context.setDefaultTimeout(8_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => void d.accept());
      await page.goto(`${suite.server.url}/plans/${planId}?token=${tokenFor(planId, opts.role ?? 'editor')}${opts.hash ? `#${opts.hash}` : ''}`);
      // The dialog says which plan this is and what the link lets the person do.
      const role = opts.role ?? 'editor';
      const dialog = page.getByRole('dialog', { name: `Join ${suite.server.store.get(planId)?.title ?? ''}` });
      await dialog.waitFor();
      await dialog.getByText(`${role[0]!.toUpperCase()}${role.slice(1)}: you can`).waitFor();
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Stakeholder group').selectOption('government');
      if (opts.committee) await page.getByLabel('Committee').selectOption(opts.committee);
      await page.getByRole('button', { name: 'Join the plan' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
      // The token is kept in this browser, not left in the address bar.
      expect(page.url()).not.toContain('token=');
      return { context, page, errors };
    },
  };
  return suite;
}

/**
 * Opens a header panel by its name, as a person would: its button in the header's row on a wide
 * screen, else (a phone) the header's "More" menu button (named `more`) and then the menu's item.
 */
export async function openPanel(page: Page, name: string, more: string = en.a11y.more.label): Promise<void> {
  const banner = page.getByRole('banner');
  // Which header the viewport shows (client/components/rt-view.ts phoneQuery): after a resize the
  // header changes on its next render, so the button counted now may be about to go.
  if (!(await page.evaluate(() => matchMedia('(max-width: 600px)').matches))) return banner.getByRole('button', { name, exact: true }).click();
  await banner.getByRole('button', { name: more, exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name, exact: true }).click();
}
