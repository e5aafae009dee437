import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/access.js';
import { LOCALES, type Locale } from '../../../shared/i18n/locales.js';
import type { Messages } from '../../../shared/i18n/types.js';
import { translator } from '../../../server/i18n.js';
import en from '../../../shared/i18n/en/index.js';
import fr from '../../../shared/i18n/fr/index.js';
import es from '../../../shared/i18n/es/index.js';
import ar from '../../../shared/i18n/ar/index.js';
import { auth, rememberLinks, serverForTests } from '../../helpers/test-server.js';
import { fullPlan } from '../../shared/helpers/fixtures.js';
import { CSV_SHEETS } from '../../../server/export/csv.js';
import { englishFragments, englishLeft } from '../../helpers/english-left.js';

const running = serverForTests();
const CATALOGUES = { en, fr, es, ar };

/** Every leaf message of a namespace table, by dotted key. */
function leaves(m: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/**
 * English fixed texts of a namespace that a document in `locale` must not contain: messages
 * without placeholders, of 12 characters or more, whose translation differs from the English.
 */
function englishLeftovers(ns: 'export' | 'xlsx', locale: Locale, text: string): string[] {
  const mine = leaves(CATALOGUES[locale][ns] as Messages);
  return [...leaves(en[ns] as Messages)].filter(([k, v]) => !v.includes('{{') && v.length >= 12 && mine.get(k) !== v && text.includes(v)).map(([k, v]) => `${k}: "${v}"`);
}

/** GETs an export of the live plan as an observer. */
async function get(id: string, path: string): Promise<Response> {
  const res = await fetch(`${running.server.url}/api/plans/${id}/${path}`, { headers: auth(id, 'observer') });
  expect(res.status, path).toBe(200);
  return res;
}

/** Imports a plan over HTTP; its id (links remembered for `auth`). */
async function imported(plan: object): Promise<string> {
  const created = await fetch(`${running.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: string; links: Record<Role, string> };
  rememberLinks(body);
  return body.id;
}

/** Every string of `value` (the plan's own words, which a document prints as written). */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];

/** The text of an HTML or XML document: tags out (a paragraph or cell end is a break), the common entities decoded. */
const textOf = (markup: string): string =>
  markup
    .replace(/<\/(w:p|p|h\d|li|td|th|tr|div|section|caption)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

describe('[L11] every export speaks the plan language, over the real HTTP routes', () => {
  let id = '';
  let plan: ReturnType<typeof fullPlan>;
  beforeAll(async () => {
    // A plan with goals, scores, a review, funding and a consultation round, so every part is written.
    // Its activity titled "Consultations" is renamed: people's words stay as written, and would match the English part heading.
    plan = fullPlan();
    plan.activities = plan.activities.map((a) => (a.title === 'Consultations' ? { ...a, title: 'Hearings' } : a));
    id = await imported(plan);
  });

  it.each(LOCALES)('[L30] the print view, Word, Excel and CSV in %s have their headings in that language, and no English fixed text is left', async (locale) => {
    {
      const t = translator(locale);
      const html = await (await get(id, `export.html?lang=${locale}&comments=1`)).text();
      expect(html).toContain(`<html lang="${locale}"`);
      for (const key of ['export:matrix.column.activity', 'export:ranking.heading', 'export:rep.heading', 'export:funding.bySource', 'export:part.consultations', 'export:cover.stage', 'sectors:column.sector']) {
        expect(html, `${locale} ${key}`).toContain(`>${t(key)}<`);
      }
      expect(html).toContain(t('export:consult.round', { title: 'Remittance costs' }).replace(/"/g, '&#34;'));
      if (locale !== 'en') expect(englishLeftovers('export', locale, html), locale).toEqual([]);

      const docx = await JSZip.loadAsync(await (await get(id, `export.docx?lang=${locale}`)).arrayBuffer());
      const xml = await docx.file('word/document.xml')!.async('string');
      for (const key of ['export:matrix.column.activity', 'export:ranking.heading', 'export:funding.bySource', 'export:part.consultations']) expect(xml, `${locale} docx ${key}`).toContain(t(key));
      if (locale !== 'en') expect(englishLeftovers('export', locale, xml), `${locale} docx`).toEqual([]);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (await get(id, `export.xlsx?lang=${locale}`)).arrayBuffer());
      expect(wb.worksheets[0]!.name).toBe(t('xlsx:sheet.matrix'));
      expect(wb.worksheets[0]!.getCell('F4').value).toBe(t('xlsx:head.title'));
      expect(wb.worksheets.map((w) => w.name)).toContain(t('xlsx:sheet.monitoring', { label: '2025' }));
      if (locale !== 'en') {
        const headings = wb.worksheets.flatMap((w) => [w.name, String(w.getCell('A2').value), String(w.getCell('A3').value), ...((w.getRow(4).values as unknown[]) ?? []).map(String)]).join('\n');
        expect(englishLeftovers('xlsx', locale, headings), `${locale} xlsx`).toEqual([]);
      }

      const csv = await (await get(id, `export.csv?sheet=criteria&lang=${locale}`)).text();
      expect(csv.split('\r\n')[0]).toBe(`${[t('xlsx:head.number'), t('xlsx:head.criterion'), t('xlsx:head.description')].join(',')}`);

      // [L30] No English text of any catalogue (pieces of 3 words or more around the placeholders) in
      // the whole print view, Word document, workbook (every cell) and the CSV files' headings; the plan's
      // own words are left out, as written. In English the same check against the French catalogue must
      // find many (so the documents' text is read and the check can fail).
      const cells = wb.worksheets.flatMap((w) => [w.name, ...w.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).map((v) => (v && typeof v === 'object' && 'richText' in v ? (v.richText as { text: string }[]).map((r) => r.text).join('') : String(v ?? '')))]);
      const heads: string[] = [];
      for (const sheet of CSV_SHEETS.filter((x) => x !== 'named-scores' && x !== 'monitoring')) heads.push((await (await get(id, `export.csv?sheet=${sheet}&lang=${locale}`)).text()).split('\r\n')[0]!);
      const seen = [
        { where: 'print view', texts: [textOf(html)] },
        { where: 'Word', texts: [textOf(xml)] },
        { where: 'Excel', texts: cells },
        { where: 'CSV headings', texts: heads },
      ];
      const left = englishLeft(englishFragments(locale === 'en' ? fr : CATALOGUES[locale]), seen, [...stringsOf(plan), 'Hearings']);
      if (locale === 'en') for (const where of ['print view', 'Word', 'Excel', 'CSV headings']) expect(left.filter((l) => l.startsWith(`${where}:`)).length, where).toBeGreaterThan(2);
      else expect(left, `English in the ${locale} documents:\n${left.join('\n')}`).toEqual([]);
    }
  });

  it("[L8] the plan's own language is the default: a French plan's CSV has French headings without ?lang=", async () => {
    const fr = await imported({ ...fullPlan(), language: 'fr' });
    expect((await (await get(fr, 'export.csv?sheet=agreed-scores')).text()).split('\r\n')[0]).toBe('Code de l’objectif,Objectif,N° du critère,Critère,Note attribuée,Remarque');
  });
});
