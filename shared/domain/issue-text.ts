/**
 * How a validation issue is worded (L5): validation returns a rule ID and parameters; this module
 * turns them into a sentence with a translate function. The browser passes its `t` and `fmt`; with
 * {@link englishIssueText} the issue's English `message` is made from the same catalogue entry,
 * so the two cannot drift.
 */
import enIssues from '../i18n/en/issues.js';
import enMonitoring from '../i18n/en/monitoring.js';
import enTimeline from '../i18n/en/timeline.js';
import type { Money, NodeKind } from '../schema/types.js';
import { formatMoney } from './money.js';
import { englishText, labelText, type DiffEntityKind, type DiffFormat, type Translate } from './diff.js';

/** A matrix row an issue names: its kind, full code (M7) when it has one, title as typed, id. */
export interface IssueRow {
  kind: NodeKind;
  code?: string;
  title: string;
  id: string;
}

/** A reference to something that does not exist (V17): its kind and the id given. */
export interface IssueRef {
  kind: DiffEntityKind;
  id: string;
}

/**
 * An issue's parameters, by name: `row`/`target` rows, `loop` rows in order, `planned`/`resourceTarget`
 * money, keys ending in `Date` ISO dates, `reasons` V21 part codes, `refs` unknown references,
 * `kinds` entity kinds, `currencies` codes, `count` (picks the plural), `context` (the variant),
 * other strings and numbers as they are.
 */
export interface IssueParams {
  context?: string;
  row?: IssueRow;
  target?: IssueRow;
  loop?: IssueRow[];
  planned?: Money;
  resourceTarget?: Money;
  reasons?: string[];
  refs?: IssueRef[];
  kinds?: DiffEntityKind[];
  currencies?: string[];
  parentKind?: DiffEntityKind;
  count?: number;
  [name: string]: unknown;
}

/**
 * A catalogue message with issue-style parameters (L10): a part of an issue (IN7's problem, TL5's
 * missing dates) or a line of its own (a timeline conflict). Parameters are worded as in
 * {@link IssueParams}; a parameter that is itself an `IssueMessage` (or a list of them) is worded
 * first and put in as text.
 */
export interface IssueMessage {
  key: string;
  params: IssueParams;
}

const isMessage = (v: unknown): v is IssueMessage =>
  typeof v === 'object' && v !== null && typeof (v as IssueMessage).key === 'string' && typeof (v as IssueMessage).params === 'object';

/** How issue text writes figures (money by `money`, L100): the reader's `fmt`, or {@link ENGLISH_ISSUE_FORMAT} for `message`. */
export type IssueFormat = DiffFormat;

/** English figures as the messages have always shown them: `15,000 USD`, dates as ISO. */
export const ENGLISH_ISSUE_FORMAT: IssueFormat = {
  number: (n) => n.toLocaleString('en-US', { maximumFractionDigits: 2 }),
  date: (iso) => iso,
  money: (amount, currency) => formatMoney({ amount, currency }),
};

/** English row labels already made: validation shares one row object between a row's issues. */
const ENGLISH_ROWS = new WeakMap<IssueRow, string>();

function rowText(r: IssueRow, tr: Translate, f: IssueFormat, withKind = true): string {
  const english = withKind && tr === englishIssueTr && f === ENGLISH_ISSUE_FORMAT;
  const known = english ? ENGLISH_ROWS.get(r) : undefined;
  if (known !== undefined) return known;
  // L101: a row an issue names is the sentence's subject or follows a preposition: with its article.
  const text = labelText({ form: 'row', kind: withKind ? r.kind : undefined, code: r.code, name: r.title, id: r.id }, tr, f, true).trim();
  if (english) ENGLISH_ROWS.set(r, text);
  return text;
}

/** The parameters as strings for `issues:<rule>` (row labels, money, dates, lists in the reader's words). */
function textParams(p: IssueParams, tr: Translate, f: IssueFormat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const comma = (): string => tr('issues:part.comma');
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === 'row' || k === 'target') out[k] = rowText(v as IssueRow, tr, f);
    else if (k === 'loop') out[k] = (v as IssueRow[]).map((r) => rowText(r, tr, f, false)).join(tr('issues:part.arrow'));
    else if (k === 'planned' || k === 'resourceTarget') out[k] = f.money((v as Money).amount, (v as Money).currency);
    else if (k === 'reasons') out[k] = (v as string[]).map((r) => tr(`issues:part.${r}`)).join(tr('issues:part.and'));
    else if (k === 'refs') out[k] = (v as IssueRef[]).map((r) => labelText({ form: 'named', kind: r.kind, name: r.id }, tr, f)).join(comma());
    else if (k === 'kinds') out[k] = (v as string[]).map((x) => tr(`diff:kind.${x}`, { defaultValue: x })).join(comma());
    else if (k === 'currencies') out[k] = (v as string[]).join(comma());
    else if (k === 'parentKind') out[k] = tr(`diff:kind.${String(v)}`, { defaultValue: String(v) });
    else if (k.endsWith('Date') && typeof v === 'string') out[k] = f.date(v);
    else if (isMessage(v)) out[k] = messageText(v, tr, f);
    else if (Array.isArray(v) && v.every(isMessage)) out[k] = v.map((m) => messageText(m, tr, f)).join(comma());
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(comma());
    else if (k === 'count' || k === 'context') out[k] = v;
    else if (typeof v === 'number') out[k] = f.number(v);
    else out[k] = v;
  }
  if (typeof p.count === 'number') out.n = f.number(p.count);
  return out;
}

/** Where a rule's message lives (L10): monitoring (RV, IN) and timeline (TL) rules in their own namespace. */
const ISSUE_KEY_PREFIX: Readonly<Record<string, string>> = { RV: 'monitoring:issues.', IN: 'monitoring:issues.', TL: 'timeline:issues.' };

/** The catalogue key of `rule`'s message: `issues:<rule>`, or `monitoring:issues.<rule>` / `timeline:issues.<rule>` (L10). */
export function issueKey(rule: string): string {
  return (ISSUE_KEY_PREFIX[/^[A-Z]+/.exec(rule)?.[0] ?? ''] ?? 'issues:') + rule;
}

/**
 * An issue as one line in the language of `tr` (its {@link issueKey}, the variant picked by
 * `params.context`), figures and dates by `f`. An issue without parameters keeps its `message`.
 */
export function issueText(issue: { rule: string; message: string; params?: IssueParams }, tr: Translate, f: IssueFormat): string {
  if (!issue.params) return issue.message;
  return tr(issueKey(issue.rule), { ...textParams(issue.params, tr, f), defaultValue: issue.message });
}

/** A catalogue message (L10) in the language of `tr`, its parameters worded like an issue's. */
export function messageText(m: IssueMessage, tr: Translate, f: IssueFormat): string {
  return tr(m.key, textParams(m.params, tr, f));
}

/** A catalogue message's English text (messages for API users, logs and tests). */
export function englishMessageText(m: IssueMessage): string {
  return messageText(m, englishIssueTr, ENGLISH_ISSUE_FORMAT);
}

/** The English tables issue messages come from, by namespace. */
const ENGLISH_TABLES: Readonly<Record<string, unknown>> = { issues: enIssues, monitoring: enMonitoring, timeline: enTimeline };

/** The entry at dotted `path` of `table` (a flat key, the common case, is one property read). */
const lookup = (table: unknown, path: string): unknown =>
  !path.includes('.')
    ? (table as Record<string, unknown>)[path]
    : path.split('.').reduce<unknown>((t, k) => (t && typeof t === 'object' ? (t as Record<string, unknown>)[k] : undefined), table);

/**
 * The English message `issues:<key>`, `monitoring:<key>` or `timeline:<key>` (or a `diff:`
 * message) with `{{placeholders}}` filled: the variant `<key>_<context>`, English plurals on
 * `count`. Used for every issue's `message`.
 */
export function englishIssueTr(key: string, params: Record<string, unknown> = {}): string {
  const colon = key.indexOf(':');
  const table = ENGLISH_TABLES[key.slice(0, colon)];
  if (colon < 0 || !table) return englishText(key, params);
  let path = key.slice(colon + 1);
  if (typeof params.context === 'string' && params.context) path = `${path}_${params.context}`;
  const plural = typeof params.count === 'number' ? lookup(table, `${path}_${params.count === 1 ? 'one' : 'other'}`) : undefined;
  const msg = plural ?? lookup(table, path);
  if (typeof msg !== 'string') return typeof params.defaultValue === 'string' ? params.defaultValue : path;
  return msg.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Most English messages {@link englishIssueText} keeps (the memo is emptied when it is full). */
export const MAX_ENGLISH_MESSAGES = 200_000;
const ENGLISH_MESSAGES = new Map<string, string>();

/**
 * The memo key of an issue's parameters: every value that can change its English words (rows by
 * kind, code, title and id; every typed text and list as JSON, so no text a person typed can
 * forge a separator), in the order validation gives them. Issues of one rule with equal keys
 * have equal parameters, so they read the same in English.
 */
function paramsKey(rule: string, p: IssueParams): string {
  let key = rule;
  for (const k in p) {
    const v = p[k];
    if (v === undefined) continue;
    key += `\u0001${k}\u0002`;
    if (k === 'row' || k === 'target') {
      const r = v as IssueRow;
      key += `${r.kind}\u0003${r.code === undefined ? '-' : JSON.stringify(r.code)}\u0003${JSON.stringify(r.id)}\u0003${JSON.stringify(r.title)}`;
    } else key += typeof v === 'object' || typeof v === 'string' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
  }
  return key;
}

/**
 * An issue's English text, as its `message` says it (API users, logs). Filled templates are kept
 * per rule and parameters (DV4), so validating a plan again after an edit fills only the messages
 * of issues that changed; the text is always the catalogue's (`issues:<rule>` in English).
 */
export function englishIssueText(rule: string, params: IssueParams): string {
  const key = paramsKey(rule, params);
  let text = ENGLISH_MESSAGES.get(key);
  if (text === undefined) {
    text = issueText({ rule, message: '', params }, englishIssueTr, ENGLISH_ISSUE_FORMAT);
    if (ENGLISH_MESSAGES.size >= MAX_ENGLISH_MESSAGES) ENGLISH_MESSAGES.clear();
    ENGLISH_MESSAGES.set(key, text);
  }
  return text;
}
