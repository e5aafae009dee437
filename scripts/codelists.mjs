#!/usr/bin/env node
/**
 * Copies the IATI codelists Roundtable uses into `shared/codelists/` as compact JSON, from the
 * official XML files in `../shared/iati/codelists/` (IATI Standard, iatistandard.org, CC BY 4.0).
 *
 *   node scripts/codelists.mjs           write the JSON files
 *   node scripts/codelists.mjs --check   exit 1 when a committed file differs from the source
 *
 * One file per codelist: { name, attribution, codes: { code: English name }, withdrawn: [codes] },
 * plus `fr: { code: French name }` where the XML names codes in French (`<narrative xml:lang="fr">`:
 * Sector, UNSDG-Goals, UNSDG-Targets; SPEC L41). IATI's codelists have no Spanish or Arabic names.
 * Withdrawn codes are listed apart so new values are checked against active codes only.
 * `codelistJson` is exported for the test that compares the committed copy with the source.
 *
 * Also `active.json`: every list's name and its active codes only, without the English names
 * (SPEC BL2). The registry checks plan values against it, so the browser's first load carries
 * about 2 KB of codes instead of the 70 KB lists; the pickers load the full lists with their view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the official codelists are, beside the repository. */
export const SOURCE_DIR = path.resolve(ROOT, '../shared/iati/codelists');
/** Where the compact copies are committed. */
export const TARGET_DIR = path.join(ROOT, 'shared/codelists');
/** The codelists copied (file names without `.xml`). */
export const CODELISTS = [
  'ActivityDateType', 'ActivityStatus', 'BudgetStatus', 'BudgetType', 'Country', 'Currency', 'DescriptionType',
  'DocumentCategory', 'IndicatorMeasure', 'Language', 'OrganisationRole', 'OrganisationType', 'RelatedActivityType',
  'ResultType', 'Sector', 'SectorVocabulary', 'TagVocabulary', 'TransactionType', 'UNSDG-Goals', 'UNSDG-Targets',
];

const decode = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The compact JSON text of one official codelist XML text. */
export function codelistJson(name, xml) {
  const codes = {};
  const fr = {};
  const withdrawn = [];
  for (const m of xml.matchAll(/<codelist-item([^>]*)>([\s\S]*?)<\/codelist-item>/g)) {
    const attrs = m[1];
    const body = m[2];
    const code = decode(/<code>([\s\S]*?)<\/code>/.exec(body)?.[1] ?? '');
    if (!code) continue;
    const nameBlock = /<name>([\s\S]*?)<\/name>/.exec(body)?.[1] ?? '';
    const narrative = /<narrative>([\s\S]*?)<\/narrative>/.exec(nameBlock)?.[1] ?? '';
    codes[code] = decode(narrative);
    const french = decode(/<narrative xml:lang="fr">([\s\S]*?)<\/narrative>/.exec(nameBlock)?.[1] ?? '');
    if (french) fr[code] = french;
    if (/status="withdrawn"/.test(attrs)) withdrawn.push(code);
  }
  const out = { name, attribution: 'IATI Standard, iatistandard.org (CC BY 4.0)', codes, withdrawn };
  if (Object.keys(fr).length) out.fr = fr;
  return JSON.stringify(out) + '\n';
}

/** The text of `active.json` from the compact lists (objects as {@link codelistJson} writes them), in {@link CODELISTS} order. */
export function activeJson(lists) {
  const out = {};
  for (const l of lists) out[l.name] = { name: l.name, codes: Object.keys(l.codes).filter((c) => !l.withdrawn.includes(c)) };
  return JSON.stringify(out) + '\n';
}

function main() {
  const check = process.argv.includes('--check');
  if (!fs.existsSync(SOURCE_DIR)) {
    console.error(`${SOURCE_DIR} is absent: nothing to copy from.`);
    process.exit(2);
  }
  let differ = 0;
  fs.mkdirSync(TARGET_DIR, { recursive: true });
  const put = (target, json) => {
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (current !== json) (differ++, console.error(`${target} differs from the source`));
    } else fs.writeFileSync(target, json);
  };
  const lists = [];
  for (const name of CODELISTS) {
    const json = codelistJson(name, fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8'));
    lists.push(JSON.parse(json));
    put(path.join(TARGET_DIR, `${name}.json`), json);
  }
  put(path.join(TARGET_DIR, 'active.json'), activeJson(lists));
  if (differ) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
