/**
 * What an import left out or changed (SPEC XL3, XL5, L27), as a code and parameters the browser
 * words in the reader's language (`gate:imports.<code>`), with the English sentence for API users.
 */

/** The codes of import notes; each has a message `gate:imports.<code>` in every catalogue. */
export const IMPORT_NOTE_CODES = ['reviewUnbound', 'scoresNoCode', 'agreedScoresKept', 'namedScoresKept', 'allScoresKept', 'meansOnly'] as const;

/** One import note's code. */
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

/** One import note: `code` and `params` for the reader's language, `message` in English. */
export interface ImportNote {
  code: ImportNoteCode;
  /** The message's parameters: names and ids as sent, `count` a whole number (picks the plural). */
  params: Record<string, string | number>;
  message: string;
}

/** True when `value` looks like an import note (short string or finite number params only). */
export function isImportNote(value: unknown): value is ImportNote {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v['message'] !== 'string' || !(IMPORT_NOTE_CODES as readonly unknown[]).includes(v['code'])) return false;
  const params = v['params'];
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  return Object.values(params).every((p) => (typeof p === 'string' && p.length <= 500) || (typeof p === 'number' && Number.isFinite(p)));
}
