import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/access.js';
import type { PlanData } from '../../../shared/schema/types.js';
import { renderPoaDocx } from '../../../server/export/docx.js';
import { buildPoaDocument } from '../../../server/export/poa-model.js';
import { auth, rememberLinks, serverForTests } from '../../helpers/test-server.js';
import { handbookMatrix, handbookScoring } from '../../shared/helpers/fixtures.js';

/** The handbook example: the matrix (output 1 = 39,000 USD) and the two scored goals (7 and 8). */
function handbookPlan(): PlanData {
  const m = handbookMatrix();
  const s = handbookScoring();
  return { ...m, ...s, title: 'Plan <of> Action & more', goals: [...m.goals, ...s.goals.map((g, i) => ({ ...g, order: `z${i + 1}` }))], outcomes: m.outcomes, outputs: m.outputs, activities: m.activities };
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml: string): string => unescape([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/** word/document.xml of a .docx, and its paragraphs with their style and text. */
async function documentXml(bytes: Uint8Array): Promise<{ xml: string; paragraphs: { style: string; text: string }[]; tables: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => ({ style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '', text: textOf(m[0]) }));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  return { xml, paragraphs, tables };
}

describe('Word export (export.docx)', () => {
  it('has real headings, the goals and the ranking, and the matrix as a table with merged cells on a landscape page', async () => {
    const plan = handbookPlan();
    const bytes = await renderPoaDocx(buildPoaDocument(plan, { snapshot: null, generatedAt: '2026-12-01T00:00:00Z' }));
    const { xml, paragraphs, tables } = await documentXml(bytes);
    const headings = (style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(headings('Title')).toEqual(['Plan <of> Action & more']);
    expect(headings('Heading1')).toEqual(['1. Background', '2. Planned programmes and interventions', 'Implementation Plan Matrix', 'Funding', 'Monitoring Implementation Matrix', '3. Annexes']);
    expect(headings('Heading2')).toEqual([
      'Goal 1 Increased developmental impact of remittances',
      'Goal 2 Facilitate diaspora investment in increasing access to potable water in rural areas',
      'Goal 3 Support refugees, returnees and IDPs',
      'Ranking of goals',
      'Who took part',
      'Sector coverage',
      'Whole plan',
      'By source',
      'By funder',
      'Planned money per fiscal year (the fiscal year starts in January)',
    ]);
    // The ranking table: B (8) before A (7); no individual named scores by default.
    const ranking = tables.find((t) => textOf(t).includes('Rallies most stakeholder groups'))!;
    const rankRows = [...ranking.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => textOf(r[0]));
    expect(rankRows[1]).toContain('Support refugees, returnees and IDPs');
    expect(rankRows[1]).toContain('8 of 8');
    expect(rankRows[2]).toContain('7 of 8');
    expect(xml).not.toContain('National focal point');

    const matrix = tables.find((t) => textOf(t).includes('Means of verification'))!;
    expect(matrix).toContain('<w:tblHeader/>');
    const cells = [...matrix.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => ({ xml: c[0], text: textOf(c[0]) }));
    const output1 = cells.find((c) => c.text.startsWith('Output 1.1.1 Government policy on remittances and development adopted and launched'))!;
    expect(output1.text).toContain('Planned 39,000 USD');
    expect(output1.xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    // The output cell spans its four activities: three continuation cells follow in its column.
    expect(cells.filter((c) => /<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(c.xml)).length).toBeGreaterThanOrEqual(3);
    for (const [code, title, money] of [
      ['1.1', 'Conduct consultations with Government and other stakeholders', '10,000 USD'],
      ['1.4', 'Facilitate government endorsement and organize launch of policy', '8,000 USD'],
      ['2.3', 'Hold financial literacy training for migrants and their families', ''],
    ]) {
      expect(cells.some((c) => c.text === `${code} ${title}`)).toBe(true);
      if (money) expect(cells.some((c) => c.text === money)).toBe(true);
    }
    expect(cells.some((c) => c.text.startsWith('Goal 1 Increased developmental impact of remittances'))).toBe(true);
    expect(cells.some((c) => c.text.startsWith('Goal 3 Support refugees, returnees and IDPs'))).toBe(true);
    // The matrix section is landscape, the text sections portrait.
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
  });

  it('includes individual named scores only when exportNamedScores is on', async () => {
    const plan = { ...handbookPlan(), exportNamedScores: true };
    const { tables } = await documentXml(await renderPoaDocx(buildPoaDocument(plan, { snapshot: null, generatedAt: '2026-12-01T00:00:00Z' })));
    const named = tables.find((t) => textOf(t).includes('Participant'))!;
    expect(textOf(named)).toContain('National focal point');
  });
});

describe('export.docx over HTTP (heavy-work thread)', () => {
  const suite = serverForTests();

  it('serves the live plan and an endorsed snapshot to an observer as a Word attachment', async () => {
    const res = await fetch(`${suite.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(handbookPlan()) });
    const body = (await res.json()) as { id: string; links: Record<Role, string> };
    expect(res.status, JSON.stringify(body)).toBe(201);
    rememberLinks(body);
    const live = await fetch(`${suite.server.url}/api/plans/${body.id}/export.docx`, { headers: auth(body.id, 'observer') });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(live.headers.get('content-disposition')).toBe(`attachment; filename="plan-${body.id}.docx"`);
    const { paragraphs } = await documentXml(new Uint8Array(await live.arrayBuffer()));
    expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toContain('Implementation Plan Matrix');

    const snap = await fetch(`${suite.server.url}/api/plans/${body.id}/snapshots`, { method: 'POST', headers: { ...auth(body.id, 'facilitator'), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Cabinet text', status: 'endorsed' }) });
    const meta = (await snap.json()) as { id: string; sha256: string };
    const exported = await fetch(`${suite.server.url}/api/plans/${body.id}/snapshots/${meta.id}/export.docx`, { headers: auth(body.id, 'observer') });
    expect(exported.status).toBe(200);
    const { xml } = await documentXml(new Uint8Array(await exported.arrayBuffer()));
    expect(textOf(xml)).toContain(`Endorsed version. SHA-256 of the stored version: ${meta.sha256}`);
  });
});
