// @vitest-environment happy-dom
import { LitElement, html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { addNode } from '../../shared/model.js';
import { PlanController } from '../../client/state/plan-controller.js';
import '../../client/components/rt-poa.js';
import { localWorkspace, mount, settle } from './helpers.js';

class TestReactive extends LitElement {
  static override properties = { label: { type: String }, count: { state: true } };
  declare label: string;
  declare count: number;
  constructor() {
    super();
    this.label = 'first';
    this.count = 0;
  }
  override render() {
    return html`<p>${this.label} ${this.count}</p>`;
  }
}
customElements.define('test-reactive', TestReactive);

afterEach(() => document.body.replaceChildren());

describe('reactivity (no decorators, declare + static properties)', () => {
  it('setting a reactive property re-renders', async () => {
    const el = await mount(new TestReactive());
    expect(el.shadowRoot!.textContent).toContain('first 0');
    el.label = 'second';
    el.count = 2;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('second 2');
  });

  it('class fields do not shadow the reactive accessors', () => {
    const el = new TestReactive();
    expect(Object.prototype.hasOwnProperty.call(el, 'label')).toBe(false);
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
