/**
 * The languages Roundtable speaks, and how a reader's language is chosen (L1-L3).
 * Pure data and `Intl`: used by the browser (the reader's language) and the server (exports).
 */

/** Every locale with a complete message catalogue, English first (the fallback). */
export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** The locale used when nothing else is known, and the catalogue every other one is checked against. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Each locale's name in its own language, for the language picker (readers look for their own word). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

/** True for a value that names a supported locale exactly (`'fr'`, not `'fr-SN'`). */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Writing direction of a locale: Arabic is right to left, the others left to right (L2). */
export function dirOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The first supported locale among a reader's preferences (BCP 47 tags such as `navigator.languages`),
 * matched on the primary language subtag: `fr-SN` picks `fr`, `ar-JO` picks `ar`. Falls back to
 * English (L1).
 */
export function pickLocale(preferences: readonly string[] | undefined | null): Locale {
  for (const tag of preferences ?? []) {
    if (typeof tag !== 'string') continue;
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/**
 * The BCP 47 tag handed to `Intl` for a locale (L3). Arabic uses Latin digits (`ar-u-nu-latn`):
 * plans mix Arabic text with matrix codes (2.1.1.3), budgets and IATI identifiers that finance
 * ministries and donors read and paste into spreadsheets, and Latin digits are what Maghreb
 * administrations write; one digit set keeps a code and its amount identical in every export.
 */
export function intlTag(locale: Locale): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}
