import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, localOrigin, setNodeField } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/** A plan with one goal > outcome > output > activity, written by a stock provider. */
async function seededPlan(title: string): Promise<string> {
  const planId = await createPlan(suite.server, title);
  const doc = new Y.Doc();
  const seed = openProvider(syncUrl(suite.server), planId, doc);
  await waitSynced(seed);
  const origin = localOrigin('seed');
  const must = (r: { ok: boolean; value?: unknown }) => r.value as string;
  const goal = must(addNode(doc, { kind: 'goal', title: 'Decent work abroad' }, origin));
  const outcome = must(addNode(doc, { kind: 'outcome', parentId: goal, title: 'Fair recruitment' }, origin));
  const output = must(addNode(doc, { kind: 'output', parentId: outcome, title: 'Agencies licensed' }, origin));
  const activity = must(addNode(doc, { kind: 'activity', parentId: output, title: 'Train labour inspectors' }, origin));
  setNodeField(doc, activity, 'budget', { amount: 15_000, currency: 'USD' }, origin);
  seed.destroy();
  return planId;
}

describe('comments in Chromium: an observer and an editor', () => {
  it('[CM4] [CM5] criteria carry a comment button too: an observer comments on one, the editor sees the count live', async () => {
    const planId = await seededPlan('Criteria comments plan');
    const ed = await suite.join(planId, 'Amina', { hash: 'strategic-goals' });
    const obs = await suite.join(planId, 'Bola', { hash: 'strategic-goals', role: 'observer' });
    await obs.page.getByRole('button', { name: /^Comment on criterion / }).first().click();
    const drawer = obs.page.getByRole('dialog', { name: 'Comments' });
    const box = drawer.getByRole('combobox', { name: 'New comment' });
    await box.fill('Is this criterion measurable with our data?');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await drawer.getByRole('listitem').filter({ hasText: 'Is this criterion measurable' }).waitFor();
    await ed.page.getByRole('button', { name: /^1 comment on criterion .*1 open thread/ }).waitFor({ timeout: 5_000 });
    // The editor's workspace says it in its polite live region (issue 16); the author's own says nothing.
    const region = (p: typeof ed.page) => p.locator('rt-workspace p[data-announce][role="status"][aria-live="polite"]');
    await expect.poll(() => region(ed.page).textContent()).toMatch(/^Bola commented on criterion .+\.$/);
    expect(await region(obs.page).textContent()).toBe('');
    await screenshot(ed.page, 'comments-criterion-1280');
    expect([...ed.errors, ...obs.errors]).toEqual([]);
  }, 60_000);

  it('[CM5] [CM7] an observer comments on a matrix row with an @mention; the editor sees the count and the thread live, replies and resolves', async () => {
    const planId = await seededPlan('Comments plan');
    const ed = await suite.join(planId, 'Amina', { hash: 'implementation' });
    const obs = await suite.join(planId, 'Bola', { hash: 'implementation', role: 'observer', width: 360 });

    // The observer's view is read-only, but the comment button is there.
    const obsBadge = obs.page.getByRole('button', { name: /^Comment on outcome 1\.1 "Fair recruitment"/ });
    await obsBadge.click();
    const drawer = obs.page.getByRole('dialog', { name: 'Comments' });
    await drawer.getByText('Nobody has commented on outcome 1.1 "Fair recruitment" yet').waitFor();
    await screenshot(obs.page, 'comments-empty-360');
    const box = drawer.getByRole('combobox', { name: 'New comment' });
    await box.click();
    await box.pressSequentially('Who pays for the licensing survey? @Am');
    const option = drawer.getByRole('option', { name: 'Amina' });
    await option.waitFor();
    await obs.page.keyboard.press('Enter');
    expect(await box.inputValue()).toBe('Who pays for the licensing survey? @Amina ');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = drawer.getByRole('listitem').filter({ hasText: 'Who pays for the licensing survey?' });
    await thread.waitFor();
    await expect.poll(() => thread.textContent()).toMatch(/Bola\s*observer/);
    expect(await box.inputValue()).toBe('');

    // The editor sees the count live, opens the thread, replies and resolves it.
    const edBadge = ed.page.getByRole('button', { name: /^1 comment on outcome 1\.1 "Fair recruitment", 1 open thread/ });
    await edBadge.waitFor({ timeout: 5_000 });
    await edBadge.click();
    const edDrawer = ed.page.getByRole('dialog', { name: 'Comments' });
    const edThread = edDrawer.getByRole('listitem').filter({ hasText: 'Who pays for the licensing survey?' });
    await edThread.waitFor();
    expect(await edThread.textContent()).toMatch(/Mentions: you/);
    await edThread.getByRole('button', { name: 'Reply' }).click();
    await edThread.getByRole('combobox', { name: 'Your reply' }).fill('The ministry, from the 2026 budget.');
    await edThread.getByRole('button', { name: 'Send reply' }).click();
    await edThread.getByText('The ministry, from the 2026 budget.').waitFor();
    await edThread.getByRole('button', { name: 'Resolve' }).click();
    await edThread.getByText(/Resolved\s*by Amina/).waitFor();
    await screenshot(ed.page, 'comments-thread-1280');

    // The observer sees the reply and the resolution live, and the row's count says so.
    await thread.getByText('The ministry, from the 2026 budget.').waitFor({ timeout: 5_000 });
    await thread.getByText(/Resolved\s*by Amina/).waitFor();
    await screenshot(obs.page, 'comments-thread-360');
    await obs.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await obs.page.getByRole('button', { name: /^2 comments on outcome 1\.1 "Fair recruitment", all resolved/ }).waitFor();
    // The drawer fits a phone: nothing wider than the screen.
    expect(await obs.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect([...ed.errors, ...obs.errors]).toEqual([]);
  }, 90_000);

  it('[LS1] [LS2] [L15] since you were last here: an observer away while the editor changed a budget and a comment arrived sees both, and each line takes them there', async () => {
    const planId = await seededPlan('Away plan');
    const ed = await suite.join(planId, 'Amina', { hash: 'implementation' });
    const obs = await suite.join(planId, 'Bola', { hash: 'implementation', role: 'observer', width: 360 });
    // First visit: remembered, nothing shown.
    const remembered = () =>
      obs.page.evaluate(
        (id) =>
          new Promise<boolean>((resolve) => {
            const req = indexedDB.open('roundtable-last-seen');
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('plans')) return resolve(false);
              const get = db.transaction('plans').objectStore('plans').get(id);
              get.onsuccess = () => resolve(!!get.result);
              get.onerror = () => resolve(false);
            };
            req.onerror = () => resolve(false);
          }),
        planId,
      );
    await expect.poll(remembered, { timeout: 5_000 }).toBe(true);
    expect(await obs.page.getByRole('region', { name: /Since you were last here/ }).count()).toBe(0);
    await obs.page.goto('about:blank');

    // While the observer is away: a budget changes and a comment arrives.
    const budget = ed.page.getByRole('spinbutton', { name: 'Activity 1.1.1.1 planned budget' });
    await budget.fill('12000');
    await budget.press('Tab');
    await ed.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
    const plan = suite.server.store.get(planId);
    expect(plan).toBeTruthy();
    const outcomeId = await ed.page.locator('div.node[data-kind="outcome"]').getAttribute('data-id');
    const res = await fetch(`${suite.server.url}/api/plans/${planId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor(planId, 'editor')}`, 'content-type': 'application/json', 'x-actor-name': 'Amina' },
      body: JSON.stringify({ targetKind: 'outcome', targetId: outcomeId, body: 'Licensing needs a budget line of its own.' }),
    });
    expect(res.status).toBe(201);

    // Back, on the scoring view (which does not load the diff's texts): the summary says what
    // changed, in the plan's terms, worded from the diff's codes (L15: its texts load with it).
    await obs.page.goto(`${suite.server.url}/plans/${planId}#strategic-goals`);
    const since = obs.page.getByRole('region', { name: /Since you were last here/ });
    await since.waitFor();
    // L100: the amounts as the reader's locale writes money (Intl), both in full.
    const usd = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(n);
    const budgetLine = since.getByRole('button', { name: `activity 1.1.1.1 "Train labour inspectors" budget ${usd(15_000)} → ${usd(12_000)}` });
    await budgetLine.waitFor();
    const commentLine = since.getByRole('button', { name: '1 new comment on outcome 1.1 "Fair recruitment"' });
    await commentLine.waitFor();
    await screenshot(obs.page, 'since-last-here-360');
    await budgetLine.click();
    await obs.page.locator('div.node.selected[data-kind="activity"]').waitFor();
    await commentLine.click();
    const drawer = obs.page.getByRole('dialog', { name: 'Comments' });
    await drawer.getByText('Licensing needs a budget line of its own.').waitFor();
    await obs.page.keyboard.press('Escape');
    await obs.page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(obs.page, 'since-last-here-1280');
    await since.getByRole('button', { name: 'Dismiss the summary of changes' }).click();
    await since.waitFor({ state: 'detached' });
    expect([...ed.errors, ...obs.errors]).toEqual([]);
  }, 90_000);
});
