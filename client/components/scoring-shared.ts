import { clearScore, compareOrder, setScore, type PlanData, type Result } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { fmt, t } from '../i18n.js';

/** The handbook's label of a score value (0, 1 or 2) in the reader's language; '' for another value. */
export const scoreLabel = (v: number): string => (v === 0 || v === 1 || v === 2 ? t(`scoring:value.${v}`) : '');

/** A score, average or total as shown in the reader's locale: at most one decimal, none as "–". */
export const showScore = (x: number | null): string => (x === null ? '–' : fmt.number(x, 1));

/** The live goals (criteria) in their agreed order, by the plan list they come from. */
const live = new WeakMap<readonly object[], unknown[]>();

/** The live items of `list` in their agreed order; the same array while `list` is the same. */
function liveOf<T extends { archived?: boolean; order: string; id: string }>(list: readonly T[]): T[] {
  let out = live.get(list) as T[] | undefined;
  if (!out) live.set(list, (out = list.filter((x) => !x.archived).sort(compareOrder)));
  return out;
}

/**
 * The live goals and criteria in their agreed order (rows and columns of the grid). Each is the
 * same array while the plan's goal (criterion) list is the same (`===`): typing a goal's title
 * keeps the criteria's.
 */
export function scoringAxes(plan: PlanData): { goals: PlanData['goals']; crits: PlanData['criteria'] } {
  return { goals: liveOf(plan.goals), crits: liveOf(plan.criteria) };
}

/** The ids of `items` in their order, as one string (a scoring part's input: SPEC KS2). */
export const idsOf = (items: readonly { id: string }[]): string => items.map((x) => x.id).join(' ');

/** This person's score of one goal on one criterion, if given. */
export function myScore(ws: Workspace, goalId: string, criterionId: string) {
  return ws.store.plan.scores.find((s) => s.goalId === goalId && s.criterionId === criterionId && s.participantId === ws.identity.id);
}

/**
 * Gives (or with null, clears) this person's score of one goal on one criterion, registering them
 * as a participant first. Nothing happens in a read-only workspace (null is returned).
 */
export function scoreCell(ws: Workspace, goalId: string, criterionId: string, value: number | null, note?: string): Result<unknown> | null {
  if (ws.readonly) return null;
  ws.ensureParticipant();
  if (value === null) return clearScore(ws.doc, goalId, criterionId, ws.identity.id, ws.origin);
  return setScore(ws.doc, { goalId, criterionId, participantId: ws.identity.id, value, ...(note ? { note } : {}) }, ws.origin);
}
