import { nodeCodes } from './tree.js';
import {
  BODY_KINDS,
  GENDERS,
  GROUPS,
  VOICES,
  type BodyKind,
  type Gender,
  type Group,
  type Participant,
  type PlanData,
  type Stakeholder,
  type Voice,
} from '../schema/types.js';

/**
 * The representation meter (rules RP1-RP5 in shared/SPEC.md): for a meeting, the scoring round or
 * the whole plan, who took part by stakeholder group, committee, gender and voice, checked
 * against the handbook's participation checklist (migrants, diaspora, women, vulnerable groups,
 * local authorities), with the gaps named. Pure: a plain plan in, plain figures out.
 */

/** The categories of the participation checklist the meter checks (RP2). */
export const CHECKLIST_CATEGORIES = ['migrants', 'diaspora', 'women', 'vulnerable-groups', 'local-authorities'] as const;
/** A checklist category. */
export type ChecklistCategory = (typeof CHECKLIST_CATEGORIES)[number];

/** Words for the checklist categories, as the gap sentences use them. */
export const CATEGORY_LABELS: Readonly<Record<ChecklistCategory, string>> = {
  migrants: 'migrant voice',
  diaspora: 'diaspora voice',
  women: 'woman or women’s organisation',
  'vulnerable-groups': 'vulnerable-group voice',
  'local-authorities': 'local authority',
};

/** One person or organisation counted by the meter (RP1). */
export interface Voiceprint {
  /** The stakeholder id, or `participant:<id>` for a participant not linked to the register. */
  key: string;
  label: string;
  group: Group | null;
  gender: Gender | null;
  voices: Voice[];
  /** Body kinds it sits in (through register membership). */
  bodies: BodyKind[];
  categories: ChecklistCategory[];
}

/** The figures of one scope (RP3). */
export interface Representation {
  /** What was measured: "the whole plan", "meeting “First IMC meeting”", "the scoring round". */
  scope: string;
  total: number;
  byGroup: Record<Group | 'unknown', number>;
  byGender: Record<Gender | 'unknown', number>;
  byVoice: Record<Voice, number>;
  byBody: Record<BodyKind | 'none', number>;
  byCategory: Record<ChecklistCategory, number>;
  /** Sentences naming what is missing (RP4), e.g. "no diaspora voice has scored goal 3 “Skills”". */
  gaps: string[];
  /** What was measured, as a code (screens word the gaps from it, L10): the plan, a meeting or the scoring round. */
  scopeKind: 'plan' | 'meeting' | 'scoring';
  /** The per-goal gaps of the scoring round as data (the same as the last `gaps` sentences, in order). */
  goalGaps: { category: ChecklistCategory; goalId: string; code: string; title: string }[];
}

/** RP1: the checklist categories a voice falls in. */
export function categoriesOf(v: { group: Group | null; gender: Gender | null; voices: readonly Voice[]; type?: Stakeholder['type'] }): ChecklistCategory[] {
  const out: ChecklistCategory[] = [];
  if (v.voices.includes('migrant') || v.type === 'migrant-association') out.push('migrants');
  if (v.voices.includes('diaspora') || v.group === 'diaspora' || v.type === 'diaspora-association') out.push('diaspora');
  if (v.gender === 'female' || v.voices.includes('women') || v.type === 'womens-organisation') out.push('women');
  if (v.voices.includes('vulnerable-group')) out.push('vulnerable-groups');
  if (v.type === 'local-authority') out.push('local-authorities');
  return out;
}

/** Index of the plan's live register, bodies and participants. */
interface Index {
  stakeholders: Map<string, Stakeholder>;
  bodiesOf: Map<string, BodyKind[]>;
  participants: Map<string, Participant>;
}

function indexPlan(plan: PlanData): Index {
  const stakeholders = new Map(plan.stakeholders.filter((s) => !s.archived).map((s) => [s.id, s]));
  const bodiesOf = new Map<string, BodyKind[]>();
  for (const b of plan.bodies) {
    if (b.archived) continue;
    for (const id of new Set([...b.members, ...(b.chairId ? [b.chairId] : [])])) {
      const kinds = bodiesOf.get(id) ?? [];
      if (!kinds.includes(b.kind)) kinds.push(b.kind);
      bodiesOf.set(id, kinds);
    }
  }
  const participants = new Map(plan.participants.filter((p) => !p.archived).map((p) => [p.id, p]));
  return { stakeholders, bodiesOf, participants };
}

function ofStakeholder(ix: Index, s: Stakeholder): Voiceprint {
  const v = { group: s.group, gender: s.gender, voices: [...s.voices], type: s.type };
  return { key: s.id, label: s.organisation, group: s.group, gender: s.gender, voices: v.voices, bodies: ix.bodiesOf.get(s.id) ?? [], categories: categoriesOf(v) };
}

/**
 * RP1: a participant counts as the register entry they link to (their own gender, when set,
 * replaces the entry's: they are the representative); a participant with no live link counts
 * with their own group and gender, and a diaspora group as a diaspora voice.
 */
function ofParticipant(ix: Index, p: Participant): Voiceprint {
  const s = p.stakeholderId ? ix.stakeholders.get(p.stakeholderId) : undefined;
  if (s) {
    const base = ofStakeholder(ix, s);
    const gender = p.gender ?? s.gender;
    return { ...base, gender, categories: categoriesOf({ group: s.group, gender, voices: s.voices, type: s.type }) };
  }
  const v = { group: p.group, gender: p.gender, voices: [] as Voice[] };
  const bodies: BodyKind[] = p.committee === 'imc' ? ['imc'] : p.committee === 'ncc' ? ['ncc'] : [];
  return { key: `participant:${p.id}`, label: p.name, group: p.group, gender: p.gender, voices: [], bodies, categories: categoriesOf(v) };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** RP3: counts a set of voices (each counted once by its key). */
function count(scope: string, scopeKind: Representation['scopeKind'], prints: readonly Voiceprint[]): Representation {
  const seen = new Map<string, Voiceprint>();
  for (const p of prints) if (!seen.has(p.key)) seen.set(p.key, p);
  const r: Representation = {
    scope,
    scopeKind,
    total: seen.size,
    byGroup: zeros([...GROUPS, 'unknown'] as const),
    byGender: zeros([...GENDERS, 'unknown'] as const),
    byVoice: zeros(VOICES),
    byBody: zeros([...BODY_KINDS, 'none'] as const),
    byCategory: zeros(CHECKLIST_CATEGORIES),
    gaps: [],
    goalGaps: [],
  };
  for (const p of seen.values()) {
    r.byGroup[p.group ?? 'unknown']++;
    r.byGender[p.gender ?? 'unknown']++;
    for (const v of p.voices) r.byVoice[v]++;
    if (p.bodies.length === 0) r.byBody.none++;
    for (const b of p.bodies) r.byBody[b]++;
    for (const c of p.categories) r.byCategory[c]++;
  }
  return r;
}

/** RP4: one gap sentence per checklist category nobody in `r` covers. */
function categoryGaps(r: Representation, verb: string): string[] {
  return CHECKLIST_CATEGORIES.filter((c) => r.byCategory[c] === 0).map((c) => `no ${CATEGORY_LABELS[c]} ${verb}`);
}

/**
 * RP2, scope "whole plan": every live register entry, plus every live participant not linked
 * to a live entry (a linked participant is the entry). Gaps: categories nobody covers.
 */
export function planRepresentation(plan: PlanData): Representation {
  const ix = indexPlan(plan);
  const prints = [...ix.stakeholders.values()].map((s) => ofStakeholder(ix, s));
  for (const p of ix.participants.values()) if (!p.stakeholderId || !ix.stakeholders.has(p.stakeholderId)) prints.push(ofParticipant(ix, p));
  const r = count('the whole plan', 'plan', prints);
  r.gaps = categoryGaps(r, 'takes part in the plan');
  return r;
}

/**
 * RP2, scope "meeting": the live register entries in its attendance (links to archived or
 * missing entries are ignored). Null when no live meeting has that id.
 */
export function meetingRepresentation(plan: PlanData, meetingId: string): Representation | null {
  const m = plan.meetings.find((x) => x.id === meetingId && !x.archived);
  if (!m) return null;
  const ix = indexPlan(plan);
  const prints = m.attendance.flatMap((id) => {
    const s = ix.stakeholders.get(id);
    return s ? [ofStakeholder(ix, s)] : [];
  });
  const r = count(`meeting “${m.title || m.id}”`, 'meeting', prints);
  r.gaps = categoryGaps(r, 'attended');
  return r;
}

/**
 * RP2, scope "scoring round": live participants with at least one score on a live goal and
 * criterion. Gaps (RP4): categories nobody who scored covers, then per live goal (by its code),
 * categories present in the round that have not scored that goal.
 */
export function scoringRepresentation(plan: PlanData): Representation {
  const ix = indexPlan(plan);
  const goals = new Map(plan.goals.filter((g) => !g.archived).map((g) => [g.id, g]));
  const criteria = new Set(plan.criteria.filter((c) => !c.archived).map((c) => c.id));
  const scorers = new Map<string, Set<string>>();
  for (const s of plan.scores) {
    if (!goals.has(s.goalId) || !criteria.has(s.criterionId) || !ix.participants.has(s.participantId)) continue;
    const set = scorers.get(s.goalId) ?? new Set<string>();
    set.add(s.participantId);
    scorers.set(s.goalId, set);
  }
  const printOf = new Map<string, Voiceprint>();
  for (const ids of scorers.values()) for (const id of ids) if (!printOf.has(id)) printOf.set(id, ofParticipant(ix, ix.participants.get(id)!));
  const r = count('the scoring round', 'scoring', [...printOf.values()]);
  r.gaps = categoryGaps(r, 'has scored any goal');
  const codes = nodeCodes(plan);
  const present = CHECKLIST_CATEGORIES.filter((c) => r.byCategory[c] > 0);
  const ordered = [...goals.values()].sort((a, b) => (codes.get(a.id)?.code ?? '').localeCompare(codes.get(b.id)?.code ?? '', 'en', { numeric: true }));
  for (const g of ordered) {
    const covered = new Set([...(scorers.get(g.id) ?? [])].flatMap((id) => printOf.get(id)!.categories));
    const code = codes.get(g.id)?.code ?? g.id;
    const name = `goal ${code}${g.title ? ` “${g.title}”` : ''}`;
    for (const c of present) {
      if (covered.has(c)) continue;
      r.gaps.push(`no ${CATEGORY_LABELS[c]} has scored ${name}`);
      r.goalGaps.push({ category: c, goalId: g.id, code, title: g.title });
    }
  }
  return r;
}

/** Words for the figures' keys (groups, genders, voices, bodies), for screens and exports. */
export const REPRESENTATION_LABELS: Readonly<Record<string, string>> = {
  government: 'Government',
  'civil-society': 'Civil society',
  diaspora: 'Diaspora',
  'private-sector': 'Private sector',
  'development-partner': 'Development partners',
  research: 'Research',
  'international-organisation': 'International organisations',
  female: 'Women',
  male: 'Men',
  other: 'Other',
  unknown: 'Not recorded',
  migrant: 'Migrant',
  women: 'Women’s',
  'vulnerable-group': 'Vulnerable group',
  'focal-point': 'National Focal Point',
  imc: 'Inter-Ministerial Committee',
  ncc: 'National Consultative Committee',
  'working-group': 'Working groups',
  'facilitation-team': 'Facilitator and support team',
  none: 'No committee',
  migrants: 'Migrants',
  'vulnerable-groups': 'Vulnerable groups',
  'local-authorities': 'Local authorities',
};
