// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { announceIn } from '../../client/announcer.js';
import '../../client/components/rt-workspace.js';
import type { RtWorkspace } from '../../client/components/rt-workspace.js';

/** The sentences the region holds, in order. */
const said = (region: Element) => [...region.children].map((n) => n.textContent);

describe('the workspace\'s live region queues its sentences (L90)', () => {
  it('[L90] two announcements in the same tick both reach the region, as additions, in order (the page\'s own region)', async () => {
    const ws = document.createElement('rt-workspace') as RtWorkspace;
    // No plan to open here: the shell (with its region) shows as it does once an invite link checked out.
    (ws as unknown as { session: { gate: string } }).session.gate = 'ready';
    document.body.append(ws);
    await ws.updateComplete;
    const region = ws.renderRoot.querySelector('p[data-announce]')!;
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    // role=status is atomic by default: the region must read only what was added, not all of it again.
    expect(region.getAttribute('aria-atomic')).toBe('false');
    expect(region.getAttribute('aria-relevant')).toBe('additions');
    const added: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) added.push(n.textContent ?? '');
    });
    watch.observe(region, { childList: true, subtree: true, characterData: true });
    // A conflict notice (a part's event) and the connection's return, in one tick (the audit's case).
    region.dispatchEvent(new CustomEvent('announce', { detail: 'Conflicting change on activity 1.1.1.1.', bubbles: true, composed: true }));
    ws.announce('Connection back.');
    await ws.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    expect(said(region)).toEqual(['Conflicting change on activity 1.1.1.1.', 'Connection back.']);
    expect(added).toEqual(['Conflicting change on activity 1.1.1.1.', 'Connection back.']);
    // A re-render of the workspace keeps them.
    ws.requestUpdate();
    await ws.updateComplete;
    expect(said(region)).toEqual(['Conflicting change on activity 1.1.1.1.', 'Connection back.']);
    watch.disconnect();
    ws.remove();
  });

  it('[L90] a sentence still in the region is said again at the end, never held twice; only the last three stay', () => {
    const region = document.createElement('p');
    announceIn(region, 'a');
    announceIn(region, 'b');
    announceIn(region, 'a');
    expect(said(region)).toEqual(['b', 'a']);
    announceIn(region, 'c');
    announceIn(region, 'd');
    expect(said(region)).toEqual(['a', 'c', 'd']);
    expect(region.textContent).toBe('acd');
  });
});
