import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, buildForest, initPlan, nodeCodes, reorderNode, rollupBudget, setNodeField, setText, validatePlan } from '../../shared/model.js';
import { localOrigin } from '../../shared/schema/origins.js';
import { PlanStore, sameShape } from '../../client/state/plan-store.js';

const ME = localOrigin('lag-test');
const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

/** A plan of `n` activities under one goal > outcome > output. */
function plan(n: number) {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'p', title: 'Lag plan' });
  const g = ok<string>(addNode(doc, { kind: 'goal', title: 'G' }, ME));
  const oc = ok<string>(addNode(doc, { kind: 'outcome', parentId: g, title: 'O' }, ME));
  const out = ok<string>(addNode(doc, { kind: 'output', parentId: oc, title: 'P' }, ME));
  const ids: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < n; i++) ids.push(ok<string>(addNode(doc, { kind: 'activity', parentId: out, title: `A${i}`, fields: { budget: { amount: 10, currency: 'USD' } } }, ME)));
  }, ME);
  return { doc, ids, out };
}

const quiet = async (store: PlanStore) => {
  while (store.pending) await new Promise((r) => setTimeout(r, 10));
};

describe('plan store on the typing path ([VM4])', () => {
  it('[VM4] keeps the tree and codes while only text changes, with the new titles, and rebuilds them on a reorder', () => {
    const { doc, ids } = plan(30);
    const store = new PlanStore(doc);
    const before = store.plan;
    const codes = store.codes;
    store.forest;
    setText(doc, { kind: 'node', id: ids[3]!, field: 'title' }, 'Typed title', ME);
    expect(sameShape(before, store.plan)).toBe(true);
    expect(store.codes).toBe(codes);
    expect(store.forest).toEqual(buildForest(store.plan));
    ok(reorderNode(doc, ids[3]!, 0, ME));
    expect(sameShape(before, store.plan)).toBe(false);
    expect(store.codes).not.toBe(codes);
    expect(store.codes).toEqual(nodeCodes(store.plan));
    expect(store.forest).toEqual(buildForest(store.plan));
    store.destroy();
  });

  it('[VM4] issues and budgets that are slow to compute lag while the plan changes and are exact once it is quiet', async () => {
    const { doc, ids } = plan(1_000);
    const store = new PlanStore(doc);
    store.issues;
    store.budget;
    const told: number[] = [];
    store.subscribe(() => told.push(store.revision));
    setNodeField(doc, ids[0]!, 'budget', { amount: 1_000, currency: 'USD' }, ME);
    // Read at once (as a render does): exact, or the last value with a refresh scheduled.
    store.budget;
    store.issues;
    // Whether this machine counts them as slow or not, once the store is quiet they are exact.
    await quiet(store);
    const fresh = rollupBudget(store.plan);
    expect(store.budget).toEqual(fresh);
    expect(store.issues).toEqual(validatePlan(store.plan));
    expect(told.length).toBeGreaterThan(0);
    store.destroy();
  }, 60_000);
});
