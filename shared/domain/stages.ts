import enStages from '../i18n/en/stages.js';
import type { Translate } from './diff.js';
import { STAGES, type Answer, type Deliverable, type DeliverableStatus, type PlanData, type Stage } from '../schema/types.js';

/**
 * The planning cycle's stages with what each must produce and the questions to answer before
 * moving on (rules ST1-ST4 in shared/SPEC.md). The catalogue is the product's own wording of the
 * handbook's content (domain reference 1.2-1.5, 9.1, 9.2); the team's drafts, statuses and
 * answers live in the plan (`deliverables`, `answers`). Pure: plain plans in, plain data out.
 */

/** A handbook deliverable's id (a key of the `stages` catalogue). */
export type DeliverableId = keyof typeof enStages.deliverables;
/** A built-in question's id (a key of the `stages` catalogue). */
export type QuestionId = keyof typeof enStages.questions;

/** The handbook deliverable `id` with its English title and hint, from the `stages` catalogue (L9). */
const deliverable = (id: DeliverableId): DeliverableDef => ({ id, ...enStages.deliverables[id] });
/** The built-in question `id` with its English text, from the `stages` catalogue (L9). */
const question = (id: QuestionId): Question => ({ id, text: enStages.questions[id] });

/** A deliverable the handbook names for a stage (its plan entry has the same id once started). */
export interface DeliverableDef {
  id: string;
  title: string;
  /** One line on what the document holds. */
  hint: string;
}

/** A question the team answers (gate questions and the preparatory checklists). */
export interface Question {
  id: string;
  text: string;
}

/** What one stage asks for. */
export interface StageDef {
  stage: Stage;
  /** What the stage is for, in one line (English; screens show `cycle:purposes.<stage>`, kept in step). */
  purpose: string;
  deliverables: readonly DeliverableDef[];
  /** Questions to answer before the plan moves past this stage (ST3). */
  gate: readonly Question[];
}

/** The catalogue: every stage in cycle order (ST1). */
export const STAGE_DEFS: Readonly<Record<Stage, StageDef>> = {
  preparatory: {
    stage: 'preparatory',
    purpose: 'Raise awareness, set up the core team and committees, run the scoping exercise and agree the proposal.',
    deliverables: [
      deliverable('scoping-tor'),
      deliverable('scoping-report'),
      deliverable('mainstreaming-proposal'),
    ],
    gate: [
      question('gate-prep-tor'),
      question('gate-prep-structure'),
      question('gate-prep-proposal'),
    ],
  },
  'situation-analysis': {
    stage: 'situation-analysis',
    purpose: 'Map data, institutions, laws and the key M&D issues, and decide whether mainstreaming is warranted.',
    deliverables: [
      deliverable('assessment-tor'),
      deliverable('assessment-report'),
      deliverable('warranted-decision'),
    ],
    gate: [
      question('gate-sa-report'),
      question('gate-sa-warranted'),
    ],
  },
  'strategic-goals': {
    stage: 'strategic-goals',
    purpose: 'Agree the criteria, score the candidate goals and set the priorities.',
    deliverables: [
      deliverable('agreed-criteria'),
      deliverable('goals-and-priorities'),
    ],
    gate: [
      question('gate-sg-criteria'),
      question('gate-sg-consensus'),
    ],
  },
  'plan-of-action': {
    stage: 'plan-of-action',
    purpose: 'Draft the Plan of Action, hold the workshop, finalise it and have it endorsed.',
    deliverables: [
      deliverable('poa-draft'),
      deliverable('poa-workshop'),
      deliverable('poa-endorsement'),
    ],
    gate: [
      question('gate-poa-workshop'),
      question('gate-poa-endorsed'),
    ],
  },
  'capacity-and-financing': {
    stage: 'capacity-and-financing',
    purpose: 'Assess capacity, plan its development and find the money.',
    deliverables: [
      deliverable('capacity-assessment'),
      deliverable('capacity-plan'),
      deliverable('resource-strategy'),
      deliverable('donor-mapping'),
    ],
    gate: [question('gate-cf-funding')],
  },
  implementation: {
    stage: 'implementation',
    purpose: 'Turn the plan into an implementation plan and concept papers, and lead the work.',
    deliverables: [
      deliverable('implementation-narrative'),
      deliverable('concept-papers'),
    ],
    gate: [question('gate-im-imc')],
  },
  'monitoring-and-evaluation': {
    stage: 'monitoring-and-evaluation',
    purpose: 'Plan monitoring and evaluation and report on each review period.',
    deliverables: [
      deliverable('me-plan'),
      deliverable('reporting-format'),
      deliverable('impact-evaluation'),
    ],
    gate: [question('gate-me-harmonised')],
  },
};

/** The six conditions for success, answered in the preparatory stage (ST4). */
export const CONDITIONS_CHECKLIST: readonly Question[] = [
  question('cs-political-support'),
  question('cs-ownership'),
  question('cs-early-stakeholders'),
  question('cs-shared-objectives'),
  question('cs-broad-participation'),
  question('cs-timing'),
];

/** The participation checklist, answered in the preparatory stage (ST4). */
export const PARTICIPATION_CHECKLIST: readonly Question[] = [
  question('pc-civil-society'),
  question('pc-representative'),
  question('pc-timing'),
  question('pc-formal'),
  question('pc-every-phase'),
  question('pc-migrants'),
  question('pc-public'),
];

/** The checklists of the preparatory stage, with their headings. */
export const PREPARATORY_CHECKLISTS: readonly { id: 'conditions' | 'participation'; title: string; questions: readonly Question[] }[] = [
  { id: 'conditions', title: 'Conditions for success', questions: CONDITIONS_CHECKLIST },
  { id: 'participation', title: 'Participation checklist', questions: PARTICIPATION_CHECKLIST },
];

/** Human words for a deliverable status. */
export const DELIVERABLE_STATUS_LABELS: Readonly<Record<DeliverableStatus, string>> = {
  'not-started': 'Not started',
  drafting: 'Drafting',
  'agreed-by-committee': 'Agreed by committee',
  endorsed: 'Endorsed',
};

/** A deliverable as a stage shows it: the catalogue entry or the team's own, with its plan entry if any. */
export interface StageDeliverable {
  id: string;
  title: string;
  hint: string;
  /** The plan's entry (null until someone starts it: status "not started"). */
  entry: Deliverable | null;
  status: DeliverableStatus;
  /** True for the handbook's deliverables, false for ones the team added. */
  fromHandbook: boolean;
}

/**
 * ST1: the deliverables of `stage`: the handbook's, in catalogue order (each with its plan entry
 * when started, else "not started"), then the team's own live entries for that stage by order.
 * An archived entry of a handbook deliverable shows as not started.
 */
export function stageDeliverables(plan: PlanData, stage: Stage): StageDeliverable[] {
  const byId = new Map(plan.deliverables.filter((d) => !d.archived).map((d) => [d.id, d]));
  const known = new Set<string>();
  const out: StageDeliverable[] = [];
  for (const def of STAGE_DEFS[stage].deliverables) {
    known.add(def.id);
    const entry = byId.get(def.id) ?? null;
    out.push({ id: def.id, title: entry?.title || def.title, hint: def.hint, entry, status: entry?.status ?? 'not-started', fromHandbook: true });
  }
  const handbookIds = new Set(STAGES.flatMap((s) => STAGE_DEFS[s].deliverables.map((d) => d.id)));
  for (const d of plan.deliverables) {
    if (d.archived || d.stage !== stage || known.has(d.id) || handbookIds.has(d.id)) continue;
    out.push({ id: d.id, title: d.title, hint: '', entry: d, status: d.status, fromHandbook: false });
  }
  return out;
}

/** A deliverable's words for one reader (L9). */
export interface DeliverableWords {
  title: string;
  hint: string;
  /** True when the title is the catalogue's own (translated); false when it shows as someone typed it. */
  builtIn: boolean;
}

/**
 * L9: a stage deliverable in the reader's language (`tr`: the browser's `t`). A handbook
 * deliverable shows the `stages` catalogue's title while its stored title is the catalogue's own
 * English one (or empty), and always the catalogue's hint; a title someone changed, and the
 * team's own deliverables, show exactly as typed (ST5 keeps typed words, never rewords them).
 */
export function deliverableWords(d: StageDeliverable, tr: Translate): DeliverableWords {
  const def = d.fromHandbook ? deliverableDef(d.id)?.def : undefined;
  if (!def) return { title: d.title, hint: d.hint, builtIn: false };
  const stored = d.entry?.title ?? '';
  const builtIn = stored.trim() === '' || stored === def.title;
  return {
    title: builtIn ? tr(`stages:deliverables.${def.id}.title`, { defaultValue: def.title }) : stored,
    hint: tr(`stages:deliverables.${def.id}.hint`, { defaultValue: def.hint }),
    builtIn,
  };
}

/** L9: a built-in question (gate or checklist) in the reader's language; an unknown id keeps its English text. */
export function questionWords(q: Question, tr: Translate): string {
  return tr(`stages:questions.${q.id}`, { defaultValue: q.text });
}

/** The handbook deliverable with `id`, and its stage, or null. */
export function deliverableDef(id: string): { stage: Stage; def: DeliverableDef } | null {
  for (const stage of STAGES) {
    const def = STAGE_DEFS[stage].deliverables.find((d) => d.id === id);
    if (def) return { stage, def };
  }
  return null;
}

/** Every question id the product asks (gate questions of every stage and the two checklists). */
export function allQuestions(): Question[] {
  return [...STAGES.flatMap((s) => STAGE_DEFS[s].gate), ...CONDITIONS_CHECKLIST, ...PARTICIPATION_CHECKLIST];
}

/** The answers of a plan by question id (ST3: an answer with a null value is not an answer). */
export function answersById(plan: PlanData): Map<string, Answer> {
  return new Map(plan.answers.filter((a) => a.value !== null).map((a) => [a.id, a]));
}

/**
 * L13: the number a stage carries wherever it is shown (the stage bar, its phone menu, the stage
 * heading): the preparatory phase has none (0), the stages after it are 1 to 6 in cycle order.
 */
export function stageNumber(stage: Stage): number {
  return Math.max(0, STAGES.indexOf(stage));
}

/** What a stage move would leave behind (ST3). */
export interface StageMoveCheck {
  from: Stage;
  to: Stage;
  /** True when `to` comes after `from` in the cycle. */
  forward: boolean;
  /** Gate questions of the stages being left behind (from `from` up to, not including, `to`) with no answer. */
  unanswered: { stage: Stage; question: Question }[];
  /** Gate questions answered "no" in those stages. */
  answeredNo: { stage: Stage; question: Question }[];
}

/**
 * ST3: checks a move of the plan from its current stage to `to`. Moving forward past stages
 * whose gate questions are unanswered (or answered "no") warns; it never blocks, since only the
 * committee knows whether it may go on. Moving back checks nothing.
 */
export function checkStageMove(plan: PlanData, to: Stage): StageMoveCheck {
  const from = plan.stage;
  const i = STAGES.indexOf(from);
  const j = STAGES.indexOf(to);
  const answers = answersById(plan);
  const unanswered: StageMoveCheck['unanswered'] = [];
  const answeredNo: StageMoveCheck['answeredNo'] = [];
  for (const stage of STAGES.slice(i, Math.max(i, j))) {
    for (const question of STAGE_DEFS[stage].gate) {
      const a = answers.get(question.id);
      if (!a) unanswered.push({ stage, question });
      else if (a.value === 'no') answeredNo.push({ stage, question });
    }
  }
  return { from, to, forward: j > i, unanswered, answeredNo };
}

/** ST4: how the conditions for success stand, and whether the handbook's advice to step back applies. */
export interface ConditionsCheck {
  answered: number;
  met: number;
  notMet: number;
  /** More than half of the six conditions are answered "no": consider putting building blocks in place first. */
  stepBack: boolean;
}

/** ST4: counts the conditions-for-success answers ("yes" meets, "no" does not, "partly" neither). */
export function checkConditions(plan: PlanData): ConditionsCheck {
  const answers = answersById(plan);
  let answered = 0;
  let met = 0;
  let notMet = 0;
  for (const q of CONDITIONS_CHECKLIST) {
    const a = answers.get(q.id);
    if (!a) continue;
    answered++;
    if (a.value === 'yes') met++;
    if (a.value === 'no') notMet++;
  }
  return { answered, met, notMet, stepBack: notMet > CONDITIONS_CHECKLIST.length / 2 };
}
