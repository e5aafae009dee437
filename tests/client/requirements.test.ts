// @vitest-environment happy-dom
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNode, addRequirement, readPlan } from '../../shared/model.js';
import { RtPoa } from '../../client/components/rt-poa.js';
import { Workspace } from '../../client/state/workspace.js';
import { localWorkspace, mount, settle } from './helpers.js';

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
