import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';

const NNBSP = '\u202f';
const LIBRARY_TEXT = path.join(import.meta.dirname, '../../shared/domain/library-text/fr.json');
/** A shape sample written like code (`{ amount : ... }`): its spaces are the sample's own (scripts/fr-typography.mjs skips it too). */
const CODE_SAMPLE = /(^|[^{])\{ [^{}]*\}/;

/** Every string leaf of a table (or JSON value) as dotted key -> text. */
function strings(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

/**
 * What breaks French typography in one message (L80): a plain or wide no-break space before
 * `:` `;` `!` `?` or inside « », no space at all there, or a guillemet without its narrow no-break
 * space. `$t(ns:key)` nesting, URLs and code samples (`HH:MM`, `goalId:criterionId`, text quoted
 * in « ») are not prose.
 */
function typographyProblems(message: string): string[] {
  if (CODE_SAMPLE.test(message)) return [];
  const text = message.replace(/\$t\([^)]*\)/g, 'X').replace(/https?:\/\/\S+/g, 'URL');
  const out: string[] = [];
  if (/[ \u00a0][:;!?]/.test(text)) out.push('a plain space before a high mark');
  if (/«(?!\u202f)/.test(text) || /(?<!\u202f)»/.test(text)) out.push('a guillemet without U+202F inside');
  // Text quoted in guillemets is a sample (« sex: female=5 »): not checked for a missing space.
  const prose = text.replace(/«[^»]*»/g, '«»');
  if (/[\p{L}\p{N})}\]’'"»][:;!?](?=\s|$)/u.test(prose)) out.push('no space before a high mark');
  return out;
}

/** Straight (') and typographic (’) apostrophes between letters in a list of messages. */
function apostrophes(messages: string[]): { straight: number; curly: number } {
  const all = messages.join('\n');
  return { straight: (all.match(/\p{L}'\p{L}/gu) ?? []).length, curly: (all.match(/\p{L}’\p{L}/gu) ?? []).length };
}

const catalogues: [string, unknown][] = [
  ...Object.entries(fr).map(([ns, table]) => [`fr/${ns}`, table] as [string, unknown]),
  ['library-text/fr.json', JSON.parse(fs.readFileSync(LIBRARY_TEXT, 'utf8'))],
];

describe('French typography (L80, L81)', () => {
  it('[L80] the check itself flags a plain space, a missing space and bare guillemets, and passes code and URLs', () => {
    expect(typographyProblems('Non enregistré : {{error}}')).toEqual(['a plain space before a high mark']);
    expect(typographyProblems('Non enregistré\u00a0: {{error}}')).toEqual(['a plain space before a high mark']);
    expect(typographyProblems('Archiver {{name}}?')).toEqual(['no space before a high mark']);
    expect(typographyProblems('Attention!')).toEqual(['no space before a high mark']);
    expect(typographyProblems('Sous « {{title}} ».')).toEqual(['a guillemet without U+202F inside']);
    expect(typographyProblems(`Sous «${NNBSP}{{title}} ».`)).toEqual(['a guillemet without U+202F inside']);
    const good = [
      `Archiver {{name}}${NNBSP}?`,
      `Sous «${NNBSP}{{title}}${NNBSP}»${NNBSP}; ensuite${NNBSP}!`,
      `Introuvable${NNBSP}: $t(refusals:kinds.{{kind}})`,
      `Collez le lien reçu${NNBSP}: https://…/plans/…?token=…`,
      `ISO AAAA-MM-JJTHH:MM:SS.sssZ, ou goalId:criterionId`,
      `une ventilation comme «${NNBSP}sex: female=5${NNBSP}»`,
    ];
    for (const m of good) expect(typographyProblems(m), m).toEqual([]);
  });

  it('[L80] every French message has a narrow no-break space (U+202F) before : ; ! ? and inside « »', () => {
    const bad: string[] = [];
    for (const [name, table] of catalogues) {
      for (const [key, message] of strings(table)) {
        for (const p of typographyProblems(message)) bad.push(`${name}:${key}: ${p}: ${JSON.stringify(message)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('[L81] each French catalogue writes its apostrophes one way (straight or ’), never both', () => {
    const mixed = catalogues
      .map(([name, table]) => ({ name, ...apostrophes(strings(table).map(([, m]) => m)) }))
      .filter((c) => c.straight > 0 && c.curly > 0);
    expect(mixed).toEqual([]);
    // The check can fail: one message each way is a mix.
    expect(apostrophes(['l’effet', "l'objectif"])).toEqual({ straight: 1, curly: 1 });
  });
});

describe('names of the four matrix levels (L82)', () => {
  /** Arabic short vowels and shadda removed (مُخرَج and مخرج are one word). */
  const bare = (s: string) => s.replace(/[\u064b-\u0652]/g, '');
  /** The word each language uses for each level (results-based management usage). */
  const WORDS: Record<'fr' | 'es' | 'ar', [Record<string, unknown>, Record<'goal' | 'outcome' | 'output' | 'activity', RegExp>]> = {
    fr: [fr, { goal: /objectif/i, outcome: /\beffets?\b/i, output: /produit/i, activity: /activité/i }],
    es: [es, { goal: /objetivo/i, outcome: /resultado/i, output: /producto/i, activity: /actividad/i }],
    ar: [ar, { goal: /هدف|أهداف/, outcome: /نتيجة|نتائج/, output: /مخرج/, activity: /نشاط|أنشطة/ }],
  };

  it('[L82] every message named after a level (`…outcome`, `…output`, ...) uses that language\'s one word for it', () => {
    const wrong: string[] = [];
    for (const [lang, [catalogue, words]] of Object.entries(WORDS)) {
      for (const [key, message] of strings(catalogue)) {
        const level = /(?:^|\.)(goal|outcome|output|activity)$/.exec(key)?.[1] as keyof typeof words | undefined;
        if (level && !words[level].test(bare(message))) wrong.push(`${lang} ${key}: ${message}`);
      }
    }
    expect(wrong).toEqual([]);
    // The outcome's other names are gone everywhere (not only under an `outcome` key).
    const all = (c: Record<string, unknown>) => strings(c).map(([, m]) => m).join('\n');
    expect(all(fr)).not.toMatch(/objectifs?,? (ou |et |ni )?(des |un |les )?résultats?\b/i);
    expect(all(es)).not.toMatch(/\befectos? esperados?\b/i);
    expect(all(ar)).not.toMatch(/حصيلة|حصائل/);
  });
});
