import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import type { Role } from '../../shared/access.js';
import { createPlan, tokenFor } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/** Opens the plan with a `role` link as `name` (see useBrowserSuite().join). */
const open = (planId: string, role: Role, name: string, width = 1280) => suite.join(planId, name, { role, width, hash: undefined });

const SECTION = 'Migration trends and how they interact with poverty and development';
/** A presence value the observer sets after its forced write (see the barrier below). */
const BARRIER = 'barrier after the forced write';

describe('roles in Chromium', () => {
  it('an observer sees the plan read-only and its typing never reaches the editor', async () => {
    const planId = await createPlan(suite.server, 'Observed plan');
    const editor = await open(planId, 'editor', 'Edna');
    const observer = await open(planId, 'observer', 'Olu');
    await observer.page.getByRole('note').getByText('Observer:').waitFor();
    // Presence still shows the observer.
    await editor.page.getByRole('list', { name: 'People here' }).getByText('Olu').waitFor();

    // Live text reaches the observer, but its own boxes are read-only and nothing writes.
    await editor.page.getByRole('textbox', { name: SECTION }).fill('Remittances grew.');
    const box = observer.page.getByRole('textbox', { name: SECTION });
    await expect.poll(() => box.inputValue()).toBe('Remittances grew.');
    expect(await box.evaluate((el) => (el as HTMLTextAreaElement).readOnly)).toBe(true);
    expect(await observer.page.getByLabel('plan title').evaluate((el) => (el as HTMLInputElement).readOnly)).toBe(true);
    await box.focus();
    await observer.page.keyboard.type('Observer typing');
    expect(await box.inputValue()).toBe('Remittances grew.');
    for (const name of ['Undo', 'Share', 'Audit trail']) expect(await observer.page.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await observer.page.getByRole('button', { name: /^Add a background section/ }).count()).toBe(0);
    await observer.page.getByRole('link', { name: /Goals and priorities/ }).click();
    await observer.page.getByText('No goals yet').first().waitFor();
    expect(await observer.page.getByRole('button', { name: 'Add goal' }).count()).toBe(0);
    expect(await observer.page.getByLabel('New goal title').isVisible()).toBe(false);
    await observer.page.getByRole('link', { name: /Implementation/ }).first().click();
    await observer.page.getByText(/The matrix is empty/).waitFor();
    expect(await observer.page.getByRole('button', { name: 'Add goal' }).count()).toBe(0);
    await screenshot(observer.page, 'observer-1280');

    // Even a write forced into the observer's document is dropped by the server.
    await observer.page.getByRole('link', { name: /Preparation/ }).click();
    await observer.page.evaluate(
      ({ label, mark }) => {
        const find = (root: Document | ShadowRoot): Element | null => {
          for (const el of root.querySelectorAll('*')) {
            if (el.tagName === 'RT-TEXT' && (el as unknown as { label: string }).label === label) return el;
            const inner = el.shadowRoot ? find(el.shadowRoot) : null;
            if (inner) return inner;
          }
          return null;
        };
        const el = find(document) as unknown as { ytext: { insert(i: number, s: string): void }; ws: { setPresence(p: { focus: string }): void } };
        el.ytext.insert(0, 'FORCED ');
        // The barrier: a presence change sent on the same connection after the write.
        el.ws.setPresence({ focus: mark });
      },
      { label: SECTION, mark: BARRIER },
    );
    // The server handles a connection's frames in order and relays an accepted write before the
    // presence batch behind it: once the editor sees the barrier, the write has been decided.
    await expect.poll(() => editor.page.evaluate((mark) => {
      const find = (root: Document | ShadowRoot): { ws?: { awareness?: { getStates(): Map<number, { focus?: string }> } } } | null => {
        for (const el of root.querySelectorAll('*')) {
          if (el.tagName === 'RT-TEXT') return el as never;
          const inner = el.shadowRoot ? find(el.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      const states = find(document)?.ws?.awareness?.getStates();
      return [...(states?.values() ?? [])].some((s) => s.focus === mark);
    }, BARRIER)).toBe(true);
    expect(await editor.page.getByRole('textbox', { name: SECTION }).inputValue()).toBe('Remittances grew.');
    const stored = await (await fetch(`${suite.server.url}/api/plans/${planId}/export.json`, { headers: { authorization: `Bearer ${tokenFor(planId, 'editor')}` } })).json();
    expect(JSON.stringify(stored)).not.toContain('FORCED');
    expect(editor.errors).toEqual([]);
  }, 40_000);

  it('a facilitator shares links, issues and revokes one (its session is told), and reads the audit trail', async () => {
    const planId = await createPlan(suite.server, 'Shared plan');
    const fac = await open(planId, 'facilitator', 'Fatou');
    const obs = await open(planId, 'observer', 'Olu');
    await fac.context.grantPermissions(['clipboard-read', 'clipboard-write']);

    await fac.page.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => fac.page.getByLabel('Facilitator invite link').inputValue()).toContain(`/plans/${planId}?token=`);
    // This browser joined with the facilitator link only: it issues an editor link to send.
    await fac.page.getByRole('button', { name: 'New editor link' }).click();
    await expect.poll(() => fac.page.getByLabel('Editor invite link').inputValue()).toContain(`/plans/${planId}?token=`);
    await fac.page.getByRole('button', { name: 'Copy facilitator link' }).click();
    await fac.page.getByRole('button', { name: 'Copied facilitator link' }).waitFor();
    expect(await fac.page.evaluate(() => navigator.clipboard.readText())).toContain('?token=');
    await screenshot(fac.page, 'share-1280');

    // Revoke the observer link: the observer is disconnected and told.
    const links = fac.page.getByRole('table', { name: 'Invite links' });
    await links.getByRole('row').filter({ hasText: 'Observer' }).getByRole('button', { name: /^Revoke/ }).first().click();
    await fac.page.getByText(/Link revoked; 1 open session closed/).waitFor();
    await obs.page.getByText(/This link was revoked/).waitFor();

    // The audit trail lists it, and the CSV downloads.
    await fac.page.getByRole('button', { name: 'Audit trail' }).click();
    const audit = fac.page.getByRole('table', { name: 'Audit trail' });
    await audit.getByText('revoked an invite link').waitFor();
    await audit.getByText('created the plan').waitFor();
    const download = fac.page.waitForEvent('download');
    await fac.page.getByRole('link', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`audit-${planId}.csv`);
    await screenshot(fac.page, 'audit-1280');

    await fac.page.setViewportSize({ width: 360, height: 900 });
    await openPanel(fac.page, 'Share');
    await fac.page.getByLabel('Facilitator invite link').waitFor();
    await screenshot(fac.page, 'share-360');
    expect(await fac.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(fac.errors).toEqual([]);
  }, 40_000);
});
