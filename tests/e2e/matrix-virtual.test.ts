import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addNode, localOrigin, setNodeField } from '../../shared/model.js';
import path from 'node:path';
import { screenshot, SCREENSHOTS } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/**
 * Activities in the plan (1 goal + 2 outcomes + 10 outputs + 1,200 activities with a budget and
 * one without): a grid 15 times taller than the rows it keeps in the DOM; `npm run bench:ui`
 * measures 5,000.
 */
const ACTIVITIES = 1_200;
const ROWS = 1 + 2 + 10 + ACTIVITIES + 1;
/** The row reached by keyboard from the end. */
const TARGET = 1_200;

/** The focused element inside shadow roots: its row's aria-rowindex and whether it is on screen. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const li = el?.closest('div.node');
    const vp = li?.closest('.viewport');
    if (!li || !vp) return null;
    const r = li.getBoundingClientRect();
    const v = vp.getBoundingClientRect();
    return { index: Number(li.getAttribute('aria-rowindex')), visible: r.bottom > v.top && r.top < v.bottom, tag: el!.tagName.toLowerCase() };
  });

/**
 * Waits (in the page, frame by frame after each paint) until the matrix is still: scroll position and
 * rendered rows unchanged for 10 frames (at most 15 s). While waiting, every row in view is checked
 * against the frame before: returns the largest move of a row on screen (px) and the frames seen.
 */
const whileSettling = (page: Page) =>
  page.locator('rt-matrix .viewport').evaluate(
    (vp) =>
      new Promise<{ moved: number; frames: number }>((resolve) => {
        let last: Map<string, number> | null = null;
        let lastKey = '';
        let still = 0;
        let frames = 0;
        let moved = 0;
        const end = performance.now() + 15_000;
        const channel = new MessageChannel();
        const sample = () => {
          const v = vp.getBoundingClientRect();
          const tops = new Map<string, number>();
          for (const li of vp.querySelectorAll<HTMLElement>('div.node')) {
            const r = li.getBoundingClientRect();
            if (r.bottom > v.top && r.top < v.bottom) tops.set(li.dataset['id']!, r.top);
          }
          if (last) for (const [id, top] of tops) if (last.has(id)) moved = Math.max(moved, Math.abs(top - last.get(id)!));
          const key = `${vp.scrollTop}|${[...tops.keys()].join(',')}`;
          still = key === lastKey ? still + 1 : 0;
          lastKey = key;
          last = tops;
          frames++;
          if (still >= 10 || performance.now() > end) resolve({ moved, frames });
          else requestAnimationFrame(() => channel.port2.postMessage(0));
        };
        channel.port1.onmessage = sample;
        requestAnimationFrame(() => channel.port2.postMessage(0));
      }),
  );

/** Where a row sits against the matrix's viewport (below its sticky heading): px it sticks out above and below. */
const outside = async (page: Page, rowIndex: number) => {
  const row = await page.locator(`rt-matrix div.node[aria-rowindex="${rowIndex}"]`).boundingBox();
  const vp = await page.locator('rt-matrix .viewport').boundingBox();
  const head = await page.locator('rt-matrix .grid > .head').boundingBox();
  return { above: Math.max(0, Math.round(vp!.y + head!.height - row!.y)), below: Math.max(0, Math.round(row!.y + row!.height - (vp!.y + vp!.height))) };
};

describe('virtualised matrix in Chromium ([VM1] [VM2] [VM3] [VM5] [MR2])', () => {
  it(`holds O(view) rows of ${ROWS}, reaches row 1,200 by keyboard, cards on a phone, mirrored in Arabic`, async () => {
    const planId = await createPlan(suite.server, 'Large plan');
    const doc = new Y.Doc();
    const seed = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(seed);
    const origin = localOrigin('seed');
    const must = (r: { ok: boolean; value?: unknown }) => {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      return r.value as string;
    };
    const goal = must(addNode(doc, { kind: 'goal', title: 'Diaspora engagement for development' }, origin));
    const outputs: string[] = [];
    doc.transact(() => {
      for (let o = 0; o < 2; o++) {
        const outcome = must(addNode(doc, { kind: 'outcome', parentId: goal, title: `Outcome ${o + 1}: diaspora investment channelled into local enterprises` }, origin));
        for (let p = 0; p < 5; p++) outputs.push(must(addNode(doc, { kind: 'output', parentId: outcome, title: `Output ${o + 1}.${p + 1}` }, origin)));
      }
    }, origin);
    // The first activity has no budget (V22): its issue comes from the derived-values worker (UW1).
    const bare = must(addNode(doc, { kind: 'activity', parentId: outputs[0]!, title: 'Activity with no budget yet' }, origin));
    for (let start = 0; start < ACTIVITIES; start += 500) {
      doc.transact(() => {
        for (let a = start; a < Math.min(start + 500, ACTIVITIES); a++) must(addNode(doc, { kind: 'activity', parentId: outputs[a % outputs.length]!, title: `Activity number ${a + 1}`, fields: { budget: { amount: 1_000, currency: 'USD' } } }, origin));
      }, origin);
    }
    // Wait until the server holds every row (a fresh provider sees them all).
    const check = new Y.Doc();
    const reader = openProvider(syncUrl(suite.server), planId, check);
    await waitSynced(reader, 90_000);
    reader.destroy();
    seed.destroy();

    const a = await suite.join(planId, 'Ana', { hash: 'implementation' });
    const grid = a.page.locator('rt-matrix [role="treegrid"]');
    await grid.waitFor();
    // VM3: the screen reader hears the real count (rows + the header row).
    await expect.poll(() => grid.getAttribute('aria-rowcount'), { timeout: 20_000 }).toBe(String(ROWS + 1));
    // VM1: only the rows in view and a margin are in the DOM.
    const inDom = await a.page.locator('rt-matrix div.node').count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(80);
    expect(await a.page.getByText('Show more').count()).toBe(0);

    // UW1: a plan this size computes its issues in the derived-values worker; they follow an edit.
    const bareBadge = a.page.locator(`rt-matrix div.node[data-id="${bare}"] .badge`);
    await expect.poll(() => bareBadge.getAttribute('title'), { timeout: 30_000 }).toContain('has no planned budget yet');
    expect(a.page.workers().some((w) => /derived-worker/.test(w.url()))).toBe(true);
    const store = () =>
      a.page.locator('rt-matrix').evaluate((el) => {
        const s = (el as unknown as { ws: { store: { offThread: boolean; workerAnswers: number; issues: { rule: string; entity: { id: string } }[] } } }).ws.store;
        return { offThread: s.offThread, answers: s.workerAnswers, v22: s.issues.filter((i) => i.rule === 'V22').map((i) => i.entity.id) };
      });
    const first = await store();
    expect(first.offThread).toBe(true);
    expect(first.answers).toBeGreaterThan(0);
    expect(first.v22).toEqual([bare]);
    const editor = openProvider(syncUrl(suite.server), planId, new Y.Doc());
    await waitSynced(editor);
    must(setNodeField(editor.doc, bare, 'budget', { amount: 2_500, currency: 'USD' }, origin));
    await expect.poll(() => bareBadge.getAttribute('title'), { timeout: 30_000 }).not.toContain('has no planned budget yet');
    const second = await store();
    expect(second.v22).toEqual([]);
    expect(second.answers).toBeGreaterThan(first.answers);
    editor.destroy();
    // PP2: keystrokes send the worker nothing; the next question carries their updates in one message.
    const sent = () =>
      a.page.locator('rt-matrix').evaluate((el) => {
        const s = (el as unknown as { ws: { store: { workerAnswers: number; worker: { sent: { messages: number; updates: number } } } } }).ws.store;
        return { answers: s.workerAnswers, ...s.worker.sent };
      });
    const before = await sent();
    const bareTitle = a.page.locator(`rt-matrix div.node[data-id="${bare}"] .title input`);
    await bareTitle.click();
    await bareTitle.press('End');
    await bareTitle.pressSequentially('!!!!!');
    await expect.poll(async () => (await sent()).answers, { timeout: 30_000 }).toBeGreaterThan(before.answers);
    const batched = await sent();
    expect(batched.updates - before.updates).toBeGreaterThanOrEqual(5);
    // One message per question (normally one, after the typing), never one per keystroke.
    expect(batched.messages - before.messages).toBeLessThanOrEqual(batched.answers - before.answers);
    expect(batched.messages - before.messages).toBeLessThan(batched.updates - before.updates);
    await screenshot(a.page, 'matrix-virtual-1280');

    // VM2: keyboard. Down from the first row's title goes to the second row's title.
    await a.page.locator('rt-matrix div.node[aria-rowindex="2"] .title input').focus();
    await a.page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedRow(a.page)).toEqual({ index: 3, visible: true, tag: 'input' });
    // Ctrl+End: the last row, rendered and scrolled into view; then up to row 1,200.
    await a.page.keyboard.press('Control+End');
    await expect.poll(() => focusedRow(a.page)).toEqual({ index: ROWS + 1, visible: true, tag: 'input' });
    // MR2: once the measured heights replaced the estimates, the last row is wholly in view, and
    // no row in view moved on screen meanwhile (the anchor row is held still).
    const end = await whileSettling(a.page);
    expect(end.moved).toBeLessThanOrEqual(1);
    expect(await outside(a.page, ROWS + 1)).toEqual({ above: 0, below: 0 });
    // What is on screen (a full-page shot would resize the page, and with it the grid).
    await a.page.screenshot({ path: path.join(SCREENSHOTS, 'matrix-virtual-end.png') });
    for (let i = ROWS; i > TARGET; i--) await a.page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedRow(a.page)).toEqual({ index: TARGET + 1, visible: true, tag: 'input' });
    // Tab stays in the grid and moves on to the following rows (they are rendered as it goes).
    for (let i = 0; i < 40; i++) await a.page.keyboard.press('Tab');
    const after = await focusedRow(a.page);
    expect(after?.index).toBeGreaterThan(TARGET + 2);
    expect(after?.visible).toBe(true);
    expect(await a.page.locator('rt-matrix div.node').count()).toBeLessThan(80);
    // The sticky header stays at the top of the scrolled grid.
    const head = await a.page.locator('rt-matrix .grid > .head').boundingBox();
    const vp = await a.page.locator('rt-matrix .viewport').boundingBox();
    expect(Math.abs(head!.y - vp!.y)).toBeLessThan(3);
    await screenshot(a.page, 'matrix-virtual-row-1200');
    // MR2: moved to the middle at once (as dragging the scroll bar does), among rows never
    // measured: the rows in view do not jump while their heights settle.
    await a.page.locator('rt-matrix .viewport').evaluate((vp) => (vp.scrollTop = vp.scrollHeight / 2));
    const middle = await whileSettling(a.page);
    expect(middle.moved).toBeLessThanOrEqual(1);
    const shownRows = await a.page.locator('rt-matrix div.node').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('aria-rowindex'))));
    expect(Math.min(...shownRows)).toBeGreaterThan(ROWS / 4);
    expect(Math.max(...shownRows)).toBeLessThan((ROWS * 3) / 4);
    await screenshot(a.page, 'matrix-virtual-middle');

    // Phone: cards with the goal > outcome > output path, cut with an ellipsis (its full text is the summary's title).
    const phone = await suite.join(planId, 'Bo', { hash: 'implementation', width: 360 });
    await phone.page.locator('rt-matrix div.node[data-kind="activity"]').first().waitFor();
    const cardId = await phone.page.locator('rt-matrix div.node[data-kind="activity"]').first().getAttribute('data-id');
    const crumbs = phone.page.locator(`rt-matrix div.node[data-id="${cardId}"] .crumbs summary`);
    await expect.poll(() => crumbs.evaluate((b) => getComputedStyle(b).textOverflow)).toBe('ellipsis');
    expect(await crumbs.getAttribute('title')).toContain('Diaspora engagement for development › ');
    expect(await crumbs.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
    const targets = await phone.page.locator('rt-matrix div.node').first().locator('button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => Math.min(r.width, r.height)));
    expect(targets.length).toBeGreaterThan(0);
    for (const size of targets) expect(size).toBeGreaterThanOrEqual(24);
    const pageWidth = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(360);
    await screenshot(phone.page, 'matrix-virtual-360');

    // Arabic: the grid is mirrored (the code column on the right of the title, the tree indent from the right).
    await a.page.evaluate(() => localStorage.setItem('rt.locale', 'ar'));
    await a.page.reload();
    await a.page.locator('rt-matrix div.node[data-kind="activity"]').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => a.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => grid.getAttribute('aria-label')).toBe('مصفوفة خطة التنفيذ');
    const row = a.page.locator('rt-matrix div.node[data-kind="activity"]').first();
    const code = await row.locator('.code').boundingBox();
    const title = await row.locator('.title').boundingBox();
    expect(code!.x).toBeGreaterThan(title!.x);
    const goalCode = await a.page.locator('rt-matrix div.node[data-kind="goal"] .code').first().boundingBox();
    expect(code!.x + code!.width).toBeLessThan(goalCode!.x + goalCode!.width);
    await screenshot(a.page, 'matrix-virtual-ar-1280');
    expect(a.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  }, 300_000);
});
