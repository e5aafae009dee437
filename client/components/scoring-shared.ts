import { clearScore, compareOrder, setScore, type PlanData, type Result } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';

/** The handbook's labels of the three score values. */
export const SCORE_LABELS = ['do not agree', 'agree', 'strongly agree'] as const;

/** A score, average or total as shown: whole numbers as they are, others to one decimal, none as "–". */
export const fmt = (x: number | null): string => (x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The live goals and criteria in their agreed order (rows and columns of the grid). */
export function scoringAxes(plan: PlanData): { goals: PlanData['goals']; crits: PlanData['criteria'] } {
  return {
    goals: plan.goals.filter((g) => !g.archived).sort(compareOrder),
    crits: plan.criteria.filter((c) => !c.archived).sort(compareOrder),
  };
}

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
