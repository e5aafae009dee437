import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderPoaDocx } from '../../../server/export/docx.js';
import { renderPoaHtml } from '../../../server/export/html.js';
import { buildPoaDocument } from '../../../server/export/poa-model.js';
import { plan } from '../../shared/helpers/fixtures.js';

const AT = '2026-12-01T12:00:00.000Z';

/** A register with a diaspora association (a migrant voice) and a ministry; no woman, vulnerable group or local authority. */
function registered() {
  return plan({
    stakeholders: [
      { id: 'dia', organisation: 'Diaspora council', type: 'diaspora-association', group: 'diaspora', gender: 'male', voices: ['migrant'] },
      { id: 'min', organisation: 'Ministry <of> Labour', type: 'ministry', group: 'government', gender: 'male' },
    ],
    bodies: [{ id: 'ncc', kind: 'ncc', name: 'NCC', members: ['dia'] }],
  });
}

describe('representation in the Plan of Action exports (RP5)', () => {
  it('[RP5] the document model carries the whole-plan figures and the gaps', () => {
    const r = buildPoaDocument(registered(), { snapshot: null, generatedAt: AT }).representation;
    expect(r.summary).toBe('2 organisations and people take part in the plan.');
    expect(r.tables.map((t) => t.heading)).toEqual(['Participation checklist', 'Stakeholder group', 'Gender', 'Voice', 'Committee']);
    expect(r.tables[0]!.rows.map((x) => x.value)).toEqual(['1', '1', '0', '0', '0']);
    expect(r.tables[1]!.rows.find((x) => x.label === 'Diaspora')?.value).toBe('1');
    expect(r.tables[4]!.rows.find((x) => x.label === 'National Consultative Committee')?.value).toBe('1');
    expect(r.gaps).toEqual(['no woman or women’s organisation takes part in the plan', 'no vulnerable-group voice takes part in the plan', 'no local authority takes part in the plan']);
    expect(buildPoaDocument(plan({}), { snapshot: null, generatedAt: AT }).representation.summary).toBe('Nobody is in the stakeholder register yet.');
  });

  it('[RP5] the print view and the Word document show the figures and name the gaps', async () => {
    const doc = buildPoaDocument(registered(), { snapshot: null, generatedAt: AT });
    const html = renderPoaHtml(doc);
    expect(html).toContain('<h3>Who took part</h3>');
    expect(html).toContain('<li>no local authority takes part in the plan</li>');
    expect(html).toMatch(/<td>Migrants \(migrant voice\)<\/td><td class="num">1<\/td>/);
    const zip = await JSZip.loadAsync(await renderPoaDocx(doc));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('Who took part');
    expect(text).toContain('• no vulnerable-group voice takes part in the plan');
    expect(text).toContain('Participation checklist|Count');
  });
});
