import * as Y from 'yjs';
import { metaMap } from './roots.js';

/** The plan's title as plain text ('' when none). */
export function readTitle(doc: Y.Doc): string {
  const t = metaMap(doc).get('title');
  return t instanceof Y.Text ? t.toString() : typeof t === 'string' ? t : '';
}

/** Plain JSON projection of the plan (the `roundtable-plan/1` format; the plan model fills it out). */
export function readPlan(doc: Y.Doc): { format: 'roundtable-plan/1'; id: string; title: string } {
  const id = metaMap(doc).get('id');
  return { format: 'roundtable-plan/1', id: typeof id === 'string' ? id : '', title: readTitle(doc) };
}
