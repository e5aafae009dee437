// A plan invite link on a poor link (issue 16): Chromium on emulated 3G (CDP
// Network.emulateNetworkConditions: 750 kbit/s down, 250 kbit/s up, 100 ms RTT). Prints the bytes
// over the wire and the time to the name dialog and to the default view (the stage panel and the
// Plan of Action, rendered once a name is given), first visit (empty profile) and second visit (same profile:
// the service worker serves the app shell). Needs `npm run build` first.
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
  const dialog = page.getByRole('dialog').getByLabel('Your name');
  // The default view (preparatory stage: the stage panel above the Plan of Action) rendered: both
  // elements defined, with content in their shadow roots.
  const viewShown = () => {
    const find = (root, tag) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === tag) return el;
        const inner = el.shadowRoot && find(el.shadowRoot, tag);
        if (inner) return inner;
      }
      return null;
    };
    return ['rt-stage-panel', 'rt-poa'].every((tag) => {
      const el = find(document, tag);
      return !!el && !!customElements.get(tag) && !!el.shadowRoot && el.shadowRoot.childElementCount > 0;
    });
  };
  // A first visit asks for a name (the view renders once it is given); a later one remembers it.
  const asked = await Promise.race([
    dialog.waitFor({ timeout: 60_000 }).then(() => true),
    page.waitForFunction(viewShown, null, { timeout: 60_000, polling: 50 }).then(() => false),
  ]);
  const ms = asked ? performance.now() - t0 : null;
  const atDialog = network;
  if (asked) {
    await dialog.fill('Bench Reader');
    await dialog.press('Enter');
    await page.waitForFunction(viewShown, null, { timeout: 60_000, polling: 50 });
  }
  const viewMs = performance.now() - t0;
  const atView = network;
  await cdp.detach();
  return { page, ms, viewMs, atDialog, atView, network, served: fromSw.size, files };
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
  const viewport = { width: 360, height: 740 };
  // First visit with the service worker blocked: otherwise it installs during the visit, fetches
  // the precache list itself (requests this page's emulated link neither slows nor counts) and then
  // serves the default view's chunks, which would flatter the figures.
  const cold = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const first = await visit(cold, url);
  await cold.close();
  // Second visit: a profile whose service worker installed on an earlier visit.
  const context = await browser.newContext({ viewport });
  const earlier = await visit(context, url);
  await earlier.page.evaluate(() => navigator.serviceWorker.ready);
  await earlier.page.close();
  const second = await visit(context, url);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`first visit:  ${kb(first.atDialog)} KB over the wire and ${first.ms.toFixed(0)} ms to the name dialog; ${kb(first.atView)} KB and ${first.viewMs.toFixed(0)} ms to the default view`);
  if (process.env.VERBOSE) for (const [f, n] of first.files) console.log(`  ${String(n).padStart(7)}  ${f}`);
  console.log(`second visit: ${kb(second.atView)} KB over the wire (${second.served} responses from the service worker), ${second.ms === null ? 'name remembered' : `${second.ms.toFixed(0)} ms to the name dialog`}, ${second.viewMs.toFixed(0)} ms to the default view`);
  if (process.env.VERBOSE) for (const [f, n] of second.files) console.log(`  ${String(n).padStart(7)}  ${f}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
