import * as Y from 'yjs';

/**
 * The only place that names the document's top-level types. Top-level types are created on
 * first access and never overwritten, so two clients can never replace each other's container.
 *
 * | root          | holds                                                                  |
 * |---------------|------------------------------------------------------------------------|
 * | meta          | id, title (Y.Text), schemaVersion, plan meta scalars                   |
 * | participants  | participantId -> Y.Map (scalars, LWW per field)                         |
 * | criteria      | criterionId -> Y.Map (title/description Y.Text, order, archived)       |
 * | nodes         | nodeId -> Y.Map: goals, outcomes, outputs, activities (see nodes.ts)   |
 * | scores        | `goal:criterion:participant` -> { value, note? } (one writer per cell) |
 * | agreed        | `goal:criterion` -> { value, note? }                                   |
 * | indicators    | indicatorId -> Y.Map                                                   |
 * | reviews       | reviewId -> Y.Map (kind, label, dates, archived)                        |
 * | activityReports  | `review:activity` -> plain report cell (LWW per cell)               |
 * | indicatorReadings | `review:indicator` -> plain reading cell (LWW per cell)            |
 * | sections      | sectionId -> Y.Map (Plan of Action background items and annexes)       |
 * | fundingLines  | lineId -> Y.Map (funder, amount, status, source; activityId beside)    |
 * | exchangeRates | rateId -> Y.Map (currency, quote, rate, value date)                    |
 * | stakeholders  | stakeholderId -> Y.Map (register entry, PE1)                           |
 * | bodies        | bodyId -> Y.Map (committee structure, PE2)                             |
 * | meetings      | meetingId -> Y.Map (date, body, attendance, PE3)                       |
 * | decisions     | decisionId -> Y.Map (text Y.Text, meetingId, subject, targets)         |
 * | deliverables  | deliverableId -> Y.Map (title/body Y.Text, stage, status, ST1)         |
 * | answers       | questionId -> Y.Map (value, note: gate and checklist answers, ST3)     |
 * | comments      | commentId -> Y.Map of scalars; written only by the server (SPEC CM2)   |
 * | sectorAnswers | questionId -> Y.Map (value, note, evidence: sector checklists, SK2)    |
 * | libraryEntries | entryId -> Y.Map (title/objective Y.Text, theme, agencies, sectors, LB4) |
 * | consultRounds | roundId -> Y.Map of scalars; written by facilitators only (SPEC CO1)   |
 * | recommendations | recId -> Y.Map of scalars; written only by the server (SPEC CO2)     |
 * | reactions     | reactionId -> Y.Map of scalars; written only by the server (SPEC CO4)  |
 * | translations  | translationId -> Y.Map (targetId, targetKind, field, original, en/fr/es/ar Y.Text, ML1) |
 */
export const ROOT = {
  meta: 'meta',
  participants: 'participants',
  criteria: 'criteria',
  nodes: 'nodes',
  scores: 'scores',
  agreed: 'agreed',
  indicators: 'indicators',
  reviews: 'reviews',
  activityReports: 'activityReports',
  indicatorReadings: 'indicatorReadings',
  sections: 'sections',
  fundingLines: 'fundingLines',
  exchangeRates: 'exchangeRates',
  stakeholders: 'stakeholders',
  bodies: 'bodies',
  meetings: 'meetings',
  decisions: 'decisions',
  deliverables: 'deliverables',
  answers: 'answers',
  comments: 'comments',
  sectorAnswers: 'sectorAnswers',
  libraryEntries: 'libraryEntries',
  consultRounds: 'consultRounds',
  recommendations: 'recommendations',
  reactions: 'reactions',
  translations: 'translations',
} as const;

/** Current version of the document layout, stored as `meta.schemaVersion`. */
export const SCHEMA_VERSION = 1;

/** Plan meta: title (Y.Text) and scalar fields. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

/** Participants keyed by id; each value is a Y.Map of scalar fields. */
export function participantsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.participants);
}

/** Scoring criteria keyed by id. */
export function criteriaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.criteria);
}

/** Matrix nodes (goal, outcome, output, activity) keyed by id, flat: parents are in `placement`. */
export function nodesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.nodes);
}

/** Individual score cells keyed `goalId:criterionId:participantId`. */
export function scoresMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.scores);
}

/** Agreed (consensus) score cells keyed `goalId:criterionId`. */
export function agreedMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.agreed);
}

/** Indicators keyed by id. */
export function indicatorsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.indicators);
}

/** Review periods keyed by id. */
export function reviewsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.reviews);
}

/** Per-review activity report cells keyed `reviewId:activityId`. */
export function activityReportsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.activityReports);
}

/** Per-review indicator reading cells keyed `reviewId:indicatorId`. */
export function indicatorReadingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.indicatorReadings);
}

/** Plan of Action sections (background items and annexes) keyed by id. */
export function sectionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.sections);
}

/** Funding lines keyed by id (SPEC FN1). */
export function fundingLinesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.fundingLines);
}

/** Exchange rates keyed by id (SPEC CU1). */
export function exchangeRatesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.exchangeRates);
}

/** Comments keyed by id (SPEC CM1); only the server writes them (CM2). */
export function commentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.comments);
}

/** Consultation rounds keyed by id (SPEC CO1); facilitators write them. */
export function consultRoundsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.consultRounds);
}

/** Recommendations keyed by id (SPEC CO2); only the server writes them. */
export function recommendationsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.recommendations);
}

/** Support and questions keyed by id (SPEC CO4); only the server writes them. */
export function reactionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.reactions);
}
