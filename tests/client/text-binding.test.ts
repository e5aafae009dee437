// @vitest-environment happy-dom
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getText, setCriteriaAgreement, setText } from '../../shared/model.js';
import { transformCaret } from '../../client/state/caret.js';
import { RtText } from '../../client/components/rt-text.js';
import { link, localWorkspace, mount, settle } from './helpers.js';

afterEach(() => document.body.replaceChildren());

async function titleField(ws = localWorkspace()) {
  const el = new RtText();
  el.ws = ws;
  el.ref = { kind: 'plan', field: 'title' };
  el.label = 'plan title';
  await mount(el);
  const input = el.field as HTMLInputElement;
  return { el, input, ws, ytext: getText(ws.doc, { kind: 'plan', field: 'title' })! };
}

describe('caret transform', () => {
  it('moves with inserts and deletes before it, not after it', () => {
    expect(transformCaret(5, [{ insert: 'ab' }])).toBe(7);
    expect(transformCaret(5, [{ retain: 6 }, { insert: 'ab' }])).toBe(5);
    expect(transformCaret(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformCaret(2, [{ retain: 1 }, { delete: 3 }])).toBe(1);
    expect(transformCaret(3, [{ retain: 3 }, { insert: 'x' }], -1)).toBe(3);
  });
});

describe('<rt-text> bound to a Y.Text', () => {
  it('shows the text and typing writes one minimal insert', async () => {
    const { input, ytext, el } = await titleField();
    expect(input.value).toBe('National POA on M&D');
    const deltas: unknown[] = [];
    ytext.observe((e) => deltas.push(e.delta));
    input.focus();
    input.value = 'National POA on M&D!';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(ytext.toString()).toBe('National POA on M&D!');
    expect(deltas).toEqual([[{ retain: 19 }, { insert: '!' }]]);
    // Typing in the middle deletes/inserts only what changed.
    input.value = 'National Plan on M&D!';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(deltas[1]).toEqual([{ retain: 10 }, { delete: 2 }, { insert: 'lan' }]); // "POA" -> "Plan" keeps the shared "P"
    await settle(el);
    expect(input.value).toBe('National Plan on M&D!');
  });

  it('a remote insert before the caret keeps the caret on the same character', async () => {
    const { input, ws, el } = await titleField();
    const remote = new Y.Doc();
    link(ws.doc, remote);
    input.focus();
    // Caret between "POA" and " on": just before the space at index 12.
    input.setSelectionRange(12, 12);
    const charAfter = input.value[12];
    setText(remote, { kind: 'plan', field: 'title' }, 'Draft: National POA on M&D', { source: 'local', userId: 'other' });
    expect(input.value).toBe('Draft: National POA on M&D');
    expect(input.selectionStart).toBe(19);
    expect(input.value[input.selectionStart!]).toBe(charAfter);
    // A remote edit after the caret leaves it alone.
    setText(remote, { kind: 'plan', field: 'title' }, 'Draft: National POA on M&D 2027', { source: 'local', userId: 'other' });
    expect(input.selectionStart).toBe(19);
    await settle(el);
    expect(input.selectionStart).toBe(19);
  });

  it('a selection survives a remote delete before it', async () => {
    const { input, ws } = await titleField();
    const remote = new Y.Doc();
    link(ws.doc, remote);
    input.focus();
    input.setSelectionRange(13, 15); // "on"
    setText(remote, { kind: 'plan', field: 'title' }, 'POA on M&D', { source: 'local', userId: 'other' });
    expect(input.value.slice(input.selectionStart!, input.selectionEnd!)).toBe('on');
  });

  it('undo reverts only this person\'s typing', async () => {
    const { input, ws, ytext } = await titleField();
    const remote = new Y.Doc();
    link(ws.doc, remote);
    input.value = 'National POA on M&D 2027';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setText(remote, { kind: 'plan', field: 'title' }, 'Draft National POA on M&D 2027', { source: 'local', userId: 'other' });
    ws.undo.undo();
    expect(ytext.toString()).toBe('Draft National POA on M&D');
    expect(input.value).toBe('Draft National POA on M&D');
  });

  it('a reference that does not exist is shown read-only', async () => {
    const ws = localWorkspace();
    const el = new RtText();
    el.ws = ws;
    el.ref = { kind: 'criterion', id: 'does-not-exist', field: 'title' };
    await mount(el);
    expect((el.field as HTMLInputElement).readOnly).toBe(true);
  });

  it('a refused write (criteria locked by both committees) restores the text and says why', async () => {
    const ws = localWorkspace();
    const crit = ws.store.plan.criteria[0]!;
    expect(setCriteriaAgreement(ws.doc, 'imc', true, ws.origin).ok).toBe(true);
    expect(setCriteriaAgreement(ws.doc, 'ncc', true, ws.origin).ok).toBe(true);
    const el = new RtText();
    el.ws = ws;
    el.ref = { kind: 'criterion', id: crit.id, field: 'title' };
    el.label = 'criterion 1 title';
    await mount(el);
    const input = el.field as HTMLInputElement;
    // Not marked read-only by a parent: the box takes the typing, the plan refuses it.
    expect(input.readOnly).toBe(false);
    input.focus();
    input.value = `${crit.title} changed`;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(input.value).toBe(crit.title);
    await settle(el);
    expect(getText(ws.doc, el.ref)!.toString()).toBe(crit.title);
    expect(input.value).toBe(crit.title);
    expect(el.querySelector('[role="alert"]')?.textContent).toMatch(/agreed|locked/i);
  });
});
