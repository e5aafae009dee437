import { isId } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import { CONSULT_LIMITS } from '../schema/registry.js';
import {
  PROMOTION_KINDS,
  REACTION_KINDS,
  ROUND_MODES,
  type ConsultRound,
  type PlanData,
  type PromotionKind,
  type Reaction,
  type ReactionKind,
  type Recommendation,
  type RoundMode,
} from '../schema/types.js';
import { isDate } from '../schema/values.js';

/**
 * Consultation rounds (SPEC CO1-CO8): a facilitator opens a round on a theme with guiding
 * questions and a closing date; any participant, observers included, contributes
 * recommendations in the civil-society report's form (background, policy challenge, suggested
 * way forward) and supports or questions the others'; a facilitator promotes a recommendation to
 * a candidate goal or an activity. Pure rules shared by the server (which alone writes
 * recommendations and reactions, CO2) and the browser (which opens rounds and checks input).
 */

/** How many guiding questions a round opens with (CO1). */
export const ROUND_QUESTIONS = { min: 2, max: CONSULT_LIMITS.maxQuestions } as const;

/** Limits per plan and per person (CO6). */
export const CONSULT_PLAN_LIMITS = {
  /** Recommendations one plan holds. */
  recommendations: 2_000,
  /** Reactions one plan holds. */
  reactions: 20_000,
  /** Writes one person (link and participant) may send at once... */
  burst: 10,
  /** ...and then per minute. */
  perMinute: 20,
} as const;

/** Today's date in UTC, `YYYY-MM-DD`: the calendar closing dates are read in (CO3). */
export function todayUtc(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The texts of rounds, recommendations and reactions a refusal may name (`refusals:consultFields.*`, L38). */
export type ConsultField = 'title' | 'theme' | 'product' | 'question' | 'background' | 'challenge' | 'wayForward' | 'reaction';

/** Each text's English name, for the refusal's English sentence. */
export const CONSULT_FIELD_NAMES: Record<ConsultField, string> = { title: 'The title', theme: 'The theme', product: 'The intended product', question: 'A guiding question',
  background: 'The background', challenge: 'The policy challenge', wayForward: 'The suggested way forward', reaction: 'A question' };

/** Control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** `raw` trimmed with line ends made `\n`; a refusal naming `field` when it is not a string, too long or holds control characters. */
function cleanText(raw: unknown, field: ConsultField, max: number, required: boolean): Result<string> {
  const what = CONSULT_FIELD_NAMES[field];
  if (raw === undefined || raw === null) raw = '';
  if (typeof raw !== 'string') return fail('invalid', `${what} must be text.`, { key: 'refusals:fieldNotText', params: { field } });
  const value = raw.replace(/\r\n?/g, '\n').trim();
  if (required && value === '') return fail('invalid', `${what} is needed.`, { key: 'refusals:fieldNeeded', params: { field } });
  if (value.length > max) return fail('invalid', `${what} may hold at most ${max} characters (this one has ${value.length}).`, { key: 'refusals:tooLong', params: { count: max } });
  if (CONTROL.test(value)) return fail('invalid', `${what} may not hold control characters.`, { key: 'refusals:fieldControl', params: { field } });
  return ok(value);
}

/** What a facilitator gives to open a round (CO1). */
export interface NewRound {
  title: unknown;
  theme?: unknown;
  mode?: unknown;
  closesOn: unknown;
  questions: unknown;
  product?: unknown;
  source?: unknown;
}

/** A round as it is stored when opened. */
export type RoundFields = Omit<ConsultRound, 'id'>;

/**
 * CO1: checks what opens a round: a title, 2-4 non-empty guiding questions, a closing date that
 * is today or later, in the room or remote; theme and intended product optional. Returns the
 * stored fields (open, opened today).
 */
export function checkNewRound(input: NewRound, today: string): Result<RoundFields> {
  const title = cleanText(input.title, 'title', CONSULT_LIMITS.title, true);
  if (!title.ok) return title;
  const theme = cleanText(input.theme, 'theme', CONSULT_LIMITS.question, false);
  if (!theme.ok) return theme;
  const product = cleanText(input.product, 'product', CONSULT_LIMITS.question, false);
  if (!product.ok) return product;
  const mode = input.mode ?? 'in-room';
  if (!(ROUND_MODES as readonly unknown[]).includes(mode)) return fail('invalid', 'A round meets in the room or remote.', { key: 'refusals:roundMode' });
  if (!isDate(input.closesOn)) return fail('invalid', 'A round needs a closing date (YYYY-MM-DD).', { key: 'refusals:roundClosingDate' });
  if (input.closesOn < today) return fail('invalid', `The closing date ${input.closesOn} has already passed.`, { key: 'refusals:roundDatePassed' });
  if (!Array.isArray(input.questions)) return fail('invalid', `A round needs ${ROUND_QUESTIONS.min} to ${ROUND_QUESTIONS.max} guiding questions.`, { key: 'refusals:roundQuestions', params: { min: ROUND_QUESTIONS.min, max: ROUND_QUESTIONS.max } });
  const questions: string[] = [];
  for (const q of input.questions) {
    const cleaned = cleanText(q, 'question', CONSULT_LIMITS.question, false);
    if (!cleaned.ok) return cleaned;
    if (cleaned.value) questions.push(cleaned.value);
  }
  if (questions.length < ROUND_QUESTIONS.min || questions.length > ROUND_QUESTIONS.max) {
    return fail('invalid', `A round needs ${ROUND_QUESTIONS.min} to ${ROUND_QUESTIONS.max} guiding questions (it has ${questions.length}).`, { key: 'refusals:roundQuestions', params: { min: ROUND_QUESTIONS.min, max: ROUND_QUESTIONS.max } });
  }
  const source = input.source === undefined || input.source === null ? null : isId(input.source) ? input.source : undefined;
  if (source === undefined) return fail('invalid', 'The starting material must be named by its id.', { key: 'refusals:sourceId' });
  return ok({ title: title.value, theme: theme.value, mode: mode as RoundMode, closesOn: input.closesOn, openedOn: today, questions, product: product.value, status: 'open', source });
}

/** CO3: true while a round takes contributions: open, and its closing date not passed (UTC). */
export function roundIsOpen(round: Pick<ConsultRound, 'status' | 'closesOn'>, today: string): boolean {
  return round.status === 'open' && (round.closesOn === null || today <= round.closesOn);
}

/** CO3: why a round takes no more contributions, in a sentence, or null while it does. */
export function roundClosedReason(round: Pick<ConsultRound, 'status' | 'closesOn' | 'title'>, today: string): string | null {
  if (round.status === 'closed') return `The consultation round "${round.title}" is closed: it takes no more recommendations, support or questions.`;
  if (round.closesOn !== null && today > round.closesOn) return `The consultation round "${round.title}" closed on ${round.closesOn}: it takes no more recommendations, support or questions.`;
  return null;
}

/** CO3: the refusal (`locked`, worded for readers, L38) of a contribution to a round that takes no more, or null while it takes them. */
export function roundClosedRefusal(round: Pick<ConsultRound, 'status' | 'closesOn' | 'title'>, today: string): Result<never> | null {
  const reason = roundClosedReason(round, today);
  if (!reason) return null;
  return round.status === 'closed'
    ? fail('locked', reason, { key: 'refusals:roundClosed', params: { title: round.title } })
    : fail('locked', reason, { key: 'refusals:roundClosedOn', params: { title: round.title } });
}

/** What a participant sends to contribute a recommendation (CO2). */
export interface NewRecommendation {
  roundId: unknown;
  title: unknown;
  background?: unknown;
  challenge?: unknown;
  wayForward: unknown;
  stakeholderId?: unknown;
  sourceRef?: unknown;
}

/** The checked content of a new recommendation (the server adds author and time). */
export type RecommendationContent = Pick<Recommendation, 'roundId' | 'title' | 'background' | 'challenge' | 'wayForward' | 'stakeholderId' | 'sourceRef'>;

/**
 * CO2, CO3: checks a new recommendation against the plan: its round exists and takes
 * contributions today, a title and a suggested way forward (background and policy challenge
 * optional), a stakeholder register link only to an entry the plan holds, and the plan's limit.
 */
export function checkNewRecommendation(plan: Pick<PlanData, 'consultRounds' | 'stakeholders'> & { recommendations: { readonly length: number } }, input: NewRecommendation, today: string): Result<RecommendationContent> {
  const round = plan.consultRounds.find((r) => r.id === input.roundId);
  if (!round) return fail('not-found', `This plan has no consultation round "${String(input.roundId).slice(0, 64)}".`, { key: 'refusals:notFound', params: { kind: 'consultRound', id: String(input.roundId).slice(0, 64) } });
  const closed = roundClosedRefusal(round, today);
  if (closed) return closed;
  if (plan.recommendations.length >= CONSULT_PLAN_LIMITS.recommendations) return fail('invalid', `A plan holds at most ${CONSULT_PLAN_LIMITS.recommendations} recommendations.`, { key: 'refusals:recommendationsFull', params: { count: CONSULT_PLAN_LIMITS.recommendations } });
  const title = cleanText(input.title, 'title', CONSULT_LIMITS.title, true);
  if (!title.ok) return title;
  const background = cleanText(input.background, 'background', CONSULT_LIMITS.part, false);
  if (!background.ok) return background;
  const challenge = cleanText(input.challenge, 'challenge', CONSULT_LIMITS.part, false);
  if (!challenge.ok) return challenge;
  const wayForward = cleanText(input.wayForward, 'wayForward', CONSULT_LIMITS.part, true);
  if (!wayForward.ok) return wayForward;
  const sid = input.stakeholderId ?? null;
  if (sid !== null && !(isId(sid) && plan.stakeholders.some((s) => s.id === sid && !s.archived))) {
    return fail('not-found', 'The stakeholder register has no such entry.', { key: 'refusals:noStakeholder' });
  }
  const sourceRef = input.sourceRef ?? null;
  if (sourceRef !== null && !isId(sourceRef)) return fail('invalid', 'The starting material must be named by its id.', { key: 'refusals:sourceId' });
  return ok({ roundId: round.id, title: title.value, background: background.value, challenge: challenge.value, wayForward: wayForward.value, stakeholderId: sid as string | null, sourceRef: sourceRef as string | null });
}

/** What a participant sends to support or question a recommendation (CO4). */
export interface NewReaction {
  kind: unknown;
  text?: unknown;
}

/** CO4: support carries no text; a question carries 1 to 2,000 characters. */
export function checkReaction(input: NewReaction): Result<{ kind: ReactionKind; text: string }> {
  if (!(REACTION_KINDS as readonly unknown[]).includes(input.kind)) return fail('invalid', 'A reaction is "support" or "question".', { key: 'refusals:reactionKind' });
  const kind = input.kind as ReactionKind;
  if (kind === 'support') return ok({ kind, text: '' });
  const text = cleanText(input.text, 'reaction', CONSULT_LIMITS.reaction, true);
  return text.ok ? ok({ kind, text: text.value }) : text;
}

/** Who reacts, as the server establishes it (invite link and participant id). */
export interface ConsultActor {
  link: string;
  participantId: string;
}

/** CO4: the reaction `who` already gave on `recommendationId`, if any (one per person and recommendation). */
export function reactionOf(reactions: readonly Reaction[], recommendationId: string, who: ConsultActor): Reaction | undefined {
  return reactions.find((r) => r.recommendationId === recommendationId && r.authorLink === who.link && r.authorId === who.participantId);
}

/** How a recommendation is received: people supporting it and questions asked (CO4). */
export interface Tally {
  support: number;
  questions: Reaction[];
}

/** CO4: support counts and questions per recommendation id. */
export function tallies(reactions: readonly Reaction[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of reactions) {
    const t = out.get(r.recommendationId) ?? { support: 0, questions: [] };
    if (r.kind === 'support') t.support++;
    else t.questions.push(r);
    out.set(r.recommendationId, t);
  }
  return out;
}

/** Where a facilitator promotes a recommendation (CO5): a candidate goal, or an activity under an output. */
export type PromotionTarget = { to: 'goal' } | { to: 'activity'; outputId: string };

/** CO5: a promotion request from untrusted input, or a refusal. */
export function parsePromotion(input: { to?: unknown; outputId?: unknown }): Result<PromotionTarget> {
  if (!(PROMOTION_KINDS as readonly unknown[]).includes(input.to)) return fail('invalid', 'A recommendation is promoted to a "goal" or an "activity".', { key: 'refusals:promotionKind' });
  if (input.to === 'goal') return ok({ to: 'goal' });
  if (!isId(input.outputId)) return fail('invalid', 'Choose the output the activity goes under.', { key: 'refusals:promotionOutput' });
  return ok({ to: 'activity', outputId: input.outputId });
}

/**
 * CO5: whether `rec` may be promoted to `target` in `plan`: not promoted yet (unless what it
 * became is gone from the plan or archived), and for an activity, under a live output.
 */
export function checkPromotion(plan: Pick<PlanData, 'goals' | 'activities' | 'outputs'>, rec: Recommendation, target: PromotionTarget): Result<void> {
  const current = promotedNode(plan, rec);
  if (current && !current.archived) {
    return rec.promotedKind === 'goal'
      ? fail('invalid', 'This recommendation is already a candidate goal.', { key: 'refusals:alreadyGoal' })
      : fail('invalid', 'This recommendation is already an activity.', { key: 'refusals:alreadyActivity' });
  }
  if (target.to === 'activity') {
    const output = plan.outputs.find((o) => o.id === target.outputId);
    if (!output) return fail('not-found', 'The plan has no such output.', { key: 'refusals:notFound', params: { kind: 'output', id: target.outputId } });
    if (output.archived) return fail('archived', 'That output is archived: choose a live one.', { key: 'refusals:outputArchived' });
  }
  return ok(undefined);
}

/** CO5: the goal or activity `rec` became, if the plan still holds it. */
export function promotedNode(plan: Pick<PlanData, 'goals' | 'activities'>, rec: Pick<Recommendation, 'promotedKind' | 'promotedId'>): { id: string; title: string; archived: boolean } | undefined {
  if (!rec.promotedId) return undefined;
  const list: readonly { id: string; title: string; archived: boolean }[] = rec.promotedKind === 'goal' ? plan.goals : rec.promotedKind === 'activity' ? plan.activities : [];
  return list.find((n) => n.id === rec.promotedId);
}

/** CO5: the other end of the link: the recommendation a goal or activity came from, if any. */
export function recommendationFor(plan: Pick<PlanData, 'recommendations'>, kind: PromotionKind, nodeId: string): Recommendation | undefined {
  return plan.recommendations.find((r) => r.promotedKind === kind && r.promotedId === nodeId);
}

/**
 * CO5: the texts a promoted recommendation starts its goal or activity with: the title, and the
 * suggested way forward as the goal's objective or the activity's expected result.
 */
export function promotedTexts(rec: Pick<Recommendation, 'title' | 'wayForward'>): { title: string; body: string } {
  return { title: rec.title, body: rec.wayForward };
}
