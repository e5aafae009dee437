import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderPoaDocx } from '../../../server/export/docx.js';
import { renderPoaHtml } from '../../../server/export/html.js';
import { buildPoaDocument } from '../../../server/export/poa-model.js';
import { plan } from '../../shared/helpers/fixtures.js';

const AT = '2026-12-01T12:00:00.000Z';

/** Health: two yes, one partly, one no, tagged by goal g1 and its outcome; trade: answered yes and not relevant, no goal; diaspora: answered "no". */
function tagged() {
  return plan({
    goals: [{ id: 'g1', title: 'Health workers', order: 'a', status: 'selected', sectors: ['health'] }],
    outcomes: [{ id: 'o1', goalId: 'g1', title: 'Clinics staffed', order: 'a', sectors: ['health', 'education'] }],
    sectorAnswers: [
      { id: 'sk-hea-1', value: 'yes' },
      { id: 'sk-hea-2', value: 'yes' },
      { id: 'sk-hea-3', value: 'partly' },
      { id: 'sk-hea-4', value: 'no' },
      { id: 'sk-tra-1', value: 'yes' },
      { id: 'sk-tra-2', value: 'not-relevant' },
      { id: 'sk-dia-1', value: 'no' },
    ],
  });
}

describe('sector coverage in the Plan of Action documents (SK5)', () => {
  it('[SK5] the document model has one row per Annex C sector with answer counts, tags and status', () => {
    const rows = buildPoaDocument(tagged(), { snapshot: null, generatedAt: AT }).sectors;
    expect(rows).toHaveLength(14);
    expect(rows[0]!.sector).toBe('governance');
    expect(rows.find((r) => r.sector === 'health')).toEqual({ sector: 'health', yes: 2, partly: 1, no: 1, notRelevant: 0, total: 6, goals: 1, outcomes: 1, status: 'covered', reason: null });
    expect(rows.find((r) => r.sector === 'education')).toMatchObject({ goals: 0, outcomes: 1, status: 'covered' });
    expect(rows.find((r) => r.sector === 'trade')).toMatchObject({ yes: 1, notRelevant: 1, goals: 0, status: 'considered', reason: null });
    expect(rows.find((r) => r.sector === 'diaspora')).toMatchObject({ no: 1, status: 'uncovered', reason: 'answered-no' });
    expect(rows.find((r) => r.sector === 'governance')).toMatchObject({ yes: 0, status: 'uncovered', reason: 'unanswered' });
  });

  it('[SK5] the print view shows the table with translated headers, sector names and statuses', () => {
    const doc = buildPoaDocument(tagged(), { snapshot: null, generatedAt: AT });
    const html = renderPoaHtml(doc);
    expect(html).toContain('<h3>Sector coverage</h3>');
    expect(html).toContain('<th scope="col">Sector</th><th scope="col">Yes</th><th scope="col">Partly</th><th scope="col">No</th><th scope="col">Not relevant</th><th scope="col">Goals</th><th scope="col">Outcomes</th><th scope="col">Status</th>');
    expect(html).toContain('<tr><th scope="row">Health</th><td class="num">2</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">1</td><td>Covered</td></tr>');
    expect(html).toContain('<th scope="row">Trade</th><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td>Looked at, no goal</td>');
    expect(html).toContain('<td>Uncovered (an answer is &#34;no&#34; but no goal or outcome takes it up)</td>');
    const fr = renderPoaHtml(doc, 'fr');
    expect(fr).toContain('<h3>Couverture des secteurs</h3>');
    expect(fr).not.toContain('<h3>Sector coverage</h3>');
  });

  it('[SK5] the Word document has the same table, in the document language', async () => {
    const doc = buildPoaDocument(tagged(), { snapshot: null, generatedAt: AT });
    const text = async (lang?: 'es') => {
      const zip = await JSZip.loadAsync(await renderPoaDocx(doc, lang));
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
    };
    const en = await text();
    expect(en).toContain('|Sector coverage|');
    expect(en).toContain('|Sector|Yes|Partly|No|Not relevant|Goals|Outcomes|Status|');
    expect(en).toContain('|Health|2|1|1|0|1|1|Covered|');
    expect(en).toContain('|Governance|0|0|0|0|0|0|Uncovered (no goal or outcome names it and its checklist is not answered)|');
    const es = await text('es');
    expect(es).toContain('|Cobertura de los sectores|');
  });
});
