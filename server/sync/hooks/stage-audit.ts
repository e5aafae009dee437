import type { Actor, AuditLog } from '../../access/audit.js';
import { metaMap } from '../../../shared/schema/roots.js';
import type { Conn, RoomHook } from '../room.js';
import { actorOf } from './archive-audit.js';

/** Audit actions of the planning cycle (ST2). */
export const STAGE_ACTIONS = { moved: 'stage.moved', movers: 'stage.movers' } as const;

/**
 * Records who moved the plan to another stage, from which stage to which (`stage.moved`), and
 * who changed who may move it (`stage.movers`), in the audit trail (ST2). The update gate has
 * already refused such changes from anyone not allowed; this hook only writes what stood. It
 * remembers the last stage so `from` cannot be forged by a crafted event; O(1) per meta change.
 */
export function stageAudit(audit: Pick<AuditLog, 'record'>): RoomHook {
  return {
    onLoad(room) {
      const meta = metaMap(room.doc);
      let stage = meta.get('stage');
      let movers = meta.get('stageMovers');
      meta.observe((event, tr) => {
        const conn = room.connection(tr.origin);
        const actor = conn?.actor ? actorOf(room.doc, conn as Conn & { actor: Actor }) : null;
        if (event.keysChanged.has('stage')) {
          const now = meta.get('stage');
          if (actor && now !== stage) audit.record(room.id, STAGE_ACTIONS.moved, actor, { from: typeof stage === 'string' ? stage : 'preparatory', to: typeof now === 'string' ? now : null });
          stage = now;
        }
        if (event.keysChanged.has('stageMovers')) {
          const now = meta.get('stageMovers');
          if (actor && now !== movers) audit.record(room.id, STAGE_ACTIONS.movers, actor, { movers: typeof now === 'string' ? now : 'facilitators' });
          movers = now;
        }
      });
    },
  };
}
