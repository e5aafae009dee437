import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test skipped itself; `.ci/run` accepts only the reasons its verdict lists. */
    skipReason?: string;
  }
}

/** The only reason `.ci/verdict.mjs` accepts for tests that read the ../shared/ folder. */
export const SHARED_FOLDER_ABSENT = 'the ../shared/ folder beside the repository is absent';

/**
 * Skips the running test and records `reason` in its meta, where the CI verdict
 * (`.ci/verdict.mjs`) finds it: a skip whose reason is not listed there fails CI.
 */
export function skipBecause(ctx: TestContext, reason: string): never {
  ctx.task.meta.skipReason = reason;
  ctx.skip(reason);
  throw new Error('unreachable: ctx.skip throws');
}
