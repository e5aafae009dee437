import type * as Y from 'yjs';
import { mapWritesOf } from '../../../shared/domain/conflicts.js';
import { boundedValue, type ChangeJournal, type HistoryEntry } from '../../access/history.js';
import type { Actor } from '../../access/audit.js';
import type { Conn, RoomHook } from '../room.js';
import { actorOf } from './archive-audit.js';

/**
 * The change journal (SPEC FH1-FH4): after every transaction a connection's update made, each
 * plain value it wrote into a field or cell of an existing entity (matrix cells, scores, agreed
 * scores, indicators, reports...) becomes one entry with the server's clock, the connection's
 * actor (its participant's pseudonym, role and participant id), the value before and after, the
 * writer's Yjs client id and whether the value was kept or lost a concurrent merge. Cost per
 * update: O(items the update added), read from the doc's struct store (no decoding, no walk of
 * the doc); the entries are written after the turn, off the relay path.
 */
export function fieldHistory(history: Pick<ChangeJournal, 'record'>): RoomHook {
  return {
    onLoad(room) {
      room.doc.on('afterTransaction', (tr: Y.Transaction) => {
        const conn = room.connection(tr.origin);
        if (!conn?.actor) return;
        const writes = mapWritesOf(tr);
        if (writes.length === 0) return;
        const actor = actorOf(room.doc, conn as Conn & { actor: Actor });
        const at = new Date().toISOString();
        const by = { name: actor.name, role: actor.role, participantId: conn.participantId ?? null };
        const entries: HistoryEntry[] = [];
        for (const w of writes) {
          if (!w.entity) continue;
          entries.push({ at, entity: w.entity, id: w.id, field: w.field, from: boundedValue(w.from), to: boundedValue(w.to), kept: w.kept, client: w.client, by });
        }
        history.record(room.id, entries);
      });
    },
  };
}
