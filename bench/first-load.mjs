// A plan invite link on a poor link (issue 16): Chromium on emulated 3G (CDP
// Network.emulateNetworkConditions: 750 kbit/s down, 250 kbit/s up, 100 ms RTT). Prints the bytes
// over the wire and the time to the name dialog, first visit (empty profile) and second visit
// (same profile: the service worker serves the app shell). Needs `npm run build` first.
// `node bench/first-load.mjs`
import { chromium } from 'playwright-core';
import { startServer, tempDataDir } from './lib/servers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const THREE_G = { offline: false, latency: 100, downloadThroughput: (750 * 1000) / 8, uploadThroughput: (250 * 1000) / 8 };

/** Opens `url` in a new page of `context` on emulated 3G: ms to the name dialog, bytes by source. */
async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THREE_G);
  const fromSw = new Set();
  let network = 0;
  const files = [];
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromServiceWorker) fromSw.add(e.requestId);
  });
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    if (fromSw.has(e.requestId)) return;
    network += e.encodedDataLength;
    files.push([new URL(urls.get(e.requestId) ?? 'about:blank').pathname, e.encodedDataLength]);
  });
  const t0 = performance.now();
  await page.goto(url);
  await page.getByRole('dialog').getByLabel('Your name').waitFor({ timeout: 60_000 });
  const ms = performance.now() - t0;
  await cdp.detach();
  return { page, ms, network, served: fromSw.size, files };
}

const server = await startServer('roundtable', tempDataDir('first-load'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  const id = await server.createDoc('First load bench');
  const token = new URL(server.wsUrl(id)).searchParams.get('token');
  const url = `${server.http}/plans/${id}?token=${token}`;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const first = await visit(context, url);
  // Let the service worker install (it precaches the shell) and take the page.
  await first.page.evaluate(() => navigator.serviceWorker.ready);
  await first.page.close();
  const second = await visit(context, url);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`first visit:  ${kb(first.network)} KB over the wire, ${first.ms.toFixed(0)} ms to the name dialog`);
  if (process.env.VERBOSE) for (const [f, n] of first.files) console.log(`  ${String(n).padStart(7)}  ${f}`);
  console.log(`second visit: ${kb(second.network)} KB over the wire (${second.served} responses from the service worker), ${second.ms.toFixed(0)} ms to the name dialog`);
  if (process.env.VERBOSE) for (const [f, n] of second.files) console.log(`  ${String(n).padStart(7)}  ${f}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
