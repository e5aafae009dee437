import type { Role } from './access.js';

/** Who made a change, as far as the server knows (see README "Field history": what is trusted). */
export interface HistoryActor {
  /** The pseudonym of the connection's participant (current at the time), else the name it joined with. */
  name: string;
  role: Role | 'admin' | 'anyone';
  /** The participant id the connection was opened for (`?participant=`), or null. */
  participantId: string | null;
}

/** One write of one field (or whole cell), recorded by the server (SPEC FH1); `GET /api/plans/:id/history` lists them. */
export interface HistoryEntry {
  /** Server clock, ISO 8601. */
  at: string;
  /** Registry entity (`activity`, `score`...). */
  entity: string;
  /** Entity id or cell key (`goal:criterion:participant`). */
  id: string;
  /** The field; null for a cell written as one value (scores, reports). */
  field: string | null;
  /** Value before the write (as the server held it), null when none. */
  from: unknown;
  /** Value written. */
  to: unknown;
  /** False when the write lost a concurrent merge: the shown value stayed `from` (FH2). */
  kept: boolean;
  /** The Yjs client id of the write (lets a conflict notice name its writer). */
  client: number;
  by: HistoryActor;
}
