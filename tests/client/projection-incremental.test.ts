import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, archiveNode, buildForest, initPlan, readPlan, reorderNode, rollupBudget, setNodeField, setText, type PlanData } from '../../shared/model.js';
import { addSection } from '../../shared/commands/sections.js';
import { localOrigin } from '../../shared/schema/origins.js';
import { PlanStore } from '../../client/state/plan-store.js';
import { flattenForest, patchRows, type Row } from '../../client/state/matrix-rows.js';

const ME = localOrigin('up-test');
const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

/** A seeded pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plan of 2 goals > 2 outcomes > 2 outputs > `perOutput` activities with budgets. */
function plan(perOutput: number) {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'p', title: 'Incremental plan' });
  const ids: string[] = [];
  const outputs: string[] = [];
  doc.transact(() => {
    for (let g = 0; g < 2; g++) {
      const goal = ok<string>(addNode(doc, { kind: 'goal', title: `G${g}` }, ME));
      ids.push(goal);
      for (let o = 0; o < 2; o++) {
        const oc = ok<string>(addNode(doc, { kind: 'outcome', parentId: goal, title: `O${g}.${o}` }, ME));
        ids.push(oc);
        for (let p = 0; p < 2; p++) {
          const out = ok<string>(addNode(doc, { kind: 'output', parentId: oc, title: `P${g}.${o}.${p}` }, ME));
          ids.push(out);
          outputs.push(out);
          for (let a = 0; a < perOutput; a++) ids.push(ok<string>(addNode(doc, { kind: 'activity', parentId: out, title: `A${a}`, fields: { budget: { amount: 10 + a, currency: a % 3 ? 'USD' : 'EUR' } } }, ME)));
        }
      }
    }
  }, ME);
  return { doc, ids, outputs };
}

/** The matrix's rows kept the way rt-matrix keeps them: patched after text edits, rebuilt otherwise. */
class Rows {
  plan: PlanData;
  rows: Row[];
  byId = new Map<string, Row>();
  at = new Map<string, number>();
  patched = 0;
  rebuilt = 0;
  constructor(private readonly store: PlanStore) {
    this.plan = store.plan;
    this.rows = this.rebuild();
  }
  private rebuild(): Row[] {
    this.rebuilt++;
    const rows = flattenForest(this.store.plan, this.store.forest.goals);
    this.byId = new Map(rows.map((r) => [r.tree.id, r]));
    this.at = new Map(rows.map((r, i) => [r.tree.id, i]));
    return rows;
  }
  follow(): Row[] {
    const plan = this.store.plan;
    const ids = this.store.textEditsBetween(this.plan, plan);
    if (ids) {
      this.patched++;
      this.rows = patchRows(this.rows, this.at, this.byId, ids, (id) => this.store.nodeItem(id), (id) => this.store.treeNode(id));
    } else this.rows = this.rebuild();
    this.plan = plan;
    return this.rows;
  }
}

describe('the browser projection follows the changed entities ([UP1])', () => {
  it('[UP1] random edits: patched rows, tree and budget equal a full rebuild after every step', () => {
    const { doc, ids, outputs } = plan(6);
    const store = new PlanStore(doc, { lagFromMs: Infinity });
    const rows = new Rows(store);
    store.budget;
    const next = random(18);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const textFields = ['result', 'risks', 'verification'] as const;
    for (let step = 0; step < 200; step++) {
      const roll = next();
      const id = pick(ids);
      if (roll < 0.55) setText(doc, { kind: 'node', id, field: 'title' }, `${pick(['', 'x', 'Title'])} ${step}`, ME);
      else if (roll < 0.65) {
        const act = ids.filter((i) => store.plan.activities.some((a) => a.id === i));
        if (act.length) setText(doc, { kind: 'node', id: pick(act), field: pick(textFields) }, `text ${step}`, ME);
      } else if (roll < 0.7) {
        // Two titles in one transaction.
        doc.transact(() => {
          setText(doc, { kind: 'node', id, field: 'title' }, `both ${step}`, ME);
          setText(doc, { kind: 'node', id: pick(ids), field: 'title' }, `both' ${step}`, ME);
        }, ME);
      } else if (roll < 0.78) {
        const act = store.plan.activities.find((a) => a.id === id);
        if (act) setNodeField(doc, id, 'budget', { amount: Math.round(next() * 1000), currency: 'USD' }, ME);
      } else if (roll < 0.84) reorderNode(doc, id, 0, ME);
      else if (roll < 0.9) {
        // Refused under an archived output: nothing changes then.
        const added = addNode(doc, { kind: 'activity', parentId: pick(outputs), title: `New ${step}` }, ME);
        if (added.ok) ids.push(added.value);
      }
      else if (roll < 0.94) archiveNode(doc, id, ME);
      else ok(addSection(doc, { part: 'background', title: `Section ${step}` }, ME));
      // Read only now and then, so several edits fall between two reads.
      if (next() < 0.6) continue;
      const fresh = readPlan(doc);
      expect(store.plan).toEqual(fresh);
      expect(store.forest).toEqual(buildForest(fresh));
      expect(rows.follow()).toEqual(flattenForest(fresh, buildForest(fresh).goals));
      expect(store.budget).toEqual(rollupBudget(fresh));
    }
    // Both paths ran, so the comparison covered the patching.
    expect(rows.patched).toBeGreaterThan(15);
    expect(rows.rebuilt).toBeGreaterThan(3);
    store.destroy();
  });

  it('[UP1] a title typed in one row makes only that row and its path new; the budget figures are not computed again', () => {
    const { doc, ids } = plan(5);
    const store = new PlanStore(doc, { lagFromMs: Infinity });
    const rows = new Rows(store);
    const budget = store.budget;
    const before = rows.rows;
    const act = store.plan.activities[7]!.id;
    setText(doc, { kind: 'node', id: act, field: 'title' }, 'Typed', ME);
    const after = rows.follow();
    expect(rows.rebuilt).toBe(1);
    const changed = after.filter((r, i) => r !== before[i]).map((r) => r.tree.id);
    // The row and the rows of its output, outcome and goal (their tree nodes hold it).
    const path: string[] = [];
    for (let r = rows.byId.get(act); r; r = r.parentId ? rows.byId.get(r.parentId) : undefined) path.unshift(r.tree.id);
    expect(path).toHaveLength(4);
    expect(changed).toEqual(path);
    expect(store.treeNode(act)?.title).toBe('Typed');
    const b = store.budget;
    expect(b).not.toBe(budget);
    expect(store.budgetFigures(b)).toBe(budget);
    expect(b.activities.find((l) => l.id === act)?.title).toBe('Typed');
    expect(b).toEqual(rollupBudget(store.plan));
    // A budget edit is not a text edit: the rows are rebuilt and the figures computed again.
    ok(setNodeField(doc, act, 'budget', { amount: 5, currency: 'USD' }, ME));
    expect(store.textEditsBetween(rows.plan, store.plan)).toBeNull();
    expect(store.budgetFigures(store.budget)).not.toBe(budget);
    expect(ids.length).toBeGreaterThan(0);
    store.destroy();
  });
});
