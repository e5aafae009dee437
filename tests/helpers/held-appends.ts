import type { PlanHandle, PlanStorage } from '../../server/store/storage.js';

/** Control over the appends of a storage wrapped by {@link holdAppends}. */
export interface AppendHold {
  /** Appends that have been called (held or not). */
  readonly calls: number;
  /** Appends whose promise has not resolved yet. */
  readonly waiting: number;
  /** From now on every append writes its records and then waits until {@link release}. */
  hold(): void;
  /** Lets every waiting append resolve, and stops holding later ones. */
  release(): void;
}

/**
 * Makes a storage's appends holdable, like a database whose commit has not returned yet: a
 * held append writes its records through the real handle and returns a promise that resolves
 * only on `release()`, so the room must treat the batch as not yet durable. Wraps `load` of
 * this storage instance (the server's registry calls it), so it works for the file store of a
 * real server as for the memory store. Plans loaded before the call are not affected.
 */
export function holdAppends(storage: PlanStorage): AppendHold {
  const load = storage.load.bind(storage);
  let held = false;
  let calls = 0;
  let gates: (() => void)[] = [];
  storage.load = async (id) => {
    const loaded = await load(id);
    const files = loaded.files;
    const wrapped: PlanHandle = {
      get id() {
        return files.id;
      },
      get logBytes() {
        return files.logBytes;
      },
      get logCount() {
        return files.logCount;
      },
      get stateBytes() {
        return files.stateBytes;
      },
      append(updates) {
        calls++;
        const r = files.append(updates);
        if (!held) return r;
        return Promise.resolve(r).then(() => new Promise<void>((resolve) => gates.push(resolve)));
      },
      compact: (state) => files.compact(state),
      close: () => files.close(),
    };
    return { ...loaded, files: wrapped };
  };
  return {
    get calls() {
      return calls;
    },
    get waiting() {
      return gates.length;
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
      const open = gates;
      gates = [];
      for (const g of open) g();
    },
  };
}
