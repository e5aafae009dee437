import * as Y from 'yjs';
import { fail, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { ExchangeRate, FundingLine } from '../schema/types.js';
import { add, archive, restore, setField } from './entity.js';
import { ok } from '../result.js';
import type { DonorLine } from '../domain/funding.js';

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
  if (input.currency === input.quote) return fail('invalid', 'a rate converts between two different currencies');
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
  if (lines.length === 0) return fail('invalid', 'the donor activity reports no commitment, disbursement or budget with a currency to link');
  const ids: string[] = [];
  let failure: Result<string[]> | null = null;
  const scratch = new Y.Doc();
  // Checked first on a copy, so a refusal leaves the live doc untouched.
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  for (const l of lines) {
    const r = addFundingLine(scratch, { activityId, ...l }, origin);
    if (!r.ok) {
      failure = r;
      break;
    }
    ids.push(r.value);
  }
  scratch.destroy();
  if (failure) return failure;
  doc.transact(() => {
    lines.forEach((l, i) => addFundingLine(doc, { activityId, id: ids[i], ...l }, origin));
  }, origin);
  return ok(ids);
}
