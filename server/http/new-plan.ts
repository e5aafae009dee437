import type { Context } from 'hono';
import * as Y from 'yjs';
import { ROLES, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { Actor, AuditEvent } from '../access/audit.js';
import type { AppEnv } from './deps.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';

/** An invite link as the page URL `<origin>/plans/<id>?token=<token>` on the origin the request came to. */
export function linkUrl(c: Context, planId: string, token: string): string {
  return `${new URL(c.req.url).origin}/plans/${planId}?token=${token}`;
}

/**
 * Writes a new plan (a fresh doc filled by `fill`), issues its three invite links, records
 * `plan.<how>` in its trail and answers 201 with its meta, page URL and links. Used by create,
 * import and fork. If the plan or its links cannot be written (a full disk), nothing is left:
 * no folder, no index entry.
 */
export async function createPlan(
  c: Context<AppEnv>,
  actor: Actor,
  title: string,
  fill: (doc: Y.Doc, id: string) => void,
  how: string,
  detail: AuditEvent['detail'] = {},
): Promise<Response> {
  const id = newId();
  const doc = new Y.Doc();
  fill(doc, id);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return storeNewPlan(c, actor, id, title, state, how, detail);
}

/**
 * {@link createPlan} for a plan whose state is already built (an import built off the event
 * loop): stores `state` as plan `id`, issues its links, records `plan.<how>` and answers 201,
 * with the notes (what an import left out or changed, SPEC XL3, XL5) when there are any: see {@link notesAnswer}.
 */
export async function storeNewPlan(
  c: Context<AppEnv>,
  actor: Actor,
  id: string,
  title: string,
  state: Uint8Array,
  how: string,
  detail: AuditEvent['detail'] = {},
  notes: readonly ImportNote[] = [],
): Promise<Response> {
  const { store, access, audit, log } = c.var.deps;
  const meta = await store.create(id, title, state);
  let issued: Awaited<ReturnType<typeof access.issue>>;
  try {
    issued = await access.issue(id);
    audit.record(id, `plan.${how}`, actor, detail);
  } catch (err) {
    // A plan without links or trail is half made: remove it, so a failed creation leaves nothing.
    access.forget(id);
    await store.delete(id).catch(() => undefined);
    throw err;
  }
  log.info(`plan ${how}`, { plan: id });
  const links = Object.fromEntries(ROLES.map((r) => [r, linkUrl(c, id, issued[r].token)])) as Record<Role, string>;
  return c.json({ ...meta, url: `/plans/${id}`, links, ...notesAnswer(notes) }, 201);
}

/**
 * An import's notes in an answer (SPEC L27), only when there are any: `notes`, the English sentences
 * (as before; kept for API users and older clients), and `importNotes`, the same notes as
 * `{ code, params, message }` for a reader's language (`gate:imports.<code>`).
 */
export function notesAnswer(notes: readonly ImportNote[] = []): { notes?: string[]; importNotes?: ImportNote[] } {
  return notes.length ? { notes: notes.map((n) => n.message), importNotes: [...notes] } : {};
}
