import { isImportNote, type ImportNote } from '../shared/domain/import-notes.js';
import { loadNamespaces, t } from './i18n.js';
import type { ApiProblem } from './state/api.js';

/**
 * An import's notes as the page shows them (SPEC L27): the coded notes of the answer
 * (`importNotes`, each checked), else the English sentences of an older server (`notes`).
 */
export function notesOf(answer: { notes?: unknown; importNotes?: unknown }): (ImportNote | string)[] {
  const coded = Array.isArray(answer.importNotes) ? answer.importNotes.filter(isImportNote) : [];
  if (coded.length) return coded;
  return Array.isArray(answer.notes) ? answer.notes.filter((n): n is string => typeof n === 'string') : [];
}

/** Loads the words of import notes (namespace `gate`); never rejects (the English sentences remain). */
export function loadNoteWords(): Promise<void> {
  return loadNamespaces(['gate']).catch(() => undefined);
}

/** One import note in the reader's language (`gate:imports.<code>`), else its English sentence. */
export function importNoteText(note: ImportNote | string): string {
  if (typeof note === 'string') return note;
  return t(`gate:imports.${note.code}`, { ...isolated(note.params), defaultValue: note.message });
}

/** Names a person typed (a review's label, a cell's text) may be in another script: each is isolated (FSI ... PDI). */
function isolated(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? `\u2068${v}\u2069` : v]));
}

/** One import problem in the reader's language (`gate:problems.<code>`, L35), else the server's English sentence. */
export function problemText(p: ApiProblem): string {
  return p.code ? t(`gate:problems.${p.code}`, { ...isolated(p.params ?? {}), defaultValue: p.message }) : p.message;
}

/** Where an import problem is, in the reader's language ("feuille Matrix, ligne 9, colonne J"); `whole` for the whole file. */
export function problemPlaceText(p: ApiProblem, whole: string): string {
  if (!p.at) return p.path || whole;
  const { sheet, row, column } = p.at;
  const parts = [
    sheet === null ? '' : t('gate:problemPlace.sheet', { sheet: `\u2068${sheet}\u2069`, defaultValue: `sheet ${sheet}` }),
    row === null ? '' : t('gate:problemPlace.row', { row, defaultValue: `row ${row}` }),
    column === null ? '' : t('gate:problemPlace.column', { column, defaultValue: `column ${column}` }),
  ].filter(Boolean);
  return parts.join(', ') || whole;
}
