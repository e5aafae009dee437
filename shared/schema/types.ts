/**
 * Plain data types of a plan: the `roundtable-plan/1` JSON format. `readPlan` returns these,
 * `parsePlanJson` produces them, and all domain code (scoring, validation, budgets, tree) reads
 * only these. Nothing here knows about Yjs.
 *
 * Conventions: unknown text is `''`, an unknown date, number or money is `null` (never 0), dates
 * are `YYYY-MM-DD`, money is always `{ amount, currency }` with an ISO 4217 code.
 */

import type { Locale } from '../i18n/locales.js';

/** Format tag written at the top of every exported plan. */
export const PLAN_FORMAT = 'roundtable-plan/1';

/** National frameworks a plan can feed. */
export const FRAMEWORKS = ['prsp', 'undaf', 'swap', 'national-development-plan', 'other'] as const;
/** A national framework the plan feeds. */
export type Framework = (typeof FRAMEWORKS)[number];

/** Stages of the planning cycle, in order. */
export const STAGES = [
  'preparatory',
  'situation-analysis',
  'strategic-goals',
  'plan-of-action',
  'capacity-and-financing',
  'implementation',
  'monitoring-and-evaluation',
] as const;
/** A stage of the planning cycle. */
export type Stage = (typeof STAGES)[number];

/** Stakeholder groups a participant belongs to. */
export const GROUPS = [
  'government',
  'civil-society',
  'diaspora',
  'private-sector',
  'development-partner',
  'research',
  'international-organisation',
] as const;
/** A stakeholder group. */
export type Group = (typeof GROUPS)[number];

/** Committees: the inter-ministerial committee, the national consultative committee, or neither. */
export const COMMITTEES = ['imc', 'ncc', 'none'] as const;
/** A committee seat (or none). */
export type Committee = (typeof COMMITTEES)[number];

/** Levels inside the inter-ministerial committee. */
export const IMC_LEVELS = ['technical', 'data-coordination', 'decision-making'] as const;
/** A level of the inter-ministerial committee. */
export type ImcLevel = (typeof IMC_LEVELS)[number];

/** Optional gender of a participant, for representativeness checks. */
export const GENDERS = ['female', 'male', 'other'] as const;
/** A participant's gender. */
export type Gender = (typeof GENDERS)[number];

/** Which side of the M&D link a participant speaks for. */
export const PERSPECTIVES = ['migration', 'development', 'both'] as const;
/** A participant's perspective. */
export type Perspective = (typeof PERSPECTIVES)[number];

/** Kinds of supporting requirement a goal may need (an open list, hence `other`). */
export const REQUIREMENT_KINDS = [
  'policy-change',
  'institutional-change',
  'technical-assistance',
  'capacity-development',
  'research-and-data',
  'advocacy-and-communication',
  'monitoring-support',
  'other',
] as const;
/** A kind of supporting requirement. */
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

/** Where a goal stands in selection. */
export const GOAL_STATUSES = ['candidate', 'selected', 'rejected'] as const;
/** A goal's selection status. */
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Levels of the implementation matrix, top to bottom. */
export const NODE_KINDS = ['goal', 'outcome', 'output', 'activity'] as const;
/** A level of the implementation matrix. */
export type NodeKind = (typeof NODE_KINDS)[number];

/** Where money comes from: the national budget or outside partners. */
export const FUNDING_KINDS = ['domestic', 'external'] as const;
/** Domestic or external funding. */
export type FundingKind = (typeof FUNDING_KINDS)[number];
/** How external money arrives: general budget support, a pooled (SWAP) fund, or a project. */
export const FUNDING_MODALITIES = ['budget-support', 'pooled', 'project'] as const;
/** How external funding is channelled. */
export type FundingModality = (typeof FUNDING_MODALITIES)[number];
/** Whether money is only promised or firmly committed. */
export const FUNDING_STATUSES = ['pledged', 'secured'] as const;
/** Pledged or secured. */
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** How firm a funding line is: promised, legally committed, or paid out (SPEC FN1). */
export const FUNDING_LINE_STATUSES = ['pledged', 'committed', 'disbursed'] as const;
/** Pledged, committed or disbursed. */
export type FundingLineStatus = (typeof FUNDING_LINE_STATUSES)[number];
/** Where a funding line's money comes from: a national budget line or new (additional) money. */
export const FUNDING_SOURCES = ['national-budget', 'new-money'] as const;
/** National budget or new money. */
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** chronological: finish before start; parallel: run side by side; overlapping: may overlap. */
export const DEPENDENCY_TYPES = ['chronological', 'parallel', 'overlapping'] as const;
/** How two activities relate in time. */
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

/** Direct indicators describe migration itself; indirect ones describe the wider population. */
export const INDICATOR_KINDS = ['direct', 'indirect'] as const;
/** Direct or indirect. */
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
/** What an indicator tracks: the final effect (outcome), a deliverable (output) or resources used (input). */
export const INDICATOR_LEVELS = ['outcome', 'output', 'input', 'impact'] as const;
/** Outcome, output, input or impact (the goal's long-term effect). */
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

/** Whether an indicator is measured by a number (quantitative) or described (qualitative). */
export const INDICATOR_MEASUREMENTS = ['quantitative', 'qualitative'] as const;
/** Quantitative or qualitative. */
export type IndicatorMeasurement = (typeof INDICATOR_MEASUREMENTS)[number];
/** How often an indicator is measured. */
export const INDICATOR_FREQUENCIES = ['monthly', 'quarterly', 'half-yearly', 'yearly', 'every-two-years', 'mid-term-and-final', 'end-of-plan'] as const;
/** A measurement frequency. */
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];
/** How a review reports money and readings: within its own dates, or everything up to its end (SPEC RV1). */
export const REVIEW_REPORTINGS = ['period', 'cumulative'] as const;
/** Period or cumulative reporting. */
export type ReviewReporting = (typeof REVIEW_REPORTINGS)[number];

/** Kinds of review period. */
export const REVIEW_KINDS = ['yearly', 'mid-term', 'final'] as const;
/** Yearly, mid-term or final. */
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** The two parts of the Plan of Action that hold free sections (programmes live on goals). */
export const SECTION_PARTS = ['background', 'annex'] as const;
/** Background or annex. */
export type SectionPart = (typeof SECTION_PARTS)[number];

/** Allowed score values: 0 do not agree, 1 agree, 2 strongly agree. */
export const SCORE_VALUES = [0, 1, 2] as const;
/** A valid score. */
export type ScoreValue = (typeof SCORE_VALUES)[number];

/** An amount of money in one currency. Amounts are never summed across currencies. */
export interface Money {
  amount: number;
  currency: string;
}

/** A measured value at a date (indicator baseline or target). */
export interface Measure {
  value: number;
  date: string | null;
}

/** A person taking part in the process (the durable register, not live presence). */
export interface Participant {
  id: string;
  name: string;
  organisation: string;
  group: Group | null;
  committee: Committee;
  /** Only meaningful when `committee` is `imc`. */
  imcLevel: ImcLevel | null;
  gender: Gender | null;
  perspective: Perspective | null;
  archived: boolean;
  /** The register entry this person speaks for (PE4), or null. */
  stakeholderId: string | null;
}

/** A scoring criterion; editable until both committees agree the set. */
export interface Criterion {
  id: string;
  title: string;
  description: string;
  order: string;
  archived: boolean;
}

/** Something a goal needs besides its programmes (policy change, technical assistance...). */
export interface Requirement {
  id: string;
  kind: RequirementKind;
  description: string;
  order: string;
}

/** The team's SMART checklist for a goal (ticked by people, not computed). */
export interface SmartChecklist {
  specific: boolean;
  measurable: boolean;
  achievable: boolean;
  relevant: boolean;
  timeBound: boolean;
}

/** A strategic M&D goal: scored, selected, and the root of its part of the matrix. */
export interface Goal {
  id: string;
  title: string;
  order: string;
  archived: boolean;
  status: GoalStatus;
  /** Agreed priority order (1 = first); null until the committee sequences the goals. */
  priority: number | null;
  /** National development goal(s) this M&D goal serves. */
  nationalGoals: string[];
  mdGoal: string;
  objective: string;
  /** Plan of Action text: programmes and actions planned for this goal. */
  programmes: string;
  requirements: Requirement[];
  start: string | null;
  end: string | null;
  responsibleParties: string[];
  resourceTarget: Money | null;
  smart: SmartChecklist;
  /** OECD-DAC 5-digit purpose codes (IATI Sector codelist, active codes). */
  dacSectors: string[];
  /** UN SDG targets ("10.7"). */
  sdgTargets: string[];
  /** Global Compact for Migration objectives, 1-23. */
  gcmObjectives: number[];
  /** Annex C sectors the goal serves (SK3). */
  sectors: SectorId[];
  /** The library entry it was taken from (LB3), or null. */
  source: string | null;
}

/** An expected outcome of a goal. */
export interface Outcome {
  id: string;
  goalId: string;
  title: string;
  order: string;
  archived: boolean;
  responsible: string;
  /** Annex C sectors the outcome serves (SK3). */
  sectors: SectorId[];
  /** The library entry it was taken from (LB3), or null. */
  source: string | null;
}

/** An expected output (a deliverable) of an outcome. */
export interface Output {
  id: string;
  outcomeId: string;
  title: string;
  order: string;
  archived: boolean;
  responsible: string;
  /** The library entry it was taken from (LB3), or null. */
  source: string | null;
}

/** Where an activity's money comes from and how firm it is. */
export interface Funding {
  kind: FundingKind;
  /** Only for external funding; null for domestic money or when not yet known. */
  modality: FundingModality | null;
  funder: string;
  status: FundingStatus;
}

/** A link from an activity to another one it depends on. */
export interface Dependency {
  activityId: string;
  type: DependencyType;
}

/** An activity producing an output; its code (1.1, 1.2...) is derived, never stored. */
export interface Activity {
  id: string;
  outputId: string;
  title: string;
  order: string;
  archived: boolean;
  responsible: string;
  start: string | null;
  end: string | null;
  budget: Money | null;
  funding: Funding | null;
  result: string;
  risks: string;
  verification: string;
  /** Activities this one depends on; the type says how they relate in time. */
  dependencies: Dependency[];
  /** OECD-DAC 5-digit purpose codes (IATI Sector codelist, active codes). */
  dacSectors: string[];
  /** UN SDG targets ("10.7"). */
  sdgTargets: string[];
  /** Global Compact for Migration objectives, 1-23. */
  gcmObjectives: number[];
  /** The library entry it was taken from (LB3), or null. */
  source: string | null;
}

/**
 * One source of money for an activity (SPEC FN1): any number per activity. The funder is free
 * text, optionally tied to a stakeholder of the register by id.
 */
export interface FundingLine {
  id: string;
  /** The activity it funds. */
  activityId: string;
  funder: string;
  /** Id of the funder in the stakeholder register, or null (a plain id: not checked against it). */
  stakeholderId: string | null;
  /** How much (null = not yet known, never 0). */
  amount: Money | null;
  status: FundingLineStatus;
  source: FundingSource;
  /** The national budget line the money comes from ('' = not given). */
  budgetLine: string;
  /** IATI activity identifier of the donor's activity that funds it ('' = none). */
  iatiActivityId: string;
  order: string;
  archived: boolean;
}

/**
 * An exchange rate entered by the team (SPEC CU1): one unit of `currency` is worth `rate` units of
 * `quote`, from the value date `date` on.
 */
export interface ExchangeRate {
  id: string;
  currency: string;
  quote: string;
  rate: number;
  /** Value date: the first day the rate is in force. */
  date: string;
  archived: boolean;
}

/** An indicator's target for one period (SPEC IN3): the value aimed for by `end`. */
export interface PeriodTarget {
  start: string | null;
  end: string;
  value: number;
}

/** A measure attached to any matrix row: goal, outcome, output or activity (SPEC IN1). */
export interface Indicator {
  id: string;
  /** The goal, outcome, output or activity it measures. */
  nodeId: string;
  name: string;
  kind: IndicatorKind | null;
  level: IndicatorLevel | null;
  unit: string;
  baseline: Measure | null;
  target: Measure | null;
  disaggregation: string[];
  verification: string;
  source: string;
  order: string;
  archived: boolean;
  /** Quantitative (a number) or qualitative (described); null = not said. */
  measurement: IndicatorMeasurement | null;
  /** How often it is measured; null = not said. */
  frequency: IndicatorFrequency | null;
  /** Targets per period, in the order entered (SPEC IN3). */
  periodTargets: PeriodTarget[];
}

/** One participant's score for a goal on a criterion (0, 1 or 2), with an optional qualifier. */
export interface Score {
  goalId: string;
  criterionId: string;
  participantId: string;
  value: number;
  note?: string;
}

/** The score the committee agreed for a goal on a criterion; it replaces the mean. */
export interface AgreedScore {
  goalId: string;
  criterionId: string;
  value: number;
  note?: string;
}

/** What happened to one activity during a review period. */
export interface ActivityReport {
  activityId: string;
  expenditure: Money | null;
  result: string;
  progress: string;
  risksMaterialised: string;
}

/** One part of a disaggregated reading: the value for one category of one breakdown (sex: female). */
export interface ReadingPart {
  dimension: string;
  category: string;
  value: number;
}

/** The measured value of one indicator in a review period. */
export interface IndicatorReading {
  indicatorId: string;
  value: number | null;
  note: string;
  /** Actuals per disaggregation; each dimension's parts add up to `value` (SPEC IN5). */
  parts: ReadingPart[];
}

/** A review period (yearly, mid-term, final) with what was reported in it. */
export interface Review {
  id: string;
  kind: ReviewKind;
  label: string;
  start: string | null;
  end: string | null;
  archived: boolean;
  /** Whether money is reported per period or cumulatively up to `end` (SPEC RV1). */
  reporting: ReviewReporting;
  /** The snapshot (agreed version) whose targets and budgets the review measures against (SPEC RV4); null = the live plan. */
  baselineSnapshotId: string | null;
  activities: ActivityReport[];
  indicators: IndicatorReading[];
}

/** Kinds of organisation in the stakeholder register. */
export const STAKEHOLDER_TYPES = [
  'ministry',
  'government-agency',
  'local-authority',
  'parliament',
  'ngo',
  'migrant-association',
  'diaspora-association',
  'womens-organisation',
  'trade-union',
  'employers-association',
  'private-company',
  'research-institution',
  'development-partner',
  'international-organisation',
  'other',
] as const;
/** A kind of organisation. */
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

/** Voices the participation checklist asks for, besides gender and type (RP1). */
export const VOICES = ['migrant', 'diaspora', 'women', 'vulnerable-group'] as const;
/** A voice a stakeholder brings. */
export type Voice = (typeof VOICES)[number];

/** Bodies of the handbook's committee structure. */
export const BODY_KINDS = ['focal-point', 'imc', 'ncc', 'working-group', 'facilitation-team'] as const;
/** A kind of body. */
export type BodyKind = (typeof BODY_KINDS)[number];

/** What a meeting decision settled (each may link to the goals or snapshot it is about). */
export const DECISION_SUBJECTS = ['criteria-agreed', 'goals-selected', 'snapshot-endorsed', 'deliverable-agreed', 'other'] as const;
/** A decision subject. */
export type DecisionSubject = (typeof DECISION_SUBJECTS)[number];

/** Where a stage deliverable stands. */
export const DELIVERABLE_STATUSES = ['not-started', 'drafting', 'agreed-by-committee', 'endorsed'] as const;
/** A deliverable status. */
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** The 14 sectors of the handbook's Annex C (SK1), in its order (stable: stored on goals, outcomes, answers and library entries). */
export const SECTOR_IDS = [
  'governance',
  'legal-protection',
  'employment',
  'social-protection',
  'health',
  'education',
  'tertiary-education',
  'economic-growth',
  'financial-services',
  'trade',
  'agriculture',
  'infrastructure',
  'environment',
  'diaspora',
] as const;
/** One of the 14 Annex C sectors. */
export type SectorId = (typeof SECTOR_IDS)[number];

/** Answers to a gate or checklist question. */
export const ANSWER_VALUES = ['yes', 'partly', 'no', 'not-relevant'] as const;
/** An answer. */
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** Who may move the plan to another stage (ST2): facilitators only (default) or editors too. */
export const STAGE_MOVERS = ['facilitators', 'editors'] as const;
/** A stage-move setting. */
export type StageMovers = (typeof STAGE_MOVERS)[number];

/** An organisation in the stakeholder register. */
export interface Stakeholder {
  id: string;
  organisation: string;
  type: StakeholderType | null;
  group: Group | null;
  /** The ministry or agency it belongs to or speaks for ('' = none). */
  agency: string;
  /** The contact person as a pseudonym or a role, never a real name unless they choose. */
  contact: string;
  /** Gender of its representative. */
  gender: Gender | null;
  voices: Voice[];
  archived: boolean;
}

/** A body of the committee structure, with its chair and members (stakeholder ids). */
export interface Body {
  id: string;
  kind: BodyKind;
  name: string;
  /** Only meaningful for the IMC. */
  imcLevel: ImcLevel | null;
  chairId: string | null;
  members: string[];
  archived: boolean;
}

/** A meeting of a body: when, who attended (stakeholder ids). Decisions point to it. */
export interface Meeting {
  id: string;
  title: string;
  date: string | null;
  bodyId: string | null;
  attendance: string[];
  archived: boolean;
}

/** A decision taken in a meeting, linked to what it settled. */
export interface Decision {
  id: string;
  meetingId: string;
  text: string;
  subject: DecisionSubject;
  /** Goal, deliverable or snapshot ids the decision is about. */
  targets: string[];
  order: string;
  archived: boolean;
}

/** A document a stage must produce, written together. */
export interface Deliverable {
  id: string;
  stage: Stage;
  title: string;
  body: string;
  status: DeliverableStatus;
  order: string;
  archived: boolean;
}

/** The team's answer to one gate or checklist question (keyed by the question id). */
export interface Answer {
  id: string;
  value: AnswerValue | null;
  note: string;
}

/** The team's answer to one sector checklist question (SK2), keyed by the question id. */
export interface SectorAnswer {
  id: string;
  value: AnswerValue | null;
  note: string;
  /** A document, data source or link supporting the answer. */
  evidence: string;
}

/** An idea the team added to its plan's own library (LB4); searched with the built-in entries. */
export interface TeamLibraryEntry {
  id: string;
  title: string;
  objective: string;
  theme: string;
  agencies: string[];
  sectors: SectorId[];
  countries: string[];
  archived: boolean;
}

/** A free section of the Plan of Action (background item or annex). */
export interface Section {
  id: string;
  part: SectionPart;
  title: string;
  body: string;
  order: string;
  archived: boolean;
}

/** The whole plan as plain data (`roundtable-plan/1`). */
export interface PlanData {
  format: typeof PLAN_FORMAT;
  id: string;
  title: string;
  country: string | null;
  currency: string | null;
  frameworks: Framework[];
  horizonStart: string | null;
  horizonEnd: string | null;
  stage: Stage;
  /** How many selected goals still count as "a handful". */
  handful: number;
  /** Criteria are locked once both committees have agreed them. */
  criteriaAgreedByImc: boolean;
  criteriaAgreedByNcc: boolean;
  /** Exports and observers see individual named scores (facilitators set it; default off). */
  exportNamedScores: boolean;
  /** IATI reporting organisation: name ('' = not set), identifier and OrganisationType code. */
  reportingOrgName: string;
  reportingOrgRef: string | null;
  reportingOrgType: string | null;
  /** Month (1-12) the plan's fiscal year starts in (SPEC CU4; default 1 = January). */
  fiscalYearStart: number;
  /** Who may move the plan to another stage (ST2). */
  stageMovers: StageMovers;
  /** Anonymous scoring (SPEC SC20): counts instead of names wherever scores are shown; facilitators set it. */
  anonymousScoring: boolean;
  /** Default language of the plan's exports (SPEC L8; facilitators set it; default English). */
  language: Locale;
  participants: Participant[];
  criteria: Criterion[];
  goals: Goal[];
  scores: Score[];
  agreedScores: AgreedScore[];
  outcomes: Outcome[];
  outputs: Output[];
  activities: Activity[];
  indicators: Indicator[];
  reviews: Review[];
  sections: Section[];
  fundingLines: FundingLine[];
  exchangeRates: ExchangeRate[];
  stakeholders: Stakeholder[];
  bodies: Body[];
  meetings: Meeting[];
  decisions: Decision[];
  deliverables: Deliverable[];
  answers: Answer[];
  /** Discussion on the plan (SPEC CM1-CM9): written by the server only. */
  comments: Comment[];
  /** Answers to the Annex C sector checklists (SK2). */
  sectorAnswers: SectorAnswer[];
  /** The team's own library entries (LB4). */
  libraryEntries: TeamLibraryEntry[];
  /** Consultation rounds (SPEC CO1): opened and closed by facilitators. */
  consultRounds: ConsultRound[];
  /** Recommendations contributed to a round (SPEC CO2): written by the server only. */
  recommendations: Recommendation[];
  /** Support and questions on recommendations (SPEC CO4): written by the server only. */
  reactions: Reaction[];
  /** Translations of row titles and section texts, side by side (SPEC ML1). */
  translations: Translation[];
}

/** What a comment can be about: a plan item, or a score (goal x criterion, `goalId:criterionId`). */
export const COMMENT_TARGETS = ['goal', 'criterion', 'outcome', 'output', 'activity', 'indicator', 'section', 'score'] as const;
/** The kind of thing a comment is about. */
export type CommentTargetKind = (typeof COMMENT_TARGETS)[number];
/** Roles a comment's author can have had (the link's role when the server stored it). */
export const COMMENT_AUTHOR_ROLES = ['facilitator', 'editor', 'observer'] as const;

/**
 * One comment of a discussion thread (SPEC CM1). A thread is a first comment (`threadId` null)
 * and its replies (`threadId` = the first comment's id). Only the server writes comments: it sets
 * the author (the pseudonym the person chose and their link's role) and the times.
 */
export interface Comment {
  id: string;
  /** What the thread is about. */
  targetKind: CommentTargetKind;
  /** The item's id, or `goalId:criterionId` for a score. */
  targetId: string;
  /** The thread's first comment; null for the first comment itself. */
  threadId: string | null;
  body: string;
  /** Participant ids mentioned with @. */
  mentions: string[];
  /** The participant id the author's browser gave (a pseudonymous id), or null. */
  authorId: string | null;
  /** The author's pseudonym when they wrote it. */
  authorName: string;
  authorRole: (typeof COMMENT_AUTHOR_ROLES)[number];
  /** The invite link the author used ('admin' for the instance token): who may edit it. */
  authorLink: string;
  /** ISO time the server stored it. */
  createdAt: string;
  /** ISO time of the last edit by its author, or null. */
  editedAt: string | null;
  /** Deleted by its author: the body is gone, replies stay. */
  deleted: boolean;
  /** For a thread's first comment: the discussion is settled. */
  resolved: boolean;
  /** Who resolved the thread and when ('' and null when open). */
  resolvedBy: string;
  resolvedAt: string | null;
}

/** Where a consultation round meets: in the room or remote (SPEC CO1). */
export const ROUND_MODES = ['in-room', 'remote'] as const;
/** A round's way of meeting. */
export type RoundMode = (typeof ROUND_MODES)[number];
/** Whether a round takes contributions (SPEC CO1, CO3). */
export const ROUND_STATUSES = ['open', 'closed'] as const;
/** A round's status. */
export type RoundStatus = (typeof ROUND_STATUSES)[number];
/** What a recommendation can be promoted to (SPEC CO5). */
export const PROMOTION_KINDS = ['goal', 'activity'] as const;
/** A promotion target kind. */
export type PromotionKind = (typeof PROMOTION_KINDS)[number];
/** Reactions to a recommendation (SPEC CO4). */
export const REACTION_KINDS = ['support', 'question'] as const;
/** A reaction kind. */
export type ReactionKind = (typeof REACTION_KINDS)[number];

/**
 * A consultation round (SPEC CO1): a facilitator asks the participants for recommendations on a
 * theme, with 2-4 guiding questions and the product the round should yield, in the room or
 * remote, until a closing date.
 */
export interface ConsultRound {
  id: string;
  title: string;
  theme: string;
  mode: RoundMode;
  /** Last day (YYYY-MM-DD, inclusive, UTC) contributions are taken. */
  closesOn: string | null;
  /** The day it was opened. */
  openedOn: string | null;
  /** The guiding questions (2-4 when opened). */
  questions: string[];
  /** What the round should produce (a matrix of practices, model elements, proposals...). */
  product: string;
  status: RoundStatus;
  /** The starting material it was opened from (a GFMD session id), or null. */
  source: string | null;
}

/**
 * A recommendation in the form of a civil-society report (SPEC CO2): background, the policy
 * challenge and the suggested way forward, under its author's pseudonym. Only the server writes
 * it; a facilitator may promote it to a candidate goal or an activity (CO5).
 */
export interface Recommendation {
  id: string;
  roundId: string;
  title: string;
  background: string;
  challenge: string;
  wayForward: string;
  /** The stakeholder register entry the author speaks for, or null. */
  stakeholderId: string | null;
  authorId: string | null;
  authorName: string;
  authorRole: (typeof COMMENT_AUTHOR_ROLES)[number];
  authorLink: string;
  createdAt: string;
  /** Starting material it was copied from (a Civil Society Day recommendation id), or null. */
  sourceRef: string | null;
  /** What it became (CO5): a candidate goal or an activity, by id; null while not promoted. */
  promotedKind: PromotionKind | null;
  promotedId: string | null;
  promotedBy: string;
  promotedAt: string | null;
}

/** One participant's support of, or question on, a recommendation (SPEC CO4); one per person. */
export interface Reaction {
  id: string;
  recommendationId: string;
  kind: ReactionKind;
  /** The question asked ('' for support). */
  text: string;
  authorId: string | null;
  authorName: string;
  authorRole: (typeof COMMENT_AUTHOR_ROLES)[number];
  authorLink: string;
  createdAt: string;
}

/** Any node of the implementation matrix. */
export type MatrixNode = Goal | Outcome | Output | Activity;

/** Default number of selected goals above which the plan loses focus. */
export const DEFAULT_HANDFUL = 5;

/** What a translation can be about (ML1): a matrix row's title, or a Plan of Action section's title or body. */
export const TRANSLATION_TARGETS = ['goal', 'outcome', 'output', 'activity', 'section'] as const;
/** The kind of thing a translation is about. */
export type TranslationTarget = (typeof TRANSLATION_TARGETS)[number];
/** Which text of its target a translation carries (`body`: sections only). */
export const TRANSLATED_FIELDS = ['title', 'body'] as const;
/** A translated field. */
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/**
 * Translations of one text (SPEC ML1): the text of `targetKind` `targetId`'s `field` in each
 * language, beside the original (which stays on the target). `original` names the original's
 * language; null means the plan's `language` (ML2). An empty text means "no translation".
 */
export interface Translation {
  id: string;
  targetKind: TranslationTarget;
  targetId: string;
  field: TranslatedField;
  original: 'en' | 'fr' | 'es' | 'ar' | null;
  en: string;
  fr: string;
  es: string;
  ar: string;
}
