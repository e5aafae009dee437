import * as Y from 'yjs';
import { metaMap } from '../../../shared/schema/roots.js';
import { checkChange, checkPlanSize, incomplete, LOCK_FLAGS, MAX_PLAN_BYTES, type Change, type Put, type Refusal, type Writer } from '../../../shared/rules/update-gate.js';
import type { Conn, Room, RoomHook } from '../room.js';

/** What the update gate needs besides the room. */
export interface UpdateGateOptions {
  /** Bytes the plan occupies in storage now (state plus update log), read in O(1). */
  storedBytes(): number;
  /** Largest stored size updates may grow a plan to (G10); default MAX_PLAN_BYTES. */
  maxPlanBytes?: number;
}

/**
 * The update gate (rules G1-G10, shared/SPEC.md): every document update a connection sends is
 * judged before it touches the live doc, and refused whole when any part of it breaks a rule.
 *
 * How, without applying it (so nothing has to be undone and nothing of a refused update is
 * stored or relayed):
 * 1. Structure (G2). `Y.decodeUpdate` gives the structs and the delete set. Per client, the new
 *    structs must continue the server's clock for that client without a gap (a gap, a Skip or a
 *    client listed twice would leave them pending); every origin, right origin and parent ID
 *    must be inside the server's state or among the update's own structs (same-client
 *    references must point backwards, and chains of references must not loop); every delete
 *    range must end inside that same known state. So Yjs never holds pending structs or deletes
 *    for a connection: the "deferred deletions" attack (deleting the facilitator's future
 *    items) has nothing to wait with.
 * 2. Place. Each new item's parent is resolved from the decoded struct: a root name; the ID of a
 *    type item (in the store: walk `_item.parent` up to the root; in the update: resolve that
 *    item first); or, for items positioned by their neighbours, the neighbour's parent and key.
 *    That gives a path `[root, key, ...]`. Deleted store items are described by their own path.
 * 3. Rules. Each change (a map key set, characters inserted into a text, an entry or characters
 *    deleted) goes to `checkChange` with the connection's role and participant id; text lengths
 *    are the text's current length plus what the update inserts minus what it deletes there.
 *
 * Cost is O(size of the update) plus O(depth) per referenced store item (paths are at most
 * four keys deep; a delete range costs the items it covers): no read of the whole plan.
 */
export function updateGate(opts: UpdateGateOptions): RoomHook {
  const max = opts.maxPlanBytes ?? MAX_PLAN_BYTES;
  return {
    beforeApply(room: Room, conn: Conn, update: Uint8Array): Refusal | null {
      const size = checkPlanSize(opts.storedBytes(), update.byteLength, max);
      if (size) return size;
      const writer: Writer = { canFacilitate: conn.canFacilitate, participantId: conn.participantId ?? null };
      return judgeUpdate(room.doc, writer, update);
    },
  };
}

/** True when both committees agreed the criteria (same test as `criteriaLocked`). */
function lockedNow(doc: Y.Doc): boolean {
  const meta = metaMap(doc);
  return LOCK_FLAGS.every((k) => meta.get(k) === true);
}

/** Where a new item lands: its parent's path (null: inside a list, not a plan place), the parent type when the server has it, its key. */
interface Loc {
  path: readonly string[] | null;
  type: Y.AbstractType<unknown> | null;
  parentSub: string | null;
  /** Its parent or neighbour is garbage-collected or deleted: Yjs drops it, nothing to judge. */
  dead: boolean;
}

const DEAD: Loc = { path: null, type: null, parentSub: null, dead: true };

/**
 * Judges one update for `writer` against the live `doc` (never modified): null when every part
 * of it may be applied, else the first refusal.
 */
export function judgeUpdate(doc: Y.Doc, writer: Writer, update: Uint8Array): Refusal | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const known = new Map<number, number>();
  const fresh = new Map<number, Y.Item[]>();
  const seen = new Set<number>();
  let last = -1;
  for (const s of structs) {
    const client = s.id.client;
    if (client !== last) {
      if (seen.has(client)) return incomplete('a client is listed twice');
      seen.add(client);
      last = client;
    }
    if (s instanceof Y.Skip) return incomplete('a gap in a client clock');
    const expect = known.get(client) ?? Y.getState(store, client);
    if (s.id.clock > expect) return incomplete('a gap in a client clock');
    const end = s.id.clock + s.length;
    if (end <= expect) continue;
    known.set(client, end);
    if (s instanceof Y.Item) (fresh.get(client) ?? fresh.set(client, []).get(client)!).push(s);
  }
  const isKnown = (id: Y.ID) => id.clock < (known.get(id.client) ?? Y.getState(store, id.client));
  const inStore = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  for (const [client, ranges] of ds.clients) {
    for (const r of ranges) if (r.clock + r.len > (known.get(client) ?? Y.getState(store, client))) return incomplete('a delete range beyond the known state');
  }

  const paths = new Map<Y.AbstractType<unknown>, readonly string[] | null>();
  const typePath = (type: Y.AbstractType<unknown>): readonly string[] | null => {
    const cached = paths.get(type);
    if (cached !== undefined) return cached;
    const item = type._item;
    let path: readonly string[] | null;
    if (item === null) path = [Y.findRootTypeKey(type)];
    else if (item.parentSub === null) path = null;
    else {
      const up = typePath(item.parent as Y.AbstractType<unknown>);
      path = up && [...up, item.parentSub];
    }
    paths.set(type, path);
    return path;
  };
  const localItem = (id: Y.ID): Y.Item | null => {
    const list = fresh.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const it = list[mid]!;
      if (id.clock < it.id.clock) hi = mid - 1;
      else if (id.clock >= it.id.clock + it.length) lo = mid + 1;
      else return it;
    }
    return null;
  };

  const locs = new Map<Y.Item, Loc | 'busy'>();
  /** Location of a new item, or a refusal when it cannot be resolved from known content. */
  const locate = (item: Y.Item): Loc | Refusal => {
    const done = locs.get(item);
    if (done === 'busy') return incomplete('references loop');
    if (done) return done;
    locs.set(item, 'busy');
    const loc = resolve(item);
    if ('rule' in loc) return loc;
    locs.set(item, loc);
    return loc;
  };
  /** The type an ID names as a parent: the store's type, or a new type item of the update. */
  const parentOf = (id: Y.ID, child: Y.Item): Loc | Refusal => {
    if (inStore(id)) {
      const p = Y.getItem(store, id);
      if (!(p instanceof Y.Item) || p.deleted) return DEAD;
      if (!(p.content instanceof Y.ContentType)) return incomplete('a parent that is not a type');
      return { path: typePath(p.content.type), type: p.content.type, parentSub: child.parentSub, dead: false };
    }
    const p = localItem(id);
    if (!p || !(p.content instanceof Y.ContentType) || p === child) return incomplete('a parent that is not a type');
    const up = locate(p);
    if ('rule' in up || up.dead) return up;
    const path = up.path && up.parentSub !== null ? [...up.path, up.parentSub] : null;
    return { path, type: null, parentSub: child.parentSub, dead: false };
  };
  /** Where an item positioned next to `id` lands: the same parent and key as that neighbour. */
  const besideOf = (id: Y.ID): Loc | Refusal => {
    if (inStore(id)) {
      const n = Y.getItem(store, id);
      if (!(n instanceof Y.Item)) return DEAD;
      const parent = n.parent as Y.AbstractType<unknown> | null;
      if (!parent) return DEAD;
      return { path: typePath(parent), type: parent, parentSub: n.parentSub, dead: false };
    }
    const n = localItem(id);
    if (!n) return incomplete('an unknown neighbour');
    return locate(n);
  };
  const resolve = (item: Y.Item): Loc | Refusal => {
    for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!ref) continue;
      if (!isKnown(ref)) return incomplete('a reference beyond the known state');
      if (ref.client === item.id.client && ref.clock >= item.id.clock) return incomplete('a reference forwards in its own clock');
    }
    if (typeof item.parent === 'string') {
      return { path: [item.parent], type: (doc.share.get(item.parent) as Y.AbstractType<unknown> | undefined) ?? null, parentSub: item.parentSub, dead: false };
    }
    if (item.parent instanceof Y.ID) return parentOf(item.parent, item);
    const beside = item.origin ?? item.rightOrigin;
    if (!beside) return incomplete('an item without a place');
    return besideOf(beside);
  };

  const state = { criteriaLocked: lockedNow(doc) };
  const texts = new Map<string, { path: readonly string[]; length: number; plain: boolean }>();
  const textAt = (path: readonly string[], type: Y.AbstractType<unknown> | null) => {
    const key = path.join('\u0000');
    let t = texts.get(key);
    if (!t) texts.set(key, (t = { path, length: type ? type._length : 0, plain: true }));
    return t;
  };
  const judge = (change: Change) => checkChange(writer, state, change);

  for (const list of fresh.values()) {
    for (const item of list) {
      const loc = locate(item);
      if ('rule' in loc) return loc;
      if (loc.dead || (item.content instanceof Y.ContentDeleted && loc.parentSub === null)) continue;
      if (!loc.path) return judge({ op: 'set', path: ['(list)'], put: { kind: 'other' } });
      if (loc.parentSub !== null) {
        const path = [...loc.path, loc.parentSub];
        const refused = item.content instanceof Y.ContentDeleted ? judge({ op: 'delete', path, inText: false }) : judge({ op: 'set', path, put: putOf(item.content) });
        if (refused) return refused;
        continue;
      }
      const t = textAt(loc.path, loc.type);
      if (item.content instanceof Y.ContentString) t.length += item.content.str.length;
      else t.plain = false;
    }
  }
  for (const [client, ranges] of ds.clients) {
    const list = store.clients.get(client);
    if (!list) continue;
    for (const r of ranges) {
      const end = Math.min(r.clock + r.len, Y.getState(store, client));
      if (r.clock >= end) continue;
      for (let i = Y.findIndexSS(list, r.clock); i < list.length && list[i]!.id.clock < end; i++) {
        const s = list[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const parent = s.parent as Y.AbstractType<unknown> | null;
        const path = parent && typePath(parent);
        if (!path) continue;
        if (s.parentSub !== null) {
          const refused = judge({ op: 'delete', path: [...path, s.parentSub], inText: false });
          if (refused) return refused;
          continue;
        }
        const refused = judge({ op: 'delete', path, inText: true });
        if (refused) return refused;
        if (s.countable) textAt(path, parent).length -= Math.min(end, s.id.clock + s.length) - Math.max(r.clock, s.id.clock);
      }
    }
  }
  for (const t of texts.values()) {
    const refused = judge({ op: 'insert', path: t.path, length: t.length, plain: t.plain });
    if (refused) return refused;
  }
  return null;
}

/** What an item's content puts under a map key. */
function putOf(content: Y.Item['content']): Put {
  if (content instanceof Y.ContentType) {
    // Exact classes: Y.XmlText extends Y.Text but is not a plan text.
    if (content.type.constructor === Y.Text) return { kind: 'text' };
    if (content.type.constructor === Y.Map) return { kind: 'map' };
    return { kind: 'other' };
  }
  if (content instanceof Y.ContentAny && content.arr.length === 1) return { kind: 'value', value: content.arr[0] };
  return { kind: 'other' };
}
