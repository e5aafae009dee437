/**
 * Validation issues (SPEC S, V; L5): one message per rule ID (`issues:<rule>`), a variant as an
 * i18next context (`V7_archived`). `{{row}}` and `{{target}}` are row labels made with the
 * reader's `diff:label.*` messages; money, dates and counts come formatted for the reader.
 * The English `message` of every issue is made from this table (`shared/domain/issue-text.ts`).
 */
const issues = {
  S1: '{{row}} points to a parent that does not exist',
  S2: '{{row}} sits under a {{parentKind}}, which breaks goal > outcome > output > activity',
  S3: '{{row}} is hidden because a node above it is archived',
  V1: '{{row}} has no outputs',
  V2: '{{row}} has no activities',
  V3: '{{row}} has no responsible party',
  V3_selected: '{{row}} is selected but has no responsible parties',
  V4: '{{row}} has no start or end date',
  V4_start: '{{row}} has no start date',
  V4_end: '{{row}} has no end date',
  V5: '{{row}} ends ({{endDate}}) before it starts ({{startDate}})',
  V5_goal: '{{row}} ends before it starts',
  V5_horizon: 'the plan horizon ends before it starts',
  V5_review: 'review "{{review}}" ends before it starts',
  V6: 'activities wait on each other in a loop: {{loop}}',
  V7: '{{row}} depends on an activity that does not exist ("{{missingId}}")',
  V7_archived: '{{row}} depends on archived {{target}}',
  V8: '{{row}} starts ({{startDate}}) before {{target}}, which must finish first, ends ({{targetEndDate}})',
  V9: 'indicator "{{indicator}}" has no target',
  V10: 'indicator "{{indicator}}" has no means of verification',
  V11: 'indicator "{{indicator}}" is attached to a matrix row that does not exist',
  V12: '{{row}} is not measurable yet: no indicator with a target on it or below it',
  V13: '{{row}} is not time-bound: its timeframe has no end date',
  V14: '{{row}}: planned activity budgets ({{planned}}) exceed its resource target ({{resourceTarget}})',
  V15: '{{row}} has money in {{currencies}}; totals are kept per currency and cannot be compared as one figure',
  V16: 'score {{value}} is not 0, 1 or 2',
  V16_agreed: 'agreed score {{value}} is not 0, 1 or 2',
  V17: 'score refers to unknown {{refs}}',
  V17_archived: 'score refers to an archived {{kinds}} and does not count',
  V18: '{{selected}} goals are selected; more than {{handful}} makes the plan lose focus',
  V19: '{{row}} is selected but names no national development goal it serves',
  V20_one: '{{row}} is selected without scores on {{n}} criterion(s)',
  V20_other: '{{row}} is selected without scores on {{n}} criterion(s)',
  V21: '{{row}} {{reasons}}',
  V22: '{{row}} has no planned budget yet (unknown, not zero)',
  V23: '{{row}} is externally funded but no funder is named',
  V24: 'review "{{review}}" reports on an activity that does not exist ("{{missingId}}")',
  V24_indicator: 'review "{{review}}" has a reading for an indicator that does not exist ("{{missingId}}")',
  V25: 'review periods "{{review}}" and "{{other}}" overlap: spending reported in both is counted once (RV2)',
  V26: '{{row}}: an overall objective usually opens with a verb such as contribute, enhance, strengthen, support or reinforce',
  V27: '{{participant}} sits on the IMC but no level (technical, data coordination, decision making) is set',
  V28: 'indicator "{{indicator}}" has a baseline dated after its target',
  /** Pieces some messages join: V21's reasons, V6's loop arrow, V15/V17 list separator. */
  part: {
    horizonStart: 'starts before the plan horizon',
    horizonEnd: 'ends after the plan horizon',
    goalStart: "starts before its goal's timeframe",
    goalEnd: "ends after its goal's timeframe",
    and: ' and ',
    arrow: ' -> ',
    comma: ', ',
  },
};

export default issues;
