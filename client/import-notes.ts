import { isImportNote, type ImportNote } from '../shared/domain/import-notes.js';
import { fmt, loadNamespaces, locale, t } from './i18n.js';
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

/**
 * Loads the words of import notes and problems (namespace `gate`; `xlsx` for the reader's column
 * headings and `refusals` for the kinds of items, L43); never rejects (the English sentences and the
 * file's own headings remain).
 */
export function loadNoteWords(): Promise<void> {
  return loadNamespaces(['gate', 'xlsx', 'refusals']).catch(() => undefined);
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

/** Parameters naming a kind of plan item (`goal`, `agreedScore`), worded by `refusals:kinds.<kind>` (L43). */
const KIND_PARAMS = new Set(['kind', 'parentKind', 'container']);
/** Parameters naming several kinds, comma-separated: `kinds` read "a or b", `of` "a and b" (L43). */
const KIND_LISTS: Record<string, 'disjunction' | 'conjunction'> = { kinds: 'disjunction', of: 'conjunction' };
/** Parameters naming what a field expects (`gate:problemWords.expects.<kind>`, with the problem's other parameters, L43). */
const EXPECTS_PARAM = 'expects';
const SAFE_KEY = /^[A-Za-z]{1,40}$/;
/** A sentinel no catalogue holds: tells a missing message from one that is present. */
const MISSING = '\u0000';

/** The message `key` when the catalogue has it, else null. */
function known(key: string, params?: Record<string, unknown>): string | null {
  const text = t(key, { ...params, defaultValue: MISSING });
  return text === MISSING ? null : text;
}

/** The name of a kind of item in the reader's language, else the code as sent. */
function kindName(kind: string): string {
  return (SAFE_KEY.test(kind) && known(`refusals:kinds.${kind}`)) || kind;
}

/**
 * A column in the reader's language (L43): the export's heading (`xlsx:head.<key>`, a money column
 * with its currency); several keys (comma-separated) as a quoted list; else the heading the file used.
 */
function headingText(keys: string, currency: unknown, asSent: string | number): string | number {
  const heads = keys.split(',').map((k) => (SAFE_KEY.test(k) ? known(`xlsx:head.${k}`) : null));
  if (!heads.length || heads.some((h) => h === null)) return asSent;
  if (heads.length > 1) return fmt.list(heads.map((h) => t('gate:problemWords.quoted', { text: h })));
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? `${heads[0]} (${currency})` : heads[0]!;
}

/**
 * A problem's parameters as its message shows them (L43): columns by the reader's heading, kinds of
 * items and what a field expects worded, the rest as sent; text isolated for right-to-left pages.
 * The helper parameters (`<name>Key`, `<name>Currency`) are dropped.
 */
export function problemParams(params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (/.(Key|Currency)$/.test(name) || name === EXPECTS_PARAM) continue;
    const key = params[`${name}Key`];
    let shown: string | number = value;
    if (typeof key === 'string') shown = headingText(key, params[`${name}Currency`], value);
    else if (typeof value === 'string' && KIND_PARAMS.has(name)) shown = kindName(value);
    else if (typeof value === 'string' && name in KIND_LISTS) {
      shown = new Intl.ListFormat(locale(), { type: KIND_LISTS[name] }).format(value.split(',').map(kindName));
    }
    // Figures in the reader's digits and separators; `count` stays a number (it picks the plural), a row number stays plain.
    else if (typeof value === 'number' && name !== 'count' && name !== 'row') shown = fmt.number(value);
    out[name] = shown;
  }
  // What a field expects, worded with the other parameters (its limits) as shown.
  const expects = params[EXPECTS_PARAM];
  if (typeof expects === 'string') out[EXPECTS_PARAM] = (SAFE_KEY.test(expects) && known(`gate:problemWords.expects.${expects}`, out)) || expects;
  for (const [name, shown] of Object.entries(out)) if (typeof shown === 'string') out[name] = `\u2068${shown}\u2069`;
  return out;
}

/** One import problem in the reader's language (`gate:problems.<code>`, L35, L43), else the server's English sentence. */
export function problemText(p: ApiProblem): string {
  return p.code ? t(`gate:problems.${p.code}`, { ...problemParams(p.params ?? {}), defaultValue: p.message }) : p.message;
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
