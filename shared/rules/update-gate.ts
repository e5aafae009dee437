import { isId } from '../ids.js';
import { isOrderKey } from '../domain/order.js';
import { parseKey } from '../schema/keys.js';
import {
  CRITERION_FIELDS,
  ENTITIES,
  EXCHANGE_RATE_FIELDS,
  FUNDING_LINE_FIELDS,
  INDICATOR_FIELDS,
  META_FIELDS,
  NODE_FIELDS,
  PARTICIPANT_FIELDS,
  REQUIREMENT_ENTITY,
  REVIEW_FIELDS,
  SECTION_FIELDS,
  STAKEHOLDER_FIELDS,
  BODY_FIELDS,
  MEETING_FIELDS,
  DECISION_FIELDS,
  DELIVERABLE_FIELDS,
  ANSWER_FIELDS,
  SECTOR_ANSWER_FIELDS,
  LIBRARY_ENTRY_FIELDS,
  CONSULT_ROUND_FIELDS,
  TRANSLATION_FIELDS,
  textLimit,
  type EntityDef,
  type EntityFields,
  type Scalar,
} from '../schema/registry.js';
import { ROOT } from '../schema/roots.js';
import { NODE_KINDS } from '../schema/types.js';
import { LIMITS, hasOnlyKeys, own } from '../schema/values.js';

/**
 * The rules every incoming live update must pass before the server applies it (G1-G10 in
 * shared/SPEC.md). They are pure: they judge a description of what an update does (where each
 * change lands in the plan doc, and what it puts there), not Yjs bytes. The server derives that
 * description from the decoded update without applying it (server/sync/hooks/update-gate.ts);
 * the browser can run the same checks to explain a refusal before sending.
 */

/** Who sends the update, as the gate sees it. */
export interface Writer {
  /** Facilitators may agree (lock) criteria, edit them while locked, and write agreed scores. */
  canFacilitate: boolean;
  /** The participant id the connection is bound to; it may only write score cells of this id. */
  participantId: string | null;
}

/** What the plan looks like where the rules depend on it (read by the server in O(1)). */
export interface GateState {
  /** Both committees agreed the criteria (see `criteriaLocked`). */
  criteriaLocked: boolean;
  /** The facilitator lets editors move the plan to another stage (meta `stageMovers` is `editors`, ST2). */
  editorsMoveStage?: boolean;
}

/** What a change puts under a map key. */
export type Put =
  /** A new Y.Map. */
  | { kind: 'map' }
  /** A new Y.Text. */
  | { kind: 'text' }
  /** One plain (JSON-like) value. */
  | { kind: 'value'; value: unknown }
  /** Anything else: another shared type, binary, an embed or format, a sub-document, several values. */
  | { kind: 'other' };

/**
 * One change an update makes, described by where it lands: `path` is the root name, then the
 * map keys down to the place (`['criteria', 'c1', 'title']`).
 */
export type Change =
  /** Sets the map key that ends `path`. */
  | { op: 'set'; path: readonly string[]; put: Put }
  /** Inserts into the Y.Text at `path`; `length` is the text's length afterwards (at most). `plain` is false for embeds and formats. */
  | { op: 'insert'; path: readonly string[]; length: number; plain: boolean }
  /** Removes the map entry at `path` (`inText` false) or characters of the Y.Text at `path`. */
  | { op: 'delete'; path: readonly string[]; inText: boolean };

/** The rule ids of SPEC section G. */
export type GateRule = 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6' | 'G7' | 'G8' | 'G9' | 'G10' | 'G11' | 'G12' | 'ST2' | 'CM2' | 'CO1' | 'CO2';

/**
 * How the browser words a refusal (L25): the catalogue's `gate:<rule>.<code>_<variant>` filled with
 * `params` (`place`: the entity root, worded `gate:places.<root>`; `field`: a field id, worded
 * `diff:field.<field>`; numbers formatted), else `gate:<rule>.<code>`.
 */
export interface RefusalWords {
  variant: string;
  params?: Readonly<Record<string, string | number>>;
}

/**
 * Why an update is refused: the rule, a short stable code, an English sentence (logs, API users),
 * and how the browser words it in the reader's language (`words`, L25).
 */
export interface Refusal {
  rule: GateRule;
  code:
    | 'unknown-place'
    | 'incomplete'
    | 'lock-flag'
    | 'server-key'
    | 'criteria-locked'
    | 'foreign-score'
    | 'agreed-score'
    | 'out-of-domain'
    | 'too-long'
    | 'plan-too-large'
    | 'foreign-client'
    | 'facilitator-setting'
    | 'stage-move'
    | 'server-only'
    | 'facilitator-only';
  message: string;
  /** The message variant and parameters for the reader's language (L25); absent: the rule and code's own message. */
  words?: RefusalWords;
}

/**
 * Largest stored size of one plan (state plus update log), in bytes, that updates may grow it
 * to (G10). A 60,000-activity plan with full texts is far below it; a plan that is not is a
 * flood. The server's MAX_PLAN_BYTES setting overrides it.
 */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/** Meta keys that lock the criteria once both committees agree; facilitators only (G3). */
export const LOCK_FLAGS = ['criteriaAgreedByImc', 'criteriaAgreedByNcc'] as const;

/** Meta keys only the server writes, when it creates or imports a plan (G4). */
export const SERVER_KEYS: readonly string[] = ['id', 'schemaVersion', 'title'];

/** How one key of an entity map may be written. */
type KeyRule = { kind: 'text'; limit: number } | { kind: 'scalar'; scalar: Scalar } | { kind: 'map' };

const refuse = (rule: GateRule, code: Refusal['code'], message: string, words?: RefusalWords): Refusal => (words ? { rule, code, message, words } : { rule, code, message });

/**
 * Words for "nothing of the plan lives here" (G1): the place and field when `path` names a known
 * root and a field of it (`[root, id, field]`, or `['meta', field]`), else none (the rule's own message).
 */
function placeWords(path: readonly string[]): RefusalWords | undefined {
  const [root, id, key] = path;
  if (root === ROOT.meta && id !== undefined && key === undefined) return atField('field', root, id);
  const known = root !== undefined && (ENTITY_ROOTS.has(root) || CELL_ROOTS.has(root));
  return known && key !== undefined ? atField('field', root, key) : undefined;
}

/** Words for a refusal about `field` of the entity stored under `root` (G1, G8, G9). */
const atField = (variant: string, root: string, field: string, more: Record<string, number> = {}): RefusalWords => ({ variant, params: { place: root, field, ...more } });

function keyRules(fields: EntityFields, extra: Record<string, KeyRule> = {}): ReadonlyMap<string, KeyRule> {
  const out = new Map<string, KeyRule>();
  for (const [key, f] of Object.entries(fields.fields)) {
    out.set(key, f.kind === 'text' ? { kind: 'text', limit: textLimit(key) } : { kind: 'scalar', scalar: f.scalar });
  }
  for (const [key, r] of Object.entries(extra)) out.set(key, r);
  return out;
}

function check(expects: string, parse: (v: unknown) => boolean): KeyRule {
  return { kind: 'scalar', scalar: { expects, fallback: null, schema: {}, parse: (v) => (parse(v) ? v : undefined) } };
}

/** Matrix nodes share one root: a key is allowed when some node kind has it (same checks everywhere). */
const NODE_KEYS = new Map<string, KeyRule>();
for (const kind of NODE_KINDS) for (const [k, r] of keyRules(NODE_FIELDS[kind])) if (!NODE_KEYS.has(k)) NODE_KEYS.set(k, r);
NODE_KEYS.set('kind', check(`one of ${NODE_KINDS.join(', ')}`, (v) => (NODE_KINDS as readonly unknown[]).includes(v)));
NODE_KEYS.set(
  'placement',
  check('{ parentId: id or null, order: order key }', (v) => {
    if (!hasOnlyKeys(v, ['parentId', 'order'])) return false;
    const parentId = own(v, 'parentId');
    return (parentId === null || isId(parentId)) && isOrderKey(own(v, 'order'));
  }),
);
NODE_KEYS.set('requirements', { kind: 'map' });

/** Keys of each entity root's Y.Maps (roots of `storage: 'entity'`). */
const ENTITY_ROOTS: ReadonlyMap<string, ReadonlyMap<string, KeyRule>> = new Map([
  [ROOT.participants, keyRules(PARTICIPANT_FIELDS)],
  [ROOT.criteria, keyRules(CRITERION_FIELDS)],
  [ROOT.nodes, NODE_KEYS],
  [ROOT.indicators, keyRules(INDICATOR_FIELDS, { nodeId: check('an id', isId) })],
  [ROOT.reviews, keyRules(REVIEW_FIELDS)],
  [ROOT.sections, keyRules(SECTION_FIELDS)],
  // Funding lines and exchange rates: anyone who may edit the plan (editors, facilitators); FN6, CU6.
  [ROOT.fundingLines, keyRules(FUNDING_LINE_FIELDS, { activityId: check('an id', isId) })],
  [ROOT.exchangeRates, keyRules(EXCHANGE_RATE_FIELDS)],
  [ROOT.stakeholders, keyRules(STAKEHOLDER_FIELDS)],
  [ROOT.bodies, keyRules(BODY_FIELDS)],
  [ROOT.meetings, keyRules(MEETING_FIELDS)],
  [ROOT.decisions, keyRules(DECISION_FIELDS, { meetingId: check('an id', isId) })],
  [ROOT.deliverables, keyRules(DELIVERABLE_FIELDS)],
  [ROOT.answers, keyRules(ANSWER_FIELDS)],
  // Sector checklist answers and the team's library: editors and facilitators (SK2, LB4).
  [ROOT.sectorAnswers, keyRules(SECTOR_ANSWER_FIELDS)],
  [ROOT.libraryEntries, keyRules(LIBRARY_ENTRY_FIELDS)],
  // Consultation rounds: facilitators only (CO1, in checkAccess).
  [ROOT.consultRounds, keyRules(CONSULT_ROUND_FIELDS)],
  // Translations of titles and section texts: whoever may write the title (editors, facilitators; ML4).
  [ROOT.translations, keyRules(TRANSLATION_FIELDS, { targetId: check('an id', isId) })],
]);

/** Cell roots: the entity stored in them and how many ids their keys join. */
const CELL_ROOTS: ReadonlyMap<string, EntityDef> = new Map([
  [ROOT.scores, ENTITIES.score],
  [ROOT.agreed, ENTITIES.agreedScore],
  [ROOT.activityReports, ENTITIES.activityReport],
  [ROOT.indicatorReadings, ENTITIES.indicatorReading],
]);
const CELL_KEY_PARTS: Readonly<Record<string, number>> = { scores: 3, agreed: 2, activityReports: 2, indicatorReadings: 2 };

const META_KEYS = keyRules(META_FIELDS);

/** True when `value` is a plain cell of `fields`: only their keys, each valid, the required ones present. */
export function isCellValue(fields: EntityFields, required: readonly string[], value: unknown): boolean {
  if (!hasOnlyKeys(value, Object.keys(fields.scalars))) return false;
  for (const key of required) if (own(value, key) === undefined) return false;
  for (const [key, spec] of Object.entries(fields.scalars)) {
    const v = own(value, key);
    if (v !== undefined && spec.parse(v) === undefined) return false;
  }
  return true;
}

/** Whether `put` is allowed by `rule` (G8) at `where` (the entity root and the field), and why not. */
function checkPut(rule: KeyRule, put: Put, where: readonly [root: string, field: string, path: string]): Refusal | null {
  const bad = (expects: string) => refuse('G8', 'out-of-domain', `${where[2]} must be ${expects}`, atField('field', where[0], where[1]));
  if (rule.kind === 'map') return put.kind === 'map' ? null : bad('a map');
  if (rule.kind === 'text') return put.kind === 'text' ? null : bad('a collaborative text');
  if (put.kind !== 'value' || rule.scalar.parse(put.value) === undefined) return bad(rule.scalar.expects);
  return null;
}

/** The rule for the text at `path` (for inserts and character deletes), or null when no text lives there. */
function textRule(path: readonly string[]): { limit: number } | null {
  const [root, id, key, ...rest] = path;
  if (root === ROOT.meta) return id === 'title' && key === undefined ? { limit: LIMITS.shortText } : null;
  const keys = root === undefined ? undefined : ENTITY_ROOTS.get(root);
  if (!keys || !isId(id) || key === undefined || rest.length > 0) return null;
  const rule = keys.get(key);
  return rule?.kind === 'text' ? rule : null;
}

/** Plan settings only a facilitator changes (G12): who sees individual named scores. */
export const FACILITATOR_SETTINGS = ['exportNamedScores', 'anonymousScoring', 'language'] as const;

/** Access rules (G3-G7, G12, CM2) for any change at `path`, whatever it puts there. */
function checkAccess(writer: Writer, state: GateState, path: readonly string[]): Refusal | null {
  const [root, key] = path;
  // CM2: comments are written by the server only (it sets the author and the time), for everyone.
  if (root === ROOT.comments) return refuse('CM2', 'server-only', 'comments are written through the server (POST /api/plans/:id/comments), never as document updates');
  // CO2: recommendations and reactions are written by the server only (observers contribute too), for everyone.
  if (root === ROOT.recommendations || root === ROOT.reactions) {
    return refuse('CO2', 'server-only', 'recommendations, support and questions are written through the server (POST /api/plans/:id/recommendations), never as document updates');
  }
  // CO1: only a facilitator opens, edits or closes a consultation round.
  if (root === ROOT.consultRounds && !writer.canFacilitate) return refuse('CO1', 'facilitator-only', 'only a facilitator may open, change or close a consultation round');
  if (root === ROOT.meta && key !== undefined && (LOCK_FLAGS as readonly string[]).includes(key) && !writer.canFacilitate) {
    return refuse('G3', 'lock-flag', 'only a facilitator may agree the criteria or withdraw an agreement');
  }
  if (root === ROOT.meta && key !== undefined && (FACILITATOR_SETTINGS as readonly string[]).includes(key) && !writer.canFacilitate) {
    if (key === 'anonymousScoring') return refuse('G12', 'facilitator-setting', 'only a facilitator may switch anonymous scoring on or off (SC20)', { variant: 'anonymous' });
    if (key === 'language') return refuse('G12', 'facilitator-setting', "only a facilitator may change the plan's export language", { variant: 'language' });
    return refuse('G12', 'facilitator-setting', 'only a facilitator may change who sees individual named scores', { variant: 'named' });
  }
  if (root === ROOT.meta && key === 'stageMovers' && !writer.canFacilitate) {
    return refuse('ST2', 'facilitator-setting', 'only a facilitator may change who moves the plan to another stage');
  }
  if (root === ROOT.meta && key === 'stage' && !writer.canFacilitate && !state.editorsMoveStage) {
    return refuse('ST2', 'stage-move', 'only a facilitator may move the plan to another stage');
  }
  if (root === ROOT.criteria && state.criteriaLocked && !writer.canFacilitate) {
    return refuse('G5', 'criteria-locked', 'the criteria are locked: both committees have agreed them');
  }
  if (root === ROOT.scores && key !== undefined) {
    const parts = parseKey(key, 3);
    if (!parts || writer.participantId === null || parts[2] !== writer.participantId) {
      return refuse('G6', 'foreign-score', 'a connection may only write the score cells of its own participant');
    }
  }
  if (root === ROOT.agreed && !writer.canFacilitate) return refuse('G7', 'agreed-score', 'only a facilitator may record an agreed score');
  return null;
}

/** Shape and value rules (G1, G4, G8) of setting the map key that ends `path`. */
function checkSet(path: readonly string[], put: Put): Refusal | null {
  const [root, id, key, sub, ...rest] = path;
  const unknown = () => refuse('G1', 'unknown-place', `nothing of the plan lives at ${path.join('.')}`, placeWords(path));
  if (root === undefined || id === undefined) return unknown();
  if (root === ROOT.meta) {
    if (key !== undefined) return unknown();
    if (SERVER_KEYS.includes(id)) return refuse('G4', 'server-key', `the plan's ${id} is set by the server only`, { variant: 'field', params: { field: id } });
    const rule = META_KEYS.get(id);
    return rule ? checkPut(rule, put, [root, id, `meta.${id}`]) : unknown();
  }
  const cell = CELL_ROOTS.get(root);
  if (cell) {
    if (key !== undefined || !parseKey(id, CELL_KEY_PARTS[root]!)) return unknown();
    if (put.kind !== 'value' || !isCellValue(cell.fields, cell.required, put.value)) {
      return refuse('G8', 'out-of-domain', `a ${cell.label} cell must hold ${Object.keys(cell.fields.scalars).join(', ')} with valid values`, { variant: 'place', params: { place: root } });
    }
    return null;
  }
  const keys = ENTITY_ROOTS.get(root);
  if (!keys || !isId(id)) return unknown();
  if (key === undefined) return put.kind === 'map' ? null : refuse('G8', 'out-of-domain', `${root}.${id} must be a map`, { variant: 'place', params: { place: root } });
  const rule = keys.get(key);
  if (!rule) return unknown();
  if (sub === undefined) return checkPut(rule, put, [root, key, `${root}.${id}.${key}`]);
  // Below an entity only a goal's requirements map holds entries: one plain cell per id.
  if (rule.kind !== 'map' || rest.length > 0 || !isId(sub)) return unknown();
  return put.kind === 'value' && isCellValue(REQUIREMENT_ENTITY, ENTITIES.requirement.required, put.value)
    ? null
    : refuse('G8', 'out-of-domain', 'a requirement must hold kind, description and order with valid values', { variant: 'requirement' });
}

/**
 * Checks one change against the rules (G1, G3-G9): null when `writer` may make it. Deleting a
 * map entry is subject to the same access rules as writing it; the server's own keys (G4) are
 * never removed; characters of a text may be removed wherever the text may be edited.
 */
export function checkChange(writer: Writer, state: GateState, change: Change): Refusal | null {
  const denied = checkAccess(writer, state, change.path);
  if (denied) return denied;
  if (change.op === 'set') return checkSet(change.path, change.put);
  if (change.op === 'insert') {
    const rule = textRule(change.path);
    if (!rule || !change.plain) return refuse('G1', 'unknown-place', `no plain text lives at ${change.path.join('.')}`, placeWords(change.path));
    if (change.length > rule.limit) {
      const [root, id, key] = change.path;
      const words = root === ROOT.meta ? atField('field', root, id!, { limit: rule.limit }) : atField('field', root!, key!, { limit: rule.limit });
      return refuse('G9', 'too-long', `${change.path.join('.')} may hold at most ${rule.limit} characters`, words);
    }
    return null;
  }
  const [root, key, sub] = change.path;
  if (!change.inText && root === ROOT.meta && key !== undefined && sub === undefined && SERVER_KEYS.includes(key)) {
    return refuse('G4', 'server-key', `the plan's ${key} is set by the server only`, { variant: 'field', params: { field: key } });
  }
  return null;
}

/** G10: an update may not grow the plan's stored size past `maxBytes`. */
export function checkPlanSize(storedBytes: number, updateBytes: number, maxBytes: number = MAX_PLAN_BYTES): Refusal | null {
  if (storedBytes + updateBytes <= maxBytes) return null;
  return refuse('G10', 'plan-too-large', `the plan may not grow past ${maxBytes} bytes`, { variant: 'size', params: { bytes: maxBytes } });
}

/** G2: an update that depends on content the server does not have is refused whole. */
export function incomplete(detail: string): Refusal {
  return refuse('G2', 'incomplete', `the update depends on content the server does not have (${detail})`);
}

/** G11: new content under a Yjs client id that an open connection of another link writes with. */
export function foreignClient(client: number): Refusal {
  return refuse('G11', 'foreign-client', `client id ${client} belongs to another connection`);
}
