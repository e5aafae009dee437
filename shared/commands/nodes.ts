import * as Y from 'yjs';
import { parentKindOf } from '../domain/levels.js';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { NODE_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { readKind, readPlacement } from '../schema/read.js';
import { nodesMap } from '../schema/roots.js';
import type { GoalStatus, NodeKind } from '../schema/types.js';
import { NODE_KINDS } from '../schema/types.js';
import { isOneOf, isText } from '../schema/values.js';
import { checkPatch, getEntity, liveSiblings, orderAt, pickId } from './internal.js';
import { archive, restore } from './entity.js';
import { addDays } from '../domain/days.js';
import { addRequirement, checkDependencies, nodeKind, removeRequirement, setNodeField, updateRequirement, type NodeField } from './node-fields.js';

export { addRequirement, removeRequirement, setNodeField, updateRequirement, type NodeField };

/**
 * Commands on the implementation matrix (goal -> outcome -> output -> activity). Nodes live in
 * one flat map; a node's parent and sibling position are one `placement` value, so a move is a
 * single last-writer-wins write: concurrent moves can never duplicate or orphan a node, and the
 * level rule (see `parentKindOf`) rules out cycles.
 */

/** Input of {@link addNode}. */
export interface NewNode {
  kind: NodeKind;
  /** The parent's id; null (or absent) for goals. */
  parentId?: string | null;
  title?: string;
  id?: string;
  /** Position among the parent's live children; default last. */
  index?: number;
  /** Initial scalar fields, checked like {@link setNodeField}. */
  fields?: Partial<Record<NodeField, unknown>>;
}

function checkParent(nodes: Y.Map<unknown>, kind: NodeKind, parentId: string | null): Result<string | null> {
  const wanted = parentKindOf(kind);
  if (wanted === null) return parentId === null ? ok(null) : fail('level', 'a goal has no parent', { key: 'refusals:goalNoParent' });
  if (parentId === null) return fail('level', `a ${kind} must sit under a ${wanted}`, { key: 'refusals:misplaced', params: { kind } });
  const parent = getEntity(nodes, parentId);
  if (!parent) return fail('not-found', `no ${wanted} with id "${parentId}"`, { key: 'refusals:notFound', params: { kind: wanted, id: parentId } });
  if (readKind(parent) !== wanted) return fail('level', `a ${kind} must sit under a ${wanted}, not under a ${readKind(parent) ?? 'unknown node'}`, { key: 'refusals:misplaced', params: { kind } });
  if (parent.get('archived') === true) return fail('archived', `the ${wanted} "${parentId}" is archived`, { key: 'refusals:parentArchived', params: { kind: wanted, id: parentId } });
  return ok(parentId);
}

function siblingsUnder(nodes: Y.Map<unknown>, kind: NodeKind, parentId: string | null, exclude?: string): { id: string; order: string }[] {
  return liveSiblings(
    nodes,
    (m, id) => id !== exclude && readKind(m) === kind && readPlacement(m).parentId === parentId,
    (m) => readPlacement(m).order,
  );
}

/** Adds a goal, outcome, output or activity under a live parent of the right kind; returns its id. */
export function addNode(doc: Y.Doc, input: NewNode, origin: Origin): Result<string> {
  if (!isOneOf(NODE_KINDS, input.kind)) return fail('invalid', `kind must be one of ${NODE_KINDS.join(', ')}`, { key: 'refusals:nodeKind' });
  const nodes = nodesMap(doc);
  const id = pickId(nodes, input.id);
  if (!id.ok) return id;
  const parent = checkParent(nodes, input.kind, input.parentId ?? null);
  if (!parent.ok) return parent;
  const title = input.title ?? '';
  if (!isText(title)) return fail('invalid', '"title" must be a string of at most 2000 characters', { key: 'refusals:tooLong', params: { count: 2000 } });
  const fields = checkPatch(NODE_FIELDS[input.kind].scalars, input.fields ?? {}, ['archived']);
  if (!fields.ok) return fields;
  if (input.kind === 'activity') {
    const deps = checkDependencies(nodes, id.value, fields.value['dependencies']);
    if (!deps.ok) return deps;
  }
  const order = orderAt(siblingsUnder(nodes, input.kind, parent.value), input.index);
  doc.transact(() => {
    const map = buildEntity(NODE_FIELDS[input.kind], { ...fields.value, title }, { kind: input.kind, placement: { parentId: parent.value, order } });
    if (input.kind === 'goal') map.set('requirements', new Y.Map());
    nodes.set(id.value, map);
  }, origin);
  return ok(id.value);
}

/**
 * Moves a node under `parentId` (same level rule as addNode; null for goals) at `index` among
 * its new siblings (default last). One atomic write of `placement`.
 */
export function moveNode(doc: Y.Doc, id: string, target: { parentId: string | null; index?: number }, origin: Origin): Result<void> {
  const nodes = nodesMap(doc);
  const map = getEntity(nodes, id);
  const kind = map ? readKind(map) : null;
  if (!map || !kind) return fail('not-found', `no node with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'node', id } });
  const parent = checkParent(nodes, kind, target.parentId);
  if (!parent.ok) return parent;
  const order = orderAt(siblingsUnder(nodes, kind, parent.value, id), target.index);
  doc.transact(() => map.set('placement', { parentId: parent.value, order }), origin);
  return ok(undefined);
}

/** Moves a node to `index` among its current siblings, keeping its parent. */
export function reorderNode(doc: Y.Doc, id: string, index: number, origin: Origin): Result<void> {
  const map = getEntity(nodesMap(doc), id);
  if (!map) return fail('not-found', `no node with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'node', id } });
  return moveNode(doc, id, { parentId: readPlacement(map).parentId, index }, origin);
}

/**
 * Archives a node (soft delete). Its children, indicators and scores stay in the doc and come
 * back with it; nothing is destroyed, so a concurrent edit below it is never lost.
 */
export function archiveNode(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  const kind = nodeKind(nodesMap(doc), id);
  return kind ? archive(doc, kind, id, origin) : fail('not-found', `no node with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'node', id } });
}

/** Restores an archived node. */
export function restoreNode(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  const kind = nodeKind(nodesMap(doc), id);
  return kind ? restore(doc, kind, id, origin) : fail('not-found', `no node with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'node', id } });
}

/** Sets a goal's status (candidate, selected, rejected). */
export function setGoalStatus(doc: Y.Doc, goalId: string, status: GoalStatus, origin: Origin): Result<void> {
  const map = getEntity(nodesMap(doc), goalId);
  if (!map || readKind(map) !== 'goal') return fail('not-found', `no goal with id "${goalId}"`, { key: 'refusals:notFound', params: { kind: 'goal', id: goalId } });
  return setNodeField(doc, goalId, 'status', status, origin);
}


/**
 * Moves an activity in time by `days` (negative: earlier) in one transaction (SPEC TL8): the start
 * and the end that are set move together, a missing one stays missing. Refused (nothing written)
 * for a node that is not an activity, an activity without dates, or a date past the years 1000-9999.
 */
export function shiftActivityDates(doc: Y.Doc, id: string, days: number, origin: Origin): Result<void> {
  const nodes = nodesMap(doc);
  const map = getEntity(nodes, id);
  if (!map || readKind(map) !== 'activity') return fail('not-found', `no activity with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'activity', id } });
  if (!Number.isInteger(days) || days === 0) return fail('invalid', 'shift by a whole, non-zero number of days', { key: 'refusals:shiftDays' });
  const moved: [NodeField, string][] = [];
  for (const field of ['start', 'end'] as const) {
    const value = map.get(field);
    if (typeof value !== 'string') continue;
    const next = addDays(value, days);
    if (!next) return fail('invalid', `the ${field} date cannot move ${days} days`, { key: 'refusals:dateOutOfRange', params: { field, count: Math.abs(days) } });
    moved.push([field, next]);
  }
  if (!moved.length) return fail('invalid', 'the activity has no dates to move', { key: 'refusals:noDates' });
  let result: Result<void> = ok(undefined);
  doc.transact(() => {
    for (const [field, value] of moved) if (result.ok) result = setNodeField(doc, id, field, value, origin);
  }, origin);
  return result;
}
