import * as Y from 'yjs';
import { metaMap } from './roots.js';

/** What a new plan starts with. */
export interface PlanInit {
  id: string;
  title: string;
}

/** Origin of the transaction that creates a plan on the server. */
export const INIT_ORIGIN = { source: 'server', reason: 'init' } as const;

/**
 * Writes the starting content of a new plan into an empty doc, in one transaction.
 * Only the server calls this, once, when the plan is created.
 */
export function initPlan(doc: Y.Doc, init: PlanInit): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('id', init.id);
    meta.set('title', new Y.Text(init.title));
  }, INIT_ORIGIN);
}
