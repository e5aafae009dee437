import type { Money } from '../schema/types.js';

/**
 * Sums of money kept per currency. Amounts in different currencies are never added together:
 * a total is a list of `{ amount, currency }`, one per currency, sorted by currency code.
 */
export class MoneyTotals {
  private readonly byCurrency = new Map<string, number>();

  /** Adds `money` to the total in its currency. */
  add(money: Money): void {
    this.byCurrency.set(money.currency, (this.byCurrency.get(money.currency) ?? 0) + money.amount);
  }

  /** Adds every currency total of `other`. */
  addAll(other: MoneyTotals): void {
    for (const m of other.list()) this.add(m);
  }

  /** The amount in `currency` (0 when nothing was added in it). */
  get(currency: string): number {
    return this.byCurrency.get(currency) ?? 0;
  }

  /** Currencies present. */
  currencies(): string[] {
    return [...this.byCurrency.keys()].sort();
  }

  /** The totals as plain money values, sorted by currency, amounts rounded to cents. */
  list(): Money[] {
    return this.currencies().map((currency) => ({ amount: roundMoney(this.get(currency)), currency }));
  }
}

/** Rounds to 1/100 to absorb binary floating-point noise in sums. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Formats an amount the way people read budgets: "15,000 USD" (en-US grouping, at most 2 decimals). */
export function formatMoney(m: Money): string {
  return `${m.amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${m.currency}`;
}

/** Formats a total kept per currency: "15,000 USD + 2,500 EUR"; an empty list gives ''. */
export function formatMoneyList(list: readonly Money[]): string {
  return list.map(formatMoney).join(' + ');
}
