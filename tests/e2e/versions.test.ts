import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addNode, localOrigin, readPlan, setNodeField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import type { Role } from '../../shared/access.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';
import { intlTag, type Locale } from '../../shared/i18n/locales.js';

const suite = useBrowserSuite();

/** The output id of each seeded plan (the diff test comments on it). */
const outputs = new Map<string, string>();

/**
 * Intl's own words for an amount in `l` (L100), as a regex source: any whitespace where Intl puts
 * one (Node's and Chromium's ICU may differ in which space), Arabic's leading right-to-left mark optional.
 */
const money = (l: Locale, n: number) =>
  new Intl.NumberFormat(intlTag(l), { style: 'currency', currency: 'USD', currencyDisplay: 'code' })
    .format(n)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\u200f/g, '\u200f?')
    .replace(/\s/g, '\\s');

/** A plan with one goal > outcome > output > activity whose budget is 15,000 USD. */
async function seededPlan(title: string): Promise<string> {
  const planId = await createPlan(suite.server, title);
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(suite.server), planId, doc);
  await waitSynced(provider);
  const origin = localOrigin('seed');
  const must = (r: { ok: boolean; value?: unknown }) => r.value as string;
  const g = must(addNode(doc, { kind: 'goal', title: 'Remittances for development', fields: { status: 'selected' } }, origin));
  const oc = must(addNode(doc, { kind: 'outcome', parentId: g, title: 'Cheaper transfers' }, origin));
  const out = must(addNode(doc, { kind: 'output', parentId: oc, title: 'Price comparison' }, origin));
  const act = must(addNode(doc, { kind: 'activity', parentId: out, title: 'Build the comparison website' }, origin));
  outputs.set(planId, out);
  setNodeField(doc, act, 'budget', { amount: 15_000, currency: 'USD' }, origin);
  // Once another client has the budget, the server has stored every edit before it.
  const watcher = openProvider(syncUrl(suite.server), planId);
  await waitFor(() => readPlan(watcher.doc).activities.some((a) => a.budget?.amount === 15_000), 'the server has the seeded plan');
  watcher.destroy();
  provider.destroy();
  doc.destroy();
  return planId;
}

/** Opens the plan with a `role` link as `name` (see useBrowserSuite().join). */
const open = (planId: string, role: Role, name: string, width = 1280) => suite.join(planId, name, { role, width, hash: 'implementation' });

const budget = (page: Page) => page.getByRole('spinbutton', { name: /^Activity [\d.]+ planned budget$/ });

describe('agreed versions in Chromium', () => {
  it('snapshot in the UI, change a budget, see the diff, restore, and the value comes back in a second browser', async () => {
    const planId = await seededPlan('Versions plan');
    const a = await open(planId, 'facilitator', 'Fatou');
    const b = await open(planId, 'editor', 'Bruno');
    await expect.poll(() => budget(b.page).inputValue()).toBe('15000');

    // A takes a snapshot from the Versions panel.
    await a.page.getByRole('button', { name: 'Versions' }).click();
    await a.page.getByLabel('Snapshot name').fill('Workshop version');
    await a.page.getByLabel('Snapshot status').selectOption('workshop');
    await a.page.getByLabel('Snapshot note').fill('Agreed in the room on 12 March');
    await a.page.getByRole('button', { name: 'Take snapshot' }).click();
    const item = a.page.locator('li[data-name="Workshop version"]');
    await item.getByText('by Fatou').waitFor();

    // B changes the budget in the matrix.
    await budget(b.page).fill('12000');
    await budget(b.page).press('Tab');

    // B comments on the output (L101: the diff names it after a preposition, with its article).
    const res = await fetch(`${suite.server.url}/api/plans/${planId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor(planId, 'editor')}`, 'content-type': 'application/json', 'x-participant': 'pBruno', 'x-actor-name': 'Bruno' },
      body: JSON.stringify({ targetKind: 'output', targetId: outputs.get(planId), body: 'Which banks are in?' }),
    });
    expect(res.status).toBe(201);
    const commentId = ((await res.json()) as { comment: { id: string } }).comment.id;

    // A compares the snapshot with the live plan: the change reads in the plan's own terms.
    await item.getByRole('button', { name: 'Compare with live: Workshop version' }).click();
    const diff = a.page.getByLabel('Differences');
    // L100: amounts are money as the reader's locale writes it (Intl), both in full.
    await diff.getByText(new RegExp(`activity [\\d.]+ "Build the comparison website" budget ${money('en', 15_000)} → ${money('en', 12_000)}`)).waitFor();
    await diff.getByText('1 new comment on output 1.1.1 "Price comparison"').waitFor();
    await screenshot(a.page, 'versions-diff-1280');
    // The same diff in French, Spanish and Arabic (L6): built from its code and params, Arabic right to left.
    const picker = a.page.getByRole('combobox', { name: 'Language' }).first();
    await picker.selectOption('fr');
    const fr = a.page.getByLabel('Différences');
    await fr.getByText(new RegExp(`activité [\\d.]+ «\\sBuild the comparison website\\s» — budget\\s: ${money('fr', 15_000)} → ${money('fr', 12_000)}`)).waitFor();
    await fr.getByText(/^1 nouveau commentaire sur le produit 1\.1\.1 «\sPrice comparison\s»$/).waitFor();
    // L101: "au plan en direct", never "à le plan en direct".
    await a.page.getByRole('heading', { name: /^De «\sWorkshop version\s» au plan en direct$/ }).waitFor();
    await screenshot(a.page, 'versions-diff-fr-1280');
    await a.page.getByRole('combobox', { name: 'Langue' }).first().selectOption('es');
    const es = a.page.getByLabel('Diferencias');
    await es.getByText(new RegExp(`actividad [\\d.]+ «Build the comparison website» — presupuesto: ${money('es', 15_000)} → ${money('es', 12_000)}`)).waitFor();
    await es.getByText('1 comentario nuevo sobre el producto 1.1.1 «Price comparison»').waitFor();
    await a.page.getByRole('heading', { name: /^De «Workshop version» al plan en directo$/ }).waitFor();
    await screenshot(a.page, 'versions-diff-es-1280');
    await a.page.getByRole('combobox', { name: 'Idioma' }).first().selectOption('ar');
    await a.page.getByLabel('الفروق').getByText(new RegExp(`نشاط [\\d.]+ «\u2068Build the comparison website\u2069» — الميزانية: ${money('ar', 15_000)} ← ${money('ar', 12_000)}`)).waitFor();
    await a.page.getByLabel('الفروق').getByText('تعليق جديد واحد على المُخرَج 1.1.1 «\u2068Price comparison\u2069»' /* L103: typed titles isolated */).waitFor();
    expect(await a.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(a.page, 'versions-diff-ar-1280');
    await a.page.getByRole('combobox', { name: 'اللغة' }).first().selectOption('en');
    await diff.waitFor();
    // The comment goes (a deleted comment the version never had is no difference), so the restore below finds none.
    const gone = await fetch(`${suite.server.url}/api/plans/${planId}/comments/${commentId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokenFor(planId, 'editor')}`, 'x-participant': 'pBruno', 'x-actor-name': 'Bruno' },
    });
    expect(gone.status).toBe(200);

    // Opening the snapshot shows it read-only in the same views.
    await item.getByRole('button', { name: 'Open Workshop version' }).click();
    await a.page.getByText(/^Read only: the plan as it was/).waitFor();
    const snapBudget = a.page.locator('rt-versions').getByRole('spinbutton', { name: /planned budget/ });
    await expect.poll(() => snapBudget.inputValue()).toBe('15000');
    expect(await snapBudget.evaluate((el) => (el as HTMLInputElement).readOnly)).toBe(true);
    expect(await a.page.locator('rt-versions').getByRole('button', { name: 'Add goal' }).count()).toBe(0);
    await screenshot(a.page, 'versions-open-1280');

    // A restores; B sees 15,000 again, live.
    await item.getByRole('button', { name: 'Restore Workshop version' }).click();
    await a.page.getByText(/restored\. The plan as it was just before is kept/).waitFor();
    await expect.poll(() => budget(b.page).inputValue(), { timeout: 3_000 }).toBe('15000');
    await a.page.getByRole('list', { name: 'Snapshots' }).getByText('Before restoring "Workshop version"').waitFor();

    // Endorse: locked, no delete.
    await item.getByRole('button', { name: 'Endorse Workshop version' }).click();
    await item.getByLabel('locked').waitFor();
    expect(await item.getByRole('button', { name: 'Delete Workshop version' }).count()).toBe(0);

    // The versions panel at 360 px (an editor: no restore or endorse).
    await b.page.setViewportSize({ width: 360, height: 900 });
    await openPanel(b.page, 'Versions');
    const bItem = b.page.locator('li[data-name="Workshop version"]');
    await bItem.waitFor();
    expect(await bItem.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    await bItem.getByRole('button', { name: 'Compare with live: Workshop version' }).click();
    // The plan was restored to this very version: comparing it with the live plan finds nothing.
    await b.page.getByText('No differences').waitFor();
    expect(await b.page.getByLabel('Differences').count()).toBe(0);
    await screenshot(b.page, 'versions-360');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 60_000);

  it('fork opens the new plan as facilitator', async () => {
    const planId = await seededPlan('Fork source');
    const a = await open(planId, 'facilitator', 'Fatou');
    await a.page.getByRole('button', { name: 'Versions' }).click();
    await a.page.getByLabel('Snapshot name').fill('Year 1');
    await a.page.getByRole('button', { name: 'Take snapshot' }).click();
    await a.page.getByRole('button', { name: 'Fork Year 1 into a new plan' }).click();
    await a.page.waitForURL((u) => !u.pathname.endsWith(planId));
    await a.page.locator('.role[data-role="facilitator"]').waitFor();
    await expect.poll(() => a.page.getByLabel('plan title').inputValue()).toBe('Fork source (from Year 1)');
  }, 30_000);
});
