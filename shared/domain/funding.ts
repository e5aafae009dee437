import type { Activity, FundingLine, FundingLineStatus, FundingSource, Money } from '../schema/types.js';
import { fail, ok, type Result } from '../result.js';
import { MoneyTotals, roundMoney } from './money.js';
import { convertList, type Converter } from './currency.js';

/**
 * Funding lines (rules FN1-FN5 in shared/SPEC.md): any number of sources per activity, each with
 * a funder, an amount, a status (pledged / committed / disbursed) and a source (national budget
 * line or new money). An activity with no live line but the old single `funding` record counts
 * that record as one implied line over its whole budget (FN2), so older plans give the same gaps.
 */

/** A funding line as the budget counts it: a stored line, or the one implied by an old record (id null). */
export type EffectiveLine = Omit<FundingLine, 'id' | 'order' | 'archived'> & { id: string | null };

/** Live funding lines grouped by activity id, each group in `(order, id)` order. */
export function linesByActivity(lines: readonly FundingLine[]): Map<string, FundingLine[]> {
  const out = new Map<string, FundingLine[]>();
  for (const l of lines) {
    if (l.archived) continue;
    const list = out.get(l.activityId);
    if (list) list.push(l);
    else out.set(l.activityId, [l]);
  }
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
  return out;
}

/**
 * The lines an activity's money counts (FN2): its live lines when it has any; otherwise, when it
 * has the old `funding` record, one implied line of its whole budget (secured reads committed,
 * domestic reads national budget, external new money); otherwise none.
 */
export function effectiveLines(activity: Activity, lines: readonly FundingLine[] | undefined): EffectiveLine[] {
  if (lines && lines.length > 0) {
    return lines.map((l) => ({
      id: l.id,
      activityId: activity.id,
      funder: l.funder,
      stakeholderId: l.stakeholderId,
      amount: l.amount,
      status: l.status,
      source: l.source,
      budgetLine: l.budgetLine,
      iatiActivityId: l.iatiActivityId,
    }));
  }
  const f = activity.funding;
  if (!f) return [];
  return [
    {
      id: null,
      activityId: activity.id,
      funder: f.funder,
      stakeholderId: null,
      amount: activity.budget,
      status: f.status === 'secured' ? 'committed' : 'pledged',
      source: f.kind === 'domestic' ? 'national-budget' : 'new-money',
      budgetLine: '',
      iatiActivityId: '',
    },
  ];
}

/** Money of one row of the funding-by-source summary. */
export interface SourceRow {
  /** Stable key: `stakeholder:<id>`, `funder:<name in lower case>` or the source kind. */
  key: string;
  /** What people read: the funder's name as first written, or the source kind. */
  label: string;
  /** Set on funder rows: the stakeholder id when the lines name one. */
  stakeholderId: string | null;
  pledged: Money[];
  committed: Money[];
  disbursed: Money[];
  /** The same in the plan currency (null figure: a currency without a rate, see `missing`). */
  converted: { currency: string; pledged: number | null; committed: number | null; disbursed: number | null } | null;
  /** Lines counted (implied lines included). */
  lines: number;
  /** Lines without an amount yet. */
  unknownAmount: number;
}

/** The resource-mobilisation view (FN4): money per funder and per source, by status. */
export interface FundingSummary {
  funders: SourceRow[];
  sources: SourceRow[];
}

class SourceAcc {
  readonly totals: Record<FundingLineStatus, MoneyTotals> = { pledged: new MoneyTotals(), committed: new MoneyTotals(), disbursed: new MoneyTotals() };
  lines = 0;
  unknownAmount = 0;
  constructor(readonly key: string, readonly label: string, readonly stakeholderId: string | null) {}
  add(l: EffectiveLine): void {
    this.lines++;
    if (l.amount) this.totals[l.status].add(l.amount);
    else this.unknownAmount++;
  }
  row(conv: Converter | null): SourceRow {
    const pledged = this.totals.pledged.list();
    const committed = this.totals.committed.list();
    const disbursed = this.totals.disbursed.list();
    return {
      key: this.key,
      label: this.label,
      stakeholderId: this.stakeholderId,
      pledged,
      committed,
      disbursed,
      converted: conv && { currency: conv.currency, pledged: convertList(conv, pledged), committed: convertList(conv, committed), disbursed: convertList(conv, disbursed) },
      lines: this.lines,
      unknownAmount: this.unknownAmount,
    };
  }
}

/** Labels of the funding sources. */
export const SOURCE_LABELS: Readonly<Record<FundingSource, string>> = { 'national-budget': 'National budget', 'new-money': 'New money' };

/** Label of a funder row whose lines name nobody. */
export const UNNAMED_FUNDER = '(funder not named)';

/**
 * Collects lines into the funding-by-source summary (FN4): one row per funder (the stakeholder
 * id when given, else the funder's name, trimmed, compared without case) and one per source kind.
 */
export class SummaryBuilder {
  private readonly funders = new Map<string, SourceAcc>();
  private readonly sources = new Map<string, SourceAcc>();

  /** Counts one effective line. */
  add(l: EffectiveLine): void {
    const name = l.funder.trim();
    const key = l.stakeholderId ? `stakeholder:${l.stakeholderId}` : `funder:${name.toLowerCase()}`;
    let f = this.funders.get(key);
    if (!f) this.funders.set(key, (f = new SourceAcc(key, name || UNNAMED_FUNDER, l.stakeholderId)));
    f.add(l);
    let s = this.sources.get(l.source);
    if (!s) this.sources.set(l.source, (s = new SourceAcc(l.source, SOURCE_LABELS[l.source], null)));
    s.add(l);
  }

  /** The summary: funders by label, sources national budget first. */
  build(conv: Converter | null): FundingSummary {
    const byLabel = (a: SourceAcc, b: SourceAcc) => a.label.localeCompare(b.label, 'en') || (a.key < b.key ? -1 : 1);
    return {
      funders: [...this.funders.values()].sort(byLabel).map((a) => a.row(conv)),
      sources: (['national-budget', 'new-money'] as const).flatMap((k) => (this.sources.has(k) ? [this.sources.get(k)!.row(conv)] : [])),
    };
  }
}

/** What linking needs of a donor's IATI activity (as `POST /api/plans/:id/iati` lists it). */
export interface DonorSource {
  identifier: string;
  reportingOrg: { name: string; ref: string };
  participatingOrgs: readonly { role: string; name: string; ref: string }[];
  budgets: readonly { amount: number; currency: string }[];
  totals: readonly { type: string; currency: string; amount: number }[];
}

/** A funding line to add for a donor activity (see {@link donorFundingLines}). */
export type DonorLine = Pick<FundingLine, 'funder' | 'amount' | 'status' | 'source' | 'iatiActivityId'>;

/**
 * The funding lines a donor's IATI activity gives (SPEC FN5): commitments as `committed` (its
 * outgoing commitments, type 2, or else the incoming commitments it received, type 11),
 * disbursements and expenditure as `disbursed` (types 3 and 4, or else incoming funds, type 1),
 * one line per status and currency; with no such transaction, its budgets as `pledged`. The
 * funder is the first participating organisation with role 1 (funding), else the reporting
 * organisation; the source is new money and the IATI identifier is kept. Amounts without a
 * currency are left out (never guessed).
 */
export function donorFundingLines(donor: DonorSource): DonorLine[] {
  const funding = donor.participatingOrgs.find((p) => p.role === '1' && (p.name || p.ref));
  const org = funding ?? donor.reportingOrg;
  const funder = (org.name || org.ref).trim();
  const sum = (types: readonly string[]): MoneyTotals => {
    const t = new MoneyTotals();
    for (const x of donor.totals) if (types.includes(x.type) && x.currency) t.add({ amount: x.amount, currency: x.currency });
    return t;
  };
  const pick = (own: readonly string[], incoming: readonly string[]): Money[] => {
    const first = sum(own).list();
    return first.length ? first : sum(incoming).list();
  };
  const line = (status: FundingLineStatus) => (amount: Money): DonorLine => ({ funder, amount, status, source: 'new-money', iatiActivityId: donor.identifier });
  const out = [...pick(['2'], ['11']).map(line('committed')), ...pick(['3', '4'], ['1']).map(line('disbursed'))];
  if (out.length > 0) return out;
  const budgets = new MoneyTotals();
  for (const b of donor.budgets) if (b.currency) budgets.add(b);
  return budgets.list().map(line('pledged'));
}

/** One donor line's share for one activity (see {@link spreadOverActivities}). */
export interface SpreadShare {
  activityId: string;
  line: DonorLine;
}

/**
 * Spreads donor lines over an output's live activities (SPEC FN8): each line is split in
 * proportion to the activities' planned budgets, rounded to cents, the last activity with a
 * planned budget taking the remainder so the shares add up to the line exactly; activities
 * without a planned budget, and shares of zero, get nothing. `activities` are the output's live
 * activities in matrix order. Refused (nothing to add) when there is no activity, none has a
 * planned budget, the planned budgets are in several currencies (they cannot be compared) or a
 * line has no amount.
 */
export function spreadOverActivities(lines: readonly DonorLine[], activities: readonly Pick<Activity, 'id' | 'budget'>[]): Result<SpreadShare[]> {
  if (activities.length === 0) return fail('invalid', 'the output has no live activity to fund: add an activity to it, or link the donor activity to an activity', { key: 'refusals:spreadNoActivity' });
  const weighted = activities.filter((a) => a.budget && a.budget.amount > 0);
  if (weighted.length === 0) return fail('invalid', 'none of the output\'s activities has a planned budget to share the money by: plan their budgets first, or link the donor activity to one activity', { key: 'refusals:spreadNoBudget' });
  const currencies = new Set(weighted.map((a) => a.budget!.currency));
  if (currencies.size > 1) {
    return fail('invalid', `the output's activities plan in several currencies (${[...currencies].sort().join(', ')}), so their budgets cannot be compared: link the donor activity to one activity instead`, { key: 'refusals:spreadCurrencies', params: { currencies: [...currencies].sort().join(', ') } });
  }
  const total = weighted.reduce((t, a) => t + a.budget!.amount, 0);
  const out: SpreadShare[] = [];
  for (const line of lines) {
    if (!line.amount) {
      return line.funder
        ? fail('invalid', `the ${line.status} line from ${line.funder} has no amount to spread`, { key: 'refusals:spreadNoAmount', params: { funder: line.funder } })
        : fail('invalid', `the ${line.status} line from the donor has no amount to spread`, { key: 'refusals:spreadNoAmountDonor' });
    }
    let given = 0;
    weighted.forEach((a, i) => {
      const amount = i === weighted.length - 1 ? roundMoney(line.amount!.amount - given) : roundMoney((line.amount!.amount * a.budget!.amount) / total);
      given = roundMoney(given + amount);
      if (amount !== 0) out.push({ activityId: a.id, line: { ...line, amount: { amount, currency: line.amount!.currency } } });
    });
  }
  return ok(out);
}
