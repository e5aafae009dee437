/**
 * The reader's language in the browser (issue 16): one i18next instance, English bundled, the other
 * catalogues loaded on demand as their own chunks. The choice is remembered on this device; the
 * first visit follows the browser's languages (L1).
 *
 * Components call {@link t} in `render()` and format figures with {@link fmt}. Switching the
 * language re-renders every Lit element on the page (they all read `t` when they render).
 */
import i18next from 'i18next';
import en from '../shared/i18n/en/index.js';
import { DEFAULT_LOCALE, dirOf, isLocale, pickLocale, type Locale } from '../shared/i18n/locales.js';
import * as format from '../shared/i18n/format.js';
import type { Catalogue } from '../shared/i18n/types.js';

const STORAGE_KEY = 'rt.locale';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalogue }>> = {
  fr: () => import('../shared/i18n/fr/index.js'),
  es: () => import('../shared/i18n/es/index.js'),
  ar: () => import('../shared/i18n/ar/index.js'),
};

const i18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { en },
  ns: Object.keys(en),
  defaultNS: 'common',
  // Lit escapes every interpolated value itself.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

let current: Locale = DEFAULT_LOCALE;

/**
 * The message `key` (`'ns:key'`, or a `common` key) in the reader's language, with `{{name}}`
 * placeholders filled from `params`; `count` picks the plural form.
 */
export function t(key: string, params?: Record<string, unknown>): string {
  return String(i18n.t(key, params as never));
}

/** True when the catalogue (the reader's language or English) has the message `key` (`'ns:key'`). */
export function i18nHas(key: string): boolean {
  return i18n.exists(key);
}

/** The reader's current locale. */
export function locale(): Locale {
  return current;
}

/** Figures in the reader's locale: the shared formatters with the locale filled in. */
export const fmt = {
  number: (n: number, maxDigits?: number) => format.formatNumber(current, n, maxDigits),
  money: (amount: number, currency: string | undefined) => format.formatMoney(current, amount, currency),
  percent: (share: number) => format.formatPercent(current, share),
  date: (iso: string, style?: 'medium' | 'long' | 'short') => format.formatDate(current, iso, style),
  dateTime: (when: string | number) => format.formatDateTime(current, when),
  list: (items: readonly string[]) => format.formatList(current, items),
};

/** The locale this device remembered, else the browser's first supported language. */
export function preferredLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage refused (private mode): follow the browser */
  }
  return isLocale(saved) ? saved : pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Re-renders every Lit element in the document, shadow roots included (after a language change). */
function refreshAll(root: Document | ShadowRoot): void {
  for (const el of root.querySelectorAll('*')) {
    const host = el as Element & { requestUpdate?: () => void };
    if (typeof host.requestUpdate === 'function') host.requestUpdate();
    if (el.shadowRoot) refreshAll(el.shadowRoot);
  }
}

/**
 * Switches the reader's language: loads its catalogue if needed, sets `lang` and `dir` on the
 * document, remembers the choice on this device (unless `remember` is false) and re-renders the page.
 */
export async function setLocale(next: Locale, remember = true): Promise<void> {
  if (next !== 'en' && !i18n.hasResourceBundle(next, 'common')) {
    const { default: catalogue } = await loaders[next]();
    for (const [ns, messages] of Object.entries(catalogue)) i18n.addResourceBundle(next, ns, messages, true, true);
  }
  await i18n.changeLanguage(next);
  current = next;
  document.documentElement.lang = next;
  document.documentElement.dir = dirOf(next);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not remembered; still switched */
    }
  }
  refreshAll(document);
  document.dispatchEvent(new CustomEvent('rt-locale', { detail: next }));
}
