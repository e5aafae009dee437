import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';

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
