import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import * as cmd from '../../shared/model.js';
import { ENGLISH_ISSUE_FORMAT, englishIssueTr, issueText } from '../../shared/domain/issue-text.js';
import { createNetwork } from './helpers/doc-network.js';
import { randomCommand } from './helpers/random-command.js';
import { fullPlan } from './helpers/fixtures.js';

/** Plans after random edits (archived rows, moved rows, budgets, scores...), plus the full fixture. */
function randomPlans(seeds: number): cmd.PlanData[] {
  const plans: cmd.PlanData[] = [fullPlan()];
  for (let seed = 1; seed <= seeds; seed++) {
    const net = createNetwork(2, 700 + seed);
    const [a] = net.docs as [Y.Doc];
    initPlan(a, { id: `p${seed}`, title: 'Fuzz' });
    const counter = { n: 0 };
    for (let step = 0; step < 40; step++) {
      randomCommand(net, prng.bool(net.gen) ? 0 : 1, counter);
      net.deliverSome(prng.int32(net.gen, 0, 3));
      if (step % 8 === 7) plans.push(readPlan(a));
    }
  }
  return plans;
}

describe('derived values at every size (SPEC DV)', () => {
  it('[DV3] the budget lists every live row once, in the forest display order with its code', () => {
    for (const plan of randomPlans(8)) {
      const rows: Record<string, { id: string; code: string }[]> = { goal: [], outcome: [], output: [], activity: [] };
      const walk = (n: cmd.TreeNode): void => {
        rows[n.kind]!.push({ id: n.id, code: n.code });
        n.children.forEach(walk);
      };
      cmd.buildForest(plan).goals.forEach(walk);
      const budget = cmd.rollupBudget(plan);
      const listed = (nodes: cmd.NodeBudget[]) => nodes.map((n) => ({ id: n.id, code: n.code }));
      expect(listed(budget.goals)).toEqual(rows['goal']);
      expect(listed(budget.outcomes)).toEqual(rows['outcome']);
      expect(listed(budget.outputs)).toEqual(rows['output']);
      expect(listed(budget.activities)).toEqual(rows['activity']);
      expect(budget.plan.activities).toBe(budget.activities.length);
    }
  });

  it('[DV4] every English message equals the catalogue template filled afresh, after edits too', () => {
    for (const plan of randomPlans(6)) {
      for (const issue of cmd.validatePlan(plan)) {
        if (issue.params) expect(issue.message).toBe(issueText({ ...issue, message: '' }, englishIssueTr, ENGLISH_ISSUE_FORMAT));
      }
    }
  });

  it('[DV4] kept messages follow the words: a renamed row is named anew, and typed text cannot forge a key', () => {
    const plan = fullPlan();
    const [first] = plan.activities;
    // Titles that would read alike if parameters were joined with the separators themselves.
    plan.activities = [
      { ...first!, id: 'x1', title: 'A\u0003"x2"', responsible: '' },
      { ...first!, id: 'x2', title: 'A', responsible: '' },
    ];
    const v3 = (p: cmd.PlanData) => cmd.validatePlan(p).filter((i) => i.rule === 'V3' && i.entity.kind === 'activity');
    const before = v3(plan);
    expect(before.map((i) => i.entity.id)).toEqual(['x1', 'x2']);
    expect(before[0]!.message).toContain('A\u0003"x2"');
    expect(before[1]!.message).not.toContain('x2"');
    plan.activities = [{ ...plan.activities[0]!, title: 'Renamed' }, plan.activities[1]!];
    const after = v3(plan);
    expect(after[0]!.message).toContain('"Renamed"');
    expect(after[1]!.message).toBe(before[1]!.message);
  });
});
