import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { addActivityChain } from '../helpers/plan-content.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/** True when `text` holds `phrase` in one piece. */
const together = (text: string, phrase: string) => text.includes(phrase);

describe('typing together in Chromium (TX1, TX2, PR10)', () => {
  it('two people type into the same empty section at once: each one\'s words stay together, and each sees the other\'s caret', async () => {
    const planId = await createPlan(suite.server, 'Typing together');
    const a = await suite.join(planId, 'Amina', { hash: 'situation-analysis' });
    const b = await suite.join(planId, 'Bruno', { hash: 'situation-analysis', width: 360 });
    const boxA = a.page.getByRole('textbox', { name: 'Migration trends and how they interact with poverty and development' }).first();
    const boxB = b.page.getByRole('textbox', { name: 'Migration trends and how they interact with poverty and development' }).first();
    await boxA.click();
    await boxB.click();
    const mine = 'Migration data for policy making';
    const theirs = 'Diaspora associations abroad';
    await Promise.all([boxA.pressSequentially(mine, { delay: 15 }), boxB.pressSequentially(theirs, { delay: 15 })]);
    await expect.poll(async () => [await boxA.inputValue(), await boxB.inputValue()].every((v) => v.length === mine.length + theirs.length)).toBe(true);
    await expect.poll(async () => (await boxA.inputValue()) === (await boxB.inputValue())).toBe(true);
    const merged = await boxA.inputValue();
    expect(together(merged, mine), merged).toBe(true);
    expect(together(merged, theirs), merged).toBe(true);
    // Each sees the other's caret, in the other's colour, with their name.
    const caretOfBruno = a.page.locator('.rt-carets .rt-caret-name', { hasText: 'Bruno' });
    await caretOfBruno.waitFor();
    await b.page.locator('.rt-carets .rt-caret-name', { hasText: 'Amina' }).waitFor();
    const colour = await caretOfBruno.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toMatch(/^rgb\(/);
    // A selection is drawn too.
    await boxB.selectText();
    await expect.poll(() => a.page.locator('.rt-carets span[style*="background"]').count()).toBeGreaterThan(1);
    await screenshot(a.page, 'remote-caret-1280');
    await screenshot(b.page, 'remote-caret-360');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('conflict notices in Chromium (CF1, CF3-CF5)', () => {
  it('the phone sets 13,000 offline, the facilitator 14,000 online: both are told with both values, and one click takes the other', async () => {
    const planId = await createPlan(suite.server, 'Conflict plan');
    const doc = new Y.Doc();
    const seed = openProvider(syncUrl(suite.server), planId, doc);
    await waitSynced(seed);
    addActivityChain(doc, { budget: { amount: 10_000, currency: 'USD' } });
    const a = await suite.join(planId, 'Amina', { hash: 'implementation', role: 'facilitator' });
    const b = await suite.join(planId, 'Bruno', { hash: 'implementation', width: 360 });
    const budgetA = a.page.getByRole('spinbutton', { name: /^Activity [\d.]+ planned budget$/ });
    const budgetB = b.page.getByRole('spinbutton', { name: /^Activity [\d.]+ planned budget$/ });
    await expect.poll(() => budgetB.inputValue()).toBe('10000');
    seed.destroy(); // the server has the seed's rows: both browsers show them
    await b.context.setOffline(true);
    await b.page.getByRole('status').filter({ hasText: /^Offline/ }).waitFor();
    await budgetB.fill('13000');
    await budgetB.press('Tab');
    await b.page.getByRole('status').filter({ hasText: /^Offline: \d+ changes? kept on this device$/ }).waitFor();
    await budgetA.fill('14000');
    await budgetA.press('Tab');
    await a.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
    await b.context.setOffline(false);
    const noticeA = a.page.getByRole('region', { name: 'Conflicting changes' }).getByRole('listitem');
    const noticeB = b.page.getByRole('region', { name: 'Conflicting changes' }).getByRole('listitem');
    await noticeA.waitFor({ timeout: 10_000 });
    await noticeB.waitFor({ timeout: 10_000 });
    for (const n of [noticeA, noticeB]) {
      const text = await n.textContent();
      expect(text).toMatch(/activity 1\.1\.1\.1 "Print leaflets": budget/);
      // L100: the two values are money as the reader's locale writes it (Intl: "USD 13,000.00" in English).
      expect(text).toMatch(/USD\s1[34],000\.00/);
    }
    // Names come from presence or, when the other has not said who they are yet, the field history (FH2).
    await expect.poll(() => noticeA.textContent()).toContain('Bruno');
    await expect.poll(() => noticeB.textContent()).toContain('Amina');
    await screenshot(a.page, 'conflict-notice-1280');
    await screenshot(b.page, 'conflict-notice-360');
    // Whoever lost takes their value back with one click; both screens then show it.
    const shown = await budgetA.inputValue();
    const other = shown === '13000' ? '14000' : '13000';
    const loser = (await noticeA.textContent())!.includes('Your value was replaced') ? a : b;
    await loser.page.getByRole('region', { name: 'Conflicting changes' }).getByRole('button', { name: /^Use .* instead$/ }).click();
    await expect.poll(() => budgetA.inputValue()).toBe(other);
    await expect.poll(() => budgetB.inputValue()).toBe(other);
    await expect.poll(() => loser.page.getByRole('region', { name: 'Conflicting changes' }).getByRole('listitem').count()).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 60_000);
});
