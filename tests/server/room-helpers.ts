import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { initPlan } from '../../shared/schema/init.js';
import { metaMap } from '../../shared/schema/roots.js';
import type { Actor } from '../../server/access/audit.js';
import { createLogger } from '../../server/log.js';
import { MemoryStorage, type MemoryStorageOptions } from '../../server/store/memory-storage.js';
import { readAwarenessFrame, readSyncFrame, SYNC, syncUpdateFrame } from '../../server/sync/frames.js';
import { standardHooks } from '../../server/sync/hooks/index.js';
import { updateGate } from '../../server/sync/hooks/update-gate.js';
import { craftUpdate } from '../shared/helpers/fixtures.js';
import { Room, type Conn, type RoomHook } from '../../server/sync/room.js';

/**
 * A connection as the room sees it, without a socket: it collects the frames the room sends
 * and how it was closed. `bufferedAmount` can be set to play a slow reader.
 */
export class FakeConn implements Conn {
  readonly sent: Uint8Array[] = [];
  closed = false;
  closedWith: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  constructor(
    readonly canWrite = true,
    readonly canFacilitate = false,
    readonly actor: Actor | null = null,
  ) {}
  /** Times the room asked whether this connection is still there (SPEC PR4). */
  probes = 0;
  probe(): void {
    this.probes++;
  }
  send(data: Uint8Array): void {
    if (this.closed) throw new Error('send on a closed connection');
    this.sent.push(data);
  }
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closedWith = { code, reason };
  }
  /** Takes the frames received so far. */
  take(): Uint8Array[] {
    return this.sent.splice(0);
  }
  /** Applies every sync frame received so far to `doc`; returns how many there were. */
  applyTo(doc: Y.Doc): number {
    let n = 0;
    for (const f of this.take()) {
      const sync = readSyncFrame(f);
      if (sync && sync.step !== SYNC.step1) {
        Y.applyUpdate(doc, sync.payload);
        n++;
      }
    }
    return n;
  }
  /** The awareness frames received so far (and drops the rest). */
  awarenessFrames(): Uint8Array[] {
    return this.take()
      .map(readAwarenessFrame)
      .filter((u): u is Uint8Array => u !== null);
  }
}

/** A client-side doc whose updates are collected, to be sent as frames. */
export function clientDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

/** A plan state with some text, as a V1 update. */
export function planState(text = 'stored'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  metaMap(doc).set('title', new Y.Text('Plan title'));
  return Y.encodeStateAsUpdate(doc);
}

/** Resolves once `check` is true, checking once per event-loop turn (no fixed sleeps); gives up after `ms`. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A room over a memory store with the standard hooks (and optional extra ones). */
export async function memoryRoom(
  opts: {
    storage?: MemoryStorageOptions;
    maxBufferedBytes?: number;
    extraHooks?: RoomHook[];
    state?: Uint8Array;
    /** Quiet time before the room's doc sleeps (SPEC SP1); absent: never. */
    sleepAfterMs?: number;
    maySleep?: (room: Room) => boolean;
    /** Load asleep, building no doc until first use (SPEC ME1). */
    startAsleep?: boolean;
  } = {},
): Promise<{ room: Room; storage: MemoryStorage; audit: { planId: string; action: string; detail: unknown }[]; empty: () => number }> {
  const storage = new MemoryStorage(opts.storage);
  await storage.create('p', 'Plan title', opts.state ?? planState());
  const loaded = await storage.load('p');
  const audit: { planId: string; action: string; detail: unknown }[] = [];
  const recorder = {
    record(planId: string, action: string, actor: Actor, detail: Record<string, string | number | boolean | null> = {}) {
      audit.push({ planId, action, detail });
      return { at: '', action, actor, detail };
    },
  };
  let empties = 0;
  const log = createLogger('silent');
  const hooks = standardHooks({ files: loaded.files, storage, log, idleCompactMs: 60_000, compactMinBytes: 1 << 20, audit: recorder });
  const room = new Room('p', loaded, {
    log,
    maxBufferedBytes: opts.maxBufferedBytes ?? 1 << 20,
    onEmpty: () => empties++,
    hooks: [...hooks, ...(opts.extraHooks ?? [])],
    sleepAfterMs: opts.sleepAfterMs,
    maySleep: opts.maySleep,
    startAsleep: opts.startAsleep,
  });
  return { room, storage, audit, empty: () => empties };
}

/** The doc a memory store would load for a plan now (state + log). */
export async function storedDoc(storage: MemoryStorage, id = 'p'): Promise<Y.Doc> {
  const loaded = await storage.reopen().load(id);
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  await loaded.files.close();
  return doc;
}

export { awarenessProtocol };

/** Resolves once the clock shows a later millisecond, so two timestamps taken around it differ. */
export async function nextMillisecond(): Promise<void> {
  const now = new Date().toISOString();
  await until(() => new Date().toISOString() !== now, 'the clock to move');
}

/** Makes `change` on a client `doc` and hands the room the update it produced, as `conn`'s frame. */
export function sendChange(room: Room, conn: Conn, doc: Y.Doc, change: () => void): void {
  const updates: Uint8Array[] = [];
  const take = (u: Uint8Array) => void updates.push(u);
  doc.on('update', take);
  change();
  doc.off('update', take);
  room.receive(conn, syncUpdateFrame(Y.mergeUpdates(updates)));
}

/**
 * A hand-built update: a client holding the room's content makes `change` (with `clientID`
 * when given), and the update it produced is returned, as an attacker would send it.
 */
export function changeOf(room: Room, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  return craftUpdate(room.doc, change, clientID);
}

/**
 * A memory room holding a new plan (plus what `seed` writes into it) behind the update gate, with
 * an editor and an observer connected.
 */
export async function gatedEditorObserverRoom(seed: (doc: Y.Doc) => void = () => {}) {
  const base = new Y.Doc();
  initPlan(base, { id: 'p', title: 'Plan' });
  seed(base);
  const ctx = await memoryRoom({ state: Y.encodeStateAsUpdate(base), extraHooks: [updateGate({ storedBytes: () => 0 })] });
  const editor = Object.assign(new FakeConn(true, false, { role: 'editor', linkId: 'l2', name: 'Ed' }), { participantId: 'pEd' });
  const observer = new FakeConn(false, false, { role: 'observer', linkId: 'l3', name: 'Ob' });
  ctx.room.connect(editor);
  ctx.room.connect(observer);
  return { ...ctx, editor, observer };
}
