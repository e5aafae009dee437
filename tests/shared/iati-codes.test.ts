import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import os from 'node:os';
import { CODELISTS as COPIED, GCM_OBJECTIVES, activeCodes, codeName, hasCode, isActiveCode, loadCodeNames, loadedCodeNames, localCodeName } from '../../shared/codelists/index.js';
import { CODELISTS, NAMES_DIR, NAME_LOCALES, SOURCE_DIR, TARGET_DIR, activeJson, buildNames, codelistJson, goalSource, parseCodelist, parseFlatYaml, sdgNames, sectorSource } from '../../scripts/codelists.mjs';
import { GCM_OBJECTIVE_COUNT, activeCodeIds, codelistTitle, isActiveCode as isActiveInTable } from '../../shared/codelists/codes.js';
import { setPlanField } from '../../shared/commands/meta.js';
import { addNode, setNodeField } from '../../shared/commands/nodes.js';
import { checkChange, type Change, type Writer } from '../../shared/rules/update-gate.js';
import { parsePlanJson } from '../../shared/schema/parse.js';
import { readPlan } from '../../shared/schema/read.js';
import { countryName } from '../../shared/schema/values.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { ME, docOf, handbookMatrix, plan } from './helpers/fixtures.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };
const gate = (c: Change) => checkChange(editor, { criteriaLocked: false }, c)?.rule ?? null;
const put = (p: string[], v: unknown): Change => ({ op: 'set', path: p, put: { kind: 'value', value: v } });

describe('IATI codelists and plan fields (SPEC I1-I3)', () => {
  it('[I1] the committed copies equal the official codelists in ../shared/iati/codelists', (ctx) => {
    if (!fs.existsSync(SOURCE_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(CODELISTS.length).toBe(Object.keys(COPIED).length);
    for (const name of CODELISTS) {
      const source = fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8');
      expect(fs.readFileSync(path.join(TARGET_DIR, `${name}.json`), 'utf8'), name).toBe(codelistJson(name, source));
    }
  });

  it('[I1] the copies hold the codes a migration plan uses, with their names; withdrawn codes are not active', () => {
    expect(codeName('Sector', '15190')).toBe('Facilitation of orderly, safe, regular and responsible migration and mobility');
    expect(isActiveCode('Sector', '24050')).toBe(true);
    expect(codeName('UNSDG-Targets', '10.7')).toMatch(/^Facilitate orderly, safe, regular and responsible migration/);
    expect(hasCode('UNSDG-Targets', '10.c')).toBe(true);
    expect(codeName('OrganisationType', '10')).toBe('Government');
    const withdrawn = COPIED.Sector.withdrawn[0]!;
    expect(hasCode('Sector', withdrawn)).toBe(true);
    expect(isActiveCode('Sector', withdrawn)).toBe(false);
    expect(activeCodes('Sector').some((c) => c.code === withdrawn)).toBe(false);
    expect(hasCode('Sector', '__proto__')).toBe(false);
  });

  it('[BL2] the active-code table the registry checks against equals the full lists: same lists, names and active codes', () => {
    const lists = CODELISTS.map((name: string) => COPIED[name as keyof typeof COPIED]);
    expect(fs.readFileSync(path.join(TARGET_DIR, 'active.json'), 'utf8')).toBe(activeJson(lists));
    for (const name of Object.keys(COPIED) as (keyof typeof COPIED)[]) {
      expect(codelistTitle(name)).toBe(COPIED[name].name);
      expect(activeCodeIds(name)).toEqual(activeCodes(name).map((c) => c.code));
      for (const code of Object.keys(COPIED[name].codes)) expect(isActiveInTable(name, code), `${name} ${code}`).toBe(!(COPIED[name].withdrawn as readonly string[]).includes(code));
    }
    expect(isActiveInTable('Sector', '__proto__')).toBe(false);
    expect(isActiveInTable('Sector', 'constructor')).toBe(false);
    expect(GCM_OBJECTIVE_COUNT).toBe(GCM_OBJECTIVES.length);
  });

  it('[I1][I2] goals and activities carry DAC sectors, SDG targets and GCM objectives, checked at import', () => {
    const base = handbookMatrix();
    const good = plan({
      goals: [{ id: 'g1', title: 'Remittances', dacSectors: ['15190', '24050'], sdgTargets: ['10.7', '10.c'], gcmObjectives: [19, 20] }],
      outcomes: base.outcomes.slice(0, 1),
      outputs: base.outputs.slice(0, 1),
      activities: [{ id: 'a11', outputId: 'op1', title: 'Consult', dacSectors: ['15190'], sdgTargets: ['10.7'], gcmObjectives: [23] }],
    });
    expect(good.goals[0]).toMatchObject({ dacSectors: ['15190', '24050'], sdgTargets: ['10.7', '10.c'], gcmObjectives: [19, 20] });
    expect(good.activities[0]).toMatchObject({ dacSectors: ['15190'], sdgTargets: ['10.7'], gcmObjectives: [23] });
    expect(base.goals[0]).toMatchObject({ dacSectors: [], sdgTargets: [], gcmObjectives: [] });
    const refused = (goal: Record<string, unknown>) => {
      const r = parsePlanJson({ format: 'roundtable-plan/1', id: 'p', title: 'T', goals: [{ id: 'g1', title: 'G', ...goal }] });
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    for (const bad of [['99999'], ['1519'], [15190], ['15190', '15190'], [COPIED.Sector.withdrawn[0]], Array(21).fill('15190')]) {
      expect(refused({ dacSectors: bad }), JSON.stringify(bad)).toEqual(['/goals/0/dacSectors']);
    }
    for (const bad of [['10.99'], ['10'], [10.7], ['10.7', '10.7']]) expect(refused({ sdgTargets: bad })).toEqual(['/goals/0/sdgTargets']);
    for (const bad of [[0], [24], [1.5], ['3'], [3, 3]]) expect(refused({ gcmObjectives: bad })).toEqual(['/goals/0/gcmObjectives']);
    expect(GCM_OBJECTIVES).toHaveLength(23);
  });

  it('[I3] the reporting organisation: a name, an IATI organisation identifier and an OrganisationType code', () => {
    const p = plan({ reportingOrgName: 'Ministry of Planning', reportingOrgRef: 'XM-DAC-47066', reportingOrgType: '10' });
    expect(p).toMatchObject({ reportingOrgName: 'Ministry of Planning', reportingOrgRef: 'XM-DAC-47066', reportingOrgType: '10' });
    expect(plan({})).toMatchObject({ reportingOrgName: '', reportingOrgRef: null, reportingOrgType: null });
    for (const [field, bad] of [['reportingOrgRef', 'has spaces in it'], ['reportingOrgRef', 'XM-DAC-1/2'], ['reportingOrgRef', '47066'], ['reportingOrgType', '99'], ['reportingOrgType', 10]] as const) {
      const r = parsePlanJson({ format: 'roundtable-plan/1', id: 'p', title: 'T', [field]: bad });
      expect(r.ok ? [] : r.problems.map((x) => x.path), `${field} ${bad}`).toEqual([`/${field}`]);
    }
  });

  it('[I1][I3] the commands refuse codes outside the codelists and keep good ones', () => {
    const doc = docOf(handbookMatrix());
    expect(setNodeField(doc, 'a11', 'dacSectors', ['15190'], ME).ok).toBe(true);
    expect(setNodeField(doc, 'g1', 'sdgTargets', ['10.7'], ME).ok).toBe(true);
    expect(setNodeField(doc, 'a11', 'dacSectors', ['12345'], ME).ok).toBe(false);
    expect(setNodeField(doc, 'g1', 'gcmObjectives', [24], ME).ok).toBe(false);
    expect(setPlanField(doc, 'reportingOrgRef', 'XM-DAC-47066', ME).ok).toBe(true);
    expect(setPlanField(doc, 'reportingOrgType', '1000' as string, ME).ok).toBe(false);
    expect(addNode(doc, { kind: 'activity', parentId: 'op1', id: 'a15', title: 'x', fields: { sdgTargets: ['99.9'] } }, ME).ok).toBe(false);
    const read = readPlan(doc);
    expect(read.activities.find((a) => a.id === 'a11')!.dacSectors).toEqual(['15190']);
    expect(read.goals[0]!.sdgTargets).toEqual(['10.7']);
    expect(read.reportingOrgRef).toBe('XM-DAC-47066');
  });

  it('[G8][I1][I3] the update gate refuses codes outside the codelists in any update', () => {
    expect(gate(put(['nodes', 'a1', 'dacSectors'], ['15190']))).toBeNull();
    expect(gate(put(['nodes', 'a1', 'dacSectors'], ['00000']))).toBe('G8');
    expect(gate(put(['nodes', 'g1', 'sdgTargets'], ['10.7']))).toBeNull();
    expect(gate(put(['nodes', 'g1', 'sdgTargets'], ['<script>']))).toBe('G8');
    expect(gate(put(['nodes', 'g1', 'gcmObjectives'], [99]))).toBe('G8');
    expect(gate(put(['meta', 'reportingOrgRef'], 'XM-DAC-47066'))).toBeNull();
    expect(gate(put(['meta', 'reportingOrgRef'], 'not an id'))).toBe('G8');
    expect(gate(put(['meta', 'reportingOrgType'], '77'))).toBe('G8');
  });
});

describe('French names from the official codelists (SPEC L41)', () => {
  it('[L41] the generator keeps each French name the XML gives, apart from the English list, and nothing where it gives none', () => {
    const xml = `<codelist><codelist-items>
      <codelist-item status="active"><code>1</code><name><narrative>One &amp; all</narrative><narrative xml:lang="fr">Un &amp; tous</narrative></name>
        <description><narrative xml:lang="fr">Pas un nom</narrative></description></codelist-item>
      <codelist-item status="active"><code>2</code><name><narrative>Two</narrative></name><description><narrative xml:lang="fr">Deux</narrative></description></codelist-item>
    </codelist-items></codelist>`;
    const out = parseCodelist('X', xml);
    expect(out.list.codes).toEqual({ 1: 'One & all', 2: 'Two' });
    expect(out.fr).toEqual({ 1: 'Un & tous' });
    expect(parseCodelist('Y', xml.replace(/<narrative xml:lang="fr">[^<]*<\/narrative>/g, '')).fr).toEqual({});
    // [L45] The list's JSON carries English only: French goes to names/fr.json.
    expect(Object.keys(JSON.parse(codelistJson('X', xml)))).toEqual(['name', 'attribution', 'codes', 'withdrawn']);
  });

  it('[L41] every French sector and SDG name of the official XML is in names/fr.json', async (ctx) => {
    if (!fs.existsSync(SOURCE_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    await loadCodeNames('fr');
    for (const name of ['Sector', 'UNSDG-Goals', 'UNSDG-Targets'] as const) {
      const xml = fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8');
      const named = [...xml.matchAll(/<name>\s*<narrative>[\s\S]*?<\/narrative>\s*<narrative xml:lang="fr">/g)].length;
      expect(named, name).toBeGreaterThan(0);
      expect(Object.keys(loadedCodeNames('fr')!.names[name] ?? {}).length, name).toBe(named);
    }
  });

  it('[L41] a French reader gets the French name where IATI has one; English readers, and codes without one, get English marked as English', async () => {
    await loadCodeNames('fr');
    expect(localCodeName('Sector', '15190', 'fr')).toEqual({ name: 'Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable', lang: 'fr' });
    expect(localCodeName('UNSDG-Goals', '10', 'fr').name).toMatch(/^Objectif 10\. Réduire les inégalités/);
    expect(localCodeName('Sector', '15190', 'en')).toEqual({ name: codeName('Sector', '15190'), lang: 'en' });
    const frSectors = loadedCodeNames('fr')!.names.Sector!;
    const untranslated = Object.keys(COPIED.Sector.codes).find((c) => !Object.hasOwn(frSectors, c))!;
    expect(localCodeName('Sector', untranslated, 'fr')).toEqual({ name: codeName('Sector', untranslated), lang: 'en' });
    expect(localCodeName('Sector', '__proto__', 'fr')).toEqual({ name: '', lang: 'en' });
    expect(localCodeName('Country', 'SN', 'fr').lang).toBe('en');
    const fr = activeCodes('Sector', 'fr');
    expect(fr.map((c) => c.code)).toEqual(activeCodes('Sector').map((c) => c.code));
    expect(fr.find((c) => c.code === '15190')).toMatchObject({ lang: 'fr', name: expect.stringMatching(/^Faciliter/) });
  });

  it('[L42] country names come from the runtime in the reader\'s language; English by default; the code where none is known', () => {
    expect(countryName('SN')).toBe('Senegal');
    expect(countryName('SN', 'fr')).toBe('Sénégal');
    expect(countryName('MA', 'es')).toBe('Marruecos');
    expect(countryName('SN', 'ar')).toBe('السنغال');
    expect(countryName('not a code', 'fr')).toBe('not a code');
  });
});

describe('code names per language, loaded per reader (SPEC L45-L47)', () => {
  const lists = Object.fromEntries(Object.entries(COPIED).map(([k, v]) => [k, v])) as Parameters<typeof buildNames>[0]['lists'];
  const committed = (locale: string) => JSON.parse(fs.readFileSync(path.join(NAMES_DIR, `${locale}.json`), 'utf8'));

  it('[L45] the lists hold English only; each language\'s names are a file of their own, which the codelists module imports only when asked', async () => {
    for (const name of Object.keys(COPIED) as (keyof typeof COPIED)[]) expect(Object.keys(COPIED[name]), name).toEqual(['name', 'attribution', 'codes', 'withdrawn']);
    for (const locale of NAME_LOCALES) expect(committed(locale).locale).toBe(locale);
    // No static import of a names file: the pickers' chunk carries English only (the build check is tests/server/client-assets.test.ts).
    const source = fs.readFileSync(path.join(TARGET_DIR, 'index.ts'), 'utf8');
    expect(source.match(/^import .*$/gm)!.filter((l) => /names/.test(l))).toEqual([]);
    expect(source.match(/import\('\.\/names\/(\w+)\.json'/g)).toEqual(["import('./names/fr.json'", "import('./names/es.json'", "import('./names/ar.json'"]);
    // A fresh copy of the module: nothing loaded, English meanwhile; loading one language loads only that one.
    vi.resetModules();
    const fresh = (await import('../../shared/codelists/index.js')) as typeof import('../../shared/codelists/index.js');
    expect([fresh.codeNamesReady('en'), fresh.codeNamesReady('es'), fresh.codeNamesReady('fr')]).toEqual([true, false, false]);
    expect(fresh.localCodeName('UNSDG-Targets', '10.7', 'es')).toEqual({ name: codeName('UNSDG-Targets', '10.7'), lang: 'en' });
    await fresh.loadCodeNames('es');
    expect([fresh.codeNamesReady('es'), fresh.codeNamesReady('fr'), fresh.codeNamesReady('ar')]).toEqual([true, false, false]);
    expect(fresh.localCodeName('UNSDG-Targets', '10.7', 'es').lang).toBe('es');
    await fresh.loadCodeNames('en');
    expect(fresh.loadedCodeNames('en')).toBeUndefined();
  });

  it('[L45][L46] a French, a Spanish and an Arabic SDG target in the reader\'s language; English where a language has no name, marked', async () => {
    await Promise.all(['fr', 'es', 'ar'].map((l) => loadCodeNames(l)));
    expect(localCodeName('UNSDG-Targets', '10.7', 'fr')).toEqual({ name: expect.stringMatching(/^Faciliter la migration et la mobilité de façon ordonnée, sûre, régulière et responsable/), lang: 'fr' });
    expect(localCodeName('UNSDG-Targets', '10.7', 'es')).toEqual({
      name: 'Facilitar la migración y la movilidad ordenadas, seguras, regulares y responsables de las personas, incluso mediante la aplicación de políticas migratorias planificadas y bien gestionadas',
      lang: 'es',
    });
    expect(localCodeName('UNSDG-Targets', '10.c', 'es').name).toMatch(/^De aquí a 2030, reducir a menos del 3% los costos de transacción de las remesas/);
    expect(localCodeName('UNSDG-Targets', '10.7', 'ar')).toEqual({ name: expect.stringMatching(/^تيسير الهجرة وتنقل الأشخاص على نحو منظم وآمن ومنتظم ومتسم بالمسؤولية/), lang: 'ar' });
    expect(localCodeName('UNSDG-Goals', '10', 'es').name).toBe('Objetivo 10. Reducir la desigualdad en los países y entre ellos');
    expect(localCodeName('UNSDG-Goals', '1', 'ar').name).toBe('الهدف 1: القضاء على الفقر بجميع أشكاله في كل مكان');
    // Every IATI goal and target has its Spanish and Arabic name; no kashida, no doubled spaces.
    for (const locale of ['es', 'ar']) {
      for (const list of ['UNSDG-Goals', 'UNSDG-Targets'] as const) {
        const names = loadedCodeNames(locale)!.names[list]!;
        expect(Object.keys(names), `${locale} ${list}`).toEqual(Object.keys(COPIED[list].codes));
        for (const name of Object.values(names)) expect(name).toMatch(/^\S(.*\S)?$/);
        for (const name of Object.values(names)) expect(name).not.toMatch(/\u0640|\s{2}|إالى/);
      }
      expect(loadedCodeNames(locale)!.attribution['UNSDG-Targets']).toMatch(/^UN SDG goals and targets, official (Spanish|Arabic) texts, via open-sdg\/sdg-translations \(MIT License\)$/);
    }
    // A sector without a name in the reader's language: English, marked as English.
    const esSectors = loadedCodeNames('es')!.names.Sector ?? {};
    const english = Object.keys(COPIED.Sector.codes).find((c) => !Object.hasOwn(esSectors, c));
    if (english) expect(localCodeName('Sector', english, 'es')).toEqual({ name: codeName('Sector', english), lang: 'en' });
    expect(localCodeName('UNSDG-Targets', '99.9', 'ar')).toEqual({ name: '', lang: 'en' });
  });

  it('[L46] the SDG texts are read from open-sdg/sdg-translations\' YAML: folded and quoted values, ids as IATI writes them, kashida dropped', () => {
    const yml = [
      '# a comment',
      '1-1-title: De aquí a 2030, erradicar',
      '  la pobreza extrema',
      "1-a-title: ' تيسـير الهجرة ''y'' إالى",
      "  el resto '",
      '1-short: Fin',
      '99-9-title: Not in IATI',
      '1-title: Poner fin a la pobreza',
    ].join('\n');
    expect(parseFlatYaml(yml)).toEqual({
      '1-1-title': 'De aquí a 2030, erradicar la pobreza extrema',
      '1-a-title': " تيسـير الهجرة 'y' إالى el resto ",
      '1-short': 'Fin',
      '99-9-title': 'Not in IATI',
      '1-title': 'Poner fin a la pobreza',
    });
    expect(() => parseFlatYaml('a:\n  - b')).toThrow(/plain and quoted/);
    expect(() => parseFlatYaml('  stray')).toThrow(/outside a value/);
    const es = sdgNames('es', yml, yml, lists);
    expect(es.goals).toEqual({ 1: 'Objetivo 1. Poner fin a la pobreza' });
    expect(es.targets).toEqual({ '1.1': 'De aquí a 2030, erradicar la pobreza extrema', '1.a': "تيسير الهجرة 'y' إلى el resto" });
    expect(es.unmatched).toEqual(['99.9']);
    expect(sdgNames('ar', yml, yml, lists).goals).toEqual({ 1: 'الهدف 1: Poner fin a la pobreza' });
  });

  it('[L46][L47] the generator: SDG names from a copy of open-sdg/sdg-translations, else the committed ones (and says so); sector names from names-src when present, checked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-sdg-'));
    try {
      for (const locale of ['es', 'ar']) {
        fs.mkdirSync(path.join(dir, 'translations', locale), { recursive: true });
        fs.writeFileSync(path.join(dir, 'translations', locale, 'global_goals.yml'), `10-title: Goal ten in ${locale}\n`);
        fs.writeFileSync(path.join(dir, 'translations', locale, 'global_targets.yml'), `10-7-title: Target in ${locale}\n10-z-title: Unknown\n`);
      }
      const fr = { Sector: { 15190: 'Faciliter' } };
      const sectorTexts = { es: JSON.stringify({ attribution: 'Translated for Roundtable by its team', names: { 15190: ' Facilitar  la migración ', 11110: 'Política educativa' } }) };
      const none = { es: null, ar: null };
      const fromCopy = buildNames({ lists, fr, sdgDir: dir, sectorTexts, committed: none });
      expect(JSON.parse(fromCopy.files.es!)).toEqual({
        locale: 'es',
        attribution: { Sector: 'Translated for Roundtable by its team', 'UNSDG-Goals': expect.stringMatching(/official Spanish texts/), 'UNSDG-Targets': expect.stringMatching(/official Spanish texts/) },
        names: { Sector: { 11110: 'Política educativa', 15190: 'Facilitar la migración' }, 'UNSDG-Goals': { 10: 'Objetivo 10. Goal ten in es' }, 'UNSDG-Targets': { '10.7': 'Target in es' } },
      });
      expect(JSON.parse(fromCopy.files.fr!).names).toEqual({ Sector: { 15190: 'Faciliter' } });
      expect(fromCopy.log).toEqual([
        'fr: Sector 1 of 325, UNSDG-Goals 0 of 17, UNSDG-Targets 0 of 169 (IATI\'s XML)',
        `es: SDG goals 1 of 17, targets 1 of 169 from ${dir}; not in IATI's list: 10.z`,
        'es: DAC sectors 2 of 325 from names-src/Sector.es.json',
        `ar: SDG goals 1 of 17, targets 1 of 169 from ${dir}; not in IATI's list: 10.z`,
        'ar: no names-src/Sector.ar.json: DAC sectors stay English',
      ]);
      // Without the copy (CI): the committed SDG names stay, and the log says so.
      const kept = buildNames({ lists, fr, sdgDir: null, sectorTexts: {}, committed: { es: JSON.parse(fromCopy.files.es!), ar: null } });
      expect(JSON.parse(kept.files.es!).names).toEqual({ 'UNSDG-Goals': { 10: 'Objetivo 10. Goal ten in es' }, 'UNSDG-Targets': { '10.7': 'Target in es' } });
      expect(kept.log).toContain('es: no copy of open-sdg/sdg-translations (--sdg-translations=DIR): kept the committed Spanish SDG names (goals 1 of 17, targets 1 of 169)');
      expect(kept.log).toContain('es: no names-src/Sector.es.json: DAC sectors stay English');
      expect(JSON.parse(kept.files.ar!)).toEqual({ locale: 'ar', attribution: {}, names: {} });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // [L47] Sector names: Roundtable's own translation, marked so; codes outside IATI's list and empty names refused.
    expect(sectorSource('ar', JSON.stringify({ names: { 15190: 'تيسير الهجرة' } }), lists.Sector!).attribution).toMatch(/^Roundtable's own translation of the OECD DAC sector names/);
    expect(sectorSource('ar', JSON.stringify({ attribution: 'by A. Translator', names: {} }), lists.Sector!).attribution).toMatch(/^Roundtable's own translation .*; by A\. Translator$/);
    expect(() => sectorSource('es', JSON.stringify({ names: { 99999: 'x' } }), lists.Sector!)).toThrow(/99999 is not in IATI's Sector list/);
    expect(() => sectorSource('es', JSON.stringify({ names: { 15190: ' ' } }), lists.Sector!)).toThrow(/15190 is not a non-empty text/);
    expect(() => sectorSource('es', JSON.stringify({ names: ['x'] }), lists.Sector!)).toThrow(/expected/);
  });

  it('[L120] Arabic goal titles checked against resolution 70/1 replace the copy\'s, each with its source; a bad source file is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-sdg-goals-'));
    try {
      fs.mkdirSync(path.join(dir, 'translations', 'ar'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'translations', 'ar', 'global_goals.yml'), '10-title: open-sdg ten\n7-title: open-sdg seven\n');
      fs.writeFileSync(path.join(dir, 'translations', 'ar', 'global_targets.yml'), '10-7-title: Target\n');
      const goalTexts = { ar: JSON.stringify({ attribution: 'goal 7 checked', names: { 7: ' ضمان  حصول الجميع ' }, sources: { 7: 'https://iraq.un.org/ar/sdgs/7' } }) };
      const built = buildNames({ lists, fr: {}, sdgDir: dir, sectorTexts: {}, goalTexts, committed: { es: null, ar: null } });
      const ar = JSON.parse(built.files.ar!);
      // The checked title replaces the copy's, the others stay, in the list's order; the attribution says both.
      expect(ar.names['UNSDG-Goals']).toEqual({ 7: 'الهدف 7: ضمان حصول الجميع', 10: 'الهدف 10: open-sdg ten' });
      expect(ar.attribution['UNSDG-Goals']).toBe('UN SDG goals and targets, official Arabic texts, via open-sdg/sdg-translations (MIT License); goal 7 checked');
      expect(ar.attribution['UNSDG-Targets']).toBe('UN SDG goals and targets, official Arabic texts, via open-sdg/sdg-translations (MIT License)');
      expect(built.log).toContain('ar: SDG goals 7 worded as resolution 70/1 from names-src/UNSDG-Goals.ar.json');
      // Kept from the committed file (CI, no copy), the same titles and attribution come out: running twice changes nothing.
      const again = buildNames({ lists, fr: {}, sdgDir: null, sectorTexts: {}, goalTexts, committed: { es: null, ar } });
      expect(again.files.ar).toBe(built.files.ar);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const source = (o: object) => JSON.stringify({ attribution: 'checked', ...o });
    expect(() => goalSource('ar', source({ names: { 18: 'x' }, sources: { 18: 'y' } }), lists['UNSDG-Goals']!)).toThrow(/18 is not in IATI's UNSDG-Goals list/);
    expect(() => goalSource('ar', source({ names: { 7: ' ' }, sources: { 7: 'y' } }), lists['UNSDG-Goals']!)).toThrow(/goal 7 is not a non-empty text/);
    expect(() => goalSource('ar', source({ names: { 7: 'x' }, sources: {} }), lists['UNSDG-Goals']!)).toThrow(/goal 7 has no source/);
    expect(() => goalSource('ar', JSON.stringify({ names: { 7: 'x' }, sources: { 7: 'y' } }), lists['UNSDG-Goals']!)).toThrow(/no attribution/);
    expect(() => goalSource('ar', source({ names: ['x'] }), lists['UNSDG-Goals']!)).toThrow(/expected/);
    // The committed file: every checked title has a source, and the Arabic names carry them (NFC, no kashida).
    const file = JSON.parse(fs.readFileSync(path.join(TARGET_DIR, 'names-src', 'UNSDG-Goals.ar.json'), 'utf8'));
    expect(Object.keys(file.sources).sort()).toEqual(Object.keys(file.names).sort());
    await loadCodeNames('ar');
    for (const [goal, title] of Object.entries(file.names as Record<string, string>)) {
      expect(title).toBe(title.normalize('NFC'));
      expect(localCodeName('UNSDG-Goals', goal, 'ar')).toEqual({ name: `الهدف ${goal}: ${title}`, lang: 'ar' });
    }
    expect(localCodeName('UNSDG-Goals', '7', 'ar').name).toBe('الهدف 7: ضمان حصول الجميع بتكلفة ميسورة على خدمات الطاقة الحديثة الموثوقة والمستدامة');
  });

  it('[L45][L46][L47] the committed names files are what the generator writes from the sources at hand', (ctx) => {
    if (!fs.existsSync(SOURCE_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const fr: Record<string, Record<string, string>> = {};
    for (const name of CODELISTS) fr[name] = parseCodelist(name, fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8')).fr;
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
    const sectorTexts = Object.fromEntries(NAME_LOCALES.map((l) => [l, read(path.join(TARGET_DIR, 'names-src', `Sector.${l}.json`))]));
    const goalTexts = Object.fromEntries(NAME_LOCALES.map((l) => [l, read(path.join(TARGET_DIR, 'names-src', `UNSDG-Goals.${l}.json`))]));
    const { files } = buildNames({ lists, fr, sdgDir: null, sectorTexts, goalTexts, committed: Object.fromEntries(NAME_LOCALES.map((l) => [l, committed(l)])) });
    for (const locale of NAME_LOCALES) expect(fs.readFileSync(path.join(NAMES_DIR, `${locale}.json`), 'utf8'), locale).toBe(files[locale]);
  });
});
