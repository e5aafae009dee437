import * as Y from 'yjs';
import { addEntities } from '../../shared/schema/write.js';
import { initPlan } from '../../shared/model.js';
import { ROOT } from '../../shared/schema/roots.js';
import { DEFAULT_LOCALE, isLocale } from '../../shared/i18n/locales.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, readWorkbook, type WorkbookRefusal } from './xlsx.js';

/** The heavy-work job that reads an uploaded workbook (server/work/jobs.ts runs it). */
export interface WorkbookJob {
  kind: 'import-xlsx';
  bytes: Uint8Array;
  /** The new plan's id, or the id of the plan `into` is the state of. */
  id: string;
  maxItems: number;
  /** The live plan's whole state when filling its empty matrix; null for a new plan. */
  into: Uint8Array | null;
  /** Ids of the snapshots the plan `into` has (a review bound to another loses its binding, XL5); absent for a new plan. */
  snapshots?: string[];
}

/** A workbook turned into plan content: a whole new plan, or the update that fills a live plan's matrix. */
export interface WorkbookImport {
  ok: true;
  title: string;
  sourceId: string;
  update: Uint8Array;
  stateVector: Uint8Array;
  counts: Record<string, number>;
  /** What the import left out or changed and why (SPEC XL3, XL5). */
  notes: ImportNote[];
}

/** The lists a workbook import writes into a live plan's empty matrix. */
const LISTS = ['goals', 'outcomes', 'outputs', 'activities', 'indicators', 'reviews', 'translations'] as const;
/** The lists a workbook import writes into a new plan: the matrix and the scoring (XL1-XL3). */
const NEW_PLAN_LISTS = [...LISTS, 'criteria', 'participants', 'scores', 'agreedScores'] as const;

/** Origin of the transaction that writes an imported workbook. */
const IMPORT_ORIGIN = { source: 'server', reason: 'import' } as const;

/**
 * Reads the workbook and writes its matrix: into a new plan (default criteria and sections,
 * title, country and currency from the workbook's title rows) as its whole state, or into a
 * copy of the live plan (refused with 409 `matrix_not_empty` when it has any matrix row) as
 * the update to apply to the live doc. All or nothing: any problem answers without content.
 */
export async function importWorkbook(job: WorkbookJob): Promise<WorkbookImport | WorkbookRefusal | { ok: false; status: 409; code: string; message: string }> {
  const doc = new Y.Doc();
  try {
    // The live plan's language decides which original titles need a record of their language (ML10).
    if (job.into) Y.applyUpdate(doc, job.into);
    const language = doc.getMap(ROOT.meta).get('language');
    const read = await readWorkbook(
      job.bytes,
      { maxItems: job.maxItems, maxUnzippedBytes: MAX_UNZIPPED_BYTES, maxEntries: MAX_ZIP_ENTRIES },
      { withScores: !job.into, snapshots: new Set(job.snapshots ?? []), ...(job.into ? { language: isLocale(language) ? language : DEFAULT_LOCALE } : {}) },
    );
    if (!read.ok) return read;
    const { value } = read;
    let since: Uint8Array | undefined;
    if (job.into) {
      if (doc.getMap(ROOT.nodes).size > 0) return { ok: false, status: 409, code: 'matrix_not_empty', message: 'This plan already has matrix rows; a workbook can only fill an empty matrix (or create a new plan).' };
      since = Y.encodeStateVector(doc);
    } else {
      initPlan(doc, { id: job.id, title: value.title ?? 'Imported plan', country: value.country ?? undefined, currency: value.currency ?? undefined });
      doc.transact(() => {
        // XL1: the workbook's criteria replace the defaults; XL3: it carried named scores, so they stay allowed.
        if (value.hasCriteria) for (const key of [...doc.getMap(ROOT.criteria).keys()]) doc.getMap(ROOT.criteria).delete(key);
        if (value.exportNamedScores) doc.getMap(ROOT.meta).set('exportNamedScores', true);
        // ML10: a new plan's language is the language most of its original titles are in.
        doc.getMap(ROOT.meta).set('language', value.language);
      }, IMPORT_ORIGIN);
    }
    addEntities(doc, value.plan, job.into ? LISTS : NEW_PLAN_LISTS, IMPORT_ORIGIN);
    return { ok: true, title: value.title ?? 'Imported plan', sourceId: '', update: Y.encodeStateAsUpdate(doc, since), stateVector: Y.encodeStateVector(doc), counts: value.counts, notes: value.notes };
  } finally {
    doc.destroy();
  }
}
