import { parseTarget, type CommentTarget } from './comments.js';
import { diffPlans, labelText, type Change, type DiffFormat, type Translate } from './diff.js';
import type { PlanData, Stage } from '../schema/types.js';
import enShell from '../i18n/en/shell.js';

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

/** A line of its own for a few plan-level changes: `shell:since.<key>`, `{{entity}}` the goal (L15). */
export type OwnLine = { key: 'criteriaAgreedImc' | 'criteriaAgreedNcc' | 'criteriaWithdrawnImc' | 'criteriaWithdrawnNcc' } | { key: `goalStatus.${'candidate' | 'selected' | 'rejected'}` };

/**
 * One line of the summary (L15): the diff's change (its code and parameters word it in the
 * reader's language, {@link seenLineText}), a line of its own for a few plan-level changes, the
 * line in English (`summary`, as the API words diff lines) and its place.
 */
export interface SeenLine {
  change: Pick<Change, 'code' | 'params' | 'from' | 'to' | 'summary'>;
  own: OwnLine | null;
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

/** LS2: a friendlier line for a few plan-level changes ("criteria agreed by the IMC", "goal 2 … selected"); null: the diff's own line. */
function ownLine(change: Change): OwnLine | null {
  if (change.entity.kind === 'plan' && (change.field === 'criteriaAgreedByImc' || change.field === 'criteriaAgreedByNcc')) {
    const who = change.field === 'criteriaAgreedByImc' ? 'Imc' : 'Ncc';
    return { key: change.to === true ? `criteriaAgreed${who}` : `criteriaWithdrawn${who}` };
  }
  if (change.entity.kind === 'goal' && change.field === 'status' && (change.to === 'candidate' || change.to === 'selected' || change.to === 'rejected')) return { key: `goalStatus.${change.to}` };
  return null;
}

/**
 * L15: a summary line in the language of `tr` (the browser's `t`, the `diff` and `shell`
 * namespaces loaded), figures and dates by `f`: its own line, else the diff change's line.
 * `diffLine` words a change (the browser's passes arrows the reader's way).
 */
export function seenLineText(line: Pick<SeenLine, 'change' | 'own'>, tr: Translate, f: DiffFormat, diffLine: (c: SeenLine['change']) => string): string {
  if (!line.own) return diffLine(line.change);
  return tr(`shell:since.${line.own.key}`, { entity: line.change.params ? labelText(line.change.params.entity, tr, f) : '' });
}

/** The English `shell:since.<key>` message with `{{entity}}` filled (a line's `summary`). */
function englishOwn(own: OwnLine, change: Change): string {
  const msg = own.key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], enShell.since);
  return String(msg).replace('{{entity}}', change.entity.label);
}

/**
 * LS1-LS2: what changed since `seen` (the plan this browser last saw; null on a first visit).
 * Null when there is nothing to say: a first visit, or a plan with another id; otherwise the
 * diff's lines in the plan's terms with their places, at most MAX_SEEN_LINES, and how many more.
 */
export function sinceLastSeen(seen: PlanData | null, now: PlanData): { lines: SeenLine[]; more: number } | null {
  if (!seen || seen.id !== now.id) return null;
  const changes = diffPlans(seen, now).changes;
  const lines = changes.slice(0, MAX_SEEN_LINES).map((c): SeenLine => {
    const own = ownLine(c);
    const { code, params, from, to, summary } = c;
    return { change: { code, params, from, to, summary }, own, summary: own ? englishOwn(own, c) : summary, place: placeOf(c) };
  });
  return { lines, more: Math.max(0, changes.length - MAX_SEEN_LINES) };
}
