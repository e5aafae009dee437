import type { SectorId } from './sectors.js';

/**
 * The intervention library (rules LB1-LB5 in shared/SPEC.md): ideas a national team can take into
 * its plan. Built-in entries come from the GFMD activity matrix (seed 000) and the handbook's Part 3
 * examples (seed 003), both in `library-data.ts`; the GFMD session questions and Civil Society Day
 * recommendations are added as starting material by the consultations code; a team's own entries
 * live in its plan (`libraryEntries`). Pure: no Yjs, no DOM.
 */

/** Where a library entry comes from. */
export const LIBRARY_KINDS = ['gfmd-activity', 'handbook-example', 'team', 'gfmd-question', 'csd-recommendation'] as const;
/**
 * A library entry's kind: an activity of the GFMD matrix, an example or box of the handbook's
 * Part 3, a team's own entry, a GFMD roundtable session question, or a Civil Society Day
 * recommendation.
 */
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/**
 * One idea of the library. Every field is plain text or a list (no Yjs), so built-in entries,
 * starting material and a plan's own entries share one shape and one search (LB2).
 */
export interface LibraryEntry {
  /** Stable id: `gfmd-<rt><letter>-<n>` for the GFMD matrix, `hb-box-<n>` for handbook boxes, the plan entity id for a team's entry. */
  id: string;
  kind: LibraryKind;
  /** What to do, in one line (an activity, an intervention, a question or a recommendation). */
  title: string;
  /** What it aims at, or a short summary ('' when the source gives none). */
  objective: string;
  /** The broad theme it sits under ('' = none): e.g. "Migration and socio-economic development". */
  theme: string;
  /** The roundtable or session it belongs to ('' = none). */
  roundtable: string;
  /** The heading inside the roundtable or handbook section ('' = none). */
  heading: string;
  /** Agencies or organisations with expertise or involved (GMG members for the GFMD matrix). */
  agencies: string[];
  /** Annex C sectors it touches (see sectors.ts). */
  sectors: SectorId[];
  /** Countries where it was done (handbook examples), '' entries never. */
  countries: string[];
  /** Where it comes from, for a reader to look it up: "GFMD matrix, roundtable 1, a." ('' for a team's entry). */
  reference: string;
}
