import * as Y from 'yjs';
import { isId } from '../ids.js';
import { canonicalList, canonicalNested, canonicalPlan } from './canonical.js';
import { ENTITIES, NODE_ENTITIES, readScalars, type EntityDef, type EntityFields, type Scalar } from './registry.js';
import { parseKey } from './keys.js';
import { metaMap } from './roots.js';
import { NODE_KINDS, PLAN_FORMAT, type NodeKind, type PlanData } from './types.js';
import { isOneOf, isNumber, isText, own, LIMITS } from './values.js';
import { isOrderKey } from '../domain/order.js';
/**
 * The one door from Yjs to plain data. Every map is walked with `entries()` into fresh objects;
 * keys that are not ids (`__proto__`, `a:b` in an id map...) and values of the wrong type are
 * dropped, malformed scalars fall back to their defaults. `Y.Map#toJSON` is never used, so a
 * hostile key sent by a peer cannot reach an object's prototype.
 */

/** Text of a Y.Text (or of a plain string a peer wrote instead), '' otherwise. */
function textOf(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** `[id, Y.Map]` pairs of a root whose keys are ids. */
function* idMaps(map: Y.Map<unknown>): Generator<[string, Y.Map<unknown>]> {
  for (const [key, value] of map.entries()) {
    if (isId(key) && value instanceof Y.Map) yield [key, value as Y.Map<unknown>];
  }
}

/** Reads the text and scalar fields of an entity map into a plain object. */
function readEntity(map: Y.Map<unknown>, fields: EntityFields): Record<string, unknown> {
  const out = readScalars(fields.scalars, (k) => map.get(k));
  for (const key of fields.texts) out[key] = textOf(map.get(key));
  return out;
}

/** The plan's title as plain text ('' when none). */
export function readTitle(doc: Y.Doc): string {
  return textOf(metaMap(doc).get('title'));
}

/** A node's parent and sibling order, read defensively from its `placement` value. */
export function readPlacement(map: Y.Map<unknown>): { parentId: string | null; order: string } {
  const p = map.get('placement');
  const parentId = own(p, 'parentId');
  const order = own(p, 'order');
  return { parentId: isId(parentId) ? parentId : null, order: isOrderKey(order) ? order : 'i' };
}

/** The kind of a node map, or null when missing or unknown. */
export function readKind(map: Y.Map<unknown>): NodeKind | null {
  const kind = map.get('kind');
  return isOneOf(NODE_KINDS, kind) ? kind : null;
}

type Item = Record<string, unknown>;
type Lists = Record<string, Item[]>;

/** Plain values stored in a Y.Map held under `key` of `map` (a goal's requirements). */
function readNested(map: Y.Map<unknown>, def: EntityDef): Item[] {
  const cells = map.get(def.list!);
  if (!(cells instanceof Y.Map)) return [];
  const out: Item[] = [];
  for (const [id, value] of (cells as Y.Map<unknown>).entries()) {
    if (!isId(id) || typeof value !== 'object' || value === null) continue;
    out.push({ id, ...readScalars(def.fields.scalars, (k) => own(value, k)) });
  }
  return out;
}

/**
 * The keys of an entity's JSON item in the order {@link readItem} writes them (id, parent link,
 * order, scalar fields, text fields, nested lists), and an object holding them all: each item is
 * a copy of it, so every item of one entity has one fixed shape (V8 fast properties). Built up key
 * by key, an activity (18 keys) fell into dictionary mode, and every field read by the derived
 * values (budget, issues) was a hash lookup (SPEC DJ1).
 */
interface Shape {
  template: Item;
  scalars: readonly [string, Scalar][];
  texts: readonly string[];
  nested: readonly EntityDef[];
}
const SHAPES = new Map<EntityDef, Shape>();

function shapeOf(def: EntityDef): Shape {
  let shape = SHAPES.get(def);
  if (shape) return shape;
  const nested = (NESTED_IN.get(def.name) ?? []).filter((n) => n.storage === 'nested');
  const keys = new Set<string>(['id']);
  if (def.parent) keys.add(def.parent.field);
  if (def.ordering === 'placement') keys.add('order');
  const scalars = Object.entries(def.fields.scalars);
  for (const [k] of scalars) keys.add(k);
  for (const k of def.fields.texts) keys.add(k);
  for (const n of nested) keys.add(n.list!);
  // Object.fromEntries gives a fast object (a loop of keyed stores past 16 keys does not); its copies share its hidden class.
  shape = { template: Object.fromEntries([...keys].map((k) => [k, undefined])), scalars, texts: def.fields.texts, nested };
  SHAPES.set(def, shape);
  return shape;
}

/** One entity map as a JSON item: id, parent link (and order for nodes), fields, nested lists. */
function readItem(def: EntityDef, id: string, m: Y.Map<unknown>): Item | null {
  const shape = shapeOf(def);
  const item: Item = { ...shape.template };
  item['id'] = id;
  if (def.ordering === 'placement') {
    const { parentId, order } = readPlacement(m);
    if (def.parent) item[def.parent.field] = parentId ?? '';
    item['order'] = order;
  } else if (def.parent) {
    const parent = m.get(def.parent.field);
    if (!isId(parent)) return null;
    item[def.parent.field] = parent;
  }
  for (const [key, spec] of shape.scalars) {
    const raw = m.get(key);
    const parsed = raw === undefined ? undefined : spec.parse(raw);
    item[key] = parsed === undefined ? spec.parse(spec.fallback) : parsed;
  }
  for (const key of shape.texts) item[key] = textOf(m.get(key));
  for (const nested of shape.nested) item[nested.list!] = readNested(m, nested);
  return item;
}

/** Entities nested in each container (requirements in goals, entries in reviews). */
const NESTED_IN = new Map<string, EntityDef[]>();
for (const def of Object.values(ENTITIES)) {
  if (def.container) NESTED_IN.set(def.container, [...(NESTED_IN.get(def.container) ?? []), def]);
}

/** Matrix nodes: one flat root, each map's `kind` picks its registry entry. */
function readNodes(doc: Y.Doc, lists: Lists): void {
  const byKind = new Map<NodeKind, EntityDef>(NODE_ENTITIES.map((d) => [d.nodeKind!, d]));
  for (const [id, m] of idMaps(doc.getMap(ENTITIES.goal.root))) {
    const kind = readKind(m);
    if (kind === null) continue;
    const def = byKind.get(kind)!;
    lists[def.list!]!.push(readItem(def, id, m)!);
  }
}

/** A score cell: any number is kept (V16 reports values other than 0, 1, 2); an empty note is left out. */
function readScore(def: EntityDef, ids: string[], cell: unknown): Item | null {
  const value = own(cell, 'value');
  if (!isNumber(value)) return null;
  const item: Item = {};
  def.key.forEach((k, i) => (item[k] = ids[i]));
  item['value'] = value;
  const note = own(cell, 'note');
  if (isText(note, LIMITS.longText) && note !== '') item['note'] = note;
  return item;
}

/** Cells of a top-level cell root (scores, agreed scores), keyed by their ids joined with `:`. */
function readCells(doc: Y.Doc, def: EntityDef, into: Item[]): void {
  for (const [key, cell] of doc.getMap(def.root).entries()) {
    const ids = parseKey(key, def.key.length);
    const item = ids ? readScore(def, ids, cell) : null;
    if (item) into.push(item);
  }
}

/** Entries of a container's cell root, keyed `containerId:targetId`, attached to their container. */
function readEntries(doc: Y.Doc, def: EntityDef, containers: ReadonlyMap<string, Item>): void {
  const [field] = def.key as [string];
  for (const [key, cell] of doc.getMap(def.root).entries()) {
    const ids = parseKey(key, 2);
    const container = ids ? containers.get(ids[0]!) : undefined;
    if (!ids || !container || typeof cell !== 'object' || cell === null) continue;
    (container[def.list!] as Item[]).push({ [field]: ids[1]!, ...readScalars(def.fields.scalars, (k) => own(cell, k)) });
  }
}

/** Entities of a root keyed by id (participants, criteria, indicators, reviews, sections). */
function readEntities(doc: Y.Doc, def: EntityDef, into: Item[]): Map<string, Item> {
  const byId = new Map<string, Item>();
  const entries = (NESTED_IN.get(def.name) ?? []).filter((n) => n.storage === 'cell');
  for (const [id, m] of idMaps(doc.getMap(def.root))) {
    const item = readItem(def, id, m);
    if (!item) continue;
    for (const e of entries) item[e.list!] = [];
    into.push(item);
    byId.set(id, item);
  }
  for (const e of entries) readEntries(doc, e, byId);
  return byId;
}

/** The plan-level fields kept in the meta root: `id` and the meta entity's fields. */
export function readMetaFields(doc: Y.Doc): Record<string, unknown> {
  const meta = metaMap(doc);
  const id = meta.get('id');
  return { id: isId(id) ? id : '', ...readEntity(meta, ENTITIES.meta.fields) };
}

/**
 * One top-level list that is not a matrix node list (participants, criteria, scores, reviews
 * with their entries...), read whole from its root(s), in canonical order.
 */
export function readTopList(doc: Y.Doc, def: EntityDef): Record<string, unknown>[] {
  const into: Item[] = [];
  if (def.storage === 'cell') readCells(doc, def, into);
  else readEntities(doc, def, into);
  return canonicalList(def, into);
}

/**
 * The matrix node stored under `id` in the nodes root as its JSON item, with its registry entry,
 * or null when there is none (deleted, not an id, unknown kind).
 */
export function readNodeItem(doc: Y.Doc, id: string): { def: EntityDef; item: Record<string, unknown> } | null {
  const m = doc.getMap(ENTITIES.goal.root).get(id);
  if (!isId(id) || !(m instanceof Y.Map)) return null;
  const kind = readKind(m as Y.Map<unknown>);
  const def = kind === null ? undefined : NODE_ENTITIES.find((d) => d.nodeKind === kind);
  if (!def) return null;
  const item = readItem(def, id, m as Y.Map<unknown>)!;
  canonicalNested(def, item);
  return { def, item };
}

/**
 * Plain JSON projection of the plan (the `roundtable-plan/1` format), in canonical order. Two
 * docs holding the same state always give deep-equal results. Archived entities are included
 * with `archived: true`; domain code decides what to do with them. Driven by the registry (R3).
 */
export function readPlan(doc: Y.Doc): PlanData {
  const meta = metaMap(doc);
  const id = meta.get('id');
  const plan: Item = { format: PLAN_FORMAT, id: isId(id) ? id : '', ...readEntity(meta, ENTITIES.meta.fields) };
  const lists = plan as Lists;
  for (const def of Object.values(ENTITIES)) if (def.list !== null && !def.container) lists[def.list] = [];
  readNodes(doc, lists);
  for (const def of Object.values(ENTITIES)) {
    if (def.list === null || def.container || def.nodeKind) continue;
    if (def.storage === 'cell') readCells(doc, def, lists[def.list]!);
    else readEntities(doc, def, lists[def.list]!);
  }
  return canonicalPlan(plan as unknown as PlanData);
}

/** The plan held by a whole-doc state encoded as a V2 update (a snapshot's stored state). */
export function readPlanOfStateV2(state: Uint8Array): PlanData {
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, state);
  const plan = readPlan(doc);
  doc.destroy();
  return plan;
}
