import { BUILT_IN_LIBRARY } from './library-data.js';
import { SEED_RECOMMENDATIONS, SEED_SESSIONS } from './consult-seeds.js';
import { libraryRef, type LibraryText } from './library-text.js';

/**
 * L60: the English of everything a language file words, taken from the sources themselves (the
 * built-in library, the consultation seeds and `gcm`, the Global Compact's objectives): the
 * reference every `library-text/<locale>.json` must match key for key. A new English entry,
 * session or theme appears here at once, so a language file that lacks it fails L60's test.
 */
export function englishLibraryText(gcm: readonly string[]): LibraryText {
  const out: LibraryText = { themes: {}, roundtables: {}, headings: {}, sections: {}, entries: {}, sessionThemes: {}, sessions: {}, recommendations: {}, gcm: [...gcm] };
  for (const e of BUILT_IN_LIBRARY) {
    const ref = libraryRef(e);
    if (e.theme) out.themes[e.theme] = e.theme;
    if (e.roundtable) out.roundtables[e.roundtable] = e.roundtable;
    if (ref?.kind === 'gfmd' && e.heading) out.headings[`${ref.roundtable}${ref.letter}`] = e.heading;
    const section = ref?.kind === 'handbook' ? /^(\d+\.\d+) (.+)$/.exec(e.heading) : null;
    if (section) out.sections[section[1]!] = section[2]!;
    out.entries[e.id] = e.objective ? { title: e.title, objective: e.objective } : { title: e.title };
  }
  for (const s of SEED_SESSIONS) {
    out.sessionThemes[s.theme] = s.theme;
    out.sessions[s.id] = { title: s.title, text: s.text, questions: [...s.questions], product: s.product };
  }
  for (const r of SEED_RECOMMENDATIONS) {
    out.sessionThemes[r.theme] = r.theme;
    out.recommendations[r.id] = { title: r.title, text: r.text, background: r.background, challenge: r.challenge };
  }
  return out;
}
