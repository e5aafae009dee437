import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/server.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { openPanel } from '../helpers/e2e.js';
import { auth, createPlan, removeDir, startTestServer, tempDir, tokenFor } from '../helpers/test-server.js';

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
    it(`creates a plan, opens it as facilitator and lists it (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      context.setDefaultTimeout(6_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url + '/');
      await page.getByText('No plans in this browser yet').waitFor();
      await screenshot(page, `home-empty-${width}`);
      await page.getByLabel('Plan title').fill(`Plan at ${width}`);
      // The server validates the codes and its message is shown.
      await page.getByLabel('Country').fill('S1');
      await page.getByRole('button', { name: 'Create plan' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/ISO 3166-1 alpha-2/);
      await page.getByLabel('Country').fill('sn');
      await page.getByLabel('Currency').fill('XOF');
      await page.getByRole('button', { name: 'Create plan' }).click();
      await page.waitForURL(/\/plans\/[A-Za-z0-9_-]+$/);
      // First visit: the workspace asks who you are; a pseudonym is enough.
      await expect(page.getByRole('dialog').textContent()).resolves.toMatch(/no real name, e-mail or account is needed/);
      await page.getByLabel('Your name').fill('Amina');
      await page.getByRole('button', { name: 'Join the plan' }).click();
      const title = page.getByRole('heading', { level: 1 }).getByLabel('plan title');
      await expect.poll(() => title.inputValue()).toBe(`Plan at ${width}`);
      await page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
      await page.locator('.role[data-role="facilitator"]').waitFor();
      await screenshot(page, `plan-${width}`);
      // Creating kept all three invite links in this browser: the Share panel shows them.
      await openPanel(page, 'Share');
      for (const role of ['Facilitator', 'Editor', 'Observer']) {
        await expect.poll(() => page.getByLabel(`${role} invite link`).inputValue()).toMatch(/\/plans\/[A-Za-z0-9_-]+\?token=/);
      }
      // The page URL opens the plan again in this browser (the tokens are kept here).
      const again = await context.newPage();
      await again.goto(page.url());
      await expect.poll(() => again.getByRole('heading', { level: 1 }).getByLabel('plan title').inputValue()).toBe(`Plan at ${width}`);
      // Home lists it with its role.
      await again.goto(server.url + '/');
      const item = again.getByRole('list', { name: 'Your plans' }).getByRole('listitem').filter({ hasText: `Plan at ${width}` });
      await item.getByText('Facilitator').waitFor();
      await screenshot(again, `home-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('imports a plan file, lists the problems of a bad one, and opens a pasted link', async () => {
    const source = await createPlan(server, 'Exported plan');
    const exported = await (await fetch(`${server.url}/api/plans/${source}/export.json`, { headers: auth(source, 'observer') })).text();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    const file = page.getByLabel('Plan file');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'roundtable-plan/1', title: 42 })) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('list', { name: 'Problems found' }).getByRole('listitem').first().waitFor();
    await screenshot(page, 'home-import-problems-1280');
    await file.setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/plans\/[A-Za-z0-9_-]+$/);
    expect(page.url()).not.toContain(source);
    await page.getByLabel('Your name').fill('Bruno');
    await page.getByRole('button', { name: 'Join the plan' }).click();
    await expect.poll(() => page.getByLabel('plan title').inputValue()).toBe('Exported plan');

    // Pasting an observer link on the home page opens that plan as observer.
    await page.goto(server.url + '/');
    await page.getByRole('textbox', { name: 'Invite link' }).fill(`${server.url}/plans/${source}?token=${tokenFor(source, 'observer')}`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.role[data-role="observer"]').waitFor();
    await context.close();
  });

  it('an unknown plan page says so instead of showing a blank screen', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/plans/doesnotexist');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/does not exist/);
    await page.close();
  });

  it('a plan page without a link asks for one; a wrong link says it is not valid', async () => {
    const planId = await createPlan(server, 'Private plan');
    const page = await browser.newPage();
    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByRole('heading', { name: 'You need an invite link to open this plan' }).waitFor();
    await page.goto(`${server.url}/plans/${planId}?token=${'x'.repeat(32)}`);
    await page.getByRole('heading', { name: 'This link is not valid or was revoked' }).waitFor();
    expect(page.url()).not.toContain('token=');
    // Pasting the right link there opens the plan.
    await page.getByRole('textbox', { name: 'Invite link' }).fill(`${server.url}/plans/${planId}?token=${tokenFor(planId, 'editor')}`);
    await page.getByRole('button', { name: 'Open link' }).click();
    await page.getByRole('dialog', { name: 'Join Private plan' }).waitFor();
    await page.close();
  });
});
