import { isId } from '../ids.js';
import { isOrderKey, keyBetween } from '../domain/order.js';
import { canonicalPlan } from './canonical.js';
import {
  ACTIVITY_REPORT_FIELDS,
  CRITERION_FIELDS,
  INDICATOR_FIELDS,
  INDICATOR_READING_FIELDS,
  META_FIELDS,
  NODE_FIELDS,
  PARTICIPANT_FIELDS,
  REQUIREMENT_FIELDS,
  REVIEW_FIELDS,
  SECTION_FIELDS,
  SCORE_ENTITY,
  jsonFields,
  type Scalar,
} from './registry.js';
import { PLAN_FORMAT, SCORE_VALUES, type PlanData } from './types.js';
import { LIMITS, isOneOf, isText } from './values.js';

/** One reason an input is not a valid plan; `path` is a JSON Pointer into the input. */
export interface Problem {
  path: string;
  message: string;
}

/** Outcome of {@link parsePlanJson}: the normalised plan, or every problem found. */
export type ParseResult = { ok: true; value: PlanData } | { ok: false; problems: Problem[] };

/** Largest JSON text accepted, in characters. */
export const MAX_JSON_CHARS = 20_000_000;
/** Problems listed before the rest are summarised in one final entry. */
const MAX_PROBLEMS = 500;
/** Values (objects, arrays, scalars) walked before the input is refused as too large. */
const MAX_VALUES = 5_000_000;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (key: string): string => key.slice(0, 60).replace(/~/g, '~0').replace(/\//g, '~1');

/** Refuses input nested deeper than LIMITS.depth or holding too many values, without recursion. */
function checkShape(input: unknown): Problem | null {
  const stack: [unknown, number, string][] = [[input, 0, '']];
  let count = 0;
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (++count > MAX_VALUES) return { path: '', message: `too many values (more than ${MAX_VALUES})` };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= LIMITS.depth) return { path, message: `nested deeper than ${LIMITS.depth} levels` };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, depth + 1, `${path}/${i}`]));
    else for (const k of Object.keys(value)) stack.push([(value as Obj)[k], depth + 1, `${path}/${esc(k)}`]);
  }
  return null;
}

class Collector {
  readonly problems: Problem[] = [];
  private dropped = 0;
  add(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ path: path || '/', message });
    else this.dropped++;
  }
  finish(): Problem[] {
    if (this.dropped > 0) this.problems.push({ path: '/', message: `${this.dropped} more problems not listed` });
    return this.problems;
  }
}

interface ItemSpec {
  fields: Record<string, Scalar>;
  /** Keys that must be present. */
  required: readonly string[];
  /** Keys handled by the caller (ids, parent links, nested lists); accepted as known. */
  special?: readonly string[];
}

/** Checks one object against `spec`; returns its normalised fields (special keys untouched). */
function parseItem(raw: unknown, path: string, spec: ItemSpec, out: Collector): Obj | null {
  if (!isObj(raw)) {
    out.add(path, 'expected an object');
    return null;
  }
  const result: Obj = {};
  for (const key of Object.keys(raw)) {
    if (!(key in spec.fields) && !spec.special?.includes(key)) out.add(`${path}/${esc(key)}`, 'unknown field');
  }
  for (const key of spec.required) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) out.add(`${path}/${key}`, 'required field is missing');
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    const has = Object.prototype.hasOwnProperty.call(raw, key);
    const value = has ? field.parse(raw[key]) : field.parse(field.fallback);
    if (value === undefined) out.add(`${path}/${key}`, `expected ${field.expects}`);
    else result[key] = value;
  }
  return result;
}

/** Reads an id-valued field, reporting a problem when it is missing or not an id. */
function idField(raw: Obj, key: string, path: string, out: Collector): string {
  const v = raw[key];
  if (!isId(v)) {
    out.add(`${path}/${key}`, v === undefined ? 'required field is missing' : 'expected an id (1-64 of A-Z a-z 0-9 _ -)');
    return '';
  }
  return v;
}

/** The array at `key` of the top object ([] when absent), or null after reporting a problem. */
function list(top: Obj, key: string, out: Collector): unknown[] {
  const v = top[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    out.add(`/${key}`, 'expected an array');
    return [];
  }
  if (v.length > LIMITS.items) {
    out.add(`/${key}`, `more than ${LIMITS.items} items`);
    return [];
  }
  return v;
}

/** Hands out order keys to items that lack one, continuing after the previous sibling. */
class OrderFiller {
  private last = new Map<string, string>();
  constructor(private readonly out: Collector) {}
  /** `path` is given where `order` is not already checked as a field (matrix nodes). */
  fill(group: string, given: unknown, path?: string): string {
    if (path !== undefined && given !== undefined && !isOrderKey(given)) this.out.add(`${path}/order`, 'expected an order key ([0-9a-z], not ending in 0)');
    const order = isOrderKey(given) ? given : keyBetween(this.last.get(group) ?? null, null);
    this.last.set(group, order);
    return order;
  }
}

const TOP_SPECIAL = [
  'format', 'id', 'title', 'participants', 'criteria', 'goals', 'scores', 'agreedScores', 'outcomes',
  'outputs', 'activities', 'indicators', 'reviews', 'sections',
] as const;

/**
 * Validates untrusted input (a parsed JSON value, or JSON text) as a `roundtable-plan/1` plan.
 * On success the value is complete and normalised: every optional field is filled with its
 * default, missing order keys follow the array order, lists are in canonical order, so
 * `readPlan(writePlan(value))` deep-equals `value`. On failure every problem is listed (up to a
 * cap) with a JSON Pointer path: wrong types, unknown fields, bad ids, duplicate ids, dangling
 * references, strings over their limits, nesting deeper than LIMITS.depth. Never throws.
 *
 * @example
 * const r = parsePlanJson(await request.json());
 * if (!r.ok) return c.json({ problems: r.problems }, 400);
 */
export function parsePlanJson(input: unknown): ParseResult {
  const out = new Collector();
  if (typeof input === 'string') {
    if (input.length > MAX_JSON_CHARS) return { ok: false, problems: [{ path: '/', message: `JSON text longer than ${MAX_JSON_CHARS} characters` }] };
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, problems: [{ path: '/', message: 'not valid JSON' }] };
    }
  }
  const shape = checkShape(input);
  if (shape) return { ok: false, problems: [{ path: shape.path || '/', message: shape.message }] };
  if (!isObj(input)) return { ok: false, problems: [{ path: '/', message: 'expected a JSON object' }] };
  const top = input;

  if (top['format'] !== PLAN_FORMAT) out.add('/format', `expected "${PLAN_FORMAT}"`);
  const id = idField(top, 'id', '', out);
  const title = top['title'];
  if (!isText(title)) out.add('/title', title === undefined ? 'required field is missing' : 'expected a string of at most 2000 characters');
  const meta = parseItem(top, '', { fields: META_FIELDS.scalars, required: [], special: [...TOP_SPECIAL] }, out) ?? {};
  delete meta['title'];

  const orders = new OrderFiller(out);

  // Participants, criteria, sections: flat lists of entities.
  const participantIds = new Set<string>();
  const participants = list(top, 'participants', out).flatMap((raw, i) => {
    const path = `/participants/${i}`;
    const item = parseItem(raw, path, { fields: PARTICIPANT_FIELDS.scalars, required: ['name'], special: ['id'] }, out);
    if (!item) return [];
    const pid = idField(raw as Obj, 'id', path, out);
    if (pid && participantIds.has(pid)) out.add(`${path}/id`, `duplicate participant id "${pid}"`);
    participantIds.add(pid);
    return [{ id: pid, ...item }];
  });

  const criterionIds = new Set<string>();
  const criteria = list(top, 'criteria', out).flatMap((raw, i) => {
    const path = `/criteria/${i}`;
    const item = parseItem(raw, path, { fields: jsonFields(CRITERION_FIELDS), required: ['title'], special: ['id'] }, out);
    if (!item) return [];
    const cid = idField(raw as Obj, 'id', path, out);
    if (cid && criterionIds.has(cid)) out.add(`${path}/id`, `duplicate criterion id "${cid}"`);
    criterionIds.add(cid);
    return [{ id: cid, ...item, order: orders.fill('criteria', (raw as Obj)['order']) }];
  });

  const sectionIds = new Set<string>();
  const sections = list(top, 'sections', out).flatMap((raw, i) => {
    const path = `/sections/${i}`;
    const item = parseItem(raw, path, { fields: jsonFields(SECTION_FIELDS), required: ['title'], special: ['id'] }, out);
    if (!item) return [];
    const sid = idField(raw as Obj, 'id', path, out);
    if (sid && sectionIds.has(sid)) out.add(`${path}/id`, `duplicate section id "${sid}"`);
    sectionIds.add(sid);
    return [{ id: sid, ...item, order: orders.fill('sections', (raw as Obj)['order']) }];
  });

  // Matrix nodes share one id space, as they share one map in the doc.
  const nodeKinds = new Map<string, string>();
  const claimNode = (nid: string, kind: string, path: string): void => {
    if (!nid) return;
    if (nodeKinds.has(nid)) out.add(`${path}/id`, `id "${nid}" is already used by another goal, outcome, output or activity`);
    else nodeKinds.set(nid, kind);
  };

  const goals = list(top, 'goals', out).flatMap((raw, i) => {
    const path = `/goals/${i}`;
    const item = parseItem(raw, path, { fields: jsonFields(NODE_FIELDS.goal), required: ['title'], special: ['id', 'requirements', 'order'] }, out);
    if (!item) return [];
    const gid = idField(raw as Obj, 'id', path, out);
    claimNode(gid, 'goal', path);
    const reqIds = new Set<string>();
    const reqRaw = (raw as Obj)['requirements'];
    if (reqRaw !== undefined && (!Array.isArray(reqRaw) || reqRaw.length > LIMITS.smallList)) {
      out.add(`${path}/requirements`, `expected an array of at most ${LIMITS.smallList} items`);
    }
    const requirements = (Array.isArray(reqRaw) ? reqRaw.slice(0, LIMITS.smallList) : []).flatMap((r, j) => {
      const rpath = `${path}/requirements/${j}`;
      const req = parseItem(r, rpath, { fields: REQUIREMENT_FIELDS, required: ['kind'], special: ['id'] }, out);
      if (!req) return [];
      const rid = idField(r as Obj, 'id', rpath, out);
      if (rid && reqIds.has(rid)) out.add(`${rpath}/id`, `duplicate requirement id "${rid}"`);
      reqIds.add(rid);
      return [{ id: rid, ...req, order: orders.fill(`req:${gid}`, (r as Obj)['order']) }];
    });
    return [{ id: gid, ...item, requirements, order: orders.fill('goals', (raw as Obj)['order'], path) }];
  });

  const childList = (key: 'outcomes' | 'outputs' | 'activities', kind: 'outcome' | 'output' | 'activity', parentKey: string) =>
    list(top, key, out).flatMap((raw, i) => {
      const path = `/${key}/${i}`;
      const item = parseItem(raw, path, { fields: jsonFields(NODE_FIELDS[kind]), required: ['title'], special: ['id', parentKey, 'order'] }, out);
      if (!item) return [];
      const nid = idField(raw as Obj, 'id', path, out);
      claimNode(nid, kind, path);
      const parent = idField(raw as Obj, parentKey, path, out);
      return [{ id: nid, [parentKey]: parent, ...item, order: orders.fill(`${key}:${parent}`, (raw as Obj)['order'], path), path } as Obj & { id: string; path: string }];
    });
  const outcomes = childList('outcomes', 'outcome', 'goalId');
  const outputs = childList('outputs', 'output', 'outcomeId');
  const activities = childList('activities', 'activity', 'outputId');
  const parentChecks: [typeof outcomes, string, string][] = [
    [outcomes, 'goalId', 'goal'],
    [outputs, 'outcomeId', 'outcome'],
    [activities, 'outputId', 'output'],
  ];
  for (const [items, key, kind] of parentChecks) {
    for (const item of items) {
      const parent = item[key] as string;
      if (parent && nodeKinds.get(parent) !== kind) out.add(`${item.path}/${key}`, `no ${kind} with id "${parent}"`);
    }
  }
  for (const a of activities) {
    const deps = (a['dependencies'] as { activityId: string }[] | undefined) ?? [];
    deps.forEach((d, j) => {
      if (d.activityId === a.id) out.add(`${a.path}/dependencies/${j}/activityId`, 'an activity cannot depend on itself');
      else if (nodeKinds.get(d.activityId) !== 'activity') out.add(`${a.path}/dependencies/${j}/activityId`, `no activity with id "${d.activityId}"`);
    });
  }

  const indicatorIds = new Set<string>();
  const indicators = list(top, 'indicators', out).flatMap((raw, i) => {
    const path = `/indicators/${i}`;
    const item = parseItem(raw, path, { fields: jsonFields(INDICATOR_FIELDS), required: ['name', 'nodeId'], special: ['id', 'nodeId'] }, out);
    if (!item) return [];
    const iid = idField(raw as Obj, 'id', path, out);
    if (iid && indicatorIds.has(iid)) out.add(`${path}/id`, `duplicate indicator id "${iid}"`);
    indicatorIds.add(iid);
    const nodeId = idField(raw as Obj, 'nodeId', path, out);
    const kind = nodeKinds.get(nodeId);
    if (nodeId && kind !== 'goal' && kind !== 'outcome' && kind !== 'output') out.add(`${path}/nodeId`, `no goal, outcome or output with id "${nodeId}"`);
    return [{ id: iid, nodeId, ...item, order: orders.fill(`ind:${nodeId}`, (raw as Obj)['order']) }];
  });

  const scoreSpec = (extra: string[]): ItemSpec => ({
    fields: SCORE_ENTITY.scalars,
    required: ['value'],
    special: ['goalId', 'criterionId', ...extra],
  });
  const refCheck = (path: string, key: string, value: string, known: ReadonlySet<string> | ((v: string) => boolean), what: string): void => {
    const has = typeof known === 'function' ? known(value) : known.has(value);
    if (value && !has) out.add(`${path}/${key}`, `no ${what} with id "${value}"`);
  };
  const isGoal = (v: string): boolean => nodeKinds.get(v) === 'goal';

  const scoreKeys = new Set<string>();
  const scores = list(top, 'scores', out).flatMap((raw, i) => {
    const path = `/scores/${i}`;
    const item = parseItem(raw, path, scoreSpec(['participantId']), out);
    if (!item) return [];
    const r = raw as Obj;
    const goalId = idField(r, 'goalId', path, out);
    const criterionId = idField(r, 'criterionId', path, out);
    const participantId = idField(r, 'participantId', path, out);
    refCheck(path, 'goalId', goalId, isGoal, 'goal');
    refCheck(path, 'criterionId', criterionId, criterionIds, 'criterion');
    refCheck(path, 'participantId', participantId, participantIds, 'participant');
    const key = `${goalId}:${criterionId}:${participantId}`;
    if (scoreKeys.has(key)) out.add(path, 'a second score for the same goal, criterion and participant');
    scoreKeys.add(key);
    const note = item['note'] as string;
    return [{ goalId, criterionId, participantId, value: item['value'] as number, ...(note ? { note } : {}) }];
  });

  const agreedKeys = new Set<string>();
  const agreedScores = list(top, 'agreedScores', out).flatMap((raw, i) => {
    const path = `/agreedScores/${i}`;
    const item = parseItem(raw, path, scoreSpec([]), out);
    if (!item) return [];
    const r = raw as Obj;
    const goalId = idField(r, 'goalId', path, out);
    const criterionId = idField(r, 'criterionId', path, out);
    refCheck(path, 'goalId', goalId, isGoal, 'goal');
    refCheck(path, 'criterionId', criterionId, criterionIds, 'criterion');
    const key = `${goalId}:${criterionId}`;
    if (agreedKeys.has(key)) out.add(path, 'a second agreed score for the same goal and criterion');
    agreedKeys.add(key);
    const note = item['note'] as string;
    return [{ goalId, criterionId, value: item['value'] as number, ...(note ? { note } : {}) }];
  });

  const reviewIds = new Set<string>();
  const isActivity = (v: string): boolean => nodeKinds.get(v) === 'activity';
  const reviews = list(top, 'reviews', out).flatMap((raw, i) => {
    const path = `/reviews/${i}`;
    const item = parseItem(raw, path, { fields: REVIEW_FIELDS.scalars, required: [], special: ['id', 'activities', 'indicators'] }, out);
    if (!item) return [];
    const r = raw as Obj;
    const rid = idField(r, 'id', path, out);
    if (rid && reviewIds.has(rid)) out.add(`${path}/id`, `duplicate review id "${rid}"`);
    reviewIds.add(rid);
    const entries = (key: 'activities' | 'indicators', idKey: string, fields: Record<string, Scalar>, known: (v: string) => boolean, what: string) => {
      const v = r[key];
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.length > LIMITS.items) {
        out.add(`${path}/${key}`, `expected an array of at most ${LIMITS.items} items`);
        return [];
      }
      const seen = new Set<string>();
      return v.flatMap((e, j) => {
        const epath = `${path}/${key}/${j}`;
        const entry = parseItem(e, epath, { fields, required: [], special: [idKey] }, out);
        if (!entry) return [];
        const target = idField(e as Obj, idKey, epath, out);
        refCheck(epath, idKey, target, known, what);
        if (target && seen.has(target)) out.add(`${epath}/${idKey}`, `a second entry for ${what} "${target}" in this review`);
        seen.add(target);
        return [{ [idKey]: target, ...entry }];
      });
    };
    return [
      {
        id: rid,
        ...item,
        activities: entries('activities', 'activityId', ACTIVITY_REPORT_FIELDS, isActivity, 'activity'),
        indicators: entries('indicators', 'indicatorId', INDICATOR_READING_FIELDS, (v) => indicatorIds.has(v), 'indicator'),
      },
    ];
  });

  if (out.problems.length > 0) return { ok: false, problems: out.finish() };
  const strip = <T extends { path?: string }>(items: T[]): Omit<T, 'path'>[] => items.map(({ path: _path, ...rest }) => rest);
  const plan = {
    format: PLAN_FORMAT,
    id,
    title: title as string,
    ...meta,
    participants,
    criteria,
    goals,
    scores,
    agreedScores,
    outcomes: strip(outcomes),
    outputs: strip(outputs),
    activities: strip(activities),
    indicators,
    reviews,
    sections,
  } as unknown as PlanData;
  return { ok: true, value: canonicalPlan(plan) };
}
