import * as Y from 'yjs';
import { ENTITIES, type EntityDef } from '../../../shared/schema/registry.js';
import type { Actor, AuditLog } from '../../access/audit.js';
import type { Conn, RoomHook } from '../room.js';

/** Audit actions for the archive bin (`GET /api/plans/:id/archive` reads them back). */
export const ARCHIVE_ACTIONS = { archived: 'item.archived', restored: 'item.restored' } as const;

let byRootOnce: Map<string, EntityDef[]> | null = null;

/**
 * Archivable entities by Yjs root (matrix nodes share `nodes` and are told apart by `kind`).
 * Worked out once for the process: the registry does not change, and a table per room cost
 * 1.8 KB per open plan (issue 18, M3).
 */
function archivableByRoot(): Map<string, EntityDef[]> {
  if (byRootOnce) return byRootOnce;
  const out = new Map<string, EntityDef[]>();
  for (const def of Object.values(ENTITIES)) {
    if (!def.archivable || def.storage !== 'entity') continue;
    out.set(def.root, [...(out.get(def.root) ?? []), def]);
  }
  return (byRootOnce = out);
}

/** The first line of an entity's title (or name), shortened for the trail. */
function titleOf(map: Y.Map<unknown>): string {
  const t = map.get('title') ?? map.get('name');
  const s = t instanceof Y.Text ? t.toString() : typeof t === 'string' ? t : '';
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/**
 * Who to name for a connection: the name of its participant in the plan (the pseudonym the
 * person gave, kept current when they edit their profile), else the name it connected with.
 */
export function actorOf(doc: Y.Doc, conn: Conn & { actor: Actor }): Actor {
  const p = conn.participantId ? doc.getMap(ENTITIES.participant.root).get(conn.participantId) : undefined;
  const name = p instanceof Y.Map ? p.get('name') : undefined;
  return typeof name === 'string' && name.trim() ? { ...conn.actor, name: name.trim().slice(0, 80) } : conn.actor;
}

/**
 * Records who archived or restored a plan item, and when, in the audit trail: a connection's
 * change of an entity's `archived` flag becomes `item.archived` / `item.restored` with the
 * connection's actor (role, link, and the pseudonym of its participant or else the name it
 * joined with) and the server's clock, so
 * neither can be forged by a client. The plan's stored format does not change. One
 * `afterTransaction` listener reads the transaction's changed maps (no observer per root, so a
 * room does not build the roots a plan never uses: SPEC PF5): O(changed types) per
 * transaction, and only flag flips write to the trail.
 */
export function archiveAudit(audit: Pick<AuditLog, 'record'>): RoomHook {
  const byRoot = archivableByRoot();
  return {
    onLoad(room) {
      room.doc.on('afterTransaction', (tr: Y.Transaction) => {
        const conn = room.connection(tr.origin);
        if (!conn?.actor) return;
        let actor: Actor | null = null;
        for (const [type, keys] of tr.changed) {
          if (!keys.has('archived') || !(type instanceof Y.Map)) continue;
          // An entity map directly under an archivable root (the path of length 1 an observer of the root saw).
          const root = type._item?.parent;
          if (!(root instanceof Y.AbstractType) || root._item !== null) continue;
          const defs = byRoot.get(Y.findRootTypeKey(root));
          if (!defs) continue;
          const map = type as Y.Map<unknown>;
          const now = map.get('archived') === true;
          const before = new Y.YMapEvent(map, tr, keys).changes.keys.get('archived')?.oldValue;
          if ((before === true) === now) continue;
          const kind = map.get('kind');
          const def = defs.length === 1 ? defs[0]! : defs.find((d) => d.nodeKind === kind);
          if (!def) continue;
          actor ??= actorOf(room.doc, conn as Conn & { actor: Actor });
          audit.record(room.id, now ? ARCHIVE_ACTIONS.archived : ARCHIVE_ACTIONS.restored, actor, {
            entity: def.name,
            id: String(type._item!.parentSub),
            title: titleOf(map),
          });
        }
      });
    },
  };
}
