/**
 * Why an imported workbook was refused, problem by problem (SPEC L35): a code and parameters the
 * browser words in the reader's language (`gate:problems.<code>`), next to the English `message`
 * kept for API users. A problem without a code is shown by its message.
 */

/** The codes of import problems; each has a message `gate:problems.<code>` in every catalogue (L35). */
export const IMPORT_PROBLEM_CODES = [
  'notNumber',
  'notDate',
  'notOneOf',
  'noHeader',
  'moreProblems',
  'notGoalCode',
  'notActivityCode',
  'notMatrixCode',
  'duplicateCode',
  'noReviewSheet',
  'negativeBudget',
  'notWorkbook',
  'noMatrixSheet',
  // The rarer workbook problems (L43).
  'badCode',
  'unknownSectors',
  'twoBudgets',
  'needsFundingStatus',
  'needsFundingKind',
  'noParent',
  'notDependency',
  'badDependencyType',
  'translationNoOriginal',
  'originalSameLanguage',
  'notPeriodTarget',
  'notSnapshotId',
  'sheetTwice',
  'twoExpenditures',
  'negativeExpenditure',
  'noIndicator',
  'notBreakdown',
  'goalTwice',
  'notCriterionNumber',
  'criterionTwice',
  'notCriterion',
  'noCriteriaSheet',
  'emptyScore',
  'notScore',
  'agreedTwice',
  'noParticipantName',
  'participantDiffers',
  'scoredTwice',
  // A JSON plan file's problems (`schema/parse.ts`, L43).
  'notJson',
  'jsonTooLong',
  'notJsonObject',
  'tooManyValues',
  'tooDeep',
  'wrongFormat',
  'notObject',
  'unknownField',
  'missingField',
  'badValue',
  'notId',
  'notArray',
  'tooManyItems',
  'notList',
  'duplicateId',
  'nodeIdUsed',
  'secondEntry',
  'secondCell',
  'selfDependency',
  'noSuchItem',
] as const;

/** One import problem's code. */
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** A problem's code and parameters (names and cell texts as found, `count`/`row` whole numbers). */
export interface ImportProblemWords {
  code: ImportProblemCode;
  params: Record<string, string | number>;
}

/**
 * True when `code` has the shape of a problem code (1-40 letters): what the browser keeps of an answer.
 * It does not hold the list of codes, which stays out of the first screen (SPEC BL5); a code this
 * page's catalogue does not know reads as the problem's English message.
 */
export function isProblemCodeShape(code: unknown): code is ImportProblemCode {
  return typeof code === 'string' && /^[A-Za-z]{1,40}$/.test(code) && !(code in Object.prototype);
}

/** True when `code` is a known import problem code. */
export function isImportProblemCode(code: unknown): code is ImportProblemCode {
  return (IMPORT_PROBLEM_CODES as readonly unknown[]).includes(code);
}

/** The parameters of an untrusted problem when they are short strings or finite numbers, else null. */
export function problemParamsOf(value: unknown): Record<string, string | number> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 20) return null;
  return entries.every(([, p]) => (typeof p === 'string' && p.length <= 500) || (typeof p === 'number' && Number.isFinite(p)))
    ? (Object.fromEntries(entries) as Record<string, string | number>)
    : null;
}
