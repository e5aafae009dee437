// @vitest-environment happy-dom
// SPEC MP3, MP6: typing in a matrix cell renders the row, not the shell around it. The workspace, its
// header and Export menu, the stage panel, the funding panel and the presence list each follow
// only what they show from the plan, and re-render when that changes (counted here).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import { addNode, setText } from '../../shared/model.js';
import { nodeCodes } from '../../shared/domain/tree.js';
import { setPlanField } from '../../shared/commands/meta.js';
import { answerQuestion } from '../../shared/commands/stages.js';
import { PlanController } from '../../client/state/plan-controller.js';
import { shellInputs } from '../../client/components/rt-workspace.js';
import { RtWorkspaceHeader } from '../../client/components/rt-workspace-header.js';
import { RtExportMenu } from '../../client/components/rt-export-menu.js';
import { RtStagePanel } from '../../client/components/rt-stage-panel.js';
import { RtFunding } from '../../client/components/rt-funding.js';
import { RtPresence, samePeople } from '../../client/components/rt-presence.js';
import { Workspace } from '../../client/state/workspace.js';
import { localWorkspace, mount, settle } from './helpers.js';
import { RtSaveState, SAVE_STATE_HOLD_MS, statusText } from '../../client/components/rt-save-state.js';
import { PlanSession } from '../../client/state/plan-session.js';
import type { ConnectionStatus, StatusSource } from '../../client/sync/connect.js';
import en from '../../shared/i18n/en/index.js';

afterEach(() => document.body.replaceChildren());

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/** A plan with one goal > outcome > output > activity; returns the workspace and the activity's id. */
function matrixPlan(ws: Workspace): string {
  const goal = ok(addNode(ws.doc, { kind: 'goal', title: 'Diaspora investment' }, ws.origin));
  const outcome = ok(addNode(ws.doc, { kind: 'outcome', parentId: goal, title: 'Remittances cost less' }, ws.origin));
  const output = ok(addNode(ws.doc, { kind: 'output', parentId: outcome, title: 'A price comparison site' }, ws.origin));
  return ok(addNode(ws.doc, { kind: 'activity', parentId: output, title: 'Survey', fields: { budget: { amount: 1000, currency: 'USD' } } }, ws.origin));
}

/** Counts the element's renders from now on. */
function countRenders(el: { render(): unknown }): { n: number } {
  const count = { n: 0 };
  const render = el.render.bind(el);
  el.render = () => {
    count.n++;
    return render();
  };
  return count;
}

/** Types `text` into the activity's title one character at a time, letting each change be announced. */
async function typeTitle(ws: Workspace, id: string, text: string, el: { updateComplete: Promise<boolean>; ws?: Workspace | null }): Promise<void> {
  let title = ws.store.nodeItem(id)!.title;
  for (const ch of text) {
    title += ch;
    setText(ws.doc, { kind: 'node', id, field: 'title' }, title, ws.origin);
    await settle(el);
  }
}

describe('the shell around a matrix cell does not render on a title keystroke (SPEC MP3)', () => {
  it('[MP3] a plan controller with inputs asks for an update only when one of them changed', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const id = matrixPlan(ws);
    let updates = 0;
    const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
    const ctl = new PlanController(host, () => shellInputs(ws));
    ctl.store = ws.store;
    ctl.hostConnected();
    // Until the store has announced the change (a burst may be coalesced after a slow render).
    const tick = async () => {
      do await new Promise((r) => setTimeout(r, 5));
      while (ws.store.pending);
    };
    setText(ws.doc, { kind: 'node', id, field: 'title' }, 'Survey a', ws.origin);
    await tick();
    expect(updates).toBe(1); // the first change after subscribing always updates
    for (const t of ['Survey ab', 'Survey abc', 'Survey abcd']) {
      setText(ws.doc, { kind: 'node', id, field: 'title' }, t, ws.origin);
      await tick();
    }
    expect(updates).toBe(1);
    ok(setPlanField(ws.doc, 'stage', 'implementation', ws.origin));
    await tick();
    expect(updates).toBe(2);
    ok(setPlanField(ws.doc, 'language', 'fr', ws.origin));
    await tick();
    expect(updates).toBe(3);
    // Without inputs (or inputs null), every change updates, as before.
    const plain = new PlanController(host);
    plain.store = ws.store;
    plain.hostConnected();
    setText(ws.doc, { kind: 'node', id, field: 'title' }, 'Survey', ws.origin);
    await tick();
    expect(updates).toBe(4); // the plain one, not the one with inputs
    ctl.hostDisconnected();
    plain.hostDisconnected();
  });

  it('[MP4] the row codes are kept across text edits and made again when the matrix changes shape', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const id = matrixPlan(ws);
    const codes = ws.store.codes;
    expect(codes.get(id)).toMatchObject({ code: '1.1.1.1' });
    for (const t of ['Survey a', 'Survey ab']) {
      setText(ws.doc, { kind: 'node', id, field: 'title' }, t, ws.origin);
      expect(ws.store.codes).toBe(codes);
    }
    const second = ok(addNode(ws.doc, { kind: 'activity', parentId: ws.store.plan.activities[0]!.outputId, title: 'Second' }, ws.origin));
    const again = ws.store.codes;
    expect(again).not.toBe(codes);
    expect(again.get(second)).toMatchObject({ code: '1.1.1.2' });
    expect(nodeCodes(ws.store.plan)).toEqual(again);
  });

  it('[MP3] the header and its Export menu keep still while a title is typed, and render when the plan\'s language changes', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const id = matrixPlan(ws);
    const header = Object.assign(new RtWorkspaceHeader(), { ws, plan: ws.store.plan, planId: 'plan-1', role: 'editor' as const });
    header.status = { state: 'synced', unsynced: 0, local: false, settled: true, refusal: null, code: 0 };
    await mount(header);
    const menu = header.querySelector('rt-export-menu') as RtExportMenu;
    await menu.updateComplete;
    const headerRenders = countRenders(header);
    const menuRenders = countRenders(menu);
    for (const ch of 'abcde') {
      setText(ws.doc, { kind: 'node', id, field: 'title' }, `Survey ${ch}`, ws.origin);
      header.plan = ws.store.plan; // what the workspace passes on each of its renders
      await header.updateComplete;
      await menu.updateComplete;
    }
    // The header holds the current plan; the menu keeps one that shows the same (language, settings, periods).
    expect(header.plan).toBe(ws.store.plan);
    expect([headerRenders.n, menuRenders.n]).toEqual([0, 0]);
    // What they show still renders them: the connection's state, and the plan's export language.
    // A change's count alone is the save state's own element (MP6): the header keeps still.
    header.status = { ...header.status, unsynced: 1, settled: false };
    await header.updateComplete;
    expect(headerRenders.n).toBe(0);
    header.status = { ...header.status, state: 'offline' };
    await header.updateComplete;
    expect(headerRenders.n).toBe(1);
    ok(setPlanField(ws.doc, 'language', 'es', ws.origin));
    header.plan = ws.store.plan;
    await header.updateComplete;
    await menu.updateComplete;
    expect([headerRenders.n, menuRenders.n]).toEqual([2, 1]);
  });

  it('[MP3] the stage panel and the funding panel keep still while a title is typed, and render when what they show changes', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const id = matrixPlan(ws);
    const panel = await mount(Object.assign(new RtStagePanel(), { ws, stage: 'implementation' as const, label: 'Implementation' }));
    const funding = await mount(Object.assign(new RtFunding(), { ws }));
    await settle(panel);
    await settle(funding);
    const panelRenders = countRenders(panel);
    const fundingRenders = countRenders(funding);
    await typeTitle(ws, id, 'abcdef', funding);
    await settle(panel);
    expect(ws.store.nodeItem(id)!.title).toBe('Surveyabcdef');
    expect([panelRenders.n, fundingRenders.n]).toEqual([0, 0]);
    // A gate question answered renders the stage panel; the plan's currency renders the funding panel.
    const question = panel.shadowRoot!.querySelector<HTMLElement>('fieldset.q')!.dataset['question']!;
    ok(answerQuestion(ws.doc, question, 'yes', ws.origin));
    await settle(panel);
    expect(panelRenders.n).toBe(1);
    expect(panel.shadowRoot!.querySelector<HTMLInputElement>(`fieldset[data-question="${question}"] input[value="yes"]`)!.checked).toBe(true);
    ok(setPlanField(ws.doc, 'currency', 'EUR', ws.origin));
    await settle(funding);
    expect(fundingRenders.n).toBeGreaterThanOrEqual(1);
    expect(funding.textContent).toContain('EUR');
    // A budget changed by a figure (not a title) renders the funding panel again.
    const before = fundingRenders.n;
    ok(setPlanField(ws.doc, 'currency', null, ws.origin));
    await settle(funding);
    const total = funding.textContent;
    ok(addNode(ws.doc, { kind: 'activity', parentId: ws.store.plan.activities[0]!.outputId, title: 'Second', fields: { budget: { amount: 500, currency: 'USD' } } }, ws.origin));
    await settle(funding);
    expect(fundingRenders.n).toBeGreaterThan(before + 1);
    expect(funding.textContent).not.toBe(total);
    expect(funding.textContent).toMatch(/1,500/);
  });

  it('[MP3] the presence list keeps still while this person\'s caret moves, and renders when someone starts editing', async () => {
    const ws0 = localWorkspace('Ana');
    const awareness = new Awareness(ws0.doc);
    const ws = new Workspace(ws0.doc, { id: 'p-ana', name: 'Ana', group: 'government', committee: 'none' }, awareness);
    const el = await mount(Object.assign(new RtPresence(), { ws }));
    const renders = countRenders(el);
    for (let i = 0; i < 5; i++) {
      ws.setCaret({ text: 'plan::title', anchor: { item: null, assoc: i % 2 === 0 ? 0 : -1 }, head: { item: null, assoc: 0 } });
      await el.updateComplete;
    }
    expect((awareness.getLocalState() as { caret?: unknown }).caret).toBeTruthy();
    expect(renders.n).toBe(0);
    ws.setPresence({ focus: 'plan title' });
    await el.updateComplete;
    expect(renders.n).toBe(1);
    expect(el.textContent).toContain('plan title');
    const people = ws.people();
    expect(samePeople(people, ws.people())).toBe(true);
    expect(samePeople(people, [])).toBe(false);
    expect(samePeople(people, [{ ...people[0]!, view: 'monitoring' }])).toBe(false);
    el.remove();
    awareness.destroy();
    ws.destroy();
    ws0.destroy();
  });
});

/** A connection status as the save tracker reports it. */
const st = (state: ConnectionStatus['state'], unsynced = 0, settled = unsynced === 0): ConnectionStatus => ({ state, unsynced, local: true, settled, refusal: null, code: 0 });

/** A status source as the plan session is one: its latest status and its listeners. */
function fakeSource(first: ConnectionStatus): StatusSource & { push(s: ConnectionStatus): void } {
  const listeners = new Set<(s: ConnectionStatus) => void>();
  const src = {
    status: first,
    onStatus(l: (s: ConnectionStatus) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    push(s: ConnectionStatus) {
      src.status = s;
      for (const l of listeners) l(s);
    },
  };
  return src;
}

describe('the save state renders alone, and only when its words change (SPEC MP6)', () => {
  afterEach(() => vi.useRealTimers());

  it('[MP6] a keystroke\'s "not saved" and its acknowledgement within the hold render nothing; a lasting one shows once, counts quietly, and "Saved" at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const src = fakeSource(st('synced'));
    const el = await mount(Object.assign(new RtSaveState(), { source: src }));
    const span = () => el.querySelector('span.status')!;
    expect(span().textContent).toBe(en.shell.status.saved);
    expect(span().getAttribute('role')).toBe('status');
    const renders = countRenders(el);
    // Forty keys, each acknowledged before the next: "Saved" stays, nothing renders, even after the hold.
    for (let i = 0; i < 40; i++) {
      src.push(st('synced', 1));
      await el.updateComplete;
      src.push(st('synced', 0));
      await el.updateComplete;
    }
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS * 2);
    await el.updateComplete;
    expect(renders.n).toBe(0);
    expect(span().textContent).toBe(en.shell.status.saved);
    // The hold counts from the last time "Saved" was true: a key in flight when an earlier hold ends shows nothing.
    src.push(st('synced', 1));
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS - 50);
    src.push(st('synced', 0));
    src.push(st('synced', 1));
    vi.advanceTimersByTime(100);
    src.push(st('synced', 0));
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS);
    await el.updateComplete;
    expect(renders.n).toBe(0);
    // A change the server has not acknowledged within the hold: shown once, read out once.
    src.push(st('synced', 1));
    await el.updateComplete;
    expect(renders.n).toBe(0);
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS);
    await el.updateComplete;
    expect(renders.n).toBe(1);
    expect(span().textContent).toBe(statusText(st('synced', 1)));
    expect(span().textContent).toMatch(/1 change not saved/);
    expect(span().getAttribute('aria-live')).toBe('polite');
    expect(span().hasAttribute('data-unsaved')).toBe(true);
    // More keys meanwhile: one render per hold with the last count, not read out (aria-live off).
    for (const n of [2, 3, 4]) src.push(st('synced', n));
    await el.updateComplete;
    expect(renders.n).toBe(1);
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS);
    await el.updateComplete;
    expect(renders.n).toBe(2);
    expect(span().textContent).toBe(statusText(st('synced', 4)));
    expect(span().getAttribute('aria-live')).toBe('off');
    // Saved: at once, and read out.
    src.push(st('synced', 0));
    await el.updateComplete;
    expect(renders.n).toBe(3);
    expect(span().textContent).toBe(en.shell.status.saved);
    expect(span().getAttribute('aria-live')).toBe('polite');
    expect(span().hasAttribute('data-unsaved')).toBe(false);
    // Offline at once, never a live region (the header's alert says it, L14); back online, "Saved" read out.
    src.push(st('offline', 0));
    await el.updateComplete;
    expect([renders.n, span().getAttribute('aria-live'), span().getAttribute('data-state')]).toEqual([4, 'off', 'offline']);
    src.push(st('synced', 0));
    await el.updateComplete;
    expect([renders.n, span().getAttribute('aria-live'), span().textContent]).toEqual([5, 'polite', en.shell.status.saved]);
    // Leaving the page stops following: a pending change never renders a detached element.
    src.push(st('synced', 1));
    el.remove();
    vi.advanceTimersByTime(SAVE_STATE_HOLD_MS);
    await el.updateComplete;
    expect(renders.n).toBe(5);
  });

  it('[MP6] the plan session renders its host only for what the shell shows of the status; the save state hears every change', () => {
    let updates = 0;
    const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
    const session = new PlanSession(host);
    const heard: number[] = [];
    const off = session.onStatus((s) => heard.push(s.unsynced));
    expect(session.takeStatus(st('synced'))).toBe(true); // connecting -> synced
    expect(updates).toBe(1);
    for (let i = 0; i < 10; i++) {
      expect(session.takeStatus(st('synced', 1))).toBe(false);
      expect(session.takeStatus(st('synced', 0))).toBe(false);
    }
    expect(updates).toBe(1);
    expect(heard.length).toBe(21);
    expect(session.status).toEqual(st('synced'));
    expect(session.takeStatus(st('offline', 2))).toBe(true);
    expect(session.takeStatus({ ...st('offline', 2), local: false })).toBe(true);
    expect(updates).toBe(3);
    off();
    session.takeStatus(st('synced', 3));
    expect(heard.length).toBe(23);
  });

  it('[MP6] the header shows the save state of the source it is given', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const src = fakeSource(st('synced', 2));
    const header = await mount(Object.assign(new RtWorkspaceHeader(), { ws, plan: ws.store.plan, planId: 'plan-1', role: 'editor' as const, statusSource: src, status: st('synced', 2) }));
    const state = header.querySelector('rt-save-state') as RtSaveState;
    await state.updateComplete;
    expect(header.querySelectorAll('[role="status"]').length).toBe(1);
    expect(state.querySelector('span.status')!.textContent).toBe(statusText(st('synced', 2)));
    const headerRenders = countRenders(header);
    src.push(st('synced', 0));
    header.status = st('synced', 0);
    await header.updateComplete;
    expect(state.querySelector('span.status')!.textContent).toBe(en.shell.status.saved);
    expect(headerRenders.n).toBe(0);
  });
});
