/**
 * The messages between the plan store (main thread) and its derived-values worker
 * (`derived-worker.ts`, SPEC UW1). Plain data only (structured clone); the Yjs updates travel as
 * transferred `Uint8Array`s.
 */
import type { BudgetRollup } from '../../shared/domain/budget.js';
import type { Issue } from '../../shared/domain/validation.js';

/** The values the worker computes: the plan store's lagging values with no options. */
export interface WorkerValues {
  issues: Issue[];
  budget: BudgetRollup;
}

/** The name of a value the worker computes. */
export type WorkerKey = keyof WorkerValues;

/** The names the worker accepts (anything else is refused). */
export const WORKER_KEYS: readonly WorkerKey[] = ['issues', 'budget'];

/**
 * Main thread to worker. `seq` is the plan store's revision once the update is applied (for
 * `update`, and for `init`: the whole doc at that revision); `update` carries the doc's updates since the
 * last one, in order (sent with the next question: SPEC PP2); `compute` asks for `keys` at the
 * revision `seq` the worker holds when it reads the message (messages arrive in order, so every
 * update before it is applied and none after). `base` is the number of answers the page has
 * taken: when it is not the number the worker sent, the worker packs nothing against its last
 * lists (the two sides would disagree on them).
 */
export type ToWorker =
  | { t: 'init'; seq: number; update: Uint8Array }
  | { t: 'update'; seq: number; updates: Uint8Array[] }
  | { t: 'compute'; seq: number; keys: WorkerKey[]; base: number };

/**
 * A list as sent: each item is either the item itself or, when an item of equal content was in the
 * same list last sent, that item's index there (a number), so the page reuses its object and does
 * not receive it again.
 */
export type Packed<T> = (T | number)[];

/** The budget lists sent packed ({@link Packed}); the rest of the roll-up is sent as it is. */
export const BUDGET_PACKED = ['goals', 'outcomes', 'outputs', 'activities', 'fundingLines'] as const;

/** A value as sent: the issues packed, the budget with its row lists packed. */
export interface SentValues {
  issues: Packed<Issue>;
  budget: Omit<BudgetRollup, (typeof BUDGET_PACKED)[number]> & { [K in (typeof BUDGET_PACKED)[number]]: Packed<BudgetRollup[K][number]> };
}

/**
 * Worker to main thread: the values asked for at revision `seq` (a key whose value is, by
 * content, the one last sent is listed in `same` instead, so the page keeps its object and
 * renders nothing again), or why they could not be computed. `ms` is the worker's time.
 */
export type FromWorker =
  | { t: 'result'; seq: number; values: Partial<SentValues>; same: WorkerKey[]; ms: number }
  | { t: 'error'; seq: number; message: string };

/**
 * The list `packed` stands for: its numbers replaced by the items of `prev` (the list unpacked
 * last time) at those indexes. Throws on an index `prev` lacks (the two sides disagree).
 */
export function unpack<T>(packed: Packed<T>, prev: readonly T[] | undefined): T[] {
  return packed.map((item) => {
    if (typeof item !== 'number') return item;
    const kept = prev?.[item];
    if (kept === undefined) throw new Error(`derived values: no item ${item} in the last list`);
    return kept;
  });
}

/** The value `sent` stands for, reusing the objects of `prev` (the value of the same key last unpacked). */
export function unpackValue<K extends WorkerKey>(key: K, sent: SentValues[K], prev: WorkerValues[K] | undefined): WorkerValues[K] {
  if (key === 'issues') return unpack(sent as SentValues['issues'], prev as Issue[] | undefined) as WorkerValues[K];
  const budget = { ...(sent as SentValues['budget']) } as unknown as Record<string, unknown>;
  const before = prev as BudgetRollup | undefined;
  for (const list of BUDGET_PACKED) budget[list] = unpack(budget[list] as Packed<unknown>, before?.[list] as unknown[] | undefined);
  return budget as unknown as WorkerValues[K];
}
