import { isId } from '../ids.js';

/**
 * Keys of the cell maps. A cell key joins ids with `:` (which ids never contain), so every key
 * parses back unambiguously, and anything that does not parse is ignored by the reader.
 */

/** Key of one participant's score cell: `goalId:criterionId:participantId`. */
export function scoreKey(goalId: string, criterionId: string, participantId: string): string {
  return `${goalId}:${criterionId}:${participantId}`;
}

/** Key of an agreed (consensus) score cell: `goalId:criterionId`. */
export function agreedKey(goalId: string, criterionId: string): string {
  return `${goalId}:${criterionId}`;
}

/** Key of a review entry for one activity or indicator: `reviewId:targetId`. */
export function reviewEntryKey(reviewId: string, targetId: string): string {
  return `${reviewId}:${targetId}`;
}

/** Splits a key into exactly `n` ids, or null when the key is malformed or any part is not an id. */
export function parseKey(key: string, n: number): string[] | null {
  const parts = key.split(':');
  if (parts.length !== n || !parts.every((p) => isId(p))) return null;
  return parts;
}
