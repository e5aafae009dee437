import { BUILT_IN_LIBRARY } from './library-data.js';
import { teamLibraryEntries, type LibraryEntry, type TeamEntriesInput } from './library.js';

/**
 * LB4: everything a plan's library offers: the built-in entries, any starting material the caller
 * adds (e.g. consultation questions and recommendations), then the team's own live entries.
 */
export function planLibrary(plan: TeamEntriesInput, extra: readonly LibraryEntry[] = []): LibraryEntry[] {
  return [...BUILT_IN_LIBRARY, ...extra, ...teamLibraryEntries(plan)];
}

/** The entry with `id` in a plan's library (built-in, extra or the team's, archived included), or undefined. */
export function libraryEntryById(plan: TeamEntriesInput, id: string, extra: readonly LibraryEntry[] = []): LibraryEntry | undefined {
  return planLibrary({ libraryEntries: plan.libraryEntries.map((e) => ({ ...e, archived: false })) }, extra).find((e) => e.id === id);
}
