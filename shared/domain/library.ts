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
  /** The English wording of a built-in entry shown in another language (SPEC L61): searched too, never shown. */
  alt?: string;
  /** The fields of a built-in entry still in English on a page in another language (shown with `lang="en"`). */
  english?: readonly ('title' | 'objective' | 'theme' | 'roundtable' | 'heading')[];
}

/** What a search asks for (LB2); every given criterion must hold. */
export interface LibraryQuery {
  /** Words that must all appear (any case, accents ignored) in the title, objective, headings, theme, agencies or countries (or the English wording of a translated entry, `alt`). */
  text?: string;
  /** Exact theme. */
  theme?: string;
  /** A sector the entry touches. */
  sector?: SectorId;
  /** An agency named by the entry (any case). */
  agency?: string;
  /** Only entries of this kind. */
  kind?: LibraryKind;
}

/** Lower case without accents, for matching typed words against entries. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function haystack(e: LibraryEntry): string {
  return [e.title, e.objective, e.theme, e.roundtable, e.heading, e.reference, ...e.agencies, ...e.countries, e.alt ?? ''].join(' \u0001 ');
}

/**
 * LB2, L112: the test of typed `text` against a text (a library entry's words, a code and its names
 * in the shown language and English): the typed text is split on white space and every word must
 * occur somewhere in it, case and accents ignored. Empty typed text matches everything.
 */
export function textMatcher(text: string): (haystack: string) => boolean {
  const words = foldText(text)
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return () => true;
  return (h) => {
    const folded = foldText(h);
    return words.every((w) => folded.includes(w));
  };
}

/**
 * LB2: the entries matching `query`, in the order given (built-in entries keep the sources'
 * order). Empty criteria match everything; the text matches as {@link textMatcher} says.
 */
export function searchLibrary(entries: readonly LibraryEntry[], query: LibraryQuery): LibraryEntry[] {
  const matches = textMatcher(query.text ?? '');
  const agency = query.agency ? foldText(query.agency) : null;
  return entries.filter(
    (e) =>
      (!query.kind || e.kind === query.kind) &&
      (!query.theme || e.theme === query.theme) &&
      (!query.sector || e.sectors.includes(query.sector)) &&
      (!agency || e.agencies.some((a) => foldText(a) === agency)) &&
      matches(haystack(e)),
  );
}

/** The themes and agencies named by `entries`, each once, sorted: the choices of the search filters. */
export function libraryFacets(entries: readonly LibraryEntry[]): { themes: string[]; agencies: string[] } {
  const themes = new Set<string>();
  const agencies = new Set<string>();
  for (const e of entries) {
    if (e.theme) themes.add(e.theme);
    for (const a of e.agencies) if (a) agencies.add(a);
  }
  return { themes: [...themes].sort(), agencies: [...agencies].sort() };
}

/** The parts of a plan's own library entries the library reads (a `PlanData` fits). */
export interface TeamEntriesInput {
  libraryEntries: readonly { id: string; title: string; objective: string; theme: string; agencies: readonly string[]; sectors: readonly SectorId[]; countries: readonly string[]; archived: boolean }[];
}

/** LB4: a plan's own live (not archived) entries as library entries of kind `team`. */
export function teamLibraryEntries(plan: TeamEntriesInput): LibraryEntry[] {
  return plan.libraryEntries
    .filter((e) => !e.archived)
    .map((e) => ({
      id: e.id,
      kind: 'team' as const,
      title: e.title,
      objective: e.objective,
      theme: e.theme,
      roundtable: '',
      heading: '',
      agencies: [...e.agencies],
      sectors: [...e.sectors],
      countries: [...e.countries],
      reference: '',
    }));
}
