// @vitest-environment happy-dom
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getText, setCriteriaAgreement, setText } from '../../shared/model.js';
import { inputEdit, transformCaret } from '../../client/state/caret.js';
import { RtText } from '../../client/components/rt-text.js';
import { RtTranslations } from '../../client/components/rt-translations.js';
import { addNode } from '../../shared/commands/nodes.js';
import { readPlan } from '../../shared/schema/read.js';
import { link, localWorkspace, mount, settle } from './helpers.js';
import { Awareness } from 'y-protocols/awareness';
import { Workspace } from '../../client/state/workspace.js';
import { afterPaint } from '../../client/sync/after-paint.js';
import { caretIndex } from '../../client/state/remote-carets.js';
import type { CaretPos } from '../../shared/presence.js';

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

/** Types like a browser: beforeinput with the selection before, the new value and caret, then input. */
function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string, caret: number, inputType = 'insertText'): void {
  input.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, inputType }));
  input.value = value;
  input.setSelectionRange(caret, caret);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
}

describe('text binding by input events (TX)', () => {
  it('TX1: the edit of an input event is taken from the selection before it, not from a whole-value diff', () => {
    // Typing "a" between the two a's of "aa": a whole-value diff would put it at the end.
    expect(inputEdit({ value: 'aa', start: 1, end: 1 }, 'aaa', 2, 'insertText')).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(inputEdit({ value: 'abc', start: 1, end: 3 }, 'aXY', 3, 'insertFromPaste')).toEqual({ index: 1, remove: 2, insert: 'XY' });
    expect(inputEdit({ value: 'aab', start: 2, end: 2 }, 'ab', 1, 'deleteContentBackward')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(inputEdit({ value: 'abb', start: 1, end: 1 }, 'ab', 1, 'deleteContentForward')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(inputEdit({ value: 'one two', start: 7, end: 7 }, 'one ', 4, 'deleteWordBackward')).toEqual({ index: 4, remove: 3, insert: '' });
    // Nothing explains it (an undo of the browser, a spelling replacement elsewhere): null, the caller diffs.
    expect(inputEdit({ value: 'abc', start: 3, end: 3 }, 'xbc', 1, 'insertReplacementText')).toBeNull();
  });

  it('TX1: typing writes one insert at the caret, also where a whole-value diff would guess wrong', async () => {
    const ws = localWorkspace();
    const el = new RtText();
    el.ws = ws;
    el.ref = { kind: 'plan', field: 'title' };
    await mount(el);
    const ytext = getText(ws.doc, el.ref)!;
    setText(ws.doc, el.ref, 'aa', ws.origin);
    await settle(el);
    const input = el.field as HTMLInputElement;
    input.focus();
    input.setSelectionRange(1, 1);
    const deltas: unknown[] = [];
    ytext.observe((e) => deltas.push(e.delta));
    typeInto(input, 'aaa', 2);
    expect(deltas).toEqual([[{ retain: 1 }, { insert: 'a' }]]);
    // An IME composition is one edit from its start to its end.
    input.setSelectionRange(3, 3);
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    input.value = 'aaaに';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertCompositionText', isComposing: true }));
    input.value = 'aaa日本';
    input.setSelectionRange(5, 5);
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    expect(ytext.toString()).toBe('aaa日本');
    expect(deltas[1]).toEqual([{ retain: 3 }, { insert: '日本' }]);
  });

  it('TX2: text someone inserts right at my caret goes after it, so my next word continues mine', async () => {
    const ws = localWorkspace();
    const el = new RtText();
    el.ws = ws;
    el.ref = { kind: 'section', id: ws.store.plan.sections[0]!.id, field: 'body' };
    el.multiline = true;
    await mount(el);
    const remote = new Y.Doc();
    link(ws.doc, remote);
    const box = el.field as HTMLTextAreaElement;
    box.focus();
    box.setSelectionRange(0, 0);
    typeInto(box, 'Mig', 3);
    const other = getText(remote, el.ref)!;
    remote.transact(() => other.insert(3, 'Dia'));
    expect(box.value).toBe('MigDia');
    expect(box.selectionStart).toBe(3);
    typeInto(box, 'MigrationDia', 9);
    remote.transact(() => other.insert(12, 'spora'));
    expect(getText(ws.doc, el.ref)!.toString()).toBe('MigrationDiaspora');
  });
});

describe('the Translations editor writes nothing until someone types (L18)', () => {
  it('[L18] opening it leaves the doc untouched; the first character typed creates the record and goes into it, in the same box', async () => {
    const ws = localWorkspace('Amina', { facilitator: true });
    const goal = addNode(ws.doc, { kind: 'goal', title: 'Travail décent' }, ws.origin);
    expect(goal.ok).toBe(true);
    const el = new RtTranslations();
    el.ws = ws;
    el.kind = 'goal';
    el.targetId = goal.ok ? goal.value : '';
    el.field = 'title';
    el.name = 'goal 1';
    await mount(el);
    await settle(el);
    // [L131] Its name starts with what it shows and names the item (axe label-content-name-mismatch).
    const toggle = el.querySelector<HTMLButtonElement>('.tr-toggle')!;
    expect(toggle.getAttribute('aria-label')).toBe(`${toggle.textContent!.trim()}: goal 1`);
    const writes: Uint8Array[] = [];
    ws.doc.on('update', (u: Uint8Array) => writes.push(u));
    el.querySelector<HTMLButtonElement>('.tr-toggle')!.click();
    await settle(el);
    // Open: every language's box and the original's language are there, and nothing was written.
    const box = el.querySelector<RtText>('[data-lang="fr"] rt-text')!;
    expect(el.querySelectorAll('.tr-panel [data-lang]')).toHaveLength(3);
    expect(el.querySelector('.tr-panel select')).not.toBeNull();
    expect(box.field!.readOnly).toBe(false);
    expect(writes).toHaveLength(0);
    expect(readPlan(ws.doc).translations ?? []).toEqual([]);
    // Closing and opening again writes nothing either.
    el.querySelector<HTMLButtonElement>('.tr-toggle')!.click();
    el.querySelector<HTMLButtonElement>('.tr-toggle')!.click();
    await settle(el);
    expect(writes).toHaveLength(0);
    // The first character: one record, holding it; the same box keeps typing into it.
    const input = el.querySelector<RtText>('[data-lang="fr"] rt-text')!.field!;
    typeInto(input, 'T', 1);
    typeInto(input, 'Tr', 2);
    await settle(el);
    const records = readPlan(ws.doc).translations ?? [];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ targetKind: 'goal', targetId: el.targetId, field: 'title', fr: 'Tr' });
    expect(el.querySelector<RtText>('[data-lang="fr"] rt-text')!.field).toBe(input);
    expect(writes.length).toBeGreaterThan(0);
  });
});

describe('the caret is shared after the frame that shows the keys (SPEC MP7)', () => {
  it('[MP7] the caret of keys typed in one frame is shared once, after it; leaving the text before then shares none', async () => {
    const ws0 = localWorkspace('Ana');
    const awareness = new Awareness(ws0.doc);
    const ws = new Workspace(ws0.doc, { id: 'p-ana', name: 'Ana', group: 'government', committee: 'none' }, awareness);
    const el = new RtText();
    el.ws = ws;
    el.ref = { kind: 'plan', field: 'title' };
    await mount(el);
    const ytext = getText(ws.doc, el.ref)!;
    const input = el.field as HTMLInputElement;
    input.focus();
    const v = input.value;
    input.setSelectionRange(v.length, v.length);
    await settle(el);
    let changes = 0;
    awareness.on('change', () => changes++);
    const painted = () => new Promise<void>((r) => afterPaint(r));
    typeInto(input, `${v}a`, v.length + 1);
    typeInto(input, `${v}ab`, v.length + 2);
    typeInto(input, `${v}abc`, v.length + 3);
    expect(ytext.toString()).toBe(`${v}abc`);
    expect(changes).toBe(0);
    await painted();
    expect(changes).toBe(1);
    const caret = (awareness.getLocalState() as { caret: { head: CaretPos } }).caret;
    expect(caretIndex(ytext, caret.head)).toBe(v.length + 3);
    // A key, then the text is left before the frame: the caret goes at once and is not shared again.
    typeInto(input, `${v}abcd`, v.length + 4);
    input.blur();
    expect((awareness.getLocalState() as { caret?: unknown }).caret ?? null).toBeNull();
    const after = changes;
    await painted();
    expect(changes).toBe(after);
    expect((awareness.getLocalState() as { caret?: unknown }).caret ?? null).toBeNull();
    el.remove();
    awareness.destroy();
    ws.destroy();
    ws0.destroy();
  });
});
