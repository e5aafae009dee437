import type { PlanData } from '../../shared/model.js';
import { fullPlan } from '../shared/helpers/fixtures.js';

/** The handbook's full plan with its one activity copied `count` times (fresh ids, same output). */
export function bigPlan(count: number): PlanData {
  const plan = fullPlan();
  const [template] = plan.activities;
  plan.activities = Array.from({ length: count }, (_, i) => ({ ...template!, id: `a${i}`, title: `Activity ${i}` }));
  return plan;
}
