/**
 * Numbers, money, percentages and dates in a reader's locale, through `Intl` (L3-L4).
 * Every figure a person reads goes through these; nothing hard-codes `en-US`.
 */
import { intlTag, type Locale } from './locales.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(intlTag(locale), options)));
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlTag(locale), options)));
  return f;
}

/** A plain number with the locale's grouping and decimal marks, at most `maxDigits` decimals (default 2). */
export function formatNumber(locale: Locale, value: number, maxDigits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

/**
 * An amount of money: grouped, with the currency's usual decimals, and its code placed as the locale
 * writes it, when `currency` has the shape of an ISO 4217 code. Anything else gives the plain
 * number followed by the text as typed; it never throws.
 */
export function formatMoney(locale: Locale, amount: number, currency: string | undefined): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return numberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
    } catch {
      /* not a currency Intl knows: plain number below */
    }
  }
  const n = formatNumber(locale, amount);
  return currency ? `${n} ${currency}` : n;
}

/** A share (0.25 -> "25 %" in French, "25%" in English), at most one decimal. */
export function formatPercent(locale: Locale, share: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/**
 * A calendar date given as `YYYY-MM-DD` (or a full ISO time), shown as the locale writes dates
 * ("3 mars 2027", "3 de marzo de 2027"). A value that is not a date is returned unchanged.
 */
export function formatDate(locale: Locale, iso: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(d);
}

/** A moment (ISO time or epoch ms) with date and time in the reader's own time zone. */
export function formatDateTime(locale: Locale, when: string | number): string {
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return String(when);
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A list joined the locale's way ("a, b and c", "a, b et c", "a وb"). */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(intlTag(locale), { style: 'long', type: 'conjunction' }).format(items);
}
