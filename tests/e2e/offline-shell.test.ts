import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';

const suite = useBrowserSuite();

describe('the app shell comes from the service worker (issue 16, poor links)', () => {
  it('[BL3] precaches every file of shell.json at install, drops older builds\' assets, and the home page renders with the network off', async () => {
    const shell = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../dist/client/shell.json'), 'utf8')) as { files: string[] };
    expect(shell.files[0]).toBe('/');
    expect(shell.files.some((f) => /^\/assets\/rt-app-[\w-]+\.js$/.test(f))).toBe(true);
    // The lazy views and panels are not part of the shell.
    expect(shell.files.filter((f) => /rt-(poa|scoring|matrix|monitoring|consult|people|library)-/.test(f))).toEqual([]);

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // An asset of an older build already in the cache (BL3): a page with no service worker puts it there first.
    await page.goto(suite.server.url + '/healthz');
    await page.evaluate(async () => (await caches.open('roundtable-shell-v1')).put('/assets/rt-app-0ldBu1ld.js', new Response('old build')));
    await page.goto(suite.server.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Roundtable' }).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)), { timeout: 8_000 }).toBe(true);
    // Install finished: every shell file is in the cache, fetched at install, not only as used.
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(shell.files.filter((f) => !cached.includes(f))).toEqual([]);
    // [BL3] Activation dropped the older build's asset.
    expect(cached).not.toContain('/assets/rt-app-0ldBu1ld.js');

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Roundtable' }).waitFor();
    await page.getByText('No plans in this browser yet').waitFor();
    await screenshot(page, 'offline-shell-home-1280');
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});
