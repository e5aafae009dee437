import * as Y from 'yjs';
import { isId, newId } from '../ids.js';
import { compareOrder, keyBetween } from '../domain/order.js';
import { fail, ok, type Result } from '../result.js';
import type { Scalar } from '../schema/registry.js';
import { isOrderKey } from '../domain/order.js';

/** The entity Y.Map stored under `id` in `root`, or null when `id` is not an id or not there. */
export function getEntity(root: Y.Map<unknown>, id: string): Y.Map<unknown> | null {
  if (!isId(id)) return null;
  const v = root.get(id);
  return v instanceof Y.Map ? (v as Y.Map<unknown>) : null;
}

/** The shapes of value a refusal names (`refusals:shapes.<shape>`, L19). */
export const SHAPES = ['boolean', 'date', 'money', 'measure', 'list', 'choice', 'number', 'id', 'text', 'other'] as const;

/** What a scalar's JSON Schema asks for, as a code the reader's message words (`refusals:shapes.<shape>`). */
export function shapeOf(schema: unknown): (typeof SHAPES)[number] {
  const s = JSON.stringify(schema);
  if (s.includes('"boolean"')) return 'boolean';
  if (s.includes('#/$defs/date')) return 'date';
  if (s.includes('#/$defs/money')) return 'money';
  if (s.includes('#/$defs/measure')) return 'measure';
  if (s.includes('"array"')) return 'list';
  if (s.includes('"enum"') || s.includes('$defs/dacSector') || s.includes('$defs/sdgTarget') || s.includes('$defs/organisationType')) return 'choice';
  if (s.includes('"number"') || s.includes('"integer"')) return 'number';
  if (s.includes('#/$defs/id')) return 'id';
  if (s.includes('"string"')) return 'text';
  return 'other';
}

/** Checks `value` against `spec`; the normalised value, or a refusal naming the field. */
export function checkValue<T>(spec: Scalar<T> | undefined, field: string, value: unknown): Result<T> {
  if (!spec) return fail('invalid', `"${field}" is not a field that can be set here`, { key: 'refusals:noField', params: { field } });
  const parsed = spec.parse(value);
  if (parsed !== undefined) return ok(parsed);
  const max = (spec.schema as { type?: unknown; maxLength?: unknown }).maxLength;
  if (typeof value === 'string' && typeof max === 'number') return fail('invalid', `"${field}" must be ${spec.expects}`, { key: 'refusals:tooLong', params: { count: max } });
  return fail('invalid', `"${field}" must be ${spec.expects}`, { key: 'refusals:badValue', params: { shape: shapeOf(spec.schema) } });
}

/** The caller's id if it is valid and unused in `root`, a fresh one if none was given. */
export function pickId(root: Y.Map<unknown>, wanted: string | undefined): Result<string> {
  if (wanted === undefined) return ok(newId());
  if (!isId(wanted)) return fail('invalid', 'the id must be 1-64 characters of A-Z a-z 0-9 _ -', { key: 'refusals:badId' });
  if (root.has(wanted)) return fail('invalid', `id "${wanted}" is already in use`, { key: 'refusals:idInUse', params: { id: wanted } });
  return ok(wanted);
}

/** Order of an entity map ('' when malformed, which sorts first). */
export function orderOf(map: Y.Map<unknown>, key = 'order'): string {
  const o = map.get(key);
  return isOrderKey(o) ? o : 'i';
}

/**
 * The order key that puts an item at `index` among `siblings` (already sorted, without the item
 * itself). An index past the end, or undefined, means "last".
 */
export function orderAt(siblings: readonly { id: string; order: string }[], index: number | undefined): string {
  const i = index === undefined ? siblings.length : Math.max(0, Math.min(Math.trunc(index), siblings.length));
  return keyBetween(siblings[i - 1]?.order ?? null, siblings[i]?.order ?? null);
}

/** Live (not archived) entities of `root` passing `filter`, as sorted `{ id, order }`. */
export function liveSiblings(root: Y.Map<unknown>, filter: (map: Y.Map<unknown>, id: string) => boolean, orderKey?: (map: Y.Map<unknown>) => string): { id: string; order: string }[] {
  const out: { id: string; order: string }[] = [];
  for (const [id, v] of root.entries()) {
    if (!isId(id) || !(v instanceof Y.Map)) continue;
    const map = v as Y.Map<unknown>;
    if (map.get('archived') === true || !filter(map, id)) continue;
    out.push({ id, order: orderKey ? orderKey(map) : orderOf(map) });
  }
  return out.sort(compareOrder);
}

/**
 * Checks every key of `patch` against `fields` (skipping `skip`), returning the normalised
 * values or the first refusal.
 */
export function checkPatch(fields: Readonly<Record<string, Scalar>>, patch: object, skip: readonly string[] = []): Result<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || skip.includes(key)) continue;
    const r = checkValue(fields[key], key, value);
    if (!r.ok) return r;
    out[key] = r.value;
  }
  return ok(out);
}
