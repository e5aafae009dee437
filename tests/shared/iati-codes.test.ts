import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODELISTS as COPIED, GCM_OBJECTIVES, activeCodes, codeName, hasCode, isActiveCode, localCodeName } from '../../shared/codelists/index.js';
import { CODELISTS, SOURCE_DIR, TARGET_DIR, activeJson, codelistJson } from '../../scripts/codelists.mjs';
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
  it('[L41] the generator keeps each French name the XML gives, beside the English ones, and nothing where it gives none', () => {
    const xml = `<codelist><codelist-items>
      <codelist-item status="active"><code>1</code><name><narrative>One &amp; all</narrative><narrative xml:lang="fr">Un &amp; tous</narrative></name>
        <description><narrative xml:lang="fr">Pas un nom</narrative></description></codelist-item>
      <codelist-item status="active"><code>2</code><name><narrative>Two</narrative></name><description><narrative xml:lang="fr">Deux</narrative></description></codelist-item>
    </codelist-items></codelist>`;
    const out = JSON.parse(codelistJson('X', xml));
    expect(out.codes).toEqual({ 1: 'One & all', 2: 'Two' });
    expect(out.fr).toEqual({ 1: 'Un & tous' });
    expect('fr' in JSON.parse(codelistJson('Y', xml.replace(/<narrative xml:lang="fr">[^<]*<\/narrative>/g, '')))).toBe(false);
  });

  it('[L41] every French sector and SDG name of the official XML is in the committed copies', (ctx) => {
    if (!fs.existsSync(SOURCE_DIR)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    for (const name of ['Sector', 'UNSDG-Goals', 'UNSDG-Targets'] as const) {
      const xml = fs.readFileSync(path.join(SOURCE_DIR, `${name}.xml`), 'utf8');
      const named = [...xml.matchAll(/<name>\s*<narrative>[\s\S]*?<\/narrative>\s*<narrative xml:lang="fr">/g)].length;
      expect(named, name).toBeGreaterThan(0);
      expect(Object.keys(COPIED[name].fr ?? {}).length, name).toBe(named);
    }
  });

  it('[L41] a French reader gets the French name where IATI has one; others, and codes without one, get English marked as English', () => {
    expect(localCodeName('Sector', '15190', 'fr')).toEqual({ name: 'Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable', lang: 'fr' });
    expect(localCodeName('UNSDG-Goals', '10', 'fr').name).toMatch(/^Objectif 10\. Réduire les inégalités/);
    for (const loc of ['en', 'es', 'ar']) expect(localCodeName('Sector', '15190', loc)).toEqual({ name: codeName('Sector', '15190'), lang: 'en' });
    const untranslated = Object.keys(COPIED.Sector.codes).find((c) => !Object.hasOwn(COPIED.Sector.fr, c))!;
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
