import { describe, expect, it } from 'vitest';
import { MoneyTotals, formatMoney, formatMoneyList } from '../../shared/domain/money.js';

describe('money as people read it', () => {
  it('[B8] one amount reads "15,000 USD", at most two decimals', () => {
    expect(formatMoney({ amount: 15000, currency: 'USD' })).toBe('15,000 USD');
    expect(formatMoney({ amount: 1234567.5, currency: 'EUR' })).toBe('1,234,567.5 EUR');
    expect(formatMoney({ amount: 0.125, currency: 'USD' })).toBe('0.13 USD');
    expect(formatMoney({ amount: 0, currency: 'XOF' })).toBe('0 XOF');
  });

  it('[B8] a total per currency joins with "+"; an empty total reads as nothing', () => {
    const t = new MoneyTotals();
    expect(formatMoneyList(t.list())).toBe('');
    t.add({ amount: 2500, currency: 'USD' });
    t.add({ amount: 12500, currency: 'USD' });
    t.add({ amount: 2500, currency: 'EUR' });
    expect(formatMoneyList(t.list())).toBe('2,500 EUR + 15,000 USD');
  });
});
