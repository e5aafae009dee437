import type * as Y from 'yjs';
import { metaMap } from '../schema/roots.js';

// Its own module (SPEC BL6): the text and stage commands of a plan page's first screen read the
// lock; the criteria commands themselves load with the scoring view.

/**
 * True once both the IMC and the NCC have recorded their agreement on the criteria. While
 * locked, no criterion can be added, edited, moved, archived or restored.
 */
export function criteriaLocked(doc: Y.Doc): boolean {
  const meta = metaMap(doc);
  return meta.get('criteriaAgreedByImc') === true && meta.get('criteriaAgreedByNcc') === true;
}
