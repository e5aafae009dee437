/**
 * Less memory for a Y.Doc a room builds from storage (issue 18, M3; SPEC MF5): runs once per
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

/**
 * Gives every nested text (`Y.Text` inside a map or list, not a top-level one) whose attribute
 * map is empty a {@link NoAttributes} stand-in instead of its own empty Map (SPEC MF5).
 */
export function lightenTexts(doc: Y.Doc): void {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      const type = struct.content.type;
      if (type instanceof Y.Text && type._map instanceof Map && type._map.size === 0) {
        type._map = new NoAttributes(type) as unknown as Map<string, Y.Item>;
      }
    }
  }
}

/** Whether a text still has its stand-in map (no attribute set since the doc was built); for tests. */
export function hasNoAttributeMap(text: Y.Text): boolean {
  return text._map instanceof NoAttributes;
}
