import * as Y from 'yjs';
import type { LinkStore } from '../access/access-store.js';
import type { AuditEvent } from '../access/audit.js';
import type { ChangeJournal } from '../access/history.js';
import type { SnapshotStorage } from './snapshot-store.js';
import type { Logger } from '../log.js';
import type { LoadedPlan, PlanStorage } from './storage.js';

/** What {@link copyPlans} did. */
export interface CopyReport {
  /** Plans written to the target and read back equal. */
  copied: string[];
  /** Plans the target already had (left as they are there). */
  skipped: string[];
}

/** Where a plan's audit trail is read from and written to when moving it. */
export interface AuditMover {
  list(planId: string): Promise<AuditEvent[]>;
  importEvents(planId: string, events: readonly AuditEvent[]): Promise<void>;
}

/** What {@link copyPlans} copies besides the content, each from one store to the other. */
export interface PlanExtras {
  links?: { from: LinkStore; to: LinkStore };
  snapshots?: { from: SnapshotStorage; to: SnapshotStorage };
  audit?: { from: AuditMover; to: AuditMover };
  /** The change journal (field history), in order. */
  history?: { from: Pick<ChangeJournal, 'exportEntries'>; to: Pick<ChangeJournal, 'importEntries'> };
}

/** The plan's whole content as one V1 update: the stored state (V1 or V2) with its log applied. */
function wholeDoc(loaded: LoadedPlan): Y.Doc {
  const doc = new Y.Doc();
  if (loaded.state && loaded.stateEncoding === 'v2') Y.applyUpdateV2(doc, loaded.state);
  else if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc;
}

/**
 * Copies every plan of `from` that `to` does not hold yet into `to`: its title and dates, and
 * its state and log folded into one state. Each copy is read back from `to` and compared with
 * the source (same Yjs snapshot: state vector and deletions); a difference rejects (the copy is
 * left for inspection: deleting it would also delete the plan's shared folder). `from` is never
 * changed. Neither store may be in use by a running server (one process owns a data set).
 * With `extras`, each copied plan's invite links (hashes, dates, revocations), snapshots (ids,
 * dates, checksums; each read checked first), audit trail and change journal (in order) are copied too, so every
 * link keeps working and every version and event is where the new store looks.
 */
export async function copyPlans(from: PlanStorage, to: PlanStorage, log: Logger, extras: PlanExtras = {}): Promise<CopyReport> {
  const { links, snapshots, audit, history } = extras;
  const report: CopyReport = { copied: [], skipped: [] };
  for (const meta of from.list()) {
    if (to.has(meta.id)) {
      report.skipped.push(meta.id);
      continue;
    }
    const source = await from.load(meta.id);
    const doc = wholeDoc(source);
    await source.files.close();
    await to.create(meta.id, meta.title, Y.encodeStateAsUpdate(doc), { createdAt: meta.createdAt, updatedAt: meta.updatedAt });
    const back = await to.load(meta.id);
    const copy = wholeDoc(back);
    await back.files.close();
    if (!Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(copy))) {
      throw new Error(`plan ${meta.id}: the copy read back differs from the source; the source is unchanged, check the copy`);
    }
    if (links) await links.to.importLinks(meta.id, await links.from.exportLinks(meta.id));
    if (snapshots) {
      for (const s of (await snapshots.from.list(meta.id)).reverse()) {
        const { meta: sm, state } = await snapshots.from.read(meta.id, s.id);
        await snapshots.to.importSnapshot(sm, state);
      }
    }
    if (audit) await audit.to.importEvents(meta.id, await audit.from.list(meta.id));
    if (history) await history.to.importEntries(meta.id, await history.from.exportEntries(meta.id));
    report.copied.push(meta.id);
    log.info('plan copied', { plan: meta.id });
  }
  return report;
}
