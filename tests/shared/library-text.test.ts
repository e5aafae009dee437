import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GCM_OBJECTIVES } from '../../shared/codelists/index.js';
import { BUILT_IN_LIBRARY } from '../../shared/domain/library-data.js';
import { libraryFacets, searchLibrary } from '../../shared/domain/library.js';
import { SEED_RECOMMENDATIONS, SEED_SESSIONS, roundFromSession } from '../../shared/domain/consult-seeds.js';
import { englishLibraryText } from '../../shared/domain/library-text-en.js';
import enConsult from '../../shared/i18n/en/consult.js';
import { gcmName, libraryRef, libraryTextProblems, localizeLibrary, localizeRecommendation, localizeSession, type LibraryText } from '../../shared/domain/library-text.js';

const DIR = path.join(import.meta.dirname, '../../shared/domain/library-text');
/** Every language file present (English is the sources' own; `en.json` is their extraction). */
const LOCALES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'en.json')
  .map((f) => f.slice(0, -'.json'.length));
const read = (name: string): LibraryText => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as LibraryText;
const ENGLISH = englishLibraryText(GCM_OBJECTIVES);
const FR = read('fr');

describe('library text in the reader\'s language (L60-L63)', () => {
  it('[L60] the English extraction (en.json, what translators work from) still matches the sources key for key and word for word', () => {
    // Named problems first: a new English entry fails here as `entries.<id>: extra`.
    expect(libraryTextProblems(read('en'), ENGLISH)).toEqual([]);
    expect(read('en')).toEqual(ENGLISH);
    expect(Object.keys(ENGLISH.entries)).toHaveLength(BUILT_IN_LIBRARY.length);
    expect(Object.keys(ENGLISH.sessions)).toHaveLength(SEED_SESSIONS.length);
    expect(Object.keys(ENGLISH.recommendations)).toHaveLength(SEED_RECOMMENDATIONS.length);
    expect(ENGLISH.gcm).toHaveLength(23);
  });

  it('[L60] each present language file words exactly the English keys: no key missing or extra, no empty text, as many questions, 23 objectives', () => {
    expect(LOCALES).toContain('fr');
    for (const lng of LOCALES) expect({ lng, problems: libraryTextProblems(ENGLISH, read(lng)) }).toEqual({ lng, problems: [] });
  });

  it('[L60] the check names a missing key, an extra key, an empty text, a short question list and a short objective list', () => {
    const broken = structuredClone(FR) as unknown as Record<string, Record<string, unknown>> & { gcm: string[] };
    delete (broken.entries!['gfmd-1a-1'] as Record<string, unknown>).objective;
    broken.entries!['gfmd-9z-1'] = { title: 'x' };
    (broken.sessions!['gfmd07-1-1'] as { questions: string[] }).questions.pop();
    (broken.recommendations!['csd07-portal'] as { title: string }).title = ' ';
    broken.gcm.pop();
    expect(libraryTextProblems(ENGLISH, broken)).toEqual([
      'entries.gfmd-1a-1.objective: missing',
      'entries.gfmd-9z-1: extra',
      'sessions.gfmd07-1-1.questions: 3 expected, 2 given',
      'recommendations.csd07-portal.title: empty',
      'gcm: 23 expected, 22 given',
    ]);
    expect(libraryTextProblems(ENGLISH, { ...FR, themes: undefined })).toEqual(['themes: missing']);
  });

  it('[L61] a French reader sees a French entry, its heading, theme and reference line, and finds it by a French word and by an English word', () => {
    const fr = localizeLibrary(BUILT_IN_LIBRARY, FR, { reference: (r) => (r.kind === 'gfmd' ? `Matrice du GFMD, table ronde ${r.roundtable}, ${r.letter}.` : `Manuel, section ${r.section}, encadré ${r.box}`) });
    const e = fr.find((x) => x.id === 'gfmd-1h-1')!;
    expect(e.title).toBe('Renforcer la capacité des États disposant de peu de moyens à lutter contre la traite et le trafic illicite de personnes');
    expect(e.heading).toBe('Lutter contre la traite des personnes et le trafic illicite de migrants');
    expect(e.theme).toBe('Migrations et développement socio-économique');
    expect(e.reference).toBe('Matrice du GFMD, table ronde 1, h.');
    expect(e.english).toBeUndefined();
    expect(fr.find((x) => x.id === 'hb-box-43')).toMatchObject({ title: 'Les camps de réfugiés', heading: '3.13 Environnement', reference: 'Manuel, section 3.13, encadré 43' });
    // A French word (accents ignored), an English word, and both at once.
    expect(searchLibrary(fr, { text: 'Traite etats' }).map((x) => x.id)).toContain('gfmd-1h-1');
    expect(searchLibrary(fr, { text: 'trafficking' }).map((x) => x.id)).toContain('gfmd-1h-1');
    expect(searchLibrary(fr, { text: 'refugies camps' }).map((x) => x.id)).toEqual(['hb-box-43']);
    // The themes to filter by are French, and filtering by one finds its entries.
    const themes = libraryFacets(fr).themes;
    expect(themes).toEqual([...Object.values(FR.themes)].sort());
    expect(searchLibrary(fr, { theme: 'Migrations et développement socio-économique' })).toHaveLength(BUILT_IN_LIBRARY.filter((x) => x.theme === 'Migration and socio-economic development').length);
  });

  it('[L61] a missing translation falls back to English and is named; a team entry and an English reader are left as they are', () => {
    const partial: LibraryText = structuredClone(FR);
    delete partial.entries['gfmd-1a-1'];
    delete partial.headings['1a'];
    const [e] = localizeLibrary([BUILT_IN_LIBRARY[0]!], partial);
    expect(e).toMatchObject({ title: BUILT_IN_LIBRARY[0]!.title, objective: BUILT_IN_LIBRARY[0]!.objective, theme: 'Migrations et développement socio-économique' });
    expect(e!.english).toEqual(['title', 'objective', 'heading']);
    const team = { ...BUILT_IN_LIBRARY[0]!, id: 'e-team', kind: 'team' as const, reference: '' };
    expect(localizeLibrary([team], FR)[0]).toBe(team);
    expect(localizeLibrary(BUILT_IN_LIBRARY, null)).toEqual(BUILT_IN_LIBRARY);
    expect(libraryRef(BUILT_IN_LIBRARY[0]!)).toEqual({ kind: 'gfmd', roundtable: 1, letter: 'a' });
  });

  it('[L62] a round started from a GFMD session, and an example recommendation, come in the reader\'s language', () => {
    const s = localizeSession(SEED_SESSIONS.find((x) => x.id === 'gfmd08-3-2')!, FR);
    const r = roundFromSession(s, (x) => `${x.theme} (${x.meeting}, séance ${x.session})`);
    expect(r.title).toBe('La cohérence au sein du gouvernement');
    expect(r.theme).toBe('Cohérence des politiques et des institutions et partenariats (GFMD Manila 2008, séance 3.2)');
    expect(r.questions).toEqual(FR.sessions['gfmd08-3-2']!.questions);
    expect(r.source).toBe('gfmd08-3-2');
    expect(s.english).toBeUndefined();
    const partial: LibraryText = structuredClone(FR);
    partial.sessions['gfmd08-3-2']!.questions = [];
    expect(localizeSession(SEED_SESSIONS.find((x) => x.id === 'gfmd08-3-2')!, partial).english).toEqual(['questions']);
    // The meeting in the theme line is worded by `consult:meetings.<id prefix>`; in English it is the source's own name.
    for (const x of SEED_SESSIONS) expect(enConsult.meetings[x.id.slice(0, 6) as keyof typeof enConsult.meetings]).toBe(x.meeting);
    expect(localizeRecommendation(SEED_RECOMMENDATIONS[0]!, FR)).toMatchObject({ id: 'csd07-diaspora-driven', title: FR.recommendations['csd07-diaspora-driven']!.title, theme: FR.sessionThemes[SEED_RECOMMENDATIONS[0]!.theme] });
  });

  it('[L63] a Global Compact objective is named in the reader\'s language, else in English marked as such', () => {
    expect(gcmName(10, GCM_OBJECTIVES, FR, 'fr')).toEqual({ name: 'Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales', lang: 'fr' });
    expect(gcmName(10, GCM_OBJECTIVES, null, 'fr')).toEqual({ name: GCM_OBJECTIVES[9], lang: 'en' });
    expect(gcmName(24, GCM_OBJECTIVES, FR, 'fr')).toEqual({ name: '', lang: 'en' });
  });
});
