/** Representation gaps in the reader's language (RP4, L10): shared by the people panel and the preparatory stage. */
import { CHECKLIST_CATEGORIES, type Representation } from '../shared/domain/representation.js';
import { t } from './i18n.js';

/**
 * The gaps of `r` in the current locale, in the order of `r.gaps`: the checklist categories
 * nobody in the scope covers, then (scoring round) each goal a category present has not scored.
 * Call it at render time so a language change re-words it.
 */
export function gapTexts(r: Representation): string[] {
  const key = r.scopeKind === 'plan' ? 'people:gapPlan' : r.scopeKind === 'scoring' ? 'people:gapScoring' : 'people:gapMeeting';
  const who = (c: string) => t(`people:gapWho.${c}`);
  return [
    ...CHECKLIST_CATEGORIES.filter((c) => r.byCategory[c] === 0).map((c) => t(key, { who: who(c) })),
    ...r.goalGaps.map((g) => t(g.title ? 'people:gapGoal' : 'people:gapGoalUntitled', { who: who(g.category), code: g.code, title: g.title })),
  ];
}
