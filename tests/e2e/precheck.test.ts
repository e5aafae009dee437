import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan, syncUrl, tokenFor } from '../helpers/test-server.js';
import { fill, fr, pick } from '../helpers/i18n-e2e.js';

const suite = useBrowserSuite();

// Issue 12 / SPEC G7: the browser judges its own changes with the update gate's rules before
// sending (client/sync/precheck.ts). A change the server would refuse (here an editor writing an
// agreed score, which the UI never offers, so it is written straight into the page's doc) is not
// sent: the page explains the refusal instead of being closed with 4422, and nobody receives it.
describe('the browser checks its changes before sending', () => {
  it('an editor\'s agreed score is refused in the page with its rule, and never reaches the server', async () => {
    const planId = await createPlan(suite.server, 'Checked plan');
    const person = await suite.join(planId, 'Edith');
    // In French (L25): the gate's words are not in the first screen (BL5 test); they load for the refusal.
    await pick(person.page, 'fr');
    const watcher = openProvider(syncUrl(suite.server), planId, new Y.Doc(), tokenFor(planId, 'observer'));
    try {
      await waitSynced(watcher);
      const written = await person.page.evaluate(() => {
        // Find the workspace element (through shadow roots) and its live doc.
        const find = (root: Document | ShadowRoot): Element | null => {
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (el.tagName === 'RT-WORKSPACE') return el;
            const inner = el.shadowRoot && find(el.shadowRoot);
            if (inner) return inner;
          }
          return null;
        };
        const ws = find(document) as unknown as { session: { conn: { doc: { getMap(n: string): { set(k: string, v: unknown): void } } } } } | null;
        if (!ws) return false;
        ws.session.conn.doc.getMap('agreed').set('g1:crit-national-priority', { value: 2 });
        return true;
      });
      expect(written).toBe(true);
      const alert = person.page.getByRole('alert').filter({ hasText: 'G7' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(fill(fr.shell.refusals.precheck, { rule: 'G7', reason: fr.gate.G7['agreed-score'] }));
      await person.page.screenshot({ path: 'test-results/precheck-refusal.png' });
      // A later honest edit by someone else reaches the watcher; the agreed score never did.
      const other = openProvider(syncUrl(suite.server), planId, new Y.Doc(), tokenFor(planId, 'editor'));
      try {
        await waitSynced(other);
        (other.doc.getMap('sections').get('bg-trends') as Y.Map<Y.Text>).get('body')!.insert(0, 'barrier');
        await waitFor(() => ((watcher.doc.getMap('sections').get('bg-trends') as Y.Map<Y.Text> | undefined)?.get('body')?.toString() ?? '') === 'barrier', 'the barrier');
        expect(watcher.doc.getMap('agreed').size).toBe(0);
      } finally {
        other.destroy();
      }
      expect(person.errors).toEqual([]);
    } finally {
      watcher.destroy();
    }
  }, 60_000);
});
