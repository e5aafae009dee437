// @vitest-environment happy-dom
// SPEC KS1, KS2: typing a goal's title in scoring scores nothing again (the store's ranking is the
// last one retitled) and renders only the scoring parts that show that title, and in them only the
// typed goal's row (counted here, and every DOM change is checked to fall in that goal's rows).
import { afterEach, describe, expect, it } from 'vitest';
import { addNode, compareOrder, readPlan, setScore, setText } from '../../shared/model.js';
import { rankGoals } from '../../shared/domain/scoring.js';
import { todayUtc } from '../../shared/domain/consult.js';
import { openRound } from '../../shared/commands/consult.js';
import { RtScoring } from '../../client/components/rt-scoring.js';
import { RtConsultLink } from '../../client/components/rt-consult.js';
import type { Workspace } from '../../client/state/workspace.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(() => document.body.replaceChildren());

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/** Three goals on the default criteria, each scored by this person on the first criterion. */
function scoredPlan(ws: Workspace): { goals: string[]; crits: string[] } {
  const goals = ['Diaspora investment', 'Safer labour migration', 'Return and reintegration'].map((title) => ok(addNode(ws.doc, { kind: 'goal', title }, ws.origin)));
  const crits = ws.store.plan.criteria.filter((c) => !c.archived).sort(compareOrder).map((c) => c.id);
  goals.forEach((goalId, i) => ok(setScore(ws.doc, { goalId, criterionId: crits[0]!, participantId: ws.identity.id, value: i % 3 }, ws.origin)));
  return { goals, crits };
}

/** Counts calls of `name` on `obj` (a render, or a method that words one row) from now on. */
function countCalls(obj: object, name: string): { n: number } {
  const count = { n: 0 };
  const target = obj as Record<string, (...a: unknown[]) => unknown>;
  const fn = target[name]!.bind(obj);
  target[name] = (...a: unknown[]) => {
    count.n++;
    return fn(...a);
  };
  return count;
}

/** Types `text` at the end of the goal's title one character at a time, letting each change render. */
async function typeGoalTitle(ws: Workspace, goalId: string, text: string, el: RtScoring): Promise<void> {
  let title = ws.store.nodeItem(goalId)!.title;
  for (const ch of text) {
    title += ch;
    ok(setText(ws.doc, { kind: 'node', id: goalId, field: 'title' }, title, ws.origin));
    await settle(el);
  }
}

describe('typing a goal\'s title in scoring (SPEC KS)', () => {
  it('[KS1] the ranking is not computed again for a title: the last one with the goal retitled, equal to a fresh one', () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const { goals, crits } = scoredPlan(ws);
    const before = ws.store.ranking;
    expect(ws.store.ranking).toBe(before);
    for (const title of ['Diaspora investment a', 'Diaspora investment ab']) ok(setText(ws.doc, { kind: 'node', id: goals[0]!, field: 'title' }, title, ws.origin));
    const after = ws.store.ranking;
    expect(after).not.toBe(before);
    expect(after).toEqual(rankGoals(readPlan(ws.doc)));
    const typed = after.goals.findIndex((g) => g.goalId === goals[0]);
    expect(after.goals[typed]!.title).toBe('Diaspora investment ab');
    // Scores, warnings and the other goals' results are the very objects of the last ranking.
    expect(after.warnings).toBe(before.warnings);
    expect(after.goals[typed]!.criteria).toBe(before.goals[typed]!.criteria);
    after.goals.forEach((g, i) => i !== typed && expect(g).toBe(before.goals[i]));
    // A text that is not a goal's title (an outcome's) keeps the ranking as it is.
    const outcome = ok(addNode(ws.doc, { kind: 'outcome', parentId: goals[1]!, title: 'Fair recruitment' }, ws.origin));
    const withOutcome = ws.store.ranking;
    ok(setText(ws.doc, { kind: 'node', id: outcome, field: 'title' }, 'Fair recruitment costs', ws.origin));
    expect(ws.store.ranking).toBe(withOutcome);
    // A score is computed again; so is a criterion's title (the criteria are not matrix rows).
    ok(setScore(ws.doc, { goalId: goals[1]!, criterionId: crits[1]!, participantId: ws.identity.id, value: 2 }, ws.origin));
    const scored = ws.store.ranking;
    expect(scored).not.toBe(withOutcome);
    expect(scored).toEqual(rankGoals(readPlan(ws.doc)));
    ok(setText(ws.doc, { kind: 'criterion', id: crits[0]!, field: 'title' }, 'National priority now', ws.origin));
    expect(ws.store.ranking.goals[0]!.criteria[0]!.title).toBe('National priority now');
    expect(ws.store.ranking).toEqual(rankGoals(readPlan(ws.doc)));
  });

  it('[KS2] a goal\'s title renders the goal list, grid and ranking row of that goal only; the view, criteria, the other goal\'s cell and the consult link keep still', async () => {
    const ws = localWorkspace('Ana', { store: { lagFromMs: Infinity } });
    const { goals, crits } = scoredPlan(ws);
    const el = await mount(Object.assign(new RtScoring(), { ws }));
    const link = await mount(Object.assign(new RtConsultLink(), { ws }));
    await settle(el);
    const root = el.shadowRoot!;
    const part = <K extends keyof HTMLElementTagNameMap>(tag: K) => root.querySelector(tag)!;
    // The active cell: the second goal (row 1), so the typed first goal is not the cell's.
    root.querySelectorAll<HTMLElement>('td[role="gridcell"]')[crits.length]!.click();
    await settle(el);
    expect(part('rt-scoring-cell').querySelector('h3')!.textContent).toContain('Safer labour migration');
    const renders = {
      view: countCalls(el, 'render'),
      goals: countCalls(part('rt-scoring-goals'), 'render'),
      criteria: countCalls(part('rt-scoring-criteria'), 'render'),
      grid: countCalls(part('rt-scoring-grid'), 'render'),
      cell: countCalls(part('rt-scoring-cell'), 'render'),
      ranking: countCalls(part('rt-scoring-ranking'), 'render'),
      link: countCalls(link, 'render'),
    };
    const gridCells = countCalls(part('rt-scoring-grid'), 'renderCell');
    const rankRows = countCalls(part('rt-scoring-ranking'), 'renderGoal');
    const voteLists = countCalls(part('rt-scoring-cell'), 'renderVoteList');
    const agreedBoxes = countCalls(part('rt-scoring-cell'), 'renderAgreed');
    const changed: Node[] = [];
    const watch = new MutationObserver((records) => changed.push(...records.map((r) => r.target)));
    watch.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });

    await typeGoalTitle(ws, goals[0]!, ' abc', el);
    await settle(link);
    watch.disconnect();
    expect(ws.store.nodeItem(goals[0]!)!.title).toBe('Diaspora investment abc');
    const n = (c: { n: number }) => c.n;
    expect({ view: n(renders.view), criteria: n(renders.criteria), cell: n(renders.cell), link: n(renders.link) }).toEqual({ view: 0, criteria: 0, cell: 0, link: 0 });
    // The parts showing the title render once per key, wording the typed goal's row alone.
    expect([n(renders.goals), n(renders.grid), n(renders.ranking)]).toEqual([4, 4, 4]);
    expect(n(gridCells)).toBe(4 * crits.length);
    expect(n(rankRows)).toBe(4);
    // What changed on screen lies in the typed goal's rows: its list item, grid row and ranking row.
    const rows = [
      root.querySelector('rt-scoring-goals li')!,
      root.querySelector(`table.grid tr[data-goal="${goals[0]}"]`)!,
      root.querySelector(`table.rank tr[data-goal="${goals[0]}"]`)!,
    ];
    expect(changed.length).toBeGreaterThan(0);
    const outside = changed.filter((node) => !rows.some((row) => row.contains(node)));
    expect(outside.map((node) => (node as Element).outerHTML ?? node.parentElement?.outerHTML)).toEqual([]);
    expect(rows.map((row) => row.textContent!.includes('Diaspora investment abc') || !!row.querySelector('input')?.value.includes('abc'))).toEqual([true, true, true]);
    expect(root.querySelector(`table.grid tr[data-goal="${goals[0]}"] td[role="gridcell"]`)!.getAttribute('aria-label')).toContain('Diaspora investment abc');

    // The cell's own goal: the cell renders, with the new title (its score list and agreed score are not worded again).
    await typeGoalTitle(ws, goals[1]!, '!', el);
    expect(n(renders.cell)).toBe(1);
    expect(part('rt-scoring-cell').querySelector('h3')!.textContent).toContain('Safer labour migration!');
    expect(part('rt-scoring-cell').querySelector('rt-field-history')!.getAttribute('label')).toContain('Safer labour migration!');
    expect([n(voteLists), n(agreedBoxes)]).toEqual([0, 0]);
    expect(n(renders.view) + n(renders.criteria) + n(renders.link)).toBe(0);
    // A score renders the grid, cell and ranking; the criteria and the view still keep still.
    const grid = n(renders.grid);
    ok(setScore(ws.doc, { goalId: goals[1]!, criterionId: crits[0]!, participantId: ws.identity.id, value: 2 }, ws.origin));
    await settle(el);
    expect(n(renders.grid)).toBe(grid + 1);
    expect(n(renders.cell)).toBe(2);
    expect([n(voteLists), n(agreedBoxes)]).toEqual([1, 0]);
    expect(part('rt-scoring-cell').querySelector('ul.votes')!.textContent).toMatch(/Ana.*2/);
    expect(n(renders.view) + n(renders.criteria)).toBe(0);
    expect(root.querySelector(`table.grid tr[data-goal="${goals[1]}"] td[role="gridcell"]`)!.textContent).toContain('2');
    // A new goal renders the view (the grid grows); a consultation round renders the link.
    ok(addNode(ws.doc, { kind: 'goal', title: 'Skills partnerships' }, ws.origin));
    await settle(el);
    expect(n(renders.view)).toBe(1);
    expect(root.querySelectorAll('table.grid tbody tr')).toHaveLength(4);
    ok(openRound(ws.doc, { title: 'Diaspora survey', closesOn: '2099-12-31', questions: ['What matters most?', 'Who should take part?'] }, todayUtc(), ws.origin));
    await settle(link);
    expect(n(renders.link)).toBe(1);
    expect(link.shadowRoot!.textContent).toMatch(/1 .*open/);
  });
});
