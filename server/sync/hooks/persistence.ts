import type { Logger } from '../../log.js';
import type { PlanHandle, PlanStorage } from '../../store/storage.js';
import type { Room, RoomHook } from '../room.js';

/**
 * The quiet-time fold of the update log into the state writes the whole plan, so it only runs
 * once the log holds at least this fraction of the state's size: folding then costs at most a
 * constant number of written bytes per logged byte, however large the plan (the size trigger
 * and the fold on unload and shutdown are unchanged).
 */
export const IDLE_COMPACT_LOG_FRACTION = 1 / 8;

/** What the persistence hook needs. */
export interface PersistenceOptions {
  /** The plan's open storage handle (from `PlanStorage.load`). */
  files: PlanHandle;
  /** Where the plan's "changed at" is kept. */
  storage: PlanStorage;
  log: Logger;
  /** Quiet time after the last update before the log is compacted. */
  idleCompactMs: number;
  /** Smallest log size that triggers compaction at once. */
  compactMinBytes: number;
}

/**
 * Durability and the compaction policy of one room. Every batch of accepted updates is
 * appended to the plan's log before it is relayed (the room waits for `append` when it returns
 * a promise). After a relay the plan is marked changed and compaction is considered: at once
 * when the log reaches max(compactMinBytes, state size); after `idleCompactMs` of quiet once it
 * holds IDLE_COMPACT_LOG_FRACTION of the state. Closing the room compacts and closes the handle;
 * discarding it (a batch could not be stored) closes the handle without compacting, so the
 * unstored batch never reaches the state file.
 */
export function persistence(opts: PersistenceOptions): RoomHook {
  const { files } = opts;
  let timer: NodeJS.Timeout | null = null;
  let following = false;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const compact = async (room: Room): Promise<void> => {
    cancel();
    if (files.logCount === 0) return;
    try {
      await files.compact(room.encodeState());
    } catch (err) {
      opts.log.error('compaction failed; the update log still holds the changes', { plan: room.id, error: String(err) });
    }
  };
  const schedule = (room: Room): void => {
    if (files.logBytes >= Math.max(opts.compactMinBytes, files.stateBytes)) {
      void compact(room);
      return;
    }
    cancel();
    if (files.logBytes < files.stateBytes * IDLE_COMPACT_LOG_FRACTION) return;
    timer = setTimeout(() => void compact(room), opts.idleCompactMs);
    timer.unref();
  };
  return {
    // Several nodes on one database: rows other nodes commit reach the room as peer updates.
    // Once per room: a sleeping room that wakes runs onLoad again (SPEC SP1).
    onLoad(room) {
      if (following) return;
      following = true;
      files.follow?.((updates) => room.applyPeer(updates));
    },
    // Rows the batch's updates caused (audit, journal) ride with it where the store supports it.
    onBatch: files.seal ? () => files.seal!() : undefined,
    beforeRelay: (_room, updates) => files.append(updates),
    afterRelay(room) {
      opts.storage.touch(room.id);
      schedule(room);
    },
    onSave: compact,
    async onClose(room) {
      await compact(room);
      await files.close();
    },
    async onDiscard() {
      cancel();
      await files.close();
    },
  };
}
