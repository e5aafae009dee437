import * as Y from 'yjs';
import { readPlanFolder } from '../store/plan-folder.js';
import type { StoredSource } from '../store/storage.js';
import { parsePlanJson, rankGoals, readPlan, rollupBudget, validatePlan, writePlan, type PlanData } from '../../shared/model.js';

/** Values derived from a plan's plain projection, served at `GET /api/plans/:id/<name>`. */
export const DERIVED: Record<string, (plan: PlanData) => unknown> = {
  'export.json': (plan) => plan,
  ranking: (plan) => rankGoals(plan),
  issues: (plan) => ({ issues: validatePlan(plan) }),
  budget: (plan) => rollupBudget(plan),
};

/** Work sent to the heavy-work thread. */
export type HeavyJob =
  | { kind: 'import'; text: string; id: string; maxItems: number }
  | { kind: 'derive'; name: string; planId: string; update: Uint8Array; stateVector: Uint8Array }
  | { kind: 'derive-stored'; name: string; planId: string; source: StoredSource };

/**
 * The answer to a job: `json` (derive; with the replica's state vector after a stored read),
 * the new plan (import), or a refusal (import).
 */
export type HeavyResult =
  | { ok: true; json: string; stateVector?: Uint8Array }
  | { ok: true; title: string; sourceId: string; update: Uint8Array; stateVector: Uint8Array }
  | { ok: false; status: 400 | 413; code: string; message: string; problems?: unknown[] };

/** Objects inside arrays of a JSON value (activities, goals, rows...), counted without recursion. */
export function countItems(input: unknown): number {
  let count = 0;
  const stack: unknown[] = [input];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      if (Array.isArray(value) && typeof child === 'object' && child !== null) count++;
      stack.push(child);
    }
  }
  return count;
}

/** Parses and writes an imported plan into a fresh doc; its state as one update, or why not. */
function importPlan(text: string, id: string, maxItems: number): HeavyResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { ok: false, status: 400, code: 'invalid_json', message: `The request body is not valid JSON: ${(err as Error).message}` };
  }
  const items = countItems(input);
  if (items > maxItems) {
    return { ok: false, status: 413, code: 'too_many_items', message: `Imports are limited to ${maxItems} items (activities, goals, rows...); this plan has ${items}.` };
  }
  const parsed = parsePlanJson(input);
  if (!parsed.ok) {
    return { ok: false, status: 400, code: 'invalid_plan', message: `The plan was not imported: ${parsed.problems.length} problem(s) found.`, problems: parsed.problems };
  }
  const doc = new Y.Doc();
  writePlan(doc, { ...parsed.value, id }, { source: 'server', reason: 'import' });
  keepReplica(id, doc);
  return { ok: true, title: parsed.value.title, sourceId: parsed.value.id, update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
}

/** Thrown when a replica does not reach the live doc's state: the caller resends the whole state. */
export const RESYNC = 'replica out of sync';
/** Plans whose replica a thread keeps (least recently used dropped first). */
const MAX_REPLICAS = 4;
const replicas = new Map<string, Y.Doc>();

/** Keeps a plan's replica as the most recently used, dropping the least recently used past the limit. */
function keepReplica(planId: string, doc: Y.Doc): void {
  replicas.set(planId, doc);
  for (const [id, old] of replicas) {
    if (replicas.size <= MAX_REPLICAS) break;
    old.destroy();
    replicas.delete(id);
  }
}

/** Whether two encoded state vectors name the same clocks. */
function sameState(a: Uint8Array, b: Uint8Array): boolean {
  const x = Y.decodeStateVector(a);
  const y = Y.decodeStateVector(b);
  return x.size === y.size && [...x].every(([client, clock]) => y.get(client) === clock);
}

/**
 * Brings this thread's replica of a plan up to the live doc with `update` (the live doc's
 * changes since the state it last sent, so the server never encodes a big plan whole again),
 * then serialises one derived value as JSON text. Throws {@link RESYNC} when the replica does
 * not end at `stateVector` (dropped, or a first diff): the caller then sends the whole state.
 */
function derive(name: string, planId: string, update: Uint8Array, stateVector: Uint8Array): HeavyResult {
  const compute = DERIVED[name];
  if (!compute) throw new Error(`unknown derived value ${name}`);
  const doc = replicas.get(planId) ?? new Y.Doc();
  replicas.delete(planId);
  Y.applyUpdate(doc, update);
  if (!sameState(Y.encodeStateVector(doc), stateVector)) {
    doc.destroy();
    throw new Error(RESYNC);
  }
  keepReplica(planId, doc);
  return { ok: true, json: JSON.stringify(compute(readPlan(doc))) };
}

/**
 * Reads a plan's stored content (from its folder, in this thread) and builds it (state, then the
 * log in order) into this thread's
 * replica, then serialises one derived value as JSON text: the event loop never builds the doc
 * of a plan no room holds. A replica the thread already keeps is an ancestor of the stored plan
 * (a plan only grows), so the stored content is applied onto it (known items are skipped).
 */
function deriveStored(name: string, planId: string, source: StoredSource): HeavyResult {
  const compute = DERIVED[name];
  if (!compute) throw new Error(`unknown derived value ${name}`);
  const stored = 'dir' in source ? readPlanFolder(source.dir) : source.content;
  const doc = replicas.get(planId) ?? new Y.Doc();
  replicas.delete(planId);
  doc.transact(() => {
    if (stored.state) (stored.stateEncoding === 'v2' ? Y.applyUpdateV2 : Y.applyUpdate)(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  keepReplica(planId, doc);
  return { ok: true, json: JSON.stringify(compute(readPlan(doc))), stateVector: Y.encodeStateVector(doc) };
}

/** Runs one job (in the heavy-work thread, or inline when no built thread file exists). */
export function runJob(job: HeavyJob): HeavyResult {
  switch (job.kind) {
    case 'import':
      return importPlan(job.text, job.id, job.maxItems);
    case 'derive':
      return derive(job.name, job.planId, job.update, job.stateVector);
    case 'derive-stored':
      return deriveStored(job.name, job.planId, job.source);
  }
}
