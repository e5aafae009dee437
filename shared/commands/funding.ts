import * as Y from 'yjs';
import { fail, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { ExchangeRate, FundingLine } from '../schema/types.js';
import { add, archive, restore, setField } from './entity.js';
import { ok } from '../result.js';
import { spreadOverActivities, type DonorLine } from '../domain/funding.js';
import { nodeCodes } from '../domain/tree.js';
import { readPlan } from '../schema/read.js';

/**
 * Commands for funding lines (SPEC FN1) and exchange rates (SPEC CU1), on top of the generic
 * registry commands: every field is checked by the registry's scalar before anything is written.
 */

/** Fields of a funding line settable with {@link setFundingLineField}. */
export type FundingLineField = 'funder' | 'stakeholderId' | 'amount' | 'status' | 'source' | 'budgetLine' | 'iatiActivityId';

/** Input of {@link addFundingLine}: the activity it funds, the rest optional (status defaults to pledged). */
export type NewFundingLine = { activityId: string; id?: string; index?: number } & Partial<Pick<FundingLine, FundingLineField>>;

/** Adds a funding line to an existing activity (last among its lines, or at `index`); returns its id. */
export function addFundingLine(doc: Y.Doc, input: NewFundingLine, origin: Origin): Result<string> {
  return add(doc, 'fundingLine', { status: 'pledged', source: 'new-money', ...input }, origin);
}

/** Sets one field of a funding line (last writer wins). */
export function setFundingLineField<K extends FundingLineField>(doc: Y.Doc, id: string, field: K, value: FundingLine[K], origin: Origin): Result<void> {
  return setField(doc, 'fundingLine', id, field, value, origin);
}

/** Removes a funding line from the counts (archived: kept, and restorable from the Archive bin). */
export function archiveFundingLine(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'fundingLine', id, origin);
}

/** Brings an archived funding line back. */
export function restoreFundingLine(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return restore(doc, 'fundingLine', id, origin);
}

/** Input of {@link addExchangeRate}: all four fields are needed. */
export type NewExchangeRate = Pick<ExchangeRate, 'currency' | 'quote' | 'rate' | 'date'> & { id?: string };

/** Adds an exchange rate (1 `currency` = `rate` `quote` from `date` on); refuses a pair of one currency. */
export function addExchangeRate(doc: Y.Doc, input: NewExchangeRate, origin: Origin): Result<string> {
  if (input.currency === input.quote) return fail('invalid', 'a rate converts between two different currencies', { key: 'refusals:rateCurrencies', params: { currency: String(input.currency) } });
  return add(doc, 'exchangeRate', input, origin);
}

/** Archives an exchange rate (it no longer counts; restorable). */
export function archiveExchangeRate(doc: Y.Doc, id: string, origin: Origin): Result<void> {
  return archive(doc, 'exchangeRate', id, origin);
}

/**
 * Adds the funding lines of a donor's IATI activity (see `donorFundingLines`, SPEC FN5) to an
 * activity, all in one transaction: either every line is added or, when the activity is missing
 * or a value is refused, none. Returns the new lines' ids.
 */
export function linkDonorLines(doc: Y.Doc, activityId: string, lines: readonly DonorLine[], origin: Origin): Result<string[]> {
  if (lines.length === 0) return fail('invalid', NOTHING_TO_LINK, { key: 'refusals:nothingToLink' });
  return addAllOrNone(doc, lines.map((l) => ({ activityId, ...l })), origin);
}

/**
 * Links a donor's IATI activity to an output (SPEC FN8): its lines are spread over the output's
 * live activities in proportion to their planned budgets (`spreadOverActivities`) and added in
 * one transaction, all or none. Refused when the output is unknown or archived, or the spread is
 * refused. Returns the new lines' ids.
 */
export function linkDonorLinesToOutput(doc: Y.Doc, outputId: string, lines: readonly DonorLine[], origin: Origin): Result<string[]> {
  if (lines.length === 0) return fail('invalid', NOTHING_TO_LINK, { key: 'refusals:nothingToLink' });
  const plan = readPlan(doc);
  const codes = nodeCodes(plan);
  if (!codes.has(outputId) || !plan.outputs.some((o) => o.id === outputId)) return fail('not-found', `there is no live output ${outputId} in this plan`, { key: 'refusals:notFound', params: { kind: 'output', id: outputId } });
  const activities = plan.activities
    .filter((a) => a.outputId === outputId && codes.has(a.id))
    .sort((x, y) => codes.get(x.id)!.code.localeCompare(codes.get(y.id)!.code, 'en', { numeric: true }));
  const spread = spreadOverActivities(lines, activities);
  if (!spread.ok) return spread;
  return addAllOrNone(doc, spread.value.map((s) => ({ activityId: s.activityId, ...s.line })), origin);
}

const NOTHING_TO_LINK = 'the donor activity reports no commitment, disbursement or budget with a currency to link';

/** Adds funding lines in one transaction after checking them all on a copy: all or none. */
function addAllOrNone(doc: Y.Doc, inputs: readonly NewFundingLine[], origin: Origin): Result<string[]> {
  const ids: string[] = [];
  let failure: Result<string[]> | null = null;
  const scratch = new Y.Doc();
  // Checked first on a copy, so a refusal leaves the live doc untouched.
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  for (const input of inputs) {
    const r = addFundingLine(scratch, input, origin);
    if (!r.ok) {
      failure = r;
      break;
    }
    ids.push(r.value);
  }
  scratch.destroy();
  if (failure) return failure;
  doc.transact(() => {
    inputs.forEach((input, i) => addFundingLine(doc, { ...input, id: ids[i] }, origin));
  }, origin);
  return ok(ids);
}
