import type { Writable } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { CLOSE } from '../../shared/protocol.js';
import type { Actor } from '../access/audit.js';
import { isFreshSyncStep1, syncStep2Frame } from './frames.js';
import type { Conn, Room } from './room.js';

/**
 * What the sync endpoint did with the frames it received, for tests and `npm run fuzz`.
 * Plain integer increments on the relay path (no allocation, no await).
 */
export interface FrameStats {
  /** Websocket messages that arrived on an open connection (binary or text). */
  received: number;
  /** Frames handed to a room's decoder (`Room.receive`) on an open connection. */
  parsed: number;
  /** Frames that made the server close their connection (rate limit, text, malformed, refused). */
  refused: number;
}

/** A fresh set of zero counters. */
export function frameStats(): FrameStats {
  return { received: 0, parsed: 0, refused: 0 };
}

/**
 * Payloads up to this size are framed once per message and written to each socket whole
 * (see {@link WsConn.send}); larger ones go through `ws` as they are, with no extra copy.
 */
export const FRAME_ONCE_MAX_BYTES = 64 * 1024;

/** The parts of a `ws` 8 WebSocket the fast send path reads: its socket and its sender's state (0: idle). */
interface WsInternals {
  _socket?: Writable | null;
  _sender?: { _state?: number } | null;
}

/**
 * One complete unmasked websocket frame (RFC 6455 section 5.2: FIN, binary opcode, payload
 * length in 7, 7+16 or 7+64 bits) holding `payload`: what `ws` writes for a server's
 * `send(payload)`, as one buffer.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x82;
  if (n < 126) out[1] = n;
  else if (n < 65_536) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    out.writeUInt32BE(n >>> 0, 6);
  }
  out.set(payload, head);
  return out;
}

/** The last payload framed for the fast path and its frame: a room sends one message to many connections in a row. */
let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

/** Frames held per connection while its plan loads. */
const MAX_HELD_FRAMES = 1_000;
/** A connection may send up to this many seconds' worth of frames at once. */
const BURST = 10;
/** How long a probed connection has to answer a ping before it is dropped (SPEC PR4). */
export const PROBE_MS = 2_000;

/**
 * One websocket connection as a room sees it, plus what the websocket route needs: the frame
 * rate limit (a token bucket), the ping liveness flag, and the frames that arrive before its
 * plan is loaded (held, bounded by count and bytes, and handed to the room in order on join).
 */
export class WsConn implements Conn {
  closed = false;
  alive = true;
  canWrite = false;
  canFacilitate = false;
  actor: Actor | null = null;
  /** The participant id given in the URL (`?participant=`): the only score cells it may write. */
  participantId: string | null = null;
  /** True when the client asked for acknowledged saves (`?ack=1`). */
  wantsAck = false;
  /** The room once joined; null while the plan loads. */
  room: Room | null = null;
  /** Token bucket for the frame rate limit. */
  private tokens: number;
  private refilledAt = Date.now();
  private held: Uint8Array[] | null = [];
  private heldBytes = 0;
  private probing = false;

  constructor(
    readonly ws: WebSocket,
    private readonly rate: number,
    /** Bytes that may be held while the plan loads. */
    private readonly maxHeldBytes: number,
    /** Where frames are counted (shared by every connection of a server). */
    private readonly stats: FrameStats = frameStats(),
  ) {
    this.tokens = rate * BURST;
  }

  /**
   * Checks the connection is still there (SPEC PR4: its link reconnected on another socket):
   * pings it and terminates it when no pong (which sets `alive`) arrives within PROBE_MS.
   */
  probe(): void {
    if (this.probing || this.closed) return;
    this.probing = true;
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      // A socket that cannot even be pinged is gone: the timer below terminates it.
    }
    setTimeout(() => {
      this.probing = false;
      if (!this.alive && !this.closed) this.ws.terminate();
    }, PROBE_MS).unref();
  }

  /** Takes one frame from the bucket; false when the connection is over its rate. */
  private take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.rate * BURST, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Queues a message on the socket. A room sends each message to many connections in a row, so
   * a small one is framed once (header and payload in one buffer, kept until a different
   * message is sent) and written straight to each socket: one write of one buffer, where
   * `ws.send` builds a header per socket and writes header and payload as two chunks. The
   * bytes on the wire are the same. Only while the socket is open and `ws`'s sender is idle
   * (nothing queued behind a compression or blob read; the server never compresses); else,
   * and for large messages, `ws.send` as usual.
   */
  send(data: Uint8Array): void {
    const raw = this.ws as unknown as WsInternals;
    if (data.byteLength <= FRAME_ONCE_MAX_BYTES && this.ws.readyState === this.ws.OPEN && raw._sender?._state === 0 && raw._socket) {
      if (data !== lastPayload) {
        lastFrame = binaryFrame(data);
        lastPayload = data;
      }
      raw._socket.write(lastFrame);
      return;
    }
    this.ws.send(data);
  }

  /** The socket's send backlog in bytes. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Closes the socket with a code (once). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  /**
   * One websocket message: over the rate limit closes with 1013, a text frame with 4400; a
   * binary frame goes to the room, or is held while the plan loads (too many held: 1013).
   */
  onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.stats.received++;
    if (!this.take()) {
      this.stats.refused++;
      this.close(CLOSE.tryAgainLater, 'too many frames');
      this.room?.disconnect(this);
      return;
    }
    if (!isBinary) {
      this.stats.refused++;
      this.close(CLOSE.badMessage, 'text frames are not part of the protocol');
      this.room?.disconnect(this);
      return;
    }
    const bytes = toBytes(data);
    if (this.room) {
      this.deliver(this.room, bytes);
      return;
    }
    this.held!.push(bytes);
    this.heldBytes += bytes.byteLength;
    if (this.held!.length > MAX_HELD_FRAMES || this.heldBytes > this.maxHeldBytes) {
      this.stats.refused++;
      this.close(CLOSE.tryAgainLater, 'too many frames while the plan loads');
    }
  }

  /**
   * A fresh client (empty state vector) asks for everything with its first frame. While the
   * plan loads, answer that from the stored bytes, which are the whole plan; the client's
   * other frames wait for the loaded room as usual. Resolves once the answer is written.
   */
  answerEarly(state: Uint8Array): Promise<void> | void {
    if (this.closed || this.room || !this.held) return;
    const i = this.held.findIndex(isFreshSyncStep1);
    if (i < 0) return;
    this.held.splice(i, 1);
    return new Promise<void>((resolve) => this.ws.send(syncStep2Frame(state), () => resolve()));
  }

  /** Joins the loaded room: the sync handshake, then the held frames in order. */
  join(room: Room): void {
    this.room = room;
    room.connect(this);
    const frames = this.held!;
    this.held = null;
    for (const f of frames) this.deliver(room, f);
  }

  /** Hands one frame to the room's decoder, counting it as parsed, and as refused when it closed us. */
  private deliver(room: Room, bytes: Uint8Array): void {
    if (this.closed) return;
    this.stats.parsed++;
    room.receive(this, bytes);
    if (this.closed) this.stats.refused++;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
