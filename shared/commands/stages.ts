import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import { metaMap } from '../schema/roots.js';
import type { AnswerValue, DeliverableStatus, Stage, StageMovers } from '../schema/types.js';
import type { GateState } from '../rules/update-gate.js';
import { deliverableDef } from '../domain/stages.js';
import { criteriaLocked } from './criteria.js';
import { add, findEntity, setField } from './entity.js';
import { setPlanField } from './meta.js';
import { ENTITIES } from '../schema/registry.js';

/**
 * Commands of the planning cycle (ST1-ST3): moving the plan to a stage, who may move it,
 * deliverables and answers to gate and checklist questions.
 */

/** True when the facilitator lets editors move the plan to another stage (ST2). */
export function editorsMoveStage(doc: Y.Doc): boolean {
  return metaMap(doc).get('stageMovers') === 'editors';
}

/** What the update gate reads of the plan (criteria lock, stage movers), in O(1). */
export function gateStateOf(doc: Y.Doc): GateState {
  return { criteriaLocked: criteriaLocked(doc), editorsMoveStage: editorsMoveStage(doc) };
}

/** Makes `stage` the plan's current stage (ST2: the update gate lets only facilitators, or editors when allowed). */
export function moveStage(doc: Y.Doc, stage: Stage, origin: Origin): Result<void> {
  return setPlanField(doc, 'stage', stage, origin);
}

/** Sets who may move the plan to another stage (ST2; the gate takes it from facilitators only). */
export function setStageMovers(doc: Y.Doc, movers: StageMovers, origin: Origin): Result<void> {
  return setPlanField(doc, 'stageMovers', movers, origin);
}

/**
 * Starts a deliverable (ST1): a handbook deliverable gets its plan entry under the catalogue id
 * (title from the catalogue, status "drafting"); starting one that exists does nothing.
 */
export function startDeliverable(doc: Y.Doc, id: string, origin: Origin): Result<string> {
  const known = deliverableDef(id);
  if (!known) return fail('not-found', `no handbook deliverable "${id}"`);
  if (findEntity(doc, ENTITIES.deliverable, id)) return ok(id);
  return add(doc, 'deliverable', { id, title: known.def.title, stage: known.stage, status: 'drafting' }, origin);
}

/** Adds the team's own deliverable to a stage (ST1); returns its id. */
export function addDeliverable(doc: Y.Doc, stage: Stage, title: string, origin: Origin): Result<string> {
  if (typeof title !== 'string' || title.trim() === '') return fail('invalid', 'a deliverable needs a title');
  return add(doc, 'deliverable', { title: title.trim(), stage, status: 'drafting' }, origin);
}

/** Sets a deliverable's status (not started, drafting, agreed by committee, endorsed). */
export function setDeliverableStatus(doc: Y.Doc, id: string, status: DeliverableStatus, origin: Origin): Result<void> {
  return setField(doc, 'deliverable', id, 'status', status, origin);
}

/**
 * Answers a gate or checklist question (ST3): the answer's entry is keyed by the question id and
 * created on the first answer; `value` null clears the answer (the note stays).
 */
export function answerQuestion(doc: Y.Doc, questionId: string, value: AnswerValue | null, origin: Origin): Result<void> {
  if (findEntity(doc, ENTITIES.answer, questionId)) return setField(doc, 'answer', questionId, 'value', value, origin);
  const r = add(doc, 'answer', { id: questionId, value }, origin);
  return r.ok ? ok(undefined) : r;
}

/** Sets the note (or evidence) of an answer, creating its entry when needed. */
export function noteAnswer(doc: Y.Doc, questionId: string, note: string, origin: Origin): Result<void> {
  if (findEntity(doc, ENTITIES.answer, questionId)) return setField(doc, 'answer', questionId, 'note', note, origin);
  const r = add(doc, 'answer', { id: questionId, note }, origin);
  return r.ok ? ok(undefined) : r;
}
