import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderWorkbook } from '../../server/export/xlsx.js';
import { canonicalHeader, isMonitoringSheetName, readContext, sheetKeyOf } from '../../server/export/xlsx-text.js';
import xlsxEn from '../../shared/i18n/en/xlsx.js';
import xlsxFr from '../../shared/i18n/fr/xlsx.js';
import xlsxEs from '../../shared/i18n/es/xlsx.js';
import xlsxAr from '../../shared/i18n/ar/xlsx.js';
import type { Role } from '../../shared/access.js';
import type { PlanData } from '../../shared/model.js';
import { auth, rememberLinks, serverForTests } from '../helpers/test-server.js';
import { fullPlan, handbookMatrix, handbookScoring, plan } from '../shared/helpers/fixtures.js';

/** Renders `data` and reads the workbook back with exceljs. */
async function workbookOf(data: PlanData, snapshot: Parameters<typeof renderWorkbook>[0]['snapshot'] = null): Promise<ExcelJS.Workbook> {
  const bytes = await renderWorkbook({ plan: data, snapshot, params: {}, generatedAt: '2026-12-01T10:00:00.000Z' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The worksheet row (1-based) whose Code column (`col`) holds `code`. */
function rowOf(ws: ExcelJS.Worksheet, code: string, col = 5): number {
  for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === code) return r;
  throw new Error(`no row with code ${code}`);
}

/** The 1-based column whose header (row 4) is `header`. */
function colOf(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(4).values as unknown[];
  const i = values.indexOf(header);
  if (i < 1) throw new Error(`no column ${header}: ${values.join(' | ')}`);
  return i;
}

describe('export.xlsx: the plan as an Excel workbook', () => {
  it('writes the handbook matrix with merged levels, full codes, money formats and live roll-up formulas with cached values', async () => {
    const wb = await workbookOf(handbookMatrix());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Matrix', 'Budget', 'Funding', 'Scores', 'Criteria', 'Agreed scores', 'Indicators']);
    const ws = wb.getWorksheet('Matrix')!;
    expect(ws.getCell('A1').value).toBe('Test plan');
    expect(String(ws.getCell('A2').value)).toContain('Currency: USD');
    expect(String(ws.getCell('A2').value)).toContain('Live plan');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const planned = colOf(ws, 'Planned budget (USD)');
    expect(ws.getColumn(planned).width).toBe(16);

    const op1 = rowOf(ws, '1.1.1');
    const letter = ws.getColumn(planned).letter;
    const cell = ws.getCell(op1, planned);
    expect(cell.value).toEqual({ formula: `SUM(${letter}${op1 + 1}:${letter}${op1 + 4})`, result: 39_000 });
    expect(cell.numFmt).toBe('#,##0.00 "USD"');
    expect(ws.getCell(op1 + 1, planned).value).toBe(10_000);
    expect(ws.getCell(op1 + 1, planned).numFmt).toBe('#,##0.00 "USD"');
    expect(ws.getCell(op1 + 1, 5).value).toBe('1.1.1.1');
    expect(ws.getCell(op1 + 4, 6).value).toBe('Facilitate government endorsement and organize launch of policy');

    // Outcome 1.1 sums its outputs' rows, goal 1 its outcomes' rows, the total its goals.
    const oc1 = rowOf(ws, '1.1');
    const op2 = rowOf(ws, '1.1.2');
    const op3 = rowOf(ws, '1.1.3');
    expect(ws.getCell(oc1, planned).value).toEqual({ formula: `SUM(${letter}${op1},${letter}${op2},${letter}${op3})`, result: 39_000 });
    const g1 = rowOf(ws, '1');
    expect((ws.getCell(g1, planned).value as { formula: string }).formula).toBe(`SUM(${letter}${oc1},${letter}${rowOf(ws, '1.2')},${letter}${rowOf(ws, '1.3')})`);
    const total = ws.rowCount;
    expect(ws.getCell(total, 6).value).toBe('Total');
    expect(ws.getCell(total, planned).value).toEqual({ formula: `SUM(${letter}${g1})`, result: 39_000 });

    // The goal cell is merged down the whole goal, output 1 down its four activities.
    expect(ws.getCell(g1, 1).value).toBe('1 Increased developmental impact of remittances');
    expect(ws.getCell(total - 1, 1).isMerged).toBe(true);
    expect(ws.getCell(total - 1, 1).master.address).toBe(`A${g1}`);
    expect(ws.getCell(op1 + 4, 3).master.address).toBe(`C${op1}`);
    expect(ws.getCell(op1 + 5, 3).master.address).toBe(`C${op2}`);
    expect(ws.getCell(total, 1).isMerged).toBe(false);
  });

  it('writes dates, funding, dependencies, budget by source, monitoring per review and indicators', async () => {
    const wb = await workbookOf(fullPlan(), {
      id: 's1', planId: 'plan-1', name: 'Endorsed', note: '', status: 'endorsed', author: 'NFP',
      createdAt: '2026-11-30T09:00:00.000Z', changedAt: null, sha256: 'ab'.repeat(32), bytes: 10,
    });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Matrix', 'Budget', 'Funding', 'Monitoring 2025', 'Scores', 'Criteria', 'Agreed scores', 'Indicators', 'Reviews']);
    const ws = wb.getWorksheet('Matrix')!;
    expect(String(ws.getCell('A2').value)).toContain('Snapshot "Endorsed" (endorsed');
    const a2 = rowOf(ws, '1.1.1.2');
    expect(ws.getCell(a2, colOf(ws, 'Start')).value).toEqual(new Date('2025-05-01T00:00:00Z'));
    expect(ws.getCell(a2, colOf(ws, 'Start')).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(a2, colOf(ws, 'Depends on')).value).toBe('1.1.1.1 (chronological)');
    expect(ws.getCell(a2, colOf(ws, 'Funder')).value).toBe('Treasury');
    // Money in USD and XOF (the plan's currency) each get their own columns.
    expect(colOf(ws, 'Planned budget (XOF)')).toBeGreaterThan(0);
    const a1 = rowOf(ws, '1.1.1.1');
    expect(ws.getCell(a1, colOf(ws, 'Expenditures (actual) (USD)')).value).toBe(9_500);

    // [FN4] Funding sheet: each line with its amount in the plan currency (XOF at 600), then per funder and per source.
    const funding = wb.getWorksheet('Funding')!.getSheetValues().slice(5).map((r) => (r as unknown[]).slice(1));
    // (empty cells read back as undefined)
    expect(funding[0]).toEqual(['1.1.1.1', 'IOM', 'committed', 'New money', undefined, 'XM-DAC-47066-PRJ-1', 'USD', 10_000, 6_000_000]);
    expect(funding).toContainEqual(['Funder:', 'IOM', undefined, undefined, undefined, undefined, 'XOF', undefined, undefined, 0, 6_000_000, 0]);
    const budget = wb.getWorksheet('Budget')!;
    const rows = budget.getSheetValues().slice(5).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['1', 'Remittances for development', 'external', 'project', 'IOM', 'secured', 'USD', 1, 0, 10_000, 9_500]);
    const totalRow = budget.getRow(budget.rowCount);
    expect(totalRow.getCell(2).value).toBe('Total');
    expect(totalRow.getCell(10).value).toEqual({ formula: `SUMIF(G5:G6,"USD",J5:J6)`, result: 25_000 });

    const mon = wb.getWorksheet('Monitoring 2025')!;
    expect(String(mon.getCell('A3').value)).toContain('yearly, 2025-01-01 to 2025-12-31');
    const op = rowOf(mon, '1.1.1', 2);
    const actual = colOf(mon, 'Expenditures (actual) (USD)');
    const L = mon.getColumn(actual).letter;
    // The output's indicator row sits between it and its activities; the roll-up skips it.
    expect(mon.getCell(op + 1, 1).value).toBe('indicator');
    expect(mon.getCell(op, actual).value).toEqual({ formula: `SUM(${L}${op + 2}:${L}${op + 3})`, result: 9_500 });
    expect(mon.getCell(op + 1, colOf(mon, 'Indicator value')).value).toBe(9);
    expect(mon.getCell(op + 2, colOf(mon, 'Progress towards achievement')).value).toBe('On track');

    const ind = wb.getWorksheet('Indicators')!;
    expect((ind.getRow(5).values as unknown[]).slice(1)).toEqual([
      '1.1.1', 'output', 'Policy adopted', '# of consultations held', 'direct', 'output', 'meetings', 0,
      new Date('2025-01-01T00:00:00Z'), 12, new Date('2025-06-30T00:00:00Z'), 'sex; region', 'Minutes', 'NFP records',
      'quantitative', 'quarterly', '2025-01-01..2025-03-31: 4; 2025-06-30: 12', 9,
    ]);
    // IN3, IN4, IN7: the period's target (the last period target ended by the review's end), progress and parts.
    expect(mon.getCell(op + 1, colOf(mon, 'Indicator target')).value).toBe(12);
    expect(mon.getCell(op + 1, colOf(mon, 'Progress to target (%)')).value).toBe(75);
    expect(mon.getCell(op + 1, colOf(mon, 'Actual by disaggregation')).value).toBe('sex: female=5, male=4');
    expect(String(mon.getCell('A3').value)).toContain('cumulative reporting');
    // RV1, RV4: the Reviews sheet names each period's reporting, agreed version and sheet.
    const rev = wb.getWorksheet('Reviews')!;
    expect((rev.getRow(5).values as unknown[]).slice(1)).toEqual(['2025', 'yearly', new Date('2025-01-01T00:00:00Z'), new Date('2025-12-31T00:00:00Z'), 'cumulative', 'snap-1', 'Monitoring 2025']);
  });

  it('shows per-group scores and totals, and names people only when the plan allows it', async () => {
    const scored = handbookScoring();
    scored.participants[0]!.group = 'government';
    let wb = await workbookOf(scored);
    const ws = wb.getWorksheet('Scores')!;
    const rows = ws.getSheetValues().slice(5).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual([1, 'Support refugees, returnees and IDPs', 'candidate', 'Everyone (agreed or mean)', 2, 2, 2, 2, 8, 8, '2']);
    expect(rows[1]).toEqual([undefined, 'Support refugees, returnees and IDPs', 'candidate', 'government (1 person)', 2, 2, 2, 2, 8, 8, '2']);
    expect(rows[2]!.slice(0, 2)).toEqual([2, scored.goals[0]!.title]);
    expect(rows[2]![8]).toBe(7);
    expect(wb.getWorksheet('Named scores')).toBeUndefined();
    expect(JSON.stringify(rows)).not.toContain('National focal point');

    wb = await workbookOf({ ...scored, exportNamedScores: true } as PlanData);
    const named = wb.getWorksheet('Named scores')!;
    expect((named.getRow(5).values as unknown[]).slice(1, 8)).toEqual([scored.goals[0]!.title, 'Rallies most stakeholder groups', 'National focal point', undefined, 'government', 'imc', 1]);
    // [XL2] goal by code, criterion and participant by number, so the import can read them back.
    expect((named.getRow(5).values as unknown[]).slice(9, 12)).toEqual(['1', 1, 1]);
  });

  it('keeps formulas valid for an output with no activities and a plan with no goals', async () => {
    const wb = await workbookOf(plan({ currency: 'EUR' }));
    const ws = wb.getWorksheet('Matrix')!;
    expect(ws.getCell(5, 6).value).toBe('Total');
    // The file holds <f>0</f><v>0</v>; exceljs reads a cached 0 back as no result.
    expect(ws.getCell(5, colOf(ws, 'Planned budget (EUR)')).value).toMatchObject({ formula: '0' });
  });
});

describe('export.xlsx over HTTP', () => {
  const running = serverForTests();

  it('serves the workbook to an observer as an attachment, made in the heavy-work thread', async () => {
    const created = await fetch(`${running.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(handbookMatrix()) });
    const body = (await created.json()) as { id: string; links: Record<Role, string> };
    rememberLinks(body);
    const res = await fetch(`${running.server.url}/api/plans/${body.id}/export.xlsx`, { headers: auth(body.id, 'observer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${body.id}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Matrix')!;
    const op1 = rowOf(ws, '1.1.1');
    expect((ws.getCell(op1, colOf(ws, 'Planned budget (USD)')).value as { result: number }).result).toBe(39_000);
    expect((await fetch(`${running.server.url}/api/plans/${body.id}/export.xlsx`)).status).toBe(401);

    // A snapshot's workbook says which version it is on every sheet.
    const snap = await fetch(`${running.server.url}/api/plans/${body.id}/snapshots`, { method: 'POST', headers: { ...auth(body.id, 'editor'), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Workshop draft', status: 'workshop' }) });
    const sid = ((await snap.json()) as { id: string }).id;
    const fromSnap = await fetch(`${running.server.url}/api/plans/${body.id}/snapshots/${sid}/export.xlsx`, { headers: auth(body.id, 'observer') });
    expect(fromSnap.status).toBe(200);
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.load(await fromSnap.arrayBuffer());
    for (const sheet of swb.worksheets) expect(String(sheet.getCell('A2').value)).toContain('Snapshot "Workshop draft" (workshop');
  });
});

describe('[L12] headings and sheet names are recognised in every language', () => {
  it('every language names each column and each sheet with its own words, which read back as that column or sheet only', () => {
    const catalogues = { en: xlsxEn, fr: xlsxFr, es: xlsxEs, ar: xlsxAr };
    for (const [lang, cat] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(cat.head)) {
        expect(canonicalHeader(text), `${lang} head.${key} "${text}"`).toBe(xlsxEn.head[key as keyof typeof xlsxEn.head].toLowerCase());
        expect(canonicalHeader(`${text} (USD)`), `${lang} head.${key} with a currency`).toBe(`${xlsxEn.head[key as keyof typeof xlsxEn.head].toLowerCase()} (usd)`);
      }
      for (const [key, text] of Object.entries(cat.sheet)) {
        if (key === 'monitoring') expect(isMonitoringSheetName(text.replace('{{label}}', '2027')), `${lang} monitoring sheet`).toBe(true);
        else expect(sheetKeyOf(text), `${lang} sheet.${key} "${text}"`).toBe(key);
        // Excel's limits on a sheet name: 31 characters, none of []:*?/\.
        expect(text.length).toBeLessThanOrEqual(31);
        expect(text).not.toMatch(/[[\]:*?/\\]/);
      }
    }
    // A heading nobody wrote stays itself.
    expect(canonicalHeader('  My own  Column ')).toBe('my own column');
  });

  it('[L12] [L82] a workbook written before the French spaces and the level names were settled still reads', () => {
    // French context lines: U+202F before the colon now, a plain space in older files.
    expect(readContext('Pays\u202f: SN · Monnaie\u202f: XOF')).toEqual({ country: 'SN', currency: 'XOF' });
    expect(readContext('Pays : SN · Monnaie : XOF')).toEqual({ country: 'SN', currency: 'XOF' });
    // "Expected outcome" was "Efecto esperado" / "الحصيلة المتوقعة" in older Spanish and Arabic workbooks.
    expect(canonicalHeader('Efecto esperado')).toBe('expected outcome');
    expect(canonicalHeader('الحصيلة المتوقعة')).toBe('expected outcome');
    expect(canonicalHeader(xlsxEs.head.expectedOutcome)).toBe('expected outcome');
  });
});
