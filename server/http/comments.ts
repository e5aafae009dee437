import { Hono, type Context } from 'hono';
import { can } from '../../shared/access.js';
import { add, setField } from '../../shared/commands/entity.js';
import { canEditComment, canResolve, checkNewComment, cleanBody, COMMENT_LIMITS, type CommentActor } from '../../shared/domain/comments.js';
import { isId } from '../../shared/ids.js';
import type { Result } from '../../shared/result.js';
import { COMMENT_NAME_CHARS } from '../../shared/schema/registry.js';
import * as Y from 'yjs';
import { COMMENT_FIELDS, readScalars } from '../../shared/schema/registry.js';
import { commentsMap, criteriaMap, indicatorsMap, nodesMap, participantsMap, sectionsMap } from '../../shared/schema/roots.js';
import type { Comment, PlanData } from '../../shared/schema/types.js';
import type { Origin } from '../../shared/schema/origins.js';
import type { Room } from '../sync/room.js';
import { requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError, commandRefusal } from './errors.js';
import { cleanName } from '../access/auth.js';
import { actorName, fieldsOf, limitBody, readJson } from './request.js';

/** Origin of the server's comment writes (SPEC CM2). */
export const COMMENT_ORIGIN: Origin = { source: 'server', reason: 'comment' };

/** Largest body of a comment request: a 4,000-character comment in JSON with room to spare. */
const MAX_COMMENT_REQUEST = 64 * 1024;

/**
 * How many comment writes one person may send (SPEC CM9): a token bucket per plan, link and
 * participant id, `burst` at once and then `perMinute`. Bounded: past `maxKeys` people, buckets
 * that are full again are forgotten (a full bucket and a missing one mean the same).
 */
export class CommentRate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number = COMMENT_LIMITS.burst,
    private readonly perMinute: number = COMMENT_LIMITS.perMinute,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key`; false when the person has to wait. */
  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) this.prune(t);
    return true;
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((t - b.at) / 60_000) * this.perMinute >= this.burst) this.buckets.delete(k);
  }
}

/** Who is writing, as the server establishes it (SPEC CM9; recommendations and reactions too, CO2). */
export interface Author extends CommentActor {
  name: string;
  role: Comment['authorRole'];
}

const ROLE_NAMES: Record<Comment['authorRole'], string> = { facilitator: 'Facilitator', editor: 'Editor', observer: 'Observer' };

/**
 * CM9: the author of a request. The role and link come from the token; the participant id from
 * `X-Participant` (the id the browser's connection uses); the name is that participant's current
 * pseudonym in the plan, else the body's `name` (names a header cannot carry), else `X-Actor-Name`,
 * else the role's name.
 */
export function authorOf(c: Context<AppEnv>, plan: Pick<PlanData, 'participants'>, bodyName: unknown): Author {
  const header = c.req.header('x-participant');
  const participantId = isId(header) ? header : null;
  const role = c.var.role;
  const known = participantId ? plan.participants.find((p) => p.id === participantId)?.name.trim() : undefined;
  const given = typeof bodyName === 'string' ? cleanName(bodyName) : '';
  const name = (known || given || actorName(c) || ROLE_NAMES[role]).replace(/[\u0000-\u001f\u007f]/g, '').slice(0, COMMENT_NAME_CHARS);
  return { link: c.var.actor.linkId ?? 'admin', participantId, canWrite: can(role, 'write'), name, role };
}

/**
 * The parts of the plan the comment rules read (ids of the items a comment may be about,
 * participants, the comments), read straight from the doc: far cheaper than `readPlan` on a big
 * plan (no text of any row is read), since this runs on the event loop beside the relay.
 */
export function commentContext(doc: Y.Doc): PlanData {
  const lists: Record<string, { id: string }[]> = { goals: [], outcomes: [], outputs: [], activities: [] };
  for (const [id, v] of nodesMap(doc).entries()) {
    const kind = v instanceof Y.Map ? v.get('kind') : undefined;
    if (isId(id) && (kind === 'goal' || kind === 'outcome' || kind === 'output' || kind === 'activity')) lists[`${kind === 'activity' ? 'activitie' : kind}s`]!.push({ id });
  }
  const ids = (m: Y.Map<unknown>) => [...m.keys()].filter((id) => isId(id)).map((id) => ({ id }));
  const participants = [...participantsMap(doc).entries()].flatMap(([id, v]) => (isId(id) && v instanceof Y.Map ? [{ id, name: typeof v.get('name') === 'string' ? (v.get('name') as string) : '' }] : []));
  const comments = [...commentsMap(doc).entries()].flatMap(([id, v]) => (isId(id) && v instanceof Y.Map ? [readComment(id, v)] : []));
  return { ...lists, criteria: ids(criteriaMap(doc)), indicators: ids(indicatorsMap(doc)), sections: ids(sectionsMap(doc)), participants, comments } as unknown as PlanData;
}

/** One stored comment as plain data (malformed fields fall back, as readPlan reads them). */
function readComment(id: string, m: Y.Map<unknown>): Comment {
  return { id, ...readScalars(COMMENT_FIELDS.scalars, (k) => m.get(k)) } as unknown as Comment;
}

/** The result's value, or the matching HTTP refusal. */
function orRefuse<T>(r: Result<T>, notFound: string, invalid: string): T {
  if (r.ok) return r.value;
  if (r.error.code === 'not-found') throw new ApiError(404, notFound, r.error.message, commandRefusal(r.error));
  throw new ApiError(400, invalid, r.error.message, commandRefusal(r.error));
}

/** The comment `id` of `plan`, or 404 comment_not_found. */
function commentOf(plan: PlanData, id: string): Comment {
  const found = plan.comments.find((x) => x.id === id);
  if (!found) throw new ApiError(404, 'comment_not_found', `This plan has no comment "${id.slice(0, 64)}".`, { params: { id: id.slice(0, 64) } });
  return found;
}

/**
 * Comments, mounted at `/api/plans` (SPEC CM1-CM9). Every write goes through the server, which
 * checks it, sets the author and the time, and writes it into the live plan doc with
 * COMMENT_ORIGIN: it is stored like any update, relayed to everyone who has the plan open, and
 * answered only once durable. The read right is enough (observers comment while the plan stays
 * read-only for them); the update gate refuses comment writes sent as document updates (CM2).
 *
 * - `POST /:id/comments` `{ targetKind, targetId, threadId?, body, mentions? }`: a new thread or a reply.
 * - `PATCH /:id/comments/:cid` `{ body }` (its author, CM6) or `{ resolved }` (CM7).
 * - `DELETE /:id/comments/:cid`: its author empties it (CM6).
 */
export function commentRoutes(deps: AppDeps, rate = new CommentRate()): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight('read');
  const limit = limitBody(MAX_COMMENT_REQUEST);

  /** Runs `fn` on the live plan (one rate token per call), then waits until its write is stored. */
  async function write(c: Context<AppEnv>, input: Record<string, unknown>, fn: (room: Room, plan: PlanData, who: Author) => string): Promise<Comment> {
    return deps.registry.use(c.var.planId, async (room) => {
      const plan = commentContext(room.doc);
      const who = authorOf(c, plan, input['name']);
      if (!rate.take(`${c.var.planId}/${who.link}/${who.participantId ?? ''}`)) {
        throw new ApiError(429, 'comment_rate', `Too many comments at once: at most ${COMMENT_LIMITS.burst} in a row and ${COMMENT_LIMITS.perMinute} a minute. Wait a moment and send it again.`, {
          params: { burst: COMMENT_LIMITS.burst, perMinute: COMMENT_LIMITS.perMinute },
        });
      }
      const id = fn(room, plan, who);
      await room.whenStored();
      const stored = commentsMap(room.doc).get(id);
      if (!(stored instanceof Y.Map)) throw new ApiError(404, 'comment_not_found', `This plan has no comment "${id}".`, { params: { id: id.slice(0, 64) } });
      return readComment(id, stored as Y.Map<unknown>);
    });
  }

  app.post('/:id/comments', limit, read, async (c) => {
    const input = fieldsOf(await readJson(c));
    const comment = await write(c, input, (room, plan, who) => {
      const checked = orRefuse(checkNewComment(plan, { targetKind: input['targetKind'], targetId: input['targetId'], threadId: input['threadId'], body: input['body'], mentions: input['mentions'] }), 'comment_target_not_found', 'invalid_comment');
      const added = add(
        room.doc,
        'comment',
        { ...checked, authorId: who.participantId, authorName: who.name, authorRole: who.role, authorLink: who.link, createdAt: new Date().toISOString() },
        COMMENT_ORIGIN,
      );
      return orRefuse(added, 'comment_target_not_found', 'invalid_comment');
    });
    return c.json({ comment }, 201);
  });

  app.patch('/:id/comments/:cid', limit, read, async (c) => {
    const input = fieldsOf(await readJson(c));
    const cid = c.req.param('cid');
    const hasBody = input['body'] !== undefined;
    const hasResolved = input['resolved'] !== undefined;
    if (hasBody === hasResolved) throw new ApiError(400, 'invalid_comment', 'Send either "body" (edit your comment) or "resolved" (true or false).', { params: { detail: 'Send either "body" (edit your comment) or "resolved" (true or false).' } });
    if (hasResolved && typeof input['resolved'] !== 'boolean') throw new ApiError(400, 'invalid_comment', '"resolved" must be true or false.', { params: { detail: '"resolved" must be true or false.' } });
    const comment = await write(c, input, (room, plan, who) => {
      const found = commentOf(plan, cid);
      if (hasBody) {
        if (!canEditComment(found, who)) throw new ApiError(403, 'not_your_comment', 'Only the person who wrote a comment can edit it (same invite link and name).');
        const body = orRefuse(cleanBody(input['body']), 'comment_not_found', 'invalid_comment');
        room.doc.transact(() => {
          setField(room.doc, 'comment', cid, 'body', body, COMMENT_ORIGIN);
          setField(room.doc, 'comment', cid, 'editedAt', new Date().toISOString(), COMMENT_ORIGIN);
        }, COMMENT_ORIGIN);
      } else {
        if (found.threadId !== null) throw new ApiError(400, 'invalid_comment', 'Only a thread (its first comment) is resolved or reopened.', { params: { detail: 'Only a thread (its first comment) is resolved or reopened.' } });
        if (!canResolve(found, who)) throw new ApiError(403, 'forbidden', 'A thread is resolved or reopened by its author or by someone who may edit the plan.', { params: { context: 'resolve' } });
        const resolved = input['resolved'] as boolean;
        room.doc.transact(() => {
          setField(room.doc, 'comment', cid, 'resolved', resolved, COMMENT_ORIGIN);
          setField(room.doc, 'comment', cid, 'resolvedBy', resolved ? who.name : '', COMMENT_ORIGIN);
          setField(room.doc, 'comment', cid, 'resolvedAt', resolved ? new Date().toISOString() : null, COMMENT_ORIGIN);
        }, COMMENT_ORIGIN);
      }
      return cid;
    });
    return c.json({ comment });
  });

  app.delete('/:id/comments/:cid', read, async (c) => {
    const cid = c.req.param('cid');
    const comment = await write(c, {}, (room, plan, who) => {
      const found = commentOf(plan, cid);
      if (!canEditComment(found, who)) throw new ApiError(403, 'not_your_comment', 'Only the person who wrote a comment can delete it (same invite link and name).');
      room.doc.transact(() => {
        setField(room.doc, 'comment', cid, 'body', '', COMMENT_ORIGIN);
        setField(room.doc, 'comment', cid, 'mentions', [], COMMENT_ORIGIN);
        setField(room.doc, 'comment', cid, 'deleted', true, COMMENT_ORIGIN);
      }, COMMENT_ORIGIN);
      return cid;
    });
    return c.json({ comment });
  });
  return app;
}
