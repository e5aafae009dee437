import * as Y from 'yjs';

/**
 * The only place that names the document's top-level types. Top-level types are created on
 * first access and never overwritten, so two clients can never replace each other's container.
 */
export const ROOT = {
  meta: 'meta',
} as const;

/** Plan meta: title (Y.Text) and scalar fields. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}
