import { sectorCoverage, type CoverageStatus, type SectorId, type UncoveredReason } from '../../shared/domain/sectors.js';
import type { PlanData } from '../../shared/schema/types.js';

/** One line of the "Sector coverage" table of the Plan of Action documents (SPEC SK5). */
export interface PoaSectorRow {
  /** The sector's id; the documents name it through `sectors:name.<id>` in their language. */
  sector: SectorId;
  /** Checklist answers by value, and the checklist's length. */
  yes: number;
  partly: number;
  no: number;
  notRelevant: number;
  total: number;
  /** Live goals and outcomes tagged with the sector. */
  goals: number;
  outcomes: number;
  status: CoverageStatus;
  /** Why it is uncovered; null unless `status` is `uncovered`. */
  reason: UncoveredReason | null;
}

/**
 * SK5: the "Sector coverage" table of the print view and Word, one row per Annex C sector in
 * order, from the coverage rule (SK4): answer counts, tagged goals and outcomes, status. Language
 * free: the documents translate sector names, statuses and headers (poa-model.ts imports this
 * module, so it is not imported back).
 */
export function sectorPart(plan: PlanData): PoaSectorRow[] {
  return sectorCoverage(plan).map((c) => ({
    sector: c.sector,
    yes: c.counts.yes,
    partly: c.counts.partly,
    no: c.counts.no,
    notRelevant: c.counts['not-relevant'],
    total: c.total,
    goals: c.goalIds.length,
    outcomes: c.outcomeIds.length,
    status: c.status,
    reason: c.reason,
  }));
}

/** The column headers of the table, as message keys (the first is the sector, the last the status). */
export const SECTOR_COLUMNS = ['sectors:column.sector', 'sectors:answer.yes', 'sectors:answer.partly', 'sectors:answer.no', 'sectors:answer.not-relevant', 'export:sectors.goals', 'export:sectors.outcomes', 'sectors:column.status'] as const;

/**
 * The printable cells of one row in a language: sector name, the four answer counts, the
 * tagged goals and outcomes, and the status with its reason when uncovered. `t` is the document's translate function, `num` its number format.
 */
export function sectorCells(row: PoaSectorRow, t: (key: string, params?: Record<string, unknown>) => string, num: (n: number) => string = String): string[] {
  const status = t(`sectors:status.${row.status}`) + (row.reason ? ` (${t(`sectors:reason.${row.reason}`)})` : '');
  return [t(`sectors:name.${row.sector}`), num(row.yes), num(row.partly), num(row.no), num(row.notRelevant), num(row.goals), num(row.outcomes), status];
}
