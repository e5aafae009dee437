import { parseTarget, type CommentTarget } from './comments.js';
import { diffPlans, type Change } from './diff.js';
import type { PlanData, Stage } from '../schema/types.js';

/**
 * "Since you were last here" (SPEC LS1-LS3): what changed in a plan between the state this
 * browser last saw and now, as lines of the semantic diff, each with the place in the plan it is
 * about. Pure: the browser keeps the last-seen plan (client/state/last-seen.ts).
 */

/** Where a line takes the reader: a stage of the workspace, and a row to focus or a discussion to open. */
export interface Place {
  /** The stage whose view shows it (the URL hash). */
  stage: Stage;
  /** A matrix row (goal, outcome, output, activity) to focus, if any. */
  rowId?: string;
  /** A discussion to open (comment lines), if any. */
  comments?: CommentTarget;
}

/** One line of the summary. */
export interface SeenLine {
  summary: string;
  place: Place | null;
}

/** Most lines one summary shows; the rest are counted ("and 12 more changes"). */
export const MAX_SEEN_LINES = 50;

/** LS2: the place a change is about, or null when it has none to show (participants, the plan's own title...). */
export function placeOf(change: Change): Place | null {
  const { kind, id } = change.entity;
  switch (kind) {
    case 'goal':
      // A goal's scores, total and selection live on the scoring view; its other fields in the matrix.
      return ['total', 'rank', 'status', 'priority'].includes(change.field ?? '') ? { stage: 'strategic-goals' } : { stage: 'implementation', rowId: id };
    case 'outcome':
    case 'output':
    case 'activity':
      return { stage: 'implementation', rowId: id };
    case 'indicator':
      return { stage: 'implementation' };
    case 'criterion':
    case 'score':
    case 'agreed-score':
      return { stage: 'strategic-goals' };
    case 'section':
      return { stage: 'plan-of-action' };
    case 'review':
      return { stage: 'monitoring-and-evaluation' };
    case 'comment': {
      const at = id.indexOf(':');
      const target = at > 0 ? parseTarget(id.slice(0, at), id.slice(at + 1)) : null;
      if (!target) return null;
      const stage: Stage = target.kind === 'section' ? 'plan-of-action' : target.kind === 'criterion' || target.kind === 'score' ? 'strategic-goals' : 'implementation';
      return { stage, comments: target };
    }
    case 'plan':
      return change.field === 'criteriaAgreedByImc' || change.field === 'criteriaAgreedByNcc' ? { stage: 'strategic-goals' } : null;
    default:
      return null;
  }
}

/** LS2: a friendlier line for a few plan-level changes ("criteria agreed by the IMC"); others keep the diff's summary. */
function lineOf(change: Change): string {
  if (change.entity.kind === 'plan' && (change.field === 'criteriaAgreedByImc' || change.field === 'criteriaAgreedByNcc')) {
    const who = change.field === 'criteriaAgreedByImc' ? 'the IMC' : 'the NCC';
    return change.to === true ? `criteria agreed by ${who}` : `criteria agreement withdrawn by ${who}`;
  }
  if (change.entity.kind === 'goal' && change.field === 'status' && typeof change.to === 'string') return `${change.entity.label} ${change.to}`;
  return change.summary;
}

/**
 * LS1-LS2: what changed since `seen` (the plan this browser last saw; null on a first visit).
 * Null when there is nothing to say: a first visit, or a plan with another id; otherwise the
 * diff's lines in the plan's terms with their places, at most MAX_SEEN_LINES, and how many more.
 */
export function sinceLastSeen(seen: PlanData | null, now: PlanData): { lines: SeenLine[]; more: number } | null {
  if (!seen || seen.id !== now.id) return null;
  const changes = diffPlans(seen, now).changes;
  const lines = changes.slice(0, MAX_SEEN_LINES).map((c) => ({ summary: lineOf(c), place: placeOf(c) }));
  return { lines, more: Math.max(0, changes.length - MAX_SEEN_LINES) };
}
