/**
 * The code of the plan store's derived values (validation issues, budget roll-up, goal ranking):
 * its own chunk, loaded by `loadDerived()` in `plan-store.ts` beside the first screen and awaited
 * by the views that read those values (`client/views.ts`), so a first visit does not wait for it
 * (SPEC BL4).
 */
export { rankGoals } from '../../shared/domain/scoring.js';
export { rollupBudget } from '../../shared/domain/budget.js';
export { validatePlan } from '../../shared/domain/validation.js';
export { DerivedWorker } from './derived-client.js';
