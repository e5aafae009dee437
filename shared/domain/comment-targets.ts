import type { CommentTargetKind, PlanData } from '../schema/types.js';
import { nodeCodes, rowLabel, type RowCode } from './tree.js';

/**
 * Comment targets, their names and the count badges (SPEC CM5, CM8, L31): what a plan page's
 * first screen reads of the comments, in a module of its own (SPEC BL6), so the rest of the
 * comment rules load with the comments panel. `comments.ts` re-exports all of it.
 */

/** What a comment is about: a kind and an id (`goalId:criterionId` for a score). */
export interface CommentTarget {
  kind: CommentTargetKind;
  id: string;
}

/** One key per target, for counting and lookups: `activity:a1`, `score:g1:c1`. */
export function targetKey(t: CommentTarget): string {
  return `${t.kind}:${t.id}`;
}

/**
 * A comment target as data (SPEC L31): a matrix row by kind, code and title; a criterion, section
 * or indicator by kind and title; a score by its goal's and criterion's titles. {@link targetLabel}
 * words it in English; the browser words it in the reader's language (`client/target-text.ts`).
 */
export type TargetName =
  | { form: 'row'; kind: 'goal' | 'outcome' | 'output' | 'activity'; code: string | undefined; title: string; id: string }
  | { form: 'named'; kind: 'criterion' | 'section' | 'indicator'; title: string; id: string }
  | { form: 'score'; goal: string; criterion: string };

/**
 * What {@link targetLabel} names, as data. `codes` may be passed when naming many targets, and
 * `node` finds a matrix row by id without a scan of the lists (the browser's store has an index).
 */
export function targetName(plan: PlanData, t: CommentTarget, codes?: ReadonlyMap<string, RowCode>, node?: (id: string) => { title: string } | undefined): TargetName {
  const title = (items: readonly { id: string; title: string }[]) => items.find((x) => x.id === t.id)?.title ?? '';
  switch (t.kind) {
    case 'goal':
    case 'outcome':
    case 'output':
    case 'activity': {
      const list = t.kind === 'goal' ? plan.goals : t.kind === 'outcome' ? plan.outcomes : t.kind === 'output' ? plan.outputs : plan.activities;
      const row = node ? node(t.id) : (list as readonly { id: string; title: string }[]).find((x) => x.id === t.id);
      return { form: 'row', kind: t.kind, code: (codes ?? nodeCodes(plan)).get(t.id)?.code, title: row?.title ?? '', id: t.id };
    }
    case 'criterion':
      return { form: 'named', kind: 'criterion', title: title(plan.criteria), id: t.id };
    case 'section':
      return { form: 'named', kind: 'section', title: title(plan.sections), id: t.id };
    case 'indicator':
      return { form: 'named', kind: 'indicator', title: plan.indicators.find((i) => i.id === t.id)?.name ?? '', id: t.id };
    case 'score': {
      const [goalId, criterionId] = t.id.split(':');
      return { form: 'score', goal: plan.goals.find((g) => g.id === goalId)?.title ?? goalId!, criterion: plan.criteria.find((c) => c.id === criterionId)?.title ?? criterionId! };
    }
  }
}

/** A {@link TargetName} in English (the API's and the server's wording, CM8). */
export function englishTargetName(n: TargetName): string {
  switch (n.form) {
    case 'row':
      return rowLabel(n.kind, n.code, n.title, n.id);
    case 'named':
      return n.title.trim() ? `${n.kind} "${n.title}"` : `${n.kind} ${n.id}`;
    case 'score':
      return `score of goal "${n.goal}" on "${n.criterion}"`;
  }
}

/**
 * CM8: how a target is named in the plan's own terms, in English: matrix rows by kind, full code
 * and title (M7: `outcome 1.2 "Remittances channelled"`), others by kind and title, a score as
 * `score of goal "X" on "Y"`. `codes` may be passed when labelling many targets; without them,
 * the codes are computed only for a matrix row (labelling a section costs nothing of the matrix).
 */
export function targetLabel(plan: PlanData, t: CommentTarget, codes?: ReadonlyMap<string, RowCode>): string {
  return englishTargetName(targetName(plan, t, codes));
}

/** What the count badge of one target says. */
export interface CommentCount {
  /** Comments that are not deleted (first comments and replies). */
  comments: number;
  /** Threads not resolved. */
  open: number;
}

/**
 * CM5: per target key (`targetKey`), the comments that are not deleted and the open (unresolved)
 * threads. Targets without comments are absent. A deleted first comment whose replies remain
 * still makes its thread count as open until resolved.
 */
export function commentCounts(plan: PlanData): Map<string, CommentCount> {
  const out = new Map<string, CommentCount>();
  const firsts = new Map(plan.comments.filter((c) => c.threadId === null).map((c) => [c.id, c]));
  for (const c of plan.comments) {
    const first = c.threadId === null ? c : firsts.get(c.threadId);
    if (!first) continue;
    const key = targetKey({ kind: first.targetKind, id: first.targetId });
    const n = out.get(key) ?? { comments: 0, open: 0 };
    if (!c.deleted) n.comments++;
    if (c.threadId === null && !c.resolved) n.open++;
    out.set(key, n);
  }
  for (const [k, n] of out) if (n.comments === 0 && n.open === 0) out.delete(k);
  return out;
}
