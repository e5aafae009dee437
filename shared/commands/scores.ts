import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { agreedKey, scoreKey } from '../schema/keys.js';
import type { Origin } from '../schema/origins.js';
import { readKind } from '../schema/read.js';
import { agreedMap, criteriaMap, nodesMap, participantsMap, scoresMap } from '../schema/roots.js';
import { SCORE_VALUES } from '../schema/types.js';
import { LIMITS, isOneOf, isText } from '../schema/values.js';
import { getEntity } from './internal.js';

function checkTargets(doc: Y.Doc, goalId: string, criterionId: string): Result<void> {
  const goal = getEntity(nodesMap(doc), goalId);
  if (!goal || readKind(goal) !== 'goal') return fail('not-found', `no goal with id "${goalId}"`, { key: 'refusals:notFound', params: { kind: 'goal', id: goalId } });
  if (!getEntity(criteriaMap(doc), criterionId)) return fail('not-found', `no criterion with id "${criterionId}"`, { key: 'refusals:notFound', params: { kind: 'criterion', id: criterionId } });
  return ok(undefined);
}

function checkCell(value: unknown, note: unknown): Result<{ value: number; note?: string }> {
  if (!isOneOf(SCORE_VALUES, value)) return fail('invalid', 'a score is 0 (do not agree), 1 (agree) or 2 (strongly agree)', { key: 'refusals:scoreValue' });
  if (note !== undefined && !isText(note, LIMITS.longText)) return fail('invalid', 'the note must be a string', { key: 'refusals:tooLong', params: { count: LIMITS.longText } });
  return ok(note ? { value, note } : { value });
}

/** Input of {@link setScore}. */
export interface ScoreInput {
  goalId: string;
  criterionId: string;
  participantId: string;
  value: number;
  note?: string;
}

/**
 * Writes one participant's score (0, 1 or 2, with an optional note) for a goal on a criterion.
 * The cell is keyed by the triple and written as one value, so two people scoring never touch
 * the same cell. Refuses other values and unknown goals, criteria or participants.
 */
export function setScore(doc: Y.Doc, input: ScoreInput, origin: Origin): Result<void> {
  const targets = checkTargets(doc, input.goalId, input.criterionId);
  if (!targets.ok) return targets;
  if (!getEntity(participantsMap(doc), input.participantId)) return fail('not-found', `no participant with id "${input.participantId}"`, { key: 'refusals:notFound', params: { kind: 'participant', id: input.participantId } });
  const cell = checkCell(input.value, input.note);
  if (!cell.ok) return cell;
  doc.transact(() => scoresMap(doc).set(scoreKey(input.goalId, input.criterionId, input.participantId), cell.value), origin);
  return ok(undefined);
}

/** Removes one participant's score for a goal on a criterion (no-op when there is none). */
export function clearScore(doc: Y.Doc, goalId: string, criterionId: string, participantId: string, origin: Origin): Result<void> {
  const key = scoreKey(goalId, criterionId, participantId);
  const scores = scoresMap(doc);
  if (scores.has(key)) doc.transact(() => scores.delete(key), origin);
  return ok(undefined);
}

/**
 * Records the score the committee agreed for a goal on a criterion. Where one exists it replaces
 * the mean of individual scores in the goal's total.
 */
export function setAgreedScore(doc: Y.Doc, input: { goalId: string; criterionId: string; value: number; note?: string }, origin: Origin): Result<void> {
  const targets = checkTargets(doc, input.goalId, input.criterionId);
  if (!targets.ok) return targets;
  const cell = checkCell(input.value, input.note);
  if (!cell.ok) return cell;
  doc.transact(() => agreedMap(doc).set(agreedKey(input.goalId, input.criterionId), cell.value), origin);
  return ok(undefined);
}

/** Removes the agreed score for a goal on a criterion; the mean of individual scores applies again. */
export function clearAgreedScore(doc: Y.Doc, goalId: string, criterionId: string, origin: Origin): Result<void> {
  const key = agreedKey(goalId, criterionId);
  const agreed = agreedMap(doc);
  if (agreed.has(key)) doc.transact(() => agreed.delete(key), origin);
  return ok(undefined);
}
