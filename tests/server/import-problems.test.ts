import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en/gate.js';
import fr from '../../shared/i18n/fr/gate.js';
import es from '../../shared/i18n/es/gate.js';
import ar from '../../shared/i18n/ar/gate.js';
import enXlsx from '../../shared/i18n/en/xlsx.js';
import enRefusals from '../../shared/i18n/en/refusals.js';
import frRefusals from '../../shared/i18n/fr/refusals.js';
import esRefusals from '../../shared/i18n/es/refusals.js';
import arRefusals from '../../shared/i18n/ar/refusals.js';
import { IMPORT_PROBLEM_CODES, isImportProblemCode, isProblemCodeShape, problemParamsOf } from '../../shared/domain/import-problems.js';
import { ENTITIES } from '../../shared/schema/registry.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { expectWords } from '../../shared/schema/expects.js';
import { columnParams, columnsParams } from '../../server/import/xlsx-cells.js';
import type { Messages } from '../../shared/i18n/types.js';

/**
 * L35, L43: every problem of an import carries a code the browser words in the reader's language.
 * Reads the sources of `server/import/` (the workbook importer) and `shared/schema/parse.ts` (a JSON
 * plan file): every problem site passes a known code, worded in the four catalogues
 * (`gate:problems.<code>`) with a placeholder for each parameter it passes; every known code is used;
 * no site is left without a code. What a field expects and the kinds of items are worded too.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'server/import');
const CATALOGUES = { en, fr, es, ar } as Record<string, Messages>;
const REFUSALS = { en: enRefusals, fr: frRefusals, es: esRefusals, ar: arRefusals } as Record<string, Messages>;

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const workbook = fs
  .readdirSync(DIR)
  .filter((f) => f.startsWith('xlsx') && f.endsWith('.ts'))
  .map((f) => ({ file: `server/import/${f}`, text: read(`server/import/${f}`) }));
const parser = { file: 'shared/schema/parse.ts', text: read('shared/schema/parse.ts') };

/** Each problem site (`r.problem(`, `problems.add(`, `problems.noHeader(`, `invalid([{`, the parser's `.add(` and problem literals) with its line. */
const SITE = /(\b\w+\.problem\(|problems\.add\(|problems\.noHeader\(|invalid\(\[\{|\bout\.add\(|\{ path(?::|,) [^}]*message)/g;
const sites = [...workbook, parser].flatMap(({ file, text }) =>
  [...text.matchAll(SITE)].map((m) => {
    const end = text.indexOf('\n', m.index);
    return { at: `${file}:${text.slice(0, m.index).split('\n').length}`, line: text.slice(m.index, end < 0 ? undefined : end), kind: m[1]! };
  }),
);
/** Definitions and forwarders rather than sites: `add(…, message: string, …)`, `problem(header, message, words)`. */
const isDefinition = (line: string) => /message: string/.test(line) || /\bwords\)/.test(line) || /\bmessage, code, params \}/.test(line);

/** The parameter names a site's `params: { … }` text passes (spreads of `column(…)` name their column parameter). */
function paramNames(inner: string): string[] {
  const names: string[] = [];
  inner = inner.replace(/\.\.\.(?:\w+\.)?column\([^(),]*(?:\([^()]*\))?[^(),]*(?:,\s*'(\w+)')?\)/g, (_, name: string | undefined) => {
    names.push(name ?? 'column');
    return '';
  });
  // Parameters spread from elsewhere (what a field expects, the parser's own) are checked where they are made.
  inner = inner.replace(/\.\.\.[\w.?]+/g, '');
  while (/\([^()]*\)|\[[^[\]]*\]/.test(inner)) inner = inner.replace(/\([^()]*\)|\[[^[\]]*\]/g, '');
  return [...names, ...inner.split(',').map((p) => p.split(':')[0]!.trim()).filter(Boolean)];
}

/** The messages of `gate:problems.<code>` in one catalogue, plural forms included. */
function forms(cat: Messages, code: string): string[] {
  const table = cat['problems'] as Record<string, string>;
  return Object.entries(table).filter(([k]) => k === code || k.startsWith(`${code}_`)).map(([, v]) => v);
}
/** A message of `gate:problemWords.<group>.<key>` in one catalogue, or undefined. */
const word = (cat: Messages, group: string, key: string): unknown => ((cat['problemWords'] as Record<string, Record<string, unknown>>)[group] ?? {})[key];

/** Fails unless `code` is worded in every catalogue with a placeholder for each of `params` (helper parameters aside). */
function expectWorded(code: string, params: readonly string[], where: string): void {
  for (const [locale, cat] of Object.entries(CATALOGUES)) {
    const texts = forms(cat, code);
    expect(texts.length, `${where}: ${locale} gate:problems.${code}`).toBeGreaterThan(0);
    for (const p of params) {
      if (p === 'count' || /.(Key|Currency)$/.test(p)) continue;
      expect(texts.every((t) => t.includes(`{{${p}}}`)), `${where}: ${locale} ${code} {{${p}}}`).toBe(true);
    }
  }
}

describe('L35, L43 import problems have codes worded in every language', () => {
  it('[L35] [L43] every problem site of the workbook importer and the JSON parser passes a known code, worded in en, fr, es and ar with its parameters', () => {
    const used = new Set<string>();
    const uncoded: string[] = [];
    for (const s of sites) {
      if (isDefinition(s.line)) continue;
      const coded = [
        ...[...s.line.matchAll(/code: '(\w+)', params: (?:\{([^}]*)\}|columnsParams\()/g)].map((m) => ({ code: m[1]!, params: m[2] === undefined ? ['columns'] : paramNames(m[2]) })),
        // The parser's `out.add(path, message, '<code>', { … })`.
        ...[...s.line.matchAll(/\.add\(.*, '(\w+)'(?:, \{(.*)\})?\);\s*$/g)].map((m) => ({ code: m[1]!, params: m[2] === undefined ? [] : paramNames(m[2]) })),
        // …and its `badValue`, whose parameters are the field and what it takes (its limits are checked with `expects`).
        ...[...s.line.matchAll(/\.add\(.*, '(\w+)', expectedParams\(/g)].map((m) => ({ code: m[1]!, params: ['field', 'expects'] })),
      ];
      // A workbook problem may pass on the JSON parser's own code and parameters (checked below, at the parser).
      const passed = /\{ code: p\.code, params: p\.params \}/.test(s.line) || /\.\.\.shape/.test(s.line);
      if (s.kind === 'problems.noHeader(') coded.push({ code: 'noHeader', params: ['columns'] });
      if (!coded.length && !passed) uncoded.push(`${s.at}: ${s.line.trim()}`);
      for (const c of coded) {
        expect(isImportProblemCode(c.code), `${s.at}: ${c.code}`).toBe(true);
        used.add(c.code);
        expectWorded(c.code, c.params, s.at);
      }
    }
    expect(uncoded).toEqual([]);
    // Sites are found: the scan did not silently stop matching.
    expect(sites.filter((s) => s.at.startsWith('server/')).length).toBeGreaterThanOrEqual(45);
    expect(sites.filter((s) => s.at.startsWith('shared/')).length).toBeGreaterThanOrEqual(20);
    // Codes passed by helpers rather than at a site.
    for (const helper of ['notNumber', 'notDate', 'noHeader', 'moreProblems']) if ([...workbook, parser].some((s) => s.text.includes(`code: '${helper}'`))) used.add(helper);
    expect([...IMPORT_PROBLEM_CODES].filter((c) => !used.has(c))).toEqual([]);
  });

  it('[L43] what each field of the plan expects is worded in every language with its limits, and every kind of item has a name', () => {
    const expects = new Set<string>(['shape']);
    for (const def of Object.values(ENTITIES)) {
      for (const [name, field] of Object.entries(def.fields.fields)) {
        const words = expectWords(field.scalar);
        expect(words.kind, `${def.name}.${name}: no kind of gate:problemWords.expects matches "${field.scalar.expects}" (add one to schema/expects.ts)`).not.toBe('shape');
        expects.add(words.kind);
        for (const [locale, cat] of Object.entries(CATALOGUES)) {
          const text = word(cat, 'expects', words.kind);
          expect(typeof text, `${locale} gate:problemWords.expects.${words.kind}`).toBe('string');
          for (const p of Object.keys(words.params ?? {})) expect(text as string, `${locale} ${words.kind} {{${p}}}`).toContain(`{{${p}}}`);
        }
      }
    }
    // The parser's own `order` check words it too; every message of the table is used.
    expects.add('order');
    expect(Object.keys(en.problemWords.expects).sort()).toEqual([...expects].sort());
    for (const [locale, cat] of Object.entries(CATALOGUES)) {
      // Kinds of items are worded by the refusals' table (`refusals:kinds.<entity>`).
      const kinds = (REFUSALS[locale]!['kinds'] ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(ENTITIES)) expect(typeof kinds[name], `${locale} refusals:kinds.${name}`).toBe('string');
      expect(String((cat['problemWords'] as Record<string, unknown>)['quoted'])).toContain('{{text}}');
    }
  });

  it('[L43] a JSON plan file\'s problems carry codes whose parameters are short and name kinds of items the catalogues know', () => {
    const bad = {
      format: 'roundtable-plan/1',
      surprise: 1,
      goals: [{ id: 'g1', title: 5 }, { id: 'g1', title: 'again' }],
      outcomes: [{ id: 'o1', goalId: 'nope', title: 'O' }],
      activities: 'not a list',
    };
    const r = parsePlanJson(bad);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['badValue', 'missingField', 'nodeIdUsed', 'noSuchItem', 'notArray', 'unknownField'].sort());
    for (const p of problems) {
      expect(problemParamsOf(p.params), `${p.path} ${p.code}`).not.toBeNull();
      // What a field expects carries its own limits, worded by `gate:problemWords.expects.<kind>` (checked above).
      expectWorded(p.code, p.code === 'badValue' ? ['field', 'expects'] : Object.keys(p.params), p.path);
      for (const kinds of [p.params['kind'], p.params['kinds'], p.params['container'], p.params['of']]) {
        for (const k of typeof kinds === 'string' ? kinds.split(',') : []) expect(Object.keys(ENTITIES), `${p.code} ${k}`).toContain(k);
      }
    }
    expect(problems.find((p) => p.code === 'badValue')!.params).toEqual({ field: 'title', expects: 'text', max: expect.any(Number) });
    expect(problems.find((p) => p.code === 'noSuchItem')!.params).toEqual({ kinds: 'goal', id: 'nope' });
    expect(problems.find((p) => p.code === 'missingField')).toEqual({ path: '/title', message: 'required field is missing', code: 'missingField', params: { field: 'title' } });
    const text = parsePlanJson('{ nope');
    expect(text.ok ? null : text.problems).toEqual([{ path: '/', message: 'not valid JSON', code: 'notJson', params: {} }]);
  });

  it('[L43] a column is named by the heading the file used and its heading key, so the reader sees their own language\'s heading', () => {
    expect(columnParams('Level', 'Niveau')).toEqual({ column: 'Niveau', columnKey: 'level' });
    expect(columnParams('Planned budget (USD)', 'Budget prévu (USD)')).toEqual({ column: 'Budget prévu (USD)', columnKey: 'planned', columnCurrency: 'USD' });
    expect(columnParams('expenditures (actual) (eur)')).toEqual({ column: 'expenditures (actual) (eur)', columnKey: 'actual', columnCurrency: 'EUR' });
    expect(columnParams('Something else', undefined, 'language')).toEqual({ language: 'Something else' });
    expect(columnsParams([enXlsx.head.level, enXlsx.head.code, enXlsx.head.title])).toEqual({ columns: '"Level", "Code", "Title"', columnsKey: 'level,code,title' });
  });

  it('[L35] [L43] the browser keeps only codes of a safe shape and short string or number parameters', () => {
    expect(problemParamsOf({ column: 'Level', row: 9 })).toEqual({ column: 'Level', row: 9 });
    expect(problemParamsOf({ value: 'x'.repeat(501) })).toBeNull();
    expect(problemParamsOf({ value: { nested: 1 } })).toBeNull();
    expect(problemParamsOf(['a'])).toBeNull();
    expect(problemParamsOf({ n: Number.NaN })).toBeNull();
    // The code: only its shape, so the list of codes stays out of the first screen (BL5).
    for (const code of IMPORT_PROBLEM_CODES) expect(isProblemCodeShape(code), code).toBe(true);
    for (const code of ['a.b', '', 'x'.repeat(41), 'constructor', 'toString', 7, null]) expect(isProblemCodeShape(code), String(code)).toBe(false);
  });
});
