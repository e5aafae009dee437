import { SECTOR_IDS, type AnswerValue, type SectorId } from '../schema/types.js';

/**
 * The 14 sectors of the handbook's Annex C and their checklists (rules SK1-SK4 in shared/SPEC.md).
 * The catalogue holds only stable ids: the words of every sector and question live in the
 * `sectors` message namespace (`sectors:name.<sector>`, `sectors:q.<question id>`), written in the
 * product's own words from the handbook's content. The team's answers live in the plan
 * (`sectorAnswers`, keyed by question id); goals and outcomes carry `sectors`. Pure.
 */

export { SECTOR_IDS, type SectorId };

/** True when `v` names one of the 14 sectors. */
export function isSectorId(v: unknown): v is SectorId {
  return typeof v === 'string' && (SECTOR_IDS as readonly string[]).includes(v);
}

/** How many questions each sector's checklist has (SK1); ids are `sk-<prefix>-<n>`, n from 1. */
const QUESTION_COUNTS: Readonly<Record<SectorId, readonly [prefix: string, count: number]>> = {
  governance: ['gov', 6],
  'legal-protection': ['leg', 4],
  employment: ['emp', 6],
  'social-protection': ['soc', 6],
  health: ['hea', 6],
  education: ['edu', 5],
  'tertiary-education': ['ter', 5],
  'economic-growth': ['eco', 4],
  'financial-services': ['fin', 5],
  trade: ['tra', 4],
  agriculture: ['agr', 5],
  infrastructure: ['inf', 5],
  environment: ['env', 5],
  diaspora: ['dia', 6],
};

/** One sector's checklist: its id and its question ids in order. */
export interface SectorDef {
  id: SectorId;
  questions: readonly string[];
}

/** The 14 checklists in Annex C order (SK1). */
export const SECTORS: readonly SectorDef[] = SECTOR_IDS.map((id) => {
  const [prefix, count] = QUESTION_COUNTS[id];
  return { id, questions: Array.from({ length: count }, (_, i) => `sk-${prefix}-${i + 1}`) };
});

const SECTOR_OF_QUESTION: ReadonlyMap<string, SectorId> = new Map(SECTORS.flatMap((s) => s.questions.map((q) => [q, s.id] as const)));

/** The sector a checklist question belongs to, or undefined for an unknown id. */
export function sectorOfQuestion(questionId: string): SectorId | undefined {
  return SECTOR_OF_QUESTION.get(questionId);
}

/** The parts of a plan the coverage rule reads (a `PlanData` fits). */
export interface CoverageInput {
  goals: readonly { id: string; archived: boolean; status: string; sectors: readonly string[] }[];
  outcomes: readonly { id: string; goalId: string; archived: boolean; sectors: readonly string[] }[];
  sectorAnswers: readonly { id: string; value: AnswerValue | null }[];
}

/**
 * Where a sector stands (SK4): `covered` (a live goal or outcome is tagged with it), `considered`
 * (no goal, but the checklist is answered and no answer is "no"), or `uncovered`.
 */
export type CoverageStatus = 'covered' | 'considered' | 'uncovered';

/** Why a sector is uncovered: its checklist has no answer, or some answer is "no" and no goal takes it up. */
export type UncoveredReason = 'unanswered' | 'answered-no';

/** One sector's line of the coverage table. */
export interface SectorCoverage {
  sector: SectorId;
  status: CoverageStatus;
  /** Only for `uncovered`. */
  reason: UncoveredReason | null;
  /** Questions answered (value not null) and the checklist's length. */
  answered: number;
  total: number;
  /** Answers by value. */
  counts: Record<AnswerValue, number>;
  /** Ids of live goals and outcomes tagged with the sector. */
  goalIds: string[];
  outcomeIds: string[];
}

/**
 * SK4: the coverage of each of the 14 sectors, in Annex C order. A goal counts when it is not
 * archived and not rejected; an outcome counts when it and its goal count. An answer counts when
 * its value is not null and its id is a question of the sector's checklist.
 */
export function sectorCoverage(plan: CoverageInput): SectorCoverage[] {
  const liveGoals = new Set(plan.goals.filter((g) => !g.archived && g.status !== 'rejected').map((g) => g.id));
  const answers = new Map(plan.sectorAnswers.filter((a) => a.value !== null).map((a) => [a.id, a.value as AnswerValue]));
  return SECTORS.map((s) => {
    const goalIds = plan.goals.filter((g) => liveGoals.has(g.id) && g.sectors.includes(s.id)).map((g) => g.id);
    const outcomeIds = plan.outcomes.filter((o) => !o.archived && liveGoals.has(o.goalId) && o.sectors.includes(s.id)).map((o) => o.id);
    const counts: Record<AnswerValue, number> = { yes: 0, partly: 0, no: 0, 'not-relevant': 0 };
    let answered = 0;
    for (const q of s.questions) {
      const v = answers.get(q);
      if (v === undefined) continue;
      counts[v] += 1;
      answered += 1;
    }
    let status: CoverageStatus;
    let reason: UncoveredReason | null = null;
    if (goalIds.length + outcomeIds.length > 0) status = 'covered';
    else if (answered === 0) [status, reason] = ['uncovered', 'unanswered'];
    else if (counts.no > 0) [status, reason] = ['uncovered', 'answered-no'];
    else status = 'considered';
    return { sector: s.id, status, reason, answered, total: s.questions.length, counts, goalIds, outcomeIds };
  });
}

/** SK4: the sectors the plan leaves uncovered, in Annex C order. */
export function uncoveredSectors(plan: CoverageInput): SectorId[] {
  return sectorCoverage(plan)
    .filter((c) => c.status === 'uncovered')
    .map((c) => c.sector);
}
