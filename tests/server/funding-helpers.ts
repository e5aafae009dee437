/** Plans shared by the funding tests (server and browser). */

/** An MDL plan (Moldova) with EUR and USD donor money and a national budget line. */
export const MDL_PLAN = {
  format: 'roundtable-plan/1',
  title: 'Diaspora engagement plan',
  country: 'MD',
  currency: 'MDL',
  fiscalYearStart: 1,
  goals: [{ id: 'g', title: 'Diaspora invests at home' }],
  outcomes: [{ id: 'oc', goalId: 'g', title: 'More diaspora investment' }],
  outputs: [{ id: 'op', outcomeId: 'oc', title: 'Matching-grant scheme running' }],
  activities: [
    { id: 'a1', outputId: 'op', title: 'Design the scheme', budget: { amount: 100_000, currency: 'MDL' }, start: '2026-01-01', end: '2026-12-31' },
    { id: 'a2', outputId: 'op', title: 'Launch events abroad', budget: { amount: 1_000, currency: 'EUR' } },
  ],
  fundingLines: [
    { id: 'f1', activityId: 'a1', funder: 'European Union', amount: { amount: 2_000, currency: 'EUR' }, status: 'committed', source: 'new-money', iatiActivityId: 'XI-IATI-EC_INTPA-2026-1' },
    { id: 'f2', activityId: 'a1', funder: 'USAID', amount: { amount: 1_000, currency: 'USD' }, status: 'disbursed', source: 'new-money' },
    { id: 'f3', activityId: 'a1', funder: 'Ministry of Finance', amount: { amount: 10_000, currency: 'MDL' }, status: 'committed', source: 'national-budget', budgetLine: '0802/123' },
  ],
  exchangeRates: [
    { id: 'r1', currency: 'EUR', quote: 'MDL', rate: 19.5, date: '2026-01-01' },
    { id: 'r2', currency: 'USD', quote: 'MDL', rate: 18, date: '2026-01-01' },
    { id: 'r3', currency: 'USD', quote: 'MDL', rate: 17.5, date: '2026-06-01' },
  ],
};
