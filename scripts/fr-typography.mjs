#!/usr/bin/env node
/**
 * French typography for the French catalogues (SPEC L80, L81), applied mechanically:
 * a narrow no-break space U+202F replaces the plain (or wide no-break) space before `:` `;` `!` `?`, after `«` and before `»`,
 * in message VALUES only (keys, `$t(...)` nesting, URLs and code samples without a space are left as
 * they are). Idempotent: run it again after adding French text. Usage: node scripts/fr-typography.mjs [--check]
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const NBSP = '\u202f';
/** Values left exactly as they are: shape samples written like code (`{ amount : ... }`), whose spaces are the sample's own. */
const CODE_SAMPLE = /(^|[^{])\{ [^{}]*\}/;

/** The message with each plain space before a high mark or inside guillemets made a no-break space. */
export function frenchSpaces(text) {
  return text
    .replace(/[ \u00a0]+(?=[:;!?])/g, NBSP)
    .replace(/«[ \u00a0]+/g, `«${NBSP}`)
    .replace(/[ \u00a0]+»/g, `${NBSP}»`);
}

const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g;

/** A catalogue module's source with every string value (not a key: a key is followed by `:`) fixed. */
function fixModule(src) {
  return src.split('\n').map((line) => {
    if (/^\s*(import\s|\/\*\*|\*|\/\/)/.test(line)) return line;
    return line.replace(LITERAL, (whole, single, double, offset, all) => {
      if (all[offset + whole.length] === ':' || CODE_SAMPLE.test(single ?? double)) return whole;
      return whole[0] + frenchSpaces(single ?? double) + whole[0];
    });
  }).join('\n');
}

/** A JSON text with every string value (not a key) fixed. */
function fixJson(src) {
  return src.replace(/"((?:[^"\\]|\\.)*)"(\s*:)?/g, (whole, body, colon) =>
    colon || CODE_SAMPLE.test(body) ? whole : `"${frenchSpaces(body)}"`);
}

const check = process.argv.includes('--check');
const dir = path.join(ROOT, 'shared/i18n/fr');
const files = [
  ...fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => path.join(dir, f)),
  path.join(ROOT, 'shared/domain/library-text/fr.json'),
];
let changed = 0;
for (const file of files) {
  const src = fs.readFileSync(file, 'utf8');
  const out = file.endsWith('.json') ? fixJson(src) : fixModule(src);
  if (out === src) continue;
  changed++;
  if (check) console.log(`needs French spaces: ${path.relative(ROOT, file)}`);
  else fs.writeFileSync(file, out);
}
if (check && changed) process.exit(1);
console.log(`${changed} file(s) ${check ? 'to fix' : 'fixed'}`);
