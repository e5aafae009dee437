import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { PlanData } from '../../../shared/schema/types.js';
import { HTML_EXPORT } from '../../../server/export/html.js';
import { DOCX_EXPORT } from '../../../server/export/docx.js';
import { checkParams, exportLocale } from '../../../server/export/formats.js';
import { contextLine } from '../../../server/export/tables.js';
import { sheetWords } from '../../../server/export/xlsx-text.js';
import { fullPlan, handbookMatrix } from '../../shared/helpers/fixtures.js';

const AT = '2026-12-01T10:00:00.000Z';
const render = (plan: PlanData, params: Record<string, string> = {}) => HTML_EXPORT.render({ plan, snapshot: null, params, generatedAt: AT }) as string;

describe('documents in the plan language (L8)', () => {
  it('[L8] the print view takes ?lang=, else the plan language, and sets lang and dir', () => {
    const plan = handbookMatrix();
    expect(plan.language).toBe('en');
    const en = render(plan);
    expect(en).toContain('<html lang="en" dir="ltr">');
    expect(en).toContain('>Implementation Plan Matrix</h2>');
    const fr = render({ ...plan, language: 'fr' });
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(fr).toContain('>Matrice du plan de mise en œuvre</h2>');
    expect(fr).toContain('>1. Contexte</h2>');
    const es = render({ ...plan, language: 'fr' }, { lang: 'es' });
    expect(es).toContain('<html lang="es" dir="ltr">');
    expect(es).toContain('>Matriz del plan de ejecución</h2>');
    const ar = render(plan, { lang: 'ar' });
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('>مصفوفة خطة التنفيذ</h2>');
    expect(ar).toContain('<title>خطة العمل الوطنية: ');
  });

  it('[L71] the cover says when the document was made as its language writes a date and time (UTC), never a raw ISO time', () => {
    const plan = handbookMatrix();
    expect(render(plan)).toContain('2026-12-01 10:00 UTC');
    const moment = (lang: string) => `${new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(AT))} UTC`;
    for (const lang of ['en', 'fr', 'es', 'ar']) {
      const html = render(plan, { lang });
      expect(html, lang).not.toContain(AT);
      if (lang !== 'en') expect(html, lang).toContain(moment(lang));
      // The workbook's context line says it the same way.
      const line = contextLine(plan, null, AT, sheetWords(lang as 'en'));
      expect(line, lang).not.toContain(AT);
      expect(line, lang).toContain(lang === 'en' ? '2026-12-01 10:00 UTC' : moment(lang));
    }
    const snap = { id: 's1', planId: 'p', name: 'Atelier de Thiès', note: '', status: 'workshop', author: 'Awa', createdAt: AT, changedAt: null, sha256: 'ab'.repeat(32), bytes: 1 } as const;
    expect(contextLine(plan, snap, AT, sheetWords('fr'))).toContain(`Version «\u202fAtelier de Thiès\u202f» (atelier, ${moment('fr')}, SHA-256 abababababab)`);
    expect(contextLine(plan, snap, AT, sheetWords('en'))).toContain('Snapshot "Atelier de Thiès" (workshop, 2026-12-01 10:00 UTC, SHA-256 abababababab)');
  });

  it('[L130] the print view writes calendar dates (time frames, review periods, consultation rounds) and the ranking warnings in its language', () => {
    const plan = fullPlan();
    // A goal nobody scored yet: the ranking's SC8 warning.
    plan.goals.push({ ...plan.goals[0]!, id: 'g-unscored', title: 'Unscored goal', order: 'z' });
    const day = (lang: string, iso: string) => new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    const en = render(plan);
    expect(en).toContain('2025-01-01');
    expect(en).toMatch(/SC8: 1 goal lacks a score on at least one criterion and is not ranked/);
    for (const lang of ['fr', 'es', 'ar'] as const) {
      const html = render(plan, { lang });
      const text = html.replace(/<[^>]+>/g, ' ');
      expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g), lang).toBeNull();
      for (const iso of ['2025-01-01', '2027-12-31', '2026-03-01', '2026-04-01']) expect(html, `${lang} ${iso}`).toContain(day(lang, iso));
      expect(html, lang).not.toContain('lacks a score');
    }
    expect(render(plan, { lang: 'fr' })).toContain('SC8\u202f: 1 objectif n’a pas de note sur au moins un critère et n’est pas classé');
  });

  it('[L8] ?lang= accepts only the four locales', () => {
    expect(checkParams(HTML_EXPORT, { lang: 'de' })).toMatch(/lang/);
    expect(checkParams(DOCX_EXPORT, { lang: 'ar' })).toBeNull();
    expect(exportLocale({ language: 'es' }, {})).toBe('es');
    expect(exportLocale({ language: 'es' }, { lang: 'fr' })).toBe('fr');
  });

  it('[L8] Word in Arabic: translated headings, bidirectional paragraphs and right-to-left tables, Arabic proofing language', async () => {
    const bytes = (await DOCX_EXPORT.render({ plan: { ...handbookMatrix(), language: 'ar' }, snapshot: null, params: {}, generatedAt: AT })) as Uint8Array;
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(xml).toContain('مصفوفة خطة التنفيذ');
    expect(xml).toMatch(/<w:bidi\/>[\s\S]*مصفوفة خطة التنفيذ/);
    expect(xml).toContain('<w:bidiVisual/>');
    expect(styles).toMatch(/<w:lang [^>]*w:bidi="ar-SA"/);
    const fr = (await DOCX_EXPORT.render({ plan: handbookMatrix(), snapshot: null, params: { lang: 'fr' }, generatedAt: AT })) as Uint8Array;
    const frXml = await (await JSZip.loadAsync(fr)).file('word/document.xml')!.async('string');
    expect(frXml).toContain('Matrice du plan de mise en œuvre');
    expect(frXml).not.toContain('<w:bidiVisual/>');
    // [L72] A label before its value follows the language's punctuation: French "Pays : ", English "Country: ".
    expect(frXml).toContain('>Pays\u202f: <');
    expect(frXml).not.toMatch(/>[^<]*\S: <\/w:t>/);
    const enXml = await (await JSZip.loadAsync((await DOCX_EXPORT.render({ plan: handbookMatrix(), snapshot: null, params: {}, generatedAt: AT })) as Uint8Array)).file('word/document.xml')!.async('string');
    expect(enXml).toContain('>Country: <');
  });

  it('[ML7] print view and Word show titles and section texts in the document language where translated', async () => {
    const plan = handbookMatrix();
    plan.sections.push({ id: 's1', part: 'background', title: 'Migration trends', body: 'Emigration doubled since 2010.', order: 'a', archived: false });
    const fr = (over: Record<string, string>, kind: 'goal' | 'section', targetId: string, field: 'title' | 'body' = 'title') =>
      ({ id: `t-${targetId}-${field}`, targetKind: kind, targetId, field, original: null, en: '', fr: '', es: '', ar: '', ...over }) as PlanData['translations'][number];
    plan.translations = [
      fr({ fr: "Impact accru des transferts de fonds sur le développement" }, 'goal', 'g1'),
      fr({ fr: 'Tendances migratoires' }, 'section', 's1'),
      fr({ fr: "L'émigration a doublé depuis 2010." }, 'section', 's1', 'body'),
    ];
    const html = render(plan, { lang: 'fr' });
    expect(html).toContain('Impact accru des transferts de fonds sur le développement');
    expect(html).toContain('Tendances migratoires');
    expect(html).toContain('doublé depuis 2010.');
    expect(html).not.toContain('Migration trends');
    // English readers get the originals; Spanish has no translation, so the originals too.
    for (const lang of ['en', 'es']) {
      const other = render(plan, { lang });
      expect(other).toContain('Migration trends');
      expect(other).toContain('Increased developmental impact of remittances');
    }
    const bytes = (await DOCX_EXPORT.render({ plan, snapshot: null, params: { lang: 'fr' }, generatedAt: AT })) as Uint8Array;
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Tendances migratoires');
    expect(xml).not.toContain('Migration trends');
  });
});
