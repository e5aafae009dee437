import { Hono } from 'hono';
import { RIGHTS, ROLES, type Right } from '../../shared/access.js';
import { ID_PATTERN } from '../../shared/ids.js';
import { SNAPSHOT_STATUSES } from '../../shared/versions.js';
import { LOCALES } from '../../shared/i18n/locales.js';
import { COMMENT_TARGETS, PROMOTION_KINDS, REACTION_KINDS } from '../../shared/schema/types.js';
import { EXPORT_FORMATS } from '../export/index.js';
import { DIFF_CODES } from '../../shared/domain/diff.js';
import { IMPORT_NOTE_CODES } from '../../shared/domain/import-notes.js';
import { IMPORT_PROBLEM_CODES } from '../../shared/domain/import-problems.js';
import { XLSX_TYPE } from '../export/xlsx.js';
import planSchema from '../../shared/schema/roundtable-plan-1.schema.json' with { type: 'json' };
import type { AppEnv } from './deps.js';

/**
 * The OpenAPI 3.1 description of every HTTP route, written once here and held against the app
 * by tests/server/openapi.test.ts (every registered route is documented, every documented
 * operation exists, and real responses validate against the schema of their status). The plan
 * itself is the JSON Schema in shared/schema/roundtable-plan-1.schema.json, embedded as
 * `components.schemas.Plan`, so the document follows that file.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const num: Schema = { type: 'number' };
const count: Schema = { type: 'integer', minimum: 0 };
const bool: Schema = { type: 'boolean' };
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const list = (items: Schema): Schema => ({ type: 'array', items });
const oneOfValues = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });

/** An object schema: every property required except `optional`; closed unless `open`. */
function obj(properties: Record<string, Schema>, optional: string[] = [], open = false): Schema {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', required, properties, ...(open ? {} : { additionalProperties: false }) };
}

const roleSchema = oneOfValues(ROLES);
const moneyList = list(ref('Money'));
const groupSpread = obj({ imc: nullable(num), ncc: nullable(num), gap: nullable(num) });
const numOrNull = nullable(num);
/** An import's notes (SPEC XL3, XL5, L27): English sentences, and the same as codes and parameters. */
const importNotes: Record<string, Schema> = {
  notes: { ...list(str), description: 'what the import left out or changed, in English (kept for older clients; the same as `importNotes[].message`)' },
  importNotes: list({
    ...obj({
      code: oneOfValues(IMPORT_NOTE_CODES),
      params: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'the parameters of the message `gate:imports.<code>` (`count` picks the plural)' },
      message: str,
    }),
    description: 'each note as a code and parameters for the reader\'s language, with its English sentence',
  }),
};
const budgetLine = {
  planned: moneyList,
  actual: moneyList,
  secured: moneyList,
  pledged: moneyList,
  committed: moneyList,
  disbursed: moneyList,
  gap: moneyList,
  activities: count,
  unknownPlanned: count,
  reported: count,
  // In the plan currency (SPEC B10, CU2, CU3): null figures where a currency has no rate.
  converted: nullable(
    obj({ currency: str, planned: numOrNull, actual: numOrNull, committed: numOrNull, disbursed: numOrNull, pledged: numOrNull, gap: numOrNull, missing: list(str) }),
  ),
};
const sourceRow = obj({
  key: str,
  label: str,
  stakeholderId: nullable(str),
  pledged: moneyList,
  committed: moneyList,
  disbursed: moneyList,
  converted: nullable(obj({ currency: str, pledged: numOrNull, committed: numOrNull, disbursed: numOrNull })),
  lines: count,
  unknownAmount: count,
});
const nodeBudget = { id: str, kind: str, title: str, code: str, ...budgetLine };
const snapshotMeta = {
  id: str,
  planId: str,
  name: str,
  note: str,
  status: oneOfValues(SNAPSHOT_STATUSES),
  author: str,
  createdAt: str,
  changedAt: nullable(str),
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  bytes: count,
};
const planMeta = { id: str, title: str, createdAt: str, updatedAt: str };

/** Response and request bodies, by name (`#/components/schemas/<name>`). */
const SCHEMAS: Record<string, Schema> = {
  Error: obj({
    // problems: `path` (a JSON Pointer) for JSON imports; `sheet`, `row`, `column` for workbook imports.
    // code: stable, names the message `errors:<code>` (SPEC L7); params fill it (`context` picks a variant); message: English.
    error: obj(
      {
        code: str,
        message: str,
        params: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'the parameters of the message `errors:<code>`; `context` picks a variant (`unauthorized_revoked`)' },
        // L35, L43: every problem's `code` (a workbook's or a JSON plan file's) names the message `gate:problems.<code>`; `params` fill it.
        problems: list(
          obj(
            {
              path: str,
              sheet: nullable(str),
              row: nullable(count),
              column: nullable(str),
              message: str,
              code: { type: 'string', enum: [...IMPORT_PROBLEM_CODES], description: 'names the message `gate:problems.<code>` that words the problem in the reader\'s language' },
              params: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'its parameters: headings as the file wrote them with their heading keys (`columnKey`), cell texts as found, JSON keys (`field`), kinds of items, what a field expects (`expects`) and its limits, codes, row numbers, a count' },
            },
            ['path', 'sheet', 'row', 'column', 'code', 'params'],
            true,
          ),
        ),
        // L20: a shared command's refusal as its reader's message (`refusals:<key>`) and parameters.
        refusal: obj({
          key: { type: 'string', pattern: '^refusals:[A-Za-z]{1,64}$', description: 'the message of the refusals catalogue that words the command\'s refusal' },
          params: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'its parameters: ids, limits, a count, kinds of items as codes' },
        }),
      },
      ['problems', 'params', 'refusal'],
    ),
  }),
  Health: obj({ ok: { const: true }, plans: count, loaded: count }),
  Money: obj({ amount: num, currency: str }),
  Plan: planSchema as Schema,
  // notes: what an import left out or changed (SPEC XL3, XL5), only when there is something to say:
  // English sentences (`notes`) and the same as codes and parameters (`importNotes`, SPEC L27).
  PlanCreated: obj({ ...planMeta, url: str, links: obj(Object.fromEntries(ROLES.map((r) => [r, str]))), ...importNotes }, ['notes', 'importNotes']),
  PlanList: obj({ plans: list(obj({ id: str, title: str, updatedAt: str })) }),
  PlanInfo: obj({ ...planMeta, url: str, role: roleSchema }),
  Ranking: obj({
    goals: list(
      obj({
        goalId: str,
        title: str,
        status: str,
        total: nullable(num),
        partialTotal: num,
        maxTotal: num,
        rank: nullable(count),
        tied: bool,
        disagreement: bool,
        waitingFor: list(str),
        waitingCount: count,
        groups: groupSpread,
        criteria: list(
          obj({
            criterionId: str,
            title: str,
            score: nullable(num),
            source: oneOfValues(['agreed', 'mean', 'none']),
            count,
            min: nullable(num),
            max: nullable(num),
            stdev: nullable(num),
            disagreement: bool,
            scorers: list(str),
            groups: groupSpread,
            notes: list(str),
          }),
        ),
      }),
    ),
    warnings: list(obj({ rule: str, message: str, goalIds: list(str), params: obj({ count: num, total: num, handful: num }, ['total', 'handful']) })),
  }),
  Issues: obj({
    issues: list(
      obj(
        {
          rule: str,
          severity: oneOfValues(['error', 'warning', 'info']),
          entity: obj({ kind: str, id: str }),
          message: { type: 'string', description: 'the English sentence, made from the message `issues:<rule>` and `params`' },
          params: { type: 'object', description: 'the parameters of the message `issues:<rule>` (SPEC L5): rows as `{ kind, code, title, id }`, money as `{ amount, currency }`, dates ISO, counts; `context` picks a variant (`V7_archived`). Absent for monitoring and timeline issues, which are worded in English only' },
        },
        ['params'],
      ),
    ),
  }),
  Budget: obj({
    plan: obj(budgetLine),
    goals: list(obj({ ...nodeBudget, target: nullable(ref('Money')), headroom: nullable(ref('Money')) })),
    outcomes: list(obj(nodeBudget)),
    outputs: list(obj(nodeBudget)),
    activities: list(obj(nodeBudget)),
    currency: nullable(str),
    asOf: nullable(str),
    rates: list(obj({ currency: str, quote: str, rate: num, date: str, rateId: str, inverted: bool })),
    missingRates: list(str),
    fundingLines: list(
      obj({
        id: nullable(str),
        activityId: str,
        code: str,
        funder: str,
        stakeholderId: nullable(str),
        amount: nullable(ref('Money')),
        status: oneOfValues(['pledged', 'committed', 'disbursed']),
        source: oneOfValues(['national-budget', 'new-money']),
        budgetLine: str,
        iatiActivityId: str,
        converted: numOrNull,
      }),
    ),
    bySource: obj({ funders: list(sourceRow), sources: list(sourceRow) }),
    fiscal: obj({
      startMonth: count,
      years: list(obj({ label: str, start: str, end: str, planned: moneyList, converted: numOrNull })),
      unscheduled: moneyList,
    }),
  }),
  Link: obj({ id: str, role: roleSchema, createdAt: str, revokedAt: nullable(str), label: str }),
  LinkList: obj({ links: list(ref('Link')) }),
  Comment: obj({
    id: str,
    targetKind: oneOfValues(COMMENT_TARGETS),
    targetId: str,
    threadId: nullable(str),
    body: str,
    mentions: list(str),
    authorId: nullable(str),
    authorName: str,
    authorRole: roleSchema,
    authorLink: str,
    createdAt: str,
    editedAt: nullable(str),
    deleted: bool,
    resolved: bool,
    resolvedBy: str,
    resolvedAt: nullable(str),
  }),
  CommentWritten: obj({ comment: ref('Comment') }),
  NewComment: obj({ targetKind: oneOfValues(COMMENT_TARGETS), targetId: str, threadId: nullable(str), body: { type: 'string', maxLength: 4000 }, mentions: list(str), name: { type: 'string', maxLength: 80, description: 'pseudonym for names a header cannot carry; the X-Participant participant\'s name in the plan comes first' } }, ['threadId', 'mentions', 'name']),
  CommentChange: { oneOf: [obj({ body: { type: 'string', maxLength: 4000 } }), obj({ resolved: bool, name: { type: 'string', maxLength: 80 } }, ['name'])] },
  Recommendation: obj({
    id: str,
    roundId: str,
    title: str,
    background: str,
    challenge: str,
    wayForward: str,
    stakeholderId: nullable(str),
    authorId: nullable(str),
    authorName: str,
    authorRole: roleSchema,
    authorLink: str,
    createdAt: str,
    sourceRef: nullable(str),
    promotedKind: { oneOf: [oneOfValues(PROMOTION_KINDS), { type: 'null' }] },
    promotedId: nullable(str),
    promotedBy: str,
    promotedAt: nullable(str),
  }),
  RecommendationWritten: obj({ recommendation: ref('Recommendation') }),
  NewRecommendation: obj(
    {
      roundId: str,
      title: { type: 'string', maxLength: 300 },
      background: { type: 'string', maxLength: 4000 },
      challenge: { type: 'string', maxLength: 4000 },
      wayForward: { type: 'string', maxLength: 4000 },
      stakeholderId: nullable(str),
      sourceRef: nullable(str),
      name: { type: 'string', maxLength: 80, description: "pseudonym for names a header cannot carry; the X-Participant participant's name in the plan comes first" },
    },
    ['background', 'challenge', 'stakeholderId', 'sourceRef', 'name'],
  ),
  Reaction: obj({ id: str, recommendationId: str, kind: oneOfValues(REACTION_KINDS), text: str, authorId: nullable(str), authorName: str, authorRole: roleSchema, authorLink: str, createdAt: str }),
  ReactionWritten: obj({ reaction: ref('Reaction') }),
  NewReaction: obj({ kind: oneOfValues(REACTION_KINDS), text: { type: 'string', maxLength: 2000 }, name: { type: 'string', maxLength: 80 } }, ['text', 'name']),
  ReactionRemoved: obj({ removed: bool }),
  Promotion: { oneOf: [obj({ to: { const: 'goal' } }), obj({ to: { const: 'activity' }, outputId: str })] },
  Promoted: obj({ recommendation: ref('Recommendation'), nodeId: str }),
  ArchiveBin: obj({ items: list(obj({ entity: str, id: str, title: str, archivedAt: str, archivedBy: str, role: str })) }),
  FieldHistory: obj({
    entries: list(
      obj({
        at: str,
        entity: str,
        id: str,
        field: nullable(str),
        from: {},
        to: {},
        kept: bool,
        client: count,
        by: obj({ name: str, role: oneOfValues([...ROLES, 'admin', 'anyone']), participantId: nullable(str) }),
      }),
    ),
  }),
  LinkIssued: obj({ linkId: str, role: roleSchema, label: str, url: str }),
  LinkRevoked: obj({ revoked: ref('Link'), sessionsClosed: count }),
  AuditTrail: obj({
    events: list(
      obj({
        at: str,
        action: str,
        actor: obj({ role: oneOfValues([...ROLES, 'admin', 'anyone']), linkId: nullable(str), name: str }),
        detail: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
      }),
    ),
  }),
  SnapshotMeta: obj(snapshotMeta),
  SnapshotList: obj({ snapshots: list(ref('SnapshotMeta')) }),
  Snapshot: obj({ ...snapshotMeta, plan: ref('Plan') }),
  Diff: obj({
    from: str,
    to: str,
    changes: list(
      obj(
        {
          kind: oneOfValues(['added', 'removed', 'changed', 'moved']),
          entity: obj({ kind: str, id: str, label: { type: 'string', description: 'the English label; `params.entity` has its parts' } }),
          code: { ...oneOfValues(DIFF_CODES), description: 'what the line says: the message `diff:line.<code>` of the catalogue (SPEC L6); translation lines `translations:line.<code>` (SPEC ML8)' },
          params: {
            type: 'object',
            required: ['entity'],
            description: 'the parameters of the line besides `from` / `to` (SPEC L6): structured, never pre-formatted',
            properties: {
              entity: ref('DiffLabel'),
              field: { type: 'string', description: 'the field id (`diff:field.<field>`)' },
              parent: obj({ kind: str, code: str }),
              was: { type: 'string', description: "a moved row's old code" },
              fromCode: str,
              toCode: str,
              status: { type: 'string', description: 'a funding status code (`diff:status.<status>`)' },
              row: ref('DiffLabel'),
              count: count,
            },
            additionalProperties: false,
          },
          field: str,
          from: {},
          to: {},
          text: list(obj({ op: oneOfValues(['equal', 'insert', 'delete']), text: str })),
          summary: { type: 'string', description: 'the line in English (numbers as English writes them, ISO dates), for API users and logs' },
          by: list(str),
        },
        ['field', 'from', 'to', 'text', 'by'],
      ),
    ),
    counts: obj({ added: count, removed: count, changed: count, moved: count }),
  }),
  DiffLabel: {
    type: 'object',
    required: ['form'],
    description: 'how a diff line names what changed: `form` picks the message `diff:label.<form>`, the other fields are its parameters',
    properties: {
      form: oneOfValues(['row', 'named', 'plan', 'fundingLine', 'exchangeRate', 'score', 'anonymousScore', 'agreedScore', 'scoreCell', 'goal', 'reviewEntry', 'text']),
      kind: str,
      id: str,
      code: str,
      name: str,
      funder: str,
      currency: str,
      quote: str,
      date: str,
      person: nullable(str),
      goal: str,
      criterion: str,
      review: str,
      row: ref('DiffLabel'),
    },
    additionalProperties: false,
  },
  Restored: obj({ restored: str, backup: str }),
  OpenApi: obj({ openapi: str, info: {}, paths: {}, components: {} }, [], true),
  NewPlan: obj({ title: { type: 'string', maxLength: 200 }, country: str, currency: str, language: { ...oneOfValues(LOCALES), description: "the plan's language (default en): its default criteria and sections are written in it (SPEC L32)" } }, ['country', 'currency', 'language'], true),
  NewLink: obj({ role: roleSchema, label: { type: 'string', maxLength: 120, description: 'who the link is for, e.g. "for the Ministry of Labour"' } }, ['label'], true),
  SnapshotFields: obj({ name: { type: 'string', maxLength: 200 }, note: { type: 'string', maxLength: 4000 }, status: oneOfValues(SNAPSHOT_STATUSES), author: { type: 'string', maxLength: 100 } }, ['name', 'note', 'status', 'author'], true),
  Fork: obj({ title: { type: 'string', maxLength: 200 } }, ['title'], true),
  DonorActivities: obj({
    activities: list(
      obj({
        identifier: str,
        title: str,
        reportingOrg: ref('DonorOrg'),
        participatingOrgs: list(obj({ ref: str, type: str, name: str, role: str, roleName: str, activityId: str })),
        currency: str,
        budgets: list(obj({ type: str, status: str, start: str, end: str, amount: num, currency: str, valueDate: str })),
        transactions: list(obj({ type: str, typeName: str, date: str, amount: num, currency: str, provider: nullable(ref('DonorOrg')), receiver: nullable(ref('DonorOrg')) })),
        totals: list(obj({ type: str, typeName: str, currency: str, amount: num, count: count })),
      }),
    ),
  }),
  DonorOrg: obj({ ref: str, type: str, name: str }),
  FundingLinked: obj({ ids: list(str) }),
  WorkbookImported: obj({ imported: obj({ goals: count, outcomes: count, outputs: count, activities: count, indicators: count, reviews: count }), ...importNotes }, ['notes', 'importNotes']),
};

/** Who may call an operation: anyone, the plan creator (anyone unless ADMIN_TOKEN), the instance admin, or a plan link with a right. */
type Access = 'public' | 'creator' | 'admin' | Right;

/** One operation as written below; `operation()` turns it into OpenAPI. */
interface Route {
  summary: string;
  access: Access;
  /** Query parameters, by name. */
  query?: Record<string, { schema: Schema; required?: boolean; description: string }>;
  /** Request body schema (JSON unless `mediaType` says otherwise); `optional` when the route reads it leniently. */
  body?: { schema: Schema; optional?: boolean; mediaType?: string };
  /** Success responses: status -> schema name, `null` for no content, or media types. */
  ok: Record<number, string | null | Record<string, Schema>>;
  /** Error codes the route itself adds, by status (access and body errors are added from `access` and `body`). */
  errors?: Record<number, string[]>;
}

/** Errors of a route that reads a stored snapshot. */
const READS_SNAPSHOT = { 404: ['snapshot_not_found'], 500: ['snapshot_tampered'] };
/** Refusals of a request the heavy-work thread serves (HEAVY_TIMEOUT_MS, HEAVY_QUEUE). */
const HEAVY = { 503: ['heavy_timeout', 'heavy_busy'] };

/** Every route, by OpenAPI path and method. Keep in step with the sub-apps (the test checks). */
const ROUTES: Record<string, Record<string, Route>> = {
  '/healthz': { get: { summary: 'Liveness, with how many plans exist and are loaded.', access: 'public', ok: { 200: 'Health' } } },
  '/api/openapi.json': { get: { summary: 'This OpenAPI 3.1 description.', access: 'public', ok: { 200: 'OpenApi' } } },
  '/api/plans': {
    post: {
      summary: 'Creates an empty plan with default criteria and answers its three invite links.',
      access: 'creator',
      body: { schema: ref('NewPlan') },
      ok: { 201: 'PlanCreated' },
      errors: { 400: ['invalid_title', 'invalid_country', 'invalid_currency', 'invalid_language'] },
    },
    get: { summary: 'Every plan (instance admin only).', access: 'admin', ok: { 200: 'PlanList' } },
  },
  '/api/plans/import': {
    post: {
      summary: 'Creates a plan from a roundtable-plan/1 file; every problem is listed and nothing is created when it is invalid. At most MAX_IMPORT_ITEMS items (objects in lists), else 413 too_many_items.',
      access: 'creator',
      body: { schema: ref('Plan') },
      ok: { 201: 'PlanCreated' },
      errors: { 400: ['invalid_plan'], 413: ['too_many_items'], ...HEAVY },
    },
  },
  '/api/plans/import.xlsx': {
    post: {
      summary:
        'Creates a plan from an Excel workbook (the layout export.xlsx writes, or a sheet with the columns Level, Code, Title...): matrix rows and indicators; every problem is listed by sheet, row and column and nothing is created when there is one. The body is the file, at most MAX_BODY_BYTES (413 too_large before unzipping), unzipping to at most 128 MiB (413 too_large); at most MAX_IMPORT_ITEMS rows (413 too_many_items).',
      access: 'creator',
      body: { schema: { type: 'string', format: 'binary' }, mediaType: XLSX_TYPE },
      ok: { 201: 'PlanCreated' },
      errors: { 400: ['invalid_workbook'], 413: ['too_many_items'] },
    },
  },
  '/api/plans/{id}/import.xlsx': {
    post: {
      summary: "Fills an empty plan's matrix (and indicators) from an Excel workbook, as POST /api/plans/import.xlsx reads it; 409 matrix_not_empty when the plan already has matrix rows. All or nothing.",
      access: 'write',
      body: { schema: { type: 'string', format: 'binary' }, mediaType: XLSX_TYPE },
      ok: { 200: 'WorkbookImported' },
      errors: { 400: ['invalid_workbook'], 409: ['matrix_not_empty'], 413: ['too_many_items'] },
    },
  },
  '/api/plans/{id}': { get: { summary: "One plan's meta and the caller's role.", access: 'read', ok: { 200: 'PlanInfo' } } },
  '/api/plans/{id}/export.json': { get: { summary: 'The live plan as roundtable-plan/1 JSON (an attachment).', access: 'read', ok: { 200: 'Plan' }, errors: HEAVY } },
  '/api/plans/{id}/iati': {
    post: {
      summary: "Lists the donor activities of an IATI file (a whole iati-activities file or a bare iati-activity, at most 5 MB, no DTD): identifier, title, organisations, currency, budgets, transactions and their totals. Nothing is stored.",
      access: 'facilitate',
      body: { schema: { type: 'string', description: 'IATI activity XML' }, mediaType: 'application/xml' },
      ok: { 200: 'DonorActivities' },
      errors: { 400: ['iati_not_xml', 'iati_dtd', 'iati_not_iati', 'iati_invalid', 'iati_too_many', 'iati_too_large'] },
    },
  },
  '/api/plans/{id}/iati/link': {
    post: {
      summary:
        "Links a donor activity of an IATI file (same body as /iati) as funding lines, all or nothing: to a plan activity (FN5), or to an output, spread over its live activities by planned budget (FN8). Answers the new lines' ids.",
      access: 'facilitate',
      query: {
        donor: { schema: str, description: 'The iati-identifier of the donor activity to link (may be left out when the file holds one activity).' },
        activity: { schema: str, description: 'The plan activity it funds (give this or output).' },
        output: { schema: str, description: 'The output it funds, spread over its activities (give this or activity).' },
      },
      body: { schema: { type: 'string', description: 'IATI activity XML' }, mediaType: 'application/xml' },
      ok: { 201: 'FundingLinked' },
      errors: { 400: ['invalid_funding_link', 'iati_not_xml', 'iati_dtd', 'iati_not_iati', 'iati_invalid', 'iati_too_many', 'iati_too_large'], 404: ['not_found'] },
    },
    delete: {
      summary:
        "Unlinks a donor activity: archives the live funding lines carrying its IATI identifier (on one activity, under one output, or anywhere in the plan; restorable from the Archive bin) and answers their ids. Link and unlink are recorded in the audit trail (funding.linked / funding.unlinked: who, donor activity, target, amount).",
      access: 'facilitate',
      query: {
        donor: { schema: str, required: true, description: 'The iati-identifier whose funding lines to archive.' },
        activity: { schema: str, description: 'Only the lines on this activity.' },
        output: { schema: str, description: "Only the lines on this output's activities." },
      },
      ok: { 200: 'FundingLinked' },
      errors: { 400: ['invalid_funding_link'], 404: ['not_found'] },
    },
  },
  '/api/plans/{id}/ranking': { get: { summary: 'Goals scored and ranked, with warnings.', access: 'read', ok: { 200: 'Ranking' }, errors: HEAVY } },
  '/api/plans/{id}/issues': { get: { summary: 'What the validator finds (rules in shared/SPEC.md).', access: 'read', ok: { 200: 'Issues' }, errors: HEAVY } },
  '/api/plans/{id}/budget': {
    get: {
      summary:
        'Budget roll-ups per currency and in the plan currency with the rates in force, funding lines, gaps (planned - committed - disbursed), the funding-by-source summary and planned money per fiscal year.',
      access: 'read',
      query: {
        asOf: { schema: { type: 'string', format: 'date' }, description: 'The date that decides which exchange rates are in force (default: the latest rate of each currency).' },
        review: { schema: str, description: 'Count actual expenditure of this review period only.' },
      },
      ok: { 200: 'Budget' },
      errors: { ...HEAVY, 400: ['invalid_budget_param'] },
    },
  },
  '/api/plans/{id}/links': {
    get: { summary: 'Every invite link of the plan (never tokens).', access: 'facilitate', ok: { 200: 'LinkList' } },
    post: { summary: 'Issues a new invite link for a role.', access: 'facilitate', body: { schema: ref('NewLink') }, ok: { 201: 'LinkIssued' }, errors: { 400: ['invalid_role', 'invalid_label'] } },
  },
  '/api/plans/{id}/links/{linkId}': {
    delete: { summary: 'Revokes a link and closes its live sessions.', access: 'facilitate', ok: { 200: 'LinkRevoked' }, errors: { 404: ['link_not_found'] } },
  },
  '/api/plans/{id}/comments': {
    post: {
      summary:
        'Adds a comment (a new thread on a goal, criterion, outcome, output, activity, indicator, section or score goalId:criterionId, or a reply with threadId) to the live plan, SPEC CM1-CM9. The server sets the author (name of the X-Participant participant, else X-Actor-Name; role and link from the token) and the time, writes it into the plan doc (everyone sees it live) and answers once it is stored. Observers may comment.',
      access: 'read',
      body: { schema: ref('NewComment') },
      ok: { 201: 'CommentWritten' },
      errors: { 400: ['invalid_comment'], 404: ['comment_target_not_found'], 429: ['comment_rate'] },
    },
  },
  '/api/plans/{id}/comments/{cid}': {
    patch: {
      summary: 'Edits a comment (body, its author only: same link and participant) or resolves / reopens a thread (resolved, its author or anyone who may edit the plan).',
      access: 'read',
      body: { schema: ref('CommentChange') },
      ok: { 200: 'CommentWritten' },
      errors: { 400: ['invalid_comment'], 403: ['not_your_comment', 'forbidden'], 404: ['comment_not_found'], 429: ['comment_rate'] },
    },
    delete: {
      summary: 'Deletes a comment (its author only): the body is removed, replies stay.',
      access: 'read',
      ok: { 200: 'CommentWritten' },
      errors: { 403: ['not_your_comment'], 404: ['comment_not_found'], 429: ['comment_rate'] },
    },
  },
  '/api/plans/{id}/recommendations': {
    post: {
      summary:
        'Contributes a recommendation to an open consultation round (SPEC CO2, CO3): title, background, policy challenge, suggested way forward, optionally the stakeholder register entry the author speaks for. The server sets the author (as for comments) and the time and writes it into the live plan. Observers may contribute. A closed round, or one past its closing date (UTC), answers 409 round_closed.',
      access: 'read',
      body: { schema: ref('NewRecommendation') },
      ok: { 201: 'RecommendationWritten' },
      errors: { 400: ['invalid_recommendation'], 404: ['not_found'], 409: ['round_closed'], 429: ['consult_rate'] },
    },
  },
  '/api/plans/{id}/recommendations/{rid}/reaction': {
    put: {
      summary: 'Supports or questions a recommendation (SPEC CO4): one reaction per person (invite link and X-Participant), replaced when sent again. Observers may react.',
      access: 'read',
      body: { schema: ref('NewReaction') },
      ok: { 200: 'ReactionWritten' },
      errors: { 400: ['invalid_reaction', 'participant_required'], 404: ['not_found'], 409: ['round_closed'], 429: ['consult_rate'] },
    },
    delete: {
      summary: "Withdraws this person's support or question (SPEC CO4).",
      access: 'read',
      ok: { 200: 'ReactionRemoved' },
      errors: { 400: ['participant_required'], 404: ['not_found'], 409: ['round_closed'], 429: ['consult_rate'] },
    },
  },
  '/api/plans/{id}/recommendations/{rid}/promote': {
    post: {
      summary: 'Promotes a recommendation to a candidate goal or to an activity under a live output (SPEC CO5); the recommendation records what it became and the goal or activity starts with its title and way forward.',
      access: 'facilitate',
      body: { schema: ref('Promotion') },
      ok: { 201: 'Promoted' },
      errors: { 400: ['invalid_promotion'], 404: ['not_found'], 429: ['consult_rate'] },
    },
  },
  '/api/plans/{id}/archive': {
    get: { summary: 'Who archived each item still archived, and when (from the audit trail), newest first.', access: 'read', ok: { 200: 'ArchiveBin' } },
  },
  '/api/plans/{id}/history': {
    get: {
      summary: 'Who changed a field or cell, when and from what (the server’s change journal), newest first.',
      access: 'read',
      query: {
        entity: { schema: str, description: 'A registry entity (`activity`, `score`, `agreedScore`...).' },
        id: { schema: str, description: 'The entity id, or a cell key (`goal:criterion:participant`).' },
        field: { schema: str, description: 'The field; empty for a cell written as one value.' },
        since: { schema: str, description: 'Only changes at or after this ISO time.' },
        until: { schema: str, description: 'Only changes at or before this ISO time.' },
        limit: { schema: str, description: 'At most this many entries (1-500, default 100).' },
      },
      ok: { 200: 'FieldHistory' },
      errors: { 400: ['invalid_history_query'] },
    },
  },
  '/api/plans/{id}/audit': {
    get: {
      summary: 'The audit trail, oldest first; `?format=csv` for spreadsheets.',
      access: 'facilitate',
      query: { format: { schema: oneOfValues(['json', 'csv']), description: '`csv` for RFC 4180 CSV; JSON otherwise.' } },
      ok: { 200: { 'application/json': ref('AuditTrail'), 'text/csv': str } },
    },
  },
  '/api/plans/{id}/snapshots': {
    post: {
      summary: 'Takes a named snapshot of the live plan (endorsing needs a facilitator).',
      access: 'snapshot',
      body: { schema: ref('SnapshotFields') },
      ok: { 201: 'SnapshotMeta' },
      errors: { 400: ['invalid_snapshot'], 409: ['too_many_snapshots'], 413: ['snapshots_too_large'] },
    },
    get: { summary: 'Snapshots of the plan, newest first.', access: 'read', ok: { 200: 'SnapshotList' } },
  },
  '/api/plans/{id}/snapshots/{sid}': {
    get: { summary: 'A snapshot with its plan.', access: 'read', ok: { 200: 'Snapshot' }, errors: READS_SNAPSHOT },
    patch: {
      summary: 'Renames, re-notes or changes the status of a snapshot (never once endorsed).',
      access: 'manageVersions',
      body: { schema: ref('SnapshotFields') },
      ok: { 200: 'SnapshotMeta' },
      errors: { ...READS_SNAPSHOT, 400: ['invalid_snapshot'], 409: ['snapshot_endorsed'] },
    },
    delete: {
      summary: 'Deletes a snapshot (never once endorsed).',
      access: 'manageVersions',
      ok: { 204: null },
      errors: { ...READS_SNAPSHOT, 409: ['snapshot_endorsed'] },
    },
  },
  '/api/plans/{id}/snapshots/{sid}/export.json': {
    get: { summary: 'A snapshot as roundtable-plan/1 JSON (an attachment).', access: 'read', ok: { 200: 'Plan' }, errors: READS_SNAPSHOT },
  },
  '/api/plans/{id}/diff': {
    get: {
      summary: 'What changed between two versions, in the plan’s own terms.',
      access: 'read',
      query: {
        from: { schema: str, required: true, description: 'A snapshot id or `live`.' },
        to: { schema: str, description: 'A snapshot id or `live` (the default).' },
      },
      ok: { 200: 'Diff' },
      errors: { ...READS_SNAPSHOT, 400: ['invalid_diff'] },
    },
  },
  '/api/plans/{id}/snapshots/{sid}/restore': {
    post: {
      summary: 'Brings the live plan back to a snapshot as a new change, keeping a "Before restoring" snapshot.',
      access: 'manageVersions',
      body: { schema: { type: 'object' }, optional: true },
      ok: { 200: 'Restored' },
      errors: READS_SNAPSHOT,
    },
  },
  '/api/plans/{id}/snapshots/{sid}/fork': {
    post: {
      summary: 'Starts a new plan from a snapshot and answers its invite links (with ADMIN_TOKEN set, only its holder may).',
      access: 'snapshot',
      body: { schema: ref('Fork'), optional: true },
      ok: { 201: 'PlanCreated' },
      errors: { ...READS_SNAPSHOT, 400: ['invalid_title'] },
    },
  },
  '/': { get: { summary: 'The web client (when built).', access: 'public', ok: { 200: { 'text/html': str } } } },
  '/plans/{id}': { get: { summary: 'The web client on a plan page (when built); the page reads its token itself.', access: 'public', ok: { 200: { 'text/html': str } } } },
};

/** The routes of every document export (server/export/): live plan and snapshot, one pair per format. */
function exportRoutesDoc(): Record<string, Record<string, Route>> {
  const out: Record<string, Record<string, Route>> = {};
  for (const f of EXPORT_FORMATS) {
    const query = Object.fromEntries(Object.entries(f.params ?? {}).map(([name, p]) => [name, { schema: p.values ? oneOfValues(p.values) : str, description: p.description }]));
    const route = (what: string, errors: Record<number, string[]>): Route => ({
      summary: `${f.summary} (${what}, ${f.disposition === 'attachment' ? 'an attachment' : 'shown inline'}).`,
      access: 'read',
      ...(f.params ? { query } : {}),
      ok: { 200: { [f.contentType.split(';')[0]!.trim()]: { type: 'string', format: 'binary' } } },
      errors: { ...errors, 400: ['invalid_export_param', ...(f.errorCodes ?? [])] },
    });
    out[`/api/plans/{id}/export.${f.name}`] = { get: route('live plan', {}) };
    out[`/api/plans/{id}/snapshots/{sid}/export.${f.name}`] = { get: route('a snapshot', READS_SNAPSHOT) };
  }
  return out;
}

/** The error codes an operation can answer, by status, from who may call it and whether it reads a body. */
function errorCodes(route: Route): Record<number, string[]> {
  const codes: Record<number, string[]> = { 500: ['internal'] };
  const add = (status: number, ...more: string[]) => (codes[status] = [...new Set([...(codes[status] ?? []), ...more])]);
  // With DATABASE_URL every non-public route reads the database: 503 while it is away (SPEC CL6).
  if (route.access !== 'public') add(503, 'storage_unavailable');
  if (route.body) add(413, 'too_large');
  if (route.body && !route.body.optional && !route.body.mediaType) add(400, 'invalid_json');
  if (route.access === 'creator' || route.access === 'admin') add(401, 'unauthorized');
  if (route.access !== 'public' && route.access !== 'creator' && route.access !== 'admin') {
    add(400, 'invalid_id');
    add(401, 'unauthorized');
    add(404, 'plan_not_found');
    if (RIGHTS[route.access].length < ROLES.length) add(403, 'forbidden');
  }
  for (const [status, more] of Object.entries(route.errors ?? {})) add(Number(status), ...more);
  return codes;
}

/** An error response whose `error.code` is one of `codes`. */
const errorResponse = (codes: string[]) => ({
  description: `Refused: ${codes.join(', ')}.`,
  content: { 'application/json': { schema: { allOf: [ref('Error'), { properties: { error: { properties: { code: oneOfValues(codes) } } } }] } } },
});

/** Security requirement of an access level (bearer token; optional for creators). */
function security(access: Access): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'creator') return [{}, { bearer: [] }];
  return [{ bearer: [] }];
}

/** The OpenAPI operation of one route. */
function operation(path: string, route: Route): Schema {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: m[1] === 'id' ? { type: 'string', pattern: ID_PATTERN.source } : str,
  }));
  const query = Object.entries(route.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema }));
  const actor = route.access === 'public' ? [] : [{ name: 'X-Actor-Name', in: 'header', required: false, description: 'Pseudonym recorded in the audit trail.', schema: str }];
  const responses: Record<string, Schema> = {};
  for (const [status, body] of Object.entries(route.ok)) {
    if (body === null) responses[status] = { description: 'Done, no content.' };
    else if (typeof body === 'string') responses[status] = { description: body, content: { 'application/json': { schema: ref(body) } } };
    else responses[status] = { description: 'OK', content: Object.fromEntries(Object.entries(body).map(([type, schema]) => [type, { schema }])) };
  }
  for (const [status, codes] of Object.entries(errorCodes(route))) responses[status] = errorResponse(codes);
  return {
    summary: route.summary,
    ...(route.access === 'public' || route.access === 'creator' || route.access === 'admin' ? {} : { 'x-right': route.access }),
    security: security(route.access),
    parameters: [...pathParams, ...query, ...actor],
    ...(route.body ? { requestBody: { required: !route.body.optional, content: { [route.body.mediaType ?? 'application/json']: { schema: route.body.schema } } } } : {}),
    responses,
  };
}

/** Builds the whole OpenAPI 3.1 document. */
function buildDocument(): Schema {
  const paths = Object.fromEntries(
    Object.entries({ ...ROUTES, ...exportRoutesDoc() }).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([method, route]) => [method, operation(path, route)]))]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roundtable HTTP API',
      version: '1',
      description: 'Errors are always JSON `{ error: { code, message } }`. Every /api/plans/{id}/... route needs an invite-link token as `Authorization: Bearer <token>`; `x-right` names the right it needs.',
    },
    paths,
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An invite-link token, or the instance ADMIN_TOKEN.' } } },
  };
}

let built: Schema | null = null;

/** The OpenAPI 3.1 document of every route (built once, then shared; treat it as read-only). */
export function openApiDocument(): Schema {
  built ??= buildDocument();
  return built;
}

/** `GET /openapi.json` (mounted at `/api`): the document, no token needed. */
export function openApiRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/openapi.json', (c) => c.json(openApiDocument()));
}
