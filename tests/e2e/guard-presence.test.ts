import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';

const suite = useBrowserSuite();

const HOSTILE = 'red;position:fixed;inset:0;z-index:99999;background-image:url(http://evil.example/pixel.png)';

// Issue 12, "presence": a presence colour covered the whole page for every participant and made
// every browser fetch the attacker's URL; there was no Content-Security-Policy.
describe('guard: hostile presence in Chromium', () => {
  it('a hostile presence colour changes nothing on the page, and no request leaves for a foreign host', async () => {
    const planId = await createPlan(suite.server, 'Guarded plan');
    const person = await suite.join(planId, 'Grace');
    const requests: string[] = [];
    const violations: string[] = [];
    person.page.on('request', (r) => requests.push(r.url()));
    person.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const people = person.page.getByRole('list', { name: 'People here' });
    await people.getByText('Grace').waitFor();

    // The page is served with a strict policy, and the built client runs under it.
    const res = await fetch(`${suite.server.url}/plans/${planId}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");

    // An editor link holder announces themself with a hostile colour, then an honest person joins.
    const attacker = openProvider(syncUrl(suite.server), planId, new Y.Doc());
    const honest = openProvider(syncUrl(suite.server), planId, new Y.Doc());
    try {
      await Promise.all([waitSynced(attacker), waitSynced(honest)]);
      attacker.awareness.setLocalState({ user: { id: 'mallory', name: 'Mallory', color: HOSTILE, group: null }, view: '', focus: '' });
      honest.awareness.setLocalState({ user: { id: 'henry', name: 'Henry', color: '#2e7d32', group: null }, view: '', focus: '' });
      // Henry's presence arriving shows the page has processed the presence traffic after Mallory's.
      await people.getByText('Henry').waitFor();
      expect(await people.getByText('Mallory').count()).toBe(0);
      await waitFor(() => attacker.wsconnected === false, 'the attacker is closed');

      // Nothing covers the page: the element in the middle of the window is still the app's.
      const atCentre = await person.page.evaluate(() => {
        let el: Element | null = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
        while (el?.shadowRoot) {
          const inner: Element | null = el.shadowRoot.elementFromPoint(innerWidth / 2, innerHeight / 2);
          if (!inner || inner === el) break;
          el = inner;
        }
        return el ? getComputedStyle(el).position : 'none';
      });
      expect(atCentre).not.toBe('fixed');
      const avatarStyles = await people.locator('.avatar').evaluateAll((els) => els.map((e) => e.getAttribute('style') ?? ''));
      for (const s of avatarStyles) expect(s).toMatch(/^background: ?#[0-9a-fA-F]{6};?$/);
      expect(requests.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
      expect(violations).toEqual([]);
      expect(person.errors).toEqual([]);
    } finally {
      attacker.destroy();
      honest.destroy();
    }
  });
});

// Issue 12: the stock client printed the observer's token in the console on every connection
// ("Permission denied to access ws://...?token=...").
describe('guard: tokens never reach the console', () => {
  it('an observer whose write is refused sees the reason in the console, without its token', async () => {
    const planId = await createPlan(suite.server, 'Observed plan');
    const consoleLines: string[] = [];
    const observer = await suite.join(planId, 'Olu', { role: 'observer' });
    observer.page.on('console', (m) => consoleLines.push(m.text()));
    // Loading the page again: its first sync (and any write) is refused with "permission denied".
    await observer.page.reload();
    await observer.page.getByRole('status').filter({ hasText: 'Saved and live' }).waitFor();
    await observer.page.evaluate(() => {
      const find = (root: Document | ShadowRoot): Element | null => {
        for (const el of root.querySelectorAll('*')) {
          if (el.tagName === 'RT-TEXT') return el;
          const inner = el.shadowRoot ? find(el.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      (find(document) as unknown as { ytext: { insert(i: number, s: string): void } }).ytext.insert(0, 'FORCED ');
    });
    await expect.poll(() => consoleLines.some((l) => l.includes('observer link')), { timeout: 8_000 }).toBe(true);
    const token = tokenFor(planId, 'observer');
    expect(consoleLines.filter((l) => l.includes(token))).toEqual([]);
    expect(consoleLines.filter((l) => l.includes('token='))).toEqual([]);
  });
});
