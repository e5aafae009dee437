import ExcelJS from 'exceljs';
import { newId } from '../../shared/ids.js';
import {
  DEPENDENCY_TYPES,
  FUNDING_KINDS,
  FUNDING_MODALITIES,
  FUNDING_STATUSES,
  INDICATOR_FREQUENCIES,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  INDICATOR_MEASUREMENTS,
  parsePlanJson,
  type NodeKind,
  type PlanData,
} from '../../shared/model.js';
import { isCountry, isCurrency } from '../../shared/schema/values.js';
import { keysAfter } from '../../shared/domain/order.js';
import { SECTOR_IDS } from '../../shared/schema/types.js';
import { INDICATOR_HEADERS, MATRIX_HEADERS } from '../export/tables.js';
import { checkZip, type ZipLimits } from './zip-guard.js';
import { readReviews } from './xlsx-reviews.js';
import { readScoring } from './xlsx-scores.js';
import { Problems, RowReader, columnsParams, findHeader, firstBad, indicatorKey, list, sheetOf, textOf, type Header, type Origin, type SheetProblem } from './xlsx-cells.js';
import { headingLocale, isMonitoringSheetName, isTranslatedNote, readContext, sheetKeyOf } from '../export/xlsx-text.js';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../../shared/i18n/locales.js';
import { parsePeriodTargets } from '../../shared/domain/monitoring.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import { importNote } from './notes.js';

export type { SheetProblem } from './xlsx-cells.js';

/** The matrix read from a workbook: plan meta and new items with fresh ids, checked by the plan parser. */
export interface ImportedMatrix {
  title: string | null;
  country: string | null;
  currency: string | null;
  /** Canonical items (`parsePlanJson`), ready for `addEntities`. */
  plan: PlanData;
  counts: Record<'goals' | 'outcomes' | 'outputs' | 'activities' | 'indicators' | 'reviews', number>;
  /** Whether `plan.criteria` replaces a new plan's default criteria (the workbook has a Criteria sheet, XL1). */
  hasCriteria: boolean;
  /** The workbook carried named scores, so the facilitators had allowed them (XL3): the new plan keeps that setting. */
  exportNamedScores: boolean;
  /** What the import left out or changed and why (XL3, XL5), answered as `notes`. */
  notes: ImportNote[];
  /** The plan's language (ML10): the live plan's, or for a new plan the language most of its original titles are in. */
  language: Locale;
}

/** What a workbook is read into: a new plan (scores and criteria too), or a live plan's empty matrix. */
export interface WorkbookTarget {
  /** Read the Criteria, Agreed scores and Named scores sheets (a new plan; a live plan keeps its own). */
  withScores: boolean;
  /** Snapshot ids the plan has: a review bound to any other loses its binding (XL5). */
  snapshots: ReadonlySet<string>;
  /** The live plan's language (ML2); absent for a new plan, whose language is its titles' (ML10). */
  language?: Locale;
}

/** Why a workbook was refused: 400 with problems, or 413 when it is too big. */
export type WorkbookRefusal = { ok: false; status: 400 | 413; code: string; message: string; problems?: SheetProblem[]; params?: Record<string, string | number> };

/** Limits of one workbook import. */
export interface WorkbookLimits extends ZipLimits {
  /** Rows (matrix rows, indicators, review and score sheets) one import may hold, as `MAX_IMPORT_ITEMS`. */
  maxItems: number;
}

/** Largest uncompressed size of a workbook's files (its XML): 128 MiB. */
export const MAX_UNZIPPED_BYTES = 128 * 1024 * 1024;
/** Most files one workbook (zip archive) may hold. */
export const MAX_ZIP_ENTRIES = 2_000;
/** Longest plan title taken from a workbook's first cell (as POST /api/plans allows). */
const MAX_TITLE = 200;

const LEVELS: readonly NodeKind[] = ['goal', 'outcome', 'output', 'activity'];
const LIST_OF = { goal: 'goals', outcome: 'outcomes', output: 'outputs', activity: 'activities' } as const;
const CODE = /^[1-9]\d{0,5}(\.[1-9]\d{0,5}){0,3}$/;

/**
 * Reads an uploaded workbook (the layout `export.xlsx` writes, or any sheet whose header row
 * has the Matrix sheet's columns: Level, Code and Title at least) into new matrix items:
 * goals, outcomes, outputs and activities from the Matrix sheet (parents by code: 1.2.3 is
 * the third output of outcome 1.2), indicators from an Indicators sheet when there is one.
 * Derived columns (the merged goal, outcome and output names, roll-ups, actual expenditure,
 * indicator names, the total row) are ignored. Every problem is listed by sheet, row and
 * column; nothing is returned unless there are none. Runs in the heavy-work thread.
 */
export async function readWorkbook(bytes: Uint8Array, limits: WorkbookLimits, target: WorkbookTarget = { withScores: true, snapshots: new Set() }): Promise<{ ok: true; value: ImportedMatrix } | WorkbookRefusal> {
  const zip = checkZip(bytes, limits);
  if (zip?.kind === 'too-large') return { ok: false, status: 413, code: 'too_large', message: zip.message };
  const invalid = (problems: SheetProblem[]): WorkbookRefusal => ({
    ok: false,
    status: 400,
    code: 'invalid_workbook',
    message: `${problems.length} problem(s) found in the workbook; nothing was imported.`,
    problems,
  });
  if (zip) return invalid([{ sheet: null, row: null, column: null, message: zip.message, code: 'notWorkbook', params: {} }]);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    return invalid([{ sheet: null, row: null, column: null, message: `This zip archive is not an Excel workbook that can be read (${(err as Error).message}).`, code: 'notWorkbook', params: {} }]);
  }
  const required = [MATRIX_HEADERS.level, MATRIX_HEADERS.code, MATRIX_HEADERS.title];
  const named = sheetOf(wb, 'matrix');
  const ws = named ?? wb.worksheets.find((w) => findHeader(w, required));
  if (!ws) {
    return invalid([{ sheet: null, row: null, column: null, message: `The workbook has no "Matrix" sheet, and no sheet has the columns ${required.join(', ')} in its first 10 rows.`, code: 'noMatrixSheet', params: columnsParams(required) }]);
  }
  const header = findHeader(ws, required);
  if (!header) return invalid([{ sheet: ws.name, row: null, column: null, message: `The sheet has no header row with the columns ${required.join(', ')} in its first 10 rows.`, code: 'noHeader', params: columnsParams(required) }]);
  const indicatorSheet = sheetOf(wb, 'indicators');
  const counted = new Set(['reviews', 'criteria', 'agreedScores', 'namedScores']);
  const reviewRows = wb.worksheets.filter((w) => counted.has(sheetKeyOf(w.name) ?? '') || isMonitoringSheetName(w.name)).reduce((n, w) => n + w.rowCount, 0);
  const rows = ws.rowCount - header.row + (indicatorSheet ? indicatorSheet.rowCount : 0) + reviewRows;
  if (rows > limits.maxItems) {
    return { ok: false, status: 413, code: 'too_many_items', message: `Imports are limited to ${limits.maxItems} items (rows); this workbook has ${rows}.`, params: { max: limits.maxItems, items: rows } };
  }
  const problems = new Problems();
  const origins = new Map<string, Origin>();
  const matrix = readMatrix(ws, header, problems, origins);
  // ML10: originals and translations of the titles; a new plan takes the language most original titles are in.
  const language = target.language ?? mostCommon(matrix.titles.map((x) => x.originalLang), matrix.workbookLang);
  const translations = translationRecords(matrix.titles, matrix.workbookLang, language);
  const found = new Map<string, string[]>();
  const indicators = indicatorSheet ? readIndicators(indicatorSheet, matrix.byCode, problems, origins, found) : [];
  const reviewSheet = sheetOf(wb, 'reviews');
  const reviews = reviewSheet ? readReviews(wb, reviewSheet, { byCode: matrix.byCode, indicators: found }, problems) : [];
  const scoring = readScoring(wb, matrix.byCode, problems, origins, target.withScores);
  if (problems.list.length) return invalid(problems.done());
  for (const g of matrix.goals) g['status'] = scoring.status.get(g.id) ?? 'candidate';
  // XL5: a review bound to a snapshot this plan does not have is measured against the live plan.
  const notes = [...scoring.notes];
  for (const r of reviews) {
    const sid = r['baselineSnapshotId'];
    if (typeof sid === 'string' && !target.snapshots.has(sid)) {
      r['baselineSnapshotId'] = null;
      notes.push(importNote('reviewUnbound', { review: String(r['label']), snapshot: sid }));
    }
  }

  // Plan meta from the title rows export.xlsx writes (title in A1; "Country: SN · Currency: USD" in A2, in any of the four languages).
  const title = header.row > 1 ? textOf(ws.getCell(1, 1).value).slice(0, MAX_TITLE) || null : null;
  const { country, currency } = readContext(header.row > 2 ? textOf(ws.getCell(2, 1).value) : '');
  const parsed = parsePlanJson({
    format: 'roundtable-plan/1',
    id: 'import',
    title: title ?? 'Imported plan',
    goals: matrix.goals,
    outcomes: matrix.outcomes,
    outputs: matrix.outputs,
    activities: matrix.activities,
    indicators,
    reviews,
    criteria: scoring.criteria ?? [],
    participants: scoring.participants,
    scores: scoring.scores,
    agreedScores: scoring.agreedScores,
    translations,
    language,
  });
  if (!parsed.ok) {
    const lists: Record<string, { id?: unknown }[]> = { translations, goals: matrix.goals, outcomes: matrix.outcomes, outputs: matrix.outputs, activities: matrix.activities, indicators, reviews, criteria: scoring.criteria ?? [], participants: scoring.participants };
    for (const p of parsed.problems) {
      const m = /^\/(\w+)\/(\d+)(?:\/(\w+))?/.exec(p.path);
      const item = m ? lists[m[1]!]?.[Number(m[2])] : undefined;
      const id = typeof item?.id === 'string' ? item.id : undefined;
      // A translation record's problem is its row's (ML10).
      const at = id ? origins.get(id) ?? origins.get(String((item as { targetId?: unknown }).targetId)) : undefined;
      // The parser's own code and parameters (L43): the field it names is in them.
      problems.add(at?.sheet ?? ws.name, at?.row ?? null, null, `${m?.[3] ?? p.path}: ${p.message}`, { code: p.code, params: p.params });
    }
    return invalid(problems.done());
  }
  return {
    ok: true,
    value: {
      title,
      country: country && isCountry(country) ? country : null,
      currency: currency && isCurrency(currency) ? currency : null,
      plan: parsed.value,
      counts: {
        goals: parsed.value.goals.length,
        outcomes: parsed.value.outcomes.length,
        outputs: parsed.value.outputs.length,
        activities: parsed.value.activities.length,
        indicators: parsed.value.indicators.length,
        reviews: parsed.value.reviews.length,
      },
      hasCriteria: scoring.criteria !== null,
      exportNamedScores: scoring.exportNamedScores,
      notes,
      language,
    },
  };
}

type Item = Record<string, unknown> & { id: string };

/** The Matrix sheet's rows as plan items, parents resolved by code. */
function readMatrix(ws: ExcelJS.Worksheet, header: Header, problems: Problems, origins: Map<string, Origin>) {
  const H = MATRIX_HEADERS;
  const planned: { header: string; currency: string }[] = [];
  for (const [h] of header.cols) {
    const m = /^planned budget \(([a-z]{3})\)$/.exec(h);
    if (m) planned.push({ header: h, currency: m[1]!.toUpperCase() });
  }
  // ML10: the workbook's language is its Title heading's; "Original title" / "Original language" say where Title is a translation.
  const workbookLang = headingLocale(textOf(ws.getCell(header.row, header.cols.get(H.title.toLowerCase())!).value), H.title) ?? DEFAULT_LOCALE;
  const titles: RowTitle[] = [];
  const byCode = new Map<string, { kind: NodeKind; id: string; row: number }>();
  const entries: { kind: NodeKind; code: string; item: Item; r: RowReader; depends: string }[] = [];
  for (let row = header.row + 1; row <= ws.rowCount; row++) {
    const r = new RowReader(ws, header, row, problems);
    const level = r.text(H.level).toLowerCase();
    const code = r.text(H.code);
    const title = r.text(H.title);
    if (!level && !code && !title) continue;
    if (level === 'total') continue;
    if (!LEVELS.includes(level as NodeKind)) {
      r.problem(H.level, `"Level" must be one of ${LEVELS.join(', ')}, not "${level}".`, { code: 'notOneOf', params: { ...r.column(H.level), allowed: LEVELS.join(', '), value: level } });
      continue;
    }
    const kind = level as NodeKind;
    const depth = LEVELS.indexOf(kind) + 1;
    if (!CODE.test(code) || code.split('.').length !== depth) {
      r.problem(H.code, `A ${kind}'s code has ${depth} part(s) such as "${['1', '1.2', '1.2.3', '1.2.3.4'][depth - 1]}"; found "${code}".`, { code: 'badCode', params: { kind, count: depth, example: ['1', '1.2', '1.2.3', '1.2.3.4'][depth - 1]!, value: code } });
      continue;
    }
    if (byCode.has(code)) {
      r.problem(H.code, `The code ${code} is also on row ${byCode.get(code)!.row}; codes must be unique.`, { code: 'duplicateCode', params: { code, row: byCode.get(code)!.row } });
      continue;
    }
    const id = newId();
    byCode.set(code, { kind, id, row });
    origins.set(id, { sheet: ws.name, row });
    const text = titleOf(r, title, workbookLang, isTranslatedNote(ws.getCell(row, header.cols.get(H.title.toLowerCase())!).note));
    titles.push({ kind, id, ...text });
    const item: Item = { id, title: text.original };
    // The library entry the row came from (LB3) and, on goals and outcomes, Annex C sectors (SK2).
    const source = r.text(H.source);
    if (source) item['source'] = source;
    if (kind === 'goal' || kind === 'outcome') {
      const sectors = list(r.text(H.sectors));
      const unknown = sectors.filter((x) => !(SECTOR_IDS as readonly string[]).includes(x));
      if (unknown.length) r.problem(H.sectors, `Unknown sector(s) ${unknown.map((x) => `"${x}"`).join(', ')}; sectors are ${SECTOR_IDS.join(', ')}.`, { code: 'unknownSectors', params: { values: unknown.map((x) => `"${x}"`).join(', '), allowed: SECTOR_IDS.join(', ') } });
      else item['sectors'] = sectors;
    }
    if (kind === 'goal') {
      item['responsibleParties'] = list(r.text(H.responsible));
      item['start'] = r.date(H.start);
      item['end'] = r.date(H.end);
    } else item['responsible'] = r.text(H.responsible);
    if (kind === 'activity') {
      item['start'] = r.date(H.start);
      item['end'] = r.date(H.end);
      const amounts = planned.map((p) => ({ currency: p.currency, amount: r.number(`${H.planned} (${p.currency})`) })).filter((m) => m.amount !== null);
      if (amounts.length > 1) r.problem(null, `An activity has one planned budget; this row has one in ${amounts.map((m) => m.currency).join(' and ')}.`, { code: 'twoBudgets', params: { currencies: amounts.map((m) => m.currency).join(', ') } });
      else if (amounts[0] && amounts[0].amount! < 0) r.problem(`${H.planned} (${amounts[0].currency})`, 'A planned budget cannot be negative.', { code: 'negativeBudget', params: {} });
      item['budget'] = amounts[0] ?? null;
      const kindOf = r.oneOf(H.fundingKind, FUNDING_KINDS);
      const modality = r.oneOf(H.modality, FUNDING_MODALITIES);
      const status = r.oneOf(H.fundingStatus, FUNDING_STATUSES);
      const funder = r.text(H.funder);
      if (kindOf) {
        if (!status) r.problem(H.fundingStatus, `"${H.fundingStatus}" must be ${FUNDING_STATUSES.join(' or ')} when a funding kind is given.`, { code: 'needsFundingStatus', params: { ...r.column(H.fundingStatus), allowed: FUNDING_STATUSES.join(', ') } });
        item['funding'] = { kind: kindOf, modality, funder, status: status ?? 'pledged' };
      } else {
        if (modality || status || funder) r.problem(H.fundingKind, `"${H.fundingKind}" (${FUNDING_KINDS.join(' or ')}) is needed when a funder, modality or status is given.`, { code: 'needsFundingKind', params: { ...r.column(H.fundingKind), allowed: FUNDING_KINDS.join(', ') } });
        item['funding'] = null;
      }
      item['result'] = r.text(H.result);
      item['risks'] = r.text(H.risks);
      item['verification'] = r.text(H.verification);
    }
    entries.push({ kind, code, item, r, depends: kind === 'activity' ? r.text(H.dependsOn) : '' });
  }

  // Parents by code, order keys in sheet order, dependencies by code.
  const out = { goals: [] as Item[], outcomes: [] as Item[], outputs: [] as Item[], activities: [] as Item[], byCode, titles, workbookLang };
  const parentField: Record<NodeKind, string | null> = { goal: null, outcome: 'goalId', output: 'outcomeId', activity: 'outputId' };
  const siblings = new Map<string, Item[]>();
  for (const e of entries) {
    const field = parentField[e.kind];
    const parentCode = e.code.split('.').slice(0, -1).join('.');
    if (field) {
      const parent = byCode.get(parentCode);
      const wanted = LEVELS[LEVELS.indexOf(e.kind) - 1]!;
      if (!parent || parent.kind !== wanted) {
        e.r.problem(MATRIX_HEADERS.code, `This ${e.kind} (${e.code}) is under ${wanted} ${parentCode}, which is not in the sheet.`, { code: 'noParent', params: { kind: e.kind, code: e.code, parentKind: wanted, parentCode } });
        continue;
      }
      e.item[field] = parent.id;
    }
    const key = field ? parentCode : '';
    siblings.set(key, [...(siblings.get(key) ?? []), e.item]);
    if (e.depends) {
      const deps: { activityId: string; type: string }[] = [];
      for (const part of list(e.depends)) {
        const m = /^(\S+)\s*(?:\((\w+)\))?$/.exec(part);
        const target = m ? byCode.get(m[1]!) : undefined;
        const type = (m?.[2] ?? 'chronological').toLowerCase();
        if (!target || target.kind !== 'activity') e.r.problem(MATRIX_HEADERS.dependsOn, `"${part}" is not the code of an activity in the sheet (write "1.1.1.2 (chronological); ...").`, { code: 'notDependency', params: { value: part } });
        else if (!(DEPENDENCY_TYPES as readonly string[]).includes(type)) e.r.problem(MATRIX_HEADERS.dependsOn, `The dependency type must be one of ${DEPENDENCY_TYPES.join(', ')}, not "${type}".`, { code: 'badDependencyType', params: { allowed: DEPENDENCY_TYPES.join(', '), value: type } });
        else deps.push({ activityId: target.id, type });
      }
      e.item['dependencies'] = deps;
    } else if (e.kind === 'activity') e.item['dependencies'] = [];
    out[LIST_OF[e.kind]].push(e.item);
  }
  for (const items of siblings.values()) keysAfter(null, items.length).forEach((k, i) => (items[i]!['order'] = k));
  return out;
}

/** A matrix row's title as read (ML10): the original, its language, and the translation the Title cell holds ('' = none). */
interface RowTitle {
  kind: NodeKind;
  id: string;
  original: string;
  originalLang: Locale;
  translation: string;
}

/**
 * ML10: a row's original title and its translation. Where "Original title" is filled, Title shows
 * the translation in the workbook's language (edited or not) and the original stays "Original
 * title", in "Original language" (which must then name another language). Where it is empty,
 * Title is the original, in "Original language" or else the workbook's language. A Title whose
 * note marks it as a translation while "Original title" is empty (the column deleted or cleared)
 * is refused: importing it would turn the translation into the original.
 */
function titleOf(r: RowReader, shown: string, workbookLang: Locale, markedTranslated: boolean): Omit<RowTitle, 'kind' | 'id'> {
  const H = MATRIX_HEADERS;
  const original = r.text(H.originalTitle);
  const named = r.text(H.originalLanguage).toLowerCase();
  if (named && !isLocale(named)) r.problem(H.originalLanguage, `"${H.originalLanguage}" must be one of ${LOCALES.join(', ')}, not "${named}".`, { code: 'notOneOf', params: { ...r.column(H.originalLanguage), allowed: LOCALES.join(', '), value: named } });
  const lang = isLocale(named) ? named : workbookLang;
  if (!original) {
    if (markedTranslated) r.problem(H.title, `This title is marked (in its note) as a translation, but "${H.originalTitle}" is empty: importing it would make the translation the original. Put the original back in "${H.originalTitle}", or delete the note if this title is now the original.`, { code: 'translationNoOriginal', params: { ...r.column(H.originalTitle) } });
    return { original: shown, originalLang: lang, translation: '' };
  }
  if (lang === workbookLang) r.problem(H.originalLanguage, `"${H.originalTitle}" holds the original of a title shown in translation, so "${H.originalLanguage}" must name its language (not ${workbookLang}, the workbook's): one of ${LOCALES.filter((l) => l !== workbookLang).join(', ')}.`, { code: 'originalSameLanguage', params: { ...r.column(H.originalTitle), ...r.column(H.originalLanguage, 'language'), value: workbookLang, allowed: LOCALES.filter((l) => l !== workbookLang).join(', ') } });
  return { original, originalLang: lang, translation: shown === original ? '' : shown };
}

/** The most frequent of `langs`; `fallback` when there are none or it is among the most frequent. */
function mostCommon(langs: readonly Locale[], fallback: Locale): Locale {
  const counts = new Map<Locale, number>();
  for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1);
  const best = Math.max(0, ...counts.values());
  if (best === 0 || counts.get(fallback) === best) return fallback;
  return LOCALES.find((l) => counts.get(l) === best)!;
}

/** ML10: the translation records of the imported titles: one per title that has a translation or an original in another language than the plan's. */
function translationRecords(titles: readonly RowTitle[], workbookLang: Locale, planLang: Locale): Item[] {
  const out: Item[] = [];
  for (const t of titles) {
    if (!t.translation && t.originalLang === planLang) continue;
    const texts: Record<Locale, string> = { en: '', fr: '', es: '', ar: '' };
    if (t.translation) texts[workbookLang] = t.translation;
    out.push({ id: newId(), targetKind: t.kind, targetId: t.id, field: 'title', original: t.originalLang === planLang ? null : t.originalLang, ...texts });
  }
  return out;
}

/** The Indicators sheet's rows as indicators of the matrix rows their code names (any level, SPEC IN1); `found` gets their ids by {@link indicatorKey}. */
function readIndicators(ws: ExcelJS.Worksheet, byCode: Map<string, { kind: NodeKind; id: string }>, problems: Problems, origins: Map<string, Origin>, found: Map<string, string[]>): Item[] {
  const H = INDICATOR_HEADERS;
  const header = findHeader(ws, [H.code, H.name]);
  if (!header) {
    problems.noHeader(ws.name, [H.code, H.name], `The sheet has no header row with the columns "${H.code}" and "${H.name}".`);
    return [];
  }
  const out: Item[] = [];
  for (let row = header.row + 1; row <= ws.rowCount; row++) {
    const r = new RowReader(ws, header, row, problems);
    const code = r.text(H.code);
    const name = r.text(H.name);
    if (!code && !name) continue;
    const node = byCode.get(code);
    if (!node) {
      r.problem(H.code, `"${code}" is not the code of a goal, outcome, output or activity in the Matrix sheet.`, { code: 'notMatrixCode', params: { code } });
      continue;
    }
    const targets = parsePeriodTargets(r.text(H.periodTargets));
    if (typeof targets === 'string') r.problem(H.periodTargets, `"${H.periodTargets}": ${targets}.`, { code: 'notPeriodTarget', params: { ...r.column(H.periodTargets), value: firstBad(r.text(H.periodTargets), parsePeriodTargets) } });
    const measure = (value: string, date: string) => {
      const v = r.number(value);
      const d = r.date(date);
      return v === null ? null : { value: v, date: d };
    };
    const id = newId();
    origins.set(id, { sheet: ws.name, row });
    out.push({
      id,
      nodeId: node.id,
      name,
      kind: r.oneOf(H.kind, INDICATOR_KINDS),
      level: r.oneOf(H.level, INDICATOR_LEVELS),
      unit: r.text(H.unit),
      baseline: measure(H.baseline, H.baselineDate),
      target: measure(H.target, H.targetDate),
      disaggregation: list(r.text(H.disaggregation)),
      verification: r.text(H.verification),
      source: r.text(H.source),
      measurement: r.oneOf(H.measurement, INDICATOR_MEASUREMENTS),
      frequency: r.oneOf(H.frequency, INDICATOR_FREQUENCIES),
      periodTargets: typeof targets === 'string' ? [] : targets,
    });
    const key = indicatorKey(code, name);
    found.set(key, [...(found.get(key) ?? []), id]);
  }
  const orders = keysAfter(null, out.length);
  out.forEach((item, i) => (item['order'] = orders[i]));
  return out;
}
