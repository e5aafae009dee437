import type { ImportNote, ImportNoteCode } from '../../shared/domain/import-notes.js';
import { translator } from '../i18n.js';

const english = translator('en');

/** An import note (SPEC L27): its code and parameters, and the English sentence from the catalogue (`gate:imports.<code>`). */
export function importNote(code: ImportNoteCode, params: Record<string, string | number> = {}): ImportNote {
  return { code, params, message: english(`gate:imports.${code}`, params) };
}
