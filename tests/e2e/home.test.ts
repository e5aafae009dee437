import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/server.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { removeDir, startTestServer, tempDir } from '../helpers/test-server.js';

let server: RunningServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer(dir);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeDir(dir);
});

describe('home page in Chromium', () => {
  for (const width of [1280, 360]) {
    it(`creates a plan and opens its page (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url + '/');
      await page.getByText('No plans yet').or(page.getByRole('list')).first().waitFor();
      await screenshot(page, `home-${width}`);
      await page.getByLabel('Plan title').fill(`Plan at ${width}`);
      await page.getByRole('button', { name: 'Create plan' }).click();
      await page.waitForURL(/\/plans\/[a-z0-9]+$/);
      // First visit: the workspace asks who you are.
      await page.getByLabel('Your name').fill('Amina');
      await page.getByRole('button', { name: 'Join the plan' }).click();
      const title = page.getByRole('heading', { level: 1 }).getByLabel('plan title');
      await expect.poll(() => title.inputValue()).toBe(`Plan at ${width}`);
      await page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
      await screenshot(page, `plan-${width}`);
      // A stable page URL opens the plan directly (same browser profile: no second question).
      const again = await context.newPage();
      await again.goto(page.url());
      await expect.poll(() => again.getByRole('heading', { level: 1 }).getByLabel('plan title').inputValue()).toBe(`Plan at ${width}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('an unknown plan page says so instead of showing a blank screen', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/plans/doesnotexist');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/does not exist/);
    await page.close();
  });
});
