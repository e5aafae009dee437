/**
 * Agreed versions (snapshots) as both sides see them. The server stores them
 * (server/store/snapshot-store.ts); the browser lists, opens and compares them.
 */

/** How far a version has come; `endorsed` is final: never changed, never deleted. */
export const SNAPSHOT_STATUSES = ['draft', 'consultation', 'workshop', 'final', 'endorsed'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

/** What lists and headers show of a snapshot. */
export interface SnapshotMeta {
  id: string;
  planId: string;
  name: string;
  note: string;
  status: SnapshotStatus;
  author: string;
  createdAt: string;
  /** When name, note or status last changed (null if never). */
  changedAt: string | null;
  /** SHA-256 (hex) of the stored state. */
  sha256: string;
  bytes: number;
}
