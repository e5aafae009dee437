import { describe, expect, it } from 'vitest';
import { buildForest, indexNodes, liveNodeIds, treeIndex, type TreeNode } from '../../shared/domain/tree.js';
import { validatePlan } from '../../shared/domain/validation.js';
import type { PlanData } from '../../shared/schema/types.js';
import { plan } from './helpers/fixtures.js';

/** A small seeded generator (mulberry32), so every failure names a reproducible seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random matrix: archived rows, missing parents, parents of the wrong kind, tied order keys. */
function randomPlan(seed: number): PlanData {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const order = () => pick(['a', 'b', 'c', 'm', 'x']);
  const archived = () => r() < 0.15;
  const count = (max: number, parents: unknown[]) => (parents.length ? Math.floor(r() * max) : 0);
  const goals = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => ({ id: `g${i}`, title: `G${i}`, order: order(), archived: archived() }));
  const gid = goals.map((g) => g.id);
  const outcomes = Array.from({ length: count(8, gid) }, (_, i) => ({ id: `oc${i}`, goalId: pick(gid), title: `O${i}`, order: order(), archived: archived() }));
  const oid = outcomes.map((o) => o.id);
  const outputs = Array.from({ length: count(12, oid) }, (_, i) => ({ id: `op${i}`, outcomeId: pick(oid), title: `P${i}`, order: order(), archived: archived() }));
  const pid = outputs.map((o) => o.id);
  const activities = Array.from({ length: count(30, pid) }, (_, i) => ({ id: `a${i}`, outputId: pick(pid), title: `A${i}`, order: order(), archived: archived() }));
  const p = plan({ goals, outcomes, outputs, activities });
  // The parser refuses broken links, but a live doc can hold them (concurrent edits): break some.
  const broken = () => (r() < 0.5 ? `missing${Math.floor(r() * 3)}` : pick([...gid, ...oid, ...pid]));
  for (const o of p.outcomes) if (r() < 0.1) o.goalId = broken();
  for (const o of p.outputs) if (r() < 0.1) o.outcomeId = broken();
  for (const a of p.activities) if (r() < 0.1) a.outputId = broken();
  return p;
}

/** The codes and goals as the forest gives them, walked in display order. */
function fromForest(p: PlanData) {
  const codes: [string, { code: string; short: string }][] = [];
  const goalOf = new Map<string, string>();
  const liveChildren = new Map<string, number>();
  const walk = (n: TreeNode, goal: string): void => {
    codes.push([n.id, { code: n.code, short: n.short }]);
    goalOf.set(n.id, goal);
    if (n.children.length) liveChildren.set(n.id, n.children.length);
    n.children.forEach((c) => walk(c, goal));
  };
  buildForest(p).goals.forEach((g) => walk(g, g.id));
  return { codes, goalOf, liveChildren };
}

describe('the one-pass tree index', () => {
  it('[PF1] gives the same index, live set, codes (in display order), goals and child counts as the forest, over 500 random matrices', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const p = randomPlan(seed);
      const t = treeIndex(p);
      const f = fromForest(p);
      expect([...t.index.keys()], `seed ${seed}`).toEqual([...indexNodes(p).keys()]);
      expect([...t.live].sort(), `seed ${seed}`).toEqual([...liveNodeIds(p)].sort());
      expect([...t.codes], `seed ${seed}`).toEqual(f.codes);
      expect(t.goalOf, `seed ${seed}`).toEqual(f.goalOf);
      expect(t.liveChildren, `seed ${seed}`).toEqual(f.liveChildren);
    }
  });

  it('[PF1] validation still names hidden and orphaned rows with their codes (S1-S3) on random matrices', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const p = randomPlan(seed);
      const live = liveNodeIds(p);
      const codes = treeIndex(p).codes;
      for (const issue of validatePlan(p).filter((i) => ['S1', 'S2', 'S3'].includes(i.rule))) {
        expect(live.has(issue.entity.id), `seed ${seed} ${issue.message}`).toBe(false);
      }
      for (const [id, { code }] of codes) {
        const issue = validatePlan(p).find((i) => i.entity.id === id && i.message.includes(`"`));
        if (issue && issue.entity.kind !== 'score') expect(issue.message, `seed ${seed}`).toContain(code);
      }
    }
  });
});
