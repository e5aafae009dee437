import type { PlanData } from '../schema/types.js';
import { indexNodes, type NodeEntry } from './tree.js';

/** Who archived an item still archived, and when (`GET /api/plans/:id/archive`, from the audit trail). */
export interface ArchivedInfo {
  entity: string;
  id: string;
  title: string;
  archivedAt: string;
  /** The pseudonym the connection joined with. */
  archivedBy: string;
  role: string;
}

/** What the archive bin lists. */
export type BinEntity = 'goal' | 'outcome' | 'output' | 'activity' | 'criterion' | 'indicator' | 'section' | 'stakeholder' | 'body' | 'meeting' | 'decision' | 'deliverable';

/** One archived item of the plan. */
export interface BinItem {
  entity: BinEntity;
  id: string;
  title: string;
  /** The title of the goal / outcome / output it sits under ('' for none). */
  under: string;
  /** True when what it sits under is archived too: restoring it alone does not bring it back in view (AR2). */
  hiddenByParent: boolean;
}

/**
 * AR1: every archived goal, outcome, output, activity, criterion, indicator and Plan of Action
 * section of a plan, in that order (each list in plan order), with what it sits under; then the
 * planning cycle's archived register entries, bodies, meetings, decisions and deliverables.
 */
export function archivedItems(plan: PlanData): BinItem[] {
  const index = indexNodes(plan);
  const out: BinItem[] = [];
  const parentOf = (id: string | null): NodeEntry | undefined => (id === null ? undefined : index.get(id));
  const hidden = (id: string | null): boolean => {
    for (let e = parentOf(id); e; e = parentOf(e.parentId)) if (e.node.archived) return true;
    return false;
  };
  const push = (entity: BinEntity, id: string, title: string, parentId: string | null) =>
    out.push({ entity, id, title, under: parentOf(parentId)?.node.title ?? '', hiddenByParent: hidden(parentId) });
  for (const [kind, list] of [['goal', plan.goals], ['outcome', plan.outcomes], ['output', plan.outputs], ['activity', plan.activities]] as const) {
    for (const n of list) if (n.archived) push(kind, n.id, n.title, index.get(n.id)?.parentId ?? null);
  }
  for (const c of plan.criteria) if (c.archived) push('criterion', c.id, c.title, null);
  for (const i of plan.indicators) if (i.archived) push('indicator', i.id, i.name, i.nodeId);
  for (const s of plan.sections) if (s.archived) push('section', s.id, s.title, null);
  // The planning cycle's entries (PE1-PE3, ST1): restored by the generic restore command.
  for (const s of plan.stakeholders) if (s.archived) push('stakeholder', s.id, s.organisation, null);
  for (const b of plan.bodies) if (b.archived) push('body', b.id, b.name, null);
  for (const m of plan.meetings) if (m.archived) push('meeting', m.id, m.title, null);
  for (const d of plan.decisions) if (d.archived) push('decision', d.id, d.text.slice(0, 80), null);
  for (const d of plan.deliverables) if (d.archived) push('deliverable', d.id, d.title, null);
  return out;
}

/**
 * AR2: what archiving a matrix node would hide with it: its live (not archived) outcomes,
 * outputs, activities and the live indicators attached to any of them. Zero means archiving it
 * hides nothing else, so it needs no confirmation.
 */
export function liveDescendants(plan: PlanData, nodeId: string): { nodes: number; indicators: number } {
  const index = indexNodes(plan);
  const children = new Map<string, string[]>();
  for (const [id, e] of index) if (e.parentId !== null) children.set(e.parentId, [...(children.get(e.parentId) ?? []), id]);
  const below = new Set<string>([nodeId]);
  let nodes = 0;
  const walk = (id: string): void => {
    for (const c of children.get(id) ?? []) {
      if (index.get(c)!.node.archived) continue;
      nodes++;
      below.add(c);
      walk(c);
    }
  };
  walk(nodeId);
  const indicators = plan.indicators.filter((i) => !i.archived && below.has(i.nodeId)).length;
  return { nodes, indicators };
}
