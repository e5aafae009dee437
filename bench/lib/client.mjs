// A raw y-protocols client for the load generator. Speaks two dialects:
//  - 'yws':   the stock y-websocket framing (Roundtable, y-websocket's bundled server)
//  - 'hocus': Hocuspocus framing (every frame starts with the document name; an auth frame
//             opens the document; the server acknowledges each update with SyncStatus)
// 'doc' clients keep a real Y.Doc and reply to the server's sync step 1 like the stock provider;
// 'light' clients (observers) keep no document: they only read which edits an update covers
// (Y.parseUpdateMeta) so one process can drive hundreds of them.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const SYNC_REPLY = 4;
const SYNC_STATUS = 8;
/** Roundtable's acknowledgement (`?ack=1`): varUint count of this connection's stored update messages. */
const RT_ACK = 7;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

export class BenchClient {
  /**
   * @param {{ url: string, doc: string, dialect: 'yws'|'hocus', light?: boolean,
   *   onUpdate?: (update: Uint8Array, t: number, first: boolean, client: BenchClient) => void,
   *   onAwareness?: (states: number, client: BenchClient) => void,
   *   onAck?: (t: number, ok: boolean) => void }} opts
   * `onAck` is called once per acknowledged update message: Hocuspocus' SyncStatus, or
   * Roundtable's cumulative ack (a URL with `ack=1`), spread over the messages it covers.
   */
  constructor(opts) {
    this.opts = opts;
    this.light = opts.light ?? false;
    this.doc = this.light ? null : new Y.Doc();
    this.synced = false;
    this.firstSyncAt = NaN;
    this.firstSyncBytes = -1;
    this.closed = false;
    this.closeCode = 0;
    this.sent = 0;
    /** Update messages Roundtable has acknowledged so far. */
    this.acked = 0;
    this.ws = null;
    if (this.doc) {
      this.doc.on('update', (update, origin) => {
        if (origin !== this) this.sendUpdate(update);
      });
    }
  }

  /** Connects and resolves once the socket is open (frames to sync are already sent). */
  connect(timeoutMs = 20_000) {
    const ws = new WebSocket(this.opts.url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    this.startedAt = performance.now();
    ws.on('message', (data) => this.onMessage(data));
    ws.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
    });
    ws.on('error', () => {});
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connect timeout ${this.opts.url}`)), timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        if (this.opts.dialect === 'hocus') {
          this.sendRaw(AUTH, (enc) => {
            encoding.writeVarUint(enc, 0); // AuthMessageType.Token
            encoding.writeVarString(enc, '');
          });
        }
        this.sendRaw(SYNC, (enc) => {
          encoding.writeVarUint(enc, STEP1);
          encoding.writeVarUint8Array(enc, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]));
        });
        resolve(this);
      });
      ws.once('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`closed ${code} before open`));
      });
    });
  }

  /** Resolves once the first sync step 2 arrived. */
  async whenSynced(timeoutMs = 30_000) {
    const end = performance.now() + timeoutMs;
    while (!this.synced) {
      if (this.closed) throw new Error(`closed ${this.closeCode} before sync`);
      if (performance.now() > end) throw new Error('sync timeout');
      await new Promise((r) => setTimeout(r, 2));
    }
    return this;
  }

  sendRaw(type, write) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const enc = encoding.createEncoder();
    if (this.opts.dialect === 'hocus') encoding.writeVarString(enc, this.opts.doc);
    encoding.writeVarUint(enc, type);
    write(enc);
    this.ws.send(encoding.toUint8Array(enc));
  }

  sendUpdate(update) {
    this.sent++;
    this.sendRaw(SYNC, (enc) => {
      encoding.writeVarUint(enc, UPDATE);
      encoding.writeVarUint8Array(enc, update);
    });
  }

  /** Sends one presence state for `clientID` (as the stock Awareness would encode it). */
  sendAwareness(clientID, clock, state) {
    this.sendRaw(AWARENESS, (enc) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, clientID);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
      encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    });
  }

  onMessage(data) {
    const t = performance.now();
    const dec = decoding.createDecoder(data);
    if (this.opts.dialect === 'hocus') decoding.readVarString(dec);
    const type = decoding.readVarUint(dec);
    if (type === SYNC || type === SYNC_REPLY) {
      const step = decoding.readVarUint(dec);
      const payload = decoding.readVarUint8Array(dec);
      if (step === STEP1) {
        if (this.doc) {
          this.sendRaw(type, (enc) => {
            encoding.writeVarUint(enc, STEP2);
            encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(this.doc, payload));
          });
        }
        return;
      }
      const first = step === STEP2 && !this.synced;
      if (first) {
        this.firstSyncAt = t;
        this.firstSyncBytes = payload.byteLength;
      }
      if (this.doc) Y.applyUpdate(this.doc, payload, this);
      if (first) this.synced = true;
      this.opts.onUpdate?.(payload, t, first, this);
    } else if (type === AWARENESS) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(dec));
      this.opts.onAwareness?.(decoding.readVarUint(inner), this);
    } else if (type === SYNC_STATUS && this.opts.dialect === 'hocus') {
      this.opts.onAck?.(t, decoding.readVarUint(dec) === 1);
    } else if (type === RT_ACK && this.opts.dialect === 'yws') {
      const count = decoding.readVarUint(dec);
      for (; this.acked < count; this.acked++) this.opts.onAck?.(t, true);
    }
  }

  close() {
    if (this.ws && !this.closed) this.ws.terminate();
    this.closed = true;
    this.doc?.destroy();
  }
}

/** The highest clock of `clientID` an update covers (exclusive end), or -1 when it has none. */
export function clockEnd(update, clientID) {
  const to = Y.parseUpdateMeta(update).to.get(clientID);
  return to === undefined ? -1 : to;
}

/** Opens `n` clients `batch` at a time and waits until all are synced. */
export async function connectMany(n, make, batch = 50) {
  const clients = [];
  for (let i = 0; i < n; i += batch) {
    const group = [];
    for (let j = i; j < Math.min(n, i + batch); j++) group.push(make(j));
    await Promise.all(group.map((c) => c.connect()));
    await Promise.all(group.map((c) => c.whenSynced()));
    clients.push(...group);
  }
  return clients;
}
