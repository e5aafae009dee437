import { isId } from '../ids.js';
import type { Money, Measure } from './types.js';
import { intlTag, type Locale } from '../i18n/locales.js';

/**
 * Scalar rules shared by the doc reader, the JSON parser and the commands, so a value that one
 * door accepts is accepted by all of them.
 */
export const LIMITS = {
  /** Short strings: names, titles, codes, funder names, units. */
  shortText: 2_000,
  /** Long prose: Plan of Action sections, objectives, results. */
  longText: 200_000,
  /** Items in any one list of the JSON format. */
  items: 100_000,
  /** Entries in small inline lists (national goals, disaggregations, dependencies). */
  smallList: 200,
  /** Nesting depth accepted from JSON input. */
  depth: 12,
  /** Largest money amount or indicator value (beyond that a typo is far more likely). */
  maxNumber: 1e15,
} as const;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True for an ISO 4217 shaped code: three upper-case letters. */
export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}

/** True for an ISO 3166-1 alpha-2 shaped code: two upper-case letters. */
export function isCountry(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value);
}

/** The country's name in `locale` (English by default: "Senegal" for "SN", "Sénégal" in fr; SPEC L42), or the code itself where the runtime has none. */
export function countryName(code: string, locale: Locale = 'en'): string {
  try {
    return new Intl.DisplayNames([intlTag(locale)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** True for a finite number within ±LIMITS.maxNumber. */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS.maxNumber;
}

/** True when `value` is one of `allowed`. */
export function isOneOf<T extends string | number>(allowed: readonly T[], value: unknown): value is T {
  return (allowed as readonly unknown[]).includes(value);
}

/** True for a string no longer than `max`. */
export function isText(value: unknown, max: number = LIMITS.shortText): value is string {
  return typeof value === 'string' && value.length <= max;
}

/**
 * Reads an own property only. Objects decoded from Yjs updates may carry a `__proto__` key that
 * re-points their prototype; reading through the chain would then see a peer's data.
 */
export function own(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** True when `value` is a plain object whose own keys are all in `keys`. */
export function hasOnlyKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => keys.includes(k));
}

/** A valid money value (non-negative amount, currency code, no other keys), or null otherwise. */
export function toMoney(value: unknown): Money | null {
  if (!hasOnlyKeys(value, ['amount', 'currency'])) return null;
  const amount = own(value, 'amount');
  const currency = own(value, 'currency');
  if (!isNumber(amount) || amount < 0 || !isCurrency(currency)) return null;
  return { amount, currency };
}

/** A valid measure (`{ value, date }`, date may be null or absent), or null for anything else. */
export function toMeasure(value: unknown): Measure | null {
  if (!hasOnlyKeys(value, ['value', 'date'])) return null;
  const v = own(value, 'value');
  const date = own(value, 'date');
  if (!isNumber(v)) return null;
  if (date !== null && date !== undefined && !isDate(date)) return null;
  return { value: v, date: isDate(date) ? date : null };
}

/** Strings from `value` that are short texts, capped at LIMITS.smallList, or [] if not a list. */
export function toTextList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is string => isText(s)).slice(0, LIMITS.smallList);
}

/** `value` if it is an id, else null. */
export function toId(value: unknown): string | null {
  return isId(value) ? value : null;
}
