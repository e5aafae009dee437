/// <reference types="vite/client" />
/**
 * The reader's language in the browser (issue 16): one i18next instance. Catalogues load by
 * namespace (SPEC BL4): the boot namespaces (`BOOT_NAMESPACES`) before the first render, English
 * ones in the first load itself; a view's or panel's namespaces with its module (`loadNamespaces`,
 * called by `client/views.ts`), so a first visit carries none of the other screens' text. The
 * choice is remembered on this device; the first visit follows the browser's languages (L1).
 *
 * Components call {@link t} in `render()` and format figures with {@link fmt}. Switching the
 * language loads every namespace asked for so far in the new language, then re-renders every Lit
 * element on the page (they all read `t` when they render).
 */
import i18next from 'i18next';
import common from '../shared/i18n/en/common.js';
import shell from '../shared/i18n/en/shell.js';
import collab from '../shared/i18n/en/collab.js';
import picks from './i18n-picks.js';
import a11y from '../shared/i18n/en/a11y.js';
import { DEFAULT_LOCALE, dirOf, isLocale, pickLocale, type Locale } from '../shared/i18n/locales.js';
import * as format from '../shared/i18n/format.js';
import type { Messages } from '../shared/i18n/types.js';
import { BOOT_NAMESPACES, BOOT_PICKS } from './i18n-namespaces.js';

const STORAGE_KEY = 'rt.locale';

/** English boot namespaces, in the first load (of those in `BOOT_PICKS`, only the picked keys in a production build). */
const EN_BOOT = { common, shell, collab, a11y, ...picks } satisfies Record<(typeof BOOT_NAMESPACES)[number], Messages>;

/**
 * `<locale>/<namespace>` bundles that hold only the first screen's keys (SPEC BL5): a view or panel
 * that asks for the namespace loads it whole. Empty outside a production build (the picks are whole).
 */
const partial = new Set<string>(import.meta.env.PROD ? Object.keys(BOOT_PICKS).map((ns) => `en/${ns}`) : []);

/** Every catalogue file, `<locale>/<namespace>`, each loaded on demand (its own chunk). */
// (English boot namespaces are imported above, other languages' come through LOCALE_BOOTS: both are left out here.
// A boot namespace listed here too would be a chunk of its own that the locale's boot chunk imports.)
const FILES = import.meta.glob<Messages>(
  [
    '../shared/i18n/*/*.ts',
    '!../shared/i18n/*/index.ts',
    '!../shared/i18n/en/{common,shell,collab,a11y}.ts',
    '!../shared/i18n/{fr,es,ar}/{common,shell,collab,consult,library,sectors,a11y}.ts',
  ],
  { import: 'default' },
);
/**
 * Another language's boot namespaces, one module per language (`client/locale-boot/i18n-<locale>.ts`):
 * one chunk and one request (SPEC L134). Imported by namespace, the bundler left seven 48-byte proxy
 * chunks in front of the language's chunk, about 7 KB of headers on a first visit.
 */
const LOCALE_BOOTS = import.meta.glob<Record<string, Messages>>('./locale-boot/*.ts', { import: 'default' });
const BOOT = new Set<string>(BOOT_NAMESPACES);
/** The loader of namespace `ns` in `lng`, if it has a catalogue. */
function fileOf(lng: Locale, ns: string): (() => Promise<Messages>) | undefined {
  const boot = BOOT.has(ns) ? LOCALE_BOOTS[`./locale-boot/i18n-${lng}.ts`] : undefined;
  if (boot) return () => boot().then((all) => all[ns]!);
  return FILES[`../shared/i18n/${lng}/${ns}.ts`];
}

const i18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { en: EN_BOOT },
  ns: [...BOOT_NAMESPACES],
  defaultNS: 'common',
  // Lit escapes every interpolated value itself.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/**
 * Every namespace asked for whole so far: a language switch loads them all (and the boot set) in the
 * new language. The picked boot namespaces join it when a view or panel asks for them.
 */
const wanted = new Set<string>(BOOT_NAMESPACES.filter((ns) => !(ns in BOOT_PICKS)));
/** Loads under way, by `<locale>/<namespace>`. */
const pending = new Map<string, Promise<void>>();
/** The locale a switch is loading (namespaces asked for meanwhile load in it too). */
let switching: Locale | null = null;

/** Loads one namespace of one locale into i18next (once; a failed load is tried again next time). */
function ensure(lng: Locale, ns: string): Promise<void> {
  const key = `${lng}/${ns}`;
  // A bundle of picked keys suffices until someone asks for the whole namespace.
  if (i18n.hasResourceBundle(lng, ns) && !(partial.has(key) && wanted.has(ns))) return Promise.resolve();
  let p = pending.get(key);
  if (!p) {
    const file = fileOf(lng, ns);
    if (!file) return Promise.reject(new Error(`no catalogue ${key}`));
    p = file().then(
      (messages) => {
        i18n.addResourceBundle(lng, ns, messages, true, true);
        partial.delete(key);
        pending.delete(key);
      },
      (err: unknown) => {
        pending.delete(key);
        throw err;
      },
    );
    pending.set(key, p);
  }
  return p;
}

/**
 * Loads the namespaces `namespaces` in the reader's language (and in the language being switched
 * to, if a switch is under way); resolves once their messages are in. Views and panels call it
 * (through `client/views.ts`) before their element is defined.
 */
export async function loadNamespaces(namespaces: readonly string[]): Promise<void> {
  for (const ns of namespaces) wanted.add(ns);
  const locales = new Set<Locale>([current, ...(switching ? [switching] : [])]);
  await Promise.all([...locales].flatMap((lng) => namespaces.map((ns) => ensure(lng, ns))));
}

let current: Locale = DEFAULT_LOCALE;

/**
 * The message `key` (`'ns:key'`, or a `common` key) in the reader's language, with `{{name}}`
 * placeholders filled from `params`; `count` picks the plural form.
 */
export function t(key: string, params?: Record<string, unknown>): string {
  const memo = params ? filledKey(key, params) : key;
  if (memo === null) return String(i18n.t(key, params as never));
  let text = filled.get(memo);
  if (text === undefined) {
    text = String(i18n.t(key, params as never));
    if (filled.size >= FILLED_MAX) filled.clear();
    filled.set(memo, text);
  }
  return text;
}

/**
 * Messages already filled in the reader's language, by key and parameters (SPEC MP1): a render
 * asks for the same labels again and again (every row's "Move up", the toolbar's counts), and
 * i18next resolves, pluralises and interpolates each time. Emptied when the language changes or a
 * catalogue is added or removed (a namespace loaded on demand, a whole bundle replacing picked
 * keys), and when it holds `FILLED_MAX` messages.
 */
const filled = new Map<string, string>();
const FILLED_MAX = 20_000;
const forget = (): void => filled.clear();
i18n.on('languageChanged', forget);
i18n.store.on('added', forget);
i18n.store.on('removed', forget);

/**
 * The memo key of `key` with `params`: each parameter as name, type and (for text) length, then
 * its value, so no typed value can make two different parameter sets one key. Null when a value
 * is not a string, number, boolean, null or undefined (such calls are not kept).
 */
function filledKey(key: string, params: Record<string, unknown>): string | null {
  let out = key;
  for (const name in params) {
    const v = params[name];
    switch (typeof v) {
      case 'string':
        out += `\u0000${name}\u0001s${v.length}:${v}`;
        break;
      case 'number':
        out += `\u0000${name}\u0001n${Object.is(v, -0) ? '-0' : String(v)}`;
        break;
      case 'boolean':
        out += `\u0000${name}\u0001b${v ? 1 : 0}`;
        break;
      case 'undefined':
        out += `\u0000${name}\u0001u`;
        break;
      default:
        if (v !== null) return null;
        out += `\u0000${name}\u0001z`;
    }
  }
  return out;
}

/**
 * `label` and `value` joined as a label and its value in the reader's language (SPEC L51): "Plan:
 * text" in English, "Plan\u202f: texte" in French (a narrow no-break space before the colon). Use it
 * for every such join built in code, never `${label}: ${value}`.
 */
export function labelled(label: string, value: string | number): string {
  return t('common:labelled', { label, value });
}

/** True when the catalogue (the reader's language or English) has the message `key` (`'ns:key'`). */
export function i18nHas(key: string): boolean {
  return i18n.exists(key);
}

/** True when the namespace `ns` is loaded in the reader's language (a message of it reads in that language now). */
export function hasNamespace(ns: string): boolean {
  return i18n.hasResourceBundle(current, ns);
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
 * Switches the reader's language: loads every namespace asked for so far in it, sets `lang` and `dir` on the
 * document, remembers the choice on this device (unless `remember` is false) and re-renders the page.
 */
export async function setLocale(next: Locale, remember = true): Promise<void> {
  switching = next;
  try {
    await Promise.all([...new Set([...BOOT_NAMESPACES, ...wanted])].map((ns) => ensure(next, ns)));
  } finally {
    switching = null;
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

// Tests and development (no production build): every English namespace at once, as components
// rendered without `client/views.ts` expect. The production build leaves this out.
if (!import.meta.env.PROD) {
  const all = Object.keys(FILES).flatMap((f) => (/\/en\/(\w+)\.ts$/.exec(f)?.slice(1) ?? []));
  await loadNamespaces(all);
}
