import { STAGES, type Answer, type Deliverable, type DeliverableStatus, type PlanData, type Stage } from '../schema/types.js';

/**
 * The planning cycle's stages with what each must produce and the questions to answer before
 * moving on (rules ST1-ST4 in shared/SPEC.md). The catalogue is the product's own wording of the
 * handbook's content (domain reference 1.2-1.5, 9.1, 9.2); the team's drafts, statuses and
 * answers live in the plan (`deliverables`, `answers`). Pure: plain plans in, plain data out.
 */

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
      { id: 'scoping-tor', title: 'Scoping terms of reference', hint: 'Objectives, activities and outputs of the scoping exercise; endorsed by the government.' },
      { id: 'scoping-report', title: 'Scoping report', hint: 'Planning frameworks and timelines, stakeholders, first M&D issues, available research and data.' },
      { id: 'mainstreaming-proposal', title: 'Mainstreaming proposal', hint: 'How the process will run and where the committee sits; its approval starts the exercise.' },
    ],
    gate: [
      { id: 'gate-prep-tor', text: 'Has the government endorsed the scoping terms of reference?' },
      { id: 'gate-prep-structure', text: 'Are the focal point, the expert facilitator and the committee in place?' },
      { id: 'gate-prep-proposal', text: 'Have the national authorities agreed the mainstreaming proposal?' },
    ],
  },
  'situation-analysis': {
    stage: 'situation-analysis',
    purpose: 'Map data, institutions, laws and the key M&D issues, and decide whether mainstreaming is warranted.',
    deliverables: [
      { id: 'assessment-tor', title: 'Terms of reference of the assessment', hint: 'What the situation analysis covers and who drafts it.' },
      { id: 'assessment-report', title: 'Assessment report', hint: 'Migration profile, institutions, legislation, data gaps, issues and options.' },
      { id: 'warranted-decision', title: 'Warranted / not warranted decision', hint: 'Whether a mainstreaming process is worth its cost, and why.' },
    ],
    gate: [
      { id: 'gate-sa-report', text: 'Has the committee discussed the assessment report?' },
      { id: 'gate-sa-warranted', text: 'Has the government decided that mainstreaming is warranted?' },
    ],
  },
  'strategic-goals': {
    stage: 'strategic-goals',
    purpose: 'Agree the criteria, score the candidate goals and set the priorities.',
    deliverables: [
      { id: 'agreed-criteria', title: 'Agreed scoring criteria', hint: 'The criteria both committees agreed, and how they were chosen.' },
      { id: 'goals-and-priorities', title: 'Strategic goals and priorities', hint: 'The selected goals in their agreed order, with the reasons.' },
    ],
    gate: [
      { id: 'gate-sg-criteria', text: 'Have the IMC and the NCC both agreed the criteria?' },
      { id: 'gate-sg-consensus', text: 'Did the committee reach consensus on the order of priorities?' },
    ],
  },
  'plan-of-action': {
    stage: 'plan-of-action',
    purpose: 'Draft the Plan of Action, hold the workshop, finalise it and have it endorsed.',
    deliverables: [
      { id: 'poa-draft', title: 'Draft Plan of Action', hint: 'Background, goals with programmes and actions, and the annexes.' },
      { id: 'poa-workshop', title: 'Plan of Action workshop report', hint: 'Who took part, what changed, what remains open.' },
      { id: 'poa-endorsement', title: 'Endorsement of the Plan of Action', hint: 'Adoption by the government, Cabinet and/or Parliament.' },
    ],
    gate: [
      { id: 'gate-poa-workshop', text: 'Has the workshop reviewed the draft with the stakeholders?' },
      { id: 'gate-poa-endorsed', text: 'Has the country authority formally endorsed the Plan of Action?' },
    ],
  },
  'capacity-and-financing': {
    stage: 'capacity-and-financing',
    purpose: 'Assess capacity, plan its development and find the money.',
    deliverables: [
      { id: 'capacity-assessment', title: 'Capacity assessment', hint: 'What institutions can and cannot yet do for the plan.' },
      { id: 'capacity-plan', title: 'Capacity development plan', hint: 'Training, technical assistance and systems, by institution.' },
      { id: 'resource-strategy', title: 'Resource mobilisation strategy', hint: 'Domestic budget lines and external sources, with a timetable.' },
      { id: 'donor-mapping', title: 'Donor mapping', hint: 'Which partners fund what, through which channel.' },
    ],
    gate: [{ id: 'gate-cf-funding', text: 'Are funding and technical assistance agreements in place or under way?' }],
  },
  implementation: {
    stage: 'implementation',
    purpose: 'Turn the plan into an implementation plan and concept papers, and lead the work.',
    deliverables: [
      { id: 'implementation-narrative', title: 'Implementation plan narrative', hint: 'Background, roles and the mechanisms that will carry the work.' },
      { id: 'concept-papers', title: 'Concept papers', hint: 'One per programme that needs funding from partners.' },
    ],
    gate: [{ id: 'gate-im-imc', text: 'Has the IMC agreed the direction, the funding gaps and the date of the implementation workshop?' }],
  },
  'monitoring-and-evaluation': {
    stage: 'monitoring-and-evaluation',
    purpose: 'Plan monitoring and evaluation and report on each review period.',
    deliverables: [
      { id: 'me-plan', title: 'M&E plan', hint: 'Indicators, sources, responsibilities and timing.' },
      { id: 'reporting-format', title: 'Reporting format', hint: 'What each institution reports, per review period.' },
      { id: 'impact-evaluation', title: 'Impact evaluation design', hint: 'Questions, comparison and data for the evaluation.' },
    ],
    gate: [{ id: 'gate-me-harmonised', text: 'Have implementing institutions and partners agreed one harmonised approach?' }],
  },
};

/** The six conditions for success, answered in the preparatory stage (ST4). */
export const CONDITIONS_CHECKLIST: readonly Question[] = [
  { id: 'cs-political-support', text: 'Is there strong political support at a high level?' },
  { id: 'cs-ownership', text: 'Does the government lead, with its priorities ahead of outside actors’ priorities?' },
  { id: 'cs-early-stakeholders', text: 'Are migrant and diaspora groups, civil society, academics, employers and partners involved from the start?' },
  { id: 'cs-shared-objectives', text: 'Is there a shared understanding of the objectives and a limited agenda?' },
  { id: 'cs-broad-participation', text: 'Is participation broad, with roles and responsibilities clearly set?' },
  { id: 'cs-timing', text: 'Is the timetable realistic, and will it be kept?' },
];

/** The participation checklist, answered in the preparatory stage (ST4). */
export const PARTICIPATION_CHECKLIST: readonly Question[] = [
  { id: 'pc-civil-society', text: 'How far will civil society and the private sector shape the Plan of Action?' },
  { id: 'pc-representative', text: 'Is the consultation representative inside and outside government, and of migration and development perspectives?' },
  { id: 'pc-timing', text: 'Does the consultation’s timing let it feed the policy process?' },
  { id: 'pc-formal', text: 'How much of what the consultation produces enters policy formally rather than at discretion?' },
  { id: 'pc-every-phase', text: 'Is participation meaningful in every phase of the cycle?' },
  { id: 'pc-migrants', text: 'Are migrant communities directly involved, and vulnerable groups (women, children, irregular migrants) represented?' },
  { id: 'pc-public', text: 'Will the public be informed in a user-friendly way (local languages, radio, television)?' },
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
