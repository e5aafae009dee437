import * as Y from 'yjs';
import { ENTITIES, type EntityDef, type EntityName } from '../schema/registry.js';
import { ROOT } from '../schema/roots.js';
import type { NodeKind, PlanData } from '../schema/types.js';
import { ENGLISH_FORMAT, englishText, fieldText, labelText, sameValue, type DiffFormat, type DiffLabel, type Translate } from './diff.js';
import { nodeCodes } from './tree.js';

/**
 * Conflict detection (SPEC CF1-CF4). In a Y.Map every write of a key is a new item whose left
 * origin is the item the writer saw for that key when it wrote. A write received from elsewhere
 * that replaces (or loses to) a value its writer had not seen is an overwrite made blind: an
 * offline budget of 13,000 arriving after someone set 14,000 online, or two people setting the
 * same cell at once. Yjs settles it (the item of the higher client id wins) without a word; this
 * module names it so both people can be told and take the other value.
 */

/** Where a conflicting value lives: an entity field (`entity`, `id`, `field`) or a whole cell. */
export interface ConflictPlace {
  /** The Yjs root (`nodes`, `scores`, ...). */
  root: string;
  /** The registry entity, when known (`activity`, `score`...), else null. */
  entity: EntityName | null;
  /** The entity id or cell key. */
  id: string;
  /** The field within the entity; null for a cell stored as one value (scores, reports). */
  field: string | null;
}

/**
 * One side of a conflict: the value and the Yjs client that wrote it. `known` is false when the
 * value reached this doc already discarded (a peer that merged first drops a losing value's
 * content, so only "someone else wrote here" is left; the server's field history has it).
 */
export interface ConflictSide {
  client: number;
  value: unknown;
  known: boolean;
}

/** A value replaced (or kept) although its rival's writer had not seen it (CF1). */
export interface Conflict extends ConflictPlace {
  /** The value that shows now (the merge kept it). */
  kept: ConflictSide;
  /** The value the merge dropped. */
  lost: ConflictSide;
  /** The client whose write arrived without having seen the other value. */
  blindWriter: number;
}

const ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(ROOT));

/** Internal Yjs item shape this module reads (public fields of `Y.Item`). */
type Item = Y.Item;
/** A keyed Yjs type: a Y.Map, or a root a doc has not yet asked for as a map (its keyed items are in `_map`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MapLike = Y.AbstractType<any>;

/** The value an item holds when it is a plain value (ContentAny...); undefined for types and discarded content. */
function valueOf(item: Item): unknown {
  if (item.content instanceof Y.ContentType || item.content instanceof Y.ContentDeleted) return undefined;
  const c = item.content.getContent();
  return c[c.length - 1];
}

const side = (item: Item): ConflictSide => {
  const value = valueOf(item);
  return { client: item.id.client, value: value ?? null, known: value !== undefined };
};

const isNewIn = (tr: Y.Transaction, id: Y.ID): boolean => id.clock >= (tr.beforeState.get(id.client) ?? 0);

/** The entity definition for an entity map under `root` (matrix nodes by their `kind`). */
const DEFS_BY_ROOT = new Map<string, EntityDef[]>();
for (const d of Object.values(ENTITIES)) DEFS_BY_ROOT.set(d.root, [...(DEFS_BY_ROOT.get(d.root) ?? []), d]);

function entityOf(root: string, map: MapLike | null): EntityDef | null {
  const defs = DEFS_BY_ROOT.get(root) ?? [];
  if (defs.length <= 1) return defs[0] ?? null;
  const kindItem = map?._map.get('kind');
  const kind = kindItem && !kindItem.deleted ? valueOf(kindItem) : undefined;
  return defs.find((d) => d.nodeKind === kind) ?? null;
}

/** Root names found so far, per top-level type (a doc's root types never change identity). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ROOT_OF = new WeakMap<Y.AbstractType<any>, string | null>();

/** The name of a top-level type, when it is one of the plan's roots (O(1) after the first ask). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rootName(type: Y.AbstractType<any>): string | null {
  const known = ROOT_OF.get(type);
  if (known !== undefined) return known;
  const doc = type.doc;
  if (!doc) return null;
  let found: string | null = null;
  for (const name of ROOT_NAMES) if (doc.share.get(name) === type) found = name;
  ROOT_OF.set(type, found);
  return found;
}

/** Where a map item sits in the plan: a root cell (`[root, key]`) or an entity field (`[root, id, field]`). */
function placeOf(item: Item): ConflictPlace | null {
  const parent = item.parent as Y.AbstractType<unknown>;
  const key = item.parentSub;
  if (key === null || !(parent instanceof Y.AbstractType)) return null;
  const own = parent._item;
  if (own === null) {
    const root = rootName(parent);
    if (!root) return null;
    if (root === ROOT.meta) return { root, entity: entityOf(root, null)?.name ?? null, id: '', field: key };
    return { root, entity: entityOf(root, null)?.name ?? null, id: key, field: null };
  }
  const grand = own.parent;
  if (!(grand instanceof Y.AbstractType) || grand._item !== null || own.parentSub === null) return null;
  const root = rootName(grand);
  if (!root) return null;
  return { root, entity: entityOf(root, parent)?.name ?? null, id: own.parentSub, field: key };
}

/**
 * The conflicts a finished transaction brought (CF1): for every map item it added whose writer
 * is not this doc, the item the key held before the transaction (the rightmost item already
 * known) is compared with what the writer saw (the item's left origin, followed through other
 * items of the same transaction). When they differ and the key held a value (not a deletion),
 * the two values conflict. Cost O(items the transaction added), read from the doc's struct store;
 * nothing is decoded again. Local transactions never conflict.
 */
export function conflictsOf(tr: Y.Transaction): Conflict[] {
  if (tr.local) return [];
  const out: Conflict[] = [];
  for (const item of newMapItems(tr, false)) {
    const found = judge(tr, item);
    if (found) out.push(found);
  }
  return out;
}

/** The map items (key writes) a transaction added, in client and clock order; `own` includes this doc's. */
function* newMapItems(tr: Y.Transaction, own: boolean): Generator<Item> {
  const store = tr.doc.store;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before || (!own && client === tr.doc.clientID)) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i];
      // Root maps a doc has not asked for yet are plain AbstractTypes: any keyed item is a map write.
      if (item instanceof Y.Item && item.parentSub !== null && item.parent instanceof Y.AbstractType) yield item;
    }
  }
}

/** One value written to a map key by a transaction (for the field history, SPEC FH1). */
export interface MapWrite extends ConflictPlace {
  /** The value before the transaction (null when the key held none). */
  from: unknown;
  /** The value written (null when it reached this doc already discarded). */
  to: unknown;
  /** True when this write is the key's value after the transaction (false: it lost a merge, or a later write replaced it). */
  kept: boolean;
  client: number;
}

/**
 * A value a transaction wrote to a map key, taken at the end of that transaction (in its
 * `afterTransaction`), before Yjs may discard the values it replaced: the values and whether
 * the write is kept are fixed now; where it sits in the plan (`placeOfWrite`) can be read
 * later, off the relay path (SPEC PF4).
 */
export interface CapturedWrite {
  /** The item the transaction added for the key. */
  item: Y.Item;
  /** The value before the transaction (null when the key held none). */
  from: unknown;
  /** The value written (null when it reached this doc already discarded). */
  to: unknown;
  /** True when this write is the key's value after the transaction. */
  kept: boolean;
}

/**
 * The plain values a transaction wrote into fields or cells of entities that existed before it
 * (FH1), without their places: fields filled in when an entity is created and nested types
 * (Y.Text) are left out. O(items the transaction added); call it in `afterTransaction`.
 */
export function captureMapWrites(tr: Y.Transaction): CapturedWrite[] {
  const out: CapturedWrite[] = [];
  for (const item of newMapItems(tr, true)) {
    if (item.content instanceof Y.ContentType || item.parentSub === null) continue;
    const parent = item.parent as MapLike;
    if (parent._item !== null && isNewIn(tr, parent._item.id)) continue; // a new entity's first values
    const prior = priorOf(tr, parent, item.parentSub);
    const from = prior && !(prior.deleted && !Y.isDeleted(tr.deleteSet, prior.id)) ? (valueOf(prior) ?? null) : null;
    const current = parent._map.get(item.parentSub);
    out.push({ item, from, to: valueOf(item) ?? null, kept: current === item && !item.deleted });
  }
  return out;
}

/** A captured write with its place in the plan, or null when it is not in a known place (FH1). */
export function placeOfWrite(w: CapturedWrite): MapWrite | null {
  const place = placeOf(w.item);
  return place && { ...place, from: w.from, to: w.to, kept: w.kept, client: w.item.id.client };
}

/**
 * Every plain value a transaction wrote into a field or cell of an entity that existed before it
 * (FH1): fields filled in when an entity is created, nested types (Y.Text) and keys of unknown
 * places are left out. O(items the transaction added). `captureMapWrites` then `placeOfWrite`.
 */
export function mapWritesOf(tr: Y.Transaction): MapWrite[] {
  const out: MapWrite[] = [];
  for (const w of captureMapWrites(tr)) {
    const placed = placeOfWrite(w);
    if (placed) out.push(placed);
  }
  return out;
}

/** The item a map key held before the transaction: the rightmost one already known. */
function priorOf(tr: Y.Transaction, parent: MapLike, key: string): Item | null {
  let prior: Item | null = parent._map.get(key) ?? null;
  while (prior && isNewIn(tr, prior.id)) prior = prior.left;
  return prior;
}

/** The item with `id` (or null). */
function itemAt(store: Y.Doc["store"], id: Y.ID | null): Item | null {
  if (id === null) return null;
  const s = Y.getItem(store, id) as Y.Item | Y.GC;
  return s instanceof Y.Item ? s : null;
}

const sameId = (a: Y.ID | null, b: Y.ID | null): boolean => a !== null && b !== null && a.client === b.client && a.clock === b.clock;

function judge(tr: Y.Transaction, item: Item): Conflict | null {
  const store = tr.doc.store;
  const parent = item.parent as MapLike;
  if (!(parent instanceof Y.AbstractType) || item.parentSub === null) return null;
  if (item.content instanceof Y.ContentType) return null;
  const prior = priorOf(tr, parent, item.parentSub);
  if (!prior) return null;
  // A key deleted before this transaction held no value: writing it again replaces nothing.
  if (prior.deleted && !Y.isDeleted(tr.deleteSet, prior.id)) return null;
  // What the writer saw: its left origin, followed through items of this same transaction.
  let seen: Y.ID | null = item.origin;
  for (let hops = 0; seen && isNewIn(tr, seen) && hops < 64; hops++) seen = itemAt(store, seen)?.origin ?? null;
  const priorLast = Y.createID(prior.id.client, prior.id.clock + prior.length - 1);
  if (sameId(seen, priorLast)) return null;
  // The writer never saw `prior` (it saw an older value or none): a blind overwrite.
  const place = placeOf(item);
  if (!place) return null;
  if (prior.content instanceof Y.ContentType) return null;
  const current = parent._map.get(item.parentSub) ?? null;
  const itemWon = current !== null && current !== prior && !current.deleted;
  const cur = side(itemWon ? current : prior);
  const other = side(itemWon ? prior : item);
  if (cur.known && other.known && sameValue(cur.value, other.value)) return null;
  return { ...place, kept: cur, lost: other, blindWriter: item.id.client };
}


/**
 * Calls `onConflicts` after every transaction that brought conflicts (CF1) that concern `mine`
 * (CF3: one of the two values was written by one of this person's Yjs clients, e.g. this tab
 * and the sessions before a reload). Returns the function that stops watching.
 */
export function watchConflicts(doc: Y.Doc, mine: (client: number) => boolean, onConflicts: (found: Conflict[]) => void): () => void {
  const handler = (tr: Y.Transaction): void => {
    const found = conflictsOf(tr).filter((c) => mine(c.kept.client) || mine(c.lost.client));
    if (found.length > 0) onConflicts(found);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/**
 * Where a conflict lives, as data (CF5, L70): a score cell by whose, goal and criterion; a field
 * of the plan; a row's field (the row by kind, full code and title); another entity's field (by
 * kind and name). `field` is the field's registry id (null for a whole value). Names are as typed.
 * Worded by {@link placeText}.
 */
export type PlaceWords =
  | { at: 'score'; person: string; goal: string; criterion: string }
  | { at: 'agreedScore'; goal: string; criterion: string }
  | { at: 'plan'; field: string | null }
  | { at: 'row'; row: DiffLabel; field: string | null }
  | { at: 'entity'; entity: string; name: string; field: string | null };

/** The place of a conflict as data (see {@link PlaceWords}). */
export function placeWords(plan: PlanData, place: ConflictPlace): PlaceWords {
  const field = place.field;
  if (place.root === ROOT.scores || place.root === ROOT.agreed) {
    const [goalId = '', criterionId = '', participantId] = place.id.split(':');
    const goal = plan.goals.find((g) => g.id === goalId)?.title ?? goalId;
    const criterion = plan.criteria.find((c) => c.id === criterionId)?.title ?? criterionId;
    if (!participantId) return { at: 'agreedScore', goal, criterion };
    return { at: 'score', person: plan.participants.find((p) => p.id === participantId)?.name ?? participantId, goal, criterion };
  }
  if (place.entity === 'meta') return { at: 'plan', field };
  if (place.root === ROOT.nodes) {
    const node = [...plan.goals, ...plan.outcomes, ...plan.outputs, ...plan.activities].find((n) => n.id === place.id);
    const code = nodeCodes(plan).get(place.id)?.code;
    const row: DiffLabel = { form: 'row', kind: (place.entity ?? 'activity') as NodeKind, id: place.id, name: node?.title ?? '', ...(code ? { code } : {}) };
    return { at: 'row', row, field };
  }
  const def = place.entity ? ENTITIES[place.entity] : null;
  const list = def?.list ? ((plan as unknown as Record<string, { id?: string; title?: unknown; name?: unknown; label?: unknown }[]>)[def.list] ?? []) : [];
  const item = list.find((e) => e.id === place.id);
  const name = [item?.title, item?.name, item?.label].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? '';
  return { at: 'entity', entity: place.entity ?? place.root, name, field };
}

/**
 * A place in the language of `tr` (the `diff` namespace), figures by `f`:
 * `activity 1.1.1.2 "Print leaflets": budget`, `plan currency`, `agreed score for goal "…" on "…"`.
 * An entity kind the `diff` catalogue lacks reads as the registry's English label.
 */
export function placeText(p: PlaceWords, tr: Translate, f: DiffFormat): string {
  if (p.at === 'score') return tr('diff:conflict.score', { person: p.person, goal: p.goal, criterion: p.criterion });
  if (p.at === 'agreedScore') return tr('diff:conflict.agreedScore', { goal: p.goal, criterion: p.criterion });
  const field = p.field ? fieldText(p.field, tr) : '';
  if (p.at === 'plan') return field ? tr('diff:conflict.planField', { field }) : tr('diff:label.plan');
  let what: string;
  if (p.at === 'row') what = labelText(p.row, tr, f);
  else {
    const def = (ENTITIES as Partial<Record<string, EntityDef>>)[p.entity];
    const kind = tr(`diff:kind.${p.entity}`, { defaultValue: def?.label ?? p.entity });
    what = p.name ? tr('diff:label.named', { kind, name: p.name }) : kind;
  }
  return field ? tr('diff:conflict.place', { what, field }) : what;
}

/**
 * The place of a conflict in the plan's terms, in English (CF5): a row by kind, full code and title
 * and the field (`activity 1.1.1.2 "Print leaflets": budget`), a score by whose, which goal and which
 * criterion, other entities by kind and name. The browser words {@link placeWords} in the reader's
 * language instead (L70).
 */
export function describePlace(plan: PlanData, place: ConflictPlace): string {
  return placeText(placeWords(plan, place), englishText, ENGLISH_FORMAT);
}

