import { xml2js, type Element } from 'xml-js';
import { codeName, hasCode } from '../../shared/codelists/index.js';
import { roundMoney } from '../../shared/domain/money.js';
import { isDate } from '../../shared/schema/values.js';

/**
 * Reading donor activities from an IATI file (SPEC I9): a whole `iati-activities` file or a bare
 * `iati-activity` as activity portals hand them out. The text is parsed by `xml-js` (strict `sax`
 * underneath, installed with `docx`): it expands no entities but the five predefined and character
 * references, and a document type declaration is refused before parsing, so no external entity, DTD
 * or entity expansion can be smuggled in. What the XSD requires of the parts Roundtable reads is
 * checked (an activity's identifier, reporting organisation and title; a budget's period and value
 * with its value date; a transaction's type, date and value; an indicator's measure) and a file
 * breaking any of it is refused whole with the first problem, named by activity and element.
 * Codes are not held against the codelists (IATI files from 2.01 on carry codes of their time):
 * names are given where the code is known.
 */

/** Largest IATI file accepted, in bytes of UTF-8 text. */
export const MAX_IATI_BYTES = 5 * 1024 * 1024;
/** Most activities listed from one file. */
export const MAX_IATI_ACTIVITIES = 2_000;

/** An organisation named in an activity. */
export interface DonorOrg {
  ref: string;
  type: string;
  /** The first narrative ('' when none). */
  name: string;
}

/** A participating organisation: an organisation with its role (1 funding, 2 accountable, 3 extending, 4 implementing). */
export interface DonorParticipant extends DonorOrg {
  role: string;
  roleName: string;
  activityId: string;
}

/** A budget of the donor activity. */
export interface DonorBudget {
  type: string;
  status: string;
  start: string;
  end: string;
  amount: number;
  /** The value's currency, else the activity's default currency ('' when neither says). */
  currency: string;
  valueDate: string;
}

/** A transaction of the donor activity. */
export interface DonorTransaction {
  type: string;
  typeName: string;
  date: string;
  amount: number;
  currency: string;
  provider: DonorOrg | null;
  receiver: DonorOrg | null;
}

/** Totals of one transaction type in one currency. */
export interface TransactionTotal {
  type: string;
  typeName: string;
  currency: string;
  amount: number;
  count: number;
}

/** One activity of the file, as the import lists it. */
export interface DonorActivity {
  /** The iati-identifier ('' when the file leaves it empty). */
  identifier: string;
  title: string;
  reportingOrg: DonorOrg;
  participatingOrgs: DonorParticipant[];
  /** The activity's default currency ('' when not given). */
  currency: string;
  budgets: DonorBudget[];
  transactions: DonorTransaction[];
  /** Transactions summed per type and currency, in type order. */
  totals: TransactionTotal[];
}

/** Why a file cannot be read: answered as 400 with this code and message. */
export class IatiImportError extends Error {
  constructor(
    readonly code: 'iati_too_large' | 'iati_not_xml' | 'iati_dtd' | 'iati_not_iati' | 'iati_invalid' | 'iati_too_many',
    message: string,
    /** Parameters of the browser's message `errors:<code>` (L7); the English message is the `detail` by default. */
    readonly params: Record<string, string | number> = { detail: message },
  ) {
    super(message);
  }
}

const kids = (e: Element | undefined, name?: string): Element[] =>
  (e?.elements ?? []).filter((c) => c.type === 'element' && (name === undefined || c.name === name));
const kid = (e: Element | undefined, name: string): Element | undefined => kids(e, name)[0];
const attr = (e: Element | undefined, name: string): string | undefined => {
  const v = e?.attributes?.[name];
  return v === undefined ? undefined : String(v);
};
/** The element's own text (text and CDATA children), trimmed. */
const textOf = (e: Element | undefined): string =>
  (e?.elements ?? [])
    .map((c) => (c.type === 'text' ? String(c.text ?? '') : c.type === 'cdata' ? String(c.cdata ?? '') : ''))
    .join('')
    .trim();
/** The first narrative of an element (IATI 2.x), or its own text (1.x style). */
const narrativeOf = (e: Element | undefined): string => {
  const n = kid(e, 'narrative');
  return n ? textOf(n) : textOf(e);
};
const orgOf = (e: Element): DonorOrg => ({ ref: attr(e, 'ref') ?? '', type: attr(e, 'type') ?? '', name: narrativeOf(e) });

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** An xsd:date: YYYY-MM-DD on the calendar, optionally with a time zone. */
const isXsdDate = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/.test(v) && isDate(v.slice(0, 10));

/** Reads the text of an IATI file into its activities, or throws {@link IatiImportError}. */
export function readDonorActivities(text: string): DonorActivity[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_IATI_BYTES) {
    throw new IatiImportError('iati_too_large', `The file is larger than ${MAX_IATI_BYTES / 1024 / 1024} MB; split it into smaller files.`, { max: MAX_IATI_BYTES });
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new IatiImportError('iati_dtd', 'The file has a document type declaration (<!DOCTYPE or <!ENTITY>); IATI files have none, and it is refused for safety.');
  }
  let doc: Element;
  try {
    doc = xml2js(text.replace(/^\uFEFF/, ''), { compact: false, captureSpacesBetweenElements: false }) as Element;
  } catch (e) {
    throw new IatiImportError('iati_not_xml', `The file is not well-formed XML: ${String((e as Error).message).split('\n').join(' ')}`);
  }
  const root = kids(doc)[0];
  if (!root || (root.name !== 'iati-activities' && root.name !== 'iati-activity')) {
    throw new IatiImportError('iati_not_iati', `The file's root element is <${root?.name ?? ''}>; an IATI activity file starts with <iati-activities> or <iati-activity>.`);
  }
  const activities = root.name === 'iati-activity' ? [root] : kids(root, 'iati-activity');
  if (activities.length === 0) throw new IatiImportError('iati_invalid', 'The file holds no <iati-activity>.');
  if (activities.length > MAX_IATI_ACTIVITIES) {
    throw new IatiImportError('iati_too_many', `The file holds ${activities.length} activities; at most ${MAX_IATI_ACTIVITIES} are listed from one file.`, { max: MAX_IATI_ACTIVITIES });
  }
  return activities.map((a, i) => readActivity(a, i + 1));
}

function readActivity(a: Element, n: number): DonorActivity {
  const idEl = kid(a, 'iati-identifier');
  const where = `Activity ${n}${idEl && textOf(idEl) ? ` (${textOf(idEl)})` : ''}`;
  const bad = (message: string): never => {
    throw new IatiImportError('iati_invalid', `${where}: ${message}.`);
  };
  if (!idEl) bad('it has no <iati-identifier>');
  const reporting = kid(a, 'reporting-org');
  if (!reporting) bad('it has no <reporting-org>');
  if (attr(reporting, 'ref') === undefined) bad('its <reporting-org> has no ref attribute');
  if (!kid(a, 'title')) bad('it has no <title>');
  const currency = attr(a, 'default-currency') ?? '';
  const value = (e: Element | undefined, what: string): { amount: number; currency: string; valueDate: string } => {
    if (!e) return bad(`${what} has no <value>`);
    const raw = textOf(e);
    if (!DECIMAL.test(raw)) bad(`${what} has the value "${raw.slice(0, 40)}", which is not a decimal number`);
    const amount = Number(raw);
    if (!Number.isFinite(amount) || Math.abs(amount) > 1e15) bad(`${what} has a value out of range`);
    const valueDate = attr(e, 'value-date');
    if (!isXsdDate(valueDate)) bad(`${what}'s <value> has no valid value-date`);
    return { amount: roundMoney(amount), currency: attr(e, 'currency') ?? currency, valueDate: valueDate!.slice(0, 10) };
  };
  const date = (e: Element | undefined, name: string, what: string): string => {
    const d = attr(e, 'iso-date');
    if (!e) return bad(`${what} has no <${name}>`);
    if (!isXsdDate(d)) bad(`${what}'s <${name}> has no valid iso-date`);
    return d!.slice(0, 10);
  };

  const budgets = kids(a, 'budget').map((b, k): DonorBudget => {
    const what = `budget ${k + 1}`;
    const start = date(kid(b, 'period-start'), 'period-start', what);
    const end = date(kid(b, 'period-end'), 'period-end', what);
    const v = value(kid(b, 'value'), what);
    return { type: attr(b, 'type') ?? '1', status: attr(b, 'status') ?? '1', start, end, amount: v.amount, currency: v.currency, valueDate: v.valueDate };
  });
  const transactions = kids(a, 'transaction').map((t, k): DonorTransaction => {
    const what = `transaction ${k + 1}`;
    const type = attr(kid(t, 'transaction-type'), 'code');
    if (type === undefined) bad(`${what} has no <transaction-type> code`);
    const d = date(kid(t, 'transaction-date'), 'transaction-date', what);
    const v = value(kid(t, 'value'), what);
    const provider = kid(t, 'provider-org');
    const receiver = kid(t, 'receiver-org');
    return {
      type: type!,
      typeName: hasCode('TransactionType', type!) ? codeName('TransactionType', type!) : '',
      date: d,
      amount: v.amount,
      currency: v.currency,
      provider: provider ? orgOf(provider) : null,
      receiver: receiver ? orgOf(receiver) : null,
    };
  });
  kids(a, 'result').forEach((r, k) =>
    kids(r, 'indicator').forEach((ind, m) => {
      if (attr(ind, 'measure') === undefined) bad(`indicator ${m + 1} of result ${k + 1} has no measure attribute`);
    }),
  );

  const totals = new Map<string, TransactionTotal>();
  for (const t of transactions) {
    const key = `${t.type}|${t.currency}`;
    const total = totals.get(key) ?? { type: t.type, typeName: t.typeName, currency: t.currency, amount: 0, count: 0 };
    total.amount = roundMoney(total.amount + t.amount);
    total.count++;
    totals.set(key, total);
  }
  return {
    identifier: textOf(idEl),
    title: narrativeOf(kid(a, 'title')),
    reportingOrg: orgOf(reporting!),
    participatingOrgs: kids(a, 'participating-org').map((p) => {
      const role = attr(p, 'role') ?? '';
      return { ...orgOf(p), role, roleName: hasCode('OrganisationRole', role) ? codeName('OrganisationRole', role) : '', activityId: attr(p, 'activity-id') ?? '' };
    }),
    currency,
    budgets,
    transactions,
    totals: [...totals.values()].sort((x, y) => Number(x.type) - Number(y.type) || x.currency.localeCompare(y.currency)),
  };
}
