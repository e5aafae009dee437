import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE, MESSAGE } from '../../shared/protocol.js';
import { readTitle } from '../../shared/schema/read.js';
import type { Actor, AuditLog } from '../access/audit.js';
import type { Logger } from '../log.js';
import type { PlanFiles, PlanStore } from '../store/plan-store.js';

/** The three things a room needs from a connection; the websocket adapter provides them. */
export interface Conn {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet handed to the OS. */
  readonly bufferedAmount: number;
  /** Set once the connection is closing; the room then ignores it. */
  readonly closed: boolean;
  /** False for read-only connections: their document writes are dropped. */
  readonly canWrite: boolean;
  /** True for facilitators: only they may agree (lock) the scoring criteria. */
  readonly canFacilitate: boolean;
  /** Who is behind the connection, for the audit trail. */
  readonly actor: Actor | null;
}

/** Pending (not yet applicable) update bytes a plan may hold before they are dropped. */
export const MAX_PENDING_BYTES = 1024 * 1024;

/** Meta keys that lock the criteria once both committees agree; facilitators only. */
const LOCK_KEYS = ['criteriaAgreedByImc', 'criteriaAgreedByNcc'] as const;

/** Origin of the server's own corrective writes (undoing a change a connection may not make). */
export const ENFORCE_ORIGIN = { source: 'server', reason: 'access' } as const;

/** A frame the room cannot decode; the caller closes the connection with CLOSE.badMessage. */
export class ProtocolError extends Error {}

/** Origin of the transaction that loads stored content; never logged again nor relayed. */
export const STORAGE_ORIGIN = { source: 'storage' } as const;

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/**
 * Presence-only changes are gathered for a short window and sent as one message per connection.
 * Without it, N clients each moving a cursor once a second cost N x N sends a second (500
 * clients: 250,000 sends/s, a third of a core); batched, each connection gets at most
 * 1000/window messages a second. The window grows with the room (a quarter millisecond per
 * connection, between PRESENCE_BATCH_MIN_MS and PRESENCE_BATCH_MAX_MS), so a small room stays
 * snappy and a 500-person room costs a few thousand sends a second. Document updates still go
 * out at the end of their turn and carry any presence gathered so far with them.
 */
export const PRESENCE_BATCH_MIN_MS = 20;
export const PRESENCE_BATCH_MAX_MS = 150;
const presenceWindow = (conns: number) => Math.min(PRESENCE_BATCH_MAX_MS, Math.max(PRESENCE_BATCH_MIN_MS, conns / 4));

/**
 * The quiet-time fold of the update log into the state file writes the whole plan, so it only
 * runs once the log holds at least this fraction of the state's size: folding then costs at most
 * a constant number of written bytes per logged byte, however large the plan (the size trigger in
 * scheduleCompaction and the fold on unload and shutdown are unchanged).
 */
const IDLE_COMPACT_LOG_FRACTION = 1 / 8;

export interface RoomOptions {
  store: PlanStore;
  log: Logger;
  /** Send-buffer bytes past which a connection is closed as a slow reader. */
  maxBufferedBytes: number;
  /** Quiet time after the last update before the log is compacted. */
  idleCompactMs: number;
  /** Smallest log size that triggers compaction at once. */
  compactMinBytes: number;
  /** Called when the last connection leaves. */
  onEmpty(room: Room): void;
  /** Where consequential acts made over the websocket are recorded. */
  audit: AuditLog | null;
}

interface Pending {
  update: Uint8Array;
  origin: unknown;
}

/**
 * One loaded plan: its Y.Doc, presence (awareness) and connections. Speaks the y-websocket
 * protocol. Updates and presence changes that arrive in one event-loop turn are written to
 * the update log in one append, merged, and sent as one message per connection (after the
 * turn, via setImmediate). A connection never gets its own updates echoed back.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each connection with the awareness client ids it controls. */
  private readonly conns = new Map<Conn, Set<number>>();
  private pending: Pending[] = [];
  private changedClients = new Set<number>();
  private flushScheduled = false;
  private presenceTimer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  private closedFlag = false;
  private title: string;
  /** Set when the meta title changed since the last flush. */
  private titleChanged = false;
  /** Read-only connections already told that their writes are refused. */
  private readonly toldReadOnly = new WeakSet<Conn>();

  constructor(
    readonly id: string,
    private readonly files: PlanFiles,
    state: Uint8Array | null,
    stateEncoding: 'v1' | 'v2',
    updates: Uint8Array[],
    private readonly opts: RoomOptions,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.doc.transact(() => {
      if (state && stateEncoding === 'v2') Y.applyUpdateV2(this.doc, state, STORAGE_ORIGIN);
      else if (state) Y.applyUpdate(this.doc, state, STORAGE_ORIGIN);
      for (const u of updates) {
        try {
          Y.applyUpdate(this.doc, u, STORAGE_ORIGIN);
        } catch (err) {
          opts.log.error('skipping unreadable logged update', { plan: id, error: String(err) });
        }
      }
    }, STORAGE_ORIGIN);
    this.title = readTitle(this.doc);
    opts.store.setTitle(id, this.title);
    // The title is read again only when it changed, not on every flush.
    const meta = this.doc.getMap('meta');
    meta.observeDeep((events) => {
      if (events.some((e) => e.target !== meta || (e as Y.YMapEvent<unknown>).keysChanged.has('title'))) this.titleChanged = true;
    });
    this.guardCriteriaLock();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORAGE_ORIGIN) return;
      this.pending.push({ update, origin });
      this.scheduleFlush();
    });
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const controlled = origin instanceof Object ? this.conns.get(origin as Conn) : undefined;
      for (const c of change.added) {
        controlled?.add(c);
        this.changedClients.add(c);
      }
      for (const c of change.updated) this.changedClients.add(c);
      for (const c of change.removed) {
        controlled?.delete(c);
        this.changedClients.add(c);
      }
      this.schedulePresenceFlush();
    });
  }

  /** Number of open connections. */
  get size(): number {
    return this.conns.size;
  }

  /** Adds a connection and starts the sync handshake: our state vector, then everyone's presence. */
  connect(conn: Conn): void {
    this.conns.set(conn, new Set());
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE.sync);
    encoding.writeVarUint(enc, SYNC_STEP1);
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(this.doc));
    this.send(conn, encoding.toUint8Array(enc));
    if (this.awareness.getStates().size > 0) {
      this.send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /**
   * Handles one frame from a connection. A malformed frame or an unknown message type closes
   * that connection with CLOSE.badMessage; nothing of the frame is applied past the error.
   */
  receive(conn: Conn, data: Uint8Array): void {
    if (conn.closed || !this.conns.has(conn)) return;
    try {
      this.handle(conn, data);
    } catch (err) {
      this.opts.log.debug('bad frame', { plan: this.id, error: String(err) });
      conn.close(CLOSE.badMessage, err instanceof ProtocolError ? err.message : 'malformed frame');
      this.disconnect(conn);
    }
  }

  private handle(conn: Conn, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync: {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP1) {
          const sv = decoding.readVarUint8Array(decoder);
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MESSAGE.sync);
          encoding.writeVarUint(enc, SYNC_STEP2);
          encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(this.doc, sv));
          this.send(conn, encoding.toUint8Array(enc));
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(decoder);
          if (conn.canWrite) {
            Y.applyUpdate(this.doc, update, conn);
            this.boundPending();
          } else this.refuseWrite(conn);
        } else {
          throw new ProtocolError(`unknown sync step ${step}`);
        }
        return;
      }
      case MESSAGE.awareness:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn);
        return;
      case MESSAGE.queryAwareness:
        this.send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
      case MESSAGE.auth:
        return; // the stock client never sends it; tokens travel in the URL
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  /**
   * Content that depends on items the server has not seen waits in the doc's pending store
   * (normal for a moment while a client's sync step 2 is on its way). A connection that piles
   * up more than MAX_PENDING_BYTES of it is sending updates that will never apply: they are
   * dropped and the connection is closed, so they neither grow memory nor reach the stored plan.
   */
  private boundPending(): void {
    const store = this.doc.store;
    const size = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
    if (size <= MAX_PENDING_BYTES) return;
    store.pendingStructs = null;
    store.pendingDs = null;
    throw new ProtocolError('updates depend on content the server does not have');
  }

  /**
   * Drops a read-only connection's write and tells it once, with the y-protocols "permission
   * denied" auth message (the stock client logs it).
   */
  private refuseWrite(conn: Conn): void {
    if (this.toldReadOnly.has(conn)) return;
    this.toldReadOnly.add(conn);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE.auth);
    encoding.writeVarUint(enc, 0); // permission denied
    encoding.writeVarString(enc, 'This is an observer link: your changes are not saved.');
    this.send(conn, encoding.toUint8Array(enc));
  }

  /**
   * Only facilitators may agree (lock) or unlock the criteria. A change to the lock keys from
   * any other connection is put back at once by the server, in a transaction of its own that
   * is relayed in the same flush; a facilitator's change is recorded in the audit trail.
   */
  private guardCriteriaLock(): void {
    const meta = this.doc.getMap('meta');
    meta.observe((event, tr) => {
      const conn = tr.origin as Conn;
      if (!this.conns.has(conn)) return;
      for (const key of LOCK_KEYS) {
        if (!event.keysChanged.has(key)) continue;
        const old = event.changes.keys.get(key)?.oldValue as unknown;
        if (!conn.canFacilitate) {
          this.doc.transact(() => {
            if (old === undefined) meta.delete(key);
            else meta.set(key, old);
          }, ENFORCE_ORIGIN);
          continue;
        }
        if (conn.actor) {
          this.opts.audit?.record(this.id, 'criteria.agreement', conn.actor, { committee: key === 'criteriaAgreedByImc' ? 'imc' : 'ncc', agreed: meta.get(key) === true });
        }
      }
    });
  }

  /** Removes a connection and the presence it controlled. */
  disconnect(conn: Conn): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    if (controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.conns.size === 0) this.opts.onEmpty(this);
  }

  /** Closes every connection with a code (used on shutdown and revocation). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.conns.keys()]) {
      conn.close(code, reason);
      this.disconnect(conn);
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private schedulePresenceFlush(): void {
    if (this.flushScheduled || this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      if (!this.flushScheduled) this.flush();
    }, presenceWindow(this.conns.size));
    this.presenceTimer.unref();
  }

  /** Writes pending updates to the log, then relays updates and presence. */
  flush(): void {
    this.flushScheduled = false;
    if (this.presenceTimer) {
      clearTimeout(this.presenceTimer);
      this.presenceTimer = null;
    }
    if (this.closedFlag) return;
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) {
      try {
        this.files.append(pending.map((p) => p.update));
      } catch (err) {
        // Not durable: do not relay what we could not store. Clients resend on reconnect.
        this.opts.log.error('update log write failed', { plan: this.id, error: String(err) });
        this.closeAll(CLOSE.serverError, 'storage failure');
        return;
      }
      if (this.titleChanged) {
        this.titleChanged = false;
        this.title = readTitle(this.doc);
        this.opts.store.touch(this.id, this.title);
      } else {
        this.opts.store.touch(this.id);
      }
      this.relayUpdates(pending);
      this.scheduleCompaction();
    }
    if (this.changedClients.size > 0) {
      const msg = awarenessMessage(this.awareness, [...this.changedClients]);
      this.changedClients = new Set();
      for (const conn of this.conns.keys()) this.send(conn, msg);
    }
  }

  private relayUpdates(pending: Pending[]): void {
    const all = syncUpdateMessage(pending.length === 1 ? pending[0]!.update : Y.mergeUpdates(pending.map((p) => p.update)));
    const senders = new Set(pending.map((p) => p.origin));
    for (const conn of this.conns.keys()) {
      if (!senders.has(conn)) {
        this.send(conn, all);
        continue;
      }
      const others = pending.filter((p) => p.origin !== conn).map((p) => p.update);
      if (others.length > 0) this.send(conn, syncUpdateMessage(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
    }
  }

  private send(conn: Conn, msg: Uint8Array): void {
    if (conn.closed) return;
    if (conn.bufferedAmount > this.opts.maxBufferedBytes) {
      this.opts.log.warn('closing slow reader', { plan: this.id, buffered: conn.bufferedAmount });
      conn.close(CLOSE.tryAgainLater, 'send buffer full');
      this.disconnect(conn);
      return;
    }
    conn.send(msg);
  }

  private scheduleCompaction(): void {
    if (this.files.logBytes >= Math.max(this.opts.compactMinBytes, this.files.stateBytes)) {
      void this.compact();
      return;
    }
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    if (this.files.logBytes < this.files.stateBytes * IDLE_COMPACT_LOG_FRACTION) return;
    this.compactTimer = setTimeout(() => void this.compact(), this.opts.idleCompactMs);
    this.compactTimer.unref();
  }

  /** Folds the update log into the state file (no-op when the log is empty). */
  async compact(): Promise<void> {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    if (this.files.logCount === 0) return;
    try {
      await this.files.compact(Y.encodeStateAsUpdate(this.doc));
    } catch (err) {
      this.opts.log.error('compaction failed; the update log still holds the changes', { plan: this.id, error: String(err) });
    }
  }

  /** Flushes, compacts and releases everything; the room cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closedFlag) return;
    if (this.flushScheduled || this.presenceTimer || this.pending.length > 0) this.flush();
    this.closedFlag = true;
    await this.compact();
    await this.files.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.sync);
  encoding.writeVarUint(enc, SYNC_UPDATE);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.awareness);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(enc);
}
