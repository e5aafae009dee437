import * as Y from 'yjs';
import { rankingForPrivacy } from '../../shared/domain/scoring.js';
import { parsePlanJson, rankGoals, readPlanOfStateV2, rollupBudget, validatePlan, writePlan, type BudgetRollup, type PlanData } from '../../shared/model.js';
import { budgetJsonPieces } from '../../shared/domain/budget.js';
import { JsonPieces, listJsonPieces } from '../../shared/domain/json-memo.js';
import { PieceSender, type JsonBody, type PiecesMessage } from './json-parts.js';
import { DerivedMemo, PlanProjection } from '../../shared/schema/projection.js';
import { readPlanFolder } from '../store/plan-folder.js';
import type { StoredSource } from '../store/storage.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { ExportError, exportFormat } from '../export/index.js';
import { boundSnapshotIds } from '../export/baseline.js';
import { IatiImportError, readDonorActivities } from '../iati/donor.js';
import type { WorkbookJob } from '../import/xlsx-job.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import { importNote } from '../import/notes.js';

/** Values derived from a plan's plain projection, served at `GET /api/plans/:id/<name>`. */
export const DERIVED: Record<string, (plan: PlanData, params: Readonly<Record<string, string>>) => unknown> = {
  'export.json': (plan) => plan,
  ranking: (plan) => rankingForPrivacy(plan, rankGoals(plan)),
  issues: (plan) => ({ issues: validatePlan(plan) }),
  // Options checked by the route (server/http/plans.ts): rates in force on `asOf` (CU2), actuals of one review.
  budget: (plan, p) => rollupBudget(plan, { ...(p['asOf'] ? { asOf: p['asOf'] } : {}), ...(p['review'] ? { reviewId: p['review'] } : {}) }),
};

/**
 * How a derived value is written as JSON pieces when not by `JSON.stringify` (same bytes, less
 * work): the budget from the kept text of each unchanged line (SPEC DI3), the issues from the kept
 * text of each unchanged issue (DJ4); each kept run of lines or issues is a piece of its own (DK1).
 */
const PIECES: Record<string, (value: unknown) => string[]> = {
  budget: (value) => budgetJsonPieces(value as BudgetRollup),
  issues: (value) => {
    const out = new JsonPieces();
    out.text('{"issues":');
    listJsonPieces((value as { issues: object[] }).issues, out);
    out.text('}');
    return out.done();
  },
};

/** A derived value `name` of `plan` as JSON text in pieces (DERIVED, written by PIECES where one is given): their concatenation is the text. */
export function derivedPieces(name: string, plan: PlanData, params: Readonly<Record<string, string>> = {}): string[] {
  const compute = DERIVED[name];
  if (!compute) throw new Error(`unknown derived value ${name}`);
  const value = compute(plan, params);
  const pieces = PIECES[name];
  return pieces ? pieces(value) : [JSON.stringify(value)];
}

/** A derived value `name` of `plan` as JSON text (the concatenation of {@link derivedPieces}). */
export function derivedJson(name: string, plan: PlanData, params: Readonly<Record<string, string>> = {}): string {
  return derivedPieces(name, plan, params).join('');
}

/** A document export (server/export/) asked of a derive or render job. */
export interface ExportRequest {
  format: string;
  params: Record<string, string>;
  snapshot: SnapshotMeta | null;
  generatedAt: string;
  /**
   * The V2 states of the agreed versions the plan's review periods are bound to (RV4), by
   * snapshot id, read by the route; undefined: not read yet (the job then answers `needs`).
   */
  baselines?: Record<string, Uint8Array>;
}

/**
 * Work sent to the heavy-work thread: an import; a derived value or export of a live plan
 * (`derive`, through the thread's replica; `export` set for a document, else `name` from
 * DERIVED); an export of a stored state (`render`, a snapshot's V2 state).
 */
export type HeavyJob =
  | { kind: 'import'; text: string; id: string; maxItems: number }
  | { kind: 'derive'; name: string; planId: string; update: Uint8Array; stateVector: Uint8Array; export?: ExportRequest; params?: Record<string, string> }
  | { kind: 'derive-stored'; name: string; planId: string; source: StoredSource; export?: ExportRequest; params?: Record<string, string> }
  | { kind: 'render'; state: Uint8Array; export: ExportRequest }
  | { kind: 'iati'; text: string }
  | WorkbookJob;

/**
 * The answer to a job: `value` (derive: a derived value's JSON; with the replica's state vector
 * after a stored read), `json` (a donor's IATI activities), a
 * document `body` (export; with the state vector likewise), the new plan (import), the
 * snapshots an export `needs` first (review periods bound to agreed versions, RV4), or a refusal.
 */
export type HeavyResult =
  | { ok: true; json: string; stateVector?: Uint8Array }
  | { ok: true; value: JsonBody; stateVector?: Uint8Array }
  | { ok: true; body: Uint8Array | string; stateVector?: Uint8Array }
  | { ok: true; needs: string[]; stateVector?: Uint8Array }
  | { ok: true; title: string; sourceId: string; update: Uint8Array; stateVector: Uint8Array; counts?: Record<string, number>; notes?: ImportNote[] }
  | { ok: false; status: 400 | 409 | 413; code: string; message: string; problems?: unknown[]; params?: Record<string, string | number> };

/**
 * A job's answer as the thread sends it: a derived value's JSON as {@link PiecesMessage} (SPEC
 * DK2), which the event loop reads into the `value` of a {@link HeavyResult} (server/work/pool.ts).
 */
export type ThreadResult = Exclude<HeavyResult, { value: JsonBody }> | { ok: true; pieces: PiecesMessage; stateVector?: Uint8Array };

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
function importPlan(text: string, id: string, maxItems: number): ThreadResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { ok: false, status: 400, code: 'invalid_json', message: `The request body is not valid JSON: ${(err as Error).message}` };
  }
  const items = countItems(input);
  if (items > maxItems) {
    return { ok: false, status: 413, code: 'too_many_items', message: `Imports are limited to ${maxItems} items (activities, goals, rows...); this plan has ${items}.`, params: { max: maxItems, items } };
  }
  const parsed = parsePlanJson(input);
  if (!parsed.ok) {
    return { ok: false, status: 400, code: 'invalid_plan', message: `The plan was not imported: ${parsed.problems.length} problem(s) found.`, problems: parsed.problems };
  }
  // XL5: a new plan has no snapshots, so a review bound to one is measured against the live plan.
  const notes: ImportNote[] = [];
  const reviews = parsed.value.reviews.map((r) => {
    if (r.baselineSnapshotId === null) return r;
    notes.push(importNote('reviewUnbound', { review: r.label, snapshot: r.baselineSnapshotId }));
    return { ...r, baselineSnapshotId: null };
  });
  const doc = new Y.Doc();
  writePlan(doc, { ...parsed.value, id, reviews }, { source: 'server', reason: 'import' });
  keepReplica(id, replicaOf(doc));
  return { ok: true, title: parsed.value.title, sourceId: parsed.value.id, update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc), notes };
}

/** Thrown when a replica does not reach the live doc's state: the caller resends the whole state. */
export const RESYNC = 'replica out of sync';
/** Plans whose replica a thread keeps (least recently used dropped first). */
const MAX_REPLICAS = 4;

/**
 * A plan's replica in the thread (SPEC DV2): its doc, the plain projection that follows it from
 * the changed entities only (PF2), and the derived values' JSON kept while the plan fields each
 * one read are unchanged (PF3): after an activity's budget changes, the ranking is not computed
 * again; after a Plan of Action section changes, neither budget nor issues are.
 */
export interface Replica {
  doc: Y.Doc;
  projection: PlanProjection;
  /** One memo per derived value and options (`derivedKey`), so the byte bound can drop one. */
  memos: Map<string, DerivedMemo>;
}

const replicas = new Map<string, Replica>();

/** A replica of a fresh (or given) doc. */
function replicaOf(doc: Y.Doc = new Y.Doc()): Replica {
  return { doc, projection: new PlanProjection(doc), memos: new Map() };
}

/** Keeps a plan's replica as the most recently used, dropping the least recently used past the limit. */
function keepReplica(planId: string, replica: Replica): void {
  replicas.set(planId, replica);
  for (const [id, old] of replicas) {
    if (replicas.size <= MAX_REPLICAS) break;
    freeReplica(old);
    replicas.delete(id);
  }
}

/** Stops a replica and forgets the JSON it kept. */
function freeReplica(replica: Replica): void {
  replica.projection.destroy();
  replica.doc.destroy();
  for (const [k, v] of keptTexts) {
    if (v.replica !== replica) continue;
    keptTexts.delete(k);
    keptLength -= v.length;
  }
  replica.memos.clear();
}

/** Frees a plan's replica in this thread (the bench, between plans); the next read of it builds one afresh. */
export function dropReplica(planId: string): void {
  const replica = replicas.get(planId);
  if (!replica) return;
  freeReplica(replica);
  replicas.delete(planId);
}

/** Takes a plan's replica out of the kept ones (a fresh one when none is kept). */
function takeReplica(planId: string): Replica {
  const replica = replicas.get(planId) ?? replicaOf();
  replicas.delete(planId);
  return replica;
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
async function derive(name: string, planId: string, update: Uint8Array, stateVector: Uint8Array, request?: ExportRequest, params: Record<string, string> = {}, sender = threadSender): Promise<ThreadResult> {
  if (!DERIVED[name] && !request) throw new Error(`unknown derived value ${name}`);
  const replica = takeReplica(planId);
  Y.applyUpdate(replica.doc, update);
  if (!sameState(Y.encodeStateVector(replica.doc), stateVector)) {
    freeReplica(replica);
    throw new Error(RESYNC);
  }
  keepReplica(planId, replica);
  return produce(planId, replica, name, request, params, sender);
}

/** The memo key of a derived value with its options (`budget?asOf=2026-01-01`). */
export function derivedKey(name: string, params: Readonly<Record<string, string>> = {}): string {
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? name : `${name}?${keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`).join('&')}`;
}

/**
 * The export `request` asks for, else the derived value `name` (DERIVED) of the replica's plan as
 * JSON pieces (SPEC DK1; sent as DK2 says), kept in its memo while the plan fields it read are unchanged.
 */
function produce(planId: string, replica: Replica, name: string, request: ExportRequest | undefined, params: Record<string, string>, sender: PieceSender): Promise<ThreadResult> | ThreadResult {
  const plan = replica.projection.plan;
  if (request) return renderExport(plan, request);
  if (!DERIVED[name]) throw new Error(`unknown derived value ${name}`);
  const key = derivedKey(name, params);
  let memo = replica.memos.get(key);
  if (!memo) replica.memos.set(key, (memo = new DerivedMemo()));
  const pieces = memo.get(key, plan, (p) => derivedPieces(name, p, params));
  let length = 0;
  for (const p of pieces) length += p.length;
  keptJson(replica, key, length);
  return { ok: true, pieces: sender.send(`${planId}\u0000${key}`, pieces) };
}

/** Long pieces of derived JSON go to the event loop once, then by number (SPEC DK2): the heavy-work thread's sender. */
const threadSender = new PieceSender();

/** At most this many characters of derived JSON are kept by the thread's replicas (a 60,000-activity budget is about 26 million). */
export const MAX_KEPT_JSON = 64 * 1024 * 1024;
let maxKept = MAX_KEPT_JSON;

/** Sets the bound on kept JSON characters (tests); returns the previous one. */
export function limitKeptJson(chars: number): number {
  const was = maxKept;
  maxKept = chars;
  return was;
}
/** The kept JSON texts, least recently used first: (replica, key) and length. */
const keptTexts = new Map<string, { replica: Replica; key: string; length: number }>();
let keptLength = 0;
const replicaIds = new WeakMap<Replica, number>();
let nextReplicaId = 0;

/**
 * Records that `replica` keeps a JSON text of `length` characters as `key`, most recently used;
 * drops the least recently used texts (of any replica) while more than {@link MAX_KEPT_JSON}
 * characters (or the bound {@link limitKeptJson} set) are kept; the text just used stays. A dropped value is computed again when next asked for.
 */
function keptJson(replica: Replica, key: string, length: number): void {
  let id = replicaIds.get(replica);
  if (id === undefined) replicaIds.set(replica, (id = nextReplicaId++));
  const at = `${id}\u0000${key}`;
  const old = keptTexts.get(at);
  if (old) {
    keptLength -= old.length;
    keptTexts.delete(at);
  }
  keptTexts.set(at, { replica, key, length });
  keptLength += length;
  for (const [k, v] of keptTexts) {
    if (keptLength <= maxKept || k === at) break;
    v.replica.memos.delete(v.key);
    keptTexts.delete(k);
    keptLength -= v.length;
  }
}

/** Characters of derived JSON the thread's replicas keep now (tests and the bench). */
export function keptJsonLength(): number {
  return keptLength;
}

/**
 * Makes one document (server/export/); an {@link ExportError} becomes a 400 refusal. When review
 * periods are bound to agreed versions and the request carries none yet, answers which snapshots
 * it needs (the route reads them and asks again, RV4).
 */
async function renderExport(plan: PlanData, request: ExportRequest): Promise<ThreadResult> {
  const format = exportFormat(request.format);
  if (!format) throw new Error(`unknown export format ${request.format}`);
  const bound = boundSnapshotIds(plan);
  if (bound.length > 0 && request.baselines === undefined) return { ok: true, needs: bound };
  const baselines = request.baselines ? new Map(Object.entries(request.baselines).map(([sid, state]) => [sid, readPlanOfStateV2(state)])) : undefined;
  try {
    return { ok: true, body: await format.render({ plan, snapshot: request.snapshot, params: request.params, generatedAt: request.generatedAt, ...(baselines ? { baselines } : {}) }) };
  } catch (err) {
    if (err instanceof ExportError) return { ok: false, status: 400, code: err.code, message: err.message, params: err.params };
    throw err;
  }
}

/** Lists the activities of a donor's IATI file (server/iati/donor.ts); an unreadable file becomes a 400 refusal. */
function readIati(text: string): ThreadResult {
  try {
    return { ok: true, json: JSON.stringify({ activities: readDonorActivities(text) }) };
  } catch (err) {
    if (err instanceof IatiImportError) return { ok: false, status: 400, code: err.code, message: err.message, params: err.params };
    throw err;
  }
}

/**
 * Reads a plan's stored content (from its folder, in this thread) and builds it (state, then the
 * log in order) into this thread's
 * replica, then serialises one derived value as JSON text (or makes a document export): the event loop never builds the doc
 * of a plan no room holds. A replica the thread already keeps is an ancestor of the stored plan
 * (a plan only grows), so the stored content is applied onto it (known items are skipped).
 */
async function deriveStored(name: string, planId: string, source: StoredSource, request?: ExportRequest, params: Record<string, string> = {}, sender = threadSender): Promise<ThreadResult> {
  if (!DERIVED[name] && !request) throw new Error(`unknown derived value ${name}`);
  const stored = 'dir' in source ? readPlanFolder(source.dir) : source.content;
  const replica = takeReplica(planId);
  const { doc } = replica;
  doc.transact(() => {
    if (stored.state) (stored.stateEncoding === 'v2' ? Y.applyUpdateV2 : Y.applyUpdate)(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  keepReplica(planId, replica);
  const result = await produce(planId, replica, name, request, params, sender);
  return result.ok ? { ...result, stateVector: Y.encodeStateVector(doc) } : result;
}

/**
 * Runs one job (in the heavy-work thread, or inline when no built thread file exists). Derived
 * JSON goes through `sender` (SPEC DK2): the thread's own, or the caller's when it runs jobs inline
 * and reads the pieces with a table of its own.
 */
export async function runJob(job: HeavyJob, sender: PieceSender = threadSender): Promise<ThreadResult> {
  switch (job.kind) {
    case 'import':
      return importPlan(job.text, job.id, job.maxItems);
    case 'import-xlsx':
      // The workbook reader (exceljs) loads on the first import only.
      return (await import('../import/xlsx-job.js')).importWorkbook(job);
    case 'render':
      return renderExport(readPlanOfStateV2(job.state), job.export);
    case 'iati':
      return readIati(job.text);
    case 'derive':
      return derive(job.name, job.planId, job.update, job.stateVector, job.export, job.params, sender);
    case 'derive-stored':
      return deriveStored(job.name, job.planId, job.source, job.export, job.params, sender);
  }
}
