import * as Y from 'yjs';
import { isId } from '../ids.js';
import { buildEntity } from './build.js';
import { ENTITIES, type EntityDef } from './registry.js';
import { writeMeta } from './init.js';
import type { Origin } from './origins.js';
import { ROOT, metaMap } from './roots.js';
import type { PlanData } from './types.js';

type Item = Record<string, unknown>;

/** Entities nested in each container's JSON items. */
const NESTED_IN = new Map<string, EntityDef[]>();
for (const def of Object.values(ENTITIES)) {
  if (def.container) NESTED_IN.set(def.container, [...(NESTED_IN.get(def.container) ?? []), def]);
}

/** The plain value stored for a cell or nested item: its fields in registry order, empty optional texts left out. */
function cellValue(def: EntityDef, item: Item): Item {
  const value: Item = {};
  for (const key of Object.keys(def.fields.scalars)) value[key] = item[key];
  for (const key of def.omitEmpty ?? []) if (!value[key]) delete value[key];
  return value;
}

/** Keys stored beside an entity's fields: `kind` and `placement` for nodes, the parent link otherwise. */
function extraOf(def: EntityDef, item: Item): Item {
  const parentId = def.parent ? item[def.parent.field] : undefined;
  if (def.ordering === 'placement') return { kind: def.nodeKind, placement: { parentId: parentId ?? null, order: item['order'] } };
  return def.parent ? { [def.parent.field]: parentId } : {};
}

/** Writes one item of an entity stored as a Y.Map, with its nested lists and entry cells. */
function writeEntity(doc: Y.Doc, def: EntityDef, item: Item): void {
  const map = buildEntity(def.fields, item, extraOf(def, item));
  for (const nested of NESTED_IN.get(def.name) ?? []) {
    const entries = item[nested.list!] as Item[];
    if (nested.storage === 'nested') {
      const cells = new Y.Map<unknown>();
      for (const e of entries) cells.set(e['id'] as string, cellValue(nested, e));
      map.set(nested.list!, cells);
    } else {
      const root = doc.getMap(nested.root);
      for (const e of entries) root.set(`${item['id'] as string}:${e[nested.key[0]!] as string}`, cellValue(nested, e));
    }
  }
  doc.getMap(def.root).set(item['id'] as string, map);
}

/** Writes one top-level cell (score, agreed score) under its key ids joined with `:`. */
function writeCell(doc: Y.Doc, def: EntityDef, item: Item): void {
  doc.getMap(def.root).set(def.key.map((k) => item[k] as string).join(':'), cellValue(def, item));
}

/**
 * Fills a new doc (empty, or fresh from `initPlan`) with `data`, in one transaction with
 * `origin`. Whatever the doc held in its plan roots is replaced, so `readPlan(doc)` afterwards
 * equals `data` field for field, with one exception: a doc that already has an id (the server
 * creates the plan first) keeps it. `data` must come from `parsePlanJson` or `readPlan`; this
 * function trusts its shape. Not meant for live docs: it rewrites everything. Driven by the
 * registry (R3).
 */
export function writePlan(doc: Y.Doc, data: PlanData, origin: Origin): void {
  doc.transact(() => {
    const existingId = metaMap(doc).get('id');
    for (const name of Object.values(ROOT)) {
      const root = doc.getMap(name);
      for (const key of [...root.keys()]) root.delete(key);
    }
    writeMeta(doc, isId(existingId) ? existingId : data.id, data.title, data);
    const lists = data as unknown as Record<string, Item[]>;
    for (const def of Object.values(ENTITIES)) {
      if (def.list === null || def.container) continue;
      const write = def.storage === 'cell' ? writeCell : writeEntity;
      for (const item of lists[def.list]!) write(doc, def, item);
    }
  }, origin);
}

/**
 * Adds the items of the named top-level lists of `data` (e.g. `goals`, `activities`) to a doc
 * in one transaction with `origin`, leaving every other entity as it is. The items must have
 * new ids (an existing id would be replaced). Used to fill a live plan's empty matrix from an
 * import without rewriting the rest of the plan.
 */
export function addEntities(doc: Y.Doc, data: PlanData, lists: readonly string[], origin: Origin): void {
  doc.transact(() => {
    const all = data as unknown as Record<string, Item[]>;
    for (const def of Object.values(ENTITIES)) {
      if (def.list === null || def.container || !lists.includes(def.list)) continue;
      const write = def.storage === 'cell' ? writeCell : writeEntity;
      for (const item of all[def.list]!) write(doc, def, item);
    }
  }, origin);
}
