import * as Y from 'yjs';
import { isId } from '../ids.js';
import { buildEntity } from './build.js';
import { CRITERION_FIELDS, INDICATOR_FIELDS, NODE_FIELDS, PARTICIPANT_FIELDS, REVIEW_FIELDS, SECTION_FIELDS } from './registry.js';
import { writeMeta } from './init.js';
import { agreedKey, reviewEntryKey, scoreKey } from './keys.js';
import type { Origin } from './origins.js';
import {
  ROOT,
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
import type { NodeKind, PlanData } from './types.js';

/**
 * Fills a new doc (empty, or fresh from `initPlan`) with `data`, in one transaction with
 * `origin`. Whatever the doc held in its plan roots is replaced, so `readPlan(doc)` afterwards
 * equals `data` field for field, with one exception: a doc that already has an id (the server
 * creates the plan first) keeps it. `data` must come from `parsePlanJson` or `readPlan`; this
 * function trusts its shape. Not meant for live docs: it rewrites everything.
 */
export function writePlan(doc: Y.Doc, data: PlanData, origin: Origin): void {
  doc.transact(() => {
    const existingId = metaMap(doc).get('id');
    for (const name of Object.values(ROOT)) {
      const root = doc.getMap(name);
      for (const key of [...root.keys()]) root.delete(key);
    }
    writeMeta(doc, isId(existingId) ? existingId : data.id, data.title, data);

    const participants = participantsMap(doc);
    for (const p of data.participants) participants.set(p.id, buildEntity(PARTICIPANT_FIELDS, p));
    const criteria = criteriaMap(doc);
    for (const c of data.criteria) criteria.set(c.id, buildEntity(CRITERION_FIELDS, c));

    const nodes = nodesMap(doc);
    const addNode = (kind: NodeKind, id: string, parentId: string | null, order: string, values: object): Y.Map<unknown> => {
      const map = buildEntity(NODE_FIELDS[kind], values, { kind, placement: { parentId, order } });
      nodes.set(id, map);
      return map;
    };
    for (const g of data.goals) {
      const map = addNode('goal', g.id, null, g.order, g);
      const reqs = new Y.Map<unknown>();
      for (const r of g.requirements) reqs.set(r.id, { kind: r.kind, description: r.description, order: r.order });
      map.set('requirements', reqs);
    }
    for (const o of data.outcomes) addNode('outcome', o.id, o.goalId, o.order, o);
    for (const o of data.outputs) addNode('output', o.id, o.outcomeId, o.order, o);
    for (const a of data.activities) addNode('activity', a.id, a.outputId, a.order, a);

    const scores = scoresMap(doc);
    for (const s of data.scores) {
      scores.set(scoreKey(s.goalId, s.criterionId, s.participantId), s.note ? { value: s.value, note: s.note } : { value: s.value });
    }
    const agreed = agreedMap(doc);
    for (const s of data.agreedScores) {
      agreed.set(agreedKey(s.goalId, s.criterionId), s.note ? { value: s.value, note: s.note } : { value: s.value });
    }

    const indicators = indicatorsMap(doc);
    for (const i of data.indicators) indicators.set(i.id, buildEntity(INDICATOR_FIELDS, i, { nodeId: i.nodeId }));

    const reviews = reviewsMap(doc);
    const reports = activityReportsMap(doc);
    const readings = indicatorReadingsMap(doc);
    for (const r of data.reviews) {
      reviews.set(r.id, buildEntity(REVIEW_FIELDS, r));
      for (const a of r.activities) {
        reports.set(reviewEntryKey(r.id, a.activityId), {
          expenditure: a.expenditure,
          result: a.result,
          progress: a.progress,
          risksMaterialised: a.risksMaterialised,
        });
      }
      for (const i of r.indicators) readings.set(reviewEntryKey(r.id, i.indicatorId), { value: i.value, note: i.note });
    }

    const sections = sectionsMap(doc);
    for (const s of data.sections) sections.set(s.id, buildEntity(SECTION_FIELDS, s));
  }, origin);
}
