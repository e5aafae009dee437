#!/usr/bin/env node
/**
 * Copies the IATI codelists Roundtable uses into `shared/codelists/` as compact JSON, from the
 * official XML files in `../shared/iati/codelists/` (IATI Standard, iatistandard.org, CC BY 4.0).
 *
 *   node scripts/codelists.mjs           write the JSON files
 *   node scripts/codelists.mjs --check   exit 1 when a committed file differs from the source
 *
 * One file per codelist: { name, attribution, codes: { code: English name }, withdrawn: [codes] }.
 * Withdrawn codes are listed apart so new values are checked against active codes only.
 * `codelistJson` is exported for the test that compares the committed copy with the source.
 *
 * Names in other languages go to one file per language, `names/<locale>.json` (SPEC L45), which
 * the browser loads only for a reader of that language; the lists themselves stay English:
 * - French: IATI's own names from the same XML (`xml:lang="fr"`; SPEC L41).
 * - Spanish and Arabic SDG goals and targets: the UN's official texts, read from a copy of
 *   open-sdg/sdg-translations (`--sdg-translations=DIR`, a checkout or a git directory; SPEC L46).
 *   Without it the committed names are kept, and the run says so (CI has no copy).
 * - Spanish and Arabic DAC sector names: Roundtable's own translation, from
 *   `shared/codelists/names-src/Sector.<locale>.json` when present (SPEC L47).
 *
 *   node scripts/codelists.mjs --sdg-translations=../sdg-translations
 *
 * Also `active.json`: every list's name and its active codes only, without the English names
 * (SPEC BL2). The registry checks plan values against it, so the browser's first load carries
 * about 2 KB of codes instead of the 70 KB lists; the pickers load the full lists with their view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
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

const IATI_ATTRIBUTION = 'IATI Standard, iatistandard.org (CC BY 4.0)';

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

/**
 * One official codelist XML text read: the compact list (English names, withdrawn codes) and the
 * French names the XML gives (`<name><narrative xml:lang="fr">`), only for the codes that have one.
 */
export function parseCodelist(name, xml) {
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
  return { list: { name, attribution: IATI_ATTRIBUTION, codes, withdrawn }, fr };
}

/** The compact JSON text of one official codelist XML text: English names only (other languages: {@link namesJson}). */
export function codelistJson(name, xml) {
  return JSON.stringify(parseCodelist(name, xml).list) + '\n';
}

/** The text of `active.json` from the compact lists (objects as {@link codelistJson} writes them), in {@link CODELISTS} order. */
export function activeJson(lists) {
  const out = {};
  for (const l of lists) out[l.name] = { name: l.name, codes: Object.keys(l.codes).filter((c) => !l.withdrawn.includes(c)) };
  return JSON.stringify(out) + '\n';
}

/** The lists whose names are given in other languages (the ones a reader sees named: the code pickers). */
export const NAMED_LISTS = ['Sector', 'UNSDG-Goals', 'UNSDG-Targets'];
/** The languages with a names file (English is in the lists themselves). */
export const NAME_LOCALES = ['fr', 'es', 'ar'];
/** Where the per-language names are written. */
export const NAMES_DIR = path.join(TARGET_DIR, 'names');
/** Where Roundtable's own translations of DAC sector names are read from (`Sector.<locale>.json`). */
export const NAMES_SRC_DIR = path.join(TARGET_DIR, 'names-src');

const LANGUAGE = { es: 'Spanish', ar: 'Arabic' };
/** Attribution of the UN's Spanish and Arabic SDG texts (SPEC L46). */
export const SDG_ATTRIBUTION = {
  es: 'UN SDG goals and targets, official Spanish texts, via open-sdg/sdg-translations (MIT License)',
  ar: 'UN SDG goals and targets, official Arabic texts, via open-sdg/sdg-translations (MIT License)',
};
/** How a goal is named, as IATI's lists do ("Goal 10. …", "Objectif 10. …"). */
const GOAL_PREFIX = { es: (n) => `Objetivo ${n}. `, ar: (n) => `الهدف ${n}: ` };

/**
 * The key: value pairs of a flat YAML mapping as open-sdg/sdg-translations writes them: plain,
 * 'single-quoted' or "double-quoted" scalars, folded over indented lines (joined with a space).
 * Anything else (nested mappings, lists, block scalars) throws: these files have none.
 */
export function parseFlatYaml(text) {
  const out = {};
  let key = null;
  let lines = [];
  const flush = () => {
    if (key === null) return;
    let v = lines.map((l) => l.trim()).filter(Boolean).join(' ');
    if (v.startsWith("'")) {
      if (!v.endsWith("'") || v.length < 2) throw new Error(`unterminated quoted value of ${key}`);
      v = v.slice(1, -1).replace(/''/g, "'");
    } else if (v.startsWith('"')) v = JSON.parse(v);
    else if (/^[|>&*!{[-]/.test(v)) throw new Error(`${key}: only plain and quoted scalars are read`);
    out[key] = v;
    key = null;
    lines = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^\s/.test(line)) {
      if (key === null) throw new Error(`an indented line outside a value: ${line.trim()}`);
      lines.push(line);
      continue;
    }
    flush();
    const m = /^([^:#][^:]*?):(?:\s+(.*))?$/.exec(line);
    if (!m) throw new Error(`not a key: value line: ${line}`);
    key = m[1];
    lines = [m[2] ?? ''];
  }
  flush();
  return out;
}

/**
 * Misspellings of the Arabic copy in open-sdg/sdg-translations, mended: 'إالى' (for 'إلى', in goals
 * 7 and 16 and target 3.1) and 'وكافحة' (for 'ومكافحة', goal 15).
 */
const AR_FIXES = [[/إالى/g, 'إلى'], [/وكافحة/g, 'ومكافحة']];

/**
 * A name as shown: spaces folded, the Arabic kashida (U+0640) the UN's printed texts use to
 * justify lines dropped, {@link AR_FIXES} mended, and composed to Unicode NFC (the Spanish copy
 * has decomposed accents: "o" + U+0301).
 */
const clean = (s) => AR_FIXES.reduce((t, [bad, good]) => t.replace(bad, good), s.normalize('NFC').replace(/\u0640/g, '')).replace(/\s+/g, ' ').trim();

/**
 * The SDG goal and target names of one language from open-sdg/sdg-translations' `global_goals.yml`
 * and `global_targets.yml` texts: goals keyed '1'..'17' ("Objetivo 1. …"), targets keyed as IATI
 * keys them ('1.1', '1.a'), only the ids IATI's lists have. `unmatched` lists the source's target
 * ids IATI lacks.
 */
export function sdgNames(locale, goalsYml, targetsYml, lists) {
  const goals = {};
  const targets = {};
  const unmatched = [];
  for (const [k, v] of Object.entries(parseFlatYaml(goalsYml))) {
    const m = /^(\d+)-title$/.exec(k);
    if (m && Object.hasOwn(lists['UNSDG-Goals'].codes, m[1]) && clean(v)) goals[m[1]] = GOAL_PREFIX[locale](m[1]) + clean(v);
  }
  for (const [k, v] of Object.entries(parseFlatYaml(targetsYml))) {
    const m = /^(\d+)-([0-9a-z]+)-title$/.exec(k);
    if (!m || !clean(v)) continue;
    const id = `${m[1]}.${m[2]}`;
    if (Object.hasOwn(lists['UNSDG-Targets'].codes, id)) targets[id] = clean(v);
    else unmatched.push(id);
  }
  const order = (names, list) => Object.fromEntries(Object.keys(lists[list].codes).filter((c) => Object.hasOwn(names, c)).map((c) => [c, names[c]]));
  return { goals: order(goals, 'UNSDG-Goals'), targets: order(targets, 'UNSDG-Targets'), unmatched };
}

/**
 * Reads `translations/<locale>/<file>` from a copy of open-sdg/sdg-translations: a checkout (the
 * file on disk) or a git directory (`git show HEAD:…`). Null when `dir` holds neither.
 */
export function readSdgSource(dir, locale, file) {
  const rel = `translations/${locale}/${file}`;
  const onDisk = path.join(dir, rel);
  if (fs.existsSync(onDisk)) return fs.readFileSync(onDisk, 'utf8');
  try {
    return execFileSync('git', ['--git-dir', dir, 'show', `HEAD:${rel}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/**
 * Roundtable's own translation of the DAC sector names for one language, as a helper writes it in
 * `names-src/Sector.<locale>.json` ({ attribution, names: { code: name } }), checked: every code
 * in IATI's Sector list, every name a non-empty string. Throws with the first problem.
 */
export function sectorSource(locale, text, sectorList) {
  const src = JSON.parse(text);
  const where = `names-src/Sector.${locale}.json`;
  if (!src || typeof src !== 'object' || !src.names || typeof src.names !== 'object' || Array.isArray(src.names)) throw new Error(`${where}: expected { "attribution": "…", "names": { "code": "name" } }`);
  const names = {};
  for (const code of Object.keys(sectorList.codes)) {
    if (!Object.hasOwn(src.names, code)) continue;
    const v = src.names[code];
    if (typeof v !== 'string' || !clean(v)) throw new Error(`${where}: the name of ${code} is not a non-empty text`);
    names[code] = clean(v);
  }
  const unknown = Object.keys(src.names).filter((c) => !Object.hasOwn(sectorList.codes, c));
  if (unknown.length) throw new Error(`${where}: ${unknown.slice(0, 5).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in IATI's Sector list`);
  const given = typeof src.attribution === 'string' ? src.attribution.trim() : '';
  const own = `Roundtable's own translation of the OECD DAC sector names (the OECD publishes them in English and French only)`;
  return { names, attribution: /roundtable/i.test(given) ? given : given ? `${own}; ${given}` : own };
}

/**
 * SDG goal titles in the wording of resolution 70/1 where open-sdg/sdg-translations words a goal
 * otherwise, as a helper checked them: `names-src/UNSDG-Goals.<locale>.json` ({ attribution,
 * names: { goal: title }, sources: { goal: where the wording was read } }), checked: every goal
 * in IATI's list, every title and every source a non-empty text, a source for each title. The
 * titles are cleaned as the copy's are and prefixed as goals are ("الهدف 7: …"). Throws with the
 * first problem. SPEC L120.
 */
export function goalSource(locale, text, goalList) {
  const src = JSON.parse(text);
  const where = `names-src/UNSDG-Goals.${locale}.json`;
  const isMap = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(src) || !isMap(src.names) || !isMap(src.sources)) throw new Error(`${where}: expected { "attribution": "…", "names": { "goal": "title" }, "sources": { "goal": "where" } }`);
  const unknown = Object.keys(src.names).filter((c) => !Object.hasOwn(goalList.codes, c));
  if (unknown.length) throw new Error(`${where}: ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in IATI's UNSDG-Goals list`);
  const names = {};
  for (const code of Object.keys(goalList.codes)) {
    if (!Object.hasOwn(src.names, code)) continue;
    const v = src.names[code];
    if (typeof v !== 'string' || !clean(v)) throw new Error(`${where}: the title of goal ${code} is not a non-empty text`);
    const from = src.sources[code];
    if (typeof from !== 'string' || !from.trim()) throw new Error(`${where}: goal ${code} has no source`);
    names[code] = GOAL_PREFIX[locale](code) + clean(v);
  }
  const attribution = typeof src.attribution === 'string' ? src.attribution.trim() : '';
  if (!attribution) throw new Error(`${where}: no attribution`);
  return { names, attribution };
}

/**
 * The text of `names/<locale>.json`: { locale, attribution: { list: text }, names: { list: { code: name } } },
 * lists in {@link NAMED_LISTS} order, only those with names. `parts` maps a list to its names and attribution.
 */
export function namesJson(locale, parts) {
  const attribution = {};
  const names = {};
  for (const list of NAMED_LISTS) {
    const part = parts[list];
    if (!part || !Object.keys(part.names).length) continue;
    attribution[list] = part.attribution;
    names[list] = part.names;
  }
  return JSON.stringify({ locale, attribution, names }) + '\n';
}

/**
 * Every names file's text (SPEC L45-L47), and what went into it. `lists`: the compact lists by
 * name; `fr`: IATI's French names by list; `sdgDir`: a copy of open-sdg/sdg-translations or null;
 * `sectorTexts`: `Sector.<locale>.json` texts by locale (absent: none); `goalTexts`:
 * `UNSDG-Goals.<locale>.json` texts by locale (absent: none), whose titles replace the copy's
 * ({@link goalSource}); `committed`: the committed names files by locale (parsed), whose SDG names
 * are kept when `sdgDir` gives none.
 * Returns { files: { locale: text }, log: [lines] }.
 */
export function buildNames({ lists, fr, sdgDir, sectorTexts, goalTexts = {}, committed }) {
  const files = {};
  const log = [];
  const count = (names, list) => `${Object.keys(names).length} of ${Object.keys(lists[list].codes).length}`;
  const frParts = {};
  for (const list of NAMED_LISTS) frParts[list] = { names: fr[list] ?? {}, attribution: `${IATI_ATTRIBUTION}: the official codelist's French names` };
  files.fr = namesJson('fr', frParts);
  log.push(`fr: ${NAMED_LISTS.map((l) => `${l} ${count(frParts[l].names, l)}`).join(', ')} (IATI's XML)`);
  for (const locale of ['es', 'ar']) {
    const parts = {};
    const goalsYml = sdgDir ? readSdgSource(sdgDir, locale, 'global_goals.yml') : null;
    const targetsYml = sdgDir ? readSdgSource(sdgDir, locale, 'global_targets.yml') : null;
    if (goalsYml !== null && targetsYml !== null) {
      const sdg = sdgNames(locale, goalsYml, targetsYml, lists);
      parts['UNSDG-Goals'] = { names: sdg.goals, attribution: SDG_ATTRIBUTION[locale] };
      parts['UNSDG-Targets'] = { names: sdg.targets, attribution: SDG_ATTRIBUTION[locale] };
      log.push(`${locale}: SDG goals ${count(sdg.goals, 'UNSDG-Goals')}, targets ${count(sdg.targets, 'UNSDG-Targets')} from ${sdgDir}${sdg.unmatched.length ? `; not in IATI's list: ${sdg.unmatched.join(', ')}` : ''}`);
    } else {
      const kept = committed[locale];
      for (const list of ['UNSDG-Goals', 'UNSDG-Targets']) {
        if (kept?.names?.[list]) parts[list] = { names: kept.names[list], attribution: kept.attribution[list] };
      }
      log.push(
        `${locale}: no copy of open-sdg/sdg-translations (--sdg-translations=DIR): kept the committed ${LANGUAGE[locale]} SDG names (goals ${count(parts['UNSDG-Goals']?.names ?? {}, 'UNSDG-Goals')}, targets ${count(parts['UNSDG-Targets']?.names ?? {}, 'UNSDG-Targets')})`,
      );
    }
    const goalText = goalTexts[locale];
    if (goalText != null) {
      const checked = goalSource(locale, goalText, lists['UNSDG-Goals']);
      const merged = { ...(parts['UNSDG-Goals']?.names ?? {}), ...checked.names };
      const names = Object.fromEntries(Object.keys(lists['UNSDG-Goals'].codes).filter((c) => Object.hasOwn(merged, c)).map((c) => [c, merged[c]]));
      parts['UNSDG-Goals'] = { names, attribution: `${SDG_ATTRIBUTION[locale]}; ${checked.attribution}` };
      log.push(`${locale}: SDG goals ${Object.keys(checked.names).join(', ')} worded as resolution 70/1 from names-src/UNSDG-Goals.${locale}.json`);
    }
    const sectorText = sectorTexts[locale];
    if (sectorText != null) {
      parts.Sector = sectorSource(locale, sectorText, lists.Sector);
      log.push(`${locale}: DAC sectors ${count(parts.Sector.names, 'Sector')} from names-src/Sector.${locale}.json`);
    } else log.push(`${locale}: no names-src/Sector.${locale}.json: DAC sectors stay English`);
    files[locale] = namesJson(locale, parts);
  }
  return { files, log };
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
  const fr = {};
  for (const name of CODELISTS) {
    const parsed = parseCodelist(name, fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8'));
    lists.push(parsed.list);
    fr[name] = parsed.fr;
    put(path.join(TARGET_DIR, `${name}.json`), JSON.stringify(parsed.list) + '\n');
  }
  put(path.join(TARGET_DIR, 'active.json'), activeJson(lists));
  const sdgArg = process.argv.find((a) => a.startsWith('--sdg-translations='));
  const sdgDir = sdgArg ? path.resolve(sdgArg.slice('--sdg-translations='.length)) : null;
  if (sdgDir && !fs.existsSync(sdgDir)) {
    console.error(`${sdgDir} is absent: no copy of open-sdg/sdg-translations there.`);
    process.exit(2);
  }
  const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  const sectorTexts = {};
  const goalTexts = {};
  const committed = {};
  for (const locale of NAME_LOCALES) {
    sectorTexts[locale] = read(path.join(NAMES_SRC_DIR, `Sector.${locale}.json`));
    goalTexts[locale] = read(path.join(NAMES_SRC_DIR, `UNSDG-Goals.${locale}.json`));
    const text = read(path.join(NAMES_DIR, `${locale}.json`));
    committed[locale] = text ? JSON.parse(text) : null;
  }
  const { files, log } = buildNames({ lists: Object.fromEntries(lists.map((l) => [l.name, l])), fr, sdgDir, sectorTexts, goalTexts, committed });
  fs.mkdirSync(NAMES_DIR, { recursive: true });
  for (const [locale, text] of Object.entries(files)) put(path.join(NAMES_DIR, `${locale}.json`), text);
  for (const line of log) console.log(line);
  if (differ) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    // A source that does not read (a names-src file with a code IATI lacks, a YAML shape this reader does not know).
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
