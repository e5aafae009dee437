/**
 * Messages on the server, for documents it writes in a plan's language (print, Word, Excel
 * headings). One i18next instance holds all four catalogues; {@link translator} gives a `t` fixed
 * to one locale. The server's API answers carry codes and parameters, not sentences.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../shared/i18n/en/index.js';
import fr from '../shared/i18n/fr/index.js';
import es from '../shared/i18n/es/index.js';
import ar from '../shared/i18n/ar/index.js';
import { DEFAULT_LOCALE, type Locale } from '../shared/i18n/locales.js';

const i18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { en, fr, es, ar },
  ns: Object.keys(en),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** A translate function fixed to `locale` (keys are `ns:key`), falling back to English. */
export function translator(locale: Locale): (key: string, params?: Record<string, unknown>) => string {
  const fixed: TFunction = i18n.getFixedT(locale);
  return (key, params) => String(fixed(key, params as never));
}
