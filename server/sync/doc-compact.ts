/**
 * Less memory for a Y.Doc a room builds from storage (issue 18, M3; SPEC MF5-MF7): runs once per
 * build (load and wake), O(structs), never on the relay path; the doc's content, its encoding,
 * reads and later edits are unchanged.
 */
import * as Y from 'yjs';

/**
 * Stands in for a nested text's empty attribute map (SPEC MF5): every Yjs type carries a Map
 * for keyed children, a text almost never has one (attributes set with `setAttribute`), and an
 * empty Map costs about 200 bytes against this object's 32. Reads answer as an empty map; the
 * first `set` (Yjs integrating an attribute) gives the text a real Map holding it, so the text
 * behaves as before from then on. Yjs reads a type's map only through `get`, `set`, `forEach`
 * and `entries`; the rest of the Map interface is here too.
 */
class NoAttributes {
  constructor(private readonly text: Y.AbstractType<any>) {} // eslint-disable-line @typescript-eslint/no-explicit-any

  get size(): number {
    return 0;
  }

  get(_key: string): undefined {
    return undefined;
  }

  has(_key: string): boolean {
    return false;
  }

  forEach(_fn: (item: Y.Item, key: string) => void): void {}

  entries(): IterableIterator<[string, Y.Item]> {
    return new Map<string, Y.Item>().entries();
  }

  keys(): IterableIterator<string> {
    return new Map<string, Y.Item>().keys();
  }

  values(): IterableIterator<Y.Item> {
    return new Map<string, Y.Item>().values();
  }

  [Symbol.iterator](): IterableIterator<[string, Y.Item]> {
    return this.entries();
  }

  delete(_key: string): boolean {
    return false;
  }

  clear(): void {}

  /** Gives the text a real map holding `item` and returns it. */
  set(key: string, item: Y.Item): Map<string, Y.Item> {
    const map = new Map<string, Y.Item>([[key, item]]);
    this.text._map = map;
    return map;
  }
}

/** What {@link NoListeners} throws when someone tries to observe a nested type of a built doc. */
export const OBSERVE_LIGHT_TYPE =
  'this nested type of a room\'s doc was built without listener lists (SPEC MF7): call listenable(type) from server/sync/doc-compact.ts before observing it';

/**
 * The listener list of a {@link NoListeners}: always empty; adding to it throws with
 * {@link OBSERVE_LIGHT_TYPE} (one frozen instance serves every type).
 */
class NoListenerList extends Array<never> {
  override push(): number {
    throw new Error(OBSERVE_LIGHT_TYPE);
  }
}
const NO_LISTENER_LIST = Object.freeze(new NoListenerList());

/**
 * Stands in for a nested type's event handlers (SPEC MF7): Yjs gives every type two (`_eH` for
 * `observe`, `_dEH` for `observeDeep`), each an object holding its own empty array (64 bytes
 * together per handler, 5 KB per new plan's doc), and on the server nobody observes a nested type:
 * the hooks observe top-level types, whose handlers stay. Yjs reads a handler's list to call its
 * listeners (none here) and to see whether any deep listener waits (`l.length`); adding or
 * removing a listener throws with {@link OBSERVE_LIGHT_TYPE} instead of being lost, and
 * {@link listenable} gives the type real handlers again. One frozen instance serves every type.
 */
class NoListeners {
  get l(): readonly never[] {
    return NO_LISTENER_LIST;
  }

  set l(_list: unknown) {
    throw new Error(OBSERVE_LIGHT_TYPE);
  }
}
const NO_LISTENERS = Object.freeze(new NoListeners());

/** The event-handler fields Yjs keeps on every type (not in its typings). */
interface TypeInternals {
  _eH: { l: unknown[] } | NoListeners;
  _dEH: { l: unknown[] } | NoListeners;
  _searchMarker: unknown[] | null;
}

/**
 * Lightens every nested type (a `Y.Text`, `Y.Map` or `Y.Array` inside a map or list, not a
 * top-level one) of a doc just built from storage, in one pass over its structs:
 * - a text with an empty attribute map gets a {@link NoAttributes} stand-in (SPEC MF5);
 * - a text gets no search-marker list (SPEC MF6): Yjs keeps up to 80 index bookmarks per text
 *   to find a position for a local edit by index, starting from an empty array (32 bytes); with
 *   none (as Yjs itself sets for a text with formatting) a local edit by index walks the text
 *   from its start, and the server edits field texts by index only in rare commands. Edits
 *   arriving in updates never use the markers;
 * - a type with no listeners gets the shared {@link NoListeners} for both its event handlers
 *   (SPEC MF7).
 * The doc's content, encoding and reads are unchanged. O(structs), once per build.
 */
export function lightenTypes(doc: Y.Doc): void {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      const type = struct.content.type;
      const inner = type as unknown as TypeInternals;
      if (type instanceof Y.Text) {
        if (type._map instanceof Map && type._map.size === 0) type._map = new NoAttributes(type) as unknown as Map<string, Y.Item>;
        if (inner._searchMarker !== null && inner._searchMarker.length === 0) inner._searchMarker = null;
      }
      if (inner._eH.l.length === 0) inner._eH = NO_LISTENERS;
      if (inner._dEH.l.length === 0) inner._dEH = NO_LISTENERS;
    }
  }
}

/**
 * Gives a type of a doc lightened by {@link lightenTypes} its own event handlers again, so
 * `observe` / `observeDeep` work on it as on any type (SPEC MF7). No effect on other types.
 */
export function listenable<T extends Y.AbstractType<any>>(type: T): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  const inner = type as unknown as TypeInternals;
  if (inner._eH === NO_LISTENERS) inner._eH = { l: [] };
  if (inner._dEH === NO_LISTENERS) inner._dEH = { l: [] };
  return type;
}

/** Whether a type has the shared stand-in for its event handlers (SPEC MF7); for tests. */
export function hasNoListeners(type: Y.AbstractType<any>): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any
  const inner = type as unknown as TypeInternals;
  return inner._eH === NO_LISTENERS && inner._dEH === NO_LISTENERS;
}

/** Whether a text has no search-marker list (SPEC MF6); for tests. */
export function hasNoSearchMarkers(text: Y.Text): boolean {
  return (text as unknown as TypeInternals)._searchMarker === null;
}

/** Whether a text still has its stand-in map (no attribute set since the doc was built); for tests. */
export function hasNoAttributeMap(text: Y.Text): boolean {
  return text._map instanceof NoAttributes;
}
