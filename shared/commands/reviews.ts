import * as Y from 'yjs';
import { fail, ok, type Result } from '../result.js';
import { ACTIVITY_REPORT_FIELDS, INDICATOR_READING_FIELDS, readScalars } from '../schema/registry.js';
import { reviewEntryKey } from '../schema/keys.js';
import type { Origin } from '../schema/origins.js';
import { readKind } from '../schema/read.js';
import { activityReportsMap, indicatorReadingsMap, indicatorsMap, nodesMap, reviewsMap } from '../schema/roots.js';
import type { ActivityReport, IndicatorReading, Review } from '../schema/types.js';
import { own } from '../schema/values.js';
import { checkPatch, getEntity } from './internal.js';
import { add, archive, restore, setField } from './entity.js';

/** Scalar review fields settable with {@link setReviewField}. */
export type ReviewField = 'kind' | 'label' | 'start' | 'end' | 'reporting' | 'baselineSnapshotId';

/** Opens a review period (yearly, mid-term or final; period or cumulative reporting, RV1; bound to a snapshot or not, RV4); returns its id. */
export function addReview(doc: Y.Doc, input: { id?: string } & Partial<Pick<Review, ReviewField>>, origin: Origin): Result<string> {
  return add(doc, 'review', input, origin);
}

/** Sets one review field (last writer wins). */
export function setReviewField<K extends ReviewField>(doc: Y.Doc, id: string, field: K, value: Review[K], origin: Origin): Result<void> {
  return setField(doc, 'review', id, field, value, origin);
}

/** Archives a review period (its entries are kept). */
export function archiveReview(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'review', id, origin);
}

/** Restores an archived review period. */
export function restoreReview(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return restore(doc, 'review', id, origin);
}

function checkReview(doc: Y.Doc, reviewId: string): Result<void> {
  return getEntity(reviewsMap(doc), reviewId) ? ok(undefined) : fail('not-found', `no review with id "${reviewId}"`, { key: 'refusals:notFound', params: { kind: 'review', id: reviewId } });
}

/**
 * Records what happened to an activity in a review period: actual expenditure, result, progress,
 * risks that materialised. `patch` fields merge into the existing entry; the entry is stored as
 * one value (last writer wins per entry), which suits "each responsible party fills its rows".
 */
export function setActivityReport(doc: Y.Doc, reviewId: string, activityId: string, patch: Partial<Omit<ActivityReport, 'activityId'>>, origin: Origin): Result<void> {
  const review = checkReview(doc, reviewId);
  if (!review.ok) return review;
  const node = getEntity(nodesMap(doc), activityId);
  if (!node || readKind(node) !== 'activity') return fail('not-found', `no activity with id "${activityId}"`, { key: 'refusals:notFound', params: { kind: 'activity', id: activityId } });
  const checked = checkPatch(ACTIVITY_REPORT_FIELDS, patch);
  if (!checked.ok) return checked;
  const cells = activityReportsMap(doc);
  const key = reviewEntryKey(reviewId, activityId);
  const current = readScalars(ACTIVITY_REPORT_FIELDS, (k) => own(cells.get(key), k));
  doc.transact(() => cells.set(key, { ...current, ...checked.value }), origin);
  return ok(undefined);
}

/** Removes an activity's entry from a review period. */
export function clearActivityReport(doc: Y.Doc, reviewId: string, activityId: string, origin: Origin): Result<void> {
  const cells = activityReportsMap(doc);
  const key = reviewEntryKey(reviewId, activityId);
  if (cells.has(key)) doc.transact(() => cells.delete(key), origin);
  return ok(undefined);
}

/** Records an indicator's actual value (null = not measured) and a note in a review period. */
export function setIndicatorReading(doc: Y.Doc, reviewId: string, indicatorId: string, reading: Partial<Omit<IndicatorReading, 'indicatorId'>>, origin: Origin): Result<void> {
  const review = checkReview(doc, reviewId);
  if (!review.ok) return review;
  if (!getEntity(indicatorsMap(doc), indicatorId)) return fail('not-found', `no indicator with id "${indicatorId}"`, { key: 'refusals:notFound', params: { kind: 'indicator', id: indicatorId } });
  const checked = checkPatch(INDICATOR_READING_FIELDS, reading);
  if (!checked.ok) return checked;
  const cells = indicatorReadingsMap(doc);
  const key = reviewEntryKey(reviewId, indicatorId);
  const current = readScalars(INDICATOR_READING_FIELDS, (k) => own(cells.get(key), k));
  doc.transact(() => cells.set(key, { ...current, ...checked.value }), origin);
  return ok(undefined);
}

/** Removes an indicator's reading from a review period. */
export function clearIndicatorReading(doc: Y.Doc, reviewId: string, indicatorId: string, origin: Origin): Result<void> {
  const cells = indicatorReadingsMap(doc);
  const key = reviewEntryKey(reviewId, indicatorId);
  if (cells.has(key)) doc.transact(() => cells.delete(key), origin);
  return ok(undefined);
}
