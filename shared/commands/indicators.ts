import * as Y from 'yjs';
import { isMeasurable } from '../domain/levels.js';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { INDICATOR_FIELDS, textLimit } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { readKind } from '../schema/read.js';
import { indicatorsMap, nodesMap } from '../schema/roots.js';
import type { Indicator } from '../schema/types.js';
import { isText } from '../schema/values.js';
import { checkPatch, getEntity, liveSiblings, orderAt, pickId } from './internal.js';
import { archive, restore, setField } from './entity.js';

/** Scalar indicator fields settable with {@link setIndicatorField}. */
export type IndicatorField = 'nodeId' | 'kind' | 'level' | 'unit' | 'baseline' | 'target' | 'disaggregation' | 'source' | 'measurement' | 'frequency' | 'periodTargets';

/** Input of {@link addIndicator}: what it measures and its name; the rest optional. */
export type NewIndicator = { nodeId: string; name: string; verification?: string; id?: string; index?: number } & Partial<
  Pick<Indicator, Exclude<IndicatorField, 'nodeId'>>
>;

function checkNode(doc: Y.Doc, nodeId: string): Result<void> {
  const node = getEntity(nodesMap(doc), nodeId);
  const kind = node ? readKind(node) : null;
  if (!node || !kind) return fail('not-found', `no goal, outcome, output or activity with id "${nodeId}"`, { key: 'refusals:notFound', params: { kind: 'node', id: nodeId } });
  if (!isMeasurable(kind)) return fail('level', `indicators cannot measure a ${kind}`, { key: 'refusals:notMeasurable', params: { kind } });
  return ok(undefined);
}

/** Adds an indicator to a goal, outcome, output or activity (SPEC IN1); returns its id. */
export function addIndicator(doc: Y.Doc, input: NewIndicator, origin: Origin): Result<string> {
  const root = indicatorsMap(doc);
  const id = pickId(root, input.id);
  if (!id.ok) return id;
  const node = checkNode(doc, input.nodeId);
  if (!node.ok) return node;
  if (!isText(input.name) || !isText(input.verification ?? '', textLimit('verification'))) return fail('invalid', 'name and means of verification must be strings within their limits', { key: 'refusals:indicatorTexts' });
  const values = checkPatch(INDICATOR_FIELDS.scalars, input, ['id', 'nodeId', 'name', 'verification', 'index', 'order', 'archived']);
  if (!values.ok) return values;
  const order = orderAt(liveSiblings(root, (m) => m.get('nodeId') === input.nodeId), input.index);
  doc.transact(() => {
    root.set(id.value, buildEntity(INDICATOR_FIELDS, { ...values.value, name: input.name, verification: input.verification ?? '', order }, { nodeId: input.nodeId }));
  }, origin);
  return ok(id.value);
}

/** Sets one indicator field (last writer wins); `nodeId` re-attaches it to another matrix row. */
export function setIndicatorField(doc: Y.Doc, id: string, field: IndicatorField, value: unknown, origin: Origin): Result<void> {
  const map = getEntity(indicatorsMap(doc), id);
  if (!map) return fail('not-found', `no indicator with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'indicator', id } });
  if (field === 'nodeId') {
    const node = typeof value === 'string' ? checkNode(doc, value) : fail<void>('invalid', 'nodeId must be an id', { key: 'refusals:badValue', params: { shape: 'id' } });
    if (!node.ok) return node;
    doc.transact(() => map.set('nodeId', value), origin);
    return ok(undefined);
  }
  return setField(doc, 'indicator', id, field, value, origin);
}

/** Archives an indicator (its readings are kept). */
export function archiveIndicator(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'indicator', id, origin);
}

/** Restores an archived indicator. */
export function restoreIndicator(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return restore(doc, 'indicator', id, origin);
}
