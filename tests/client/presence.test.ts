// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { initPlan } from '../../shared/model.js';
import { RtPresence, safeColour } from '../../client/components/rt-presence.js';
import { Workspace } from '../../client/state/workspace.js';
import { mount } from './helpers.js';

const HOSTILE = 'red;position:fixed;inset:0;background-image:url(http://evil.example/x.png)';

/** A peer's presence as it would arrive from the network (whatever the server let through). */
function peer(awareness: Awareness, clientId: number, state: unknown): void {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const other = new Awareness(doc);
  other.setLocalState(state as Record<string, unknown>);
  applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [clientId]), 'remote');
  other.destroy();
}

// Defence in depth for issue 12's hostile presence colour: even a state the server should have
// refused is never shown, and no colour but #rrggbb reaches a style.
describe('presence in the browser', () => {
  it('[PR2] shows only well-shaped presence, and the avatar style carries only a #rrggbb colour', async () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'Plan' });
    const awareness = new Awareness(doc);
    const ws = new Workspace(doc, { id: 'p-ana', name: 'Ana', group: 'government', committee: 'none' }, awareness);
    peer(awareness, 501, { user: { id: 'mallory', name: 'Mallory', color: HOSTILE, group: null }, view: '', focus: '' });
    peer(awareness, 502, { name: 'Legacy shape' });
    peer(awareness, 503, { user: { id: 'henry', name: 'Henry', color: '#2e7d32', group: null }, view: 'Monitoring', focus: '' });
    expect(ws.people().map((p) => p.user.name)).toEqual(['Ana', 'Henry']);

    const el = await mount(Object.assign(new RtPresence(), { ws }));
    const avatars = [...el.querySelectorAll('.avatar')].map((a) => a.getAttribute('style') ?? '');
    expect(avatars).toHaveLength(2);
    for (const s of avatars) expect(s).toMatch(/^background: ?#[0-9a-fA-F]{6};?$/);
    expect(el.textContent).not.toContain('Mallory');
    expect(safeColour(HOSTILE)).toBe('#6b7280');
    expect(safeColour('#2e7d32')).toBe('#2e7d32');
    el.remove();
    awareness.destroy();
    ws.destroy();
  });
});
