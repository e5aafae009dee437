import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderIati } from '../../server/export/iati.js';
import type { PlanData, Translation } from '../../shared/schema/types.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { IATI_XSD, iatiPlan, xsdProblems } from './iati-helpers.js';

const render = (plan: PlanData) => renderIati({ plan, snapshot: null, params: {}, generatedAt: '2026-12-01T18:00:00.000Z' }) as string;

const tr = (over: Partial<Translation> & Pick<Translation, 'id' | 'targetKind' | 'targetId'>): Translation => ({ field: 'title', original: null, en: '', fr: '', es: '', ar: '', ...over });

/** The IATI plan with its first activity, its goal and its first output translated. */
function translatedPlan(): PlanData {
  const p = iatiPlan();
  p.translations = [
    tr({ id: 't1', targetKind: 'activity', targetId: 'a11', ar: 'تشاور مع أصحاب المصلحة', fr: 'Consulter les parties prenantes' }),
    tr({ id: 't2', targetKind: 'goal', targetId: 'g1', fr: "Impact accru des transferts de fonds sur le développement" }),
    tr({ id: 't3', targetKind: 'output', targetId: 'op1', es: 'Política gubernamental sobre remesas adoptada' }),
  ];
  return p;
}

/** The narratives (language, text) inside the first `<name ...>` element of `xml`. */
function narratives(xml: string, name: string): [string | null, string][] {
  const m = xml.match(new RegExp(`<${name}[ >][\\s\\S]*?</${name}>`));
  if (!m) throw new Error(`no ${name}`);
  return [...m[0].matchAll(/<narrative(?: xml:lang="([a-z]+)")?>([^<]*)<\/narrative>/g)].map((n) => [n[1] ?? null, n[2]!]);
}

describe('IATI narratives per language (SPEC ML6)', () => {
  it('[ML6] titles and descriptions carry one narrative per language: the original first, then each translation', () => {
    const xml = render(translatedPlan());
    const [, parent, first, second] = xml.split('<iati-activity ');
    const a11 = iatiPlan().activities.find((a) => a.id === 'a11')!;
    const title = narratives(first!, 'title');
    expect(title.map(([l]) => l)).toEqual(['en', 'fr', 'ar']);
    expect(title[0]![1]).toContain(a11.title);
    expect(title[1]![1]).toMatch(/^1\.1\.1\.1 Consulter les parties prenantes$/);
    expect(title[2]![1]).toBe('1.1.1.1 تشاور مع أصحاب المصلحة');
    // The description names the path in each language the activity's title is written in.
    const description = narratives(first!, 'description');
    expect(description.map(([l]) => l)).toEqual(['en', 'fr', 'ar']);
    expect(description[1]![1]).toContain("1 Impact accru des transferts de fonds sur le développement");
    expect(description[1]![1]).toContain('1.1.1.1 Consulter les parties prenantes');
    expect(description[2]![1]).toContain('1.1.1.1 تشاور مع أصحاب المصلحة');
    // An untranslated activity keeps its one bare narrative.
    expect(narratives(second!, 'title').map(([l]) => l)).toEqual([null]);
    // The parent's goal list and the output's result title follow their own titles' languages.
    const goals = parent!.match(/<description type="2">[\s\S]*?<\/description>/)![0];
    expect(narratives(goals, 'description').map(([l]) => l)).toEqual(['en', 'fr']);
    expect(narratives(parent!.slice(parent!.indexOf('<result ')), 'title')).toEqual([
      ['en', `Output 1.1.1: ${iatiPlan().outputs[0]!.title}`],
      ['es', '1.1.1 Política gubernamental sobre remesas adoptada'],
    ]);
  });

  it('[ML6][ML2] a plan written in French marks its originals fr; English appears only where translated', () => {
    const p = translatedPlan();
    p.language = 'fr';
    p.translations[0] = { ...p.translations[0]!, en: 'Consult stakeholders', fr: '' };
    const first = render(p).split('<iati-activity ')[2]!;
    expect(narratives(first, 'title').map(([l]) => l)).toEqual(['fr', 'en', 'ar']);
    expect(narratives(first, 'title')[1]![1]).toBe('1.1.1.1 Consult stakeholders');
  });

  it('[ML6][I4] with translations the file is still valid against the official 2.03 schema (xmllint)', (ctx) => {
    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(xsdProblems(render(translatedPlan()))).toBe('');
    // [L48] and with code names in the plan's language.
    expect(xsdProblems(render({ ...translatedPlan(), language: 'es' }))).toBe('');
  });

  it('[L48] DAC sectors and SDG targets are named in English, then in the plan\'s language where it names them', () => {
    const english = render(iatiPlan());
    const parent = (xml: string) => xml.split('<iati-activity ')[1]!;
    expect(narratives(parent(english), 'sector')).toEqual([[null, 'Facilitation of orderly, safe, regular and responsible migration and mobility']]);
    const fr = parent(render({ ...iatiPlan(), language: 'fr' }));
    expect(narratives(fr, 'sector')).toEqual([
      [null, 'Facilitation of orderly, safe, regular and responsible migration and mobility'],
      ['fr', 'Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable'],
    ]);
    const es = parent(render({ ...iatiPlan(), language: 'es' }));
    expect(narratives(es, 'tag')).toEqual([
      [null, expect.stringMatching(/^Facilitate orderly, safe, regular and responsible migration/)],
      ['es', expect.stringMatching(/^Facilitar la migración y la movilidad ordenadas, seguras, regulares y responsables/)],
    ]);
    const ar = parent(render({ ...iatiPlan(), language: 'ar' }));
    expect(narratives(ar, 'tag')[1]).toEqual(['ar', expect.stringMatching(/^تيسير الهجرة وتنقل الأشخاص/)]);
    // A sector without a name in the plan's language keeps its English narrative alone (es and ar sector names: names-src, L47).
    expect(narratives(es, 'sector')[0]).toEqual([null, 'Facilitation of orderly, safe, regular and responsible migration and mobility']);
    expect(narratives(es, 'sector').slice(1).every(([l]) => l === 'es')).toBe(true);
  });
});
