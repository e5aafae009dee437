import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en/gate.js';
import fr from '../../shared/i18n/fr/gate.js';
import es from '../../shared/i18n/es/gate.js';
import ar from '../../shared/i18n/ar/gate.js';
import { IMPORT_PROBLEM_CODES, isImportProblemCode, problemParamsOf } from '../../shared/domain/import-problems.js';
import type { Messages } from '../../shared/i18n/types.js';

/**
 * L35: the workbook importer's problems carry a code the browser words in the reader's language.
 * Reads the sources of `server/import/` (no workbook needed): every code a problem passes is known
 * and worded in the four catalogues (`gate:problems.<code>`), with a placeholder for each parameter
 * it passes; every known code is used; problems without a code (shown by their English message)
 * may only get fewer.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'server/import');
const CATALOGUES = { en, fr, es, ar } as Record<string, Messages>;
/** Problem sites still shown by their English sentence (L35 covers the common kinds first). */
const UNCODED_AT_MOST = 28;

const sources = fs.readdirSync(DIR).filter((f) => f.startsWith('xlsx') && f.endsWith('.ts')).map((f) => ({ file: f, text: fs.readFileSync(path.join(DIR, f), 'utf8') }));
/** Each problem site: `r.problem(`, `.problem(header`, `problems.add(`, `problems.noHeader(`, `invalid([{`, with its line. */
const SITE = /(\b\w+\.problem\(|problems\.add\(|problems\.noHeader\(|invalid\(\[\{)/g;
const sites = sources.flatMap(({ file, text }) =>
  [...text.matchAll(SITE)].map((m) => ({ at: `${file}:${text.slice(0, m.index).split('\n').length}`, line: text.slice(m.index, text.indexOf('\n', m.index)), kind: m[1]! })),
);

/** The messages of `gate:problems.<code>` in one catalogue, plural forms included. */
function forms(cat: Messages, code: string): string[] {
  const table = cat['problems'] as Record<string, string>;
  return Object.entries(table).filter(([k]) => k === code || k.startsWith(`${code}_`)).map(([, v]) => v);
}

describe('L35 import problems have codes worded in every language', () => {
  it('[L35] every code passed by server/import is known, worded in en, fr, es and ar, with its parameters', () => {
    const used = new Set<string>();
    for (const s of sites) {
      for (const m of s.line.matchAll(/code: '(\w+)', params: \{([^}]*)\}/g)) {
        expect(isImportProblemCode(m[1]), `${s.at}: ${m[1]}`).toBe(true);
        used.add(m[1]!);
        let inner = m[2]!;
        while (/\([^()]*\)/.test(inner)) inner = inner.replace(/\([^()]*\)/g, '');
        const params = inner.split(',').map((p) => p.split(':')[0]!.trim()).filter(Boolean);
        for (const [locale, cat] of Object.entries(CATALOGUES)) {
          const texts = forms(cat, m[1]!);
          expect(texts.length, `${locale} gate:problems.${m[1]}`).toBeGreaterThan(0);
          for (const p of params) if (p !== 'count') expect(texts.every((t) => t.includes(`{{${p}}}`)), `${locale} ${m[1]} {{${p}}}`).toBe(true);
        }
      }
    }
    // Codes passed by helpers rather than at the site.
    for (const helper of ['notNumber', 'notDate', 'noHeader', 'moreProblems']) if (sources.some((s) => s.text.includes(`code: '${helper}'`))) used.add(helper);
    expect([...IMPORT_PROBLEM_CODES].filter((c) => !used.has(c))).toEqual([]);
  });

  it('[L35] problems without a code only get fewer', () => {
    const uncoded = sites.filter((s) => s.kind !== 'problems.noHeader(' && !/\bcode: '/.test(s.line) && !/message: string/.test(s.line) && !/\bwords\)/.test(s.line));
    expect(uncoded.length, uncoded.map((s) => s.at).join('\n')).toBeLessThanOrEqual(UNCODED_AT_MOST);
    expect(sites.length - uncoded.length).toBeGreaterThanOrEqual(15);
  });

  it('[L35] the browser keeps only short string or number parameters', () => {
    expect(problemParamsOf({ column: 'Level', row: 9 })).toEqual({ column: 'Level', row: 9 });
    expect(problemParamsOf({ value: 'x'.repeat(501) })).toBeNull();
    expect(problemParamsOf({ value: { nested: 1 } })).toBeNull();
    expect(problemParamsOf(['a'])).toBeNull();
    expect(problemParamsOf({ n: Number.NaN })).toBeNull();
  });
});
