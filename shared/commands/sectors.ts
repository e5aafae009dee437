import type * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { AnswerValue } from '../schema/types.js';
import { ENTITIES } from '../schema/registry.js';
import { sectorOfQuestion, type SectorId } from '../domain/sectors.js';
import { add, findEntity, setField } from './entity.js';
import { setNodeField } from './nodes.js';

/**
 * Commands of the Annex C sector checklists (SK2-SK3): answering a question with its note and
 * evidence, and tagging goals and outcomes with sectors. The update gate lets editors and
 * facilitators write them; observers' changes never reach the plan.
 */

/** The parts of an answer besides its value. */
export type SectorAnswerText = 'note' | 'evidence';

function knownQuestion(questionId: string): Result<void> {
  return sectorOfQuestion(questionId) ? ok(undefined) : fail('not-found', `no sector checklist question "${questionId}"`, { key: 'refusals:unknownQuestion', params: { id: questionId } });
}

function setAnswerPart(doc: Y.Doc, questionId: string, field: 'value' | SectorAnswerText, value: unknown, origin: Origin): Result<void> {
  const known = knownQuestion(questionId);
  if (!known.ok) return known;
  if (findEntity(doc, ENTITIES.sectorAnswer, questionId)) return setField(doc, 'sectorAnswer', questionId, field, value, origin);
  const r = add(doc, 'sectorAnswer', { id: questionId, [field]: value }, origin);
  return r.ok ? ok(undefined) : r;
}

/**
 * Answers a sector checklist question (SK2): yes, partly, no or not relevant; null clears the
 * answer (note and evidence stay). The entry is keyed by the question id and created on first use.
 */
export function answerSector(doc: Y.Doc, questionId: string, value: AnswerValue | null, origin: Origin): Result<void> {
  return setAnswerPart(doc, questionId, 'value', value, origin);
}

/** Sets the note or the evidence of a sector checklist answer (SK2), creating its entry when needed. */
export function setSectorAnswerText(doc: Y.Doc, questionId: string, field: SectorAnswerText, text: string, origin: Origin): Result<void> {
  if (field !== 'note' && field !== 'evidence') return fail('invalid', 'only the note or the evidence can be written', { key: 'refusals:sectorField' });
  return setAnswerPart(doc, questionId, field, text, origin);
}

/** Sets the sectors a goal or outcome serves (SK3): distinct Annex C sector ids; other nodes refuse. */
export function setNodeSectors(doc: Y.Doc, nodeId: string, sectors: readonly SectorId[], origin: Origin): Result<void> {
  return setNodeField(doc, nodeId, 'sectors', [...sectors], origin);
}
