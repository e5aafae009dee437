import { diffComments } from './comments.js';
import { rankGoals } from './scoring.js';
import { nodeCodes, rowLabel } from './tree.js';
import { formatMoney } from './money.js';
import { UNNAMED_FUNDER } from './funding.js';
import { ENTITIES, TEXT_LIMITS, type EntityDef, type EntityName } from '../schema/registry.js';
import { NODE_KINDS, type Money, type NodeKind, type PlanData } from '../schema/types.js';
import { LIMITS } from '../schema/values.js';

/**
 * Semantic diff of two plans (rules DF1-DF9 in shared/SPEC.md): what a planning team would say
 * changed, in the plan's own terms, with old -> new values. Pure: plain plans in, plain data out.
 */

/** What happened to an entity or field between the two plans. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** The kind of thing a change is about: the plan, an entity stored as a map (registry names), or a score cell. */
export type DiffEntityKind =
  | 'plan'
  | 'participant'
  | 'criterion'
  | 'goal'
  | 'outcome'
  | 'output'
  | 'activity'
  | 'indicator'
  | 'score'
  | 'agreed-score'
  | 'review'
  | 'section'
  | 'stakeholder'
  | 'body'
  | 'meeting'
  | 'decision'
  | 'deliverable'
  | 'answer'
  | 'comment'
  | 'fundingLine'
  | 'exchangeRate'
  | 'sectorAnswer'
  | 'libraryEntry'
  | 'consultRound'
  | 'recommendation'
  | 'reaction';

/** One piece of a text diff. */
export interface TextPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One change, with old and new values and a readable summary line. */
export interface Change {
  kind: ChangeKind;
  entity: { kind: DiffEntityKind; id: string; label: string };
  /** The field that changed (for `changed` and `moved`). */
  field?: string;
  from?: unknown;
  to?: unknown;
  /** Word or line diff for prose fields. */
  text?: TextPart[];
  /** One readable line, e.g. "activity 1.2 budget 15,000 -> 12,000 USD". */
  summary: string;
  /** Who wrote this field between the two versions, oldest first, where the change journal knows (DF10). */
  by?: string[];
}

/** A write of one field as the server's change journal records it (FH1), reduced to what DF10 needs. */
export interface WriteRecord {
  /** ISO time the server stored it. */
  at: string;
  /** Registry entity name (`activity`, `agreedScore`, `meta`...). */
  entity: string;
  /** Entity id or cell key; '' for plan fields. */
  id: string;
  /** The field; null for a cell written as one value. */
  field: string | null;
  /** False when the write lost a concurrent merge (it never showed). */
  kept: boolean;
  by: { name: string };
}

/** The journal's address of a change: entity, id and field, or null when DF10 does not name writers for it. */
function journalKey(c: Change): string | null {
  const k = c.entity.kind;
  // Individual scores already name their owner, and may be anonymous (SC20): never attributed.
  if (k === 'score' || k === 'comment') return null;
  if (k === 'plan') return c.field ? `meta\u0000\u0000${c.field}` : null;
  if (k === 'agreed-score') return `agreedScore\u0000${c.entity.id}\u0000`;
  if (c.kind === 'changed' && c.field) return `${k}\u0000${c.entity.id}\u0000${c.field}`;
  if (c.kind === 'removed') return `${k}\u0000${c.entity.id}\u0000archived`;
  return null;
}

/**
 * DF10: names who made each change, from the server's change journal. A change of a field (or an
 * agreed score, or an archiving) gets the distinct names of the kept writes of that field whose
 * time lies in `span` (the two versions' times), oldest first; lost writes (FH2) never count.
 * Additions, moves, individual scores and fields the journal never saw get no names. Pure.
 */
export function attributeChanges(changes: readonly Change[], writes: readonly WriteRecord[], span: { after: string; until: string }): Change[] {
  const names = new Map<string, string[]>();
  for (const w of [...writes].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    if (!w.kept || w.at <= span.after || w.at > span.until || !w.by.name) continue;
    const key = `${w.entity}\u0000${w.id}\u0000${w.field ?? ''}`;
    const list = names.get(key);
    if (!list) names.set(key, [w.by.name]);
    else if (!list.includes(w.by.name)) list.push(w.by.name);
  }
  return changes.map((c) => {
    const key = journalKey(c);
    const by = key ? names.get(key) : undefined;
    return by ? { ...c, by: [...by] } : c;
  });
}

/** Every change between two plans, and how many of each kind. */
export interface PlanDiff {
  changes: Change[];
  counts: Record<ChangeKind, number>;
}

type Entity = { id: string } & Record<string, unknown>;

/** Fields that are positions or links, compared separately as moves (DF3): ids, order, parents. */
const PLACEMENT = new Set(['id', 'order', ...Object.values(ENTITIES).flatMap((e) => (e.parent ? [e.parent.field] : []))]);
/** A review's entry lists, compared entry by entry (RV6) rather than as one field. */
const REVIEW_ENTRY_LISTS = new Set(Object.values(ENTITIES).filter((e) => e.container === 'review').map((e) => e.list!));
/** Prose fields that get a text diff (DF6): the long texts of the registry. */
const PROSE = new Set(Object.keys(TEXT_LIMITS).filter((k) => TEXT_LIMITS[k] === LIMITS.longText));

const FIELD_LABELS: Record<string, string> = {
  mdGoal: 'M&D goal',
  resourceTarget: 'resource target',
  responsibleParties: 'responsible parties',
  nationalGoals: 'national goals',
  verification: 'means of verification',
  risks: 'risks/assumptions',
  start: 'start',
  end: 'end',
  horizonStart: 'horizon start',
  horizonEnd: 'horizon end',
  imcLevel: 'IMC level',
  dacSectors: 'DAC sectors',
  sdgTargets: 'SDG targets',
  gcmObjectives: 'GCM objectives',
  reportingOrgName: 'reporting organisation',
  reportingOrgRef: 'reporting organisation identifier',
  reportingOrgType: 'reporting organisation type',
  iatiActivityId: 'IATI activity',
  budgetLine: 'budget line',
  stakeholderId: 'stakeholder',
  fiscalYearStart: 'fiscal year start (month)',
};
/** How a field is named in summary lines (`mdGoal` -> `M&D goal`, `imcLevel` -> `IMC level`). */
export const fieldLabel = (f: string) => FIELD_LABELS[f] ?? f.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase());


const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';

/** Longest text shown whole in a summary line. */
const SHOWN_CHARS = 60;

/** A measure or a period target (RV6): "12 by 2027-12-31". */
const isMeasureLike = (v: unknown): v is { value: number; date?: string | null; end?: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { value?: unknown }).value === 'number' && ('date' in v || 'end' in v);

/** A disaggregated part (RV6): "sex female 40". */
const isPart = (v: unknown): v is { dimension: string; category: string; value: number } =>
  typeof v === 'object' && v !== null && typeof (v as { dimension?: unknown }).dimension === 'string' && typeof (v as { category?: unknown }).category === 'string';

/** Short text for a value in a summary line: money as `15,000 USD`, empty as `(none)`, long text cut. */
export function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)';
  if (isMoney(v)) return formatMoney(v);
  if (isMeasureLike(v)) {
    const by = 'end' in v ? v.end : v.date;
    return `${show(v.value)}${by ? ` by ${by}` : ''}`;
  }
  if (isPart(v)) return `${v.dimension} ${v.category} ${show(v.value)}`;
  if (typeof v === 'string') return v.length > SHOWN_CHARS ? `"${v.slice(0, SHOWN_CHARS - 3)}..."` : `"${v}"`;
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map((x) => (isMeasureLike(x) || isPart(x) ? show(x) : typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return JSON.stringify(v);
}

/** "15,000 -> 12,000 USD" when both sides share a currency, else both in full. */
function showChange(from: unknown, to: unknown): string {
  if (isMoney(from) && isMoney(to) && from.currency === to.currency) {
    return `${show(from.amount)} -> ${formatMoney(to)}`;
  }
  return `${show(from)} -> ${show(to)}`;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Largest token product diffed exactly; beyond it a text diff is "all deleted, all inserted". */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Word diff (or line diff for multi-line text) by longest common subsequence (DF6).
 * Joining the `equal` and `delete` parts gives `a`; joining `equal` and `insert` gives `b`.
 */
export function diffText(a: string, b: string): TextPart[] {
  const multiline = a.includes('\n') || b.includes('\n');
  const split = (s: string) => (s === '' ? [] : multiline ? s.split(/(?<=\n)/) : s.split(/(?<=\s)(?=\S)/));
  const x = split(a);
  const y = split(b);
  const parts: TextPart[] = [];
  const push = (op: TextPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (x.length * y.length > MAX_LCS_CELLS) {
    if (a) push('delete', a);
    if (b) push('insert', b);
    return parts;
  }
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push('equal', x[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('delete', x[i++]!);
    else push('insert', y[j++]!);
  }
  while (i < n) push('delete', x[i++]!);
  while (j < m) push('insert', y[j++]!);
  return parts;
}

interface Ctx {
  a: PlanData;
  b: PlanData;
  codesA: Map<string, { code: string }>;
  codesB: Map<string, { code: string }>;
  out: Change[];
}

/**
 * A row by kind, full code and title (M7): `activity 1.1.1.2 "Train staff"`; other entities by
 * kind and name. The code is the row's code in `to` (or in `from` for a removed row); `no-code`
 * leaves it out where the sentence gives codes itself.
 */
function labelOf(ctx: Ctx, kind: DiffEntityKind, e: Entity, side: 'a' | 'b' | 'both' | 'no-code'): string {
  const code = side === 'no-code' ? undefined : ((side !== 'a' ? ctx.codesB.get(e.id)?.code : undefined) ?? ctx.codesA.get(e.id)?.code);
  const name = typeof e.title === 'string' ? e.title : typeof e.name === 'string' ? e.name : typeof e.label === 'string' ? e.label : typeof e.organisation === 'string' ? e.organisation : typeof e.text === 'string' ? e.text.slice(0, 60) : '';
  if ((NODE_KINDS as readonly string[]).includes(kind)) return rowLabel(kind as NodeKind, code, name, e.id);
  if (kind === 'fundingLine') return `funding line ${String(e.funder ?? '').trim() || UNNAMED_FUNDER}`; // FN7
  if (kind === 'exchangeRate') return `exchange rate ${String(e.currency)}/${String(e.quote)} of ${String(e.date)}`;
  if (kind === 'consultRound') return `consultation round "${name}"`; // CO7
  if (kind === 'reaction') {
    // CO7: "support for recommendation "…"", "question on recommendation "…"".
    const rec = ctx.b.recommendations.find((r) => r.id === e.recommendationId) ?? ctx.a.recommendations.find((r) => r.id === e.recommendationId);
    return `${e.kind === 'question' ? 'question on' : 'support for'} recommendation "${rec?.title ?? String(e.recommendationId)}"`;
  }
  return name ? `${kind} "${name}"` : `${kind} ${e.id}`;
}

function compareLists<T extends Entity>(ctx: Ctx, kind: DiffEntityKind, as: readonly T[], bs: readonly T[], parentField?: keyof T & string) {
  const before = new Map(as.map((e) => [e.id, e]));
  const after = new Map(bs.map((e) => [e.id, e]));
  for (const [id, e] of after) {
    if (!before.has(id) && !e.archived) {
      const label = labelOf(ctx, kind, e, 'b');
      ctx.out.push({ kind: 'added', entity: { kind, id, label }, summary: `${label} added` }); // DF1
    }
  }
  for (const [id, e] of before) {
    const now = after.get(id);
    if ((!now || now.archived) && !e.archived) {
      const label = labelOf(ctx, kind, e, 'a');
      ctx.out.push({ kind: 'removed', entity: { kind, id, label }, summary: `${label} removed` }); // DF2
    }
  }
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now || now.archived || old.archived) continue;
    const label = labelOf(ctx, kind, now, 'both');
    const entity = { kind, id, label };
    if (parentField && old[parentField] !== now[parentField]) {
      // DF3: a new parent is a move, described with the parent's new code.
      const parentKind = parentField.replace('Id', '') as DiffEntityKind;
      const parent = ctx.codesB.get(String(now[parentField]))?.code ?? String(now[parentField]);
      const was = ctx.codesA.get(id)?.code;
      ctx.out.push({ kind: 'moved', entity, field: parentField, from: old[parentField], to: now[parentField], summary: `${label} moved under ${parentKind} ${parent}${was ? ` (was ${was})` : ''}` });
    } else if (old.order !== now.order) {
      // DF4: same parent, new position among siblings.
      const oldCode = ctx.codesA.get(id)?.code;
      const newCode = ctx.codesB.get(id)?.code;
      const where = oldCode && newCode && oldCode !== newCode ? ` from ${oldCode} to ${newCode}` : '';
      ctx.out.push({ kind: 'moved', entity, field: 'order', from: old.order, to: now.order, summary: `${labelOf(ctx, kind, now, 'no-code')} moved${where}` });
    }
    for (const field of Object.keys(now)) {
      if (PLACEMENT.has(field) || field === 'archived' || (kind === 'review' && REVIEW_ENTRY_LISTS.has(field))) continue;
      const from = old[field];
      const to = now[field];
      if (equal(from, to)) continue;
      // DF5: a field change with old and new values.
      const change: Change = { kind: 'changed', entity, field, from, to, summary: `${label} ${fieldLabel(field)} ${showChange(from, to)}` };
      // FN7: "funding line IOM 6,000 -> 8,000 USD committed, for activity 1.1.1.2 "Workshop"".
      if (kind === 'fundingLine' && field === 'amount') change.summary = `${label} ${showChange(from, to)} ${String(now.status)}${fundedRow(ctx, now)}`;
      if (typeof from === 'string' && typeof to === 'string' && (PROSE.has(field) || from.length > SHOWN_CHARS || to.length > SHOWN_CHARS)) {
        // DF6: prose, and text too long to show whole, is "edited" with a word (or line) diff,
        // so a long title's change is never hidden behind two identical cut-off values.
        change.text = diffText(from, to);
        change.summary = `${label} ${fieldLabel(field)} edited`;
      }
      ctx.out.push(change);
    }
  }
}

/** ', for activity 1.1.1.2 "Workshop"': the row a funding line funds, as named in the newer plan. */
function fundedRow(ctx: Ctx, line: Entity): string {
  const activity = ctx.b.activities.find((a) => a.id === line.activityId);
  return activity ? `, for ${rowLabel('activity', ctx.codesB.get(activity.id)?.code, activity.title, activity.id)}` : '';
}

/**
 * Compares two plans (from -> to) and lists every change: added, removed, changed and moved
 * entities of every kind, score and total changes per goal, and text diffs for prose.
 * Order: plan fields, then entities in plan order (criteria, goals, matrix, indicators, ...).
 */
export function diffPlans(from: PlanData, to: PlanData): PlanDiff {
  const ctx: Ctx = { a: from, b: to, codesA: nodeCodes(from), codesB: nodeCodes(to), out: [] };
  diffMeta(ctx);
  for (const def of Object.values(ENTITIES)) {
    if (def.list === null || def.container) continue;
    if (def.name === 'comment') diffCommentsInto(ctx);
    else if (def.storage === 'entity') compareLists(ctx, def.name as DiffEntityKind, listOf(from, def), listOf(to, def), def.parent?.field);
    AFTER[def.name]?.(ctx);
  }
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const c of ctx.out) counts[c.kind]++;
  return { changes: ctx.out, counts };
}

/**
 * CM8: comments are summarised per item, not listed one by one: "3 new comments on outcome 1.2
 * "…"". The entity is the item discussed (`{ kind: 'comment', id: 'outcome:oc1' }`).
 */
function diffCommentsInto(ctx: Ctx): void {
  const kinds = { new: 'added', deleted: 'removed', resolved: 'changed', reopened: 'changed', edited: 'changed' } as const;
  for (const c of diffComments(ctx.a, ctx.b)) {
    ctx.out.push({
      kind: kinds[c.kind],
      entity: { kind: 'comment', id: `${c.target.kind}:${c.target.id}`, label: c.label },
      field: c.kind === 'resolved' || c.kind === 'reopened' ? 'resolved' : 'comments',
      to: c.count,
      summary: c.summary,
    });
  }
}

/** DF7: plan-level fields, in the registry's order. */
function diffMeta(ctx: Ctx): void {
  const a = ctx.a as unknown as Record<string, unknown>;
  const b = ctx.b as unknown as Record<string, unknown>;
  for (const field of Object.keys(ENTITIES.meta.fields.fields)) {
    if (!equal(a[field], b[field])) {
      ctx.out.push({ kind: 'changed', entity: { kind: 'plan', id: ctx.b.id, label: 'plan' }, field, from: a[field], to: b[field], summary: `plan ${fieldLabel(field)} ${showChange(a[field], b[field])}` });
    }
  }
}

/** The items of `def`'s list in `plan`. */
function listOf(plan: PlanData, def: EntityDef): Entity[] {
  return (plan as unknown as Record<string, Entity[]>)[def.list!]!;
}

/** Changes listed right after an entity's own: goal totals (DF9) after goals, scores (DF8) once, after indicators. */
const AFTER: Partial<Record<EntityName, (ctx: Ctx) => void>> = { goal: (ctx) => diffTotals(ctx), score: (ctx) => diffScores(ctx), review: (ctx) => diffReviewEntries(ctx) };

/**
 * RV6: what a review period reports, entry by entry: an activity's expenditure, result, progress
 * and risks, an indicator's reading and its parts ("review "Year 1" activity 1.1.1.1 "..."
 * expenditure 9,000 -> 9,500 USD"). Entries of reviews present on one side only are left to the
 * review's own added/removed line.
 */
function diffReviewEntries(ctx: Ctx): void {
  const before = new Map(ctx.a.reviews.map((r) => [r.id, r]));
  const acts = new Map([...ctx.a.activities, ...ctx.b.activities].map((a) => [a.id, a]));
  const inds = new Map([...ctx.a.indicators, ...ctx.b.indicators].map((i) => [i.id, i]));
  for (const r of ctx.b.reviews) {
    const old = before.get(r.id);
    if (!old || r.archived || old.archived) continue;
    const review = `review "${r.label || r.id}"`;
    const entries = <T extends object>(xs: readonly T[], key: (x: T) => string) => new Map(xs.map((x) => [key(x), x as unknown as Record<string, unknown>]));
    const run = (as: Map<string, Record<string, unknown>>, bs: Map<string, Record<string, unknown>>, label: (id: string) => string, keyField: string) => {
      for (const id of new Set([...as.keys(), ...bs.keys()])) {
        const x = as.get(id) ?? {};
        const y = bs.get(id) ?? {};
        const entity = { kind: 'review' as const, id: r.id, label: `${review} ${label(id)}` };
        for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
          if (field === keyField || equal(x[field] ?? null, y[field] ?? null)) continue;
          const from = x[field] ?? null;
          const to = y[field] ?? null;
          if ((from === '' || from === null || (Array.isArray(from) && from.length === 0)) && (to === '' || to === null || (Array.isArray(to) && to.length === 0))) continue;
          ctx.out.push({ kind: 'changed', entity, field, from, to, summary: `${entity.label} ${fieldLabel(field)} ${showChange(from, to)}` });
        }
      }
    };
    run(
      entries(old.activities, (e) => e.activityId),
      entries(r.activities, (e) => e.activityId),
      (id) => labelOf(ctx, 'activity', (acts.get(id) ?? { id }) as unknown as Entity, 'both'),
      'activityId',
    );
    run(
      entries(old.indicators, (e) => e.indicatorId),
      entries(r.indicators, (e) => e.indicatorId),
      (id) => labelOf(ctx, 'indicator', (inds.get(id) ?? { id }) as unknown as Entity, 'both'),
      'indicatorId',
    );
  }
}

/** DF8: individual and agreed scores, cell by cell. */
function diffScores(ctx: Ctx): void {
  const goalTitle = new Map([...ctx.a.goals, ...ctx.b.goals].map((g) => [g.id, g.title]));
  const critTitle = new Map([...ctx.a.criteria, ...ctx.b.criteria].map((c) => [c.id, c.title]));
  const person = new Map([...ctx.a.participants, ...ctx.b.participants].map((p) => [p.id, p.name]));
  // SC21: an anonymous plan's diff never names who gave a score.
  const anonymous = ctx.a.anonymousScoring === true || ctx.b.anonymousScoring === true;
  const cells = <T extends { goalId: string; criterionId: string; value: number }>(xs: readonly T[], key: (s: T) => string) =>
    new Map(xs.map((s) => [key(s), s]));
  const run = <T extends { goalId: string; criterionId: string; value: number }>(kind: 'score' | 'agreed-score', as: readonly T[], bs: readonly T[], key: (s: T) => string, who: (s: T) => string) => {
    const A = cells(as, key);
    const B = cells(bs, key);
    for (const k of new Set([...A.keys(), ...B.keys()])) {
      const x = A.get(k);
      const y = B.get(k);
      if (x && y && x.value === y.value) continue;
      const s = (y ?? x)!;
      const label = `${who(s)} for goal '${goalTitle.get(s.goalId) ?? s.goalId}' on '${critTitle.get(s.criterionId) ?? s.criterionId}'`;
      // An anonymous plan's score lines carry the cell (goal:criterion), not the participant id.
      const entity = { kind, id: anonymous && kind === 'score' ? k.split(':').slice(0, 2).join(':') : k, label };
      if (!x) ctx.out.push({ kind: 'added', entity, to: y!.value, summary: `${label} set to ${y!.value}` });
      else if (!y) ctx.out.push({ kind: 'removed', entity, from: x.value, summary: `${label} cleared (was ${x.value})` });
      else ctx.out.push({ kind: 'changed', entity, field: 'value', from: x.value, to: y.value, summary: `${label} ${x.value} -> ${y.value}` });
    }
  };
  run('score', ctx.a.scores, ctx.b.scores, (s) => `${s.goalId}:${s.criterionId}:${s.participantId}`, (s) => (anonymous ? "a participant's score" : `score of ${person.get(s.participantId) ?? s.participantId}`));
  run('agreed-score', ctx.a.agreedScores, ctx.b.agreedScores, (s) => `${s.goalId}:${s.criterionId}`, () => 'agreed score');
}

/** DF9: a goal's total (and rank) as the scoring rules compute it, before and after. */
function diffTotals(ctx: Ctx): void {
  const ra = new Map(rankGoals(ctx.a).goals.map((g) => [g.goalId, g]));
  for (const g of rankGoals(ctx.b).goals) {
    const old = ra.get(g.goalId);
    if (!old) continue;
    const entity = { kind: 'goal' as const, id: g.goalId, label: `goal '${g.title}'` };
    if (old.total !== g.total) {
      ctx.out.push({ kind: 'changed', entity, field: 'total', from: old.total, to: g.total, summary: `goal '${g.title}' total ${show(old.total)} -> ${show(g.total)}` });
    }
    if (old.rank !== g.rank) {
      ctx.out.push({ kind: 'changed', entity, field: 'rank', from: old.rank, to: g.rank, summary: `goal '${g.title}' rank ${show(old.rank)} -> ${show(g.rank)}` });
    }
  }
}
