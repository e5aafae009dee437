import { describe, expect, it } from 'vitest';
import { csvFormat, csvField } from '../../server/export/csv.js';
import { ExportError } from '../../server/export/formats.js';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/model.js';
import { auth, rememberLinks, serverForTests } from '../helpers/test-server.js';
import { fullPlan, handbookMatrix } from '../shared/helpers/fixtures.js';

const csv = (plan: PlanData, params: Record<string, string>) =>
  csvFormat.render({ plan, snapshot: null, params, generatedAt: '2026-12-01T10:00:00.000Z' }) as string;

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  return rows;
}

describe('export.csv: one sheet as CSV', () => {
  it('writes the matrix with a BOM, CRLF lines, a header and the roll-ups as values', () => {
    const text = csv(handbookMatrix(), { sheet: 'matrix' });
    expect(text.startsWith('\uFEFFStrategic goal,Expected outcome,Expected output,Level,Code,Title,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    const header = rows[0]!;
    const output1 = rows.find((r) => r[4] === '1.1.1')!;
    expect(output1[header.indexOf('Planned budget (USD)')]).toBe('39000');
    expect(rows.find((r) => r[4] === '1.1.1.2')![header.indexOf('Planned budget (USD)')]).toBe('15000');
    expect(rows.at(-1)![5]).toBe('Total');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    for (const evil of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvField(evil).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(new Date('2025-05-01T00:00:00Z'))).toBe('2025-05-01');
    const plan = handbookMatrix();
    plan.activities[0]!.title = '=cmd|" /C calc"!A0';
    const rows = parseCsv(csv(plan, { sheet: 'matrix' }).slice(1));
    expect(rows.find((r) => r[4] === '1.1.1.1')![5]).toBe(`'=cmd|" /C calc"!A0`);
  });

  it('serves budget, scores, indicators and the monitoring of a period by id or label', () => {
    const plan = fullPlan();
    expect(parseCsv(csv(plan, { sheet: 'budget' }).slice(1))[0]).toContain('Funding kind');
    expect(parseCsv(csv(plan, { sheet: 'scores' }).slice(1))[0]).toContain('Total');
    // The workbook's Funding sheet: the line with its amount and the amount in XOF (600 XOF per USD), then the funder row.
    const funding = parseCsv(csv(plan, { sheet: 'funding' }).slice(1));
    expect(funding[0]).toEqual(['Activity code', 'Funder', 'Status', 'Source', 'Budget line', 'IATI activity', 'Currency', 'Amount', 'In XOF', 'Pledged', 'Committed', 'Disbursed']);
    expect(funding[1]).toEqual(['1.1.1.1', 'IOM', 'committed', 'New money', '', 'XM-DAC-47066-PRJ-1', 'USD', '10000', '6000000', '', '', '']);
    expect(funding.find((r) => r[0] === 'Funder:')).toEqual(['Funder:', 'IOM', '', '', '', '', 'XOF', '', '', '0', '6000000', '0']);
    expect(parseCsv(csv(plan, { sheet: 'indicators' }).slice(1))[1]![3]).toBe('# of consultations held');
    for (const period of ['rv1', '2025', undefined]) {
      const rows = parseCsv(csv(plan, { sheet: 'monitoring', ...(period ? { period } : {}) }).slice(1));
      const header = rows[0]!;
      expect(rows.find((r) => r[1] === '1.1.1.1' && r[0] === 'activity')![header.indexOf('Expenditures (actual) (USD)')]).toBe('9500');
    }
    const code = (params: Record<string, string>, p: PlanData = plan) => {
      try {
        csv(p, params);
      } catch (err) {
        return (err as ExportError).code;
      }
      return 'none';
    };
    expect(code({})).toBe('missing_sheet');
    expect(code({ sheet: 'monitoring', period: 'nope' })).toBe('unknown_period');
    expect(code({ sheet: 'monitoring' }, handbookMatrix())).toBe('missing_period');
    expect(code({ sheet: 'matrix', period: 'rv1' })).toBe('invalid_export_param');
  });

  it('[XL2] [SC21] every sheet of the workbook has its CSV: criteria, agreed scores, reviews, and named scores only where allowed', () => {
    const plan = fullPlan();
    expect(parseCsv(csv(plan, { sheet: 'criteria' }).slice(1))).toEqual([['No.', 'Criterion', 'Description'], ['1', 'Priority', 'Serves a national priority']]);
    expect(parseCsv(csv(plan, { sheet: 'agreed-scores' }).slice(1))[1]).toEqual(['1', 'Remittances for development', '1', 'Priority', '1', 'agreed in March']);
    expect(parseCsv(csv(plan, { sheet: 'reviews' }).slice(1))[1]).toEqual(['2025', 'yearly', '2025-01-01', '2025-12-31', 'cumulative', 'snap-1', 'Monitoring 2025']);
    expect(() => csv(plan, { sheet: 'named-scores' })).toThrow(expect.objectContaining({ code: 'named_scores_hidden' }));
    expect(() => csv({ ...plan, exportNamedScores: true, anonymousScoring: true }, { sheet: 'named-scores' })).toThrow(expect.objectContaining({ code: 'named_scores_hidden' }));
    const named = parseCsv(csv({ ...plan, exportNamedScores: true }, { sheet: 'named-scores' }).slice(1));
    expect(named[1]).toEqual(['Remittances for development', 'Priority', 'Aminata', 'Ministry of Planning', 'government', 'imc', '2', 'if funded', '1', '1', '1']);
  });
});

describe('export.csv over HTTP', () => {
  const running = serverForTests();

  it('answers a sheet as text/csv, and 400 with a clear code without or with a wrong sheet', async () => {
    const created = await running.server.app.request('/api/plans/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullPlan()) });
    const body = (await created.json()) as { id: string; links: Record<Role, string> };
    rememberLinks(body);
    const get = (q: string) => running.server.app.request(`/api/plans/${body.id}/export.csv${q}`, { headers: auth(body.id, 'observer') });
    const ok = await get('?sheet=monitoring&period=rv1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const missing = await get('');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_sheet');
    const wrong = await get('?sheet=people');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('invalid_export_param');
  });
});
