import type ExcelJS from 'exceljs';
import { canonicalHeader, sheetKeyOf } from '../export/xlsx-text.js';
import type { ImportProblemCode, ImportProblemWords } from '../../shared/domain/import-problems.js';
import enXlsx from '../../shared/i18n/en/xlsx.js';

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
    this.add(sheet, null, null, message, { code: 'noHeader', params: columnsParams(columns) });
  }
}

/** The export's heading key (`xlsx:head.<key>`) of each normalised English heading. */
const HEAD_KEYS = new Map(Object.entries(enXlsx.head).map(([k, v]) => [v.toLowerCase().replace(/\s+/g, ' ').trim(), k]));

/**
 * A column named in a problem's parameters (L43): `<name>` is the heading as the file wrote it (the
 * English name where the file has none), `<name>Key` the export's heading key and `<name>Currency`
 * a money column's currency, so the browser shows the heading of the reader's language
 * (`xlsx:head.<key>`, "Budget prévu (USD)") and the file's own heading where there is no key.
 */
export function columnParams(english: string, asInFile?: string, name = 'column'): Record<string, string> {
  const n = english.toLowerCase().replace(/\s+/g, ' ').trim();
  const money = /^(.+) \(([a-z]{3})\)$/.exec(n);
  const key = HEAD_KEYS.get(n) ?? (money ? HEAD_KEYS.get(money[1]!) : undefined);
  const out: Record<string, string> = { [name]: asInFile || english };
  if (key) out[`${name}Key`] = key;
  if (key && money && !HEAD_KEYS.has(n)) out[`${name}Currency`] = money[2]!.toUpperCase();
  return out;
}

/** Several columns (a missing header row): `columns` as English names in quotes, `columnsKey` their heading keys joined by commas (L43). */
export function columnsParams(columns: readonly string[]): Record<string, string> {
  const keys = columns.map((c) => HEAD_KEYS.get(c.toLowerCase()));
  return { columns: columns.map((c) => `"${c}"`).join(', '), ...(keys.every(Boolean) ? { columnsKey: keys.join(',') } : {}) };
}

/** A sheet's header row: its row number, the column of each heading (normalised English) and the heading's text as the file wrote it. */
export interface Header {
  row: number;
  cols: Map<string, number>;
  texts: Map<string, string>;
}

/**
 * A sheet's header row (within its first 10 rows) holding every one of `required` (English
 * column names), with each header's column. Headings written in any of the four languages count
 * as their English name (L12: `Niveau`, `Nivel` and `المستوى` are `level`), so the map is keyed
 * by normalised English names.
 */
export function findHeader(ws: ExcelJS.Worksheet, required: readonly string[]): Header | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const cols = new Map<string, number>();
    const texts = new Map<string, string>();
    ws.getRow(r).eachCell((cell, c) => {
      const text = textOf(cell.value);
      const h = canonicalHeader(text);
      if (h && !cols.has(h)) {
        cols.set(h, c);
        texts.set(h, text);
      }
    });
    if (required.every((h) => cols.has(norm(h)))) return { row: r, cols, texts };
  }
  return null;
}

/** Reads cells of one row by header, recording problems at the right cell. */
export class RowReader {
  private readonly cols: Map<string, number>;
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly header: Header,
    readonly row: number,
    private readonly problems: Problems,
  ) {
    this.cols = header.cols;
  }
  col(header: string): number | undefined {
    return this.cols.get(norm(header));
  }
  /** The parameters naming column `header` in a problem (L43): its heading as the file wrote it and its heading key. */
  column(header: string, name = 'column'): Record<string, string> {
    return columnParams(header, this.header.texts.get(norm(header)), name);
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
    this.problem(header, `"${header}" must be a number, not "${value}".`, { code: 'notNumber', params: { ...this.column(header), value } });
    return null;
  }
  /** A date cell (or `YYYY-MM-DD` text) as `YYYY-MM-DD`, null when empty. */
  date(header: string): string | null {
    const p = plain(this.raw(header));
    if (p === null || p === '') return null;
    if (p instanceof Date) return p.toISOString().slice(0, 10);
    const s = String(p).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    this.problem(header, `"${header}" must be a date (YYYY-MM-DD), not "${s}".`, { code: 'notDate', params: { ...this.column(header), value: s } });
    return null;
  }
  /** One of `values` (case-insensitive), null when empty. */
  oneOf<T extends string>(header: string, values: readonly T[]): T | null {
    const s = this.text(header).toLowerCase();
    if (!s) return null;
    const v = values.find((x) => x === s);
    if (!v) this.problem(header, `"${header}" must be one of ${values.join(', ')}, not "${s}".`, { code: 'notOneOf', params: { ...this.column(header), allowed: values.join(', '), value: s } });
    return v ?? null;
  }
}

/** Where each imported item came from, to put the plan parser's problems on the right cell. */
export type Origin = { sheet: string; row: number };

/** The workbook's fixed sheet `key` (`matrix`, `scores`, `agreedScores`...), named in any of the four languages (L12). */
export function sheetOf(wb: ExcelJS.Workbook, key: NonNullable<ReturnType<typeof sheetKeyOf>>): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => sheetKeyOf(w.name) === key);
}

/** The first `;`-separated part of `text` that `parse` refuses (a problem's value, L43). */
export function firstBad(text: string, parse: (part: string) => unknown): string {
  return text.split(';').map((s) => s.trim()).find((p) => typeof parse(p) === 'string') ?? text;
}

/** Splits a `a; b; c` cell into its items. */
export const list = (s: string): string[] =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

/** How an indicator is found again from a Monitoring sheet: its row's code and its name. */
export const indicatorKey = (code: string, name: string): string => `${code}\u0000${name}`;

