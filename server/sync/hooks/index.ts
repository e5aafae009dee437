import type { AuditLog, AuditEvent } from '../../access/audit.js';
import type { Logger } from '../../log.js';
import type { PlanHandle, PlanStorage } from '../../store/storage.js';
import type { RoomHook } from '../room.js';
import { archiveAudit } from './archive-audit.js';
import { fieldHistory } from './field-history.js';
import type { ChangeJournal } from '../../access/history.js';
import { criteriaAudit, criteriaLock } from './criteria-lock.js';
import { persistence } from './persistence.js';
import { stageAudit } from './stage-audit.js';
import { titleTracking } from './title.js';
import { updateGate } from './update-gate.js';

export { ARCHIVE_ACTIONS, archiveAudit } from './archive-audit.js';
export { fieldHistory } from './field-history.js';
export { criteriaAudit, criteriaLock, LOCK_KEYS } from './criteria-lock.js';
export { IDLE_COMPACT_LOG_FRACTION, persistence, type PersistenceOptions } from './persistence.js';
export { titleTracking } from './title.js';
export { STAGE_ACTIONS, stageAudit } from './stage-audit.js';
export { judgeUpdate, updateGate, type UpdateGateOptions } from './update-gate.js';

/** What the standard hooks of a loaded plan need. */
export interface StandardHookDeps {
  files: PlanHandle;
  storage: PlanStorage;
  log: Logger;
  idleCompactMs: number;
  compactMinBytes: number;
  /** Where facilitators' criteria agreements are recorded; null for none. */
  audit: Pick<AuditLog, 'record'> | null;
  /** The update gate's plan size cap (G10), or null for no gate (tests of the bare transport). */
  gate?: { maxPlanBytes: number } | null;
  /** Where every field write is journalled (field history, SPEC FH1); null or absent for none. */
  history?: Pick<ChangeJournal, 'record'> | null;
}

/**
 * The hooks every live plan runs, in order: the update gate (when configured: every update is
 * judged before it is applied), persistence (append before relay, compaction), title tracking,
 * the criteria lock and, with an audit log, its audit and the archive audit (who archived or
 * restored an item, for the archive bin) and the stage audit (who moved the plan to which stage);
 * with a field history, the change journal.
 */
export function standardHooks(deps: StandardHookDeps): RoomHook[] {
  const { files, gate } = deps;
  const hooks = [persistence(deps), titleTracking(deps.storage), criteriaLock()];
  if (gate) hooks.unshift(updateGate({ maxPlanBytes: gate.maxPlanBytes, storedBytes: () => files.stateBytes + files.logBytes }));
  // A store that stores rows with their batch (PostgreSQL, CL7) gets the hooks' audit events
  // and journal entries that way: stored exactly when the change that caused them is.
  const attach = files.attach?.bind(files);
  const audit = deps.audit && attach ? batchAudit(attach) : deps.audit;
  const history = deps.history && attach ? batchJournal(attach) : deps.history;
  if (audit) hooks.push(criteriaAudit(audit), archiveAudit(audit), stageAudit(audit));
  if (history) hooks.push(fieldHistory(history, history !== deps.history));
  return hooks;
}

/** An audit recorder whose events ride with the batch being applied (`PlanHandle.attach`). */
export function batchAudit(attach: NonNullable<PlanHandle['attach']>): Pick<AuditLog, 'record'> {
  return {
    record(_planId, action, actor, detail = {}) {
      const event: AuditEvent = { at: new Date().toISOString(), action, actor, detail };
      attach({ audit: [JSON.stringify(event)] });
      return event;
    },
  };
}

/** A change journal recorder whose entries ride with the batch being applied (`PlanHandle.attach`). */
export function batchJournal(attach: NonNullable<PlanHandle['attach']>): Pick<ChangeJournal, 'record'> {
  return { record: (_planId, entries) => attach({ history: [...entries] }) };
}
