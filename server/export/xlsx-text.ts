import en from '../../shared/i18n/en/xlsx.js';
import fr from '../../shared/i18n/fr/xlsx.js';
import es from '../../shared/i18n/es/xlsx.js';
import ar from '../../shared/i18n/ar/xlsx.js';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.js';
import { translator } from '../i18n.js';

/**
 * The words of the Excel and CSV exports in a language (L11) and their recognition on import in
 * every language (L12). Tables are built with English column names (the `*_HEADERS` constants of
 * tables.ts, which the import reads by); {@link SheetWords.head} turns one into the document's
 * language when it is written, and {@link canonicalHeader} turns any language's heading back into
 * the English one when a workbook is read.
 */

/** A translate function fixed to one locale (`ns:key`, i18next params). */
export type Tr = (key: string, params?: Record<string, unknown>) => string;

type HeadKey = keyof typeof en.head;
type SheetKey = keyof typeof en.sheet;

/** Each locale's xlsx catalogue (plain data, for recognising headings and sheet names). */
const CATALOGUES: Readonly<Record<Locale, typeof en>> = { en, fr, es, ar };

/** Normalised text for matching headings and sheet names: lower case, single spaces, trimmed. */
const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The heading key of each English heading text. */
const KEY_OF_ENGLISH = new Map<string, HeadKey>((Object.entries(en.head) as [HeadKey, string][]).map(([k, v]) => [v, k]));

/** Normalised heading text in any locale -> normalised English heading (English maps to itself). */
const HEADINGS = new Map<string, string>();
/** Normalised sheet name in any locale -> sheet key. */
const SHEETS = new Map<string, SheetKey>();
for (const cat of Object.values(CATALOGUES)) {
  for (const [k, v] of Object.entries(cat.head) as [HeadKey, string][]) HEADINGS.set(norm(v), norm(en.head[k]));
  for (const [k, v] of Object.entries(cat.sheet) as [SheetKey, string][]) if (k !== 'monitoring') SHEETS.set(norm(v), k);
}
/** Headings older exports wrote (renamed since, L82): still read as their English heading. */
const FORMER_HEADINGS: Partial<Record<HeadKey, readonly string[]>> = { expectedOutcome: ['Efecto esperado', 'الحصيلة المتوقعة'] };
for (const [k, list] of Object.entries(FORMER_HEADINGS) as [HeadKey, readonly string[]][]) for (const v of list) HEADINGS.set(norm(v), norm(en.head[k]));
/** "monitoring " in each locale: the start of a Monitoring sheet's name. */
const MONITORING_PREFIXES = [...new Set(Object.values(CATALOGUES).map((c) => norm(c.sheet.monitoring.replace('{{label}}', ''))))];

/**
 * The English heading (normalised) of a heading cell written in any of the four languages, or
 * the normalised text itself when it is none. A money column (`Budget prévu (USD)`) keeps its
 * currency: `planned budget (usd)`.
 */
export function canonicalHeader(text: string): string {
  const n = norm(text);
  const exact = HEADINGS.get(n);
  if (exact) return exact;
  const money = /^(.+) \(([a-z]{3})\)$/.exec(n);
  const label = money ? HEADINGS.get(money[1]!) : undefined;
  return label ? `${label} (${money![2]})` : n;
}

/** The key of a fixed sheet (`matrix`, `scores`, ...) named in any of the four languages, or null. */
export function sheetKeyOf(name: string): SheetKey | null {
  return SHEETS.get(norm(name)) ?? null;
}

/** Whether a sheet name starts like a Monitoring sheet in any of the four languages. */
export function isMonitoringSheetName(name: string): boolean {
  const n = norm(name);
  return MONITORING_PREFIXES.some((p) => n.startsWith(`${p} `) || n === p);
}

/** Regular expressions of one context-line field (`Country: SN`, `Pays : SN`, ...) in every language. */
function contextPatterns(field: 'country' | 'currency', code: string): RegExp[] {
  return Object.values(CATALOGUES).map((c) => {
    const [before, after] = c.context[field].split('{{code}}') as [string, string];
    // Any run of spaces matches any other (U+202F before a French colon now, a plain space in older files).
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    return new RegExp(`${esc(before)}(${code})${esc(after)}\\b`);
  });
}
const COUNTRY = contextPatterns('country', '[A-Z]{2}');
const CURRENCY = contextPatterns('currency', '[A-Z]{3}');

/** The country and currency codes of a context line written in any of the four languages. */
export function readContext(line: string): { country: string | null; currency: string | null } {
  const first = (list: RegExp[]) => list.map((r) => r.exec(line)?.[1]).find(Boolean) ?? null;
  return { country: first(COUNTRY), currency: first(CURRENCY) };
}

/** The "Everyone (agreed or mean)" marker of the Scores sheet in every language, normalised. */
export const EVERYONE = new Set(Object.values(CATALOGUES).map((c) => norm(c.everyone)));

/** The words of one workbook or CSV file, in its language. */
export interface SheetWords {
  locale: Locale;
  t: Tr;
  /** The heading of an English column name (a `*_HEADERS` value) in this language. */
  head(english: string): string;
  /** A money column's heading: `Planned budget (USD)` in this language. */
  money(english: string, currency: string): string;
  /** A fixed sheet's name. */
  sheet(key: Exclude<SheetKey, 'monitoring'>): string;
}

const cache = new Map<Locale, SheetWords>();

/** The words of the Excel and CSV exports in `locale` (English by default). */
export function sheetWords(locale: Locale = DEFAULT_LOCALE): SheetWords {
  const known = cache.get(locale);
  if (known) return known;
  const t = translator(locale);
  const head = (english: string): string => {
    const key = KEY_OF_ENGLISH.get(english);
    if (!key) throw new Error(`No xlsx:head message for the column "${english}"`);
    return t(`xlsx:head.${key}`);
  };
  const words: SheetWords = { locale, t, head, money: (english, currency) => `${head(english)} (${currency})`, sheet: (key) => t(`xlsx:sheet.${key}`) };
  cache.set(locale, words);
  return words;
}

/** The language whose heading of the English column `english` is `text` (the workbook's language, ML9), or null. */
export function headingLocale(text: string, english: string): Locale | null {
  const key = KEY_OF_ENGLISH.get(english);
  const n = norm(text);
  if (!key) return null;
  return (Object.entries(CATALOGUES) as [Locale, typeof en][]).find(([, c]) => norm(c.head[key]) === n)?.[0] ?? null;
}

/** The start of the "Translation (FR) of the original (EN): ..." note in each language, up to its first placeholder. */
const NOTE_STARTS = Object.values(CATALOGUES).map((c) => norm(c.translatedNote.split('{{')[0]!));

/** Whether a cell note is the export's "this title is a translation" note in any of the four languages (ML9). */
export function isTranslatedNote(note: unknown): boolean {
  const text = typeof note === 'string' ? note : Array.isArray((note as { texts?: unknown })?.texts) ? (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('') : '';
  const n = norm(text);
  return n !== '' && NOTE_STARTS.some((s) => n.startsWith(s));
}
