import * as Y from 'yjs';
import { isId } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import { REQUIREMENT_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { readKind } from '../schema/read.js';
import { nodesMap } from '../schema/roots.js';
import type { Activity, Goal, NodeKind, Outcome, Requirement } from '../schema/types.js';
import { checkPatch, getEntity, pickId } from './internal.js';
import { setField } from './entity.js';
import { compareOrder, keyBetween } from '../domain/order.js';

/**
 * The node commands a plan page's first screen uses (the Plan of Action's goal fields and
 * requirements), in a module of their own (SPEC BL6), so the matrix's other commands load with
 * the matrix. `nodes.ts` re-exports all of them.
 */

/** Scalar fields of a node settable with {@link setNodeField} (by kind; see NODE_FIELDS). */
export type NodeField =
  | keyof Pick<Goal, 'status' | 'priority' | 'nationalGoals' | 'start' | 'end' | 'responsibleParties' | 'resourceTarget' | 'smart'>
  | keyof Pick<Outcome, 'responsible'>
  | keyof Pick<Activity, 'responsible' | 'start' | 'end' | 'budget' | 'funding' | 'dependencies'>
  | keyof Pick<Activity, 'dacSectors' | 'sdgTargets' | 'gcmObjectives'>
  | keyof Pick<Outcome, 'sectors' | 'source'>;

/** The kind of the node `id`, or null when there is no such node. */
export function nodeKind(nodes: Y.Map<unknown>, id: string): NodeKind | null {
  const map = getEntity(nodes, id);
  return map ? readKind(map) : null;
}

/** Checks an activity's `dependencies` value: each names another existing activity (none itself). */
export function checkDependencies(nodes: Y.Map<unknown>, selfId: string, value: unknown): Result<void> {
  if (!Array.isArray(value)) return ok(undefined);
  for (const d of value as { activityId?: unknown }[]) {
    const target = typeof d?.activityId === 'string' ? d.activityId : '';
    if (target === selfId) return fail('invalid', 'an activity cannot depend on itself', { key: 'refusals:selfDependency' });
    const map = getEntity(nodes, target);
    if (!map || readKind(map) !== 'activity') return fail('not-found', `no activity with id "${target}"`, { key: 'refusals:notFound', params: { kind: 'activity', id: target } });
  }
  return ok(undefined);
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

/** A goal's requirement list, or why there is none. */
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
