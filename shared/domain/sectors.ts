/**
 * The 14 sectors of the handbook's Annex C (rules SK1-SK4 in shared/SPEC.md). Their checklist
 * questions and the coverage rule follow below.
 */

/** Sector ids, in Annex C order (stable: stored on goals, outcomes, answers and library entries). */
export const SECTOR_IDS = [
  'governance',
  'legal-protection',
  'employment',
  'social-protection',
  'health',
  'education',
  'tertiary-education',
  'economic-growth',
  'financial-services',
  'trade',
  'agriculture',
  'infrastructure',
  'environment',
  'diaspora',
] as const;
/** One of the 14 Annex C sectors. */
export type SectorId = (typeof SECTOR_IDS)[number];
