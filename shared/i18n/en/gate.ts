/**
 * Why the update gate refused a change (SPEC G, ST2, CM2, CO1, CO2; L25), by rule and code:
 * `<code>` is the rule's own sentence (all a server close `<rule> <code>` carries), `<code>_<variant>`
 * the sentence for what the browser's precheck knows more precisely (`words` of a `Refusal`).
 * Loaded only when a refusal is shown, never on the first screen.
 */
export default {
  G1: {
    'unknown-place': 'this change lands where nothing of the plan lives',
    'unknown-place_field': '{{place}}: nothing of the plan lives at “{{field}}”',
  },
  G2: {
    incomplete: 'this change depends on content the server does not have',
  },
  G3: {
    'lock-flag': 'only a facilitator may agree the criteria or withdraw an agreement',
  },
  G4: {
    'server-key': 'this part of the plan is set by the server only',
    'server-key_field': 'the plan’s “{{field}}” is set by the server only',
  },
  G5: {
    'criteria-locked': 'the criteria are locked: both committees have agreed them',
  },
  G6: {
    'foreign-score': 'a connection may only write the score cells of its own participant',
  },
  G7: {
    'agreed-score': 'only a facilitator may record an agreed score',
  },
  G8: {
    'out-of-domain': 'this value is not allowed here',
    'out-of-domain_field': '{{place}}: “{{field}}” does not take this value',
    'out-of-domain_place': '{{place}}: this value does not fit',
    'out-of-domain_requirement': 'a requirement must hold a kind, a description and an order, each valid',
  },
  G9: {
    'too-long': 'a text is longer than the plan allows',
    'too-long_field': '{{place}}: “{{field}}” may hold at most {{limit}} characters',
  },
  G10: {
    'plan-too-large': 'the plan would grow past the largest size this server stores',
    'plan-too-large_size': 'the plan may not grow past {{bytes}} bytes',
  },
  G11: {
    'foreign-client': 'this change was written under the id of another open connection',
  },
  G12: {
    'facilitator-setting': 'only a facilitator may change this setting of the plan',
    'facilitator-setting_anonymous': 'only a facilitator may switch anonymous scoring on or off',
    'facilitator-setting_named': 'only a facilitator may change who sees individual named scores',
    'facilitator-setting_language': 'only a facilitator may change the plan’s export language',
  },
  ST2: {
    'stage-move': 'only a facilitator may move the plan to another stage',
    'facilitator-setting': 'only a facilitator may change who moves the plan to another stage',
  },
  CM2: {
    'server-only': 'comments are written through the comment box, never as direct changes to the plan',
  },
  CO1: {
    'facilitator-only': 'only a facilitator may open, change or close a consultation round',
  },
  CO2: {
    'server-only': 'recommendations, support and questions are written through the consultation panel, never as direct changes to the plan',
  },
  imports: {
    reviewUnbound: 'Review "{{review}}" was measured against snapshot {{snapshot}}, which this plan does not have: it is now measured against the live plan.',
    scoresNoCode: 'The Scores sheet has no "{{column}}" column (a workbook from an earlier Roundtable), so goal statuses were not read.',
    agreedScoresKept: "The workbook's agreed scores were not imported: this plan keeps its own criteria, participants and scores (import the workbook as a new plan to bring them).",
    namedScoresKept: "The workbook's named scores were not imported: this plan keeps its own criteria, participants and scores (import the workbook as a new plan to bring them).",
    allScoresKept: "The workbook's agreed scores and named scores were not imported: this plan keeps its own criteria, participants and scores (import the workbook as a new plan to bring them).",
    meansOnly_one: '{{count}} score in the Scores sheet is a mean of individual scores, which this workbook does not name (named scores were not allowed where it was exported): no individual scores or participants were imported, and goals count their agreed scores only.',
    meansOnly_other: '{{count}} scores in the Scores sheet are means of individual scores, which this workbook does not name (named scores were not allowed where it was exported): no individual scores or participants were imported, and goals count their agreed scores only.',
  },
  problems: {
    notNumber: '"{{column}}" must be a number, not "{{value}}".',
    notDate: '"{{column}}" must be a date (YYYY-MM-DD), not "{{value}}".',
    notOneOf: '"{{column}}" must be one of {{allowed}}, not "{{value}}".',
    noHeader: 'The sheet has no header row with the columns {{columns}}.',
    moreProblems_one: '{{count}} more problem not listed.',
    moreProblems_other: '{{count}} more problems not listed.',
    notGoalCode: '"{{code}}" is not the code of a goal in the Matrix sheet.',
    notActivityCode: '"{{code}}" is not the code of an activity in the Matrix sheet.',
    notMatrixCode: '"{{code}}" is not the code of a goal, outcome, output or activity in the Matrix sheet.',
    duplicateCode: 'The code {{code}} is also on row {{row}}; codes must be unique.',
    noReviewSheet: 'There is no sheet "{{sheet}}" with this review\'s monitoring matrix.',
    negativeBudget: 'A planned budget cannot be negative.',
    notWorkbook: 'This is not an Excel workbook that can be read (a .xlsx file is a zip archive).',
    noMatrixSheet: 'The workbook has no "Matrix" sheet, and no sheet has the columns {{columns}} in its first 10 rows.',
  },
  problemPlace: {
    sheet: 'sheet {{sheet}}',
    row: 'row {{row}}',
    column: 'column {{column}}',
  },
  places: {
    meta: 'the plan',
    participants: 'a participant',
    criteria: 'a criterion',
    nodes: 'a row of the matrix',
    scores: 'a score',
    agreed: 'an agreed score',
    indicators: 'an indicator',
    reviews: 'a review',
    activityReports: 'an activity report',
    indicatorReadings: 'an indicator reading',
    sections: 'a section of the Plan of Action',
    fundingLines: 'a funding line',
    exchangeRates: 'an exchange rate',
    stakeholders: 'a stakeholder',
    bodies: 'a body',
    meetings: 'a meeting',
    decisions: 'a decision',
    deliverables: 'a deliverable',
    answers: 'an answer',
    comments: 'a comment',
    sectorAnswers: 'a sector checklist answer',
    libraryEntries: 'a library entry',
    consultRounds: 'a consultation round',
    recommendations: 'a recommendation',
    reactions: 'a reaction',
    translations: 'a translation',
  },
};
