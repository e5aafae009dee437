import * as Y from 'yjs';
import * as prng from 'lib0/prng';

/** Origin marking updates applied by the network, so they are not broadcast again. */
const NETWORK = { source: 'remote' } as const;

/**
 * An in-memory network of Y.Docs for deterministic concurrency tests (the analogue of the Yjs
 * test connector). Every local update is queued for every other peer; nothing is delivered
 * until the test says so, in an order chosen by a seeded PRNG. Links can be cut (partitions):
 * messages wait until the link is healed.
 */
export interface DocNetwork {
  docs: Y.Doc[];
  gen: prng.PRNG;
  /** Delivers one random queued message over a live link; false when none can move. */
  deliverOne(): boolean;
  /** Delivers up to `n` random messages. */
  deliverSome(n: number): void;
  /** Cuts or heals the link from peer `from` to peer `to`. */
  setLink(from: number, to: number, up: boolean): void;
  /** Heals every link and delivers everything. */
  flushAll(): void;
  /** Messages still queued. */
  pending(): number;
}

/** Creates `n` connected docs with client ids 1..n and a PRNG seeded with `seed`. */
export function createNetwork(n: number, seed: number): DocNetwork {
  const gen = prng.create(seed);
  const docs = Array.from({ length: n }, (_, i) => {
    const d = new Y.Doc();
    d.clientID = i + 1;
    return d;
  });
  const queues: Uint8Array[][][] = docs.map(() => docs.map(() => []));
  const up: boolean[][] = docs.map(() => docs.map(() => true));
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NETWORK) return;
      docs.forEach((_, to) => {
        if (to !== from) queues[from]![to]!.push(update);
      });
    });
  });
  const deliverOne = (): boolean => {
    const links: [number, number][] = [];
    queues.forEach((row, from) => row.forEach((q, to) => q.length > 0 && up[from]![to] && links.push([from, to])));
    if (links.length === 0) return false;
    const [from, to] = prng.oneOf(gen, links);
    const q = queues[from]![to]!;
    // Any message of the queue, not just the oldest: Yjs must cope with reordering.
    const [msg] = q.splice(prng.int32(gen, 0, q.length - 1), 1);
    Y.applyUpdate(docs[to]!, msg!, NETWORK);
    return true;
  };
  return {
    docs,
    gen,
    deliverOne,
    deliverSome(k) {
      for (let i = 0; i < k && deliverOne(); i++);
    },
    setLink(from, to, state) {
      up[from]![to] = state;
    },
    flushAll() {
      for (const row of up) row.fill(true);
      while (deliverOne());
    },
    pending() {
      return queues.flat().reduce((a, q) => a + q.length, 0);
    },
  };
}
