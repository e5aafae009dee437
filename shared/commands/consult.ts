import type * as Y from 'yjs';
import { checkNewRound, type NewRound } from '../domain/consult.js';
import { fail, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { RoundStatus } from '../schema/types.js';
import { add, setField } from './entity.js';

/**
 * Commands on consultation rounds (SPEC CO1): facilitators open, close and reopen them through
 * the doc (the update gate refuses anyone else). Recommendations and reactions have no command
 * here: only the server writes them (CO2, server/http/consult.ts).
 */

/** Opens a round (CO1: title, 2-4 guiding questions, a closing date not passed); returns its id. */
export function openRound(doc: Y.Doc, input: NewRound & { id?: string }, today: string, origin: Origin): Result<string> {
  const checked = checkNewRound(input, today);
  if (!checked.ok) return checked;
  return add(doc, 'consultRound', { ...checked.value, ...(input.id ? { id: input.id } : {}) }, origin);
}

/** Closes a round or opens it again (CO3); reopening needs a closing date of today or later. */
export function setRoundStatus(doc: Y.Doc, id: string, status: RoundStatus, today: string, origin: Origin, closesOn?: string): Result<void> {
  if (status === 'closed') return setField(doc, 'consultRound', id, 'status', status, origin);
  if (closesOn === undefined || closesOn < today) return fail('invalid', 'A round opens again with a closing date of today or later.', { key: 'refusals:roundReopen' });
  let result: Result<void> = fail('not-found', `no consultation round with id "${id}"`, { key: 'refusals:notFound', params: { kind: 'consultRound', id } });
  doc.transact(() => {
    result = setField(doc, 'consultRound', id, 'closesOn', closesOn, origin);
    if (result.ok) result = setField(doc, 'consultRound', id, 'status', status, origin);
  }, origin);
  return result;
}
