import * as Y from 'yjs';
import { criteriaLocked } from '../../../shared/commands/criteria.js';
import { editorsMoveStage } from '../../../shared/commands/stages.js';
import { putOf } from '../../../shared/rules/put-of.js';
import { checkChange, checkPlanSize, foreignClient, incomplete, MAX_PLAN_BYTES, type Change, type GateState, type Refusal, type Writer } from '../../../shared/rules/update-gate.js';
import { linkKey, sameLink, type Conn, type Room, type RoomHook } from '../room.js';

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
 * Identity: a connection names its participant in the URL (`?participant=`). The first link
 * (role and link id) to name a participant id in the room owns it for the room's life; a
 * connection of another link naming it writes no score cell at all. (Editors who share one
 * editor link share that trust; per-person links separate them.)
 *
 * Cost is O(size of the update) plus O(depth) per referenced store item (paths are at most
 * four keys deep; a delete range costs the items it covers): no read of the whole plan.
 */
export function updateGate(opts: UpdateGateOptions): RoomHook {
  const max = opts.maxPlanBytes ?? MAX_PLAN_BYTES;
  /** Which open connection writes under each Yjs client id (G11). */
  const owners = new Map<number, Conn>();
  const claims = (conn: Conn) => (client: number) => {
    const owner = owners.get(client);
    return !owner || owner === conn || owner.closed || sameLink(owner, conn);
  };
  /** Which link first claimed each participant id in this room (G6). */
  const participants = new Map<string, string>();
  /** The participant whose cells `conn` may write: its claim, unless another link claimed that id first. */
  const participantOf = (conn: Conn): string | null => {
    const id = conn.participantId ?? null;
    if (id === null) return null;
    const link = linkKey(conn);
    const owner = participants.get(id) ?? (participants.set(id, link), link);
    return owner === link ? id : null;
  };
  return {
    onConnect(_room, conn) {
      participantOf(conn);
    },
    beforeApply(room: Room, conn: Conn, update: Uint8Array): Refusal | null {
      const size = checkPlanSize(opts.storedBytes(), update.byteLength, max);
      if (size) return size;
      const writer: Writer = { canFacilitate: conn.canFacilitate, participantId: participantOf(conn) };
      const reading = new UpdateReading(room.doc, writer, update, claims(conn));
      const refused = reading.judge();
      if (!refused) for (const client of reading.newClients()) owners.set(client, conn);
      return refused;
    },
    onDisconnect(_room, conn) {
      for (const [client, owner] of owners) if (owner === conn) owners.delete(client);
    },
  };
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

/** A text an update writes into: its path, its length afterwards (at most), whether only plain characters go in. */
interface TextEdit {
  path: readonly string[];
  length: number;
  plain: boolean;
}

const isRefusal = (x: Loc | Refusal): x is Refusal => 'rule' in x;

/**
 * The plan state the rules read (criteria lock, stage movers), looked up in the live doc only
 * when a rule asks for it: most updates touch neither the criteria nor the stage.
 */
class DocGateState implements GateState {
  constructor(private readonly doc: Y.Doc) {}
  get criteriaLocked(): boolean {
    return criteriaLocked(this.doc);
  }
  get editorsMoveStage(): boolean {
    return editorsMoveStage(this.doc);
  }
}

/**
 * Judges one update for `writer` against the live `doc` (never modified): null when every part
 * of it may be applied, else the first refusal. See {@link updateGate} for the method.
 */
export function judgeUpdate(doc: Y.Doc, writer: Writer, update: Uint8Array): Refusal | null {
  return new UpdateReading(doc, writer, update, () => true).judge();
}

/** One update being judged (G1-G9, G11): its decoded structs and deletions, and what has been resolved so far. */
class UpdateReading {
  private readonly store: Y.Doc['store'];
  private readonly structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  private readonly ds: ReturnType<typeof Y.decodeUpdate>['ds'];
  /** Per client, the clock after the server's state and the update's own structs. */
  private readonly known = new Map<number, number>();
  /** Per client, the update's structs beyond the server's state, in clock order. */
  private readonly fresh = new Map<number, Y.Item[]>();
  private readonly paths = new Map<Y.AbstractType<unknown>, readonly string[] | null>();
  private readonly locs = new Map<Y.Item, Loc | 'busy'>();
  private readonly texts = new Map<string, TextEdit>();
  private readonly state: GateState;

  constructor(
    private readonly doc: Y.Doc,
    private readonly writer: Writer,
    update: Uint8Array,
    /** Whether the sender may add content under a client id (G11). */
    private readonly mayWriteAs: (client: number) => boolean,
  ) {
    this.store = doc.store;
    ({ structs: this.structs, ds: this.ds } = Y.decodeUpdate(update));
    this.state = new DocGateState(doc);
  }

  /** The first refusal, or null when the whole update may be applied. */
  judge(): Refusal | null {
    return this.structure() ?? this.judgeInserts() ?? this.judgeDeletes() ?? this.judgeTexts();
  }

  /** Client ids under which the update adds content (after `judge`). */
  newClients(): Iterable<number> {
    return this.known.keys();
  }

  /** G2: structs continue each client's clock without gaps; delete ranges end in the known state. */
  private structure(): Refusal | null {
    const seen = new Set<number>();
    let last = -1;
    for (const s of this.structs) {
      const client = s.id.client;
      if (client !== last) {
        if (seen.has(client)) return incomplete('a client is listed twice');
        seen.add(client);
        last = client;
      }
      if (s instanceof Y.Skip) return incomplete('a gap in a client clock');
      const expect = this.clockOf(s.id.client);
      if (s.id.clock > expect) return incomplete('a gap in a client clock');
      const end = s.id.clock + s.length;
      if (end <= expect) continue;
      if (!this.known.has(client) && !this.mayWriteAs(client)) return foreignClient(client);
      this.known.set(client, end);
      if (s instanceof Y.Item) (this.fresh.get(client) ?? this.fresh.set(client, []).get(client)!).push(s);
    }
    for (const [client, ranges] of this.ds.clients) {
      for (const r of ranges) if (r.clock + r.len > this.clockOf(client)) return incomplete('a delete range beyond the known state');
    }
    return null;
  }

  /** The clock after everything known of `client` (server state and this update). */
  private clockOf(client: number): number {
    return this.known.get(client) ?? Y.getState(this.store, client);
  }

  private inStore(id: Y.ID): boolean {
    return id.clock < Y.getState(this.store, id.client);
  }

  private change(change: Change): Refusal | null {
    return checkChange(this.writer, this.state, change);
  }

  /** Judges every new item: map keys it sets, characters it adds to texts (summed per text). */
  private judgeInserts(): Refusal | null {
    for (const list of this.fresh.values()) {
      for (const item of list) {
        const loc = this.locate(item);
        if (isRefusal(loc)) return loc;
        const deleted = item.content instanceof Y.ContentDeleted;
        if (loc.dead || (deleted && loc.parentSub === null)) continue;
        if (!loc.path) return incomplete('content inside a list');
        if (loc.parentSub !== null) {
          const path = [...loc.path, loc.parentSub];
          const refused = this.change(deleted ? { op: 'delete', path, inText: false } : { op: 'set', path, put: putOf(item.content) });
          if (refused) return refused;
          continue;
        }
        const t = this.textAt(loc.path, loc.type);
        if (item.content instanceof Y.ContentString) t.length += item.content.str.length;
        else t.plain = false;
      }
    }
    return null;
  }

  /** Judges every live store item the delete set removes; characters removed shorten their text. */
  private judgeDeletes(): Refusal | null {
    for (const [client, ranges] of this.ds.clients) {
      const list = this.store.clients.get(client);
      if (!list) continue;
      for (const r of ranges) {
        const end = Math.min(r.clock + r.len, Y.getState(this.store, client));
        for (let i = r.clock < end ? Y.findIndexSS(list, r.clock) : list.length; i < list.length && list[i]!.id.clock < end; i++) {
          const s = list[i]!;
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const parent = s.parent as Y.AbstractType<unknown> | null;
          const path = parent && this.typePath(parent);
          if (!path) continue;
          const inText = s.parentSub === null;
          const refused = this.change({ op: 'delete', path: inText ? path : [...path, s.parentSub!], inText });
          if (refused) return refused;
          if (inText && s.countable) this.textAt(path, parent).length -= Math.min(end, s.id.clock + s.length) - Math.max(r.clock, s.id.clock);
        }
      }
    }
    return null;
  }

  /** G9 and plain text, per text the update writes into. */
  private judgeTexts(): Refusal | null {
    for (const t of this.texts.values()) {
      const refused = this.change({ op: 'insert', path: t.path, length: t.length, plain: t.plain });
      if (refused) return refused;
    }
    return null;
  }

  private textAt(path: readonly string[], type: Y.AbstractType<unknown> | null): TextEdit {
    const key = path.join('\u0000');
    let t = this.texts.get(key);
    if (!t) this.texts.set(key, (t = { path, length: type ? type._length : 0, plain: true }));
    return t;
  }

  /** `[root, key, ...]` of a type in the store (null when it sits in a list). */
  private typePath(type: Y.AbstractType<unknown>): readonly string[] | null {
    const cached = this.paths.get(type);
    if (cached !== undefined) return cached;
    const item = type._item;
    let path: readonly string[] | null;
    if (item === null) path = [Y.findRootTypeKey(type)];
    else if (item.parentSub === null) path = null;
    else {
      const up = this.typePath(item.parent as Y.AbstractType<unknown>);
      path = up && [...up, item.parentSub];
    }
    this.paths.set(type, path);
    return path;
  }

  /** The update's own item holding `id`, by binary search in its client's new structs. */
  private localItem(id: Y.ID): Y.Item | null {
    const list = this.fresh.get(id.client);
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
  }

  /** Location of a new item (memoised; a loop of references is refused). */
  private locate(item: Y.Item): Loc | Refusal {
    const done = this.locs.get(item);
    if (done === 'busy') return incomplete('references loop');
    if (done) return done;
    this.locs.set(item, 'busy');
    const loc = this.resolve(item);
    if (!isRefusal(loc)) this.locs.set(item, loc);
    return loc;
  }

  private resolve(item: Y.Item): Loc | Refusal {
    const bad = this.badRef(item, item.origin) ?? this.badRef(item, item.rightOrigin) ?? (item.parent instanceof Y.ID ? this.badRef(item, item.parent) : null);
    if (bad) return bad;
    if (typeof item.parent === 'string') {
      const type = (this.doc.share.get(item.parent) as Y.AbstractType<unknown> | undefined) ?? null;
      return { path: [item.parent], type, parentSub: item.parentSub, dead: false };
    }
    if (item.parent instanceof Y.ID) return this.parentOf(item.parent, item);
    const beside = item.origin ?? item.rightOrigin;
    return beside ? this.besideOf(beside) : incomplete('an item without a place');
  }

  /** G2 for one reference of `item`: inside the known state, and backwards in its own client's clock. */
  private badRef(item: Y.Item, ref: Y.ID | null): Refusal | null {
    if (!ref) return null;
    if (ref.clock >= this.clockOf(ref.client)) return incomplete('a reference beyond the known state');
    if (ref.client === item.id.client && ref.clock >= item.id.clock) return incomplete('a reference forwards in its own clock');
    return null;
  }

  /** Where a child of the type item `id` lands (a store type, or a new type item of the update). */
  private parentOf(id: Y.ID, child: Y.Item): Loc | Refusal {
    if (this.inStore(id)) {
      const p = Y.getItem(this.store, id);
      if (!(p instanceof Y.Item) || p.deleted) return DEAD;
      if (!(p.content instanceof Y.ContentType)) return incomplete('a parent that is not a type');
      return { path: this.typePath(p.content.type), type: p.content.type, parentSub: child.parentSub, dead: false };
    }
    const p = this.localItem(id);
    if (!p || !(p.content instanceof Y.ContentType) || p === child) return incomplete('a parent that is not a type');
    const up = this.locate(p);
    if (isRefusal(up) || up.dead) return up;
    const path = up.path && up.parentSub !== null ? [...up.path, up.parentSub] : null;
    return { path, type: null, parentSub: child.parentSub, dead: false };
  }

  /** Where an item positioned next to `id` lands: the same parent and key as that neighbour. */
  private besideOf(id: Y.ID): Loc | Refusal {
    if (this.inStore(id)) {
      const n = Y.getItem(this.store, id);
      const parent = n instanceof Y.Item ? (n.parent as Y.AbstractType<unknown> | null) : null;
      if (!(n instanceof Y.Item) || !parent) return DEAD;
      return { path: this.typePath(parent), type: parent, parentSub: n.parentSub, dead: false };
    }
    const n = this.localItem(id);
    return n ? this.locate(n) : incomplete('an unknown neighbour');
  }
}
