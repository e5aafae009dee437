import * as Y from 'yjs';
import type { LinkStore } from '../access/access-store.js';
import type { Logger } from '../log.js';
import type { LoadedPlan, PlanStorage } from './storage.js';

/** What {@link copyPlans} did. */
export interface CopyReport {
  /** Plans written to the target and read back equal. */
  copied: string[];
  /** Plans the target already had (left as they are there). */
  skipped: string[];
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
 * With `links`, each copied plan's invite links (hashes, dates, revocations) are copied too, so
 * every link keeps working. Snapshots and the audit trail stay in DATA_DIR, which both stores
 * share, so they need no copying.
 */
export async function copyPlans(from: PlanStorage, to: PlanStorage, log: Logger, links?: { from: LinkStore; to: LinkStore }): Promise<CopyReport> {
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
    report.copied.push(meta.id);
    log.info('plan copied', { plan: meta.id });
  }
  return report;
}
