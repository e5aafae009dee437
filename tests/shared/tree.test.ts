import { describe, it, expect } from 'vitest';
import { compareOrder, isOrderKey, keyBetween, keysAfter } from '../../shared/domain/order.js';
import { buildForest, nodeCodes } from '../../shared/domain/tree.js';
import { handbookMatrix, plan } from './helpers/fixtures.js';

describe('order keys', () => {
  it('[M1] keyBetween gives a valid key strictly between its neighbours', () => {
    let keys = ['i'];
    // Insert repeatedly at the front, the back and between random neighbours.
    for (let n = 0; n < 300; n++) {
      const at = (n * 7919) % (keys.length + 1);
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isOrderKey(k)).toBe(true);
      if (at > 0) expect(k > keys[at - 1]!).toBe(true);
      if (at < keys.length) expect(k < keys[at]!).toBe(true);
      keys = [...keys.slice(0, at), k, ...keys.slice(at)];
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(keysAfter(null, 3)).toEqual([...keysAfter(null, 3)].sort());
  });

  it('[M1] malformed or tied neighbours still give a valid key', () => {
    expect(isOrderKey(keyBetween('__proto__', null))).toBe(true);
    expect(keyBetween('m', 'm') > 'm').toBe(true);
    expect(keyBetween('z', 'a') > 'z').toBe(true);
    expect(isOrderKey(keyBetween(null, 'a0'))).toBe(true);
  });

  it('[M2] siblings sort by (order, id) in code-unit order', () => {
    const items = [
      { id: 'b', order: 'm' },
      { id: 'a', order: 'm' },
      { id: 'Z', order: 'a' },
    ];
    expect([...items].sort(compareOrder).map((i) => i.id)).toEqual(['Z', 'a', 'b']);
  });
});

describe('matrix tree', () => {
  it('[M3] short codes follow the handbook matrix (output 1 holds 1.1-1.4, output 2 holds 2.1-2.3); full codes are unique in the plan', () => {
    const codes = nodeCodes(handbookMatrix());
    expect(codes.get('g1')).toEqual({ code: '1', short: '1' });
    expect(codes.get('oc2')).toEqual({ code: '1.2', short: '2' });
    expect(['op1', 'op2', 'op3', 'op4', 'op9'].map((id) => codes.get(id)?.short)).toEqual(['1', '2', '3', '1', '3']);
    expect(['op1', 'op2', 'op3', 'op4', 'op9'].map((id) => codes.get(id)?.code)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1', '1.3.3']);
    expect(['a11', 'a12', 'a13', 'a14', 'a21', 'a23'].map((id) => codes.get(id)?.short)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.3']);
    expect(['a11', 'a12', 'a13', 'a14', 'a21', 'a23'].map((id) => codes.get(id)?.code)).toEqual(['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4', '1.1.2.1', '1.1.2.3']);
    const all = [...codes.values()].map((c) => c.code);
    expect(new Set(all).size).toBe(all.length);
    const forest = buildForest(handbookMatrix());
    expect(forest.goals[0]!.children.map((o) => o.children.length)).toEqual([3, 3, 3]);
  });

  it('[M4] archived nodes get no code and the rest renumber', () => {
    const p = handbookMatrix();
    p.activities.find((a) => a.id === 'a12')!.archived = true;
    p.outputs.find((o) => o.id === 'op1')!.archived = true;
    const codes = nodeCodes(p);
    expect(codes.has('op1')).toBe(false);
    expect(codes.has('a11')).toBe(false);
    expect(codes.get('op2')).toEqual({ code: '1.1.1', short: '1' });
    expect(codes.get('a21')).toEqual({ code: '1.1.1.1', short: '1.1' });
    const withArchived = buildForest(p, { includeArchived: true });
    expect(withArchived.goals[0]!.children[0]!.children[0]).toMatchObject({ id: 'op1', code: '', archived: true });
  });

  it('[M5] nodes with a missing or wrong-kind parent are orphans, not dropped', () => {
    const p = plan({ goals: [{ id: 'g', title: 'G' }], outcomes: [{ id: 'o', goalId: 'g', title: 'O' }] });
    p.outputs.push({ id: 'lost', outcomeId: 'nowhere', title: 'lost', order: 'i', archived: false, responsible: '', source: null });
    p.outputs.push({ id: 'wrong', outcomeId: 'g', title: 'wrong', order: 'i', archived: false, responsible: '', source: null });
    expect(buildForest(p).orphans).toEqual([
      { id: 'lost', kind: 'output', reason: 'missing-parent' },
      { id: 'wrong', kind: 'output', reason: 'wrong-parent-kind' },
    ]);
  });
});
