import * as Y from 'yjs';
import { parsePlanJson } from '../../../shared/schema/parse.js';
import { writePlan } from '../../../shared/schema/write.js';
import type { PlanData } from '../../../shared/schema/types.js';

/** Origin used by tests that write as a local user. */
export const ME = { source: 'local', userId: 'tester' } as const;

/** Parses a plan from minimal JSON, failing the test loudly when the JSON is refused. */
export function plan(input: Record<string, unknown>): PlanData {
  const r = parsePlanJson({ format: 'roundtable-plan/1', id: 'plan-1', title: 'Test plan', ...input });
  if (!r.ok) throw new Error(`fixture refused: ${JSON.stringify(r.problems, null, 2)}`);
  return r.value;
}

/** A hand-built Yjs update: `write` applied to a copy of `base`, encoded against `base`'s state (gate tests). */
export function craftUpdate(base: Y.Doc, write: (d: Y.Doc) => void, clientID?: number): Uint8Array {
  const d = new Y.Doc();
  if (clientID !== undefined) d.clientID = clientID;
  Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(d);
  write(d);
  return Y.encodeStateAsUpdate(d, sv);
}

/** A Y.Doc holding `data`. */
export function docOf(data: PlanData): Y.Doc {
  const doc = new Y.Doc();
  writePlan(doc, data, { source: 'server', reason: 'test' });
  return doc;
}

/**
 * The handbook's scoring table: criteria listed in the table's order (the "rally" criterion
 * first, unlike the bullet list), goal A scores 1, 2 (with a qualifier note), 2, 2 = 7 and goal
 * B scores 2, 2, 2, 2 = 8. `mode` decides whether the numbers are one participant's scores or
 * the committee's agreed scores.
 */
export function handbookScoring(mode: 'individual' | 'agreed' = 'individual'): PlanData {
  const criteria = [
    { id: 'rally', title: 'Rallies most stakeholder groups' },
    { id: 'priority', title: 'Serves a major national priority' },
    { id: 'straightforward', title: 'No major institutional change needed' },
    { id: 'independent', title: 'Does not wait on other goals' },
  ];
  const goals = [
    { id: 'water', title: 'Facilitate diaspora investment in increasing access to potable water in rural areas' },
    { id: 'refugees', title: 'Support refugees, returnees and IDPs' },
  ];
  const table: [string, string, number, string?][] = [
    ['water', 'rally', 1],
    ['water', 'priority', 2, 'if access to potable water figures high on the development agenda'],
    ['water', 'straightforward', 2],
    ['water', 'independent', 2],
    ['refugees', 'rally', 2],
    ['refugees', 'priority', 2],
    ['refugees', 'straightforward', 2],
    ['refugees', 'independent', 2],
  ];
  const cells = table.map(([goalId, criterionId, value, note]) => ({ goalId, criterionId, value, ...(note ? { note } : {}) }));
  return plan({
    participants: [{ id: 'nfp', name: 'National focal point', committee: 'imc', imcLevel: 'technical' }],
    criteria,
    goals,
    ...(mode === 'agreed' ? { agreedScores: cells } : { scores: cells.map((c) => ({ ...c, participantId: 'nfp' })) }),
  });
}

/**
 * The handbook's implementation matrix: strategic goal 1 with three outcomes of three outputs;
 * output 1 has four costed activities (10,000 + 15,000 + 6,000 + 8,000 USD), output 2 three
 * activities without costs; the other outputs are blank rows.
 */
export function handbookMatrix(): PlanData {
  const outputs = [
    { id: 'op1', outcomeId: 'oc1', title: 'Government policy on remittances and development adopted and launched' },
    { id: 'op2', outcomeId: 'oc1', title: 'Percentage of remittances sent through formal channels increased' },
    { id: 'op3', outcomeId: 'oc1', title: '' },
    { id: 'op4', outcomeId: 'oc2', title: '' },
    { id: 'op5', outcomeId: 'oc2', title: '' },
    { id: 'op6', outcomeId: 'oc2', title: '' },
    { id: 'op7', outcomeId: 'oc3', title: '' },
    { id: 'op8', outcomeId: 'oc3', title: '' },
    { id: 'op9', outcomeId: 'oc3', title: '' },
  ];
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  return plan({
    currency: 'USD',
    goals: [{ id: 'g1', title: 'Increased developmental impact of remittances' }],
    outcomes: [
      { id: 'oc1', goalId: 'g1', title: 'Productive investment of remittances increased' },
      { id: 'oc2', goalId: 'g1', title: 'Government incentives for collective investment of remittances in place' },
      { id: 'oc3', goalId: 'g1', title: '' },
    ],
    outputs,
    activities: [
      { id: 'a11', outputId: 'op1', title: 'Conduct consultations with Government and other stakeholders', budget: usd(10_000) },
      { id: 'a12', outputId: 'op1', title: 'Hold stakeholder workshop to develop draft strategy', budget: usd(15_000) },
      { id: 'a13', outputId: 'op1', title: 'Develop draft policy', budget: usd(6_000) },
      { id: 'a14', outputId: 'op1', title: 'Facilitate government endorsement and organize launch of policy', budget: usd(8_000) },
      { id: 'a21', outputId: 'op2', title: 'Organize consultation with financial institutions' },
      { id: 'a22', outputId: 'op2', title: 'Assess financial literacy of migrants and their families and develop training curriculum' },
      { id: 'a23', outputId: 'op2', title: 'Hold financial literacy training for migrants and their families' },
    ],
  });
}

/** A plan that fills every field of the format at least once (for round-trip tests). */
export function fullPlan(): PlanData {
  return plan({
    country: 'SN',
    currency: 'XOF',
    frameworks: ['prsp', 'undaf'],
    horizonStart: '2025-01-01',
    horizonEnd: '2029-12-31',
    stage: 'plan-of-action',
    handful: 4,
    criteriaAgreedByImc: true,
    criteriaAgreedByNcc: false,
    participants: [
      { id: 'p1', name: 'Aminata', organisation: 'Ministry of Planning', group: 'government', committee: 'imc', imcLevel: 'decision-making', gender: 'female', perspective: 'development', archived: false, stakeholderId: 'sh1' },
      { id: 'p2', name: 'Bakary', organisation: 'Diaspora council', group: 'diaspora', committee: 'ncc', imcLevel: null, gender: 'male', perspective: 'migration', archived: true },
    ],
    criteria: [
      { id: 'c1', title: 'Priority', description: 'Serves a national priority', order: 'a', archived: false },
      { id: 'c2', title: 'Support', description: '', order: 'b', archived: true },
    ],
    goals: [
      {
        id: 'g1',
        title: 'Remittances for development',
        order: 'm',
        archived: false,
        status: 'selected',
        priority: 1,
        nationalGoals: ['Reduce rural poverty'],
        mdGoal: 'Remittances channelled into productive investment',
        objective: 'To contribute to rural growth',
        programmes: 'Financial literacy; matching funds',
        requirements: [
          { id: 'r1', kind: 'policy-change', description: 'Lower transfer fees', order: 'a' },
          { id: 'r2', kind: 'research-and-data', description: 'Survey', order: 'b' },
        ],
        start: '2025-01-01',
        end: '2027-12-31',
        responsibleParties: ['Ministry of Finance', 'Central bank'],
        resourceTarget: { amount: 500_000, currency: 'USD' },
        smart: { specific: true, measurable: true, achievable: false, relevant: true, timeBound: true },
        sectors: ['financial-services', 'diaspora'],
      },
    ],
    scores: [
      { goalId: 'g1', criterionId: 'c1', participantId: 'p1', value: 2, note: 'if funded' },
      { goalId: 'g1', criterionId: 'c2', participantId: 'p2', value: 0 },
    ],
    agreedScores: [{ goalId: 'g1', criterionId: 'c1', value: 1, note: 'agreed in March' }],
    outcomes: [{ id: 'oc1', goalId: 'g1', title: 'Investment up', order: 'a', archived: false, responsible: 'Ministry of Finance' }],
    outputs: [{ id: 'op1', outcomeId: 'oc1', title: 'Policy adopted', order: 'a', archived: false, responsible: 'Planning unit' }],
    activities: [
      {
        id: 'a1',
        outputId: 'op1',
        title: 'Consultations',
        order: 'a',
        archived: false,
        responsible: 'NFP',
        start: '2025-02-01',
        end: '2025-04-30',
        budget: { amount: 10_000, currency: 'USD' },
        funding: { kind: 'external', modality: 'project', funder: 'IOM', status: 'secured' },
        source: 'gfmd-2b-1',
        result: 'Interests mapped',
        risks: 'Government open to a multi-stakeholder process',
        verification: 'Meeting minutes',
        dependencies: [],
      },
      {
        id: 'a2',
        outputId: 'op1',
        title: 'Workshop',
        order: 'b',
        archived: false,
        responsible: 'NFP',
        start: '2025-05-01',
        end: '2025-05-03',
        budget: { amount: 15_000, currency: 'USD' },
        funding: { kind: 'domestic', modality: null, funder: 'Treasury', status: 'pledged' },
        result: '',
        risks: '',
        verification: '',
        dependencies: [{ activityId: 'a1', type: 'chronological' }],
      },
    ],
    indicators: [
      {
        id: 'i1',
        nodeId: 'op1',
        name: '# of consultations held',
        kind: 'direct',
        level: 'output',
        unit: 'meetings',
        baseline: { value: 0, date: '2025-01-01' },
        target: { value: 12, date: '2025-06-30' },
        disaggregation: ['sex', 'region'],
        verification: 'Minutes',
        source: 'NFP records',
        order: 'a',
        archived: false,
        measurement: 'quantitative',
        frequency: 'quarterly',
        periodTargets: [{ start: '2025-01-01', end: '2025-03-31', value: 4 }, { start: null, end: '2025-06-30', value: 12 }],
      },
    ],
    reviews: [
      {
        id: 'rv1',
        kind: 'yearly',
        label: '2025',
        start: '2025-01-01',
        end: '2025-12-31',
        archived: false,
        reporting: 'cumulative',
        baselineSnapshotId: 'snap-1',
        activities: [{ activityId: 'a1', expenditure: { amount: 9_500, currency: 'USD' }, result: 'Done', progress: 'On track', risksMaterialised: 'None' }],
        indicators: [{ indicatorId: 'i1', value: 9, note: 'three more planned', parts: [{ dimension: 'sex', category: 'female', value: 5 }, { dimension: 'sex', category: 'male', value: 4 }] }],
      },
    ],
    sections: [
      { id: 's1', part: 'background', title: 'Trends', body: 'Long text', order: 'a', archived: false },
      { id: 's2', part: 'annex', title: 'Experts', body: '', order: 'b', archived: true },
    ],
    fundingLines: [
      {
        id: 'f1',
        activityId: 'a1',
        funder: 'IOM',
        stakeholderId: null,
        amount: { amount: 10_000, currency: 'USD' },
        status: 'committed',
        source: 'new-money',
        budgetLine: '',
        iatiActivityId: 'XM-DAC-47066-PRJ-1',
        order: 'a',
        archived: false,
      },
    ],
    exchangeRates: [{ id: 'x1', currency: 'USD', quote: 'XOF', rate: 600, date: '2025-01-01', archived: false }],
    stageMovers: 'editors',
    stakeholders: [
      { id: 'sh1', organisation: 'Ministry of Planning', type: 'ministry', group: 'government', agency: 'Planning directorate', contact: 'Director of planning', gender: 'female', voices: [], archived: false },
      { id: 'sh2', organisation: 'Diaspora council', type: 'diaspora-association', group: 'diaspora', agency: '', contact: 'K.', gender: 'male', voices: ['diaspora', 'migrant'], archived: false },
    ],
    bodies: [{ id: 'b1', kind: 'imc', name: 'Inter-Ministerial Committee', imcLevel: 'technical', chairId: 'sh1', members: ['sh1'], archived: false }],
    meetings: [{ id: 'm1', title: 'First IMC meeting', date: '2025-03-04', bodyId: 'b1', attendance: ['sh1', 'sh2'], archived: false }],
    decisions: [{ id: 'dc1', meetingId: 'm1', text: 'The criteria are agreed', subject: 'criteria-agreed', targets: [], order: 'a', archived: false }],
    deliverables: [{ id: 'scoping-tor', stage: 'preparatory', title: 'Scoping terms of reference', body: 'Objectives', status: 'drafting', order: 'a', archived: false }],
    answers: [{ id: 'cs-political-support', value: 'partly', note: 'Minister briefed' }],
    sectorAnswers: [{ id: 'sk-fin-4', value: 'yes', note: 'Fees near 9 %', evidence: 'Central bank survey 2024' }],
    libraryEntries: [
      { id: 'le1', title: 'Remittance price comparison site', objective: 'Lower transfer costs', theme: 'Remittances', agencies: ['Central bank'], sectors: ['financial-services'], countries: ['SN'], archived: false },
    ],
    comments: [
      {
        id: 'cm1',
        targetKind: 'activity',
        targetId: 'a1',
        threadId: null,
        body: 'Is 15,000 enough for three languages?',
        mentions: ['p1'],
        authorId: 'p2',
        authorName: 'Edem',
        authorRole: 'observer',
        authorLink: 'l2',
        createdAt: '2026-03-01T10:00:00.000Z',
        editedAt: null,
        deleted: false,
        resolved: true,
        resolvedBy: 'Fatou',
        resolvedAt: '2026-03-02T09:00:00.000Z',
      },
      {
        id: 'cm2',
        targetKind: 'activity',
        targetId: 'a1',
        threadId: 'cm1',
        body: 'Yes: printing is shared with IOM.',
        mentions: [],
        authorId: 'p1',
        authorName: 'Fatou',
        authorRole: 'facilitator',
        authorLink: 'l1',
        createdAt: '2026-03-01T11:00:00.000Z',
        editedAt: '2026-03-01T11:05:00.000Z',
        deleted: false,
        resolved: false,
        resolvedBy: '',
        resolvedAt: null,
      },
    ],
    consultRounds: [
      { id: 'cr1', title: 'Remittance costs', theme: 'Remittances', mode: 'remote', closesOn: '2026-04-01', openedOn: '2026-03-01', questions: ['Which fees hurt most?', 'Who should act?'], product: 'Recommendations', status: 'open', source: 'gfmd07-2-1' },
    ],
    recommendations: [
      {
        id: 'rc1',
        roundId: 'cr1',
        title: 'Cap transfer fees',
        background: 'Fees reach 9%',
        challenge: 'Few providers',
        wayForward: 'Cap fees at 3%',
        stakeholderId: 'sh2',
        authorId: 'p2',
        authorName: 'Edem',
        authorRole: 'observer',
        authorLink: 'l2',
        createdAt: '2026-03-02T10:00:00.000Z',
        sourceRef: null,
        promotedKind: 'goal',
        promotedId: 'g1',
        promotedBy: 'Fatou',
        promotedAt: '2026-03-03T10:00:00.000Z',
      },
    ],
    reactions: [
      { id: 'rx1', recommendationId: 'rc1', kind: 'question', text: 'Which providers?', authorId: 'p1', authorName: 'Fatou', authorRole: 'facilitator', authorLink: 'l1', createdAt: '2026-03-02T11:00:00.000Z' },
    ],
    translations: [{ id: 'tr1', targetId: 's1', targetKind: 'section', field: 'body', original: 'en', en: '', fr: 'Texte long', es: '', ar: 'نص طويل' }],
  });
}
