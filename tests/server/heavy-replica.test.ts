import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlan, type PlanData } from '../../shared/model.js';
import { HEAVY_DEFAULTS, HeavyWork } from '../../server/work/pool.js';
import { bigPlan } from './heavy-helpers.js';

const budgetOf = async (work: HeavyWork, planId: string, doc: Y.Doc) =>
  JSON.parse((await work.derive(planId, 'budget', { stored: () => null, live: async (encode) => encode(doc) })).text()) as { plan: { activities: number } };

describe('the heavy-work replica follows the live doc', () => {
  it('a second read sends only the changes and still sees every edit (real thread and inline)', async () => {
    for (const work of [new HeavyWork(), new HeavyWork(HEAVY_DEFAULTS, null)]) {
      const doc = new Y.Doc();
      writePlan(doc, bigPlan(3), { source: 'server', reason: 'test' });
      expect((await budgetOf(work, 'p1', doc)).plan.activities).toBe(3);
      writePlan(doc, bigPlan(5) as PlanData, { source: 'server', reason: 'test' });
      expect((await budgetOf(work, 'p1', doc)).plan.activities).toBe(5);
      writePlan(doc, bigPlan(2) as PlanData, { source: 'server', reason: 'test' });
      expect((await budgetOf(work, 'p1', doc)).plan.activities).toBe(2);
      // Another doc under the same id (the replica is not its ancestor) is resent whole.
      const other = new Y.Doc();
      writePlan(other, bigPlan(4), { source: 'server', reason: 'test' });
      expect((await budgetOf(work, 'p1', other)).plan.activities).toBe(4);
      await work.close();
    }
  });
});
