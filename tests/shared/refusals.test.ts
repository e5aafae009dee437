import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en/refusals.js';
import fr from '../../shared/i18n/fr/refusals.js';
import es from '../../shared/i18n/es/refusals.js';
import ar from '../../shared/i18n/ar/refusals.js';
import { ENTITIES } from '../../shared/schema/registry.js';
import { SHAPES, shapeOf } from '../../shared/commands/internal.js';
import type { Messages } from '../../shared/i18n/types.js';

/**
 * L19: every refusal of `shared/commands/` is worded for readers. Reads the sources (no browser, no
 * doc): each `fail(` call passes words `{ key: 'refusals:<key>', params }`, the key exists in the
 * four catalogues, every param it passes is used by the message (`count` by its plural forms) and
 * every placeholder the message uses is passed; tables the messages nest (`$t(refusals:kinds.{{kind}})`)
 * have an entry for every value the code may pass.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where refusals are made that reach a reader: the commands (L19) and the domain's checks over HTTP (L38). */
const DIRS = ['shared/commands', 'shared/domain'].map((d) => path.join(ROOT, d));
const CATALOGUES = { en, fr, es, ar } as Record<string, Messages>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The values each nested table must word: kinds of items, shapes of values, matrix levels, dates. */
const TABLES: Record<string, readonly string[]> = {
  kinds: [...Object.keys(ENTITIES), 'node', 'plan'],
  shapes: SHAPES,
  levels: ['outcome', 'output', 'activity'],
  dates: ['start', 'end'],
  consultFields: ['title', 'theme', 'product', 'question', 'background', 'challenge', 'wayForward', 'reaction'],
};

/** The index of the bracket closing the one at `open`, skipping strings and template literals. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) {
        if (s[i] === '\\') i++;
        else if (c === '`' && s[i] === '$' && s[i + 1] === '{') i = closing(s, i + 1);
      }
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i;
  }
  throw new Error(`unclosed bracket at ${open}`);
}

/** The top-level comma-separated parts of `s` (the inside of a call or an object literal). */
function parts(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ('([{'.includes(c)) i = closing(s, i);
    else if ('\'"`'.includes(c)) i = skipString(s, i);
    else if (c === ',') {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** The index of the quote ending the string that starts at `i`. */
function skipString(s: string, i: number): number {
  const q = s[i]!;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (q === '`' && s[j] === '$' && s[j + 1] === '{') j = closing(s, j + 1);
    else if (s[j] === q) return j;
  }
  throw new Error('unclosed string');
}

/** Names and value texts of an object literal's properties (`{ kind: 'goal', id }`). */
function props(literal: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of parts(literal.trim().slice(1, -1))) {
    const m = /^(\w+)\s*(?::\s*([\s\S]+))?$/.exec(p);
    if (!m) throw new Error(`not a property: ${p}`);
    out.set(m[1]!, (m[2] ?? m[1]!).trim());
  }
  return out;
}

interface Call {
  where: string;
  words: string | undefined;
}

/** Every `fail(...)` / `fail<T>(...)` call of the commands and the domain, with its third argument (the words). */
function failCalls(): Call[] {
  const calls: Call[] = [];
  for (const dir of DIRS) for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/\bfail(<[^>()]*>)?\(/g)) {
      const open = m.index + m[0].length - 1;
      const args = parts(text.slice(open + 1, closing(text, open)));
      calls.push({ where: `${path.basename(dir)}/${file}:${text.slice(0, m.index).split('\n').length}`, words: args[2] });
    }
  }
  return calls;
}

/** The forms of `refusals:<key>` in one catalogue (the message, or its plural forms), by suffix. */
function forms(table: Messages, key: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(table)) {
    if (typeof v !== 'string') continue;
    if (k === key) out.set('', v);
    else if (PLURAL.test(k) && k.replace(PLURAL, '') === key) out.set(k.slice(key.length + 1), v);
  }
  return out;
}

const placeholders = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));

describe('refusals in the reader\'s language (L19)', () => {
  const calls = failCalls();

  it('[L19] [L38] every fail() of shared/commands and shared/domain passes a refusals key whose message exists in every language and uses exactly the params passed', () => {
    expect(calls.length).toBeGreaterThan(80);
    expect(calls.filter((c) => c.where.startsWith('domain/')).length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const { where, words } of calls) {
      if (!words || !words.startsWith('{')) {
        problems.push(`${where}: no words`);
        continue;
      }
      const w = props(words);
      const key = /^'refusals:([\w]+)'$/.exec(w.get('key') ?? '')?.[1];
      if (!key) {
        problems.push(`${where}: key ${w.get('key')} is not a literal refusals key`);
        continue;
      }
      const params = w.has('params') ? props(w.get('params')!) : new Map<string, string>();
      for (const [lng, table] of Object.entries(CATALOGUES)) {
        const f = forms(table, key);
        if (f.size === 0) {
          problems.push(`${where}: ${lng} has no refusals:${key}`);
          continue;
        }
        const plural = !f.has('');
        if (plural !== params.has('count')) problems.push(`${where}: refusals:${key} ${plural ? 'has plural forms but no count is passed' : 'gets a count but has no plural forms'}`);
        for (const [form, text] of f) {
          const used = placeholders(text);
          for (const p of params.keys()) if (p !== 'count' && !used.has(p)) problems.push(`${where}: ${lng} refusals:${key}${form && `_${form}`} does not use {{${p}}}`);
          for (const p of used) if (!params.has(p) && !(p === 'n' && params.has('count'))) problems.push(`${where}: ${lng} refusals:${key}${form && `_${form}`} uses {{${p}}}, not passed`);
          for (const n of text.matchAll(/\$t\(refusals:(\w+)\.\{\{(\w+)\}\}\)/g)) {
            const literal = /^'(\w+)'$/.exec(params.get(n[2]!) ?? '')?.[1];
            if (!TABLES[n[1]!]) problems.push(`${where}: ${lng} nests the unknown table ${n[1]}`);
            else if (literal && !TABLES[n[1]!]!.includes(literal)) problems.push(`${where}: '${literal}' is no value of the table ${n[1]}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('[L19] the tables the messages nest word every kind of item, shape of value, level and date, in every language', () => {
    const problems: string[] = [];
    for (const [lng, table] of Object.entries(CATALOGUES)) {
      for (const [name, values] of Object.entries(TABLES)) {
        const t = table[name] as Messages | undefined;
        for (const v of values) if (typeof t?.[v] !== 'string' || t[v] === '') problems.push(`${lng} refusals:${name}.${v}`);
      }
    }
    expect(problems).toEqual([]);
    // Every scalar of the registry has a shape the table words.
    for (const def of Object.values(ENTITIES)) for (const spec of Object.values(def.fields.scalars)) expect(SHAPES).toContain(shapeOf(spec.schema));
  });
});
