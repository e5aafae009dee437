import type { PlanData, Review } from '../../shared/schema/types.js';

/**
 * RV4 in the documents: a review period bound to an agreed version (`baselineSnapshotId`) is
 * measured against that version's budgets and indicator targets, as the monitoring screen does.
 * Returns the live plan with, for each activity and indicator the agreed version has, its agreed
 * budget and its agreed baseline, target and period targets laid over the live one (structure,
 * titles, readings and spending stay live; rows added since keep their live figures). The live
 * plan itself when the review is not bound or its version is not in `baselines` (by snapshot id).
 */
export function measuredPlan(live: PlanData, review: Review, baselines: ReadonlyMap<string, PlanData> | undefined): PlanData {
  const agreed = review.baselineSnapshotId ? baselines?.get(review.baselineSnapshotId) : undefined;
  if (!agreed) return live;
  const acts = new Map(agreed.activities.map((a) => [a.id, a]));
  const inds = new Map(agreed.indicators.map((i) => [i.id, i]));
  return {
    ...live,
    activities: live.activities.map((a) => {
      const was = acts.get(a.id);
      return was ? { ...a, budget: was.budget } : a;
    }),
    indicators: live.indicators.map((i) => {
      const was = inds.get(i.id);
      return was ? { ...i, baseline: was.baseline, target: was.target, periodTargets: was.periodTargets } : i;
    }),
  };
}

/** The snapshot ids live review periods of `plan` are bound to (RV4), each once, in order. */
export function boundSnapshotIds(plan: PlanData): string[] {
  return [...new Set(plan.reviews.filter((r) => !r.archived && r.baselineSnapshotId).map((r) => r.baselineSnapshotId!))];
}
