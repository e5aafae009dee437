// @vitest-environment happy-dom
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNode, compareOrder, initPlan, setGoalStatus, setScore, setPlanField } from '../../shared/model.js';
import { RtScoring } from '../../client/components/rt-scoring.js';
import type { Workspace } from '../../client/state/workspace.js';
import { link, localWorkspace, mount, settle } from './helpers.js';

afterEach(() => document.body.replaceChildren());

async function scoring(ws: Workspace) {
  const el = new RtScoring();
  el.ws = ws;
  await mount(el);
  return el;
}

const cells = (el: RtScoring) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('td[role="gridcell"]')];
const key = (el: RtScoring, k: string) => {
  const active = el.shadowRoot!.querySelector<HTMLElement>('td.cell.active')!;
  active.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
};
const totals = (el: RtScoring) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('td.total')].map((t) => t.dataset['total']);

describe('<rt-scoring> grid', () => {
  it('shows empty states before there are goals', async () => {
    const el = await scoring(localWorkspace());
    expect(el.shadowRoot!.textContent).toContain('No goals yet');
    expect(el.shadowRoot!.textContent).toContain('Add a goal to start scoring');
  });

  it('the handbook example typed with the keyboard alone gives 7 and 8, ranked B over A', async () => {
    const ws = localWorkspace();
    addNode(ws.doc, { kind: 'goal', title: 'Facilitate diaspora investment in increasing access to potable water in rural areas' }, ws.origin);
    addNode(ws.doc, { kind: 'goal', title: 'Support refugees, returnees and IDPs' }, ws.origin);
    const el = await scoring(ws);
    expect(cells(el)).toHaveLength(8);
    // Default criteria order: national priority, broad support (rally), no major reform, independent.
    // Goal A: 2, 1, 2, 2; goal B: 2, 2, 2, 2.
    for (const k of ['2', 'ArrowRight', '1', 'ArrowRight', '2', 'ArrowRight', '2', 'ArrowDown', '2', 'ArrowLeft', '2', 'ArrowLeft', '2', 'ArrowLeft', '2']) {
      key(el, k);
      await settle(el);
    }
    expect(totals(el)).toEqual(['7', '8']);
    const mine = ws.store.plan.scores.filter((s) => s.participantId === ws.identity.id);
    expect(mine).toHaveLength(8);
    const rankRows = [...el.shadowRoot!.querySelectorAll('table.rank tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' '));
    expect(rankRows[0]).toMatch(/^ ?1 Support refugees/);
    expect(rankRows[1]).toMatch(/^ ?2 Facilitate diaspora/);
    // Cells are labelled for screen readers with the handbook's wording.
    expect(cells(el)[1]!.getAttribute('aria-label')).toContain('your score 1 agree');
  });

  it('[G3] [SC11] only a facilitator is offered the committees\' agreement; the open cell says who has not scored', async () => {
    const lockBoxes = (el: RtScoring) => [...el.shadowRoot!.querySelector('rt-scoring-criteria')!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan-1', title: 'National POA on M&D' });
    const editor = localWorkspace('Ana', { doc });
    const facilitator = localWorkspace('Fatou', { doc, facilitator: true });
    addNode(doc, { kind: 'goal', title: 'Goal A' }, editor.origin);
    const asEditor = await scoring(editor);
    expect(lockBoxes(asEditor).map((b) => b.disabled)).toEqual([true, true]);
    expect(asEditor.shadowRoot!.querySelector('rt-scoring-criteria')!.textContent).toContain('A facilitator records the committees\' agreement');
    key(asEditor, '2');
    await settle(asEditor);
    const waiting = asEditor.shadowRoot!.querySelector('rt-scoring-cell')!.querySelector<HTMLElement>('[data-waiting]')!;
    expect(waiting.textContent).toContain('Not scored yet: Fatou.');
    const asFacilitator = await scoring(facilitator);
    expect(lockBoxes(asFacilitator).map((b) => b.disabled)).toEqual([false, false]);
  });

  it('writes only this person\'s cells, clears with Delete, and shows a note', async () => {
    const ws = localWorkspace('Ana');
    addNode(ws.doc, { kind: 'goal', title: 'Goal A' }, ws.origin);
    const el = await scoring(ws);
    key(el, '2');
    await settle(el);
    const note = el.shadowRoot!.querySelector<HTMLInputElement>('#score-note')!;
    note.value = 'if access to potable water figures high on the development agenda';
    note.dispatchEvent(new Event('change'));
    await settle(el);
    const s = ws.store.plan.scores.find((x) => x.participantId === ws.identity.id)!;
    expect(s).toMatchObject({ value: 2, note: 'if access to potable water figures high on the development agenda' });
    expect(cells(el)[0]!.textContent).toContain('2*');
    key(el, 'Delete');
    await settle(el);
    expect(ws.store.plan.scores).toHaveLength(0);
  });

  it('a remote score updates totals, the disagreement heat map and the IMC vs NCC spread', async () => {
    const ana = localWorkspace('Ana', { committee: 'imc' });
    const doc2 = new Y.Doc();
    link(ana.doc, doc2);
    const ben = localWorkspace('Ben', { doc: doc2, committee: 'ncc' });
    const goal = addNode(ana.doc, { kind: 'goal', title: 'Goal A' }, ana.origin);
    if (!goal.ok) throw new Error(goal.error.message);
    const el = await scoring(ana);
    key(el, '2');
    const crit = ana.store.plan.criteria.filter((c) => !c.archived).sort(compareOrder)[0]!;
    setScore(ben.doc, { goalId: goal.value, criterionId: crit.id, participantId: ben.identity.id, value: 0 }, ben.origin);
    await settle(el);
    const cell = cells(el)[0]!;
    expect(cell.dataset['spread']).toBe('2');
    expect(cell.getAttribute('aria-label')).toContain('2 scores, spread 2');
    // [L133] Its name holds what it shows, word for word (axe label-content-name-mismatch): "2 · avg 1 · 2".
    const shown = cell.textContent!.replace(/\s+/g, ' ').trim();
    expect(shown).toBe('2 avg 1 · 2');
    expect(cell.getAttribute('aria-label')).toMatch(/; on screen 2 · avg 1 · 2$/);
    const detail = el.shadowRoot!.querySelector('.detail')!.textContent!.replace(/\s+/g, ' ');
    expect(detail).toContain('IMC 2, NCC 0, gap 2');
    expect(el.shadowRoot!.textContent).toContain('disputed');
  });

  it('warns when more goals are selected than a handful', async () => {
    const ws = localWorkspace();
    setPlanField(ws.doc, 'handful', 2, ws.origin);
    for (const t of ['A', 'B', 'C']) {
      const g = addNode(ws.doc, { kind: 'goal', title: t }, ws.origin);
      if (g.ok) setGoalStatus(ws.doc, g.value, 'selected', ws.origin);
    }
    const el = await scoring(ws);
    expect(el.shadowRoot!.querySelector('[data-rule="SC7"]')?.textContent).toContain('3 goals are selected');
  });

  it('locks the criteria when both committees agree', async () => {
    const ws = localWorkspace();
    const el = await scoring(ws);
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('details input[type="checkbox"]')];
    for (const b of boxes) {
      b.checked = true;
      b.dispatchEvent(new Event('change'));
    }
    await settle(el);
    expect(el.shadowRoot!.textContent).toContain('Locked: agreed by IMC and NCC');
    const title = el.shadowRoot!.querySelector<HTMLInputElement>('rt-text input')!;
    // The first rt-text is a goal title when goals exist; here it is the first criterion.
    expect(title.readOnly).toBe(true);
  });
});
