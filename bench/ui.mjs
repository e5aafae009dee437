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
// page's dedicated workers: SPEC UW1), --only=poa (the Plan of Action section alone), --only=matrix
// (the matrix cell alone, with its first-frame share and renders per key: SPEC MP3), --only=scoring
// (a goal's title in scoring alone; with --profile its CPU profile: SPEC KS). The section's
// figures also split each key into the input's work and the frame, count the elements rendered per
// key, and tell how many keys were shown in the first frame after them; a bare text area typed the
// same way before and after gives the floor of key-to-paint on this machine (the wait for the next
// frame alone makes its p95 close to 16 ms). With --profile the section also gets a timeline trace
// (the browser's style, layout and paint per key).
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
/** `--only=poa`: skip the matrix cell, the paused typing and the remote edits (the Plan of Action alone). */
const ONLY_POA = args.only === 'poa';
/** `--only=matrix`: the matrix cell alone (no paused typing, remote edits, Plan of Action or scoring). */
const ONLY_MATRIX = args.only === 'matrix';
/** `--only=scoring`: a goal's title in scoring alone (SPEC KS); with --profile its CPU profile. */
const ONLY_SCORING = args.only === 'scoring';
/** One frame at 60 Hz (ms). */
const FRAME_MS = 1000 / 60;
/** `--trace`: the browser's own work (style, layout, paint per event name) typing in the matrix cell at the largest size. */
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
  if (!xs || xs.length === 0) return NaN;
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
  // Per key, besides key-to-paint: the input's work (keydown to the end of the task that handled
  // the input, its microtasks and renders included: a message posted in the capture phase runs
  // after them) and the frame's (from its requestAnimationFrame to the task after its paint).
  w.__work = [];
  w.__frame = [];
  w.__frameStart = [];
  const workChannel = new MessageChannel();
  document.addEventListener('input', () => {
    const t0 = down;
    workChannel.port1.onmessage = () => w.__work.push(performance.now() - t0);
    workChannel.port2.postMessage(0);
    requestAnimationFrame((frameTime) => {
      w.__frameStart.push(frameTime - t0);
      const f0 = performance.now();
      channel.port1.onmessage = () => {
        const t = performance.now();
        w.__frame.push(t - f0);
        w.__keys.push(t - t0);
      };
      channel.port2.postMessage(0);
    });
  }, true);
  // Lit renders per element (tag name) while counting (bench: what a keystroke renders).
  w.__renders = null;
  w.__countRenders = () => {
    const any = customElements.get('rt-text');
    if (!any) return false;
    let proto = any.prototype;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, 'performUpdate')) proto = Object.getPrototypeOf(proto);
    if (!proto || proto.__counted) return !!proto;
    proto.__counted = true;
    // Counted in `update` (it runs only when the element renders); timed in `performUpdate`
    // (willUpdate, render and updated: LitElement's render runs outside ReactiveElement's update).
    const update = proto.update;
    proto.update = function (changed) {
      if (w.__renders) (w.__renders[this.localName] ??= { n: 0, ms: 0 }).n++;
      return update.call(this, changed);
    };
    const perform = proto.performUpdate;
    proto.performUpdate = function () {
      if (!w.__renders) return perform.call(this);
      const t0 = performance.now();
      try {
        return perform.call(this);
      } finally {
        (w.__renders[this.localName] ??= { n: 0, ms: 0 }).ms += performance.now() - t0;
      }
    };
    return true;
  };
}

/** Types `chars` characters one by one into `locator`; returns key-to-paint times and long tasks. */
async function typeInto(page, locator, chars) {
  await locator.click();
  await locator.press('End');
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__keys = [];
    w.__work = [];
    w.__frame = [];
    w.__frameStart = [];
    w.__longtasks = [];
    w.__renders = w.__countRenders?.() ? {} : null;
  });
  for (let i = 0; i < chars; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => window.__keys.length >= n, i + 1, { polling: 'raf' });
  }
  // Let the last frame and any coalesced render finish before reading the long tasks.
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 50)), 200)));
  const typing = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const renders = w.__renders;
    w.__renders = null;
    return { keys: w.__keys, work: w.__work, frame: w.__frame, frameStart: w.__frameStart, renders, longtasks: [...w.__longtasks] };
  });
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

/**
 * Top entries of a CPU profile, mapped through the bundle's source map: by self time, and (for
 * `inclusive`) by the time each function was anywhere on the stack (counted once per sample).
 */
function topEntries(profile, limit = 20, inclusive = false) {
  const maps = new Map();
  const mapFor = (url) => {
    if (!url.includes('/assets/') || !url.endsWith('.js')) return null;
    if (!maps.has(url)) {
      const file = path.join(ROOT_DIR, 'dist/client/assets', path.basename(new URL(url).pathname) + '.map');
      maps.set(url, fs.existsSync(file) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(file, 'utf8'))) : null);
    }
    return maps.get(url);
  };
  const names = new Map();
  const nameOf = (n) => {
    if (names.has(n.id)) return names.get(n.id);
    const cf = n.callFrame;
    let name = cf.functionName || '(anonymous)';
    if (cf.url) {
      const m = mapFor(cf.url);
      const pos = m?.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
      name = pos?.source ? `${pos.name ?? name} ${pos.source.replace(/^.*?(node_modules\/|client\/|shared\/)/, '$1')}:${pos.line}` : `${name} ${path.basename(cf.url)}:${cf.lineNumber + 1}`;
    }
    names.set(n.id, name);
    return name;
  };
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!inclusive) {
      const name = nameOf(byId.get(id));
      self.set(name, (self.get(name) ?? 0) + dt);
      return;
    }
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(byId.get(at));
      if (seen.has(name)) continue;
      seen.add(name);
      self.set(name, (self.get(name) ?? 0) + dt);
    }
  });
  const total = profile.samples.reduce((sum, id, i) => sum + (nameOf(byId.get(id)) === '(idle)' ? 0 : (profile.timeDeltas[i] ?? 0) / 1000), 0);
  return [...self.entries()]
    .filter(([k]) => k !== '(idle)' && k !== '(root)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10, share: `${((ms / total) * 100).toFixed(1)}%` }));
}

/**
 * A Chromium trace (devtools.timeline) of `fn`: the complete events ('X') of the page's main
 * thread (the renderer's main thread with the most events). Shows what the CPU profile cannot:
 * style recalculation (`UpdateLayoutTree`), `Layout`, `PrePaint`, `Paint`, hit tests...
 */
async function mainThreadEvents(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  await fn();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const count = new Map(mains.map((k) => [k, 0]));
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (count.has(k)) count.set(k, count.get(k) + 1);
  }
  const main = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number');
}

/** {@link mainThreadEvents} of `fn` summed per event name: inclusive ms and count, the 20 largest first. */
async function tracedTop(page, fn) {
  const totals = new Map();
  for (const e of await mainThreadEvents(page, fn)) {
    // An event dispatch is named with its event's type (keydown, input...): which of them costs.
    const name = e.name === 'EventDispatch' && e.args?.data?.type ? `EventDispatch ${e.args.data.type}` : e.name;
    const t = totals.get(name) ?? { ms: 0, cpu: 0, count: 0 };
    t.ms += e.dur / 1000;
    // The thread's own time in it (CPU ms, when the trace has it): what a busy machine inflates least.
    t.cpu += (e.tdur ?? e.dur) / 1000;
    t.count++;
    totals.set(name, t);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 20)
    .map(([name, t]) => ({ name, ms: Math.round(t.ms * 10) / 10, cpu: Math.round(t.cpu * 10) / 10, count: t.count }));
}

async function profiled(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return { self: topEntries(profile), inclusive: topEntries(profile, 40, true) };
}

/**
 * The floor of key-to-paint on this machine: the same instruments and typing on a page holding
 * one bare text area (no script of ours), so a figure of the plan's page can be read against
 * what the browser alone takes to show a character (the wait for the next frame included).
 */
async function floor(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<label>Text <textarea rows="4" cols="60"></textarea></label>');
  await page.evaluate(instrument);
  let t;
  // With --trace, the floor's own main-thread events, to read the matrix cell's beside them.
  const timeline = TRACE ? await tracedTop(page, async () => (t = await typeInto(page, page.locator('textarea'), CHARS))) : null;
  if (!TRACE) t = await typeInto(page, page.locator('textarea'), CHARS);
  await context.close();
  return { timeline, p50: pct(t.keys, 50), p95: pct(t.keys, 95), workP95: pct(t.work, 95), frameP95: pct(t.frame, 95), frameStartP95: pct(t.frameStart, 95), firstFrame: t.frameStart.filter((x) => x <= FRAME_MS).length / t.frameStart.length };
}

/** The browser's steps of a frame and of script that {@link traced} totals. */
const TIMELINE_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CommitLayers', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'HitTest', 'ParseHTML', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections']);

/**
 * The browser's own work on the page's main thread while `fn` runs ({@link mainThreadEvents}):
 * total ms per event (style, layout, pre-paint, paint, script...) and the elements whose style was
 * recalculated, so the native part of a keystroke (the CPU profile's "(program)") is named.
 */
async function traced(page, fn) {
  const totals = new Map();
  let styled = 0;
  for (const e of await mainThreadEvents(page, fn)) {
    if (!TIMELINE_EVENTS.has(e.name)) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
    if (e.name === 'UpdateLayoutTree') styled += e.args?.elementCount ?? 0;
  }
  return { ms: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10])), styledElements: styled };
}

/** Key-to-paint figures of one typing run ({@link typeInto}): percentiles, first-frame share, renders per key, long tasks. */
const summary = (t) => ({
  p50: pct(t.keys, 50),
  p95: pct(t.keys, 95),
  max: Math.max(...t.keys),
  workP50: pct(t.work, 50),
  workP95: pct(t.work, 95),
  frameP50: pct(t.frame, 50),
  frameP95: pct(t.frame, 95),
  frameStartP95: pct(t.frameStart ?? [], 95),
  firstFrame: t.frameStart?.length ? t.frameStart.filter((x) => x <= FRAME_MS).length / t.frameStart.length : NaN,
  rendersPerKey: t.renders ? Object.fromEntries(Object.entries(t.renders).sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { n: Math.round((v.n / t.keys.length) * 10) / 10, ms: Math.round((v.ms / t.keys.length) * 100) / 100 }])) : null,
  longTasks: t.longtasks.length,
  longestTask: t.longtasks.length ? Math.max(...t.longtasks.map((l) => l.duration)) : 0,
  longTasksAfter: t.after.length,
  longestAfter: t.after.length ? Math.max(...t.after.map((l) => l.duration)) : 0,
});

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
    const title = page.locator('rt-matrix div.node[data-kind="activity"] .title input').first();
    await title.waitFor();
    const openMs = Date.now() - t0;
    const settleMs = await settle(page);
    const rowsInDom = await page.locator('rt-matrix div.node').count();
    const shownId = await page.locator('rt-matrix div.node[data-kind="activity"]').first().getAttribute('data-id');
    const profile = PROFILE && n === Math.max(...SIZES) ? {} : null;
    const none = { keys: [], work: [], frame: [], renders: null, longtasks: [], after: [], afterPause: [] };
    let matrix = none;
    let paused = none;
    let remote = [];
    let matrixTimeline = null;
    if (!ONLY_POA && !ONLY_SCORING) {
      if (profile) profile.matrix = await profiled(page, async () => (matrix = await typeInto(page, title, CHARS)));
      else if (TRACE && n === Math.max(...SIZES)) matrixTimeline = await tracedTop(page, async () => (matrix = await typeInto(page, title, CHARS)));
      else matrix = await typeInto(page, title, CHARS);
      if (!ONLY_MATRIX) paused = await typeWithPauses(page, title, PAUSE_BURSTS, 4, PAUSE_MS);
    }
    const workers = page.workers().map((w) => path.basename(new URL(w.url()).pathname));
    if (!ONLY_POA && !ONLY_MATRIX && !ONLY_SCORING) remote = await remoteEdits(page, title, node.doc, shownId ?? ids[0], REMOTE);
    if (ONLY_MATRIX) {
      await context.close();
      node.provider.destroy();
      return { activities: n, openMs, settleMs, rowsInDom, workers, matrix: summary(matrix), profile, matrixTimeline };
    }
    let poa = none;
    if (!ONLY_SCORING) {
      await page.evaluate(() => (location.hash = '#plan-of-action'));
      const section = page.locator('rt-poa textarea').first();
      await section.waitFor();
      if (profile) {
        profile.poa = await profiled(page, async () => (poa = await typeInto(page, section, CHARS)));
        // Then the browser's own work for as many keys again (nested events counted in each).
        profile.poaTimeline = await traced(page, () => typeInto(page, section, CHARS));
      } else poa = await typeInto(page, section, CHARS);
    }
    // Another view people type in: a goal's title in scoring (strategic goals).
    await page.evaluate(() => (location.hash = '#strategic-goals'));
    const goalTitle = page.locator('rt-scoring-goals rt-text input').first();
    await goalTitle.waitFor();
    let scoring;
    let scoringTimeline = null;
    if (profile && ONLY_SCORING) {
      profile.scoring = await profiled(page, async () => (scoring = await typeInto(page, goalTitle, CHARS)));
      profile.scoringTimeline = await traced(page, () => typeInto(page, goalTitle, CHARS));
    } else if (TRACE && ONLY_SCORING) scoringTimeline = await tracedTop(page, async () => (scoring = await typeInto(page, goalTitle, CHARS)));
    else scoring = await typeInto(page, goalTitle, CHARS);
    await context.close();
    node.provider.destroy();
    const pausedSummary = { ...summary(paused), afterPauseP50: pct(paused.afterPause, 50), afterPauseMax: Math.max(...paused.afterPause) };
    return { activities: n, openMs, settleMs, rowsInDom, workers, matrix: summary(matrix), paused: pausedSummary, poa: summary(poa), scoring: summary(scoring), remote: { p50: pct(remote, 50), p95: pct(remote, 95), max: Math.max(...remote) }, profile, matrixTimeline, scoringTimeline };
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
const floors = [];
try {
  floors.push(await floor(browser));
  for (const n of SIZES) {
    const r = await runSize(browser, n);
    results.push(r);
    console.log(`${n} activities done`);
  }
  floors.push(await floor(browser));
} finally {
  await browser.close();
}
const rows = [
  ['Open the matrix (ms, join to first row)', (r) => String(r.openMs)],
  ['Then until issues and budgets are computed (ms)', (r) => String(r.settleMs)],
  ['Matrix rows in the DOM', (r) => String(r.rowsInDom)],
  ['Key-to-paint, matrix cell p50 / p95 (ms)', (r) => `${f(r.matrix.p50)} / ${f(r.matrix.p95)}`],
  ['  of which the input\'s work p50 / p95, and the frame p50 / p95 (ms)', (r) => `${f(r.matrix.workP50)} / ${f(r.matrix.workP95)}, ${f(r.matrix.frameP50)} / ${f(r.matrix.frameP95)}`],
  ['  key to the start of the frame showing it p95 (ms); keys shown in the first frame after them', (r) => `${f(r.matrix.frameStartP95)}; ${f(r.matrix.firstFrame * 100)} %`],
  ['  elements rendered per key in the matrix cell (their render time per key)', (r) => (r.matrix.rendersPerKey ? Object.entries(r.matrix.rendersPerKey).map(([k, v]) => `${k} ${v.n} (${v.ms} ms)`).join(', ') || 'none' : '–')],
  [`Long tasks typing ${CHARS} chars in a matrix cell (count, longest ms)`, (r) => `${r.matrix.longTasks}, ${f(r.matrix.longestTask)}`],
  ['Long tasks in the 1.5 s pause after typing in a matrix cell (count, longest ms)', (r) => `${r.matrix.longTasksAfter}, ${f(r.matrix.longestAfter)}`],
  [`Typing in a matrix cell with ${PAUSE_MS} ms pauses (${PAUSE_BURSTS} bursts of 4): key-to-paint p50 / p95 (ms)`, (r) => `${f(r.paused.p50)} / ${f(r.paused.p95)}`],
  ['  first key after each pause p50 / max (ms)', (r) => `${f(r.paused.afterPauseP50)} / ${f(r.paused.afterPauseMax)}`],
  ['  long tasks (count, longest ms)', (r) => `${r.paused.longTasks}, ${f(r.paused.longestTask)}`],
  ['Dedicated workers in the page', (r) => (r.workers.length ? r.workers.join(', ') : 'none')],
  ['Key-to-paint, Plan of Action section p50 / p95 (ms)', (r) => `${f(r.poa.p50)} / ${f(r.poa.p95)}`],
  [`Long tasks typing ${CHARS} chars in a section (count, longest ms)`, (r) => `${r.poa.longTasks}, ${f(r.poa.longestTask)}`],
  ['Long tasks in the 1.5 s pause after typing in a section (count, longest ms)', (r) => `${r.poa.longTasksAfter}, ${f(r.poa.longestAfter)}`],
  ['  of which the input\'s work (keydown to the end of its task and renders) p50 / p95 (ms)', (r) => `${f(r.poa.workP50)} / ${f(r.poa.workP95)}`],
  ['  and the frame (its requestAnimationFrame to the task after its paint) p50 / p95 (ms)', (r) => `${f(r.poa.frameP50)} / ${f(r.poa.frameP95)}`],
  ['  elements rendered per key in the section (their render time per key)', (r) => (r.poa.rendersPerKey ? Object.entries(r.poa.rendersPerKey).map(([k, v]) => `${k} ${v.n} (${v.ms} ms)`).join(', ') || 'none' : '–')],
  ['  key to the start of the frame showing it p95 (ms); keys shown in the first frame after them', (r) => `${f(r.poa.frameStartP95)}; ${f(r.poa.firstFrame * 100)} %`],
  ["Key-to-paint, a goal's title in scoring p50 / p95 (ms); keys shown in the first frame after them", (r) => `${f(r.scoring.p50)} / ${f(r.scoring.p95)}; ${f(r.scoring.firstFrame * 100)} %`],
  ['  elements rendered per key in the goal title (their render time per key)', (r) => (r.scoring.rendersPerKey ? Object.entries(r.scoring.rendersPerKey).map(([k, v]) => `${k} ${v.n} (${v.ms} ms)`).join(', ') || 'none' : '–')],
  ["  of which the input's work p50 / p95, and the frame p50 / p95 (ms); key to the start of the frame showing it p95 (ms)", (r) => `${f(r.scoring.workP50)} / ${f(r.scoring.workP95)}, ${f(r.scoring.frameP50)} / ${f(r.scoring.frameP95)}; ${f(r.scoring.frameStartP95)}`],
  [`Long tasks typing ${CHARS} chars in a goal's title (count, longest ms)`, (r) => `${r.scoring.longTasks}, ${f(r.scoring.longestTask)}`],
  ['Remote edit to paint p50 / p95 (ms)', (r) => `${f(r.remote.p50)} / ${f(r.remote.p95)}`],
];
if (ONLY_POA) rows.splice(0, rows.length, ...rows.filter(([label]) => !/matrix|pause|Remote|workers/.test(label)));
if (ONLY_SCORING) rows.splice(0, rows.length, ...rows.filter(([label]) => !/matrix|pause|Remote|workers|section|Plan of Action/.test(label)));
// The matrix cell's rows come first, up to the long tasks in the pause after its typing.
if (ONLY_MATRIX) rows.splice(rows.findIndex(([label]) => label.startsWith('Long tasks in the 1.5 s pause after typing in a matrix cell')) + 1);
const table = [`| Browser (Chromium ${browser.version()}) | ${results.map((r) => `${r.activities.toLocaleString('en')} activities`).join(' | ')} |`, `| --- |${results.map(() => ' ---: |').join('')}`, ...rows.map(([label, get]) => `| ${label} | ${results.map(get).join(' | ')} |`)].join('\n');
console.log(table);
console.log(
  `\nFloor, the same typing into a bare text area (no script of ours), before and after: key-to-paint p50 / p95 ${floors.map((x) => `${f(x.p50)} / ${f(x.p95)}`).join(' and ')} ms; input's work p95 ${floors.map((x) => f(x.workP95)).join(' and ')}, frame p95 ${floors.map((x) => f(x.frameP95)).join(' and ')} ms; key to the start of its frame p95 ${floors.map((x) => f(x.frameStartP95)).join(' and ')} ms; keys shown in the first frame after them ${floors.map((x) => f(x.firstFrame * 100)).join(' and ')} %.`,
);
if (floors[0]?.timeline) {
  console.log(`\nChromium trace, typing ${CHARS} characters in the bare text area (the floor), main thread, inclusive ms per event name (and per key):`);
  for (const e of floors[0].timeline) console.log(`  ${String(e.ms).padStart(8)} ms ${(e.ms / CHARS).toFixed(2).padStart(6)} /key, CPU ${(e.cpu / CHARS).toFixed(2).padStart(6)} /key ${String(e.count).padStart(6)}x  ${e.name}`);
}
for (const r of results) {
  for (const [where, tl] of [['the matrix cell', r.matrixTimeline], ["a goal's title in scoring", r.scoringTimeline]]) {
    if (!tl) continue;
    console.log(`\nChromium trace, typing ${CHARS} characters in ${where} (${r.activities} activities), main thread, inclusive ms per event name (and per key):`);
    for (const e of tl) console.log(`  ${String(e.ms).padStart(8)} ms ${(e.ms / CHARS).toFixed(2).padStart(6)} /key, CPU ${(e.cpu / CHARS).toFixed(2).padStart(6)} /key ${String(e.count).padStart(6)}x  ${e.name}`);
  }
  if (!r.profile) continue;
  for (const [where, tl] of [['section', r.profile.poaTimeline], ["goal's title", r.profile.scoringTimeline]]) {
    if (!tl) continue;
    console.log(`\nTimeline, typing ${CHARS} more characters in the ${where}: the page's main thread per key (ms; nested events counted in each): ${Object.entries(tl.ms).map(([k, v]) => `${k} ${f(v / CHARS)}`).join(', ')}; elements restyled per key ${f(tl.styledElements / CHARS)}`);
  }
  for (const [where, top] of Object.entries(r.profile)) {
    if (where.endsWith('Timeline')) continue;
    for (const kind of ['self', 'inclusive']) {
      console.log(`\nCPU profile, typing ${CHARS} characters in the ${where === 'poa' ? 'Plan of Action section' : where === 'scoring' ? "goal's title in scoring" : 'matrix cell'} (${r.activities} activities), top by ${kind} time (share of the busy time):`);
      for (const e of top[kind]) console.log(`  ${String(e.ms).padStart(8)} ms ${e.share.padStart(6)}  ${e.name}`);
    }
  }
}
const dir = path.join(ROOT_DIR, 'bench/results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `ui-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), chromium: browser.version(), chars: CHARS, remoteEdits: REMOTE, floors, results }, null, 2));
console.log(`\nwritten ${path.relative(ROOT_DIR, file)}`);
// Something keeps the event loop alive after the browser and servers are closed (no handle that
// `process.getActiveResourcesInfo()` lists), so the script ends itself once its results are written.
process.exit(0);
