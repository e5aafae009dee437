// @vitest-environment happy-dom
import * as Y from 'yjs';
import { ReactiveElement } from 'lit';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNode, addRequirement, initPlan, readPlan, setText } from '../../shared/model.js';
import { RtPoa } from '../../client/components/rt-poa.js';
import { RtText } from '../../client/components/rt-text.js';
import { Workspace } from '../../client/state/workspace.js';
import { link, localWorkspace, mount, settle } from './helpers.js';
import { afterPaint } from '../../client/sync/after-paint.js';

afterEach(() => document.body.replaceChildren());

async function poa(ws: Workspace) {
  const el = new RtPoa();
  el.ws = ws;
  await mount(el);
  return el;
}

const q = <T extends Element>(el: RtPoa, label: string) => el.shadowRoot!.querySelector<T>(`[aria-label="${label}"]`)!;
const reqs = (ws: Workspace) => readPlan(ws.doc).goals[0]!.requirements.map((r) => `${r.kind}: ${r.description}`);

describe("a goal's supporting requirements in the Plan of Action", () => {
  it('adds, changes and removes requirements through labelled controls', async () => {
    const ws = localWorkspace();
    addNode(ws.doc, { kind: 'goal', title: 'Lower remittance costs' }, ws.origin);
    const el = await poa(ws);
    expect(q(el, 'Supporting requirements of goal 1').children).toHaveLength(0);

    q<HTMLSelectElement>(el, 'Kind of the new requirement of goal 1').value = 'policy-change';
    q<HTMLInputElement>(el, 'New requirement of goal 1').value = '  Adopt a law on diaspora bonds ';
    q<HTMLFormElement>(el, 'Add a requirement to goal 1').requestSubmit();
    await settle(el);
    expect(reqs(ws)).toEqual(['policy-change: Adopt a law on diaspora bonds']);
    expect(q<HTMLInputElement>(el, 'New requirement of goal 1').value).toBe('');
    expect(q<HTMLInputElement>(el, 'Requirement 1 of goal 1').value).toBe('Adopt a law on diaspora bonds');

    // An empty description adds nothing.
    q<HTMLFormElement>(el, 'Add a requirement to goal 1').requestSubmit();
    await settle(el);
    expect(reqs(ws)).toHaveLength(1);

    const kind = q<HTMLSelectElement>(el, 'Kind of requirement 1 of goal 1');
    kind.value = 'technical-assistance';
    kind.dispatchEvent(new Event('change'));
    const text = q<HTMLInputElement>(el, 'Requirement 1 of goal 1');
    text.value = 'Advice on bond design';
    text.dispatchEvent(new Event('change'));
    await settle(el);
    expect(reqs(ws)).toEqual(['technical-assistance: Advice on bond design']);
    expect(q<HTMLSelectElement>(el, 'Kind of requirement 1 of goal 1').value).toBe('technical-assistance');

    ws.undo.stopCapturing();
    q<HTMLButtonElement>(el, 'Remove requirement 1 of goal 1').click();
    await settle(el);
    expect(reqs(ws)).toEqual([]);
    // Undo brings it back, as any change of this person's.
    ws.undo.undo();
    await settle(el);
    expect(reqs(ws)).toEqual(['technical-assistance: Advice on bond design']);
  });

  it('an observer sees the requirements locked and cannot change them', async () => {
    const editor = localWorkspace('Edna');
    const g = addNode(editor.doc, { kind: 'goal', title: 'Lower remittance costs' }, editor.origin);
    addRequirement(editor.doc, g.ok ? g.value : '', { kind: 'research-and-data', description: 'A survey of remittance corridors' }, editor.origin);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor.doc));
    const observer = new Workspace(doc, { id: 'p-olu', name: 'Olu', group: null, committee: 'none' }, null, { readonly: true });
    const el = await poa(observer);
    await settle(el);
    expect(el.hasAttribute('data-readonly')).toBe(true);
    const before = readPlan(doc);
    expect(q<HTMLInputElement>(el, 'Requirement 1 of goal 1').value).toBe('A survey of remittance corridors');
    expect(q<HTMLInputElement>(el, 'Requirement 1 of goal 1').readOnly).toBe(true);
    expect(q<HTMLSelectElement>(el, 'Kind of requirement 1 of goal 1').disabled).toBe(true);
    expect(q<HTMLSelectElement>(el, 'Kind of the new requirement of goal 1').disabled).toBe(true);
    expect(q<HTMLInputElement>(el, 'New requirement of goal 1').readOnly).toBe(true);
    expect(readPlan(doc)).toEqual(before);
  });
});

describe('typing in the Plan of Action renders nothing else (SPEC PP1)', () => {
  it('[PP1] a keystroke or a remote edit in a section renders no element, and my own caret moving redraws no box', async () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'National POA on M&D' });
    const ws = new Workspace(doc, { id: 'p-ana', name: 'Ana', group: 'government', committee: 'none' }, new Awareness(doc));
    ws.ensureParticipant();
    addNode(doc, { kind: 'goal', title: 'Lower remittance costs' }, ws.origin);
    addNode(doc, { kind: 'goal', title: 'Diaspora investment' }, ws.origin);
    const el = await poa(ws);
    await settle(el);
    const boxes = el.shadowRoot!.querySelectorAll('rt-text');
    expect(boxes.length).toBeGreaterThan(20);
    expect(el.shadowRoot!.querySelectorAll('rt-translations').length).toBeGreaterThan(10);
    // Every Lit render (update) of any element, by tag, from here on.
    const update = vi.spyOn(ReactiveElement.prototype as unknown as { update(c: unknown): void }, 'update');
    const renders = () => update.mock.contexts.map((c) => (c as unknown as HTMLElement).localName);
    const draws = vi.spyOn(RtText.prototype as unknown as { drawCarets(): void }, 'drawCarets');
    try {
      const title = 'Migration trends and how they interact with poverty and development';
      const body = q<HTMLTextAreaElement>(el, title);
      body.focus();
      const shared: number[] = [];
      ws.awareness!.on('update', () => shared.push(1));
      for (const ch of 'Remit') {
        body.dispatchEvent(new Event('beforeinput', { bubbles: true }));
        body.value += ch;
        body.setSelectionRange(body.value.length, body.value.length);
        body.dispatchEvent(new Event('input', { bubbles: true }));
        body.dispatchEvent(new Event('keyup', { bubbles: true }));
        await settle(el);
        // MP7: the caret is shared after the frame that shows the key; wait for that frame.
        await new Promise<void>((r) => afterPaint(r));
      }
      // My caret is shared once per keystroke (the keyup's unchanged caret sends nothing).
      expect(shared).toHaveLength(5);
      expect(readPlan(doc).sections.find((s) => s.id === 'bg-trends')!.body).toBe('Remit');
      // Nothing rendered: not the view, not the translation buttons, not the other boxes, not the box itself.
      expect(renders()).toEqual([]);
      // Only the typed box drew carets (one per keystroke, in its own write), no other box.
      expect(draws.mock.contexts.every((box) => box === body.closest('rt-text'))).toBe(true);
      expect(draws).toHaveBeenCalledTimes(5);

      // A remote edit of another section's text renders nothing either; its box follows its Y.Text.
      const other = new Y.Doc();
      link(doc, other);
      setText(other, { kind: 'section', id: 'bg-frameworks', field: 'body' }, 'A national development plan', { source: 'local', userId: 'peer' });
      await settle(el);
      expect(renders()).toEqual([]);
      expect(q<HTMLTextAreaElement>(el, 'National planning instruments and the framework chosen for this work').value).toBe('A national development plan');

      // Someone else's presence changing does redraw the boxes (their carets may have moved).
      draws.mockClear();
      const peer = new Awareness(other);
      peer.setLocalState({ user: { name: 'Peer', color: '#336699' } });
      applyAwarenessUpdate(ws.awareness!, encodeAwarenessUpdate(peer, [peer.clientID]), 'remote');
      expect(draws.mock.calls.length).toBe(boxes.length);
      peer.destroy();

      // A change the view shows (a section's title) renders it again.
      setText(other, { kind: 'section', id: 'bg-trends', field: 'title' }, 'Migration trends', { source: 'local', userId: 'peer' });
      await settle(el);
      expect(renders()).toContain('rt-poa');
      // Its boxes get new reference objects naming the same texts: only the box whose label changed
      // (the retitled section's text) renders, not every box of the view.
      expect(renders().filter((n) => n === 'rt-text')).toHaveLength(1);
    } finally {
      update.mockRestore();
      draws.mockRestore();
    }
  });
});
