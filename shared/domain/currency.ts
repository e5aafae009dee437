import type { ExchangeRate, Money, PlanData } from '../schema/types.js';
import { roundMoney } from './money.js';

/**
 * Currencies (rules CU1-CU5 in shared/SPEC.md): exchange rates entered by the team with value
 * dates, the rate in force for a conversion, and fiscal years starting in any month. Nothing is
 * looked up on a network; a currency without a rate is named, never counted as 0 or 1.
 */

/** The rate used to convert one currency into the plan currency, as shown beside a total. */
export interface RateInForce {
  /** Converted from. */
  currency: string;
  /** Converted to: the plan currency. */
  quote: string;
  /** Units of `quote` per one unit of `currency` (inverted when the team entered the other way round). */
  rate: number;
  /** Value date of the rate used. */
  date: string;
  /** Id of the exchange rate entry it comes from. */
  rateId: string;
  /** True when the entry was quote -> currency and is used inverted. */
  inverted: boolean;
}

/** Converts money into one target currency with the rates in force (see {@link converterFor}). */
export interface Converter {
  /** The target currency (the plan currency). */
  currency: string;
  /** The date that decided which rates are in force (null: the latest rate of each currency). */
  asOf: string | null;
  /** Factor to multiply an amount in `currency` by, or null when no rate is in force (CU3). */
  factor(currency: string): number | null;
  /** Rates used so far (one per currency), in currency order. */
  used(): RateInForce[];
  /** Currencies met without a rate in force, in order. */
  missing(): string[];
}

/**
 * The rate of `from` into `to` in force on `asOf` (CU2): among live entries of the pair, in
 * either direction, the one with the latest value date on or before `asOf` (any date when `asOf`
 * is null); on the same date a direct entry wins over an inverted one, then the larger id.
 */
export function rateInForce(rates: readonly ExchangeRate[], from: string, to: string, asOf: string | null): RateInForce | null {
  let best: RateInForce | null = null;
  for (const r of rates) {
    if (r.archived || (asOf !== null && r.date > asOf)) continue;
    const direct = r.currency === from && r.quote === to;
    const inverse = r.currency === to && r.quote === from;
    if (!direct && !inverse) continue;
    const cand: RateInForce = { currency: from, quote: to, rate: direct ? r.rate : 1 / r.rate, date: r.date, rateId: r.id, inverted: !direct };
    if (!best || cand.date > best.date || (cand.date === best.date && (best.inverted && !cand.inverted || (best.inverted === cand.inverted && cand.rateId > best.rateId)))) best = cand;
  }
  return best;
}

/**
 * A converter into `plan.currency` with the rates in force on `asOf` (CU2). Each currency's rate
 * is looked up once. Returns null when the plan has no currency (nothing to convert into).
 */
export function converterFor(plan: Pick<PlanData, 'currency' | 'exchangeRates'>, asOf: string | null = null): Converter | null {
  const target = plan.currency;
  if (!target) return null;
  const cache = new Map<string, RateInForce | null>();
  const missing = new Set<string>();
  return {
    currency: target,
    asOf,
    factor(currency) {
      if (currency === target) return 1;
      let r = cache.get(currency);
      if (r === undefined) {
        r = rateInForce(plan.exchangeRates, currency, target, asOf);
        cache.set(currency, r);
        if (!r) missing.add(currency);
      }
      return r ? r.rate : null;
    },
    used: () => [...cache.values()].filter((r): r is RateInForce => r !== null).sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    missing: () => [...missing].sort(),
  };
}

/** Sum of `list` in the converter's currency, or null when one of its currencies has no rate (CU3). */
export function convertList(conv: Converter, list: readonly Money[]): number | null {
  let sum = 0;
  for (const m of list) {
    const f = conv.factor(m.currency);
    if (f === null) return null;
    sum += m.amount * f;
  }
  return roundMoney(sum);
}

/** Formats a rate for people: "1 EUR = 19.5 MDL (value date 2026-01-01)". */
export function formatRate(r: RateInForce): string {
  return `1 ${r.currency} = ${Number(r.rate.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 })} ${r.quote} (value date ${r.date})`;
}

/** One fiscal year of the plan: its label and first and last day. */
export interface FiscalYear {
  /** "2026" when the year starts in January, else "2026/27" (named by the calendar year it starts in). */
  label: string;
  start: string;
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY = 86_400_000;
const dayNo = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY;

/** The fiscal year starting in month `startMonth` (1-12) of calendar year `year` (CU4). */
export function fiscalYear(year: number, startMonth: number): FiscalYear {
  const start = `${year}-${pad(startMonth)}-01`;
  const endYear = startMonth === 1 ? year : year + 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const lastDay = new Date(Date.UTC(endYear, endMonth, 0)).getUTCDate();
  const label = startMonth === 1 ? String(year) : `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  return { label, start, end: `${endYear}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The calendar year in which the fiscal year holding `date` starts. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= startMonth ? y : y - 1;
}

/**
 * Splits `amount` over the fiscal years that `start`..`end` (inclusive) touches, in proportion to
 * the days of the span in each (CU5). Returns [fiscal start year, share] pairs in order; the
 * shares add up to `amount`.
 */
export function splitByFiscalYear(amount: number, start: string, end: string, startMonth: number): [number, number][] {
  const first = fiscalYearOf(start, startMonth);
  const last = fiscalYearOf(end, startMonth);
  if (first === last) return [[first, amount]];
  const s = dayNo(start);
  const total = dayNo(end) - s + 1;
  const out: [number, number][] = [];
  let given = 0;
  for (let y = first; y <= last; y++) {
    const fy = fiscalYear(y, startMonth);
    const from = Math.max(s, dayNo(fy.start));
    const to = Math.min(dayNo(end), dayNo(fy.end));
    const share = y === last ? amount - given : (amount * (to - from + 1)) / total;
    given += share;
    out.push([y, share]);
  }
  return out;
}
