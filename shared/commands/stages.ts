import type * as Y from 'yjs';
import { ContentString as YContentString, ContentType as YContentType, isDeleted, Map as YMap, Text as YText } from 'yjs';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import { metaMap } from '../schema/roots.js';
import type { AnswerValue, DeliverableStatus, Stage, StageMovers } from '../schema/types.js';
import type { GateState } from '../rules/update-gate.js';
import { deliverableDef } from '../domain/stages.js';
import { criteriaLocked } from './criteria-lock.js';
import { add, findEntity, setField } from './entity.js';
import { setPlanField } from './meta.js';
import { ENTITIES } from '../schema/registry.js';

/**
 * Commands of the planning cycle (ST1-ST3): moving the plan to a stage, who may move it,
 * deliverables and answers to gate and checklist questions. Every refusal carries a message key
 * (`refusals:<key>`) and its parameters besides the English sentence (L16, L19), as the generic
 * commands they call give theirs.
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
  if (!known) return fail('not-found', `no handbook deliverable "${id}"`, { key: 'refusals:unknownDeliverable', params: { id } });
  if (findEntity(doc, ENTITIES.deliverable, id)) return ok(id);
  return add(doc, 'deliverable', { id, title: known.def.title, stage: known.stage, status: 'drafting' }, origin);
}

/** Adds the team's own deliverable to a stage (ST1); returns its id. */
export function addDeliverable(doc: Y.Doc, stage: Stage, title: string, origin: Origin): Result<string> {
  if (typeof title !== 'string' || title.trim() === '') return fail('invalid', 'a deliverable needs a title', { key: 'refusals:deliverableTitle' });
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

/**
 * ST5: keeps this peer's own words when two people start the same handbook deliverable at once.
 * Both starts write a Y.Map under the catalogue id; Yjs keeps one, and whatever was typed into
 * the other's texts would be lost. This observer watches the `deliverables` root: when an entry
 * this peer holds is replaced by a concurrent one, it reads the characters of the replaced texts
 * that this peer (its clientID) wrote and that the replacement deleted, and writes them into the
 * kept entry's same text with `origin` (appended after a blank line when that text is not empty;
 * skipped when the kept text already contains them, as the catalogue title does). Each author
 * restores only their own words, so no peer duplicates another's; the server, which types
 * nothing, restores nothing. Returns the function that stops watching.
 */
export function keepOwnDeliverableTexts(doc: Y.Doc, origin: Origin): () => void {
  const root = doc.getMap<unknown>(ENTITIES.deliverable.root);
  const fields = ENTITIES.deliverable.fields.texts as readonly string[];
  const observer = (event: Y.YMapEvent<unknown>): void => {
    const restore: { id: string; field: string; text: string }[] = [];
    for (const [id, change] of event.changes.keys) {
      const old = change.oldValue as unknown;
      if (change.action !== 'update' || !(old instanceof YMap)) continue;
      for (const field of fields) {
        const lost = ownDeletedText(old, field, doc.clientID, event.transaction.deleteSet);
        if (lost) restore.push({ id, field, text: lost });
      }
    }
    if (restore.length === 0) return;
    // A new transaction, run once this one's observers are done (before its deleted content is collected).
    doc.transact(() => {
      for (const r of restore) {
        const kept = root.get(r.id);
        const text = kept instanceof YMap ? kept.get(r.field) : null;
        if (!(text instanceof YText) || text.toString().includes(r.text)) continue;
        text.insert(text.length, text.length > 0 ? `\n\n${r.text}` : r.text);
      }
    }, origin);
  };
  root.observe(observer);
  return () => root.unobserve(observer);
}

/** The characters of `map`'s text `field` written by `client` and deleted in `deleted`, in text order ('' when none). */
function ownDeletedText(map: Y.Map<unknown>, field: string, client: number, deleted: Y.Transaction['deleteSet']): string {
  // The map is deleted: its `get` answers nothing, so the item is read from its internal entries.
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(field);
  const type = item?.content instanceof YContentType ? item.content.type : null;
  if (!(type instanceof YText)) return '';
  let out = '';
  for (let n = type._start; n !== null; n = n.right) {
    if (n.id.client === client && n.content instanceof YContentString && isDeleted(deleted, n.id)) out += n.content.str;
  }
  return out;
}
