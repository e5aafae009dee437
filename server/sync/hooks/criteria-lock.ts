import { LOCK_FLAGS } from '../../../shared/rules/update-gate.js';
import { metaMap } from '../../../shared/schema/roots.js';
import type { AuditLog } from '../../access/audit.js';
import { ENFORCE_ORIGIN, type Conn, type Room, type RoomHook } from '../room.js';

/** Meta keys that lock the criteria once both committees agree (G3: facilitators only). */
export const LOCK_KEYS = LOCK_FLAGS;
type LockKey = (typeof LOCK_KEYS)[number];

/**
 * Calls `fn` for each lock key changed in a meta transaction, with the connection that made it
 * (null for the server's own writes and stored content).
 */
function onLockChange(room: Room, fn: (conn: Conn | null, key: LockKey, origin: unknown) => void): void {
  const meta = metaMap(room.doc);
  meta.observe((event, tr) => {
    for (const key of LOCK_KEYS) if (event.keysChanged.has(key)) fn(room.connection(tr.origin), key, tr.origin);
  });
}

/**
 * Only facilitators may agree (lock) or unlock the criteria. A change to the lock keys from any
 * other connection is put back at once by the server, in a transaction of its own
 * (ENFORCE_ORIGIN) that is stored and relayed in the same flush as the change.
 *
 * "Put back" means: the value the key had before that transaction, which the hook remembers
 * (it is updated after every change it lets stand). The event's own `oldValue` cannot be
 * trusted: an item crafted to sort before the current value changes nothing visible, yet the
 * event reports the key as changed with no old value, and deleting the key then would unlock the
 * criteria. So the guard never deletes a flag that had a value: it sets the remembered value
 * again (only a key that had no value at all goes back to having none).
 * The update gate (hooks/update-gate.ts) refuses such writes before they are applied; this
 * hook is the second line.
 */
export function criteriaLock(): RoomHook {
  return {
    onLoad(room) {
      const meta = metaMap(room.doc);
      const last = new Map<string, unknown>(LOCK_KEYS.map((k) => [k, meta.get(k)]));
      onLockChange(room, (conn, key, origin) => {
        const before = last.get(key);
        if (!conn || conn.canFacilitate || origin === ENFORCE_ORIGIN) {
          last.set(key, meta.get(key));
          return;
        }
        if (meta.get(key) === before) return;
        room.doc.transact(() => {
          if (before === undefined) meta.delete(key); // it had no value: back to none, still unlocked
          else meta.set(key, before);
        }, ENFORCE_ORIGIN);
      });
    },
  };
}

/** Records a facilitator's agreement (or withdrawal) on the criteria in the audit trail. */
export function criteriaAudit(audit: Pick<AuditLog, 'record'>): RoomHook {
  return {
    onLoad(room) {
      const meta = metaMap(room.doc);
      onLockChange(room, (conn, key) => {
        if (!conn?.canFacilitate || !conn.actor) return;
        audit.record(room.id, 'criteria.agreement', conn.actor, { committee: key === 'criteriaAgreedByImc' ? 'imc' : 'ncc', agreed: meta.get(key) === true });
      });
    },
  };
}
