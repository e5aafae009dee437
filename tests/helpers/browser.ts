import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the suite never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (a CI artifact folder, ignored by git). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Chromium's command line for every test run (headless, no sandbox, no GPU, no background traffic). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Fails with the install hint when Debian's Chromium is missing (an error, not a skip). */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
}

/**
 * Headless Chromium for one test file. In a whole run the global setup starts one browser for
 * every file (tests/helpers/global-setup.ts) and this connects to it; `close()` then closes the
 * file's contexts and disconnects. Run alone (no shared browser), it launches its own. A missing
 * browser is an error, not a skip: browser tests must run wherever `npm test` runs (CI installs
 * it with `apt-get install -y chromium`).
 */
export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
