import { isImportNote, type ImportNote } from '../shared/domain/import-notes.js';
import { loadNamespaces, t } from './i18n.js';

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
  // Names a person typed (a review's label) may be in another script: each is isolated (FSI ... PDI).
  const params = Object.fromEntries(Object.entries(note.params).map(([k, v]) => [k, typeof v === 'string' ? `\u2068${v}\u2069` : v]));
  return t(`gate:imports.${note.code}`, { ...params, defaultValue: note.message });
}
