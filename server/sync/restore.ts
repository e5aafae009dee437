import * as Y from 'yjs';
import { ROOT } from '../../shared/schema/roots.js';

const PLAN_ROOTS: readonly string[] = Object.values(ROOT);

/**
 * Brings a live doc back to the content of an earlier state of the same doc, as one new
 * change (origin `origin`) that merges with concurrent edits like any other. History is kept:
 * nothing is rewritten, the restore itself is an ordinary update that can be snapshotted or
 * restored over. Roots named in `keep` are left as they are live (the discussion, SPEC CM11:
 * comments made after the snapshot survive a restore).
 *
 * How: replay "everything since the snapshot" onto a copy of the snapshot while an
 * UndoManager tracks it, undo that, and apply the difference to the live doc. The UndoManager
 * keeps deleted items from being collected, so deletions since the snapshot come back.
 */
export function restoreState(live: Y.Doc, snapshotState: Uint8Array, origin: object, keep: readonly string[] = []): void {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdateV2(copy, snapshotState);
  // A root nobody has read yet is a generic type (rooms build roots lazily, PF5); a generic type
  // reports no events, so the UndoManager below would miss its changes. Every plan root is a map.
  for (const name of PLAN_ROOTS) {
    if (live.share.has(name) || copy.share.has(name)) {
      live.getMap(name);
      copy.getMap(name);
    }
  }
  const since = Y.encodeStateAsUpdate(live, Y.encodeStateVector(copy));
  const replay = { replay: true };
  // Every root the live doc or the snapshot has, as the same type in the copy.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its roots loosely
  const roots: Y.AbstractType<any>[] = [];
  for (const [name, type] of live.share) if (!keep.includes(name)) roots.push(copy.get(name, type.constructor as typeof Y.AbstractType));
  for (const [name, type] of copy.share) if (!live.share.has(name) && !keep.includes(name)) roots.push(type);
  const undo = new Y.UndoManager(roots, { trackedOrigins: new Set([replay]), captureTimeout: 0 });
  Y.applyUpdate(copy, since, replay);
  while (undo.undoStack.length > 0) undo.undo();
  const revert = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(live));
  Y.applyUpdate(live, revert, origin);
  undo.destroy();
  copy.destroy();
}
