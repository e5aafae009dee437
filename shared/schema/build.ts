import * as Y from 'yjs';
import type { EntityFields } from './registry.js';

/**
 * Builds a new entity Y.Map from plain values: keys listed as texts become Y.Text, the others are
 * stored as plain values. Only for callers already inside a transaction (init, writePlan,
 * commands). Values must have been checked against the field catalogue first.
 */
export function buildEntity(fields: EntityFields, input: object, extra: Readonly<Record<string, unknown>> = {}): Y.Map<unknown> {
  const values = input as Readonly<Record<string, unknown>>;
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(extra)) map.set(key, value);
  for (const key of fields.texts) {
    const v = values[key];
    map.set(key, new Y.Text(typeof v === 'string' ? v : ''));
  }
  for (const [key, spec] of Object.entries(fields.scalars)) {
    const parsed = values[key] === undefined ? undefined : spec.parse(values[key]);
    map.set(key, parsed === undefined ? spec.parse(spec.fallback) : parsed);
  }
  return map;
}
