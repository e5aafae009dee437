import * as Y from 'yjs';
import type { Put } from './update-gate.js';

/**
 * What a Yjs item's content puts under a map key, as the update gate describes it (`Put`):
 * a new Y.Map or Y.Text (exact classes: Y.XmlText extends Y.Text but is not a plan text), one
 * plain value, or anything else. Shared by the server's gate (reading decoded updates) and the
 * browser's pre-check (reading applied transactions), so both describe content alike.
 */
export function putOf(content: Y.Item['content']): Put {
  if (content instanceof Y.ContentType) {
    if (content.type.constructor === Y.Text) return { kind: 'text' };
    if (content.type.constructor === Y.Map) return { kind: 'map' };
    return { kind: 'other' };
  }
  if (content instanceof Y.ContentAny && content.arr.length === 1) return { kind: 'value', value: content.arr[0] };
  return { kind: 'other' };
}
