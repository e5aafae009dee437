// Browser benchmark (issue 18): what a person feels in Debian's Chromium on plans of 50 / 500 /
// 5,000 activities. `npm run bench:ui` (needs `npm run build`). For each size it starts the real
// server (dist/server/index.js, a fresh data folder, a free port on 127.0.0.1), fills a plan
// through a stock y-websocket client in Node, opens the plan in Chromium (playwright-core) and
// measures:
//  - key-to-paint in a matrix cell (an activity's title) and in a Plan of Action section body:
//    from the keydown event to the frame after the DOM shows the character (input event ->
//    requestAnimationFrame -> a task queued there, which runs once that frame is painted),
//    p50 / p95 over 40 characters typed one by one;
//  - long tasks (PerformanceObserver 'longtask') while those 40 characters are typed, and in the
//    1.5 s pause after them (where lagging issues and budgets are computed);
//  - remote edit paint latency: the Node client rewrites an activity title on screen; the time
//    from its send to the frame after the page's text box shows it;
//  - the number of matrix rows in the DOM.
// Prints a table and writes bench/results/ui-<date>.json. Options: --sizes=50,500,5000,
// --chars=40, --remote=20, --profile (a CPU profile of typing at the largest size: top entries
// by self time, mapped to the sources through the bundle's source map), --bursts=8 and
// --pause-ms=900 (typing in a matrix cell in bursts of 4 characters with pauses longer than the
// plan store's quiet time: key-to-paint, the first key after each pause, long tasks, and the
// page's dedicated workers: SPEC UW1).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { SourceMapConsumer } from 'source-map-js';
import * as Y from '../node_modules/yjs/dist/yjs.mjs';
// The root package's provider (bench/node_modules holds y-websocket 1.5.4 for the peers).
import { WebsocketProvider } from '../node_modules/y-websocket/src/y-websocket.js';
import { addNode, setText } from '../dist/shared/model.js';
import { startServer, tempDataDir, ROOT_DIR } from './lib/servers.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const SIZES = (args.sizes ?? '50,500,5000').split(',').map(Number);
const CHARS = Number(args.chars ?? 40);
const REMOTE = Number(args.remote ?? 20);
const PROFILE = args.profile === 'true';
/** A Chromium trace (style, layout, paint per event name) of typing in the matrix cell at the largest size. */
const TRACE = args.trace === 'true';
/** Typing with pauses: bursts of 4 characters, `--pause-ms` (default 900) apart. */
const PAUSE_BURSTS = Number(args.bursts ?? 8);
const PAUSE_MS = Number(args['pause-ms'] ?? 900);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORIGIN = { source: 'local', userId: 'bench-ui' };

const ok = (r) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const until = async (what, test, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** A stock y-websocket client on plan `id`, synced. */
async function connect(server, id, token) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, id, doc, { params: { token }, WebSocketPolyfill: WebSocket, disableBc: true });
  await until('the Node client to sync', () => provider.synced);
  return { doc, provider };
}

/** Fills the plan with `n` activities under 10 goals x 2 outcomes x 5 outputs (batches of 500). */
async function seed(doc, n) {
  const outputs = [];
  doc.transact(() => {
    for (let g = 0; g < 10; g++) {
      const goal = ok(addNode(doc, { kind: 'goal', title: `Goal ${g + 1}` }, ORIGIN));
      for (let o = 0; o < 2; o++) {
        const outcome = ok(addNode(doc, { kind: 'outcome', parentId: goal, title: `Outcome ${g + 1}.${o + 1}` }, ORIGIN));
        for (let p = 0; p < 5; p++) outputs.push(ok(addNode(doc, { kind: 'output', parentId: outcome, title: `Output ${g + 1}.${o + 1}.${p + 1}` }, ORIGIN)));
      }
    }
  }, ORIGIN);
  const ids = [];
  for (let start = 0; start < n; start += 500) {
    doc.transact(() => {
      for (let a = start; a < Math.min(n, start + 500); a++) {
        ids.push(ok(addNode(doc, { kind: 'activity', parentId: outputs[a % outputs.length], title: `Activity ${a + 1}`, fields: { budget: { amount: 1000, currency: 'USD' }, responsible: 'Ministry of Labour' } }, ORIGIN)));
      }
    }, ORIGIN);
    await new Promise((r) => setTimeout(r, 0));
  }
  return ids;
}

/** Page-side instruments: long tasks, and key-to-paint / remote-to-paint stamps. */
function instrument() {
  const w = /** @type {any} */ (window);
  w.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const channel = new MessageChannel();
  const afterPaint = (fn) => requestAnimationFrame(() => {
    channel.port1.onmessage = () => fn(performance.now());
    channel.port2.postMessage(0);
  });
  w.__afterPaint = afterPaint;
  w.__keys = [];
  let down = 0;
  document.addEventListener('keydown', (e) => (down = e.timeStamp), true);
  document.addEventListener('input', () => {
    const t0 = down;
    afterPaint((t) => w.__keys.push(t - t0));
  }, true);
}

/** Types `chars` characters one by one into `locator`; returns key-to-paint times and long tasks. */
async function typeInto(page, locator, chars) {
  await locator.click();
  await locator.press('End');
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__keys = [];
    w.__longtasks = [];
  });
  for (let i = 0; i < chars; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => window.__keys.length >= n, i + 1, { polling: 'raf' });
  }
  // Let the last frame and any coalesced render finish before reading the long tasks.
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 50)), 200)));
  const typing = await page.evaluate(() => ({ keys: window.__keys, longtasks: [...window.__longtasks] }));
  // The pause after typing: lagging issues and budgets are computed there (SPEC VM4, UP2).
  const seen = typing.longtasks.length;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  const after = await page.evaluate((n) => window.__longtasks.slice(n), seen);
  return { ...typing, after };
}

/**
 * Typing with pauses longer than the plan store's quiet time (600 ms, SPEC VM4): `bursts` bursts
 * of `perBurst` characters with `pauseMs` between them, where lagging issues and budgets are
 * computed (on the page's thread before SPEC UW1, in the derived-values worker after). Returns
 * every key-to-paint, the first key of each burst after a pause, and every long task meanwhile.
 */
async function typeWithPauses(page, locator, bursts, perBurst, pauseMs) {
  await locator.click();
  await locator.press('End');
  await page.evaluate(() => {
    window.__keys = [];
    window.__longtasks = [];
  });
  const firsts = [];
  for (let b = 0; b < bursts; b++) {
    for (let i = 0; i < perBurst; i++) {
      const n = b * perBurst + i + 1;
      await page.keyboard.press(String.fromCharCode(97 + (n % 26)));
      await page.waitForFunction((k) => window.__keys.length >= k, n, { polling: 'raf' });
      if (i === 0 && b > 0) firsts.push(n - 1);
    }
    await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), pauseMs);
  }
  const { keys, longtasks } = await page.evaluate(() => ({ keys: window.__keys, longtasks: [...window.__longtasks] }));
  return { keys, afterPause: firsts.map((i) => keys[i]), longtasks, after: [] };
}

/** Remote edits: the Node client rewrites the title shown in `locator`; send -> painted in the page. */
async function remoteEdits(page, locator, doc, id, times) {
  const out = [];
  for (let i = 0; i < times; i++) {
    const marker = `Remote ${i} ${Math.random().toString(36).slice(2, 8)}`;
    const seen = locator.evaluate(
      (input, m) =>
        new Promise((resolve) => {
          const check = () => {
            if (input.value === m) window.__afterPaint((t) => resolve(performance.timeOrigin + t));
            else requestAnimationFrame(check);
          };
          check();
        }),
      marker,
    );
    await new Promise((r) => setTimeout(r, 30));
    const sent = performance.timeOrigin + performance.now();
    setText(doc, { kind: 'node', id, field: 'title' }, marker, ORIGIN);
    const painted = await seen;
    out.push(painted - sent);
  }
  return out;
}

/**
 * Waits until the page's plan store has nothing pending (issues and budgets computed: on the
 * page's thread, or in the derived-values worker, SPEC UW1), so typing starts on a settled page
 * as a person's would after reading it. Returns the wait (ms).
 */
async function settle(page) {
  const t0 = Date.now();
  const matrix = page.locator('rt-matrix');
  while (await matrix.evaluate((el) => el.ws?.store?.pending ?? true)) {
    if (Date.now() - t0 > 120_000) throw new Error('the plan store did not settle in 2 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

/** Opens the plan as a new participant on `hash` and waits until it is live. */
async function join(browser, server, id, token, hash) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript(instrument);
  await page.goto(`${server.http}/plans/${id}?token=${token}#${hash}`);
  await page.getByLabel('Your name').fill('Bench');
  await page.getByLabel('Stakeholder group').selectOption('government');
  await page.getByRole('button', { name: 'Join the plan' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
  return { context, page };
}

/** Top entries of a CPU profile by self time, mapped through the bundle's source map. */
function topEntries(profile, limit = 20) {
  const maps = new Map();
  const mapFor = (url) => {
    if (!url.includes('/assets/') || !url.endsWith('.js')) return null;
    if (!maps.has(url)) {
      const file = path.join(ROOT_DIR, 'dist/client/assets', path.basename(new URL(url).pathname) + '.map');
      maps.set(url, fs.existsSync(file) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(file, 'utf8'))) : null);
    }
    return maps.get(url);
  };
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id);
    const cf = n.callFrame;
    let name = cf.functionName || '(anonymous)';
    if (cf.url) {
      const m = mapFor(cf.url);
      const pos = m?.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
      name = pos?.source ? `${pos.name ?? name} ${pos.source.replace(/^.*?(node_modules\/|client\/|shared\/)/, '$1')}:${pos.line}` : `${name} ${path.basename(cf.url)}:${cf.lineNumber + 1}`;
    }
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10, share: `${((ms / total) * 100).toFixed(1)}%` }));
}

/**
 * A Chromium trace (devtools.timeline) of `fn` on the page's main thread: for each event name,
 * its total (inclusive) duration in ms and count, largest first. Shows what the CPU profile
 * cannot: style recalculation (`UpdateLayoutTree`), `Layout`, `PrePaint`, `Paint`, hit tests...
 */
async function traced(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  await fn();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  // The renderer's main thread with the most events is the page's.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const count = new Map(mains.map((k) => [k, 0]));
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (count.has(k)) count.set(k, count.get(k) + 1);
  }
  const main = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals = new Map();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const t = totals.get(e.name) ?? { ms: 0, count: 0 };
    t.ms += e.dur / 1000;
    t.count++;
    totals.set(e.name, t);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 20)
    .map(([name, t]) => ({ name, ms: Math.round(t.ms * 10) / 10, count: t.count }));
}

async function profiled(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return topEntries(profile);
}

/**
 * The floor: key-to-paint in a bare `<input>` on an empty page, measured as in the plan (keydown
 * to the frame after the input event). It holds the wait for the next frame (up to one frame
 * interval) and the browser's own input and paint path, which no page code can go below.
 */
async function floorKeys(browser, chars) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<input aria-label="floor">');
  await page.evaluate(instrument);
  const r = await typeInto(page, page.getByLabel('floor'), chars);
  await context.close();
  return { p50: pct(r.keys, 50), p95: pct(r.keys, 95), max: Math.max(...r.keys) };
}

async function runSize(browser, n) {
  const server = await startServer('roundtable', tempDataDir('ui'));
  try {
    const id = await server.createDoc(`UI bench ${n}`);
    const token = new URL(server.wsUrl(id)).searchParams.get('token');
    const node = await connect(server, id, token);
    const ids = await seed(node.doc, n);
    // Joining is itself a figure (time to the first matrix row).
    const t0 = Date.now();
    const { context, page } = await join(browser, server, id, token, 'implementation');
    const title = page.locator('rt-matrix li.node[data-kind="activity"] .title input').first();
    await title.waitFor();
    const openMs = Date.now() - t0;
    const settleMs = await settle(page);
    const rowsInDom = await page.locator('rt-matrix li.node').count();
    const shownId = await page.locator('rt-matrix li.node[data-kind="activity"]').first().getAttribute('data-id');
    let profile = null;
    let matrix;
    if (PROFILE && n === Math.max(...SIZES)) profile = { matrix: await profiled(page, async () => (matrix = await typeInto(page, title, CHARS))) };
    else if (TRACE && n === Math.max(...SIZES)) profile = { trace: await traced(page, async () => (matrix = await typeInto(page, title, CHARS))) };
    else matrix = await typeInto(page, title, CHARS);
    const paused = await typeWithPauses(page, title, PAUSE_BURSTS, 4, PAUSE_MS);
    const workers = page.workers().map((w) => path.basename(new URL(w.url()).pathname));
    const remote = await remoteEdits(page, title, node.doc, shownId ?? ids[0], REMOTE);
    await page.evaluate(() => (location.hash = '#plan-of-action'));
    const section = page.locator('rt-poa textarea').first();
    await section.waitFor();
    let poa;
    if (profile && PROFILE) profile.poa = await profiled(page, async () => (poa = await typeInto(page, section, CHARS)));
    else poa = await typeInto(page, section, CHARS);
    await context.close();
    node.provider.destroy();
    const summary = (t) => ({
      p50: pct(t.keys, 50),
      p95: pct(t.keys, 95),
      max: Math.max(...t.keys),
      longTasks: t.longtasks.length,
      longestTask: t.longtasks.length ? Math.max(...t.longtasks.map((l) => l.duration)) : 0,
      longTasksAfter: t.after.length,
      longestAfter: t.after.length ? Math.max(...t.after.map((l) => l.duration)) : 0,
    });
    const pausedSummary = { ...summary(paused), afterPauseP50: pct(paused.afterPause, 50), afterPauseMax: Math.max(...paused.afterPause) };
    return { activities: n, openMs, settleMs, rowsInDom, workers, matrix: summary(matrix), paused: pausedSummary, poa: summary(poa), remote: { p50: pct(remote, 50), p95: pct(remote, 95), max: Math.max(...remote) }, profile };
  } finally {
    await server.stop();
  }
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const results = [];
let floor = null;
try {
  floor = await floorKeys(browser, CHARS);
  for (const n of SIZES) {
    const r = await runSize(browser, n);
    results.push(r);
    console.log(`${n} activities done`);
  }
} finally {
  await browser.close();
}
const rows = [
  ['Open the matrix (ms, join to first row)', (r) => String(r.openMs)],
  ['Then until issues and budgets are computed (ms)', (r) => String(r.settleMs)],
  ['Matrix rows in the DOM', (r) => String(r.rowsInDom)],
  ['Key-to-paint, matrix cell p50 / p95 (ms)', (r) => `${f(r.matrix.p50)} / ${f(r.matrix.p95)}`],
  [`Long tasks typing ${CHARS} chars in a matrix cell (count, longest ms)`, (r) => `${r.matrix.longTasks}, ${f(r.matrix.longestTask)}`],
  ['Long tasks in the 1.5 s pause after typing in a matrix cell (count, longest ms)', (r) => `${r.matrix.longTasksAfter}, ${f(r.matrix.longestAfter)}`],
  [`Typing in a matrix cell with ${PAUSE_MS} ms pauses (${PAUSE_BURSTS} bursts of 4): key-to-paint p50 / p95 (ms)`, (r) => `${f(r.paused.p50)} / ${f(r.paused.p95)}`],
  ['  first key after each pause p50 / max (ms)', (r) => `${f(r.paused.afterPauseP50)} / ${f(r.paused.afterPauseMax)}`],
  ['  long tasks (count, longest ms)', (r) => `${r.paused.longTasks}, ${f(r.paused.longestTask)}`],
  ['Dedicated workers in the page', (r) => (r.workers.length ? r.workers.join(', ') : 'none')],
  ['Key-to-paint, Plan of Action section p50 / p95 (ms)', (r) => `${f(r.poa.p50)} / ${f(r.poa.p95)}`],
  [`Long tasks typing ${CHARS} chars in a section (count, longest ms)`, (r) => `${r.poa.longTasks}, ${f(r.poa.longestTask)}`],
  ['Long tasks in the 1.5 s pause after typing in a section (count, longest ms)', (r) => `${r.poa.longTasksAfter}, ${f(r.poa.longestAfter)}`],
  ['Remote edit to paint p50 / p95 (ms)', (r) => `${f(r.remote.p50)} / ${f(r.remote.p95)}`],
];
const table = [`| Browser (Chromium ${browser.version()}) | ${results.map((r) => `${r.activities.toLocaleString('en')} activities`).join(' | ')} |`, `| --- |${results.map(() => ' ---: |').join('')}`, ...rows.map(([label, get]) => `| ${label} | ${results.map(get).join(' | ')} |`)].join('\n');
console.log(table);
if (floor) console.log(`\nFloor: key-to-paint in a bare <input> on an empty page, same browser: p50 / p95 ${f(floor.p50)} / ${f(floor.p95)} ms (max ${f(floor.max)})`);
for (const r of results) {
  if (!r.profile) continue;
  for (const [where, top] of Object.entries(r.profile)) {
    if (where === 'trace') {
      console.log(`\nChromium trace, typing ${CHARS} characters in the matrix cell (${r.activities} activities), main thread, inclusive ms per event name (and per key):`);
      for (const e of top) console.log(`  ${String(e.ms).padStart(8)} ms ${(e.ms / CHARS).toFixed(2).padStart(6)} /key ${String(e.count).padStart(6)}x  ${e.name}`);
      continue;
    }
    console.log(`\nCPU profile, typing ${CHARS} characters in the ${where === 'poa' ? 'Plan of Action section' : 'matrix cell'} (${r.activities} activities), top by self time:`);
    for (const e of top) console.log(`  ${String(e.ms).padStart(8)} ms ${e.share.padStart(6)}  ${e.name}`);
  }
}
const dir = path.join(ROOT_DIR, 'bench/results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `ui-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), chromium: browser.version(), chars: CHARS, remoteEdits: REMOTE, floor, results }, null, 2));
console.log(`\nwritten ${path.relative(ROOT_DIR, file)}`);
// Something (a socket of the provider's or the server's) keeps the loop alive after the browser
// and servers are closed: the figures are written, so end here.
process.exit(0);
