/** The file store under its historical name; new code imports `file-storage.ts` or `storage.ts`. */
export { PlanFiles, PlanStore } from './file-storage.js';
export type { LoadedPlan, PlanMeta } from './storage.js';
