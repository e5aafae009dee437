import type ExcelJS from 'exceljs';
import { LANG_PARAM, exportLocale, type ExportFormat, type ExportSource } from './formats.js';
import { sheetWords } from './xlsx-text.js';
import { HEADER_ROW, contextLine, workbookTables, type Cell, type Table } from './tables.js';

/** The content type of an Excel workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A table cell as an exceljs value (formulas keep their cached result). */
function excelValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) return { formula: cell.formula, result: cell.result };
  return cell;
}

/** Writes one table as a worksheet: title rows, frozen header, widths, formats, merges, bold level rows. */
function addSheet(wb: ExcelJS.Workbook, t: Table, title: string, context: string): void {
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }] });
  ws.columns = t.columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = context;
  ws.getCell(3, 1).value = t.subtitle;
  ws.getCell(3, 1).font = { italic: true };
  const header = ws.getRow(HEADER_ROW);
  header.values = t.columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5EE' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((cells, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    cells.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const target = row.getCell(c + 1);
      target.value = excelValue(cell);
      const fmt = t.cellFmts.get(`${i}:${c}`) ?? t.columns[c]!.numFmt;
      if (fmt) target.numFmt = fmt;

    });
    if (t.strong.has(i)) row.font = { bold: true };
  });
  // ML9: a title shown in translation is italic, and its note names both languages and gives the original.
  for (const [at, note] of t.notes) {
    const [i, c] = at.split(':').map(Number) as [number, number];
    const target = ws.getCell(HEADER_ROW + 1 + i, c + 1);
    target.note = note;
    target.font = { bold: t.strong.has(i), italic: true };
  }
  for (const [first, col, last] of t.merges) {
    ws.mergeCells(HEADER_ROW + 1 + first, col + 1, HEADER_ROW + 1 + last, col + 1);
    ws.getCell(HEADER_ROW + 1 + first, col + 1).alignment = { vertical: 'top', wrapText: true };
  }
}

/**
 * The plan as one Excel workbook: Matrix (the implementation matrix with merged goal, outcome
 * and output cells and live SUM roll-ups), Budget (by funding source), one Monitoring sheet per
 * live review period (a bound one measured against its agreed version, RV4), Scores (named scores only when the plan allows them) and Indicators.
 */
export async function renderWorkbook({ plan, snapshot, generatedAt, baselines, params }: ExportSource): Promise<Uint8Array> {
  // L11: sheet names, title rows and headings in the plan's language (or ?lang=); codes and values stay as they are.
  const w = sheetWords(exportLocale(plan, params));
  // exceljs loads on the first workbook, so a server that never writes one never loads it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Roundtable';
  wb.created = new Date(generatedAt);
  wb.title = plan.title;
  const context = contextLine(plan, snapshot, generatedAt, w);
  for (const t of workbookTables(plan, baselines, w)) addSheet(wb, t, plan.title, context);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `export.xlsx`: the Excel workbook of the plan (see {@link renderWorkbook}). */
export const xlsxFormat: ExportFormat = {
  name: 'xlsx',
  contentType: XLSX_TYPE,
  disposition: 'attachment',
  summary: "Excel workbook: matrix with live roll-up formulas, budget by funding source, monitoring per review period, scores, indicators; sheet names and headings in the plan's language (or lang)",
  params: { lang: LANG_PARAM },
  render: renderWorkbook,
};
