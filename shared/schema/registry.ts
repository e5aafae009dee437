import { isId } from '../ids.js';
import { isOrderKey } from '../domain/order.js';
import {
  COMMITTEES,
  DEPENDENCY_TYPES,
  FRAMEWORKS,
  FUNDING_KINDS,
  FUNDING_LINE_STATUSES,
  FUNDING_SOURCES,
  FUNDING_MODALITIES,
  FUNDING_STATUSES,
  GENDERS,
  GOAL_STATUSES,
  GROUPS,
  IMC_LEVELS,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  INDICATOR_MEASUREMENTS,
  INDICATOR_FREQUENCIES,
  REVIEW_REPORTINGS,
  PERSPECTIVES,
  REQUIREMENT_KINDS,
  REVIEW_KINDS,
  SECTION_PARTS,
  STAGES,
  STAKEHOLDER_TYPES,
  VOICES,
  BODY_KINDS,
  DECISION_SUBJECTS,
  DELIVERABLE_STATUSES,
  ANSWER_VALUES,
  STAGE_MOVERS,
  COMMENT_TARGETS,
  COMMENT_AUTHOR_ROLES,
  ROUND_MODES,
  ROUND_STATUSES,
  PROMOTION_KINDS,
  REACTION_KINDS,
  TRANSLATION_TARGETS,
  TRANSLATED_FIELDS,
  DEFAULT_HANDFUL,
  SCORE_VALUES,
  type NodeKind,
  type Dependency,
  type Funding,
  type SmartChecklist,
} from './types.js';
import type { ROOT } from './roots.js';
import { GCM_OBJECTIVE_COUNT, activeCodeIds, codelistTitle, isActiveCode, type CodelistName } from '../codelists/codes.js';
import { SECTOR_IDS, type SectorId } from './types.js';
import { LIMITS, hasOnlyKeys, isCountry, isCurrency, isDate, isNumber, isOneOf, isText, own, toMeasure, toMoney } from './values.js';
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales.js';

/**
 * The registry of plan entities (rules R1-R6 in shared/SPEC.md). For every entity it says where
 * it lives in the doc, where it sits in the JSON, how it is keyed, what it points to, how it is
 * ordered, and every field with its checks. `readPlan`, `writePlan`, `parsePlanJson`,
 * `canonicalPlan`, the semantic diff, `TextRef` and the generic commands all read it, and the
 * JSON Schema file is generated from it, so the doors into the doc accept exactly the same values.
 */

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A scalar field: `parse` returns a normalised copy, or undefined when the value is not allowed. */
export interface Scalar<T = unknown> {
  parse(value: unknown): T | undefined;
  /** Value used when a field is absent (or, when reading a doc, malformed). */
  fallback: T;
  /** Short description of what is allowed, for problem messages. */
  expects: string;
  /** JSON Schema fragment accepting the JSON values `parse` accepts (R2); `$ref`s point into SCHEMA_DEFS. */
  schema: JsonSchema;
}

function scalar<T>(expects: string, fallback: T, schema: JsonSchema, parse: (v: unknown) => T | undefined): Scalar<T> {
  return { expects, fallback, schema, parse };
}

/** Shape of an IATI organisation identifier (agency prefix, then the number; no spaces, / & | ?). */
export const IATI_ORG_REF = /^[A-Z]{2}-[A-Za-z0-9]+-[^\s/&|?]{1,80}$/;

const ref = (name: keyof typeof SCHEMA_DEFS): JsonSchema => ({ $ref: `#/$defs/${name}` });
const orNull = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });
const number = { type: 'number', minimum: -LIMITS.maxNumber, maximum: LIMITS.maxNumber } as const;

/**
 * Shared JSON Schema definitions the scalars refer to. Two checks of the parser cannot be said in
 * JSON Schema and are left to `parsePlanJson`: a date must exist on the calendar (not 2026-02-30),
 * and a list of dependencies names each activity once.
 */
export const SCHEMA_DEFS = {
  id: {
    type: 'string',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
    not: { enum: ['__proto__', 'constructor', 'prototype'] },
    description: '1-64 characters of A-Z a-z 0-9 _ -',
  },
  date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar date YYYY-MM-DD' },
  country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' },
  order: { type: 'string', pattern: '^[0-9a-z]{0,999}[1-9a-z]$', description: 'fractional order key among siblings' },
  money: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    properties: { amount: { type: 'number', minimum: 0, maximum: LIMITS.maxNumber }, currency: { $ref: '#/$defs/currency' } },
  },
  measure: {
    type: 'object',
    additionalProperties: false,
    required: ['value'],
    properties: { value: number, date: { oneOf: [{ $ref: '#/$defs/date' }, { type: 'null' }] } },
  },
  dacSector: {
    enum: [...activeCodeIds('Sector')],
    description: 'an active OECD-DAC 5-digit purpose code (IATI Sector codelist)',
  },
  sdgTarget: { enum: [...activeCodeIds('UNSDG-Targets')], description: 'a UN SDG target (IATI UNSDG-Targets codelist)' },
  organisationType: { enum: [...activeCodeIds('OrganisationType')], description: 'an IATI OrganisationType code' },
  iatiOrgRef: {
    type: 'string',
    pattern: IATI_ORG_REF.source,
    maxLength: 100,
    description: 'an IATI organisation identifier: registration agency prefix and number, e.g. XM-DAC-47066',
  },
} as const satisfies Record<string, JsonSchema>;

/** A string scalar of at most `max` characters (default: a short text). */
export const text = (max: number = LIMITS.shortText): Scalar<string> =>
  scalar<string>(`a string of at most ${max} characters`, '', { type: 'string', maxLength: max }, (v) => (isText(v, max) ? v : undefined));
const bool = scalar<boolean>('true or false', false, { type: 'boolean' }, (v) => (typeof v === 'boolean' ? v : undefined));
const date = scalar<string | null>('a date YYYY-MM-DD or null', null, orNull(ref('date')), (v) =>
  v === null ? null : isDate(v) ? v : undefined,
);
function oneOf<T extends string>(values: readonly T[], fallback: T): Scalar<T> {
  return scalar(`one of ${values.join(', ')}`, fallback, { enum: [...values] }, (v) => (isOneOf(values, v) ? v : undefined));
}
function oneOfOrNull<T extends string>(values: readonly T[]): Scalar<T | null> {
  return scalar<T | null>(`one of ${values.join(', ')} or null`, null, { enum: [...values, null] }, (v) =>
    v === null ? null : isOneOf(values, v) ? v : undefined,
  );
}
const money = scalar<{ amount: number; currency: string } | null>(
  'null or { amount: number >= 0, currency: ISO 4217 code }',
  null,
  orNull(ref('money')),
  (v) => (v === null ? null : (toMoney(v) ?? undefined)),
);
const measure = scalar<{ value: number; date: string | null } | null>(
  'null or { value: number, date: YYYY-MM-DD or null }',
  null,
  orNull(ref('measure')),
  (v) => (v === null ? null : (toMeasure(v) ?? undefined)),
);
const textList = scalar<string[]>(
  `a list of at most ${LIMITS.smallList} short strings`,
  [],
  { type: 'array', maxItems: LIMITS.smallList, items: { type: 'string', maxLength: LIMITS.shortText } },
  (v) => (Array.isArray(v) && v.length <= LIMITS.smallList && v.every((s) => isText(s)) ? [...v] : undefined),
);
const order = scalar<string>('an order key ([0-9a-z], not ending in 0)', 'i', ref('order'), (v) => (isOrderKey(v) ? v : undefined));

/** An id or null (a link that may be empty). */
const idOrNull = scalar<string | null>('an id or null', null, orNull(ref('id')), (v) => (v === null ? null : isId(v) ? v : undefined));
/** Most ids one list field holds (members, attendance, decision targets). */
export const MAX_LINKS = 500;
/** A list of distinct ids (members, attendance); links that name nothing are ignored by the rules that read them. */
const idList = scalar<string[]>(
  `a list of at most ${MAX_LINKS} distinct ids`,
  [],
  { type: 'array', uniqueItems: true, maxItems: MAX_LINKS, items: ref('id') },
  (v) => (Array.isArray(v) && v.length <= MAX_LINKS && v.every((x) => isId(x)) && new Set(v).size === v.length ? [...(v as string[])] : undefined),
);
const voices = scalar<(typeof VOICES)[number][]>(
  `a list of distinct values from ${VOICES.join(', ')}`,
  [],
  { type: 'array', uniqueItems: true, items: { enum: [...VOICES] } },
  (v) => (Array.isArray(v) && v.every((x) => isOneOf(VOICES, x)) && new Set(v).size === v.length ? [...(v as (typeof VOICES)[number][])] : undefined),
);

/** A list of distinct Annex C sector ids (SK3). */
const sectorList = scalar<SectorId[]>(
  `a list of distinct sector ids from ${SECTOR_IDS.join(', ')}`,
  [],
  { type: 'array', uniqueItems: true, items: { enum: [...SECTOR_IDS] } },
  (v) => (Array.isArray(v) && v.every((x) => isOneOf(SECTOR_IDS, x)) && new Set(v).size === v.length ? [...(v as SectorId[])] : undefined),
);

const frameworks = scalar<(typeof FRAMEWORKS)[number][]>(
  `a list of distinct values from ${FRAMEWORKS.join(', ')}`,
  [],
  { type: 'array', uniqueItems: true, items: { enum: [...FRAMEWORKS] } },
  (v) =>
    Array.isArray(v) && v.every((f) => isOneOf(FRAMEWORKS, f)) && new Set(v).size === v.length
      ? [...(v as (typeof FRAMEWORKS)[number][])]
      : undefined,
);

/** Most codes one goal or activity carries from one codelist. */
export const MAX_CODES = 20;

/** A list of distinct active codes of an IATI codelist (SPEC I1), at most MAX_CODES. */
function codeList(list: CodelistName, def: 'dacSector' | 'sdgTarget'): Scalar<string[]> {
  return scalar<string[]>(
    `a list of at most ${MAX_CODES} distinct active codes of the IATI ${codelistTitle(list)} codelist`,
    [],
    { type: 'array', uniqueItems: true, maxItems: MAX_CODES, items: ref(def) },
    (v) =>
      Array.isArray(v) && v.length <= MAX_CODES && v.every((c) => typeof c === 'string' && isActiveCode(list, c)) && new Set(v).size === v.length
        ? [...(v as string[])]
        : undefined,
  );
}
const dacSectors = codeList('Sector', 'dacSector');
const sdgTargets = codeList('UNSDG-Targets', 'sdgTarget');
const gcmObjectives = scalar<number[]>(
  `a list of distinct Global Compact for Migration objective numbers 1-${GCM_OBJECTIVE_COUNT}`,
  [],
  { type: 'array', uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: GCM_OBJECTIVE_COUNT } },
  (v) =>
    Array.isArray(v) &&
    v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= GCM_OBJECTIVE_COUNT) &&
    new Set(v).size === v.length
      ? [...(v as number[])]
      : undefined,
);

function wholeNumber(min: number, max: number, fallback: number): Scalar<number> {
  return scalar<number>(`a whole number from ${min} to ${max}`, fallback, { type: 'integer', minimum: min, maximum: max }, (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined,
  );
}
const handful = wholeNumber(1, 100, DEFAULT_HANDFUL);
const priorityNumber = wholeNumber(1, 10_000, 1);
const priority = scalar<number | null>('a whole number from 1 to 10000 or null', null, orNull(priorityNumber.schema), (v) =>
  v === null ? null : priorityNumber.parse(v),
);

const SMART_KEYS = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const;
const smart = scalar<SmartChecklist>(
  '{ specific, measurable, achievable, relevant, timeBound } booleans',
  { specific: false, measurable: false, achievable: false, relevant: false, timeBound: false },
  { type: 'object', additionalProperties: false, properties: Object.fromEntries(SMART_KEYS.map((k) => [k, { type: 'boolean' }])) },
  (v) => {
    if (!hasOnlyKeys(v, SMART_KEYS)) return undefined;
    const out: SmartChecklist = { specific: false, measurable: false, achievable: false, relevant: false, timeBound: false };
    for (const k of SMART_KEYS) {
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
  orNull({
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'status'],
    properties: {
      kind: { enum: [...FUNDING_KINDS] },
      modality: { enum: [...FUNDING_MODALITIES, null], description: 'only for external funding' },
      funder: { oneOf: [{ type: 'string', maxLength: LIMITS.shortText }, { type: 'null' }], description: 'who pays; null reads as ""' },
      status: { enum: [...FUNDING_STATUSES] },
    },
    if: { required: ['kind'], properties: { kind: { const: 'domestic' } } },
    then: { properties: { modality: { type: 'null' } } },
  }),
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
  {
    type: 'array',
    maxItems: LIMITS.smallList,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['activityId', 'type'],
      properties: { activityId: ref('id'), type: { enum: [...DEPENDENCY_TYPES] } },
    },
  },
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

const periodTargets = scalar<{ start: string | null; end: string; value: number }[]>(
  `a list of at most ${LIMITS.smallList} { start: YYYY-MM-DD or null, end: YYYY-MM-DD, value: number }`,
  [],
  {
    type: 'array',
    maxItems: LIMITS.smallList,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['end', 'value'],
      properties: { start: orNull(ref('date')), end: ref('date'), value: number },
    },
  },
  (v) => {
    if (!Array.isArray(v) || v.length > LIMITS.smallList) return undefined;
    const out: { start: string | null; end: string; value: number }[] = [];
    for (const t of v) {
      if (!hasOnlyKeys(t, ['start', 'end', 'value'])) return undefined;
      const start = own(t, 'start') ?? null;
      const end = own(t, 'end');
      const value = own(t, 'value');
      if ((start !== null && !isDate(start)) || !isDate(end) || !isNumber(value)) return undefined;
      out.push({ start: start as string | null, end, value });
    }
    return out;
  },
);

const readingParts = scalar<{ dimension: string; category: string; value: number }[]>(
  `a list of at most ${LIMITS.smallList} { dimension: string, category: string, value: number }`,
  [],
  {
    type: 'array',
    maxItems: LIMITS.smallList,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['dimension', 'category', 'value'],
      properties: { dimension: { type: 'string', maxLength: LIMITS.shortText }, category: { type: 'string', maxLength: LIMITS.shortText }, value: number },
    },
  },
  (v) => {
    if (!Array.isArray(v) || v.length > LIMITS.smallList) return undefined;
    const out: { dimension: string; category: string; value: number }[] = [];
    for (const p of v) {
      if (!hasOnlyKeys(p, ['dimension', 'category', 'value'])) return undefined;
      const dimension = own(p, 'dimension');
      const category = own(p, 'category');
      const value = own(p, 'value');
      if (!isText(dimension) || !isText(category) || !isNumber(value)) return undefined;
      out.push({ dimension, category, value });
    }
    return out;
  },
);

const snapshotRef = scalar<string | null>('a snapshot id or null', null, orNull(ref('id')), (v) => (v === null ? null : isId(v) ? v : undefined));

/** One field of an entity: collaborative text (Y.Text) or a last-writer-wins scalar, with its check. */
export interface Field {
  kind: 'text' | 'scalar';
  /** The check of its JSON value (for texts: a string within the field's limit). */
  scalar: Scalar;
  /** One line saying what the field holds. */
  description: string;
}

/**
 * Layout of one kind of entity: its Y.Text keys, its scalar keys, and every field described.
 * `Texts` is the union of its text keys (so `TextRef` can name them).
 */
export interface EntityFields<Texts extends string = string> {
  texts: readonly Texts[];
  scalars: Readonly<Record<string, Scalar>>;
  /** Every field (texts and scalars) in declaration order, with kind and description. */
  fields: Readonly<Record<string, Field>>;
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
  text: LIMITS.longText,
  // Translations (ML1) hold a title or a section body in each language.
  en: LIMITS.longText,
  fr: LIMITS.longText,
  es: LIMITS.longText,
  ar: LIMITS.longText,
};

/** Maximum length of the Y.Text stored under `key`. */
export function textLimit(key: string): number {
  return TEXT_LIMITS[key] ?? LIMITS.shortText;
}

type TextDecl = { kind: 'text'; description: string };
type Decl = TextDecl | { kind: 'scalar'; scalar: Scalar<any>; description: string };
/** A collaborative text field. */
const T = (description: string): TextDecl => ({ kind: 'text', description });
/** A scalar field. */
const S = (scalar: Scalar<any>, description: string): Decl => ({ kind: 'scalar', scalar, description });
/** Keys of the text fields among `D`. */
type TextKeys<D> = { [K in keyof D]: D[K] extends TextDecl ? K : never }[keyof D] & string;
/** The text keys of an entity's fields: `TextsOf<typeof CRITERION_FIELDS>` is `'title' | 'description'`. */
export type TextsOf<F> = F extends EntityFields<infer K> ? K : never;

function entity<D extends Record<string, Decl>>(decls: D): EntityFields<TextKeys<D>> {
  const fields: Record<string, Field> = {};
  const texts: TextKeys<D>[] = [];
  const scalars: Record<string, Scalar> = {};
  for (const [key, d] of Object.entries(decls)) {
    if (d.kind === 'text') {
      texts.push(key as TextKeys<D>);
      fields[key] = { kind: 'text', scalar: text(textLimit(key)), description: d.description };
    } else {
      scalars[key] = d.scalar;
      fields[key] = { kind: 'scalar', scalar: d.scalar, description: d.description };
    }
  }
  return { texts, scalars, fields };
}

const ARCHIVED = S(bool, 'soft-deleted: kept, hidden, can be restored');
const ORDER = S(order, 'position among its siblings');

/** Fields of the `meta` root (besides `id` and `schemaVersion`). */
export const META_FIELDS = entity({
  title: T('the plan title'),
  country: S(
    scalar<string | null>('an ISO 3166-1 alpha-2 code (e.g. "SN") or null', null, orNull(ref('country')), (v) =>
      v === null ? null : isCountry(v) ? v : undefined,
    ),
    'ISO 3166-1 alpha-2 code of the country',
  ),
  currency: S(
    scalar<string | null>('an ISO 4217 code (e.g. "USD") or null', null, orNull(ref('currency')), (v) =>
      v === null ? null : isCurrency(v) ? v : undefined,
    ),
    'default ISO 4217 currency for money typed into the plan',
  ),
  frameworks: S(frameworks, 'national frameworks the plan feeds'),
  horizonStart: S(date, 'start of the plan horizon'),
  horizonEnd: S(date, 'end of the plan horizon'),
  stage: S(oneOf(STAGES, 'preparatory'), 'stage of the planning cycle'),
  handful: S(handful, 'how many selected goals still count as a handful'),
  criteriaAgreedByImc: S(bool, 'the inter-ministerial committee agreed the criteria'),
  criteriaAgreedByNcc: S(bool, 'the national consultative committee agreed the criteria'),
  exportNamedScores: S(bool, 'exports and observers see individual named scores (default off: per-group and total scores only); facilitators only'),
  reportingOrgName: S(text(), 'IATI reporting organisation: its name'),
  reportingOrgRef: S(
    scalar<string | null>('an IATI organisation identifier (e.g. "XM-DAC-47066") or null', null, orNull(ref('iatiOrgRef')), (v) =>
      v === null ? null : typeof v === 'string' && v.length <= 100 && IATI_ORG_REF.test(v) ? v : undefined,
    ),
    'IATI reporting organisation: its IATI organisation identifier',
  ),
  reportingOrgType: S(
    scalar<string | null>('an IATI OrganisationType code (e.g. "10") or null', null, orNull(ref('organisationType')), (v) =>
      v === null ? null : typeof v === 'string' && isActiveCode('OrganisationType', v) ? v : undefined,
    ),
    'IATI reporting organisation: its type (OrganisationType codelist)',
  ),
  fiscalYearStart: S(wholeNumber(1, 12, 1), 'month (1-12) the fiscal year starts in; budgets per fiscal year follow it'),
  stageMovers: S(oneOf(STAGE_MOVERS, 'facilitators'), 'who may move the plan to another stage: facilitators only, or editors too (ST2); facilitators only'),
  anonymousScoring: S(bool, 'who gave which score is never shown (counts instead of names, SPEC SC20-SC22); facilitators only'),
  language: S(oneOf(LOCALES, DEFAULT_LOCALE), 'default language of the plan\'s exports: en, fr, es or ar (SPEC L8); facilitators only'),
});

/** Fields of a participant (all scalars: names are short and rarely co-typed). */
export const PARTICIPANT_FIELDS = entity({
  name: S(text(), 'full name'),
  organisation: S(text(), 'organisation they speak for'),
  group: S(oneOfOrNull(GROUPS), 'stakeholder group'),
  committee: S(oneOf(COMMITTEES, 'none'), 'committee seat'),
  imcLevel: S(oneOfOrNull(IMC_LEVELS), 'level inside the IMC (only when committee is imc)'),
  gender: S(oneOfOrNull(GENDERS), 'gender, for representativeness checks'),
  perspective: S(oneOfOrNull(PERSPECTIVES), 'which side of the M&D link they speak for'),
  archived: ARCHIVED,
  stakeholderId: S(idOrNull, 'the stakeholder register entry this person speaks for (PE4)'),
});

/** Fields of a scoring criterion: title and description are collaborative text. */
export const CRITERION_FIELDS = entity({
  title: T('the criterion'),
  description: T('what the criterion asks'),
  order: ORDER,
  archived: ARCHIVED,
});

const RESPONSIBLE = S(text(), 'responsible party');
const SECTORS = S(sectorList, 'Annex C sectors it serves (SK3)');
const SOURCE = S(idOrNull, 'the library entry it was taken from (LB3), or null');
const START = S(date, 'start date');
const END = S(date, 'end date');

/** Matrix node fields by kind. `kind` and `placement` are handled separately (see nodes.ts). */
export const NODE_FIELDS = {
  goal: entity({
    title: T('the strategic M&D goal'),
    mdGoal: T('the M&D goal statement'),
    objective: T('overall objective'),
    programmes: T('Plan of Action: programmes and actions planned for this goal'),
    archived: ARCHIVED,
    status: S(oneOf(GOAL_STATUSES, 'candidate'), 'where the goal stands in selection'),
    priority: S(priority, 'agreed priority (1 = first); null until sequenced'),
    nationalGoals: S(textList, 'national development goals it serves'),
    start: START,
    end: END,
    responsibleParties: S(textList, 'responsible parties'),
    resourceTarget: S(money, 'resources the goal aims to raise'),
    smart: S(smart, "the team's SMART checklist"),
    dacSectors: S(dacSectors, 'OECD-DAC purpose codes (IATI Sector codelist)'),
    sdgTargets: S(sdgTargets, 'UN SDG targets it serves'),
    gcmObjectives: S(gcmObjectives, 'Global Compact for Migration objectives it serves (1-23)'),
    sectors: SECTORS,
    source: SOURCE,
  }),
  outcome: entity({ title: T('the expected outcome'), archived: ARCHIVED, responsible: RESPONSIBLE, sectors: SECTORS, source: SOURCE }),
  output: entity({ title: T('the expected output (a deliverable)'), archived: ARCHIVED, responsible: RESPONSIBLE, source: SOURCE }),
  activity: entity({
    title: T('the activity'),
    result: T('expected result'),
    risks: T('risks and assumptions'),
    verification: T('means of verification'),
    archived: ARCHIVED,
    responsible: RESPONSIBLE,
    start: START,
    end: END,
    budget: S(money, 'planned budget (null = unknown, never 0)'),
    funding: S(funding, 'where the money comes from and how firm it is'),
    dependencies: S(dependencies, 'activities this one depends on, and how'),
    dacSectors: S(dacSectors, 'OECD-DAC purpose codes (IATI Sector codelist)'),
    sdgTargets: S(sdgTargets, 'UN SDG targets it serves'),
    gcmObjectives: S(gcmObjectives, 'Global Compact for Migration objectives it serves (1-23)'),
    source: SOURCE,
  }),
} as const;

/** A goal's supporting requirement, stored as one plain value (LWW as a whole). */
export const REQUIREMENT_ENTITY = entity({
  kind: S(oneOf(REQUIREMENT_KINDS, 'other'), 'kind of requirement'),
  description: S(text(LIMITS.longText), 'what is needed'),
  order: ORDER,
});
/** Scalars of a requirement (all of its fields). */
export const REQUIREMENT_FIELDS = REQUIREMENT_ENTITY.scalars;

/** Fields of an indicator (`nodeId` is stored beside them and checked by the commands). */
export const INDICATOR_FIELDS = entity({
  name: T('what is measured'),
  verification: T('means of verification'),
  kind: S(oneOfOrNull(INDICATOR_KINDS), 'direct (migration itself) or indirect'),
  level: S(oneOfOrNull(INDICATOR_LEVELS), 'outcome, output, input or impact'),
  unit: S(text(), 'unit of measure'),
  baseline: S(measure, 'value at the start'),
  target: S(measure, 'value aimed for'),
  disaggregation: S(textList, 'breakdowns (sex, age, region...)'),
  source: S(text(), 'data source'),
  order: ORDER,
  archived: ARCHIVED,
  measurement: S(oneOfOrNull(INDICATOR_MEASUREMENTS), 'quantitative (a number) or qualitative (described)'),
  frequency: S(oneOfOrNull(INDICATOR_FREQUENCIES), 'how often it is measured'),
  periodTargets: S(periodTargets, 'targets per period: the value aimed for by each end date (SPEC IN3)'),
});

/** Fields of a review period; its entries live in the report and reading cell maps. */
export const REVIEW_FIELDS = entity({
  kind: S(oneOf(REVIEW_KINDS, 'yearly'), 'yearly, mid-term or final'),
  label: S(text(), 'name of the period'),
  start: START,
  end: END,
  archived: ARCHIVED,
  reporting: S(oneOf(REVIEW_REPORTINGS, 'period'), 'period: money spent within the dates; cumulative: everything spent up to the end (SPEC RV1)'),
  baselineSnapshotId: S(snapshotRef, 'the agreed version (snapshot id) the review measures against; null = the live plan (SPEC RV4)'),
});

/** Fields of a Plan of Action section: title and body are collaborative text. */
export const SECTION_FIELDS = entity({
  title: T('section heading'),
  body: T('section text'),
  part: S(oneOf(SECTION_PARTS, 'background'), 'background item or annex'),
  order: ORDER,
  archived: ARCHIVED,
});

/** An activity report cell (one plain value per review and activity). */
export const ACTIVITY_REPORT_ENTITY = entity({
  expenditure: S(money, 'actual expenditure in the period'),
  result: S(text(LIMITS.longText), 'result achieved'),
  progress: S(text(LIMITS.longText), 'progress made'),
  risksMaterialised: S(text(LIMITS.longText), 'risks that materialised'),
});
/** Fields of an activity report cell. */
export const ACTIVITY_REPORT_FIELDS = ACTIVITY_REPORT_ENTITY.scalars;

/** An indicator reading cell (one plain value per review and indicator). */
export const INDICATOR_READING_ENTITY = entity({
  value: S(
    scalar<number | null>('a number or null', null, orNull(number), (v) => (v === null ? null : isNumber(v) ? v : undefined)),
    'measured value (null = not measured)',
  ),
  note: S(text(LIMITS.longText), 'note on the reading'),
  parts: S(readingParts, 'actuals per disaggregation; each dimension adds up to the value (SPEC IN5)'),
});
/** Fields of an indicator reading cell. */
export const INDICATOR_READING_FIELDS = INDICATOR_READING_ENTITY.scalars;

/** A score cell: the value and an optional qualifier (an empty note is not stored). */
export const SCORE_ENTITY = entity({
  value: S(
    scalar<number>('the score 0, 1 or 2', 0, { enum: [...SCORE_VALUES] }, (v) => (isOneOf(SCORE_VALUES, v) ? v : undefined)),
    '0 do not agree, 1 agree, 2 strongly agree',
  ),
  note: S(text(LIMITS.longText), 'qualifier of the score (omitted when empty)'),
});

/** Longest IATI activity identifier kept on a funding line. */
export const MAX_IATI_ID = 150;

/** Fields of a funding line (SPEC FN1; `activityId` is stored beside them as the parent link). */
export const FUNDING_LINE_FIELDS = entity({
  funder: S(text(), 'who gives the money (free text)'),
  stakeholderId: S(
    scalar<string | null>('an id or null', null, orNull(ref('id')), (v) => (v === null ? null : isId(v) ? v : undefined)),
    'the funder in the stakeholder register, if it is there',
  ),
  amount: S(money, 'how much (null = not yet known, never 0)'),
  status: S(oneOf(FUNDING_LINE_STATUSES, 'pledged'), 'pledged (promised), committed or disbursed'),
  source: S(oneOf(FUNDING_SOURCES, 'new-money'), 'a national budget line or new money'),
  budgetLine: S(text(), 'the national budget line, when the source is the national budget'),
  iatiActivityId: S(
    scalar<string>(`an IATI activity identifier of at most ${MAX_IATI_ID} characters, or ""`, '', { type: 'string', maxLength: MAX_IATI_ID, pattern: '^[^\\s]*$' }, (v) =>
      typeof v === 'string' && v.length <= MAX_IATI_ID && !/\s/.test(v) ? v : undefined,
    ),
    "the donor's IATI activity that funds it",
  ),
  order: ORDER,
  archived: ARCHIVED,
});

/** Largest exchange rate accepted (one unit worth at most this many of the other). */
export const MAX_RATE = 1e9;

/** Fields of an exchange rate (SPEC CU1). */
export const EXCHANGE_RATE_FIELDS = entity({
  currency: S(
    scalar<string>('an ISO 4217 code', 'USD', ref('currency'), (v) => (isCurrency(v) ? v : undefined)),
    'the currency converted from',
  ),
  quote: S(
    scalar<string>('an ISO 4217 code', 'USD', ref('currency'), (v) => (isCurrency(v) ? v : undefined)),
    'the currency converted to (the plan currency when entered)',
  ),
  rate: S(
    scalar<number>(`a number above 0 and at most ${MAX_RATE}`, 1, { type: 'number', exclusiveMinimum: 0, maximum: MAX_RATE }, (v) =>
      typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_RATE ? v : undefined,
    ),
    'units of quote per one unit of currency',
  ),
  date: S(
    scalar<string>('a date YYYY-MM-DD', '1970-01-01', ref('date'), (v) => (isDate(v) ? v : undefined)),
    'value date: the rate is in force from this day until the next rate of the pair',
  ),
  archived: ARCHIVED,
});

/** Fields of a stakeholder register entry (PE1). */
export const STAKEHOLDER_FIELDS = entity({
  organisation: S(text(), 'the organisation'),
  type: S(oneOfOrNull(STAKEHOLDER_TYPES), 'kind of organisation'),
  group: S(oneOfOrNull(GROUPS), 'stakeholder group'),
  agency: S(text(), 'ministry or agency it belongs to or speaks for'),
  contact: S(text(), 'contact person, as a pseudonym or a role'),
  gender: S(oneOfOrNull(GENDERS), 'gender of its representative'),
  voices: S(voices, 'migrant, diaspora, women or vulnerable-group voice it brings'),
  archived: ARCHIVED,
});

/** Fields of a body of the committee structure (PE2). */
export const BODY_FIELDS = entity({
  kind: S(oneOf(BODY_KINDS, 'working-group'), 'focal point, IMC, NCC, working group or facilitation team'),
  name: S(text(), 'name of the body'),
  imcLevel: S(oneOfOrNull(IMC_LEVELS), 'level inside the IMC (only for the IMC)'),
  chairId: S(idOrNull, 'the stakeholder who chairs it'),
  members: S(idList, 'stakeholders sitting in it'),
  archived: ARCHIVED,
});

/** Fields of a meeting (PE3). */
export const MEETING_FIELDS = entity({
  title: S(text(), 'what the meeting was'),
  date: S(date, 'when it took place'),
  bodyId: S(idOrNull, 'the body that met'),
  attendance: S(idList, 'stakeholders who attended'),
  archived: ARCHIVED,
});

/** Fields of a meeting decision (PE3). */
export const DECISION_FIELDS = entity({
  text: T('what was decided'),
  subject: S(oneOf(DECISION_SUBJECTS, 'other'), 'what the decision settled'),
  targets: S(idList, 'goals, deliverables or snapshots it is about'),
  order: ORDER,
  archived: ARCHIVED,
});

/** Fields of a stage deliverable (ST1). */
export const DELIVERABLE_FIELDS = entity({
  title: T('the deliverable'),
  body: T('the document text'),
  stage: S(oneOf(STAGES, 'preparatory'), 'stage that produces it'),
  status: S(oneOf(DELIVERABLE_STATUSES, 'not-started'), 'not started, drafting, agreed by committee or endorsed'),
  order: ORDER,
  archived: ARCHIVED,
});

/** Fields of an answer to a gate or checklist question (ST3). */
export const ANSWER_FIELDS = entity({
  value: S(oneOfOrNull(ANSWER_VALUES), 'yes, partly, no or not relevant; null = not answered'),
  note: S(text(LIMITS.longText), 'note or evidence'),
});

/** Fields of an answer to a sector checklist question (SK2). */
export const SECTOR_ANSWER_FIELDS = entity({
  value: S(oneOfOrNull(ANSWER_VALUES), 'yes, partly, no or not relevant; null = not answered'),
  note: S(text(LIMITS.longText), 'note on the answer'),
  evidence: S(text(LIMITS.longText), 'a document, data source or link supporting the answer'),
});

/** Fields of a team's own library entry (LB4). */
export const LIBRARY_ENTRY_FIELDS = entity({
  title: T('what to do, in one line'),
  objective: T('what it aims at'),
  theme: S(text(), 'the theme it sits under'),
  agencies: S(textList, 'agencies or organisations with expertise'),
  sectors: SECTORS,
  countries: S(textList, 'countries where it was done'),
  archived: ARCHIVED,
});

/** Fields of a translation record (ML1): one text of a row or section, in up to four languages beside its original. */
export const TRANSLATION_FIELDS = entity({
  targetKind: S(oneOf(TRANSLATION_TARGETS, 'goal'), 'what the translated text belongs to: a goal, outcome, output, activity or Plan of Action section'),
  field: S(oneOf(TRANSLATED_FIELDS, 'title'), 'which text: title (rows and sections) or body (sections only)'),
  original: S(oneOfOrNull(LOCALES), "language the original text is written in; null = the plan's language (ML2)"),
  en: T('the text in English'),
  fr: T('the text in French'),
  es: T('the text in Spanish'),
  ar: T('the text in Arabic'),
});

/** Longest comment body (SPEC CM3). */
export const COMMENT_MAX_CHARS = 4_000;
/** Longest pseudonym stored with a comment. */
export const COMMENT_NAME_CHARS = 80;
/** Most participants one comment mentions. */
export const COMMENT_MAX_MENTIONS = 20;

/** `YYYY-MM-DDTHH:MM:SS(.sss)Z`, a time the server wrote. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v));
const time = scalar<string>('an ISO time YYYY-MM-DDTHH:MM:SS.sssZ', '1970-01-01T00:00:00.000Z', { type: 'string', pattern: ISO_TIME.source }, (v) =>
  isIsoTime(v) ? v : undefined,
);
const timeOrNull = scalar<string | null>('an ISO time or null', null, orNull({ type: 'string', pattern: ISO_TIME.source }), (v) =>
  v === null ? null : isIsoTime(v) ? v : undefined,
);
/** A comment's target: an id, or `goalId:criterionId` for a score. */
const commentTargetId = scalar<string>('an id, or goalId:criterionId for a score', '', { type: 'string', pattern: '^([A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,64})?)?$' }, (v) => {
  if (typeof v !== 'string') return undefined;
  if (v === '') return v; // unknown target (a malformed stored value)
  const parts = v.split(':');
  return parts.length <= 2 && parts.every((p) => isId(p)) ? v : undefined;
});
const mentionList = scalar<string[]>(
  `a list of at most ${COMMENT_MAX_MENTIONS} distinct participant ids`,
  [],
  { type: 'array', uniqueItems: true, maxItems: COMMENT_MAX_MENTIONS, items: ref('id') },
  (v) => (Array.isArray(v) && v.length <= COMMENT_MAX_MENTIONS && v.every((x) => isId(x)) && new Set(v).size === v.length ? [...(v as string[])] : undefined),
);
/** A single-line pseudonym: no control characters. */
const pseudonym = scalar<string>(`a name of at most ${COMMENT_NAME_CHARS} characters without control characters`, '', { type: 'string', maxLength: COMMENT_NAME_CHARS, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, (v) =>
  typeof v === 'string' && v.length <= COMMENT_NAME_CHARS && !/[\u0000-\u001f\u007f]/.test(v) ? v : undefined,
);

/** Fields of a comment (all scalars: only the server writes them, whole, SPEC CM1-CM2). */
export const COMMENT_FIELDS = entity({
  targetKind: S(oneOf(COMMENT_TARGETS, 'goal'), 'what the thread is about'),
  targetId: S(commentTargetId, "the item's id, or goalId:criterionId for a score"),
  threadId: S(idOrNull, "the thread's first comment; null for the first comment"),
  body: S(text(COMMENT_MAX_CHARS), 'what was said'),
  mentions: S(mentionList, 'participants mentioned with @'),
  authorId: S(idOrNull, 'participant id the author gave (pseudonymous)'),
  authorName: S(pseudonym, "the author's pseudonym when they wrote it"),
  authorRole: S(oneOf(COMMENT_AUTHOR_ROLES, 'observer'), "the role of the author's link"),
  authorLink: S(text(64), "the author's invite link id ('admin' for the instance token)"),
  createdAt: S(time, 'when the server stored it'),
  editedAt: S(timeOrNull, 'when its author last edited it'),
  deleted: S(bool, 'deleted by its author (body removed, replies kept)'),
  resolved: S(bool, 'the thread is settled (first comment only)'),
  resolvedBy: S(pseudonym, 'who resolved the thread'),
  resolvedAt: S(timeOrNull, 'when the thread was resolved'),
});

/** Limits of consultation rounds and recommendations (SPEC CO1, CO2, CO4). */
export const CONSULT_LIMITS = {
  /** Round and recommendation titles. */
  title: 300,
  /** A round's theme, intended product, and each guiding question. */
  question: 1_000,
  /** Most guiding questions a round holds (CO1 asks 2-4 when opening). */
  maxQuestions: 4,
  /** Background, policy challenge and way forward of a recommendation, each. */
  part: 4_000,
  /** A question asked on a recommendation. */
  reaction: 2_000,
} as const;

/** The guiding questions of a round: at most four short texts. */
const questionList = scalar<string[]>(
  `a list of at most ${CONSULT_LIMITS.maxQuestions} strings of at most ${CONSULT_LIMITS.question} characters`,
  [],
  { type: 'array', maxItems: CONSULT_LIMITS.maxQuestions, items: { type: 'string', maxLength: CONSULT_LIMITS.question } },
  (v) => (Array.isArray(v) && v.length <= CONSULT_LIMITS.maxQuestions && v.every((q) => isText(q, CONSULT_LIMITS.question)) ? [...(v as string[])] : undefined),
);

/** Fields of a consultation round (all scalars; facilitators write them through the doc, SPEC CO1). */
export const CONSULT_ROUND_FIELDS = entity({
  title: S(text(CONSULT_LIMITS.title), 'what the round is called'),
  theme: S(text(CONSULT_LIMITS.question), 'the theme it consults on'),
  mode: S(oneOf(ROUND_MODES, 'in-room'), 'in the room or remote'),
  closesOn: S(date, 'last day contributions are taken (inclusive, UTC)'),
  openedOn: S(date, 'the day it was opened'),
  questions: S(questionList, 'the 2-4 guiding questions'),
  product: S(text(CONSULT_LIMITS.question), 'what the round should produce'),
  status: S(oneOf(ROUND_STATUSES, 'open'), 'open (takes contributions) or closed'),
  source: S(idOrNull, 'the starting material it was opened from (a GFMD session id)'),
});

/** Fields of a recommendation (all scalars: only the server writes them, SPEC CO2, CO5). */
export const RECOMMENDATION_FIELDS = entity({
  title: S(text(CONSULT_LIMITS.title), 'the recommendation in one line'),
  background: S(text(CONSULT_LIMITS.part), 'background'),
  challenge: S(text(CONSULT_LIMITS.part), 'the policy challenge'),
  wayForward: S(text(CONSULT_LIMITS.part), 'the suggested way forward'),
  stakeholderId: S(idOrNull, 'the stakeholder register entry the author speaks for'),
  authorId: S(idOrNull, 'participant id the author gave (pseudonymous)'),
  authorName: S(pseudonym, "the author's pseudonym when they wrote it"),
  authorRole: S(oneOf(COMMENT_AUTHOR_ROLES, 'observer'), "the role of the author's link"),
  authorLink: S(text(64), "the author's invite link id ('admin' for the instance token)"),
  createdAt: S(time, 'when the server stored it'),
  sourceRef: S(idOrNull, 'the starting material it was copied from (a Civil Society Day recommendation id)'),
  promotedKind: S(oneOfOrNull(PROMOTION_KINDS), 'what a facilitator promoted it to: a candidate goal or an activity'),
  promotedId: S(idOrNull, 'the goal or activity it became'),
  promotedBy: S(pseudonym, 'who promoted it'),
  promotedAt: S(timeOrNull, 'when it was promoted'),
});

/** Fields of a reaction: support or a question (all scalars: only the server writes them, SPEC CO4). */
export const REACTION_FIELDS = entity({
  kind: S(oneOf(REACTION_KINDS, 'support'), 'support or a question'),
  text: S(text(CONSULT_LIMITS.reaction), "the question asked ('' for support)"),
  authorId: S(idOrNull, 'participant id of the person reacting'),
  authorName: S(pseudonym, "the person's pseudonym when they reacted"),
  authorRole: S(oneOf(COMMENT_AUTHOR_ROLES, 'observer'), "the role of the person's link"),
  authorLink: S(text(64), "the person's invite link id"),
  createdAt: S(time, 'when the server stored it'),
});

/** Names of the plan entities in the registry. */
export type EntityName =
  | 'meta'
  | 'participant'
  | 'criterion'
  | 'goal'
  | 'requirement'
  | 'outcome'
  | 'output'
  | 'activity'
  | 'indicator'
  | 'score'
  | 'agreedScore'
  | 'review'
  | 'activityReport'
  | 'indicatorReading'
  | 'section'
  | 'fundingLine'
  | 'exchangeRate'
  | 'stakeholder'
  | 'body'
  | 'meeting'
  | 'decision'
  | 'deliverable'
  | 'answer'
  | 'comment'
  | 'sectorAnswer'
  | 'libraryEntry'
  | 'consultRound'
  | 'recommendation'
  | 'reaction'
  | 'translation';

/** How an entity is stored in the doc. */
export type Storage =
  /** The `meta` root itself: id, title Y.Text, schema version and scalars. */
  | 'meta'
  /** A Y.Map per entity: Y.Text for texts, plain values for scalars (LWW per field). */
  | 'entity'
  /** One plain value per key (LWW for the whole cell). */
  | 'cell'
  /** A plain value inside a Y.Map held by its container entity (a goal's requirements). */
  | 'nested';

/** An id-valued field pointing at another entity. */
export interface Reference {
  field: string;
  /** Entities it may point to (matrix nodes share one id space). */
  to: readonly EntityName[];
}

/** One entry of the registry: everything the generic code needs to know about an entity. */
export interface EntityDef {
  name: EntityName;
  /** Name used in messages ("agreed score"). */
  label: string;
  /** One line for the JSON Schema. */
  description: string;
  /** Yjs root holding it (for nested entities, the root of the container). */
  root: RootName;
  storage: Storage;
  /** `kind` stored with matrix nodes, which share the `nodes` root. */
  nodeKind?: NodeKind;
  /** Its list in `PlanData` (null for meta), or in its container for nested entities. */
  list: string | null;
  /** The entity whose JSON items hold this list (requirements in goals, entries in reviews). */
  container?: EntityName;
  /**
   * JSON fields that key the item: `['id']`, or the ids joined by `:` into the cell key
   * (`goalId:criterionId:participantId`). For review entries the review id comes first in the
   * stored key and is the container in JSON.
   */
  key: readonly string[];
  /** The parent link (moves are described against it), if any. */
  parent: Reference | null;
  /** Other id-valued fields (score targets, indicator node). */
  refs: readonly Reference[];
  /** `order` key among siblings, `placement` (matrix nodes: `{ parentId, order }`), or none. */
  ordering: 'order' | 'placement' | null;
  /** Has `archived` (soft delete with restore). */
  archivable: boolean;
  /** JSON fields that must be present besides the key and parent. */
  required: readonly string[];
  /** Fields whose values put items in canonical order (null sorts as ''), ties broken by the next. */
  sortBy: readonly string[];
  /** Text fields left out of the JSON item (and the stored cell) when empty. */
  omitEmpty?: readonly string[];
  fields: EntityFields;
}

/** Name of a Yjs root (see roots.ts). */
type RootName = keyof typeof ROOT;

/** An entry with defaults: no references, no required fields, label = name, sortBy by ordering or key. */
function def(d: Omit<EntityDef, 'refs' | 'required' | 'label' | 'sortBy'> & Partial<Pick<EntityDef, 'refs' | 'required' | 'label' | 'sortBy'>>): EntityDef {
  // Ordered entities sort by (order, id); cells by their key ids.
  const sortBy = d.sortBy ?? (d.ordering ? ['order', 'id'] : d.key);
  return { refs: [], required: [], label: d.name, sortBy, ...d };
}

/** The registry: every plan entity, in the order of the `roundtable-plan/1` lists. */
export const ENTITIES: Readonly<Record<EntityName, EntityDef>> = {
  meta: def({
    name: 'meta',
    label: 'plan',
    description: 'plan meta',
    root: 'meta',
    storage: 'meta',
    list: null,
    key: ['id'],
    parent: null,
    ordering: null,
    archivable: false,
    required: ['title'],
    fields: META_FIELDS,
  }),
  participant: def({
    name: 'participant',
    description: 'a person taking part in the process',
    root: 'participants',
    storage: 'entity',
    list: 'participants',
    key: ['id'],
    sortBy: ['name', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['name'],
    fields: PARTICIPANT_FIELDS,
  }),
  criterion: def({
    name: 'criterion',
    description: 'a scoring criterion',
    root: 'criteria',
    storage: 'entity',
    list: 'criteria',
    key: ['id'],
    parent: null,
    ordering: 'order',
    archivable: true,
    required: ['title'],
    fields: CRITERION_FIELDS,
  }),
  goal: def({
    name: 'goal',
    description: 'a strategic M&D goal, root of its part of the matrix',
    root: 'nodes',
    storage: 'entity',
    nodeKind: 'goal',
    list: 'goals',
    key: ['id'],
    parent: null,
    ordering: 'placement',
    archivable: true,
    required: ['title'],
    fields: NODE_FIELDS.goal,
  }),
  requirement: def({
    name: 'requirement',
    description: 'something a goal needs besides its programmes',
    root: 'nodes',
    storage: 'nested',
    container: 'goal',
    list: 'requirements',
    key: ['id'],
    parent: null,
    ordering: 'order',
    archivable: false,
    required: ['kind'],
    fields: REQUIREMENT_ENTITY,
  }),
  outcome: def({
    name: 'outcome',
    description: 'an expected outcome of a goal',
    root: 'nodes',
    storage: 'entity',
    nodeKind: 'outcome',
    list: 'outcomes',
    key: ['id'],
    parent: { field: 'goalId', to: ['goal'] },
    ordering: 'placement',
    archivable: true,
    required: ['title'],
    fields: NODE_FIELDS.outcome,
  }),
  output: def({
    name: 'output',
    description: 'an expected output (a deliverable) of an outcome',
    root: 'nodes',
    storage: 'entity',
    nodeKind: 'output',
    list: 'outputs',
    key: ['id'],
    parent: { field: 'outcomeId', to: ['outcome'] },
    ordering: 'placement',
    archivable: true,
    required: ['title'],
    fields: NODE_FIELDS.output,
  }),
  activity: def({
    name: 'activity',
    description: 'an activity producing an output',
    root: 'nodes',
    storage: 'entity',
    nodeKind: 'activity',
    list: 'activities',
    key: ['id'],
    parent: { field: 'outputId', to: ['output'] },
    ordering: 'placement',
    archivable: true,
    required: ['title'],
    fields: NODE_FIELDS.activity,
  }),
  indicator: def({
    name: 'indicator',
    description: 'a measure attached to a goal, outcome, output or activity',
    root: 'indicators',
    storage: 'entity',
    list: 'indicators',
    key: ['id'],
    parent: { field: 'nodeId', to: ['goal', 'outcome', 'output', 'activity'] },
    ordering: 'order',
    archivable: true,
    required: ['name'],
    fields: INDICATOR_FIELDS,
  }),
  score: def({
    name: 'score',
    description: "one participant's score for a goal on a criterion",
    root: 'scores',
    storage: 'cell',
    list: 'scores',
    key: ['goalId', 'criterionId', 'participantId'],
    parent: null,
    refs: [{ field: 'goalId', to: ['goal'] }, { field: 'criterionId', to: ['criterion'] }, { field: 'participantId', to: ['participant'] }],
    ordering: null,
    archivable: false,
    required: ['value'],
    omitEmpty: ['note'],
    fields: SCORE_ENTITY,
  }),
  agreedScore: def({
    name: 'agreedScore',
    label: 'agreed score',
    description: 'the score the committee agreed for a goal on a criterion',
    root: 'agreed',
    storage: 'cell',
    list: 'agreedScores',
    key: ['goalId', 'criterionId'],
    parent: null,
    refs: [{ field: 'goalId', to: ['goal'] }, { field: 'criterionId', to: ['criterion'] }],
    ordering: null,
    archivable: false,
    required: ['value'],
    omitEmpty: ['note'],
    fields: SCORE_ENTITY,
  }),
  review: def({
    name: 'review',
    description: 'a review period with what was reported in it',
    root: 'reviews',
    storage: 'entity',
    list: 'reviews',
    key: ['id'],
    sortBy: ['start', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    fields: REVIEW_FIELDS,
  }),
  activityReport: def({
    name: 'activityReport',
    label: 'activity report',
    description: 'what happened to one activity during a review period',
    root: 'activityReports',
    storage: 'cell',
    container: 'review',
    list: 'activities',
    key: ['activityId'],
    parent: null,
    refs: [{ field: 'activityId', to: ['activity'] }],
    ordering: null,
    archivable: false,
    fields: ACTIVITY_REPORT_ENTITY,
  }),
  indicatorReading: def({
    name: 'indicatorReading',
    label: 'indicator reading',
    description: 'the measured value of one indicator in a review period',
    root: 'indicatorReadings',
    storage: 'cell',
    container: 'review',
    list: 'indicators',
    key: ['indicatorId'],
    parent: null,
    refs: [{ field: 'indicatorId', to: ['indicator'] }],
    ordering: null,
    archivable: false,
    fields: INDICATOR_READING_ENTITY,
  }),
  section: def({
    name: 'section',
    description: 'a free section of the Plan of Action (background item or annex)',
    root: 'sections',
    storage: 'entity',
    list: 'sections',
    key: ['id'],
    parent: null,
    ordering: 'order',
    archivable: true,
    required: ['title'],
    fields: SECTION_FIELDS,
  }),
  fundingLine: def({
    name: 'fundingLine',
    label: 'funding line',
    description: 'one source of money for an activity (funder, amount, status, source)',
    root: 'fundingLines',
    storage: 'entity',
    list: 'fundingLines',
    key: ['id'],
    parent: { field: 'activityId', to: ['activity'] },
    ordering: 'order',
    archivable: true,
    required: ['status'],
    fields: FUNDING_LINE_FIELDS,
  }),
  exchangeRate: def({
    name: 'exchangeRate',
    label: 'exchange rate',
    description: 'an exchange rate with its value date, entered by the team',
    root: 'exchangeRates',
    storage: 'entity',
    list: 'exchangeRates',
    key: ['id'],
    sortBy: ['currency', 'quote', 'date', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['currency', 'quote', 'rate', 'date'],
    fields: EXCHANGE_RATE_FIELDS,
  }),
  stakeholder: def({
    name: 'stakeholder',
    description: 'an organisation in the stakeholder register',
    root: 'stakeholders',
    storage: 'entity',
    list: 'stakeholders',
    key: ['id'],
    sortBy: ['organisation', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['organisation'],
    fields: STAKEHOLDER_FIELDS,
  }),
  body: def({
    name: 'body',
    description: 'a body of the committee structure with its chair and members',
    root: 'bodies',
    storage: 'entity',
    list: 'bodies',
    key: ['id'],
    sortBy: ['kind', 'name', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['kind'],
    fields: BODY_FIELDS,
  }),
  meeting: def({
    name: 'meeting',
    description: 'a meeting of a body: date and attendance',
    root: 'meetings',
    storage: 'entity',
    list: 'meetings',
    key: ['id'],
    sortBy: ['date', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['title'],
    fields: MEETING_FIELDS,
  }),
  decision: def({
    name: 'decision',
    description: 'a decision taken in a meeting, linked to what it settled',
    root: 'decisions',
    storage: 'entity',
    list: 'decisions',
    key: ['id'],
    parent: { field: 'meetingId', to: ['meeting'] },
    ordering: 'order',
    archivable: true,
    required: ['text'],
    fields: DECISION_FIELDS,
  }),
  deliverable: def({
    name: 'deliverable',
    description: 'a document a stage must produce, written together',
    root: 'deliverables',
    storage: 'entity',
    list: 'deliverables',
    key: ['id'],
    parent: null,
    ordering: 'order',
    archivable: true,
    required: ['title', 'stage'],
    fields: DELIVERABLE_FIELDS,
  }),
  answer: def({
    name: 'answer',
    description: "the team's answer to one gate or checklist question, keyed by the question id",
    root: 'answers',
    storage: 'entity',
    list: 'answers',
    key: ['id'],
    parent: null,
    ordering: null,
    archivable: false,
    fields: ANSWER_FIELDS,
  }),
  comment: def({
    name: 'comment',
    description: 'a comment in a discussion thread on a plan item or score; written by the server only',
    root: 'comments',
    storage: 'entity',
    list: 'comments',
    key: ['id'],
    sortBy: ['createdAt', 'id'],
    parent: null,
    ordering: null,
    archivable: false,
    required: ['targetKind', 'targetId', 'body', 'createdAt'],
    fields: COMMENT_FIELDS,
  }),
  sectorAnswer: def({
    name: 'sectorAnswer',
    label: 'sector answer',
    description: "the team's answer to one sector checklist question (Annex C), keyed by the question id",
    root: 'sectorAnswers',
    storage: 'entity',
    list: 'sectorAnswers',
    key: ['id'],
    parent: null,
    ordering: null,
    archivable: false,
    fields: SECTOR_ANSWER_FIELDS,
  }),
  libraryEntry: def({
    name: 'libraryEntry',
    label: 'library entry',
    description: "an idea the team added to its plan's own intervention library",
    root: 'libraryEntries',
    storage: 'entity',
    list: 'libraryEntries',
    key: ['id'],
    sortBy: ['title', 'id'],
    parent: null,
    ordering: null,
    archivable: true,
    required: ['title'],
    fields: LIBRARY_ENTRY_FIELDS,
  }),
  consultRound: def({
    name: 'consultRound',
    label: 'consultation round',
    description: 'a consultation round opened by a facilitator: theme, guiding questions, closing date',
    root: 'consultRounds',
    storage: 'entity',
    list: 'consultRounds',
    key: ['id'],
    sortBy: ['openedOn', 'id'],
    parent: null,
    ordering: null,
    archivable: false,
    required: ['title'],
    fields: CONSULT_ROUND_FIELDS,
  }),
  recommendation: def({
    name: 'recommendation',
    description: 'a recommendation contributed to a consultation round; written by the server only',
    root: 'recommendations',
    storage: 'entity',
    list: 'recommendations',
    key: ['id'],
    sortBy: ['createdAt', 'id'],
    parent: { field: 'roundId', to: ['consultRound'] },
    ordering: null,
    archivable: false,
    required: ['title', 'createdAt'],
    fields: RECOMMENDATION_FIELDS,
  }),
  reaction: def({
    name: 'reaction',
    description: "a participant's support of, or question on, a recommendation; written by the server only",
    root: 'reactions',
    storage: 'entity',
    list: 'reactions',
    key: ['id'],
    sortBy: ['createdAt', 'id'],
    parent: { field: 'recommendationId', to: ['recommendation'] },
    ordering: null,
    archivable: false,
    required: ['kind', 'createdAt'],
    fields: REACTION_FIELDS,
  }),
  translation: def({
    name: 'translation',
    description: "translations of one row title or section text, side by side with its original's language (ML1)",
    root: 'translations',
    storage: 'entity',
    list: 'translations',
    key: ['id'],
    sortBy: ['targetId', 'field', 'id'],
    parent: { field: 'targetId', to: ['goal', 'outcome', 'output', 'activity', 'section'] },
    ordering: null,
    archivable: false,
    required: ['targetKind', 'field'],
    fields: TRANSLATION_FIELDS,
  }),
};

/** Entities stored as one Y.Map per id, which the generic commands (`setField`, `archive`...) address. */
export const MAP_ENTITIES = [
  'participant',
  'criterion',
  'goal',
  'outcome',
  'output',
  'activity',
  'indicator',
  'review',
  'section',
  'fundingLine',
  'exchangeRate',
  'stakeholder',
  'body',
  'meeting',
  'decision',
  'deliverable',
  'answer',
  'comment',
  'sectorAnswer',
  'libraryEntry',
  'consultRound',
  'recommendation',
  'reaction',
  'translation',
] as const satisfies readonly EntityName[];
/** An entity stored as one Y.Map per id. */
export type MapEntity = (typeof MAP_ENTITIES)[number];

/** The matrix node kinds' registry entries, top to bottom. */
export const NODE_ENTITIES: readonly EntityDef[] = [ENTITIES.goal, ENTITIES.outcome, ENTITIES.output, ENTITIES.activity];

/** Entities whose items are top-level lists of `PlanData` (in JSON order). */
export const TOP_LISTS: readonly EntityDef[] = Object.values(ENTITIES).filter((e) => e.list !== null && !e.container);

/** JSON-side checks of an entity's fields (scalars first, then texts as strings within their limits). */
export function jsonFields(fields: EntityFields): Record<string, Scalar> {
  const out: Record<string, Scalar> = { ...fields.scalars };
  for (const key of fields.texts) out[key] = fields.fields[key]!.scalar;
  return out;
}

/** Human name of the entities a reference may point to: "goal, outcome or output". */
export function refTargets(ref: Reference): string {
  const names = ref.to.map((t) => ENTITIES[t].label);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0]!;
}

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
