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
  /**
   * `conn` wrote `clientId`, which `owner` holds (the entry is dropped). The room may take it as
   * a reconnect whose old socket it has not seen close, and check that socket is still there
   * (SPEC PR4): a live owner keeps the id; a dead one is dropped and the id passes to `conn`.
   */
  contest(owner: C, conn: C, entry: { client: number; clock: number; json: string }): void;
  /** The awareness clock the room holds for an id (also after its removal), or undefined. */
  clockOf(clientId: number): number | undefined;
}

/** What {@link guardPresence} lets through, and which ids' clients must raise their clocks. */
export interface GuardedPresence {
  /** The update to apply (the same bytes when nothing was dropped), or null when nothing is left. */
  update: Uint8Array | null;
  /**
   * Ids the connection (re)introduced with a clock the room already holds (a stock client
   * re-announces its unchanged state on reconnect): applying would be ignored by everyone. The
   * room answers the sender alone with a removal of each at the room's clock, which a stock
   * client answers by re-sending its state with a higher clock (y-protocols keeps its own state).
   */
  stale: { client: number; clock: number }[];
}

/**
 * Checks one connection's awareness update before it is applied (SPEC PR1, PR3, PR4). Every
 * state must be acceptable (PR1: size, shape; else a ProtocolError, and the room closes the
 * connection with 4400). Entries the connection may not write are dropped: ids introduced by
 * another connection (reported through `contest`, PR4) or reserved, removals of ids it does not
 * hold, and new ids past `maxClientsPerConnection`. Entries that introduce an id again with a
 * clock the room already holds go to `stale`.
 */
export function guardPresence<C>(update: Uint8Array, conn: C, controlled: ReadonlySet<number>, owners: PresenceOwners<C>): GuardedPresence {
  const entries = decodeEntries(update);
  let introduced = controlled.size;
  const stale: GuardedPresence['stale'] = [];
  const kept = entries.filter((e) => {
    if (!acceptablePresenceJson(e.json)) throw new ProtocolError('presence state too large or badly shaped');
    if (owners.reserved(e.client)) return false;
    const owner = owners.ownerOf(e.client);
    if (owner === conn) return true;
    if (owner !== undefined) {
      if (e.json !== 'null') owners.contest(owner, conn, e);
      return false;
    }
    if (e.json === 'null' || introduced >= PRESENCE_LIMITS.maxClientsPerConnection) return false;
    const known = owners.clockOf(e.client);
    if (known !== undefined && e.clock <= known) {
      stale.push({ client: e.client, clock: known });
      return false;
    }
    introduced++;
    return true;
  });
  if (kept.length === entries.length) return { update, stale };
  if (kept.length === 0) return { update: null, stale };
  return { update: encodeEntries(kept), stale };
}

/** The entries of an awareness update; a ProtocolError when it is malformed. */
export function decodeEntries(update: Uint8Array): { client: number; clock: number; json: string }[] {
  const dec = decoding.createDecoder(update);
  try {
    const n = decoding.readVarUint(dec);
    if (n > update.byteLength) throw new Error('count past the frame');
    const entries: { client: number; clock: number; json: string }[] = [];
    for (let i = 0; i < n; i++) {
      entries.push({ client: decoding.readVarUint(dec), clock: decoding.readVarUint(dec), json: decoding.readVarString(dec) });
    }
    return entries;
  } catch {
    throw new ProtocolError('malformed presence update');
  }
}

/** An awareness update of the given entries (JSON states). */
export function encodeEntries(entries: readonly { client: number; clock: number; json: string }[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.client);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarString(enc, e.json);
  }
  return encoding.toUint8Array(enc);
}
