/// <reference lib="webworker" />
/**
 * The plan store's derived-values worker (SPEC UW1): a replica of the plan's Y.Doc fed with the
 * page's updates, its incremental projection ({@link PlanProjection}, PF2) and the derived values
 * kept while what they read is unchanged ({@link DerivedMemo}, PF3). It answers each `compute`
 * with the issues and budget of the revision it holds, so validation and the budget roll-up of a
 * large plan never run on the page's thread. Loaded lazily (`plan-store.ts`), never in the first load.
 */
import * as Y from 'yjs';
import { rollupBudget } from '../../shared/domain/budget.js';
import { validatePlan } from '../../shared/domain/validation.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';
import { BUDGET_PACKED, WORKER_KEYS, type FromWorker, type Packed, type SentValues, type ToWorker, type WorkerKey, type WorkerValues } from './derived-protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const MAKE: { [K in WorkerKey]: (plan: Parameters<typeof validatePlan>[0]) => WorkerValues[K] } = {
  issues: validatePlan,
  budget: (plan) => rollupBudget(plan),
};

let doc: Y.Doc | null = null;
let projection: PlanProjection | null = null;
const memo = new DerivedMemo();
/** The revision the replica holds. */
let seq = -1;
/**
 * Per key: the value last sent (the memo's object), its JSON (to answer `same` when unchanged) and,
 * per packed list, each item's JSON to its index (to send an index for an unchanged item).
 */
const sent = new Map<WorkerKey, { value: unknown; json: string; lists: Map<string, Map<string, number>> }>();

/** `list` packed against `before` (item JSON to index in the list last sent); fills `after` for the next time. */
function pack<T>(list: readonly T[], before: Map<string, number> | undefined, after: Map<string, number>): Packed<T> {
  return list.map((item, i) => {
    const json = JSON.stringify(item);
    if (!after.has(json)) after.set(json, i);
    const at = before?.get(json);
    return at === undefined ? item : at;
  });
}

/** The value of `key` as sent, its row lists packed against the ones last sent. */
function packValue(key: WorkerKey, value: unknown, before: Map<string, Map<string, number>> | undefined, lists: Map<string, Map<string, number>>): unknown {
  const packList = (name: string, list: readonly unknown[]): Packed<unknown> => {
    const after = new Map<string, number>();
    lists.set(name, after);
    return pack(list, before?.get(name), after);
  };
  if (key === 'issues') return packList('issues', value as unknown[]);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const name of BUDGET_PACKED) out[name] = packList(name, out[name] as unknown[]);
  return out;
}

/** Answers sent that the page takes (it counts them too: `compute.base`). */
let answered = 0;

const post = (msg: FromWorker): void => scope.postMessage(msg);

/** Applies one message (exported for the handler only; the worker has no other entry). */
function handle(msg: ToWorker): void {
  if (msg.t === 'init') {
    projection?.destroy();
    doc?.destroy();
    doc = new Y.Doc();
    Y.applyUpdate(doc, msg.update);
    projection = new PlanProjection(doc);
    sent.clear();
    answered = 0;
    seq = msg.seq;
    return;
  }
  if (!doc || !projection) throw new Error('derived worker: no plan yet (init first)');
  if (msg.t === 'update') {
    // One transaction: the projection marks what the whole batch changed at once.
    const replica = doc;
    replica.transact(() => {
      for (const update of msg.updates) Y.applyUpdate(replica, update);
    });
    seq = msg.seq;
    return;
  }
  if (msg.seq !== seq) throw new Error(`derived worker: asked for revision ${msg.seq}, holds ${seq}`);
  if (msg.base !== answered) sent.clear();
  answered = msg.base + 1;
  const start = performance.now();
  const plan = projection.plan;
  const values: Partial<SentValues> = {};
  const same: WorkerKey[] = [];
  for (const key of msg.keys) {
    if (!WORKER_KEYS.includes(key)) throw new Error(`derived worker: unknown value ${String(key)}`);
    const value = memo.get(key, plan, MAKE[key] as (p: typeof plan) => unknown);
    const last = sent.get(key);
    if (last && last.value === value) {
      same.push(key);
      continue;
    }
    const json = JSON.stringify(value);
    if (last && last.json === json) {
      sent.set(key, { ...last, value });
      same.push(key);
      continue;
    }
    const lists = new Map<string, Map<string, number>>();
    (values as Record<WorkerKey, unknown>)[key] = packValue(key, value, last?.lists, lists);
    sent.set(key, { value, json, lists });
  }
  post({ t: 'result', seq, values, same, ms: performance.now() - start });
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    handle(msg);
  } catch (err) {
    post({ t: 'error', seq: msg && typeof msg.seq === 'number' ? msg.seq : -1, message: err instanceof Error ? err.message : String(err) });
  }
};
