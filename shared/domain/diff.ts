import { diffComments } from './comments.js';
import { rankGoals } from './scoring.js';
import { nodeCodes } from './tree.js';
import { formatNumber } from '../i18n/format.js';
import { formatMoney } from './money.js';
import enDiff from '../i18n/en/diff.js';
import enTranslations from '../i18n/en/translations.js';
import { indexTranslations } from './translations.js';
import { LOCALES } from '../i18n/locales.js';
import { ENTITIES, TEXT_LIMITS, type EntityDef, type EntityName } from '../schema/registry.js';
import { NODE_KINDS, type Money, type NodeKind, type PlanData, type TranslatedField, type TranslationTarget } from '../schema/types.js';
import { LIMITS } from '../schema/values.js';

/**
 * Semantic diff of two plans (rules DF1-DF9 in shared/SPEC.md): what a planning team would say
 * changed, in the plan's own terms, with old -> new values. Pure: plain plans in, plain data out.
 */

/** What happened to an entity or field between the two plans. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** The kind of thing a change is about: the plan, an entity stored as a map (registry names), or a score cell. */
export type DiffEntityKind =
  | 'plan'
  | 'participant'
  | 'criterion'
  | 'goal'
  | 'outcome'
  | 'output'
  | 'activity'
  | 'indicator'
  | 'score'
  | 'agreed-score'
  | 'review'
  | 'section'
  | 'stakeholder'
  | 'body'
  | 'meeting'
  | 'decision'
  | 'deliverable'
  | 'answer'
  | 'comment'
  | 'fundingLine'
  | 'exchangeRate'
  | 'sectorAnswer'
  | 'libraryEntry'
  | 'consultRound'
  | 'recommendation'
  | 'reaction'
  | 'translation';

/** One piece of a text diff. */
export interface TextPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * How a diff line names what changed (L5): the parts of its label, never a sentence. `form`
 * says which label message shapes it (`diff:label.<form>`); the other fields are its parameters.
 */
export interface DiffLabel {
  form: 'row' | 'named' | 'support' | 'question' | 'plan' | 'fundingLine' | 'exchangeRate' | 'score' | 'anonymousScore' | 'agreedScore' | 'scoreCell' | 'goal' | 'reviewEntry' | 'text';
  /** The entity kind (`diff:kind.<kind>`), for `row` and `named`. */
  kind?: DiffEntityKind;
  id?: string;
  /** A row's full code (M7), when it has one. */
  code?: string;
  /** Title or name as typed ('' when none). */
  name?: string;
  /** Funding line funder ('' when not named, FN7). */
  funder?: string;
  /** Exchange rate: base currency, quote currency, value date (ISO). */
  currency?: string;
  quote?: string;
  date?: string;
  /** Score cells: who (null when the plan scores anonymously, SC21), goal and criterion titles. */
  person?: string | null;
  goal?: string;
  criterion?: string;
  /** Review entries: the review's label and the row the entry is about. */
  review?: string;
  row?: DiffLabel;
}

/**
 * What a diff line says, as a message code of the `diff` namespace (`diff:line.<code>`); its
 * parameters are in {@link Change.params}, the values in `from` / `to`.
 */
export type DiffCode =
  | 'added'
  | 'removed'
  | 'changed'
  | 'edited'
  | 'movedUnder'
  | 'movedUnderWas'
  | 'moved'
  | 'movedFromTo'
  | 'fundingAmount'
  | 'fundingAmountFor'
  | 'scoreSet'
  | 'scoreCleared'
  | 'scoreChanged'
  | 'total'
  | 'rank'
  | 'commentsNew'
  | 'commentsResolved'
  | 'commentsReopened'
  | 'commentsEdited'
  | 'commentsDeleted'
  | 'translationAdded'
  | 'translationEdited'
  | 'translationRemoved'
  | 'translationOriginal';

const TRANSLATION_CODES_LIST = ['translationAdded', 'translationEdited', 'translationRemoved', 'translationOriginal'] as const;
/** Codes of translation lines (ML8): worded from `translations:line.<code>`, not `diff:line.<code>`. */
const TRANSLATION_CODES: ReadonlySet<string> = new Set(TRANSLATION_CODES_LIST);

/** Codes whose line names its entity after a preposition ("3 new comments on goal 1"): worded with the article (L101). */
const AFTER_PREPOSITION: ReadonlySet<string> = new Set(['commentsNew', 'commentsResolved', 'commentsReopened', 'commentsEdited', 'commentsDeleted']);

/** Every {@link DiffCode}, for the OpenAPI document and tests. */
export const DIFF_CODES: readonly DiffCode[] = ['added', 'removed', 'changed', 'edited', 'movedUnder', 'movedUnderWas', 'moved', 'movedFromTo', 'fundingAmount', 'fundingAmountFor', 'scoreSet', 'scoreCleared', 'scoreChanged', 'total', 'rank', 'commentsNew', 'commentsResolved', 'commentsReopened', 'commentsEdited', 'commentsDeleted', ...TRANSLATION_CODES_LIST];

/** The parameters of a diff line besides `from` / `to` (L5): structured, never pre-formatted. */
export interface DiffParams {
  /** What changed. */
  entity: DiffLabel;
  /** The field, by its registry id (`diff:field.<field>`). */
  field?: string;
  /** A move's new parent (`movedUnder*`). */
  parent?: { kind: DiffEntityKind; code: string };
  /** A moved row's old code (`movedUnderWas`). */
  was?: string;
  /** Old and new codes of a row moved among its siblings (`movedFromTo`). */
  fromCode?: string;
  toCode?: string;
  /** A funding line's status (`diff:status.<status>`). */
  status?: string;
  /** The activity a funding line funds (`fundingAmountFor`). */
  row?: DiffLabel;
  /** How many comments (`comments*`: picks the plural form). */
  count?: number;
  /** The language of a translation line (ML8): en, fr, es or ar. */
  lang?: string;
}

/** One change, with old and new values, its message code and parameters, and the English line. */
export interface Change {
  kind: ChangeKind;
  /** `label` is the English label (for API users and logs); `params.entity` has its parts. */
  entity: { kind: DiffEntityKind; id: string; label: string };
  /** What the line says (L5): the reader's text is `describeChange(change, t, fmt)`. */
  code: DiffCode;
  params: DiffParams;
  /** The field that changed (for `changed` and `moved`). */
  field?: string;
  from?: unknown;
  to?: unknown;
  /** Word or line diff for prose fields. */
  text?: TextPart[];
  /** The line in English, for API users and logs, e.g. "activity 1.2 budget 15,000 -> 12,000 USD" (dates ISO). */
  summary: string;
  /** Who wrote this field between the two versions, oldest first, where the change journal knows (DF10). */
  by?: string[];
}

/** A write of one field as the server's change journal records it (FH1), reduced to what DF10 needs. */
export interface WriteRecord {
  /** ISO time the server stored it. */
  at: string;
  /** Registry entity name (`activity`, `agreedScore`, `meta`...). */
  entity: string;
  /** Entity id or cell key; '' for plan fields. */
  id: string;
  /** The field; null for a cell written as one value. */
  field: string | null;
  /** False when the write lost a concurrent merge (it never showed). */
  kept: boolean;
  by: { name: string };
}

/** The journal's address of a change: entity, id and field, or null when DF10 does not name writers for it. */
function journalKey(c: Change): string | null {
  const k = c.entity.kind;
  // Individual scores already name their owner, and may be anonymous (SC20): never attributed.
  if (k === 'score' || k === 'comment') return null;
  if (k === 'plan') return c.field ? `meta\u0000\u0000${c.field}` : null;
  if (k === 'agreed-score') return `agreedScore\u0000${c.entity.id}\u0000`;
  if (c.kind === 'changed' && c.field) return `${k}\u0000${c.entity.id}\u0000${c.field}`;
  if (c.kind === 'removed') return `${k}\u0000${c.entity.id}\u0000archived`;
  return null;
}

/**
 * DF10: names who made each change, from the server's change journal. A change of a field (or an
 * agreed score, or an archiving) gets the distinct names of the kept writes of that field whose
 * time lies in `span` (the two versions' times), oldest first; lost writes (FH2) never count.
 * Additions, moves, individual scores and fields the journal never saw get no names. Pure.
 */
export function attributeChanges(changes: readonly Change[], writes: readonly WriteRecord[], span: { after: string; until: string }): Change[] {
  const names = new Map<string, string[]>();
  for (const w of [...writes].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    if (!w.kept || w.at <= span.after || w.at > span.until || !w.by.name) continue;
    const key = `${w.entity}\u0000${w.id}\u0000${w.field ?? ''}`;
    const list = names.get(key);
    if (!list) names.set(key, [w.by.name]);
    else if (!list.includes(w.by.name)) list.push(w.by.name);
  }
  return changes.map((c) => {
    const key = journalKey(c);
    const by = key ? names.get(key) : undefined;
    return by ? { ...c, by: [...by] } : c;
  });
}

/** Every change between two plans, and how many of each kind. */
export interface PlanDiff {
  changes: Change[];
  counts: Record<ChangeKind, number>;
}

type Entity = { id: string } & Record<string, unknown>;

/** Fields that are positions or links, compared separately as moves (DF3): ids, order, parents. */
const PLACEMENT = new Set(['id', 'order', ...Object.values(ENTITIES).flatMap((e) => (e.parent ? [e.parent.field] : []))]);
/** A review's entry lists, compared entry by entry (RV6) rather than as one field. */
const REVIEW_ENTRY_LISTS = new Set(Object.values(ENTITIES).filter((e) => e.container === 'review').map((e) => e.list!));
/** Prose fields that get a text diff (DF6): the long texts of the registry. */
const PROSE = new Set(Object.keys(TEXT_LIMITS).filter((k) => TEXT_LIMITS[k] === LIMITS.longText));

/** A translate function `(key, params) => text`: i18next's `t` in the browser, {@link englishText} for the API's `summary`. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * How a diff line writes numbers, money and dates: the reader's `fmt` (money by `fmt.money`, L100),
 * or {@link ENGLISH_FORMAT} for the API's `summary`.
 */
export interface DiffFormat {
  number(n: number): string;
  date(iso: string): string;
  /** An amount with its currency, as the reader's locale writes it (`fmt.money`). */
  money(amount: number, currency: string): string;
  /**
   * True when an old and a new amount in the same currency name it once ("15,000 -> 12,000 USD",
   * DF5): the API's English `summary` only. A reader's lines show both amounts in full (L100).
   */
  currencyOnce?: boolean;
}

/** Numbers as English writes them, money as `15,000 USD`, dates left as ISO `YYYY-MM-DD` (the API's `summary` line). */
export const ENGLISH_FORMAT: DiffFormat = {
  number: (n) => formatNumber('en', n),
  date: (iso) => iso,
  money: (amount, currency) => formatMoney({ amount, currency }),
  currencyOnce: true,
};

/** English catalogues `englishText` reads: `diff`, and `translations` for translation lines (ML8). */
const ENGLISH: Readonly<Record<string, unknown>> = { diff: enDiff, translations: enTranslations };

const lookup = (path: string): unknown => {
  const [ns, rest] = path.startsWith('translations:') ? ['translations', path.slice('translations:'.length)] : ['diff', path];
  return rest.split('.').reduce<unknown>((t, k) => (t && typeof t === 'object' ? (t as Record<string, unknown>)[k] : undefined), ENGLISH[ns]);
};

/**
 * The English message `diff:<key>` of the catalogue with its `{{placeholders}}` filled, English
 * plurals (`_one` when `count` is 1, else `_other`), and `defaultValue` for a key it lacks. The
 * diff's `summary` (API users, logs) is made with it; readers get `t` in their own language.
 */
export function englishText(key: string, params: Record<string, unknown> = {}): string {
  const path = key.replace(/^diff:/, '');
  const plural = typeof params.count === 'number' ? lookup(`${path}_${params.count === 1 ? 'one' : 'other'}`) : undefined;
  const msg = plural ?? lookup(path);
  if (typeof msg !== 'string') return typeof params.defaultValue === 'string' ? params.defaultValue : path;
  return msg.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A field's name in a diff line (`diff:field.<id>`); a field the catalogue lacks reads as its words (`fooBar` -> `foo bar`). */
export function fieldText(field: string, tr: Translate): string {
  return tr(`diff:field.${field}`, { defaultValue: field.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase()) });
}

/** How a field is named in English summary lines (`mdGoal` -> `M&D goal`, `imcLevel` -> `IMC level`). */
export const fieldLabel = (f: string) => fieldText(f, englishText);

const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';

/** Longest text shown whole in a summary line. */
const SHOWN_CHARS = 60;

/** A measure or a period target (RV6): "12 by 2027-12-31". */
const isMeasureLike = (v: unknown): v is { value: number; date?: string | null; end?: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { value?: unknown }).value === 'number' && ('date' in v || 'end' in v);

/** A disaggregated part (RV6): "sex female 40". */
const isPart = (v: unknown): v is { dimension: string; category: string; value: number } =>
  typeof v === 'object' && v !== null && typeof (v as { dimension?: unknown }).dimension === 'string' && typeof (v as { category?: unknown }).category === 'string';

/**
 * A value as a diff line shows it, in the language of `tr` and the figures of `f`: money by
 * `f.money` (L100: `15 000,00 USD` in French, `15,000 USD` in the English summary), empty as
 * `(none)`, text quoted and cut past 60 characters, lists joined.
 */
export function valueText(v: unknown, tr: Translate, f: DiffFormat): string {
  if (v === null || v === undefined || v === '') return tr('diff:value.none');
  if (isMoney(v)) return f.money(v.amount, v.currency);
  if (isMeasureLike(v)) {
    const by = 'end' in v ? v.end : v.date;
    return by ? tr('diff:value.measureBy', { value: f.number(v.value), date: f.date(by) }) : f.number(v.value);
  }
  if (isPart(v)) return `${v.dimension} ${v.category} ${valueText(v.value, tr, f)}`;
  if (typeof v === 'string') return v.length > SHOWN_CHARS ? tr('diff:value.cut', { text: v.slice(0, SHOWN_CHARS - 3) }) : tr('diff:value.quoted', { text: v });
  if (typeof v === 'number') return f.number(v);
  if (typeof v === 'boolean') return tr(v ? 'diff:value.yes' : 'diff:value.no');
  if (Array.isArray(v)) return v.length === 0 ? tr('diff:value.none') : v.map((x) => (isMeasureLike(x) || isPart(x) ? valueText(x, tr, f) : typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return JSON.stringify(v);
}

/** A value in English, as the API's `summary` shows it: money as `15,000 USD`, empty as `(none)`, long text cut. */
export function show(v: unknown): string {
  return valueText(v, englishText, ENGLISH_FORMAT);
}

/**
 * Old and new value, each as {@link valueText} words it; in the English summary, "15,000 -> 12,000 USD"
 * when both sides share a currency (DF5, `f.currencyOnce`).
 */
function valuePair(from: unknown, to: unknown, tr: Translate, f: DiffFormat): { from: string; to: string } {
  if (f.currencyOnce && isMoney(from) && isMoney(to) && from.currency === to.currency) return { from: f.number(from.amount), to: valueText(to, tr, f) };
  return { from: valueText(from, tr, f), to: valueText(to, tr, f) };
}

const kindText = (kind: string, tr: Translate) => tr(`diff:kind.${kind}`, { defaultValue: kind });

/**
 * A kind's name where a sentence puts it after a preposition (L101): `diff:the.kind.<kind>`, with
 * the article French, Spanish and Arabic need there ("sur l’objectif", "bajo el producto",
 * "على الهدف"); English names it bare. A kind the table lacks falls back to `diff:kind.<kind>`.
 */
const theKindText = (kind: string, tr: Translate) => tr(`diff:the.kind.${kind}`, { defaultValue: kindText(kind, tr) });

/**
 * A diff label in the language of `tr` (rows by kind, code and title, M7). With `article`, the
 * label as a sentence names it after a preposition or as its subject (L101): the kind with its
 * article (`diff:the.kind.*`), a score cell as `diff:the.scoreCell`; other forms are unchanged.
 */
export function labelText(l: DiffLabel, tr: Translate, f: DiffFormat, article = false): string {
  const kind = l.kind ? (article ? theKindText(l.kind, tr) : kindText(l.kind, tr)) : '';
  if (article && l.form === 'scoreCell') return tr('diff:the.scoreCell', { goal: l.goal, criterion: l.criterion });
  switch (l.form) {
    case 'row': {
      const key = l.name?.trim() ? (l.code ? 'row' : 'rowNoCode') : l.code ? 'rowUntitled' : 'rowUntitledNoCode';
      return tr(`diff:label.${key}`, { kind, code: l.code, name: l.name, id: l.id });
    }
    case 'named':
      return l.name ? tr('diff:label.named', { kind, name: l.name }) : tr('diff:label.unnamed', { kind, id: l.id });
    case 'support':
    case 'question':
      return tr(`diff:label.${l.form}`, { name: l.name }); // CO7
    case 'plan':
      return tr('diff:label.plan');
    case 'fundingLine':
      return tr('diff:label.fundingLine', { funder: l.funder?.trim() || tr('diff:label.unnamedFunder') }); // FN7
    case 'exchangeRate':
      return tr('diff:label.exchangeRate', { currency: l.currency, quote: l.quote, date: l.date ? f.date(l.date) : '' });
    case 'score':
    case 'anonymousScore':
    case 'agreedScore':
    case 'scoreCell':
      return tr(`diff:label.${l.form}`, { person: l.person, goal: l.goal, criterion: l.criterion });
    case 'goal':
      return tr('diff:label.goal', { name: l.name });
    case 'reviewEntry':
      return tr('diff:label.reviewEntry', { review: l.review, row: l.row ? labelText(l.row, tr, f) : '' });
    case 'text':
      return l.name ?? '';
  }
}

/**
 * A change as one line in the language of `tr`, figures and dates by `f` (L5): the browser passes
 * its `t` and `fmt`; with {@link englishText} and {@link ENGLISH_FORMAT} it gives `summary`.
 */
export function describeChange(c: Pick<Change, 'code' | 'params' | 'from' | 'to'>, tr: Translate, f: DiffFormat): string {
  const p = c.params;
  if (TRANSLATION_CODES.has(c.code)) return translationLine(c, tr, f);
  const pair = valuePair(c.from, c.to, tr, f);
  return tr(`diff:line.${c.code}`, {
    // L101: the item comments are on, a move's new parent and a funded row follow a preposition.
    entity: labelText(p.entity, tr, f, AFTER_PREPOSITION.has(c.code)),
    field: p.field ? fieldText(p.field, tr) : '',
    from: c.code === 'movedFromTo' ? p.fromCode : pair.from,
    to: c.code === 'movedFromTo' ? p.toCode : pair.to,
    parent: p.parent ? tr('diff:label.parent', { kind: theKindText(p.parent.kind, tr), code: p.parent.code }) : '',
    was: p.was,
    status: p.status ? tr(`diff:status.${p.status}`, { defaultValue: p.status }) : '',
    row: p.row ? labelText(p.row, tr, f, true) : '',
    count: p.count,
  });
}

/** ML8: a translation line, worded from `translations:line.<code>`; languages named in the reader's language. */
function translationLine(c: Pick<Change, 'code' | 'params' | 'from' | 'to'>, tr: Translate, f: DiffFormat): string {
  const p = c.params;
  const langName = (l: unknown) => (typeof l === 'string' && l ? tr(`translations:lang.${l}`, { defaultValue: l }) : tr('translations:planLanguage'));
  const original = c.code === 'translationOriginal';
  const pair = original ? { from: langName(c.from), to: langName(c.to) } : valuePair(c.from, c.to, tr, f);
  return tr(`translations:line.${c.code}`, {
    entity: labelText(p.entity, tr, f),
    field: tr(`translations:field.${p.field}`, { defaultValue: p.field ?? '' }),
    lang: langName(p.lang),
    from: pair.from,
    to: pair.to,
  });
}

/** Builds a change from its code and parameters, with its English `entity.label` and `summary`. */
function change(kind: ChangeKind, entity: { kind: DiffEntityKind; id: string }, code: DiffCode, params: DiffParams, values: { field?: string; from?: unknown; to?: unknown } = {}): Change {
  const c: Change = { kind, entity: { ...entity, label: labelText(params.entity, englishText, ENGLISH_FORMAT) }, code, params, ...values, summary: '' };
  c.summary = describeChange(c, englishText, ENGLISH_FORMAT);
  return c;
}

/** Deep equality of plain JSON values (used by the diff and, as `sameValue`, by conflicts: CF2). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Largest token product diffed exactly; beyond it a text diff is "all deleted, all inserted". */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Word diff (or line diff for multi-line text) by longest common subsequence (DF6).
 * Joining the `equal` and `delete` parts gives `a`; joining `equal` and `insert` gives `b`.
 */
export function diffText(a: string, b: string): TextPart[] {
  const multiline = a.includes('\n') || b.includes('\n');
  const split = (s: string) => (s === '' ? [] : multiline ? s.split(/(?<=\n)/) : s.split(/(?<=\s)(?=\S)/));
  const x = split(a);
  const y = split(b);
  const parts: TextPart[] = [];
  const push = (op: TextPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (x.length * y.length > MAX_LCS_CELLS) {
    if (a) push('delete', a);
    if (b) push('insert', b);
    return parts;
  }
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push('equal', x[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('delete', x[i++]!);
    else push('insert', y[j++]!);
  }
  while (i < n) push('delete', x[i++]!);
  while (j < m) push('insert', y[j++]!);
  return parts;
}

interface Ctx {
  a: PlanData;
  b: PlanData;
  codesA: Map<string, { code: string }>;
  codesB: Map<string, { code: string }>;
  out: Change[];
}

const isNodeKind = (kind: string): kind is NodeKind => (NODE_KINDS as readonly string[]).includes(kind);

/**
 * A row by kind, full code and title (M7): `activity 1.1.1.2 "Train staff"`; other entities by
 * kind and name. The code is the row's code in `to` (or in `from` for a removed row); `no-code`
 * leaves it out where the line gives codes itself.
 */
function labelOf(ctx: Ctx, kind: DiffEntityKind, e: Entity, side: 'a' | 'b' | 'both' | 'no-code'): DiffLabel {
  const code = side === 'no-code' ? undefined : ((side !== 'a' ? ctx.codesB.get(e.id)?.code : undefined) ?? ctx.codesA.get(e.id)?.code);
  const name = typeof e.title === 'string' ? e.title : typeof e.name === 'string' ? e.name : typeof e.label === 'string' ? e.label : typeof e.organisation === 'string' ? e.organisation : typeof e.text === 'string' ? e.text.slice(0, 60) : '';
  if (isNodeKind(kind)) return { form: 'row', kind, id: e.id, name, ...(code ? { code } : {}) };
  if (kind === 'fundingLine') return { form: 'fundingLine', kind, id: e.id, funder: String(e.funder ?? '') }; // FN7
  if (kind === 'exchangeRate') return { form: 'exchangeRate', kind, id: e.id, currency: String(e.currency), quote: String(e.quote), date: String(e.date) };
  if (kind === 'reaction') {
    // CO7: "support for recommendation "…"", "question on recommendation "…"".
    const rec = ctx.b.recommendations.find((r) => r.id === e.recommendationId) ?? ctx.a.recommendations.find((r) => r.id === e.recommendationId);
    return { form: e.kind === 'question' ? 'question' : 'support', kind, id: e.id, name: rec?.title ?? String(e.recommendationId) };
  }
  return { form: 'named', kind, id: e.id, name };
}

function compareLists<T extends Entity>(ctx: Ctx, kind: DiffEntityKind, as: readonly T[], bs: readonly T[], parentField?: keyof T & string) {
  const before = new Map(as.map((e) => [e.id, e]));
  const after = new Map(bs.map((e) => [e.id, e]));
  for (const [id, e] of after) {
    if (!before.has(id) && !e.archived) ctx.out.push(change('added', { kind, id }, 'added', { entity: labelOf(ctx, kind, e, 'b') })); // DF1
  }
  for (const [id, e] of before) {
    const now = after.get(id);
    if ((!now || now.archived) && !e.archived) ctx.out.push(change('removed', { kind, id }, 'removed', { entity: labelOf(ctx, kind, e, 'a') })); // DF2
  }
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now || now.archived || old.archived) continue;
    const label = labelOf(ctx, kind, now, 'both');
    const entity = { kind, id };
    if (parentField && old[parentField] !== now[parentField]) {
      // DF3: a new parent is a move, described with the parent's new code.
      const parentKind = parentField.replace('Id', '') as DiffEntityKind;
      const parent = { kind: parentKind, code: ctx.codesB.get(String(now[parentField]))?.code ?? String(now[parentField]) };
      const was = ctx.codesA.get(id)?.code;
      const values = { field: parentField, from: old[parentField], to: now[parentField] };
      ctx.out.push(change('moved', entity, was ? 'movedUnderWas' : 'movedUnder', { entity: label, parent, ...(was ? { was } : {}) }, values));
    } else if (old.order !== now.order) {
      // DF4: same parent, new position among siblings.
      const fromCode = ctx.codesA.get(id)?.code;
      const toCode = ctx.codesB.get(id)?.code;
      const values = { field: 'order', from: old.order, to: now.order };
      const params: DiffParams = { entity: labelOf(ctx, kind, now, 'no-code') };
      ctx.out.push(fromCode && toCode && fromCode !== toCode ? change('moved', entity, 'movedFromTo', { ...params, fromCode, toCode }, values) : change('moved', entity, 'moved', params, values));
    }
    for (const field of Object.keys(now)) {
      if (PLACEMENT.has(field) || field === 'archived' || (kind === 'review' && REVIEW_ENTRY_LISTS.has(field))) continue;
      const from = old[field];
      const to = now[field];
      if (sameValue(from, to)) continue;
      const values = { field, from, to };
      if (typeof from === 'string' && typeof to === 'string' && (PROSE.has(field) || from.length > SHOWN_CHARS || to.length > SHOWN_CHARS)) {
        // DF6: prose, and text too long to show whole, is "edited" with a word (or line) diff,
        // so a long title's change is never hidden behind two identical cut-off values.
        ctx.out.push({ ...change('changed', entity, 'edited', { entity: label, field }, values), text: diffText(from, to) });
      } else if (kind === 'fundingLine' && field === 'amount') {
        // FN7: "funding line IOM 6,000 -> 8,000 USD committed, for activity 1.1.1.2 "Workshop"".
        const row = fundedRow(ctx, now);
        const params: DiffParams = { entity: label, field, status: String(now.status), ...(row ? { row } : {}) };
        ctx.out.push(change('changed', entity, row ? 'fundingAmountFor' : 'fundingAmount', params, values));
      } else {
        ctx.out.push(change('changed', entity, 'changed', { entity: label, field }, values)); // DF5
      }
    }
  }
}

/** The row a funding line funds, as named in the newer plan (`activity 1.1.1.2 "Workshop"`). */
function fundedRow(ctx: Ctx, line: Entity): DiffLabel | null {
  const activity = ctx.b.activities.find((a) => a.id === line.activityId);
  if (!activity) return null;
  const code = ctx.codesB.get(activity.id)?.code;
  return { form: 'row', kind: 'activity', id: activity.id, name: activity.title, ...(code ? { code } : {}) };
}

/**
 * Compares two plans (from -> to) and lists every change: added, removed, changed and moved
 * entities of every kind, score and total changes per goal, and text diffs for prose.
 * Order: plan fields, then entities in plan order (criteria, goals, matrix, indicators, ...).
 */
export function diffPlans(from: PlanData, to: PlanData): PlanDiff {
  const ctx: Ctx = { a: from, b: to, codesA: nodeCodes(from), codesB: nodeCodes(to), out: [] };
  diffMeta(ctx);
  for (const def of Object.values(ENTITIES)) {
    if (def.list === null || def.container) continue;
    if (def.name === 'comment') diffCommentsInto(ctx);
    else if (def.name === 'translation') diffTranslations(ctx);
    else if (def.storage === 'entity') compareLists(ctx, def.name as DiffEntityKind, listOf(from, def), listOf(to, def), def.parent?.field);
    AFTER[def.name]?.(ctx);
  }
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const c of ctx.out) counts[c.kind]++;
  return { changes: ctx.out, counts };
}

/** A name as typed, or '' when it is blank. */
const typed = (name: string | undefined) => (name?.trim() ? name : '');

/** The live target of a translation in `plan` (ML1), or null. */
function translationTarget(plan: PlanData, kind: TranslationTarget, id: string): Entity | null {
  const lists: Record<TranslationTarget, readonly { id: string; archived: boolean }[]> = { goal: plan.goals, outcome: plan.outcomes, output: plan.outputs, activity: plan.activities, section: plan.sections };
  const e = lists[kind]?.find((x) => x.id === id);
  return e && !e.archived ? (e as unknown as Entity) : null;
}

/**
 * ML8: translations compared per text and language (records merged as readers see them, ML3):
 * a translation written, edited or cleared, and a new original language, each its own line
 * about the target row or section. Texts of targets gone from the newer plan are left to the
 * target's own line.
 */
function diffTranslations(ctx: Ctx): void {
  const A = indexTranslations(ctx.a.translations ?? []);
  const B = indexTranslations(ctx.b.translations ?? []);
  for (const key of new Set([...A.keys(), ...B.keys()])) {
    const [kind, targetId, field] = key.split(':') as [TranslationTarget, string, TranslatedField];
    const target = translationTarget(ctx.b, kind, targetId);
    if (!target) continue;
    const a = A.get(key);
    const b = B.get(key);
    const entity = { kind: 'translation' as const, id: (b ?? a)!.id };
    const label: DiffLabel = kind === 'section' ? { form: 'named', kind: 'section', id: targetId, name: typed(target.title as string) } : labelOf(ctx, kind, target, 'both');
    if ((a?.original ?? null) !== (b?.original ?? null)) {
      ctx.out.push(change('changed', entity, 'translationOriginal', { entity: label, field }, { field: 'original', from: a?.original ?? null, to: b?.original ?? null }));
    }
    for (const lang of LOCALES) {
      const from = a?.texts[lang] ?? '';
      const to = b?.texts[lang] ?? '';
      if (from === to) continue;
      const params: DiffParams = { entity: label, field, lang };
      const values = { field: lang, from, to };
      if (!from.trim()) ctx.out.push(change('added', entity, 'translationAdded', params, values));
      else if (!to.trim()) ctx.out.push(change('removed', entity, 'translationRemoved', params, values));
      else ctx.out.push({ ...change('changed', entity, 'translationEdited', params, values), text: diffText(from, to) });
    }
  }
}

/** The label of a comment's target (CM8), in the newer plan's terms. */
function commentTargetLabel(ctx: Ctx, target: { kind: string; id: string }, english: string): DiffLabel {
  if (isNodeKind(target.kind)) {
    const rows: Record<NodeKind, readonly { id: string; title: string }[]> = { goal: ctx.b.goals, outcome: ctx.b.outcomes, output: ctx.b.outputs, activity: ctx.b.activities };
    const row = rows[target.kind].find((x) => x.id === target.id);
    const code = ctx.codesB.get(target.id)?.code;
    return { form: 'row', kind: target.kind, id: target.id, name: row?.title ?? '', ...(code ? { code } : {}) };
  }
  if (target.kind === 'criterion' || target.kind === 'section') {
    const list: readonly { id: string; title: string }[] = target.kind === 'criterion' ? ctx.b.criteria : ctx.b.sections;
    return { form: 'named', kind: target.kind, id: target.id, name: typed(list.find((x) => x.id === target.id)?.title) };
  }
  if (target.kind === 'indicator') return { form: 'named', kind: 'indicator', id: target.id, name: typed(ctx.b.indicators.find((i) => i.id === target.id)?.name) };
  if (target.kind === 'score') {
    const [goalId = '', criterionId = ''] = target.id.split(':');
    return { form: 'scoreCell', id: target.id, goal: ctx.b.goals.find((g) => g.id === goalId)?.title ?? goalId, criterion: ctx.b.criteria.find((c) => c.id === criterionId)?.title ?? criterionId };
  }
  return { form: 'text', id: target.id, name: english };
}

/**
 * CM8: comments are summarised per item, not listed one by one: "3 new comments on outcome 1.2
 * "…"". The entity is the item discussed (`{ kind: 'comment', id: 'outcome:oc1' }`).
 */
function diffCommentsInto(ctx: Ctx): void {
  const kinds = { new: 'added', deleted: 'removed', resolved: 'changed', reopened: 'changed', edited: 'changed' } as const;
  const codes = { new: 'commentsNew', deleted: 'commentsDeleted', resolved: 'commentsResolved', reopened: 'commentsReopened', edited: 'commentsEdited' } as const;
  for (const c of diffComments(ctx.a, ctx.b)) {
    const field = c.kind === 'resolved' || c.kind === 'reopened' ? 'resolved' : 'comments';
    const params: DiffParams = { entity: commentTargetLabel(ctx, c.target, c.label), count: c.count };
    const line = change(kinds[c.kind], { kind: 'comment', id: `${c.target.kind}:${c.target.id}` }, codes[c.kind], params, { field, to: c.count });
    ctx.out.push(line);
  }
}

/** DF7: plan-level fields, in the registry's order. */
function diffMeta(ctx: Ctx): void {
  const a = ctx.a as unknown as Record<string, unknown>;
  const b = ctx.b as unknown as Record<string, unknown>;
  for (const field of Object.keys(ENTITIES.meta.fields.fields)) {
    if (!sameValue(a[field], b[field])) {
      ctx.out.push(change('changed', { kind: 'plan', id: ctx.b.id }, 'changed', { entity: { form: 'plan' }, field }, { field, from: a[field], to: b[field] }));
    }
  }
}

/** The items of `def`'s list in `plan`. */
function listOf(plan: PlanData, def: EntityDef): Entity[] {
  return (plan as unknown as Record<string, Entity[]>)[def.list!]!;
}

/** Changes listed right after an entity's own: goal totals (DF9) after goals, scores (DF8) once, after indicators. */
const AFTER: Partial<Record<EntityName, (ctx: Ctx) => void>> = { goal: (ctx) => diffTotals(ctx), score: (ctx) => diffScores(ctx), review: (ctx) => diffReviewEntries(ctx) };

/**
 * RV6: what a review period reports, entry by entry: an activity's expenditure, result, progress
 * and risks, an indicator's reading and its parts ("review "Year 1" activity 1.1.1.1 "..."
 * expenditure 9,000 -> 9,500 USD"). Entries of reviews present on one side only are left to the
 * review's own added/removed line.
 */
function diffReviewEntries(ctx: Ctx): void {
  const before = new Map(ctx.a.reviews.map((r) => [r.id, r]));
  const acts = new Map([...ctx.a.activities, ...ctx.b.activities].map((a) => [a.id, a]));
  const inds = new Map([...ctx.a.indicators, ...ctx.b.indicators].map((i) => [i.id, i]));
  for (const r of ctx.b.reviews) {
    const old = before.get(r.id);
    if (!old || r.archived || old.archived) continue;
    const entries = <T extends object>(xs: readonly T[], key: (x: T) => string) => new Map(xs.map((x) => [key(x), x as unknown as Record<string, unknown>]));
    const run = (as: Map<string, Record<string, unknown>>, bs: Map<string, Record<string, unknown>>, rowOf: (id: string) => DiffLabel, keyField: string) => {
      for (const id of new Set([...as.keys(), ...bs.keys()])) {
        const x = as.get(id) ?? {};
        const y = bs.get(id) ?? {};
        const label: DiffLabel = { form: 'reviewEntry', kind: 'review', id: r.id, review: r.label || r.id, row: rowOf(id) };
        for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
          if (field === keyField || sameValue(x[field] ?? null, y[field] ?? null)) continue;
          const from = x[field] ?? null;
          const to = y[field] ?? null;
          if ((from === '' || from === null || (Array.isArray(from) && from.length === 0)) && (to === '' || to === null || (Array.isArray(to) && to.length === 0))) continue;
          ctx.out.push(change('changed', { kind: 'review', id: r.id }, 'changed', { entity: label, field }, { field, from, to }));
        }
      }
    };
    run(
      entries(old.activities, (e) => e.activityId),
      entries(r.activities, (e) => e.activityId),
      (id) => labelOf(ctx, 'activity', (acts.get(id) ?? { id }) as unknown as Entity, 'both'),
      'activityId',
    );
    run(
      entries(old.indicators, (e) => e.indicatorId),
      entries(r.indicators, (e) => e.indicatorId),
      (id) => labelOf(ctx, 'indicator', (inds.get(id) ?? { id }) as unknown as Entity, 'both'),
      'indicatorId',
    );
  }
}

/** DF8: individual and agreed scores, cell by cell. */
function diffScores(ctx: Ctx): void {
  const goalTitle = new Map([...ctx.a.goals, ...ctx.b.goals].map((g) => [g.id, g.title]));
  const critTitle = new Map([...ctx.a.criteria, ...ctx.b.criteria].map((c) => [c.id, c.title]));
  const person = new Map([...ctx.a.participants, ...ctx.b.participants].map((p) => [p.id, p.name]));
  // SC21: an anonymous plan's diff never names who gave a score.
  const anonymous = ctx.a.anonymousScoring === true || ctx.b.anonymousScoring === true;
  const cells = <T extends { goalId: string; criterionId: string; value: number }>(xs: readonly T[], key: (s: T) => string) =>
    new Map(xs.map((s) => [key(s), s]));
  const run = <T extends { goalId: string; criterionId: string; value: number }>(kind: 'score' | 'agreed-score', as: readonly T[], bs: readonly T[], key: (s: T) => string, who: (s: T) => Pick<DiffLabel, 'form' | 'person'>) => {
    const A = cells(as, key);
    const B = cells(bs, key);
    for (const k of new Set([...A.keys(), ...B.keys()])) {
      const x = A.get(k);
      const y = B.get(k);
      if (x && y && x.value === y.value) continue;
      const s = (y ?? x)!;
      // An anonymous plan's score lines carry the cell (goal:criterion), not the participant id.
      const entity = { kind, id: anonymous && kind === 'score' ? k.split(':').slice(0, 2).join(':') : k };
      const params: DiffParams = { entity: { ...who(s), goal: goalTitle.get(s.goalId) ?? s.goalId, criterion: critTitle.get(s.criterionId) ?? s.criterionId } };
      if (!x) ctx.out.push(change('added', entity, 'scoreSet', params, { to: y!.value }));
      else if (!y) ctx.out.push(change('removed', entity, 'scoreCleared', params, { from: x.value }));
      else ctx.out.push(change('changed', entity, 'scoreChanged', params, { field: 'value', from: x.value, to: y.value }));
    }
  };
  run('score', ctx.a.scores, ctx.b.scores, (s) => `${s.goalId}:${s.criterionId}:${s.participantId}`, (s) => (anonymous ? { form: 'anonymousScore' } : { form: 'score', person: person.get(s.participantId) ?? s.participantId }));
  run('agreed-score', ctx.a.agreedScores, ctx.b.agreedScores, (s) => `${s.goalId}:${s.criterionId}`, () => ({ form: 'agreedScore' }));
}

/** DF9: a goal's total (and rank) as the scoring rules compute it, before and after. */
function diffTotals(ctx: Ctx): void {
  const ra = new Map(rankGoals(ctx.a).goals.map((g) => [g.goalId, g]));
  for (const g of rankGoals(ctx.b).goals) {
    const old = ra.get(g.goalId);
    if (!old) continue;
    const entity = { kind: 'goal' as const, id: g.goalId };
    const params: DiffParams = { entity: { form: 'goal', kind: 'goal', id: g.goalId, name: g.title } };
    if (old.total !== g.total) ctx.out.push(change('changed', entity, 'total', params, { field: 'total', from: old.total, to: g.total }));
    if (old.rank !== g.rank) ctx.out.push(change('changed', entity, 'rank', params, { field: 'rank', from: old.rank, to: g.rank }));
  }
}
