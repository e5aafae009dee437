// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { addNode } from '../../shared/model.js';
import { PlanController } from '../../client/state/plan-controller.js';
import '../../client/components/rt-poa.js';
import { RtText } from '../../client/components/rt-text.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(() => document.body.replaceChildren());

/** Every custom element class the client's component modules define, by tag name. */
const modules = import.meta.glob<Record<string, unknown>>('../../client/components/*.ts', { eager: true });
function projectElements(): [string, typeof LitElement][] {
  const out: [string, typeof LitElement][] = [];
  for (const mod of Object.values(modules)) {
    for (const value of Object.values(mod)) {
      if (typeof value !== 'function' || !(value.prototype instanceof LitElement)) continue;
      const tag = customElements.getName(value as CustomElementConstructor);
      if (tag) out.push([tag, value as typeof LitElement]);
    }
  }
  return out;
}

describe('reactivity (no decorators, declare + static properties)', () => {
  it('setting a reactive property of a project component re-renders it', async () => {
    const el = new RtText();
    el.ws = localWorkspace();
    el.ref = { kind: 'plan', field: 'title' };
    el.label = 'first label';
    await mount(el);
    expect(el.field!.getAttribute('aria-label')).toBe('first label');
    el.label = 'second label';
    el.multiline = true;
    await el.updateComplete;
    expect(el.field!.tagName).toBe('TEXTAREA');
    expect(el.field!.getAttribute('aria-label')).toBe('second label');
  });

  it('no class field of a project component shadows its reactive accessors', () => {
    const elements = projectElements();
    expect(elements.length).toBeGreaterThan(20);
    const shadowed: string[] = [];
    for (const [tag, Ctor] of elements) {
      const el = document.createElement(tag);
      expect(el).toBeInstanceOf(Ctor);
      for (const name of Ctor.elementProperties.keys()) {
        if (Object.prototype.hasOwnProperty.call(el, name)) shadowed.push(`${tag}.${String(name)}`);
      }
    }
    expect(shadowed).toEqual([]);
  });

  it('a view re-renders on a doc change and unsubscribes when it disconnects', async () => {
    const ws = localWorkspace();
    const before = ws.store.listenerCount;
    const el = await mount(Object.assign(document.createElement('rt-poa'), { ws }));
    await settle(el);
    expect(ws.store.listenerCount).toBeGreaterThan(before);
    addNode(ws.doc, { kind: 'goal', title: 'Support refugees, returnees and IDPs' }, ws.origin);
    await settle(el);
    expect(el.shadowRoot!.textContent).toContain('Support refugees, returnees and IDPs');
    el.remove();
    expect(ws.store.listenerCount).toBe(before);
  });

  it('the plan controller follows a swapped store', async () => {
    const a = localWorkspace('Ana');
    const b = localWorkspace('Ben');
    let updates = 0;
    const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
    const ctl = new PlanController(host);
    ctl.store = a.store;
    ctl.hostConnected();
    ctl.store = b.store;
    expect(a.store.listenerCount).toBe(0);
    expect(b.store.listenerCount).toBe(1);
    addNode(b.doc, { kind: 'goal', title: 'x' }, b.origin);
    await Promise.resolve();
    expect(updates).toBe(1);
    ctl.hostDisconnected();
    expect(b.store.listenerCount).toBe(0);
  });
});
