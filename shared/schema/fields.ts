import { isId } from '../ids.js';
import { isOrderKey } from '../domain/order.js';
import {
  COMMITTEES,
  DEPENDENCY_TYPES,
  FRAMEWORKS,
  FUNDING_KINDS,
  FUNDING_MODALITIES,
  FUNDING_STATUSES,
  GENDERS,
  GOAL_STATUSES,
  GROUPS,
  IMC_LEVELS,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  PERSPECTIVES,
  REQUIREMENT_KINDS,
  REVIEW_KINDS,
  SECTION_PARTS,
  STAGES,
  DEFAULT_HANDFUL,
  type Dependency,
  type Funding,
  type SmartChecklist,
} from './types.js';
import { LIMITS, hasOnlyKeys, isCountry, isCurrency, isDate, isNumber, isOneOf, isText, own, toMeasure, toMoney } from './values.js';

/**
 * Field catalogue of every entity stored as a Y.Map. It is the single description of which keys
 * are collaborative text (Y.Text) and which are last-writer-wins scalars, and how a scalar is
 * checked. The reader, the JSON parser, `writePlan` and the commands all go through it, so the
 * three doors into the doc accept exactly the same values.
 */

/** A scalar field: `parse` returns a normalised copy, or undefined when the value is not allowed. */
export interface Scalar<T = unknown> {
  parse(value: unknown): T | undefined;
  /** Value used when a field is absent (or, when reading a doc, malformed). */
  fallback: T;
  /** Short description of what is allowed, for problem messages. */
  expects: string;
}

function scalar<T>(expects: string, fallback: T, parse: (v: unknown) => T | undefined): Scalar<T> {
  return { expects, fallback, parse };
}

const text = (max: number = LIMITS.shortText) =>
  scalar<string>(`a string of at most ${max} characters`, '', (v) => (isText(v, max) ? v : undefined));
const bool = scalar<boolean>('true or false', false, (v) => (typeof v === 'boolean' ? v : undefined));
const date = scalar<string | null>('a date YYYY-MM-DD or null', null, (v) =>
  v === null ? null : isDate(v) ? v : undefined,
);
function oneOf<T extends string>(values: readonly T[], fallback: T): Scalar<T> {
  return scalar(`one of ${values.join(', ')}`, fallback, (v) => (isOneOf(values, v) ? v : undefined));
}
function oneOfOrNull<T extends string>(values: readonly T[]): Scalar<T | null> {
  return scalar<T | null>(`one of ${values.join(', ')} or null`, null, (v) =>
    v === null ? null : isOneOf(values, v) ? v : undefined,
  );
}
const money = scalar<{ amount: number; currency: string } | null>(
  'null or { amount: number >= 0, currency: ISO 4217 code }',
  null,
  (v) => (v === null ? null : (toMoney(v) ?? undefined)),
);
const measure = scalar<{ value: number; date: string | null } | null>(
  'null or { value: number, date: YYYY-MM-DD or null }',
  null,
  (v) => (v === null ? null : (toMeasure(v) ?? undefined)),
);
const textList = scalar<string[]>(
  `a list of at most ${LIMITS.smallList} short strings`,
  [],
  (v) => (Array.isArray(v) && v.length <= LIMITS.smallList && v.every((s) => isText(s)) ? [...v] : undefined),
);
const order = scalar<string>('an order key ([0-9a-z], not ending in 0)', 'i', (v) => (isOrderKey(v) ? v : undefined));

const frameworks = scalar<(typeof FRAMEWORKS)[number][]>(`a list of distinct values from ${FRAMEWORKS.join(', ')}`, [], (v) =>
  Array.isArray(v) && v.every((f) => isOneOf(FRAMEWORKS, f)) && new Set(v).size === v.length
    ? [...(v as (typeof FRAMEWORKS)[number][])]
    : undefined,
);

const handful = scalar<number>('a whole number from 1 to 100', DEFAULT_HANDFUL, (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100 ? v : undefined,
);
const priority = scalar<number | null>('a whole number from 1 to 10000 or null', null, (v) =>
  v === null ? null : typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000 ? v : undefined,
);

const smart = scalar<SmartChecklist>(
  '{ specific, measurable, achievable, relevant, timeBound } booleans',
  { specific: false, measurable: false, achievable: false, relevant: false, timeBound: false },
  (v) => {
    if (!hasOnlyKeys(v, ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'])) return undefined;
    const out: SmartChecklist = { specific: false, measurable: false, achievable: false, relevant: false, timeBound: false };
    for (const k of Object.keys(out) as (keyof SmartChecklist)[]) {
      const b = own(v, k);
      if (b === undefined) continue;
      if (typeof b !== 'boolean') return undefined;
      out[k] = b;
    }
    return out;
  },
);

const funding = scalar<Funding | null>(
  'null or { kind: domestic|external, modality?: budget-support|pooled|project|null, funder?: string, status: pledged|secured }',
  null,
  (v) => {
    if (v === null) return null;
    if (!hasOnlyKeys(v, ['kind', 'modality', 'funder', 'status'])) return undefined;
    const kind = own(v, 'kind');
    const modality = own(v, 'modality') ?? null;
    const funder = own(v, 'funder') ?? '';
    const status = own(v, 'status');
    if (!isOneOf(FUNDING_KINDS, kind) || !isOneOf(FUNDING_STATUSES, status) || !isText(funder)) return undefined;
    if (modality !== null && !(kind === 'external' && isOneOf(FUNDING_MODALITIES, modality))) return undefined;
    return { kind, modality: modality as Funding['modality'], funder, status };
  },
);

const dependencies = scalar<Dependency[]>(
  `a list of at most ${LIMITS.smallList} { activityId, type: chronological|parallel|overlapping }, one per activity`,
  [],
  (v) => {
    if (!Array.isArray(v) || v.length > LIMITS.smallList) return undefined;
    const out: Dependency[] = [];
    const seen = new Set<string>();
    for (const d of v) {
      if (!hasOnlyKeys(d, ['activityId', 'type'])) return undefined;
      const activityId = own(d, 'activityId');
      const type = own(d, 'type');
      if (!isId(activityId) || !isOneOf(DEPENDENCY_TYPES, type) || seen.has(activityId)) return undefined;
      seen.add(activityId);
      out.push({ activityId, type });
    }
    return out;
  },
);

/** Layout of one kind of Y.Map entity: its Y.Text keys and its scalar keys. */
export interface EntityFields {
  texts: readonly string[];
  scalars: Readonly<Record<string, Scalar>>;
}

function entity(texts: readonly string[], scalars: Record<string, Scalar<any>>): EntityFields {
  return { texts, scalars };
}

/** Text limits per Y.Text key; anything not listed is a short text. */
export const TEXT_LIMITS: Readonly<Record<string, number>> = {
  body: LIMITS.longText,
  programmes: LIMITS.longText,
  objective: LIMITS.longText,
  mdGoal: LIMITS.longText,
  description: LIMITS.longText,
  result: LIMITS.longText,
  risks: LIMITS.longText,
  verification: LIMITS.longText,
};

/** Maximum length of the Y.Text stored under `key`. */
export function textLimit(key: string): number {
  return TEXT_LIMITS[key] ?? LIMITS.shortText;
}

/** Fields of the `meta` root (besides `id` and `schemaVersion`). */
export const META_FIELDS = entity(['title'], {
  country: scalar<string | null>('an ISO 3166-1 alpha-2 code (e.g. "SN") or null', null, (v) =>
    v === null ? null : isCountry(v) ? v : undefined,
  ),
  currency: scalar<string | null>('an ISO 4217 code (e.g. "USD") or null', null, (v) =>
    v === null ? null : isCurrency(v) ? v : undefined,
  ),
  frameworks,
  horizonStart: date,
  horizonEnd: date,
  stage: oneOf(STAGES, 'preparatory'),
  handful,
  criteriaAgreedByImc: bool,
  criteriaAgreedByNcc: bool,
});

/** Fields of a participant (all scalars: names are short and rarely co-typed). */
export const PARTICIPANT_FIELDS = entity([], {
  name: text(),
  organisation: text(),
  group: oneOfOrNull(GROUPS),
  committee: oneOf(COMMITTEES, 'none'),
  imcLevel: oneOfOrNull(IMC_LEVELS),
  gender: oneOfOrNull(GENDERS),
  perspective: oneOfOrNull(PERSPECTIVES),
  archived: bool,
});

/** Fields of a scoring criterion: title and description are collaborative text. */
export const CRITERION_FIELDS = entity(['title', 'description'], { order, archived: bool });

const NODE_COMMON = { archived: bool };

/** Matrix node fields by kind. `kind` and `placement` are handled separately (see nodes.ts). */
export const NODE_FIELDS = {
  goal: entity(['title', 'mdGoal', 'objective', 'programmes'], {
    ...NODE_COMMON,
    status: oneOf(GOAL_STATUSES, 'candidate'),
    priority,
    nationalGoals: textList,
    start: date,
    end: date,
    responsibleParties: textList,
    resourceTarget: money,
    smart,
  }),
  outcome: entity(['title'], { ...NODE_COMMON, responsible: text() }),
  output: entity(['title'], { ...NODE_COMMON, responsible: text() }),
  activity: entity(['title', 'result', 'risks', 'verification'], {
    ...NODE_COMMON,
    responsible: text(),
    start: date,
    end: date,
    budget: money,
    funding,
    dependencies,
  }),
} as const;

/** A goal's supporting requirement, stored as one plain value (LWW as a whole). */
export const REQUIREMENT_FIELDS = {
  kind: oneOf(REQUIREMENT_KINDS, 'other'),
  description: text(LIMITS.longText),
  order,
} as const;

/** Fields of an indicator (`nodeId` is stored beside them and checked by the commands). */
export const INDICATOR_FIELDS = entity(['name', 'verification'], {
  kind: oneOfOrNull(INDICATOR_KINDS),
  level: oneOfOrNull(INDICATOR_LEVELS),
  unit: text(),
  baseline: measure,
  target: measure,
  disaggregation: textList,
  source: text(),
  order,
  archived: bool,
});

/** Fields of a review period; its entries live in the report and reading cell maps. */
export const REVIEW_FIELDS = entity([], {
  kind: oneOf(REVIEW_KINDS, 'yearly'),
  label: text(),
  start: date,
  end: date,
  archived: bool,
});

/** Fields of a Plan of Action section: title and body are collaborative text. */
export const SECTION_FIELDS = entity(['title', 'body'], {
  part: oneOf(SECTION_PARTS, 'background'),
  order,
  archived: bool,
});

/** Fields of an activity report cell (one plain value per review and activity). */
export const ACTIVITY_REPORT_FIELDS = {
  expenditure: money,
  result: text(LIMITS.longText),
  progress: text(LIMITS.longText),
  risksMaterialised: text(LIMITS.longText),
} as const;

/** Fields of an indicator reading cell (one plain value per review and indicator). */
export const INDICATOR_READING_FIELDS = {
  value: scalar<number | null>('a number or null', null, (v) => (v === null ? null : isNumber(v) ? v : undefined)),
  note: text(LIMITS.longText),
} as const;

/** Reads every field of `fields` from `get` into a plain object, falling back on bad values. */
export function readScalars(fields: Readonly<Record<string, Scalar>>, get: (key: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const raw = get(key);
    const parsed = raw === undefined ? undefined : spec.parse(raw);
    out[key] = parsed === undefined ? spec.parse(spec.fallback) : parsed;
  }
  return out;
}
