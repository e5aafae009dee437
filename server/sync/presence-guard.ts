import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { acceptablePresenceJson, PRESENCE_LIMITS } from '../../shared/presence.js';
import { ProtocolError } from './frames.js';

/** Who may write which awareness client ids, as the room knows it. */
export interface PresenceOwners<C> {
  /** The connection that introduced a client id, or undefined for none (or the room itself). */
  ownerOf(clientId: number): C | undefined;
  /** True for ids nobody may write (the server's own awareness id). */
  reserved(clientId: number): boolean;
}

/**
 * Checks one connection's awareness update before it is applied (SPEC PR1, PR3). Every state
 * must be acceptable (PR1: size, shape; else a ProtocolError, and the room closes the
 * connection with 4400). Entries the connection may not write are dropped: ids introduced by
 * another connection or reserved, removals of ids it does not hold, and new ids past
 * `maxClientsPerConnection`. Returns the update to apply (the same bytes when nothing was
 * dropped), or null when nothing is left.
 */
export function guardPresence<C>(update: Uint8Array, conn: C, controlled: ReadonlySet<number>, owners: PresenceOwners<C>): Uint8Array | null {
  const dec = decoding.createDecoder(update);
  let entries: { client: number; clock: number; json: string }[];
  try {
    const n = decoding.readVarUint(dec);
    if (n > update.byteLength) throw new Error('count past the frame');
    entries = [];
    for (let i = 0; i < n; i++) {
      entries.push({ client: decoding.readVarUint(dec), clock: decoding.readVarUint(dec), json: decoding.readVarString(dec) });
    }
  } catch {
    throw new ProtocolError('malformed presence update');
  }
  let introduced = controlled.size;
  const kept = entries.filter((e) => {
    if (!acceptablePresenceJson(e.json)) throw new ProtocolError('presence state too large or badly shaped');
    if (owners.reserved(e.client)) return false;
    const owner = owners.ownerOf(e.client);
    if (owner !== undefined) return owner === conn;
    if (e.json === 'null' || introduced >= PRESENCE_LIMITS.maxClientsPerConnection) return false;
    introduced++;
    return true;
  });
  if (kept.length === entries.length) return update;
  if (kept.length === 0) return null;
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, kept.length);
  for (const e of kept) {
    encoding.writeVarUint(enc, e.client);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarString(enc, e.json);
  }
  return encoding.toUint8Array(enc);
}
