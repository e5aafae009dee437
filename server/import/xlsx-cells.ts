import type ExcelJS from 'exceljs';
import { canonicalHeader, sheetKeyOf } from '../export/xlsx-text.js';
import type { ImportProblemCode, ImportProblemWords } from '../../shared/domain/import-problems.js';

/** Reading cells of an uploaded workbook: plain values, header rows, typed cells with their problems. */

/** One thing wrong with an uploaded workbook, where it is (1-based row, column letter), or null where it is the whole file. */
export interface SheetProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** English, for API users. */
  message: string;
  /** The message's code for the reader's language (`gate:problems.<code>`, L35), when it has one. */
  code?: ImportProblemCode;
  /** Its parameters. */
  params?: Record<string, string | number>;
}

/** Most problems listed for one workbook (the rest are counted). */
const MAX_PROBLEMS = 200;

/** A cell value as plain data: rich text joined, formulas as their cached result, hyperlinks as their text. */
export function plain(v: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    return r === undefined || (typeof r === 'object' && !(r instanceof Date)) ? null : r;
  }
  if ('text' in v) return String(v.text);
  return null;
}

/** Text of a cell, trimmed ('' when empty); numbers as written, dates as `YYYY-MM-DD`. */
export function textOf(v: ExcelJS.CellValue): string {
  const p = plain(v);
  if (p === null) return '';
  if (p instanceof Date) return p.toISOString().slice(0, 10);
  return String(p).trim();
}

/** Normalised header text for matching: lower case, single spaces. */
export const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Collects problems up to {@link MAX_PROBLEMS}. */
export class Problems {
  readonly list: SheetProblem[] = [];
  private dropped = 0;
  /** Records one problem; `words` codes it for the reader's language (L35). */
  add(sheet: string | null, row: number | null, column: string | null, message: string, words?: ImportProblemWords): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ sheet, row, column, message, ...words });
    else this.dropped++;
  }
  /** The problems, with a last one counting those not listed. */
  done(): SheetProblem[] {
    if (!this.dropped) return this.list;
    const more: SheetProblem = { sheet: null, row: null, column: null, message: `${this.dropped} more problems not listed`, code: 'moreProblems', params: { count: this.dropped } };
    return [...this.list, more];
  }
  /** A sheet without the header row it needs (`columns`: English names). */
  noHeader(sheet: string, columns: readonly string[], message: string): void {
    this.add(sheet, null, null, message, { code: 'noHeader', params: { columns: columns.map((c) => `"${c}"`).join(', ') } });
  }
}

/**
 * A sheet's header row (within its first 10 rows) holding every one of `required` (English
 * column names), with each header's column. Headings written in any of the four languages count
 * as their English name (L12: `Niveau`, `Nivel` and `المستوى` are `level`), so the map is keyed
 * by normalised English names.
 */
export function findHeader(ws: ExcelJS.Worksheet, required: readonly string[]): { row: number; cols: Map<string, number> } | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => {
      const h = canonicalHeader(textOf(cell.value));
      if (h && !cols.has(h)) cols.set(h, c);
    });
    if (required.every((h) => cols.has(norm(h)))) return { row: r, cols };
  }
  return null;
}

/** Reads cells of one row by header, recording problems at the right cell. */
export class RowReader {
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly cols: Map<string, number>,
    readonly row: number,
    private readonly problems: Problems,
  ) {}
  col(header: string): number | undefined {
    return this.cols.get(norm(header));
  }
  raw(header: string): ExcelJS.CellValue {
    const c = this.col(header);
    return c === undefined ? null : this.ws.getCell(this.row, c).value;
  }
  text(header: string): string {
    return textOf(this.raw(header));
  }
  /** Records a problem at this row, in `header`'s column (null: the whole row); `words` codes it (L35). */
  problem(header: string | null, message: string, words?: ImportProblemWords): void {
    const c = header === null ? undefined : this.col(header);
    this.problems.add(this.ws.name, this.row, c === undefined ? null : this.ws.getColumn(c).letter, message, words);
  }
  /** A number cell, null when empty; a problem when it holds anything else. */
  number(header: string): number | null {
    const p = plain(this.raw(header));
    if (p === null || p === '') return null;
    if (typeof p === 'number' && Number.isFinite(p)) return p;
    const s = String(p).trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    const value = p instanceof Date ? p.toISOString().slice(0, 10) : s;
    this.problem(header, `"${header}" must be a number, not "${value}".`, { code: 'notNumber', params: { column: header, value } });
    return null;
  }
  /** A date cell (or `YYYY-MM-DD` text) as `YYYY-MM-DD`, null when empty. */
  date(header: string): string | null {
    const p = plain(this.raw(header));
    if (p === null || p === '') return null;
    if (p instanceof Date) return p.toISOString().slice(0, 10);
    const s = String(p).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    this.problem(header, `"${header}" must be a date (YYYY-MM-DD), not "${s}".`, { code: 'notDate', params: { column: header, value: s } });
    return null;
  }
  /** One of `values` (case-insensitive), null when empty. */
  oneOf<T extends string>(header: string, values: readonly T[]): T | null {
    const s = this.text(header).toLowerCase();
    if (!s) return null;
    const v = values.find((x) => x === s);
    if (!v) this.problem(header, `"${header}" must be one of ${values.join(', ')}, not "${s}".`, { code: 'notOneOf', params: { column: header, allowed: values.join(', '), value: s } });
    return v ?? null;
  }
}

/** Where each imported item came from, to put the plan parser's problems on the right cell. */
export type Origin = { sheet: string; row: number };

/** The workbook's fixed sheet `key` (`matrix`, `scores`, `agreedScores`...), named in any of the four languages (L12). */
export function sheetOf(wb: ExcelJS.Workbook, key: NonNullable<ReturnType<typeof sheetKeyOf>>): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => sheetKeyOf(w.name) === key);
}

/** Splits a `a; b; c` cell into its items. */
export const list = (s: string): string[] =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

/** How an indicator is found again from a Monitoring sheet: its row's code and its name. */
export const indicatorKey = (code: string, name: string): string => `${code}\u0000${name}`;

