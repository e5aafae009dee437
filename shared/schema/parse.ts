import { isId } from '../ids.js';
import { isOrderKey, keyBetween } from '../domain/order.js';
import { canonicalPlan } from './canonical.js';
import { ENTITIES, TOP_LISTS, jsonFields, refTargets, type EntityDef, type EntityName, type Reference, type Scalar } from './registry.js';
import { PLAN_FORMAT, type PlanData } from './types.js';
import { LIMITS } from './values.js';
import type { ImportProblemCode } from '../domain/import-problems.js';
import { expectWords } from './expects.js';

/**
 * One reason an input is not a valid plan; `path` is a JSON Pointer into the input, `message` English
 * (for API users), `code` and `params` the same problem for the reader's language (`gate:problems.<code>`,
 * SPEC L43): JSON keys as `field`, kinds of items as entity names (`kind`, `kinds`, `container`, `of`),
 * what a field expects as `expects` (`gate:problemWords.expects.<kind>`) with its limits.
 */
export interface Problem {
  path: string;
  message: string;
  code: ImportProblemCode;
  params: Record<string, string | number>;
}

/** The parameters of a problem (L43). */
type Params = Record<string, string | number>;

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
    if (++count > MAX_VALUES) return { path: '', message: `too many values (more than ${MAX_VALUES})`, code: 'tooManyValues', params: { max: MAX_VALUES } };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= LIMITS.depth) return { path, message: `nested deeper than ${LIMITS.depth} levels`, code: 'tooDeep', params: { max: LIMITS.depth } };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, depth + 1, `${path}/${i}`]));
    else for (const k of Object.keys(value)) stack.push([(value as Obj)[k], depth + 1, `${path}/${esc(k)}`]);
  }
  return null;
}

class Collector {
  readonly problems: Problem[] = [];
  private dropped = 0;
  /** Records a problem: its English message, and its code and parameters for the reader's language (L43). */
  add(path: string, message: string, code: ImportProblemCode, params: Params = {}): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ path: path || '/', message, code, params });
    else this.dropped++;
  }
  finish(): Problem[] {
    if (this.dropped > 0) this.problems.push({ path: '/', message: `${this.dropped} more problems not listed`, code: 'moreProblems', params: { count: this.dropped } });
    return this.problems;
  }
}

interface ItemSpec {
  fields: Record<string, Scalar>;
  /** Keys that must be present. */
  required: readonly string[];
  /** Keys handled by the caller (ids, parent links, nested lists); accepted as known. */
  special: readonly string[];
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** A `badValue` problem's parameters: the field, what it takes and its limits (L43). */
function expectedParams(key: string, field: Scalar): Params {
  const { kind, params } = expectWords(field);
  return { field: key, expects: kind, ...params };
}

/** Checks one object against `spec`; returns its normalised fields (special keys untouched). */
function parseItem(raw: unknown, path: string, spec: ItemSpec, out: Collector): Obj | null {
  if (!isObj(raw)) {
    out.add(path, 'expected an object', 'notObject');
    return null;
  }
  const result: Obj = {};
  for (const key of Object.keys(raw)) {
    // Own-property test: `'constructor' in fields` is true for every object.
    if (!hasOwn(spec.fields, key) && !spec.special.includes(key)) out.add(`${path}/${esc(key)}`, 'unknown field', 'unknownField', { field: key.slice(0, 60) });
  }
  for (const key of spec.required) {
    if (!hasOwn(raw, key)) out.add(`${path}/${key}`, 'required field is missing', 'missingField', { field: key });
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = hasOwn(raw, key) ? field.parse(raw[key]) : field.parse(field.fallback);
    if (value === undefined) out.add(`${path}/${key}`, `expected ${field.expects}`, 'badValue', expectedParams(key, field));
    else result[key] = value;
  }
  return result;
}

/** Reads an id-valued field, reporting a problem when it is missing or not an id. */
function idField(raw: Obj, key: string, path: string, out: Collector): string {
  const v = raw[key];
  if (!isId(v)) {
    if (v === undefined) out.add(`${path}/${key}`, 'required field is missing', 'missingField', { field: key });
    else out.add(`${path}/${key}`, 'expected an id (1-64 of A-Z a-z 0-9 _ -)', 'notId', { field: key });
    return '';
  }
  return v;
}

/** The array at `key` of the top object ([] when absent), or [] after reporting a problem. */
function list(top: Obj, key: string, out: Collector): unknown[] {
  const v = top[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    out.add(`/${key}`, 'expected an array', 'notArray', { field: key });
    return [];
  }
  if (v.length > LIMITS.items) {
    out.add(`/${key}`, `more than ${LIMITS.items} items`, 'tooManyItems', { field: key, max: LIMITS.items });
    return [];
  }
  return v;
}

/** A nested list (a goal's requirements, a review's entries): at most `max` items are read. */
function nestedList(raw: Obj, key: string, path: string, max: number, out: Collector): unknown[] {
  const v = raw[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max) out.add(`${path}/${key}`, `expected an array of at most ${max} items`, 'notList', { field: key, max });
  return Array.isArray(v) ? v.slice(0, max) : [];
}

/** Hands out order keys to items that lack one, continuing after the previous sibling. */
class OrderFiller {
  private last = new Map<string, string>();
  constructor(private readonly out: Collector) {}
  /** `path` is given where `order` is not already checked as a field (matrix nodes). */
  fill(group: string, given: unknown, path?: string): string {
    if (path !== undefined && given !== undefined && !isOrderKey(given)) this.out.add(`${path}/order`, 'expected an order key ([0-9a-z], not ending in 0)', 'badValue', { field: 'order', expects: 'order' });
    const order = isOrderKey(given) ? given : keyBetween(this.last.get(group) ?? null, null);
    this.last.set(group, order);
    return order;
  }
}

/** An item read in the first pass, kept with its path until references are checked. */
interface Parsed {
  def: EntityDef;
  path: string;
  value: Obj;
}

/** State of one parse: problems, order keys, ids seen per entity and the items read. */
class Ctx {
  readonly out = new Collector();
  readonly orders = new OrderFiller(this.out);
  /** Ids per entity, for references. Matrix nodes also share one id space, `nodes`. */
  readonly known = new Map<EntityName, Set<string>>();
  readonly nodes = new Set<string>();
  /** Keys seen per entity and scope (the container's id for nested lists), for duplicates. */
  readonly seen = new Map<string, Set<string>>();
  readonly parsed: Parsed[] = [];

  /** Records `id` as known for `entity`. */
  know(entity: EntityName, id: string): void {
    let set = this.known.get(entity);
    if (!set) this.known.set(entity, (set = new Set()));
    set.add(id);
  }
  /** True when `key` was already seen in `scope`; records it either way. */
  again(scope: string, key: string): boolean {
    let set = this.seen.get(scope);
    if (!set) this.seen.set(scope, (set = new Set()));
    const had = set.has(key);
    set.add(key);
    return had;
  }
}

/** Entities nested in each container's JSON items. */
const NESTED: ReadonlyMap<EntityName, readonly EntityDef[]> = new Map(
  Object.values(ENTITIES)
    .filter((e) => e.container)
    .map((e) => [e.container!, Object.values(ENTITIES).filter((n) => n.container === e.container)]),
);

/** Id-valued fields of an entity's JSON item: its key, then parent, then other references. */
function linkFields(def: EntityDef): string[] {
  return [...new Set([...def.key, ...(def.parent ? [def.parent.field] : []), ...def.refs.map((r) => r.field)])];
}

/** The item spec of every entity, built once from the registry. */
const SPECS: ReadonlyMap<EntityName, ItemSpec> = new Map(
  Object.values(ENTITIES).map((def) => {
    const nested = (NESTED.get(def.name) ?? []).map((n) => n.list!);
    const special = [...linkFields(def), ...nested, ...(def.ordering === 'placement' ? ['order'] : [])];
    if (def.name === 'meta') special.push('format', ...TOP_LISTS.map((e) => e.list!));
    return [def.name, { fields: jsonFields(def.fields), required: def.required, special }];
  }),
);

/** Reports an id already used: in the shared node id space, or per list (and container). */
function checkIdDuplicate(ctx: Ctx, def: EntityDef, id: string, path: string, scope: string): void {
  if (!id) return;
  if (!def.nodeKind) {
    if (ctx.again(`${def.name}:${scope}`, id)) ctx.out.add(`${path}/id`, `duplicate ${def.label} id "${id}"`, 'duplicateId', { kind: def.name, id });
    ctx.know(def.name, id);
  } else if (ctx.nodes.has(id)) {
    ctx.out.add(`${path}/id`, `id "${id}" is already used by another goal, outcome, output or activity`, 'nodeIdUsed', { id });
  } else {
    ctx.nodes.add(id);
    ctx.know(def.name, id);
  }
}

/** Reports a second cell for the same key ids: a second score, or a second entry in one review. */
function checkCellDuplicate(ctx: Ctx, def: EntityDef, ids: Obj, path: string, scope: string): void {
  const again = ctx.again(`${def.name}:${scope}`, def.key.map((k) => ids[k]).join(':'));
  const refs = def.key.map((k) => def.refs.find((r) => r.field === k)!);
  const targets = refs.map(refTargets);
  if (def.container) {
    const [field] = def.key as [string];
    const target = ids[field] as string;
    if (again && target) {
      ctx.out.add(`${path}/${field}`, `a second entry for ${targets[0]} "${target}" in this ${ENTITIES[def.container].label}`, 'secondEntry', { kinds: refs[0]!.to.join(','), id: target, container: def.container });
    }
    return;
  }
  const joined = targets.length > 2 ? `${targets.slice(0, -1).join(', ')} and ${targets[targets.length - 1]}` : targets.join(' and ');
  if (again) ctx.out.add(path, `a second ${def.label} for the same ${joined}`, 'secondCell', { kind: def.name, of: refs.map((r) => r.to[0]).join(',') });
}

/** Reads one JSON item of `def` (first pass: shape, ids, duplicates, nested lists, order). */
function parseOne(ctx: Ctx, def: EntityDef, raw: unknown, path: string, scope: string): Obj | null {
  const item = parseItem(raw, path, SPECS.get(def.name)!, ctx.out);
  if (!item) return null;
  const r = raw as Obj;
  const ids: Obj = {};
  for (const k of def.key) ids[k] = idField(r, k, path, ctx.out);
  if (def.key.length === 1 && def.key[0] === 'id') checkIdDuplicate(ctx, def, ids['id'] as string, path, scope);
  else checkCellDuplicate(ctx, def, ids, path, scope);
  for (const k of linkFields(def)) if (!(k in ids)) ids[k] = idField(r, k, path, ctx.out);
  const value: Obj = { ...ids, ...item };
  for (const nested of NESTED.get(def.name) ?? []) {
    const max = nested.storage === 'nested' ? LIMITS.smallList : LIMITS.items;
    const items = nestedList(r, nested.list!, path, max, ctx.out);
    value[nested.list!] = parseMany(ctx, nested, items, `${path}/${nested.list!}`, ids['id'] as string);
  }
  if (def.ordering) {
    const group = `${def.name}:${def.parent ? (ids[def.parent.field] as string) : scope}`;
    value['order'] = ctx.orders.fill(group, r['order'], def.ordering === 'placement' ? path : undefined);
  }
  for (const f of def.omitEmpty ?? []) if (value[f] === '') delete value[f];
  ctx.parsed.push({ def, path, value });
  return value;
}

/** Reads every item of a list; items that are not objects are reported and skipped. */
function parseMany(ctx: Ctx, def: EntityDef, items: readonly unknown[], base: string, scope: string): Obj[] {
  const out: Obj[] = [];
  items.forEach((raw, i) => {
    const v = parseOne(ctx, def, raw, `${base}/${i}`, scope);
    if (v) out.push(v);
  });
  return out;
}

/** True when `id` names an entity `ref` may point to. */
function resolves(ctx: Ctx, ref: Reference, id: string): boolean {
  return ref.to.some((t) => ctx.known.get(t)?.has(id));
}

/** An activity's dependencies name other activities (J6). */
function checkDependencies(ctx: Ctx, p: Parsed): void {
  const deps = (p.value['dependencies'] as { activityId: string }[] | undefined) ?? [];
  deps.forEach((d, j) => {
    const at = `${p.path}/dependencies/${j}/activityId`;
    if (d.activityId === p.value['id']) ctx.out.add(at, 'an activity cannot depend on itself', 'selfDependency');
    else if (!ctx.known.get('activity')?.has(d.activityId)) ctx.out.add(at, `no activity with id "${d.activityId}"`, 'noSuchItem', { kinds: 'activity', id: d.activityId });
  });
}

/** Checks beyond the registry's references, per entity. */
const EXTRA_CHECKS: Partial<Record<EntityName, (ctx: Ctx, p: Parsed) => void>> = { activity: checkDependencies };

/** Second pass: every parent link and reference resolves to an entity of the right kind (J6). */
function checkReferences(ctx: Ctx): void {
  for (const p of ctx.parsed) {
    for (const ref of [...(p.def.parent ? [p.def.parent] : []), ...p.def.refs]) {
      const id = p.value[ref.field] as string;
      if (id && !resolves(ctx, ref, id)) ctx.out.add(`${p.path}/${ref.field}`, `no ${refTargets(ref)} with id "${id}"`, 'noSuchItem', { kinds: ref.to.join(','), id });
    }
    EXTRA_CHECKS[p.def.name]?.(ctx, p);
  }
}

/** Decodes JSON text and checks the overall shape; the top object, or the problems. */
function decode(input: unknown): { top: Obj } | { problems: Problem[] } {
  if (typeof input === 'string') {
    if (input.length > MAX_JSON_CHARS) return { problems: [{ path: '/', message: `JSON text longer than ${MAX_JSON_CHARS} characters`, code: 'jsonTooLong', params: { max: MAX_JSON_CHARS } }] };
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return { problems: [{ path: '/', message: 'not valid JSON', code: 'notJson', params: {} }] };
    }
  }
  const shape = checkShape(input);
  if (shape) return { problems: [{ ...shape, path: shape.path || '/' }] };
  if (!isObj(input)) return { problems: [{ path: '/', message: 'expected a JSON object', code: 'notJsonObject', params: {} }] };
  return { top: input };
}

/**
 * Format tag, plan id and meta fields of the top object. The plan id may be left out (or be
 * `""`, as a plan without one exports it): a file made by another tool has none to give, and
 * the importing server assigns its own (J11). Given, it must be a valid id.
 */
function parseMeta(ctx: Ctx, top: Obj): Obj {
  if (top['format'] !== PLAN_FORMAT) ctx.out.add('/format', `expected "${PLAN_FORMAT}"`, 'wrongFormat', { format: PLAN_FORMAT });
  const id = top['id'] === undefined || top['id'] === '' ? '' : idField(top, 'id', '', ctx.out);
  const meta = parseItem(top, '', SPECS.get('meta')!, ctx.out) ?? {};
  return { format: PLAN_FORMAT, id, ...meta };
}

/**
 * Validates untrusted input (a parsed JSON value, or JSON text) as a `roundtable-plan/1` plan.
 * On success the value is complete and normalised: every optional field is filled with its
 * default, missing order keys follow the array order, lists are in canonical order, so
 * `readPlan(writePlan(value))` deep-equals `value`. On failure every problem is listed (up to a
 * cap) with a JSON Pointer path: wrong types, unknown fields, bad ids, duplicate ids, dangling
 * references, strings over their limits, nesting deeper than LIMITS.depth. Shape problems come
 * first, list by list, then reference problems. Never throws. Driven by the registry (R3).
 *
 * @example
 * const r = parsePlanJson(await request.json());
 * if (!r.ok) return c.json({ problems: r.problems }, 400);
 */
export function parsePlanJson(input: unknown): ParseResult {
  const decoded = decode(input);
  if ('problems' in decoded) return { ok: false, problems: decoded.problems };
  const ctx = new Ctx();
  const plan = parseMeta(ctx, decoded.top);
  for (const def of TOP_LISTS) plan[def.list!] = parseMany(ctx, def, list(decoded.top, def.list!, ctx.out), `/${def.list!}`, '');
  checkReferences(ctx);
  if (ctx.out.problems.length > 0) return { ok: false, problems: ctx.out.finish() };
  return { ok: true, value: canonicalPlan(plan as unknown as PlanData) };
}
