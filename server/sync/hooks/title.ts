import type * as Y from 'yjs';
import { readTitle } from '../../../shared/schema/read.js';
import { metaMap } from '../../../shared/schema/roots.js';
import type { PlanStorage } from '../../store/storage.js';
import type { RoomHook } from '../room.js';

/**
 * Keeps the plan list's title in step with the live doc: set once on load, and after a relay
 * when the meta title changed (it is read again only then, not on every flush).
 */
export function titleTracking(storage: Pick<PlanStorage, 'setTitle'>): RoomHook {
  let changed = false;
  return {
    onLoad(room) {
      storage.setTitle(room.id, readTitle(room.doc));
      const meta = metaMap(room.doc);
      meta.observeDeep((events) => {
        if (events.some((e) => e.target !== meta || (e as Y.YMapEvent<unknown>).keysChanged.has('title'))) changed = true;
      });
    },
    afterRelay(room) {
      if (!changed) return;
      changed = false;
      storage.setTitle(room.id, readTitle(room.doc));
    },
  };
}
