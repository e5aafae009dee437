// @vitest-environment happy-dom
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { html, render } from 'lit';
import { addNode, addParticipant, readPlan, setNodeField } from '../../shared/model.js';
import { RtMatrix } from '../../client/components/rt-matrix.js';
import { RtScoring } from '../../client/components/rt-scoring.js';
import { renderDiff, type DiffResult } from '../../client/components/rt-versions.js';
import { Workspace } from '../../client/state/workspace.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(() => document.body.replaceChildren());

/** Every element matching `selector` under `root`, including inside nested shadow roots. */
function deepAll<T extends Element>(root: ParentNode, selector: string): T[] {
  const found = [...root.querySelectorAll<T>(selector)];
  for (const host of root.querySelectorAll('*')) if (host.shadowRoot) found.push(...deepAll<T>(host.shadowRoot, selector));
  return found;
}

/** A plan with one goal > outcome > output > activity (budget 15,000 USD), seen read-only. */
function observed(): { editor: Workspace; observer: Workspace } {
  const editor = localWorkspace('Edna');
  const g = addNode(editor.doc, { kind: 'goal', title: 'Remittances' }, editor.origin);
  const oc = addNode(editor.doc, { kind: 'outcome', parentId: g.ok ? g.value : '', title: 'Cheaper' }, editor.origin);
  const out = addNode(editor.doc, { kind: 'output', parentId: oc.ok ? oc.value : '', title: 'Compare' }, editor.origin);
  const act = addNode(editor.doc, { kind: 'activity', parentId: out.ok ? out.value : '', title: 'Website' }, editor.origin);
  if (act.ok) setNodeField(editor.doc, act.value, 'budget', { amount: 15_000, currency: 'USD' }, editor.origin);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor.doc));
  const observer = new Workspace(doc, { id: 'p-olu', name: 'Olu', group: null, committee: 'none' }, null, { readonly: true });
  return { editor, observer };
}

describe('read-only views (observers, opened snapshots)', () => {
  it('the matrix shows everything with every control locked', async () => {
    const { observer } = observed();
    const el = new RtMatrix();
    el.ws = observer;
    await mount(el);
    await settle(el);
    expect(el.hasAttribute('data-readonly')).toBe(true);
    const budget = el.shadowRoot!.querySelector<HTMLInputElement>('input[aria-label$="planned budget"]')!;
    expect(budget.value).toBe('15000');
    expect(budget.readOnly).toBe(true);
    const texts = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('rt-text input')];
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.readOnly)).toBe(true);
    // Every form control, in the view and in its parts, is read-only or disabled.
    const controls = deepAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el.shadowRoot!, 'input, textarea, select').filter((c) => !c.hasAttribute('data-nav'));
    expect(controls.length).toBeGreaterThan(texts.length);
    const unlocked = controls.filter((c) => !(c.disabled || ('readOnly' in c && c.readOnly)));
    expect(unlocked.map((c) => c.getAttribute('aria-label') ?? c.outerHTML)).toEqual([]);
    // Write buttons are hidden; only buttons that change what is shown stay visible.
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
    const write = buttons.filter((b) => !b.hasAttribute('data-nav'));
    expect(write.length).toBeGreaterThan(0);
    expect(write.filter((b) => getComputedStyle(b).display !== 'none').map((b) => b.textContent!.trim())).toEqual([]);
    const open = buttons.filter((b) => b.hasAttribute('data-nav'));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((b) => getComputedStyle(b).display !== 'none')).toBe(true);
  });

  it('an observer cannot score with the keyboard and is not added to the register', async () => {
    const { observer } = observed();
    // Olu was a scoring participant before becoming an observer: the plan itself would take
    // a score of hers, so only the view's observer guard stands in the way.
    const olu = observer.identity;
    expect(addParticipant(observer.doc, { id: olu.id, name: olu.name, group: olu.group, committee: olu.committee }, observer.origin).ok).toBe(true);
    const before = readPlan(observer.doc);
    expect(observer.ensureParticipant()).toBe(true);
    const el = new RtScoring();
    el.ws = observer;
    await mount(el);
    const cell = el.shadowRoot!.querySelector<HTMLElement>('td.cell.active');
    expect(cell).not.toBeNull();
    cell!.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, composed: true }));
    await settle(el);
    expect(readPlan(observer.doc)).toEqual(before);
  });

  it('a text box of a read-only workspace never writes', async () => {
    const { observer } = observed();
    const el = new RtMatrix();
    el.ws = observer;
    await mount(el);
    const before = readPlan(observer.doc);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('rt-text input')!;
    input.value = 'typed anyway';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await settle(el);
    expect(readPlan(observer.doc)).toEqual(before);
    expect(input.value).not.toBe('typed anyway');
  });
});

describe('diff rendering', () => {
  it('groups changes by kind and shows text diffs as ins/del', () => {
    const diff: DiffResult = {
      from: 's1',
      to: 'live',
      counts: { added: 1, removed: 0, changed: 2, moved: 0 },
      changes: [
        {
          kind: 'changed',
          entity: { kind: 'activity', id: 'a', label: 'activity 1.1 "Wells"' },
          code: 'changed',
          params: { entity: { form: 'row', kind: 'activity', id: 'a', code: '1.1', name: 'Wells' }, field: 'budget' },
          field: 'budget',
          from: { amount: 15000, currency: 'USD' },
          to: { amount: 12000, currency: 'USD' },
          summary: 'activity 1.1 "Wells" budget 15,000 -> 12,000 USD',
        },
        { kind: 'added', entity: { kind: 'goal', id: 'g', label: 'goal "Water"' }, code: 'added', params: { entity: { form: 'row', kind: 'goal', id: 'g', name: 'Water' } }, summary: 'goal "Water" added' },
        {
          kind: 'changed',
          entity: { kind: 'section', id: 's', label: 'section "Trends"' },
          code: 'edited',
          params: { entity: { form: 'named', kind: 'section', id: 's', name: 'Trends' }, field: 'body' },
          field: 'body',
          summary: 'section Trends body edited',
          text: [
            { op: 'equal', text: 'Remittances ' },
            { op: 'delete', text: 'fell' },
            { op: 'insert', text: 'grew' },
          ],
        },
      ],
    };
    const host = document.createElement('div');
    render(html`${renderDiff(diff)}`, host);
    const groups = [...host.querySelectorAll('section.group')].map((g) => g.getAttribute('data-kind'));
    expect(groups).toEqual(['changed', 'added']);
    // L100: amounts in the reader's money format, as Intl writes it (en: "USD 15,000.00").
    const usd = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(n);
    expect(host.textContent).toContain(`activity 1.1 "Wells" budget ${usd(15_000)} → ${usd(12_000)}`);
    expect(host.textContent).toContain('section "Trends" body edited');
    expect(host.querySelector('ins')!.textContent).toBe('grew');
    expect(host.querySelector('del')!.textContent).toBe('fell');
  });

  it('says so when nothing differs', () => {
    const host = document.createElement('div');
    render(html`${renderDiff({ from: 'a', to: 'b', changes: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } })}`, host);
    expect(host.textContent).toContain('No differences');
  });
});

