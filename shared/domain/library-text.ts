import type { LibraryEntry } from './library.js';
import type { SeedRecommendation, SeedSession } from './consult-seeds.js';

/**
 * The intervention library, the consultations' starting material and the Global Compact's
 * objectives in another language (SPEC L60-L64). Their English lives in the sources
 * (`library-data.ts`, `consult-seeds.ts`, `GCM_OBJECTIVES`); each other language is one JSON file
 * `library-text/<locale>.json` of the shape {@link LibraryText}, keyed by the English text (themes,
 * roundtables, session themes) or by id (headings `1a`..`3d`, handbook sections `3.1`.., entries,
 * sessions, recommendations), with the 23 objectives as an array. Pure: no DOM, no file access
 * (the browser imports the JSON lazily, the server reads it).
 */

/** One language's wording of the library's built-in text (the shape of `library-text/<locale>.json`). */
export interface LibraryText {
  /** Library themes, keyed by the English theme. */
  themes: Record<string, string>;
  /** GFMD roundtables, keyed by the English name. */
  roundtables: Record<string, string>;
  /** The GFMD matrix's sub-headings, keyed `<roundtable><letter>` ("1a"). */
  headings: Record<string, string>;
  /** The handbook's Part 3 section names, keyed by number ("3.13"). */
  sections: Record<string, string>;
  /** Built-in entries by id: a title, and an objective where the English has one. */
  entries: Record<string, { title: string; objective?: string }>;
  /** Themes of the consultation seeds, keyed by the English theme. */
  sessionThemes: Record<string, string>;
  /** GFMD sessions by id; `questions` has as many as the English. */
  sessions: Record<string, { title: string; text: string; questions: string[]; product: string }>;
  /** Civil Society Day recommendations by id. */
  recommendations: Record<string, { title: string; text: string; background: string; challenge: string }>;
  /** The 23 Global Compact objectives, objective 1 first. */
  gcm: string[];
}

/** The fields of a built-in library entry a language file words. */
export type LibraryTextField = 'title' | 'objective' | 'theme' | 'roundtable' | 'heading';

/**
 * L60: where `given` (a parsed language file) differs in shape from `english` (the English
 * extraction): each missing or extra key, each empty or non-string value and each list of another
 * length, as `path: problem` lines (e.g. `entries.gfmd-1a-1.title: missing`). Empty = the file
 * words exactly what the English has.
 */
export function libraryTextProblems(english: LibraryText, given: unknown): string[] {
  const out: string[] = [];
  const walk = (en: unknown, v: unknown, path: string): void => {
    if (typeof en === 'string') {
      if (typeof v !== 'string') out.push(`${path}: ${v === undefined ? 'missing' : 'not a text'}`);
      else if (v.trim() === '') out.push(`${path}: empty`);
      return;
    }
    if (Array.isArray(en)) {
      if (!Array.isArray(v)) out.push(`${path}: ${v === undefined ? 'missing' : 'not a list'}`);
      else if (v.length !== en.length) out.push(`${path}: ${en.length} expected, ${v.length} given`);
      else en.forEach((x, i) => walk(x, v[i], `${path}[${i}]`));
      return;
    }
    const eo = en as Record<string, unknown>;
    if (v === undefined) return void out.push(`${path}: missing`);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return void out.push(`${path}: not an object`);
    const vo = v as Record<string, unknown>;
    for (const k of Object.keys(eo)) walk(eo[k], vo[k], path ? `${path}.${k}` : k);
    for (const k of Object.keys(vo)) if (!Object.hasOwn(eo, k)) out.push(`${path ? `${path}.${k}` : k}: extra`);
  };
  walk(english, given, '');
  return out;
}

/** Where a built-in entry comes from, for its reference line (worded by the reader's catalogue). */
export type LibraryRef = { kind: 'gfmd'; roundtable: number; letter: string } | { kind: 'handbook'; section: string; box: number };

/** The source of a built-in entry (from its id and English reference), or null for any other entry. */
export function libraryRef(e: Pick<LibraryEntry, 'id' | 'reference'>): LibraryRef | null {
  const g = /^gfmd-(\d)([a-z])-\d+$/.exec(e.id);
  if (g) return { kind: 'gfmd', roundtable: Number(g[1]), letter: g[2]! };
  const h = /^hb-box-(\d+)$/.exec(e.id);
  const s = /section (\d+(?:\.\d+)?)/.exec(e.reference);
  if (h && s) return { kind: 'handbook', section: s[1]!, box: Number(h[1]) };
  return null;
}

/** The handbook section number heading an entry ("3.13 Environment" → "3.13"), or null. */
function sectionOf(heading: string): string | null {
  return /^(\d+\.\d+) /.exec(heading)?.[1] ?? null;
}

/** How {@link localizeLibrary} words what is not in a language file. */
export interface LocalizeOptions {
  /** The reference line of a built-in entry, from the reader's catalogue. */
  reference?: (ref: LibraryRef) => string;
}

/**
 * L61: `entries` as a reader of `text`'s language sees them: each built-in entry's title,
 * objective, theme, roundtable and heading from `text` (null = English), its reference line from
 * `options.reference`. A field the file lacks stays English and is named in `english` (shown with
 * `lang="en"`); a translated entry keeps its English wording in `alt`, so a search finds it by an
 * English word too. Entries that are not built in (a team's own) are returned as they are.
 */
export function localizeLibrary(entries: readonly LibraryEntry[], text: LibraryText | null, options: LocalizeOptions = {}): LibraryEntry[] {
  return entries.map((e) => {
    const ref = libraryRef(e);
    if (!ref) return e;
    const reference = options.reference ? options.reference(ref) : e.reference;
    if (!text) return reference === e.reference ? e : { ...e, reference };
    const english: LibraryTextField[] = [];
    const pick = (field: LibraryTextField, value: string | undefined): string => {
      const en = e[field];
      if (!en) return en;
      if (value) return value;
      english.push(field);
      return en;
    };
    const own = text.entries[e.id];
    const section = ref.kind === 'handbook' ? sectionOf(e.heading) : null;
    const sectionName = section === null ? undefined : text.sections[section];
    const out: LibraryEntry = {
      ...e,
      title: pick('title', own?.title),
      objective: pick('objective', own?.objective),
      theme: pick('theme', text.themes[e.theme]),
      roundtable: pick('roundtable', text.roundtables[e.roundtable]),
      heading: pick('heading', ref.kind === 'gfmd' ? text.headings[`${ref.roundtable}${ref.letter}`] : sectionName && `${section} ${sectionName}`),
      reference,
      alt: [e.title, e.objective, e.theme, e.roundtable, e.heading, e.reference].filter(Boolean).join(' \u0001 '),
    };
    if (english.length) out.english = english;
    return out;
  });
}

/**
 * A seed's worded fields over its English (L62): each of `fields` from `own` where the file has it
 * (a list only with as many non-empty entries as the English), the theme line from
 * `sessionThemes`; a field left in English is named in `english`.
 */
function overlaySeed<S extends { theme: string }, F extends keyof S & string>(
  seed: S,
  own: Partial<Record<F, unknown>> | undefined,
  fields: readonly F[],
  text: LibraryText,
): S & { english?: readonly (F | 'theme')[] } {
  const english: (F | 'theme')[] = [];
  const out: S & { english?: readonly (F | 'theme')[] } = { ...seed };
  const usable = (value: unknown, en: unknown): boolean =>
    Array.isArray(value) ? Array.isArray(en) && value.length === en.length && value.every(Boolean) : Boolean(value);
  for (const field of fields) {
    const value = own?.[field];
    if (usable(value, seed[field])) out[field] = value as S[F];
    else english.push(field);
  }
  const theme = text.sessionThemes[seed.theme];
  if (theme) out.theme = theme;
  else english.push('theme');
  if (english.length) out.english = english;
  return out;
}

/** A GFMD session as a reader sees it: the fields worded, and those left in English named. */
export type LocalSession = SeedSession & { english?: readonly ('title' | 'text' | 'questions' | 'product' | 'theme')[] };

/** L62: the session `s` worded from `text` (null = English); a field the file lacks stays English and is named in `english`. */
export function localizeSession(s: SeedSession, text: LibraryText | null): LocalSession {
  return text ? overlaySeed(s, text.sessions[s.id], ['title', 'text', 'questions', 'product'] as const, text) : s;
}

/** A Civil Society Day recommendation as a reader sees it; `english` names the fields left in English. */
export type LocalRecommendation = SeedRecommendation & { english?: readonly ('title' | 'text' | 'background' | 'challenge' | 'theme')[] };

/** L62: the recommendation `r` worded from `text` (null = English), like {@link localizeSession}. */
export function localizeRecommendation(r: SeedRecommendation, text: LibraryText | null): LocalRecommendation {
  return text ? overlaySeed(r, text.recommendations[r.id], ['title', 'text', 'background', 'challenge'] as const, text) : r;
}

/** A Global Compact objective's name and the language it is in (`en` where the file lacks it). */
export interface GcmName {
  name: string;
  lang: string;
}

/**
 * L63: the name of Global Compact objective `n` (1-23) for a reader of `locale`, from `text`
 * (null = English) or else from `english` (`lang: 'en'`); '' for a number outside 1-23.
 */
export function gcmName(n: number, english: readonly string[], text: LibraryText | null, locale: string): GcmName {
  const en = english[n - 1] ?? '';
  const own = text?.gcm[n - 1];
  return own ? { name: own, lang: locale } : { name: en, lang: 'en' };
}
