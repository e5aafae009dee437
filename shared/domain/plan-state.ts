/**
 * What the derived values (tree index, budget, issues) keep about one live plan between its
 * projections, owned by the object that follows that plan (SPEC DJ7): a {@link PlanState} made by
 * a `PlanProjection` (one per replica in the heavy-work thread, one per plan in the browser's
 * derived-values worker and store). Each projection's plan object names its state under
 * {@link PLAN_STATE}, a non-enumerable symbol property (not copied by spreads, `structuredClone` or
 * JSON, not seen by `toEqual`), so a pure function of the plan finds it without a lookup per row
 * and without any module-level reference: what it keeps dies with the projection. A plan with no
 * state (parsed, read whole, copied) is computed as before.
 */

/** The symbol under which a projection's plan object names its {@link PlanState}. */
export const PLAN_STATE: unique symbol = Symbol('roundtable.planState');

/**
 * Per-plan kept state, in slots: each module that keeps something about a plan's rows uses its own
 * slot key (a module-level object), so this file knows nothing of what they keep. Values live as
 * long as the state (that is, as long as its projection).
 */
export class PlanState {
  private readonly slots = new Map<object, unknown>();

  /** The value of slot `key`, made by `make()` the first time it is asked for. */
  slot<T>(key: object, make: () => T): T {
    let value = this.slots.get(key) as T | undefined;
    if (value === undefined) this.slots.set(key, (value = make()));
    return value;
  }

  /** Forgets every slot (the projection is destroyed, or starts over). */
  clear(): void {
    this.slots.clear();
  }
}

/** The state `plan` names (a projection's plan), or undefined (any other plan object). */
export function planStateOf(plan: object): PlanState | undefined {
  return (plan as { [PLAN_STATE]?: PlanState })[PLAN_STATE];
}

/** Makes `plan` name `state` (non-enumerable, so the plan's data, copies and JSON are unchanged). */
export function bindPlanState(plan: object, state: PlanState): void {
  Object.defineProperty(plan, PLAN_STATE, { value: state, enumerable: false, configurable: true, writable: false });
}

/**
 * What is kept for plans with no state of their own (parsed, read whole, copied: a snapshot's
 * export, a bench's copies), held weakly (SPEC DK6): the same value while something uses it or
 * until the next full garbage collection, then a fresh one from `make()`. A kept tree or result
 * of such a plan holds that plan's rows; held strongly at module level, the last few plans of a
 * thread (four trees of a 60,000-activity copy) stayed alive for good and every later collection
 * marked them again.
 */
export class LooseKeep<T extends object> {
  private ref: WeakRef<T> | undefined;

  constructor(private readonly make: () => T) {}

  /** The kept value, or a fresh one when it was collected. */
  get(): T {
    let value = this.ref?.deref();
    if (value === undefined) this.ref = new WeakRef((value = this.make()));
    return value;
  }
}
