import { compareOrder } from '../domain/order.js';
import type { PlanData } from './types.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Puts every list of a plan in its one canonical order, in place, and returns the plan. Y.Map
 * iteration order differs between peers, so `readPlan` and `parsePlanJson` both end with this:
 * two peers with the same state produce byte-identical JSON.
 *
 * Ordered entities sort by `(order, id)`; participants by `(name, id)`; cells by their ids;
 * reviews by `(start, id)`. Inline lists (national goals, dependencies...) keep their order.
 */
export function canonicalPlan(plan: PlanData): PlanData {
  plan.participants.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  plan.criteria.sort(compareOrder);
  plan.goals.sort(compareOrder);
  for (const g of plan.goals) g.requirements.sort(compareOrder);
  plan.outcomes.sort(compareOrder);
  plan.outputs.sort(compareOrder);
  plan.activities.sort(compareOrder);
  plan.indicators.sort(compareOrder);
  plan.sections.sort(compareOrder);
  plan.scores.sort((a, b) => cmp(a.goalId, b.goalId) || cmp(a.criterionId, b.criterionId) || cmp(a.participantId, b.participantId));
  plan.agreedScores.sort((a, b) => cmp(a.goalId, b.goalId) || cmp(a.criterionId, b.criterionId));
  plan.reviews.sort((a, b) => cmp(a.start ?? '', b.start ?? '') || cmp(a.id, b.id));
  for (const r of plan.reviews) {
    r.activities.sort((a, b) => cmp(a.activityId, b.activityId));
    r.indicators.sort((a, b) => cmp(a.indicatorId, b.indicatorId));
  }
  return plan;
}
