import { LOCALES, type Locale } from '../../shared/i18n/locales.js';
import { indexTranslations, originalLanguage, textVersions, translationKey, type TranslationSet } from '../../shared/domain/translations.js';
import type { PlanData, TranslationTarget } from '../../shared/schema/types.js';

/**
 * IATI narratives per language (SPEC ML6): the export writes one `<narrative xml:lang="..">` per
 * language a title (or a description made of titles) exists in: the original's language first,
 * then each written translation, in en, fr, es, ar order.
 */

/** One title of the plan: a row or section, by kind and id, with its original text. */
export interface TitleRef {
  kind: TranslationTarget;
  id: string;
  original: string;
}

/** One narrative: its language and text. */
export interface Narrative {
  lang: Locale;
  text: string;
}

/** The languages and translated titles of one plan, for its IATI file. */
export interface PlanNarratives {
  /**
   * The narratives of an element made from `titles` (ML6): one per language any of them exists
   * in (the first title's original language first), each made by `make(lang, titleIn)` where
   * `titleIn(t)` is `t` in that language (its translation, else its original).
   */
  of(titles: readonly TitleRef[], make: (lang: Locale, titleIn: (t: TitleRef) => string) => string): Narrative[];
}

/** Reads the plan's translations once (ML3) for its IATI file. */
export function planNarratives(plan: Pick<PlanData, 'translations' | 'language'>): PlanNarratives {
  const index = indexTranslations(plan.translations ?? []);
  const setOf = (t: TitleRef): TranslationSet | undefined => index.get(translationKey(t.kind, t.id, 'title'));
  return {
    of(titles, make) {
      const seen = new Set<Locale>();
      for (const t of titles) for (const v of textVersions(t.original, setOf(t), plan.language)) seen.add(v.lang);
      const first = titles[0] ? originalLanguage(setOf(titles[0]), plan.language) : 'en';
      const langs = seen.size === 0 ? [first] : [...(seen.has(first) ? [first] : []), ...LOCALES.filter((l) => l !== first && seen.has(l))];
      return langs.map((lang) => ({
        lang,
        text: make(lang, (t) => {
          const set = setOf(t);
          const own = set?.texts[lang];
          return originalLanguage(set, plan.language) !== lang && own?.trim() ? own : t.original;
        }),
      }));
    },
  };
}
