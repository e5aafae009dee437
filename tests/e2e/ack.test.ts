import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { holdAppends } from '../helpers/held-appends.js';
import { createPlan } from '../helpers/test-server.js';

const suite = useBrowserSuite();

describe('acknowledged saves in the browser', () => {
  it('while the server has not stored an edit the status counts it unsaved; once stored it says Saved', async () => {
    const hold = holdAppends(suite.server.store);
    try {
      const planId = await createPlan(suite.server, 'Held plan');
      const a = await suite.join(planId, 'Amina', { width: 360 });
      hold.hold();
      await a.page.getByLabel('plan title').fill('Held plan, renamed');
      const status = a.page.getByRole('status').filter({ hasText: /^Live: \d+ changes? not saved yet$/ });
      await status.waitFor();
      await expect.poll(() => hold.waiting).toBeGreaterThan(0);
      await screenshot(a.page, 'ack-unsaved-360');
      // Still unsaved while the append is held (checked after the server got the edit).
      expect(await a.page.getByRole('status').filter({ hasText: 'Saved and live' }).count()).toBe(0);
      hold.release();
      await a.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
      await screenshot(a.page, 'ack-saved-360');
      expect(a.errors).toEqual([]);
    } finally {
      hold.release();
    }
  }, 40_000);
});
