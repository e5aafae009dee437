import type * as Y from 'yjs';
import type { BinEntity } from '../domain/archive.js';
import type { Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import { restoreCriterion } from './criteria.js';
import { restoreIndicator } from './indicators.js';
import { restoreNode } from './nodes.js';
import { restoreSection } from './sections.js';
import { restore } from './entity.js';

/** Restores one archived item with its entity's own command (criteria keep their lock, C4). */
export function restoreItem(doc: Y.Doc, entity: BinEntity, id: string, origin: Origin): Result<void> {
  switch (entity) {
    case 'criterion':
      return restoreCriterion(doc, id, origin);
    case 'indicator':
      return restoreIndicator(doc, id, origin);
    case 'section':
      return restoreSection(doc, id, origin);
    case 'stakeholder':
    case 'body':
    case 'meeting':
    case 'decision':
    case 'deliverable':
      return restore(doc, entity, id, origin);
    default:
      return restoreNode(doc, id, origin);
  }
}
