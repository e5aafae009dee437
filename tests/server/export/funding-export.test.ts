import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderPoaDocx } from '../../../server/export/docx.js';
import { renderPoaHtml } from '../../../server/export/html.js';
import { buildPoaDocument } from '../../../server/export/poa-model.js';
import { plan } from '../../shared/helpers/fixtures.js';
import { MDL_PLAN } from '../funding-helpers.js';

const AT = '2026-12-01T12:00:00.000Z';
const doc = (input: Record<string, unknown>) => buildPoaDocument(plan(input), { snapshot: null, generatedAt: AT });

describe('Funding part of the print view and the Word document (issue 11)', () => {
  it('gives the whole plan, funding by source and by funder, per currency and in the plan currency with the rates used', () => {
    const f = doc(MDL_PLAN).funding;
    expect(f.currency).toBe('MDL');
    expect(f.rates).toEqual(['1 EUR = 19.5 MDL (value date 2026-01-01)', '1 USD = 17.5 MDL (value date 2026-06-01)']);
    expect(f.notes).toEqual([]);
    expect(f.tables.map((t) => t.caption)).toEqual(['Whole plan', 'By source', 'By funder', 'Planned money per fiscal year (the fiscal year starts in January)']);
    const [whole, sources, funders, fiscal] = f.tables;
    // 100,000 MDL + 1,000 EUR x 19.5; committed 2,000 EUR x 19.5 + 10,000 MDL; disbursed 1,000 USD x 17.5.
    expect(whole!.rows).toEqual([
      ['Planned', '1,000 EUR + 100,000 MDL', '119,500 MDL'],
      ['Pledged', '–', '0 MDL'],
      ['Committed', '2,000 EUR + 10,000 MDL', '49,000 MDL'],
      ['Disbursed', '1,000 USD', '17,500 MDL'],
      ['Funding gap (planned − committed − disbursed)', '-1,000 EUR + 90,000 MDL', '53,000 MDL'],
    ]);
    expect(sources!.rows).toEqual([
      ['National budget', '–', '10,000 MDL', '–', '0 MDL', '10,000 MDL', '0 MDL'],
      ['New money', '–', '2,000 EUR', '1,000 USD', '0 MDL', '39,000 MDL', '17,500 MDL'],
    ]);
    expect(funders!.rows.map((r) => [r[0], r[5], r[6]])).toEqual([
      ['European Union', '39,000 MDL', '0 MDL'],
      ['Ministry of Finance', '10,000 MDL', '0 MDL'],
      ['USAID', '0 MDL', '17,500 MDL'],
    ]);
    // a1 runs in 2026; a2 has no dates.
    expect(fiscal!.rows).toEqual([
      ['2026', '2026-01-01 to 2026-12-31', '100,000 MDL', '100,000 MDL'],
      ['Not scheduled', 'activities without dates', '1,000 EUR', ''],
    ]);
  });

  it('names a currency without a rate and leaves its figures unconverted; without a plan currency shows money per currency only', () => {
    const noEur = doc({ ...MDL_PLAN, exchangeRates: MDL_PLAN.exchangeRates.filter((r) => r.currency !== 'EUR') });
    expect(noEur.funding.rates).toEqual(['1 USD = 17.5 MDL (value date 2026-06-01)']);
    expect(noEur.funding.notes).toEqual([expect.stringContaining('No exchange rate into MDL is in force for EUR')]);
    expect(noEur.funding.tables[0]!.rows[0]).toEqual(['Planned', '1,000 EUR + 100,000 MDL', '– (no rate)']);
    expect(noEur.funding.tables[0]!.rows[3]).toEqual(['Disbursed', '1,000 USD', '17,500 MDL']);
    const none = doc({ ...MDL_PLAN, currency: null });
    expect(none.funding.currency).toBeNull();
    expect(none.funding.notes).toEqual([expect.stringContaining('no plan currency')]);
    expect(none.funding.tables[1]!.columns).toEqual(['Source', 'Pledged', 'Committed', 'Disbursed']);
    const empty = doc({ title: 'Empty' });
    expect(empty.funding.tables.map((t) => t.rows.length)).toEqual([5, 0, 0, 0]);
  });

  it('the print view has the Funding part after the matrix, with its tables; an empty plan says so', () => {
    const html = renderPoaHtml(doc(MDL_PLAN));
    const at = (s: string) => html.indexOf(s);
    expect(at('<h2 id="pf">Funding</h2>')).toBeGreaterThan(at('Implementation Plan Matrix</h2>'));
    expect(at('<h2 id="pf">Funding</h2>')).toBeLessThan(at('Monitoring Implementation Matrix</h2>'));
    expect(html).toContain('Rates used: 1 EUR = 19.5 MDL (value date 2026-01-01); 1 USD = 17.5 MDL (value date 2026-06-01).');
    expect(html).toContain('<th scope="col">Committed in MDL</th>');
    expect(html).toMatch(/<th scope="row" dir="auto">European Union<\/th><td class="num">–<\/td><td class="num">2,000 EUR<\/td>/);
    expect(html).toContain('<td class="num">53,000 MDL</td>');
    const empty = renderPoaHtml(doc({ title: 'Empty' }));
    expect(empty).toContain('<h3>By funder</h3><p class="empty">Nothing to show yet: no funding lines or budgets.</p>');
  });

  it('the Word document has a Funding heading and the tables with their cells', async () => {
    const bytes = await renderPoaDocx(doc(MDL_PLAN));
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = (s: string) => [...s.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const h1 = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) => text(m[0]));
    expect(h1.indexOf('Funding')).toBe(h1.indexOf('Implementation Plan Matrix') + 1);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const funders = tables.find((t) => text(t).includes('European Union'))!;
    const rows = [...funders.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])));
    expect(rows[0]).toEqual(['Funder', 'Pledged', 'Committed', 'Disbursed', 'Pledged in MDL', 'Committed in MDL', 'Disbursed in MDL']);
    expect(rows[1]).toEqual(['European Union', '–', '2,000 EUR', '–', '0 MDL', '39,000 MDL', '0 MDL']);
    expect(text(xml)).toContain('Rates used: 1 EUR = 19.5 MDL');
  });
});
