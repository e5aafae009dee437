import type * as Y from 'yjs';
import { metaMap } from '../../../shared/schema/roots.js';
import type { AuditLog } from '../../access/audit.js';
import { ENFORCE_ORIGIN, type Conn, type Room, type RoomHook } from '../room.js';

/** Meta keys that lock the criteria once both committees agree; facilitators only. */
export const LOCK_KEYS = ['criteriaAgreedByImc', 'criteriaAgreedByNcc'] as const;

/** Calls `fn` for each lock key a connection of `room` changed in a meta transaction. */
function onLockChange(room: Room, fn: (conn: Conn, key: (typeof LOCK_KEYS)[number], old: unknown, meta: Y.Map<unknown>) => void): void {
  const meta = metaMap(room.doc);
  meta.observe((event, tr) => {
    const conn = room.connection(tr.origin);
    if (!conn) return;
    for (const key of LOCK_KEYS) {
      if (event.keysChanged.has(key)) fn(conn, key, event.changes.keys.get(key)?.oldValue as unknown, meta);
    }
  });
}

/**
 * Only facilitators may agree (lock) or unlock the criteria. A change to the lock keys from any
 * other connection is put back at once by the server, in a transaction of its own
 * (ENFORCE_ORIGIN) that is stored and relayed in the same flush as the change.
 */
export function criteriaLock(): RoomHook {
  return {
    onLoad(room) {
      onLockChange(room, (conn, key, old, meta) => {
        if (conn.canFacilitate) return;
        room.doc.transact(() => {
          if (old === undefined) meta.delete(key);
          else meta.set(key, old);
        }, ENFORCE_ORIGIN);
      });
    },
  };
}

/** Records a facilitator's agreement (or withdrawal) on the criteria in the audit trail. */
export function criteriaAudit(audit: Pick<AuditLog, 'record'>): RoomHook {
  return {
    onLoad(room) {
      onLockChange(room, (conn, key, _old, meta) => {
        if (!conn.canFacilitate || !conn.actor) return;
        audit.record(room.id, 'criteria.agreement', conn.actor, { committee: key === 'criteriaAgreedByImc' ? 'imc' : 'ncc', agreed: meta.get(key) === true });
      });
    },
  };
}
