import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/schema/types.js';
import path from 'node:path';
import { SCREENSHOTS, screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { pdfText, squash } from '../helpers/pdf-text.js';
import { auth, rememberLinks } from '../helpers/test-server.js';
import { handbookMatrix, handbookScoring } from '../shared/helpers/fixtures.js';

/** The handbook example: the matrix (output 1 = 39,000 USD) and the two scored goals (7 and 8). */
function handbookPlan(title: string): PlanData {
  const m = handbookMatrix();
  const s = handbookScoring();
  return { ...m, ...s, title, goals: [...m.goals, ...s.goals.map((g, i) => ({ ...g, order: `z${i + 1}` }))], outcomes: m.outcomes, outputs: m.outputs, activities: m.activities, currency: 'USD' };
}

const ATTACK = '<img src=x onerror="document.title=1"><script>window.pwned=1</script>Plan & "Action"';

describe('print view (export.html) in Chromium', () => {
  const suite = useBrowserSuite();

  async function importPlan(plan: PlanData): Promise<string> {
    const res = await fetch(`${suite.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    const body = (await res.json()) as { id: string; links: Record<Role, string> };
    expect(res.status, JSON.stringify(body)).toBe(201);
    rememberLinks(body);
    return body.id;
  }

  it('prints the handbook plan at A4 landscape: escaped titles, no buttons, merged matrix cells, repeated headers, a PDF with the goal titles', async () => {
    const plan = handbookPlan(ATTACK);
    const id = await importPlan(plan);
    const page = await suite.browser.newPage({ viewport: { width: 1123, height: 794 } });
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    page.on('pageerror', (e) => console.push(e.message));
    await page.setExtraHTTPHeaders(auth(id, 'observer'));
    const res = await page.goto(`${suite.server.url}/api/plans/${id}/export.html`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");

    // The attacker's title is text, not markup.
    await expect(page.locator('h1').textContent()).resolves.toBe(ATTACK);
    expect(await page.locator('img, script, iframe, object').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.title()).toContain('Plan of Action: <img');
    // A document, not the editing UI.
    expect(await page.locator('button, input, select, textarea, [contenteditable]').count()).toBe(0);
    expect(await page.locator('[dir="auto"]').count()).toBeGreaterThan(20);

    const matrix = page.locator('section[aria-labelledby="p3"] table');
    await expect(matrix.locator('thead th').count()).resolves.toBe(11);
    const output1 = matrix.locator('td', { hasText: 'Government policy on remittances and development adopted and launched' });
    await expect(output1.getAttribute('rowspan')).resolves.toBe('4');
    await expect(output1.textContent()).resolves.toContain('Planned 39,000 USD');
    await expect(matrix.locator('td', { hasText: 'Increased developmental impact of remittances' }).getAttribute('rowspan')).resolves.toBe('14');
    const ranking = page.locator('section[aria-labelledby="p2"] table').first();
    await expect(ranking.locator('tbody tr').first().textContent()).resolves.toContain('8 of 8');
    await expect(ranking.locator('tbody tr').nth(1).textContent()).resolves.toContain('7 of 8');

    // Print media at A4 landscape width: nothing wider than the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.hint').isVisible()).toBe(false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'print-view-a4-landscape');
    await page.locator('section[aria-labelledby="p3"]').screenshot({ path: path.join(SCREENSHOTS, 'print-view-matrix.png') });

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const g of plan.goals) expect(text, g.title).toContain(squash(g.title));
    expect(text).toContain(squash('Planned 39,000 USD'));
    expect(text).toContain(squash('Implementation Plan Matrix'));
    // The server's CSP let the page do everything it needed: no violation reported.
    expect(console.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
    await page.close();
  });

  it('prints an endorsed snapshot with its checksum, and refuses an unknown review period', async () => {
    const id = await importPlan(handbookPlan('Endorsed plan'));
    const snap = await fetch(`${suite.server.url}/api/plans/${id}/snapshots`, {
      method: 'POST',
      headers: { ...auth(id, 'facilitator'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cabinet text', status: 'endorsed' }),
    });
    expect(snap.status).toBe(201);
    const meta = (await snap.json()) as { id: string; sha256: string };
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.setExtraHTTPHeaders(auth(id, 'observer'));
    expect((await page.goto(`${suite.server.url}/api/plans/${id}/snapshots/${meta.id}/export.html`))?.status()).toBe(200);
    await expect(page.locator('.endorsed').textContent()).resolves.toContain(meta.sha256);
    await expect(page.locator('.cover').textContent()).resolves.toContain('Endorsed version "Cabinet text"');
    // The phone layout scrolls the wide tables inside their own box, not the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'print-view-phone');
    const bad = await fetch(`${suite.server.url}/api/plans/${id}/export.html?period=nope`, { headers: auth(id, 'observer') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unknown_period', message: expect.stringContaining('no review periods yet') });
    await page.close();
  });
});
