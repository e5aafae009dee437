import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MESSAGE } from '../../shared/protocol.js';

/**
 * The one module that encodes and decodes y-websocket frames (the stock framing, so the
 * unmodified `WebsocketProvider` speaks it): `varuint message type` then the payload.
 * sync: `varuint step | varbytes (state vector or update)`; awareness: `varbytes update`;
 * auth: `varuint 0 (permission denied) | varstring reason`; query-awareness: nothing;
 * ack (server to client, `?ack=1` connections only): `varuint count`.
 */

/** Sync sub-messages (y-protocols/sync). */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** The y-protocols auth sub-message for a refused write. */
const AUTH_PERMISSION_DENIED = 0;

/** A frame that cannot be decoded; the receiver closes the connection with CLOSE.badMessage. */
export class ProtocolError extends Error {}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.sync);
  encoding.writeVarUint(enc, step);
  encoding.writeVarUint8Array(enc, payload);
  return encoding.toUint8Array(enc);
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(SYNC.step1, stateVector);
}

/** Sync step 2: the answer to a step 1, an update holding what the asker lacks. */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return syncFrame(SYNC.step2, update);
}

/** A live document update. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(SYNC.update, update);
}

/** An already encoded awareness update (y-protocols `encodeAwarenessUpdate`). */
export function awarenessUpdateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.awareness);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

/** The current presence of `clients` (removed clients are sent as removed). */
export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return awarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** The y-protocols "permission denied" auth message; the stock client logs `reason`. */
export function permissionDeniedFrame(reason: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.auth);
  encoding.writeVarUint(enc, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(enc, reason);
  return encoding.toUint8Array(enc);
}

/**
 * Roundtable's acknowledgement: `varuint MESSAGE.ack | varuint count`, the number of this
 * connection's update messages now durably stored (sent only to `?ack=1` connections).
 */
export function ackFrame(count: number): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE.ack);
  encoding.writeVarUint(enc, count);
  return encoding.toUint8Array(enc);
}

/** The count an acknowledgement frame carries, or null when it is not one. Throws when truncated. */
export function readAckFrame(data: Uint8Array): number | null {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE.ack) return null;
  return decoding.readVarUint(decoder);
}

/**
 * What a decoded frame calls. One handler object serves every frame of a room, so decoding
 * allocates nothing per frame beyond the decoder and the payload views.
 */
export interface FrameHandler<C> {
  /** Sync step 1 with the sender's state vector. */
  syncStep1(conn: C, stateVector: Uint8Array): void;
  /** Sync step 2 or a live update: both carry a document update to apply. */
  syncUpdate(conn: C, update: Uint8Array): void;
  /** An awareness (presence) update. */
  awareness(conn: C, update: Uint8Array): void;
  /** A request for everyone's current presence. */
  queryAwareness(conn: C): void;
}

/**
 * Decodes one frame and calls the matching handler method. Throws (ProtocolError for an
 * unknown type or sync step; lib0's error for a truncated frame) before calling anything when
 * the frame is malformed. Auth frames are accepted and ignored: the stock client never sends
 * them (tokens travel in the URL).
 */
export function dispatchFrame<C>(data: Uint8Array, conn: C, handler: FrameHandler<C>): void {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE.sync: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC.step1) handler.syncStep1(conn, decoding.readVarUint8Array(decoder));
      else if (step === SYNC.step2 || step === SYNC.update) handler.syncUpdate(conn, decoding.readVarUint8Array(decoder));
      else throw new ProtocolError(`unknown sync step ${step}`);
      return;
    }
    case MESSAGE.awareness:
      handler.awareness(conn, decoding.readVarUint8Array(decoder));
      return;
    case MESSAGE.queryAwareness:
      handler.queryAwareness(conn);
      return;
    case MESSAGE.auth:
      return;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

/** A decoded sync frame, for tests and tools that read what the server sent. */
export interface SyncFrame {
  step: (typeof SYNC)[keyof typeof SYNC];
  payload: Uint8Array;
}

/** The sync step and payload of a frame, or null when it is not a sync frame. Throws when truncated. */
export function readSyncFrame(data: Uint8Array): SyncFrame | null {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE.sync) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC.step1 && step !== SYNC.step2 && step !== SYNC.update) throw new ProtocolError(`unknown sync step ${step}`);
  return { step, payload: decoding.readVarUint8Array(decoder) };
}

/** The awareness update a frame carries, or null when it is not an awareness frame. */
export function readAwarenessFrame(data: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE.awareness) return null;
  return decoding.readVarUint8Array(decoder);
}

/** `sync, step 1, state vector of an empty doc`: what a client with no content sends first. */
export function isFreshSyncStep1(frame: Uint8Array): boolean {
  return frame.length === 4 && frame[0] === MESSAGE.sync && frame[1] === SYNC.step1 && frame[2] === 1 && frame[3] === 0;
}
