import { fmt } from './i18n.js';

/**
 * Amounts kept per currency, each through `fmt.money` (its currency's own minor digits, the
 * reader's grouping and digits), joined by " + "; '' when the list is empty. Every amount a view
 * shows goes through this or `fmt.money`, never a hand-made `number + code`.
 */
export function moneyList(list: readonly { amount: number; currency: string }[]): string {
  return list.map((m) => fmt.money(m.amount, m.currency)).join(' + ');
}
