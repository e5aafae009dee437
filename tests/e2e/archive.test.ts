import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIndicator, addNode, localOrigin } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

describe('archive bin in Chromium, two people', () => {
  it('A archives a goal with rows under it (after a keyboard confirmation); B sees who did it and restores it with one click', async () => {
    const planId = await createPlan(suite.server, 'Archive plan');
    const doc = new Y.Doc();
    const seed = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(seed);
    const origin = localOrigin('seed');
    const must = (r: { ok: boolean; value?: unknown }) => r.value as string;
    const goal = must(addNode(doc, { kind: 'goal', title: 'Decent work abroad' }, origin));
    const outcome = must(addNode(doc, { kind: 'outcome', parentId: goal, title: 'Fair recruitment' }, origin));
    must(addIndicator(doc, { nodeId: outcome, name: 'Agencies licensed (%)' }, origin));
    must(addNode(doc, { kind: 'goal', title: 'Skills partnerships' }, origin));
    seed.destroy();

    const a = await suite.join(planId, 'Amina', { hash: 'strategic-goals' });
    const b = await suite.join(planId, 'Bruno', { hash: 'strategic-goals', width: 360 });
    await openPanel(b.page, 'Archive bin');
    await b.page.getByText('Nothing is archived.').waitFor();
    await screenshot(b.page, 'archive-bin-empty-360');

    // Cancelling with Escape archives nothing.
    await a.page.getByRole('button', { name: 'Archive goal Decent work abroad' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Archive goal “Decent work abroad”?' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/1 row \(outcomes, outputs or activities\) and 1 indicator under it/);
    await a.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await a.page.getByRole('textbox', { name: 'title of goal 1' }).inputValue()).toBe('Decent work abroad');
    // Again, confirmed from the keyboard: focus starts on Cancel, Tab reaches the archive button.
    await a.page.getByRole('button', { name: 'Archive goal Decent work abroad' }).click();
    await dialog.waitFor();
    await screenshot(a.page, 'archive-confirm-1280');
    await a.page.keyboard.press('Tab');
    await a.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => a.page.getByRole('textbox', { name: 'title of goal 1' }).inputValue()).toBe('Skills partnerships');

    // B's bin lists it live, with who archived it.
    const item = b.page.getByRole('list', { name: 'Archived items' }).getByRole('listitem').filter({ hasText: 'Decent work abroad' });
    await item.waitFor();
    await expect.poll(() => item.textContent(), { timeout: 5_000 }).toMatch(/Archived by Amina \(editor\) on/);
    await screenshot(b.page, 'archive-bin-360');
    await item.getByRole('button', { name: 'Restore goal Decent work abroad' }).click();
    await b.page.getByText('Nothing is archived.').waitFor();
    await expect.poll(() => a.page.getByRole('textbox', { name: 'title of goal 1' }).inputValue(), { timeout: 5_000 }).toBe('Decent work abroad');
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 60_000);
});
