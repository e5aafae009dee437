import * as Y from 'yjs';
import { isId } from '../ids.js';
import { parentKindOf } from '../domain/levels.js';
import { fail, ok, type Result } from '../result.js';
import { buildEntity } from '../schema/build.js';
import { NODE_FIELDS, REQUIREMENT_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { readKind, readPlacement } from '../schema/read.js';
import { nodesMap } from '../schema/roots.js';
import type { Activity, Goal, GoalStatus, NodeKind, Outcome, Requirement } from '../schema/types.js';
import { NODE_KINDS } from '../schema/types.js';
import { isOneOf, isText } from '../schema/values.js';
import { checkPatch, getEntity, liveSiblings, orderAt, pickId } from './internal.js';
import { archive, restore, setField } from './entity.js';
import { compareOrder, keyBetween } from '../domain/order.js';
import { addDays } from '../domain/days.js';

/**
 * Commands on the implementation matrix (goal -> outcome -> output -> activity). Nodes live in
 * one flat map; a node's parent and sibling position are one `placement` value, so a move is a
 * single last-writer-wins write: concurrent moves can never duplicate or orphan a node, and the
 * level rule (see `parentKindOf`) rules out cycles.
 */

/** Scalar fields of a node settable with {@link setNodeField} (by kind; see NODE_FIELDS). */
export type NodeField =
  | keyof Pick<Goal, 'status' | 'priority' | 'nationalGoals' | 'start' | 'end' | 'responsibleParties' | 'resourceTarget' | 'smart'>
  | keyof Pick<Outcome, 'responsible'>
  | keyof Pick<Activity, 'responsible' | 'start' | 'end' | 'budget' | 'funding' | 'dependencies'>
  | keyof Pick<Activity, 'dacSectors' | 'sdgTargets' | 'gcmObjectives'>
  | keyof Pick<Outcome, 'sectors' | 'source'>;

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

/** The kind of the node `id`, or null when there is no such node. */
function nodeKind(nodes: Y.Map<unknown>, id: string): NodeKind | null {
  const map = getEntity(nodes, id);
  return map ? readKind(map) : null;
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

function checkDependencies(nodes: Y.Map<unknown>, selfId: string, value: unknown): Result<void> {
  if (!Array.isArray(value)) return ok(undefined);
  for (const d of value as { activityId?: unknown }[]) {
    const target = typeof d?.activityId === 'string' ? d.activityId : '';
    if (target === selfId) return fail('invalid', 'an activity cannot depend on itself', { key: 'refusals:selfDependency' });
    const map = getEntity(nodes, target);
    if (!map || readKind(map) !== 'activity') return fail('not-found', `no activity with id "${target}"`, { key: 'refusals:notFound', params: { kind: 'activity', id: target } });
  }
  return ok(undefined);
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

/**
 * Sets one scalar field of a node (see {@link NodeField}; which fields exist depends on the
 * kind), last writer wins. Refuses fields the kind lacks and values outside the field's range;
 * dependencies must name other existing activities.
 */
export function setNodeField(doc: Y.Doc, id: string, field: NodeField, value: unknown, origin: Origin): Result<void> {
  const nodes = nodesMap(doc);
  const kind = nodeKind(nodes, id);
  if (!kind) return fail('not-found', `no node with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'node', id } });
  const check = field === 'dependencies' ? (v: unknown) => checkDependencies(nodes, id, v) : undefined;
  return setField(doc, kind, id, field, value, origin, check);
}

/** Sets a goal's status (candidate, selected, rejected). */
export function setGoalStatus(doc: Y.Doc, goalId: string, status: GoalStatus, origin: Origin): Result<void> {
  const map = getEntity(nodesMap(doc), goalId);
  if (!map || readKind(map) !== 'goal') return fail('not-found', `no goal with id "${goalId}"`, { key: 'refusals:notFound', params: { kind: 'goal', id: goalId } });
  return setNodeField(doc, goalId, 'status', status, origin);
}

function goalRequirements(doc: Y.Doc, goalId: string): Result<Y.Map<unknown>> {
  const map = getEntity(nodesMap(doc), goalId);
  if (!map || readKind(map) !== 'goal') return fail('not-found', `no goal with id "${goalId}"`, { key: 'refusals:notFound', params: { kind: 'goal', id: goalId } });
  const reqs = map.get('requirements');
  return reqs instanceof Y.Map ? ok(reqs as Y.Map<unknown>) : fail('not-found', `goal "${goalId}" has no requirement list`, { key: 'refusals:noRequirementList', params: { id: goalId } });
}

/** Adds a supporting requirement (typed) to a goal; returns its id. */
export function addRequirement(doc: Y.Doc, goalId: string, input: { kind: Requirement['kind']; description?: string; id?: string }, origin: Origin): Result<string> {
  const reqs = goalRequirements(doc, goalId);
  if (!reqs.ok) return reqs;
  const id = pickId(reqs.value, input.id);
  if (!id.ok) return id;
  const checked = checkPatch(REQUIREMENT_FIELDS, { kind: input.kind, description: input.description ?? '' });
  if (!checked.ok) return checked;
  const orders: { id: string; order: string }[] = [];
  for (const [rid, v] of reqs.value.entries()) {
    const o = (v as { order?: unknown } | null)?.order;
    if (typeof o === 'string') orders.push({ id: rid, order: o });
  }
  orders.sort(compareOrder);
  const last = orders[orders.length - 1]?.order ?? null;
  const value = { kind: checked.value['kind'], description: checked.value['description'], order: keyBetween(last, null) };
  doc.transact(() => reqs.value.set(id.value, value), origin);
  return ok(id.value);
}

/** Changes a requirement's kind and/or description (the requirement is one LWW value). */
export function updateRequirement(doc: Y.Doc, goalId: string, requirementId: string, patch: { kind?: Requirement['kind']; description?: string }, origin: Origin): Result<void> {
  const reqs = goalRequirements(doc, goalId);
  if (!reqs.ok) return reqs;
  const current = isId(requirementId) ? reqs.value.get(requirementId) : undefined;
  if (typeof current !== 'object' || current === null) return fail('not-found', `no requirement with id "${requirementId}"`, { key: 'refusals:notFound', params: { kind: 'requirement', id: requirementId } });
  const checked = checkPatch(REQUIREMENT_FIELDS, patch, ['order']);
  if (!checked.ok) return checked;
  const c = current as Record<string, unknown>;
  const next = { kind: c['kind'], description: c['description'], order: c['order'], ...checked.value };
  doc.transact(() => reqs.value.set(requirementId, next), origin);
  return ok(undefined);
}

/** Removes a requirement from a goal. */
export function removeRequirement(doc: Y.Doc, goalId: string, requirementId: string, origin: Origin): Result<void> {
  const reqs = goalRequirements(doc, goalId);
  if (!reqs.ok) return reqs;
  if (!isId(requirementId) || !reqs.value.has(requirementId)) return fail('not-found', `no requirement with id "${requirementId}"`, { key: 'refusals:notFound', params: { kind: 'requirement', id: requirementId } });
  doc.transact(() => reqs.value.delete(requirementId), origin);
  return ok(undefined);
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
