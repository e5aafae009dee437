import * as Y from 'yjs';
import { isId } from '../ids.js';
import { canonicalPlan } from './canonical.js';
import {
  ACTIVITY_REPORT_FIELDS,
  CRITERION_FIELDS,
  INDICATOR_FIELDS,
  INDICATOR_READING_FIELDS,
  META_FIELDS,
  NODE_FIELDS,
  PARTICIPANT_FIELDS,
  REQUIREMENT_FIELDS,
  REVIEW_FIELDS,
  SECTION_FIELDS,
  readScalars,
  type EntityFields,
} from './registry.js';
import { parseKey } from './keys.js';
import {
  activityReportsMap,
  agreedMap,
  criteriaMap,
  indicatorReadingsMap,
  indicatorsMap,
  metaMap,
  nodesMap,
  participantsMap,
  reviewsMap,
  scoresMap,
  sectionsMap,
} from './roots.js';
import {
  NODE_KINDS,
  PLAN_FORMAT,
  type Activity,
  type ActivityReport,
  type AgreedScore,
  type Criterion,
  type Goal,
  type Indicator,
  type IndicatorReading,
  type NodeKind,
  type Outcome,
  type Output,
  type Participant,
  type PlanData,
  type Requirement,
  type Review,
  type Score,
  type Section,
} from './types.js';
import { isOneOf, isNumber, isText, own, LIMITS } from './values.js';
import { isOrderKey } from '../domain/order.js';

/**
 * The one door from Yjs to plain data. Every map is walked with `entries()` into fresh objects;
 * keys that are not ids (`__proto__`, `a:b` in an id map...) and values of the wrong type are
 * dropped, malformed scalars fall back to their defaults. `Y.Map#toJSON` is never used, so a
 * hostile key sent by a peer cannot reach an object's prototype.
 */

/** Text of a Y.Text (or of a plain string a peer wrote instead), '' otherwise. */
function textOf(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** `[id, Y.Map]` pairs of a root whose keys are ids. */
function* idMaps(map: Y.Map<unknown>): Generator<[string, Y.Map<unknown>]> {
  for (const [key, value] of map.entries()) {
    if (isId(key) && value instanceof Y.Map) yield [key, value as Y.Map<unknown>];
  }
}

/** Reads the text and scalar fields of an entity map into a plain object. */
function readEntity(map: Y.Map<unknown>, fields: EntityFields): Record<string, unknown> {
  const out = readScalars(fields.scalars, (k) => map.get(k));
  for (const key of fields.texts) out[key] = textOf(map.get(key));
  return out;
}

/** The plan's title as plain text ('' when none). */
export function readTitle(doc: Y.Doc): string {
  return textOf(metaMap(doc).get('title'));
}

/** A node's parent and sibling order, read defensively from its `placement` value. */
export function readPlacement(map: Y.Map<unknown>): { parentId: string | null; order: string } {
  const p = map.get('placement');
  const parentId = own(p, 'parentId');
  const order = own(p, 'order');
  return { parentId: isId(parentId) ? parentId : null, order: isOrderKey(order) ? order : 'i' };
}

/** The kind of a node map, or null when missing or unknown. */
export function readKind(map: Y.Map<unknown>): NodeKind | null {
  const kind = map.get('kind');
  return isOneOf(NODE_KINDS, kind) ? kind : null;
}

function readRequirements(map: Y.Map<unknown>): Requirement[] {
  const reqs = map.get('requirements');
  if (!(reqs instanceof Y.Map)) return [];
  const out: Requirement[] = [];
  for (const [id, value] of (reqs as Y.Map<unknown>).entries()) {
    if (!isId(id) || typeof value !== 'object' || value === null) continue;
    out.push({ id, ...(readScalars(REQUIREMENT_FIELDS, (k) => own(value, k)) as Omit<Requirement, 'id'>) });
  }
  return out;
}

/**
 * Plain JSON projection of the plan (the `roundtable-plan/1` format), in canonical order. Two
 * docs holding the same state always give deep-equal results. Archived entities are included
 * with `archived: true`; domain code decides what to do with them.
 */
export function readPlan(doc: Y.Doc): PlanData {
  const meta = metaMap(doc);
  const id = meta.get('id');
  const plan: PlanData = {
    format: PLAN_FORMAT,
    id: isId(id) ? id : '',
    ...(readEntity(meta, META_FIELDS) as Pick<
      PlanData,
      | 'title'
      | 'country'
      | 'currency'
      | 'frameworks'
      | 'horizonStart'
      | 'horizonEnd'
      | 'stage'
      | 'handful'
      | 'criteriaAgreedByImc'
      | 'criteriaAgreedByNcc'
    >),
    participants: [],
    criteria: [],
    goals: [],
    scores: [],
    agreedScores: [],
    outcomes: [],
    outputs: [],
    activities: [],
    indicators: [],
    reviews: [],
    sections: [],
  };

  for (const [pid, m] of idMaps(participantsMap(doc))) {
    plan.participants.push({ id: pid, ...(readEntity(m, PARTICIPANT_FIELDS) as Omit<Participant, 'id'>) });
  }
  for (const [cid, m] of idMaps(criteriaMap(doc))) {
    plan.criteria.push({ id: cid, ...(readEntity(m, CRITERION_FIELDS) as Omit<Criterion, 'id'>) });
  }
  for (const [nid, m] of idMaps(nodesMap(doc))) {
    const kind = readKind(m);
    if (kind === null) continue;
    const { parentId, order } = readPlacement(m);
    const fields = readEntity(m, NODE_FIELDS[kind]);
    const parent = parentId ?? '';
    switch (kind) {
      case 'goal':
        plan.goals.push({ id: nid, order, ...(fields as Omit<Goal, 'id' | 'order' | 'requirements'>), requirements: readRequirements(m) });
        break;
      case 'outcome':
        plan.outcomes.push({ id: nid, goalId: parent, order, ...(fields as Omit<Outcome, 'id' | 'goalId' | 'order'>) });
        break;
      case 'output':
        plan.outputs.push({ id: nid, outcomeId: parent, order, ...(fields as Omit<Output, 'id' | 'outcomeId' | 'order'>) });
        break;
      case 'activity':
        plan.activities.push({ id: nid, outputId: parent, order, ...(fields as Omit<Activity, 'id' | 'outputId' | 'order'>) });
        break;
    }
  }

  for (const [key, cell] of scoresMap(doc).entries()) {
    const ids = parseKey(key, 3);
    const value = own(cell, 'value');
    if (!ids || !isNumber(value)) continue;
    const score: Score = { goalId: ids[0]!, criterionId: ids[1]!, participantId: ids[2]!, value };
    const note = own(cell, 'note');
    if (isText(note, LIMITS.longText) && note !== '') score.note = note;
    plan.scores.push(score);
  }
  for (const [key, cell] of agreedMap(doc).entries()) {
    const ids = parseKey(key, 2);
    const value = own(cell, 'value');
    if (!ids || !isNumber(value)) continue;
    const agreed: AgreedScore = { goalId: ids[0]!, criterionId: ids[1]!, value };
    const note = own(cell, 'note');
    if (isText(note, LIMITS.longText) && note !== '') agreed.note = note;
    plan.agreedScores.push(agreed);
  }

  for (const [iid, m] of idMaps(indicatorsMap(doc))) {
    const nodeId = m.get('nodeId');
    if (!isId(nodeId)) continue;
    plan.indicators.push({ id: iid, nodeId, ...(readEntity(m, INDICATOR_FIELDS) as Omit<Indicator, 'id' | 'nodeId'>) });
  }

  const reviews = new Map<string, Review>();
  for (const [rid, m] of idMaps(reviewsMap(doc))) {
    const review: Review = { id: rid, ...(readEntity(m, REVIEW_FIELDS) as Omit<Review, 'id' | 'activities' | 'indicators'>), activities: [], indicators: [] };
    reviews.set(rid, review);
    plan.reviews.push(review);
  }
  for (const [key, cell] of activityReportsMap(doc).entries()) {
    const ids = parseKey(key, 2);
    const review = ids ? reviews.get(ids[0]!) : undefined;
    if (!ids || !review || typeof cell !== 'object' || cell === null) continue;
    review.activities.push({ activityId: ids[1]!, ...(readScalars(ACTIVITY_REPORT_FIELDS, (k) => own(cell, k)) as Omit<ActivityReport, 'activityId'>) });
  }
  for (const [key, cell] of indicatorReadingsMap(doc).entries()) {
    const ids = parseKey(key, 2);
    const review = ids ? reviews.get(ids[0]!) : undefined;
    if (!ids || !review || typeof cell !== 'object' || cell === null) continue;
    review.indicators.push({ indicatorId: ids[1]!, ...(readScalars(INDICATOR_READING_FIELDS, (k) => own(cell, k)) as Omit<IndicatorReading, 'indicatorId'>) });
  }

  for (const [sid, m] of idMaps(sectionsMap(doc))) {
    plan.sections.push({ id: sid, ...(readEntity(m, SECTION_FIELDS) as Omit<Section, 'id'>) });
  }

  return canonicalPlan(plan);
}
