import { Hono, type Context } from 'hono';
import * as Y from 'yjs';
import { add, findEntity, setField } from '../../shared/commands/entity.js';
import { addNode } from '../../shared/commands/nodes.js';
import { setText } from '../../shared/commands/text.js';
import {
  CONSULT_PLAN_LIMITS,
  checkNewRecommendation,
  checkPromotion,
  checkReaction,
  parsePromotion,
  promotedTexts,
  reactionOf,
  roundClosedRefusal,
  todayUtc,
} from '../../shared/domain/consult.js';
import type { Result } from '../../shared/result.js';
import { ENTITIES, readScalars, type EntityDef } from '../../shared/schema/registry.js';
import { isId } from '../../shared/ids.js';
import type { Origin } from '../../shared/schema/origins.js';
import { readNodeItem, readTopList } from '../../shared/schema/read.js';
import { reactionsMap, recommendationsMap } from '../../shared/schema/roots.js';
import type { ConsultRound, Participant, PlanData, Reaction, Recommendation, Stakeholder } from '../../shared/schema/types.js';
import type { Room } from '../sync/room.js';
import { requireRight } from './authorize.js';
import { authorOf, CommentRate, type Author } from './comments.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError, commandRefusal } from './errors.js';
import { fieldsOf, limitBody, readJson } from './request.js';

/** Origin of the server's consultation writes (SPEC CO2, CO5). */
export const CONSULT_ORIGIN: Origin = { source: 'server', reason: 'consult' };

/** Largest body of a consultation request: three 4,000-character parts in JSON with room to spare (CO6). */
const MAX_CONSULT_REQUEST = 64 * 1024;

/**
 * The parts of the plan the consultation rules read, straight from the doc: rounds, register and
 * participants whole (small), recommendations and reactions only counted. Reading the 20,000
 * reactions a plan may hold would take the event loop about a second; one recommendation and its
 * reactions are read on demand ({@link readOne}, {@link reactionsOf}).
 */
interface ConsultContext {
  consultRounds: ConsultRound[];
  stakeholders: Stakeholder[];
  participants: Participant[];
  recommendations: { length: number };
  reactions: { length: number };
}

/** Reads the context of a consultation request from the live doc. */
export function consultContext(doc: Y.Doc): ConsultContext {
  return {
    consultRounds: readTopList(doc, ENTITIES.consultRound) as unknown as ConsultRound[],
    stakeholders: readTopList(doc, ENTITIES.stakeholder) as unknown as Stakeholder[],
    participants: readTopList(doc, ENTITIES.participant) as unknown as Participant[],
    recommendations: { length: recommendationsMap(doc).size },
    reactions: { length: reactionsMap(doc).size },
  };
}

/** One stored recommendation or reaction as plain data (with its parent link), or undefined. */
function readOne<T>(doc: Y.Doc, def: EntityDef, id: string): T | undefined {
  const m = doc.getMap(def.root).get(id);
  if (!isId(id) || !(m instanceof Y.Map)) return undefined;
  const parent = def.parent ? { [def.parent.field]: m.get(def.parent.field) } : {};
  return { id, ...parent, ...readScalars(def.fields.scalars, (k) => m.get(k)) } as T;
}

/** The reactions to recommendation `recId` (one pass over the keys, reading only the matching ones). */
export function reactionsOf(doc: Y.Doc, recId: string): Reaction[] {
  const out: Reaction[] = [];
  for (const [id, m] of reactionsMap(doc).entries()) {
    if (m instanceof Y.Map && m.get('recommendationId') === recId) out.push(readOne<Reaction>(doc, ENTITIES.reaction, id)!);
  }
  return out;
}

/** The result's value, or the matching HTTP refusal: 404 for unknown items, 409 round_closed (CO3), else 400. */
function orRefuse<T>(r: Result<T>, invalid: string): T {
  if (r.ok) return r.value;
  if (r.error.code === 'not-found') throw new ApiError(404, 'not_found', r.error.message, commandRefusal(r.error));
  if (r.error.code === 'locked') throw new ApiError(409, 'round_closed', r.error.message, commandRefusal(r.error));
  throw new ApiError(400, invalid, r.error.message, commandRefusal(r.error));
}

/** The recommendation `id` of the plan, or 404. */
function recommendationOf(doc: Y.Doc, id: string): Recommendation {
  const found = readOne<Recommendation>(doc, ENTITIES.recommendation, id);
  if (!found) throw new ApiError(404, 'not_found', `This plan has no recommendation "${id.slice(0, 64)}".`);
  return found;
}

/** CO3: refuses with 409 round_closed when the recommendation's round takes no more reactions. */
function requireOpenRound(ctx: ConsultContext, rec: Recommendation, today: string): void {
  const round = ctx.consultRounds.find((r) => r.id === rec.roundId);
  if (!round) throw new ApiError(404, 'not_found', 'The round of this recommendation is gone.');
  const closed = roundClosedRefusal(round, today);
  if (closed && !closed.ok) throw new ApiError(409, 'round_closed', closed.error.message, commandRefusal(closed.error));
}

/**
 * Consultation rounds, mounted at `/api/plans` (SPEC CO2-CO6). Rounds themselves are written by
 * facilitators through the doc (CO1); everything here is written by the server into the live
 * doc with CONSULT_ORIGIN, stored and relayed like any update, and answered once durable.
 *
 * - `POST /:id/recommendations` `{ roundId, title, background?, challenge?, wayForward, stakeholderId?, sourceRef?, name? }`
 *   (read right: observers contribute too).
 * - `PUT /:id/recommendations/:rid/reaction` `{ kind: 'support' | 'question', text? }`: my reaction (read right).
 * - `DELETE /:id/recommendations/:rid/reaction`: withdraws my reaction.
 * - `POST /:id/recommendations/:rid/promote` `{ to: 'goal' }` or `{ to: 'activity', outputId }` (facilitators).
 */
export function consultRoutes(deps: AppDeps, rate = new CommentRate(CONSULT_PLAN_LIMITS.burst, CONSULT_PLAN_LIMITS.perMinute), now: () => number = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight('read');
  const facilitate = requireRight('facilitate');
  const limit = limitBody(MAX_CONSULT_REQUEST);

  /** Runs `fn` on the live plan (one rate token), then waits until its write is stored. */
  async function write<T>(c: Context<AppEnv>, input: Record<string, unknown>, fn: (room: Room, ctx: ConsultContext, who: Author, today: string) => () => T): Promise<T> {
    return deps.registry.use(c.var.planId, async (room) => {
      const ctx = consultContext(room.doc);
      const who = authorOf(c, ctx, input['name']);
      if (!rate.take(`${c.var.planId}/${who.link}/${who.participantId ?? ''}`)) {
        throw new ApiError(429, 'consult_rate', `Too many contributions at once: at most ${CONSULT_PLAN_LIMITS.burst} in a row and ${CONSULT_PLAN_LIMITS.perMinute} a minute. Wait a moment and send it again.`);
      }
      const answer = fn(room, ctx, who, todayUtc(now()));
      await room.whenStored();
      return answer();
    });
  }

  /** The stored recommendation `id` as plain data. */
  const storedRecommendation = (room: Room, id: string): Recommendation => recommendationOf(room.doc, id);

  app.post('/:id/recommendations', limit, read, async (c) => {
    const input = fieldsOf(await readJson(c));
    const recommendation = await write(c, input, (room, ctx, who, today) => {
      const content = orRefuse(checkNewRecommendation(ctx, { roundId: input['roundId'], title: input['title'], background: input['background'], challenge: input['challenge'], wayForward: input['wayForward'], stakeholderId: input['stakeholderId'], sourceRef: input['sourceRef'] }, today), 'invalid_recommendation');
      const id = orRefuse(
        add(room.doc, 'recommendation', { ...content, authorId: who.participantId, authorName: who.name, authorRole: who.role, authorLink: who.link, createdAt: new Date(now()).toISOString() }, CONSULT_ORIGIN),
        'invalid_recommendation',
      );
      return () => storedRecommendation(room, id);
    });
    return c.json({ recommendation }, 201);
  });

  app.put('/:id/recommendations/:rid/reaction', limit, read, async (c) => {
    const input = fieldsOf(await readJson(c));
    const rid = c.req.param('rid');
    const reaction = await write(c, input, (room, ctx, who, today) => {
      if (!who.participantId) throw new ApiError(400, 'participant_required', 'Support and questions are counted per person: send your participant id (X-Participant).');
      const rec = recommendationOf(room.doc, rid);
      requireOpenRound(ctx, rec, today);
      const checked = orRefuse(checkReaction({ kind: input['kind'], text: input['text'] }), 'invalid_reaction');
      const mine = reactionOf(reactionsOf(room.doc, rid), rid, { link: who.link, participantId: who.participantId });
      if (!mine && ctx.reactions.length >= CONSULT_PLAN_LIMITS.reactions) throw new ApiError(400, 'invalid_reaction', `A plan holds at most ${CONSULT_PLAN_LIMITS.reactions} reactions.`);
      const fields = { kind: checked.kind, text: checked.text, authorName: who.name, authorRole: who.role, createdAt: new Date(now()).toISOString() };
      let id: string;
      if (mine) {
        id = mine.id;
        room.doc.transact(() => {
          for (const [k, v] of Object.entries(fields)) setField(room.doc, 'reaction', mine.id, k, v, CONSULT_ORIGIN);
        }, CONSULT_ORIGIN);
      } else {
        id = orRefuse(add(room.doc, 'reaction', { ...fields, recommendationId: rid, authorId: who.participantId, authorLink: who.link }, CONSULT_ORIGIN), 'invalid_reaction');
      }
      return () => readOne<Reaction>(room.doc, ENTITIES.reaction, id)!;
    });
    return c.json({ reaction });
  });

  app.delete('/:id/recommendations/:rid/reaction', read, async (c) => {
    const rid = c.req.param('rid');
    const removed = await write(c, {}, (room, ctx, who, today) => {
      if (!who.participantId) throw new ApiError(400, 'participant_required', 'Support and questions are counted per person: send your participant id (X-Participant).');
      const rec = recommendationOf(room.doc, rid);
      requireOpenRound(ctx, rec, today);
      const mine = reactionOf(reactionsOf(room.doc, rid), rid, { link: who.link, participantId: who.participantId });
      if (mine) room.doc.transact(() => reactionsMap(room.doc).delete(mine.id), CONSULT_ORIGIN);
      return () => mine !== undefined;
    });
    return c.json({ removed });
  });

  app.post('/:id/recommendations/:rid/promote', limit, facilitate, async (c) => {
    const input = fieldsOf(await readJson(c));
    const rid = c.req.param('rid');
    const result = await write(c, input, (room, _ctx, who) => {
      const rec = recommendationOf(room.doc, rid);
      const target = orRefuse(parsePromotion({ to: input['to'], outputId: input['outputId'] }), 'invalid_promotion');
      // Only the nodes the rule looks at are read: what the recommendation became, and the output.
      const node = (id: string | null) => (id ? readNodeItem(room.doc, id) : null);
      const lists: Pick<PlanData, 'goals' | 'activities' | 'outputs'> = { goals: [], activities: [], outputs: [] };
      for (const found of [node(rec.promotedId), target.to === 'activity' ? node(target.outputId) : null]) {
        if (found) (lists[found.def.list as 'goals' | 'activities' | 'outputs'] as unknown[])?.push(found.item);
      }
      orRefuse(checkPromotion(lists, rec, target), 'invalid_promotion');
      const texts = promotedTexts(rec);
      let nodeId = '';
      room.doc.transact(() => {
        nodeId = orRefuse(
          target.to === 'goal'
            ? addNode(room.doc, { kind: 'goal', title: texts.title, fields: { status: 'candidate' } }, CONSULT_ORIGIN)
            : addNode(room.doc, { kind: 'activity', parentId: target.outputId, title: texts.title }, CONSULT_ORIGIN),
          'invalid_promotion',
        );
        setText(room.doc, { kind: 'node', id: nodeId, field: target.to === 'goal' ? 'objective' : 'result' }, texts.body, CONSULT_ORIGIN);
        const map = findEntity(room.doc, ENTITIES.recommendation, rid)!;
        map.set('promotedKind', target.to);
        map.set('promotedId', nodeId);
        map.set('promotedBy', who.name);
        map.set('promotedAt', new Date(now()).toISOString());
      }, CONSULT_ORIGIN);
      return () => ({ recommendation: storedRecommendation(room, rid), nodeId });
    });
    return c.json(result, 201);
  });
  return app;
}
