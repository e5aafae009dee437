import type { Committee, GoalStatus, PlanData } from '../schema/types.js';
import { compareOrder } from './order.js';

/**
 * Goal scoring (rules SC1-SC9 in shared/SPEC.md). Pure: plan data in, ranking out.
 *
 * A goal's criterion score is the agreed score where the committee recorded one, otherwise the
 * mean of the valid individual scores (0, 1, 2) of live participants. A goal's total is the plain
 * sum of its criterion scores over the live criteria; when any criterion has no score at all the
 * total is unknown (null), never a silent 0.
 */

/** Options of {@link rankGoals}. */
export interface RankOptions {
  /** Selected goals above this count trigger a warning; default: the plan's `handful`. */
  handful?: number;
  /** A criterion is disputed when max - min of individual scores reaches this; default 2. */
  disagreementSpread?: number;
}

/** Mean scores of the IMC and NCC members and their difference (imc - ncc); null when unknown. */
export interface GroupSpread {
  imc: number | null;
  ncc: number | null;
  gap: number | null;
}

/** One goal on one criterion. */
export interface CriterionResult {
  criterionId: string;
  title: string;
  /** The score that counts: agreed, else mean; null when nobody scored. */
  score: number | null;
  source: 'agreed' | 'mean' | 'none';
  /** Number of individual scores. */
  count: number;
  min: number | null;
  max: number | null;
  /** Population standard deviation of individual scores. */
  stdev: number | null;
  /** Individual scores at least the spread threshold apart and no agreed score yet (SC5). */
  disagreement: boolean;
  /** Live participants who scored this cell, in participant order (SC11). */
  scorers: string[];
  groups: GroupSpread;
  /** Notes attached to individual or agreed scores, for showing qualifiers. */
  notes: string[];
}

/** One goal's place in the ranking. */
export interface GoalRanking {
  goalId: string;
  title: string;
  status: GoalStatus;
  /** Sum of criterion scores; null unless every live criterion has a score. */
  total: number | null;
  /** Sum over the criteria that do have a score. */
  partialTotal: number;
  /** Highest possible total (2 per live criterion). */
  maxTotal: number;
  /** 1-based competition rank among complete, non-rejected goals (1, 2, 2, 4); null otherwise. */
  rank: number | null;
  tied: boolean;
  disagreement: boolean;
  /** Live participants who have not scored every live criterion of this goal yet (SC11). */
  waitingFor: string[];
  /** How many they are (kept when an anonymous plan's lists are emptied, SC21). */
  waitingCount: number;
  groups: GroupSpread;
  criteria: CriterionResult[];
}

/** Something the team should look at before selecting goals. */
export interface RankingWarning {
  rule: string;
  /** In English, for the API and logs; a reader's language words it from `params` (`scoring:warnings.<rule>`, L30). */
  message: string;
  goalIds: string[];
  /** `count` goals; SC6 their shared `total`, SC7 the `handful` the plan keeps to. */
  params: { count: number; total?: number; handful?: number };
}

/**
 * SC21: whether names may be shown next to individual scores and in "who has scored": never
 * while the plan's scoring is anonymous; otherwise to people who may edit, and to observers and
 * exports only when the facilitator chose to show named scores (`exportNamedScores`).
 */
export function scorerNamesShown(plan: Pick<PlanData, 'anonymousScoring' | 'exportNamedScores'>, canEdit: boolean): boolean {
  if (plan.anonymousScoring === true) return false;
  return canEdit || plan.exportNamedScores === true;
}

/**
 * SC21: a ranking as the server hands it out of an anonymous plan: who scored and who is still
 * to score become counts only (`count` per criterion, `waitingCount` per goal); the lists are empty.
 */
export function rankingForPrivacy(plan: Pick<PlanData, 'anonymousScoring'>, ranking: Ranking): Ranking {
  if (plan.anonymousScoring !== true) return ranking;
  return { ...ranking, goals: ranking.goals.map((g) => ({ ...g, waitingFor: [], criteria: g.criteria.map((c) => ({ ...c, scorers: [] })) })) };
}

/** Result of {@link rankGoals}. */
export interface Ranking {
  goals: GoalRanking[];
  warnings: RankingWarning[];
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const mean = (xs: readonly number[]): number | null => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const isScore = (v: number): boolean => v === 0 || v === 1 || v === 2;

function spread(imc: number | null, ncc: number | null): GroupSpread {
  return { imc, ncc, gap: imc !== null && ncc !== null ? round(imc - ncc) : null };
}

/**
 * Scores and ranks the live goals. Rejected goals are reported but get no rank. Ties keep the
 * goals' display order (stable) and share a rank. Warnings: more goals selected than the handful
 * (SC7), ties (SC6), goals that cannot be ranked yet (SC8).
 */
export function rankGoals(plan: PlanData, opts: RankOptions = {}): Ranking {
  const handful = opts.handful ?? plan.handful;
  const disputeAt = opts.disagreementSpread ?? 2;
  const criteria = plan.criteria.filter((c) => !c.archived).sort(compareOrder);
  const goals = plan.goals.filter((g) => !g.archived).sort(compareOrder);
  const committee = new Map<string, Committee>();
  for (const p of plan.participants) if (!p.archived) committee.set(p.id, p.committee);
  const order = new Map([...committee.keys()].map((id, i) => [id, i]));

  const cell = (g: string, c: string): string => `${g}\u0000${c}`;
  const individual = new Map<string, { value: number; participantId: string; note?: string }[]>();
  for (const s of plan.scores) {
    if (!isScore(s.value) || !committee.has(s.participantId)) continue;
    const list = individual.get(cell(s.goalId, s.criterionId)) ?? [];
    list.push({ value: s.value, participantId: s.participantId, ...(s.note ? { note: s.note } : {}) });
    individual.set(cell(s.goalId, s.criterionId), list);
  }
  const agreed = new Map<string, { value: number; note?: string }>();
  for (const a of plan.agreedScores) if (isScore(a.value)) agreed.set(cell(a.goalId, a.criterionId), a);

  const results: GoalRanking[] = goals.map((g) => {
    const rows: CriterionResult[] = criteria.map((c) => {
      const votes = individual.get(cell(g.id, c.id)) ?? [];
      const values = votes.map((v) => v.value);
      const agreement = agreed.get(cell(g.id, c.id));
      const avg = mean(values);
      const min = values.length ? Math.min(...values) : null;
      const max = values.length ? Math.max(...values) : null;
      const stdev = avg === null ? null : round(Math.sqrt(values.reduce((a, v) => a + (v - avg) ** 2, 0) / values.length));
      const byGroup = (k: Committee): number | null => mean(votes.filter((v) => committee.get(v.participantId) === k).map((v) => v.value));
      const notes = [...(agreement?.note ? [agreement.note] : []), ...votes.flatMap((v) => (v.note ? [v.note] : []))];
      return {
        criterionId: c.id,
        title: c.title,
        score: agreement ? agreement.value : avg,
        source: agreement ? 'agreed' : avg !== null ? 'mean' : 'none',
        count: values.length,
        min,
        max,
        stdev,
        disagreement: !agreement && min !== null && max !== null && values.length >= 2 && max - min >= disputeAt,
        scorers: votes.map((v) => v.participantId).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
        groups: spread(byGroup('imc'), byGroup('ncc')),
        notes,
      };
    });
    const known = rows.filter((r) => r.score !== null);
    const partialTotal = round(known.reduce((a, r) => a + (r.score ?? 0), 0));
    const groupTotal = (k: 'imc' | 'ncc'): number | null =>
      rows.length > 0 && rows.every((r) => r.groups[k] !== null) ? round(rows.reduce((a, r) => a + (r.groups[k] ?? 0), 0)) : null;
    return {
      goalId: g.id,
      title: g.title,
      status: g.status,
      total: rows.length > 0 && known.length === rows.length ? partialTotal : null,
      partialTotal,
      maxTotal: 2 * rows.length,
      rank: null,
      tied: false,
      disagreement: rows.some((r) => r.disagreement),
      waitingFor: [...committee.keys()].filter((p) => rows.some((r) => !r.scorers.includes(p))),
      waitingCount: [...committee.keys()].filter((p) => rows.some((r) => !r.scorers.includes(p))).length,
      groups: spread(groupTotal('imc'), groupTotal('ncc')),
      criteria: rows,
    };
  });

  // Stable sort: ranked goals by total, descending; equal totals keep display order.
  const ranked = results.filter((r) => r.total !== null && r.status !== 'rejected');
  const rest = results.filter((r) => !ranked.includes(r));
  ranked.sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const warnings: RankingWarning[] = [];
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && prev.total === r.total ? prev.rank : i + 1;
  });
  for (const r of ranked) r.tied = ranked.some((o) => o !== r && o.total === r.total);
  const tieGroups = new Map<number, string[]>();
  for (const r of ranked) if (r.tied) tieGroups.set(r.total!, [...(tieGroups.get(r.total!) ?? []), r.goalId]);
  for (const [total, ids] of tieGroups) {
    warnings.push({ rule: 'SC6', message: `${ids.length} goals share the total ${total}; the committee needs to order them`, goalIds: ids, params: { count: ids.length, total } });
  }
  const selected = results.filter((r) => r.status === 'selected');
  if (selected.length > handful) {
    warnings.push({
      rule: 'SC7',
      message: `${selected.length} goals are selected; keeping to ${handful} or fewer keeps the plan focused`,
      goalIds: selected.map((r) => r.goalId),
      params: { count: selected.length, handful },
    });
  }
  const unscored = rest.filter((r) => r.status !== 'rejected');
  if (unscored.length > 0 && criteria.length > 0) {
    const one = unscored.length === 1;
    warnings.push({
      rule: 'SC8',
      message: `${unscored.length} ${one ? 'goal lacks' : 'goals lack'} a score on at least one criterion and ${one ? 'is' : 'are'} not ranked`,
      goalIds: unscored.map((r) => r.goalId),
      params: { count: unscored.length },
    });
  }
  return { goals: [...ranked, ...rest], warnings };
}
