import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { translator } from '../i18n.js';
import { SECTOR_COLUMNS, sectorCells } from './sector-part.js';
import { DEFAULT_LOCALE, dirOf, type Locale } from '../../shared/i18n/locales.js';
import type { PoaDocument, PoaSection, PoaSpanCell } from './poa-model.js';

/**
 * `export.docx`: the Plan of Action (poa-model.ts) as an editable Word document, made with the
 * `docx` package: real Heading 1/2/3 styles (so Word's navigation pane and table of contents
 * work), the ranking and the two matrices as real tables with merged goal/outcome/output cells
 * (vertical merges) and header rows repeated on every page, the matrices in a landscape section.
 * A paragraph whose text starts in a right-to-left script is marked bidirectional.
 */

/** True when the first strongly directional character of `text` is right-to-left (Hebrew, Arabic...). */
function rtl(text: string): boolean {
  const m = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text);
  return m !== null && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(m[0]);
}

/** Text as runs, one line break per newline. */
function runs(text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, ...opts, ...(i > 0 ? { break: 1 } : {}) }));
}

/** A paragraph of user text (or a grey placeholder when it is blank). */
function para(text: string, opts: { empty?: string; bold?: boolean; size?: number; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}): Paragraph {
  const blank = !text.trim();
  const children = blank ? [new TextRun({ text: opts.empty ?? '', italics: true, color: '666666', ...(opts.size ? { size: opts.size } : {}) })] : runs(text, { ...(opts.bold ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) });
  return new Paragraph({ children, ...(opts.heading ? { heading: opts.heading } : {}), ...(!blank && rtl(text) ? { bidirectional: true } : {}) });
}

/** A heading "Goal 1 Title": code in front, the user's title after it; bidirectional for right-to-left text or an RTL document. */
function heading(level: (typeof HeadingLevel)[keyof typeof HeadingLevel], prefix: string, title: string, empty: string, rtlDoc = false): Paragraph {
  const text = title.trim() ? title : empty;
  return new Paragraph({ heading: level, children: [new TextRun({ text: prefix ? `${prefix} ` : '' }), ...runs(text)], ...(rtlDoc || rtl(title) ? { bidirectional: true } : {}) });
}

const SMALL = 16; // half-points: 8 pt for the matrices

function cell(children: Paragraph[], opts: { rowSpan?: number; columnSpan?: number; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    ...(opts.rowSpan && opts.rowSpan > 1 ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.columnSpan && opts.columnSpan > 1 ? { columnSpan: opts.columnSpan } : {}),
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DDE7EF' } } : {}),
  });
}

function textCell(text: string, size?: number, header = false): TableCell {
  return cell([para(text, { ...(size ? { size } : {}), bold: header })], { header });
}

function headerRow(columns: readonly string[], size?: number): TableRow {
  return new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => textCell(c, size, true)) });
}

/**
 * True while a right-to-left document is being laid out (Arabic, L8): tables are then laid out
 * right to left. Set by {@link renderPoaDocx} around its synchronous build (no await in between).
 */
let rtlDocument = false;

function table(rows: TableRow[], widths?: readonly number[]): Table {
  return new Table({
    rows,
    ...(rtlDocument ? { visuallyRightToLeft: true } : {}),
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(widths ? { columnWidths: widths.map((w) => Math.round(w * 150)) } : {}),
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      left: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      right: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
    },
  });
}

/** The document's fixed texts (`export:<key>`) in its language. */
type Words = (key: string, params?: Record<string, unknown>) => string;

/** A merged goal/outcome/output cell: "Output 1.1.1 Title", its roll-up, responsible party and indicators. */
function spanCell(c: PoaSpanCell, kind: 'goal' | 'outcome' | 'output', withIndicators: boolean, t: Words): TableCell {
  if (c.id === '') return cell([para('', { empty: t('export:doc.none'), size: SMALL })]);
  const children = [new Paragraph({ children: [new TextRun({ text: `${t(`export:doc.kind.${kind}`)} ${c.code} `, bold: true, size: SMALL }), ...runs(c.title.trim() ? c.title : t('export:doc.untitled'), { size: SMALL })], ...(rtlDocument || rtl(c.title) ? { bidirectional: true } : {}) })];
  if (c.rollup) children.push(new Paragraph({ children: [new TextRun({ text: c.rollup, italics: true, size: SMALL })] }));
  if (c.responsible) children.push(para(t('export:doc.responsible', { name: c.responsible }), { size: SMALL }));
  if (withIndicators) for (const i of c.indicators) children.push(para(`• ${i}`, { size: SMALL }));
  return cell(children, { rowSpan: c.rowSpan });
}

function sections(list: readonly PoaSection[], empty: string, t: Words): Paragraph[] {
  if (list.length === 0) return [para('', { empty })];
  return list.flatMap((s) => [heading(HeadingLevel.HEADING_2, '', s.title, t('export:doc.untitledSection'), rtlDocument), ...s.body.split(/\n{2,}/).map((b) => para(b, { empty: t('export:doc.nothingWritten') }))]);
}

/** "Label: value" as one paragraph, the label bold; a grey "not set" for an empty value. */
function labelled(label: string, value: string, t: Words): Paragraph {
  const text = value.trim() ? runs(value) : [new TextRun({ text: t('export:doc.notSet'), italics: true, color: '666666' })];
  return new Paragraph({ children: [new TextRun({ text: `${t('export:doc.labelOf', { label })} `, bold: true }), ...text], ...(rtlDocument || rtl(value) ? { bidirectional: true } : {}) });
}

function cover(doc: PoaDocument, t: Words): Paragraph[] {
  const c = doc.cover;
  const out = [
    new Paragraph({ children: [new TextRun({ text: t('export:doc.kicker').toLocaleUpperCase(), color: '555555' })], spacing: { before: 2400 }, ...(rtlDocument ? { bidirectional: true } : {}) }),
    para(c.title, { heading: HeadingLevel.TITLE, empty: t('export:untitled') }),
  ];
  if (c.snapshot) {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: c.snapshot.endorsed ? `${t('export:cover.endorsed')} ` : '', bold: true, color: '1E7B34' }), new TextRun({ text: `${t('export:cover.checksum')} ` }), new TextRun({ text: c.snapshot.sha256, font: 'Courier New', size: 18 })],
        ...(rtlDocument ? { bidirectional: true } : {}),
      }),
    );
  }
  const fields: [string, string][] = [
    [t('export:cover.country'), c.country],
    [t('export:cover.status'), c.status],
    ...(c.snapshot ? ([[t('export:cover.version'), t('export:cover.versionValue', { name: c.snapshot.name, status: t(`export:snapshotStatus.${c.snapshot.status}`), date: c.snapshot.taken })]] as [string, string][]) : []),
    [t('export:cover.horizon'), c.horizon],
    [t('export:cover.frameworks'), c.frameworks],
    [t('export:cover.stage'), c.stage],
    [t('export:cover.generated'), c.generatedAt],
  ];
  for (const [k, v] of fields) out.push(labelled(k, v, t));
  return out;
}

function goals(doc: PoaDocument, t: Words): (Paragraph | Table)[] {
  if (doc.goals.length === 0) return [para('', { empty: t('export:goal.none') })];
  const out: (Paragraph | Table)[] = [];
  for (const g of doc.goals) {
    out.push(heading(HeadingLevel.HEADING_2, t('export:goal.heading', { code: g.code }), g.title, t('export:goal.untitled'), rtlDocument));
    for (const f of g.fields) out.push(labelled(f.label, f.value, t));
    if (g.requirements.length) {
      out.push(heading(HeadingLevel.HEADING_3, '', t('export:goal.requirements'), '', rtlDocument));
      for (const r of g.requirements) out.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun({ text: `${t('export:doc.labelOf', { label: r.label })} `, bold: true }), ...runs(r.value)] }));
    }
  }
  return out;
}

function ranking(doc: PoaDocument, t: Words): (Paragraph | Table)[] {
  const r = doc.ranking;
  const k = (key: string) => t(`export:ranking.${key}`);
  const out: (Paragraph | Table)[] = [heading(HeadingLevel.HEADING_2, '', k('heading'), '', rtlDocument)];
  if (r.rows.length === 0) return [...out, para('', { empty: k('none') })];
  out.push(para(k('intro')));
  const rows = [headerRow([k('rank'), k('goal'), ...r.criteria, k('total'), k('imc'), k('ncc')])];
  for (const g of r.rows) rows.push(new TableRow({ cantSplit: true, children: [g.rank, `${g.code} ${g.title} (${g.status.toLowerCase()})`, ...g.scores, g.total, g.imc, g.ncc].map((t) => textCell(t)) }));
  out.push(table(rows));
  for (const w of r.warnings) out.push(para(w));
  if (r.named) {
    out.push(heading(HeadingLevel.HEADING_3, '', k('individual'), '', rtlDocument));
    if (r.named.rows.length === 0) out.push(para('', { empty: k('nobody') }));
    else out.push(table([headerRow([k('participant'), k('group'), k('goal'), ...r.named.criteria]), ...r.named.rows.map((n) => new TableRow({ children: [n.participant, n.group, n.goal, ...n.scores].map((t) => textCell(t)) }))]));
  }
  return out;
}

/** RP5: who took part, the gaps, then one two-column table per figure set. */
function representation(doc: PoaDocument, tr: Words): (Paragraph | Table)[] {
  const r = doc.representation;
  const out: (Paragraph | Table)[] = [heading(HeadingLevel.HEADING_2, '', tr('export:rep.heading'), '', rtlDocument), para(r.summary)];
  if (r.gaps.length) for (const g of r.gaps) out.push(para(`• ${g}`));
  else out.push(para(tr('export:rep.allTakePart')));
  for (const t of r.tables) out.push(table([headerRow([t.heading, tr('export:rep.count')]), ...t.rows.map((row) => new TableRow({ cantSplit: true, children: [row.label, row.value].map((x) => textCell(x)) }))]));
  return out;
}

/** SK5: the sector coverage table (one row per Annex C sector), headers and words in the document's language. */
function sectorTable(doc: PoaDocument, t: (key: string, params?: Record<string, unknown>) => string, rtlDoc: boolean): (Paragraph | Table)[] {
  return [
    heading(HeadingLevel.HEADING_2, '', t('export:sectors.heading'), '', rtlDoc),
    para(t('export:sectors.intro')),
    table([headerRow(SECTOR_COLUMNS.map((k) => t(k)), SMALL), ...doc.sectors.map((row) => new TableRow({ cantSplit: true, children: sectorCells(row, t).map((c) => textCell(c, SMALL)) }))], [22, 8, 8, 8, 10, 9, 10, 25]),
  ];
}

function matrixTable(doc: PoaDocument, t: Words): (Paragraph | Table)[] {
  const m = doc.matrix;
  if (m.rows.length === 0) return [para('', { empty: t('export:matrix.none') })];
  const rows = [headerRow(m.columns, SMALL)];
  for (const r of m.rows) {
    const cells: TableCell[] = [];
    if (r.goal) cells.push(spanCell(r.goal, 'goal', true, t));
    if (r.outcome) cells.push(spanCell(r.outcome, 'outcome', true, t));
    if (r.output) cells.push(spanCell(r.output, 'output', false, t));
    const indicators = r.output ? cell(r.output.indicators.length ? r.output.indicators.map((i) => para(`• ${i}`, { size: SMALL })) : [para('', { size: SMALL })], { rowSpan: r.output.rowSpan }) : null;
    const a = r.activity;
    if (a) {
      const title = new Paragraph({ children: [new TextRun({ text: `${a.short} `, bold: true, size: SMALL }), ...runs(a.title.trim() ? a.title : t('export:doc.untitled'), { size: SMALL })], ...(rtl(a.title) ? { bidirectional: true } : {}) });
      const actCell = cell(a.dependencies ? [title, para(a.dependencies, { size: SMALL })] : [title]);
      cells.push(actCell, textCell(a.budget, SMALL), textCell(a.funding, SMALL));
      if (indicators) cells.push(indicators);
      cells.push(textCell(a.verification, SMALL), textCell(a.risks, SMALL), textCell(a.responsible, SMALL), textCell(a.timeframe, SMALL));
    } else {
      cells.push(cell([para('', { empty: t('export:doc.noActivities'), size: SMALL })], { columnSpan: 3 }));
      if (indicators) cells.push(indicators);
      cells.push(cell([para('', { size: SMALL })], { columnSpan: 4 }));
    }
    rows.push(new TableRow({ children: cells }));
  }
  rows.push(new TableRow({ children: [cell([para(t('export:doc.wholePlan'), { bold: true, size: SMALL })], { columnSpan: 3 }), cell([para(m.total, { size: SMALL })], { columnSpan: m.columns.length - 3 })] }));
  return [table(rows, [10, 10, 11, 13, 7, 9, 11, 8, 8, 7, 6])];
}

function monitoringTable(doc: PoaDocument, t: Words): (Paragraph | Table)[] {
  const m = doc.monitoring;
  if (!m.periodId) return [para('', { empty: t('export:monitoring.none') })];
  const rows = [headerRow(m.columns, SMALL)];
  for (const r of m.rows) {
    const cells: TableCell[] = [];
    if (r.goal) cells.push(spanCell(r.goal, 'goal', true, t));
    if (r.outcome) cells.push(spanCell(r.outcome, 'outcome', true, t));
    if (r.output) cells.push(spanCell(r.output, 'output', true, t));
    const a = r.activity;
    if (a) cells.push(textCell(`${a.short} ${a.title}`, SMALL), textCell(a.planned, SMALL), textCell(a.expenditure, SMALL), textCell(a.result, SMALL), textCell([a.progress, ...a.indicators].filter(Boolean).join('\n'), SMALL));
    else cells.push(cell([para('', { empty: t('export:doc.noActivities'), size: SMALL })], { columnSpan: 5 }));
    rows.push(new TableRow({ children: cells }));
  }
  rows.push(new TableRow({ children: [cell([para(t('export:doc.wholePlan'), { bold: true, size: SMALL })], { columnSpan: 3 }), cell([para(m.total, { size: SMALL })], { columnSpan: m.columns.length - 3 })] }));
  return [para(`${t('export:monitoring.period')} ${m.period}`), table(rows, [12, 12, 14, 16, 8, 8, 15, 15])];
}

/** The funding part: rates used and notes, then each table under its own heading. */
function fundingPart(doc: PoaDocument, tr: Words): (Paragraph | Table)[] {
  const f = doc.funding;
  const out: (Paragraph | Table)[] = [];
  if (f.rates.length) out.push(para(tr('export:funding.rates', { rates: f.rates.join('; ') })));
  for (const n of f.notes) out.push(para('', { empty: n }));
  for (const t of f.tables) {
    out.push(heading(HeadingLevel.HEADING_2, '', t.caption, '', rtlDocument));
    if (t.rows.length === 0) out.push(para('', { empty: tr('export:funding.empty') }));
    else out.push(table([headerRow(t.columns), ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => textCell(c)) }))]));
  }
  return out;
}

const A4 = { width: 11906, height: 16838 }; // twentieths of a point
const PORTRAIT = { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: { top: 907, bottom: 907, left: 794, right: 794 } } };
const LANDSCAPE = { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: 567, bottom: 567, left: 510, right: 510 } } };

/** Word's language tag of each locale (proofing and, for Arabic, the complex-script language). */
const WORD_LANGUAGE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar-SA' };

/**
 * The Word document of `doc`, as the bytes of a .docx file; headings and fixed texts in `lang`
 * (L8). In Arabic every paragraph is bidirectional and tables run right to left.
 */
export async function renderPoaDocx(doc: PoaDocument, lang: Locale = DEFAULT_LOCALE): Promise<Uint8Array> {
  const t = translator(lang);
  const rtlDoc = dirOf(lang) === 'rtl';
  rtlDocument = rtlDoc;
  try {
    return await packPoaDocx(doc, t, lang, rtlDoc);
  } finally {
    rtlDocument = false;
  }
}

function packPoaDocx(doc: PoaDocument, t: (key: string, params?: Record<string, unknown>) => string, lang: Locale, rtlDoc: boolean): Promise<Uint8Array> {
  const part = (key: string) => heading(HeadingLevel.HEADING_1, '', t(`export:part.${key}`), '', rtlDoc);
  const parts: ISectionOptions[] = [
    { properties: PORTRAIT, children: cover(doc, t) },
    {
      properties: PORTRAIT,
      children: [
        part('background'),
        ...sections(doc.background, t('export:empty.background'), t),
        new Paragraph({ pageBreakBefore: true, heading: HeadingLevel.HEADING_1, children: [new TextRun(t('export:part.programmes'))], ...(rtlDoc ? { bidirectional: true } : {}) }),
        ...goals(doc, t),
        ...ranking(doc, t),
        ...representation(doc, t),
        ...sectorTable(doc, t, rtlDoc),
      ],
    },
    {
      properties: LANDSCAPE,
      children: [
        part('matrix'),
        ...matrixTable(doc, t),
      ],
    },
    { properties: PORTRAIT, children: [part('funding'), ...fundingPart(doc, t)] },
    {
      properties: LANDSCAPE,
      children: [part('monitoring'), ...monitoringTable(doc, t)],
    },
    { properties: PORTRAIT, children: [part('annexes'), ...sections(doc.annexes, t('export:empty.annexes'), t)] },
  ];
  if (doc.consultations.length) parts.push({ properties: PORTRAIT, children: [part('consultations'), ...sections(doc.consultations, '', t)] });
  if (doc.comments) parts.push({ properties: PORTRAIT, children: [part('comments'), ...sections(doc.comments, t('export:empty.comments'), t)] });
  const language = { value: WORD_LANGUAGE[lang], ...(rtlDoc ? { bidirectional: WORD_LANGUAGE[lang] } : {}) };
  const file = new Document({
    creator: 'Roundtable',
    title: t('export:title', { title: doc.cover.title.trim() || t('export:untitled') }),
    description: doc.cover.status,
    styles: { default: { document: { run: { font: 'Arial', size: 20, language, ...(rtlDoc ? { rightToLeft: true } : {}) } } } },
    numbering: { config: [{ reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 260 } } } }] }] },
    sections: parts,
  });
  return Packer.toBuffer(file).then((b) => new Uint8Array(b));
}
