import type * as Y from 'yjs';
import { captureMapWrites, placeOfWrite, type CapturedWrite } from '../../../shared/domain/conflicts.js';
import { boundedValue, type ChangeJournal, type HistoryEntry } from '../../access/history.js';
import type { Actor } from '../../access/audit.js';
import type { Conn, Room, RoomHook } from '../room.js';
import { actorOf } from './archive-audit.js';

/** The writes one connection's transaction made, as captured at its end. */
interface Captured {
  conn: Conn & { actor: Actor };
  /** Server time of the transaction (ms since the epoch). */
  at: number;
  writes: CapturedWrite[];
}

/**
 * The change journal (SPEC FH1-FH4, PF4): each plain value a connection's update wrote into a
 * field or cell of an existing entity (matrix cells, scores, agreed scores, indicators,
 * reports...) becomes one entry with the server's clock, the connection's actor (its
 * participant's pseudonym, role and participant id), the value before and after, the writer's
 * Yjs client id and whether the value was kept or lost a concurrent merge.
 *
 * Off the relay path (PF4): at the end of each transaction only the values are taken (they may
 * be discarded by Yjs afterwards; O(items the update added), from the struct store). Places,
 * names, times and the entries themselves are worked out after the batch holding them has been
 * stored, acknowledged and relayed (`afterRelay`, then one `setImmediate` for all of the room's
 * captured writes), and the journal writes them after that turn. A batch storage refused is
 * never journalled (the room is discarded with what it captured).
 *
 * `withBatch` (PostgreSQL, CL7): the recorder attaches entries to the batch being applied, so
 * they must be made before that batch is sealed; the entries are then worked out at the end of
 * each transaction (the old cost, small beside the batch's commit) and stored by its statement.
 */
export function fieldHistory(history: Pick<ChangeJournal, 'record'>, withBatch = false): RoomHook {
  let captured: Captured[] = [];
  let scheduled = false;
  let room: Room | null = null;

  const drain = (): void => {
    scheduled = false;
    if (!room || captured.length === 0) return;
    const batch = captured;
    captured = [];
    const entries: HistoryEntry[] = [];
    // A burst holds many captures of few connections within the same milliseconds: name each
    // connection and format each time once per drain.
    const names = new Map<Conn, HistoryEntry['by']>();
    let lastAt = NaN;
    let when = '';
    for (const { conn, at, writes } of batch) {
      let by = names.get(conn);
      if (!by) {
        const actor = actorOf(room.doc, conn);
        names.set(conn, (by = { name: actor.name, role: actor.role, participantId: conn.participantId ?? null }));
      }
      if (at !== lastAt) {
        lastAt = at;
        when = new Date(at).toISOString();
      }
      for (const w of writes) {
        const placed = placeOfWrite(w);
        if (!placed?.entity) continue;
        entries.push({ at: when, entity: placed.entity, id: placed.id, field: placed.field, from: boundedValue(placed.from), to: boundedValue(placed.to), kept: placed.kept, client: placed.client, by });
      }
    }
    history.record(room.id, entries);
  };

  return {
    onLoad(r) {
      room = r;
      r.doc.on('afterTransaction', (tr: Y.Transaction) => {
        const conn = r.connection(tr.origin);
        if (!conn?.actor) return;
        const writes = captureMapWrites(tr);
        if (writes.length === 0) return;
        captured.push({ conn: conn as Conn & { actor: Actor }, at: Date.now(), writes });
        if (withBatch) drain();
      });
    },
    afterRelay() {
      if (captured.length === 0 || scheduled) return;
      scheduled = true;
      setImmediate(drain);
    },
    // Closing flushed and relayed everything first: journal what is left before the doc goes.
    onClose: drain,
    onDiscard() {
      captured = [];
    },
  };
}
