import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../i18n/locales.js';
import type { PlanData, Translation, TranslatedField, TranslationTarget } from '../schema/types.js';

/**
 * Plan content in several languages (rules ML1-ML7 in shared/SPEC.md). A row's title or a Plan
 * of Action section's title or body stays where it is (the original); a `translation` record
 * beside it holds the same text in en/fr/es/ar and names the original's language. Readers see
 * their language where a translation exists, else the original, marked with its language. Pure.
 */

/** The translations of one text, merged from its records (ML3). */
export interface TranslationSet {
  /** The record editors write into: the smallest id among the text's records. */
  id: string;
  /** The original's language as recorded (null = the plan's language, ML2). */
  original: Locale | null;
  /** The text in each language ('' = none). */
  texts: Record<Locale, string>;
}

/** Index of translation sets by target kind, target id and field (see {@link translationKey}). */
export type TranslationIndex = ReadonlyMap<string, TranslationSet>;

/** What a reader is shown of one text (ML5): the text, its language, and whether it is the original. */
export interface ShownText {
  text: string;
  lang: Locale;
  /** True when the original is shown (no translation in the reader's language, or the reader reads the original's language). */
  original: boolean;
}

/** The index key of a target's field: `goal:g1:title`. */
export function translationKey(kind: TranslationTarget, id: string, field: TranslatedField): string {
  return `${kind}:${id}:${field}`;
}

/** True when `field` can be translated on `kind` (ML1): every target has a title; only sections have a body. */
export function isTranslatable(kind: TranslationTarget, field: TranslatedField): boolean {
  return field === 'title' || kind === 'section';
}

/** A text that counts as written: anything but blanks. */
const written = (s: string | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * ML3: merges the records of each text. Records are read in id order; the first one is the
 * text's record (its `original` counts, editors write into it), and each language takes the
 * first written text among them, so words typed into a record two people created at once are
 * still shown. Records for a field their kind lacks (a goal's body) are ignored.
 */
export function indexTranslations(records: readonly Translation[]): Map<string, TranslationSet> {
  const out = new Map<string, TranslationSet>();
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of sorted) {
    if (!isTranslatable(r.targetKind, r.field)) continue;
    const key = translationKey(r.targetKind, r.targetId, r.field);
    let set = out.get(key);
    if (!set) {
      set = { id: r.id, original: isLocale(r.original) ? r.original : null, texts: { en: '', fr: '', es: '', ar: '' } };
      out.set(key, set);
    }
    for (const l of LOCALES) if (!written(set.texts[l]) && written(r[l])) set.texts[l] = r[l];
  }
  return out;
}

/** ML2: the original's language: as recorded, else the plan's language, else English. */
export function originalLanguage(set: TranslationSet | undefined, planLanguage: unknown): Locale {
  return set?.original ?? (isLocale(planLanguage) ? planLanguage : DEFAULT_LOCALE);
}

/**
 * ML5: what a reader of `reader` sees of a text whose original is `original`: the original when it
 * is in the reader's language; else the reader's translation when one is written; else the
 * original, in its own language (the page marks it, e.g. "original: FR").
 */
export function shownText(original: string, set: TranslationSet | undefined, reader: Locale, planLanguage: unknown): ShownText {
  const lang = originalLanguage(set, planLanguage);
  if (lang !== reader) {
    const t = set?.texts[reader];
    if (written(t)) return { text: t, lang: reader, original: false };
  }
  return { text: original, lang, original: true };
}

/** Languages other than the original's that have a written translation, in LOCALES order (ML5, ML6). */
export function translatedLanguages(set: TranslationSet | undefined, planLanguage: unknown): Locale[] {
  if (!set) return [];
  const orig = originalLanguage(set, planLanguage);
  return LOCALES.filter((l) => l !== orig && written(set.texts[l]));
}

/**
 * ML6: every language version of a text for documents that carry several (IATI narratives): the
 * original first, in its language, then each written translation in another language.
 * An empty original gives no version of its own.
 */
export function textVersions(original: string, set: TranslationSet | undefined, planLanguage: unknown): { lang: Locale; text: string }[] {
  const lang = originalLanguage(set, planLanguage);
  const out = written(original) ? [{ lang, text: original }] : [];
  for (const l of translatedLanguages(set, planLanguage)) out.push({ lang: l, text: set!.texts[l] });
  return out;
}

/** A plan's texts in one language (ML7, documents): `text(kind, id, field, original)` gives the version to print. */
export interface PlanTexts {
  text(kind: TranslationTarget, id: string, field: TranslatedField, original: string): string;
  /** The language of that version (for `lang` on the element). */
  lang(kind: TranslationTarget, id: string, field: TranslatedField, original: string): Locale;
  /** The version shown (ML5) and the original's language (ML2), for tables that mark translations (ML9). */
  version(kind: TranslationTarget, id: string, field: TranslatedField, original: string): ShownText & { originalLang: Locale };
}

/** ML7: the texts of `plan` as a reader (or a document) in `lang` sees them. */
export function planTexts(plan: { translations?: readonly Translation[]; language?: unknown }, lang: Locale): PlanTexts {
  const index = indexTranslations(plan.translations ?? []);
  const shown = (kind: TranslationTarget, id: string, field: TranslatedField, original: string) =>
    shownText(original, index.get(translationKey(kind, id, field)), lang, plan.language);
  return {
    text: (kind, id, field, original) => shown(kind, id, field, original).text,
    lang: (kind, id, field, original) => shown(kind, id, field, original).lang,
    version: (kind, id, field, original) => ({
      ...shown(kind, id, field, original),
      originalLang: originalLanguage(index.get(translationKey(kind, id, field)), plan.language),
    }),
  };
}

/**
 * ML7: a copy of `plan` whose row titles and section titles and bodies read in `lang` where a
 * translation exists (else the original), for documents written in one language (print view,
 * Word). Everything else is shared with `plan`, which is left untouched.
 */
export function planInLanguage(plan: PlanData, lang: Locale): PlanData {
  if (!plan.translations?.length) return plan;
  const texts = planTexts(plan, lang);
  const rows = <T extends { id: string; title: string }>(kind: TranslationTarget, list: readonly T[]): T[] =>
    list.map((x) => ({ ...x, title: texts.text(kind, x.id, 'title', x.title) }));
  return {
    ...plan,
    goals: rows('goal', plan.goals),
    outcomes: rows('outcome', plan.outcomes),
    outputs: rows('output', plan.outputs),
    activities: rows('activity', plan.activities),
    sections: plan.sections.map((s) => ({ ...s, title: texts.text('section', s.id, 'title', s.title), body: texts.text('section', s.id, 'body', s.body) })),
  };
}
