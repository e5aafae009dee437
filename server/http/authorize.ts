import type { Context, MiddlewareHandler } from 'hono';
import { can, type Right } from '../../shared/access.js';
import type { Actor } from '../access/audit.js';
import { authorizePlanAccess, bearerToken, isAdminToken, type AccessDenial } from '../access/auth.js';
import type { AppEnv } from './deps.js';
import { ApiError } from './errors.js';
import { actorName } from './request.js';

/** What each right lets a person do, for 403 messages. */
const RIGHT_TEXT: Record<Right, string> = {
  read: 'open this plan',
  write: 'change this plan',
  snapshot: 'take snapshots or fork this plan',
  manageVersions: 'endorse, change, delete or restore snapshots',
  facilitate: 'manage invite links or read the audit trail',
};

/** The HTTP refusal of a denied plan access. */
function denialError(denial: AccessDenial, planId: string, token: string | null): ApiError {
  if (denial === 'invalid_id') return new ApiError(400, 'invalid_id', 'A plan id is 1 to 64 letters, digits, "-" or "_".');
  if (denial === 'plan_not_found') return new ApiError(404, 'plan_not_found', `There is no plan with id "${planId}".`, { params: { planId } });
  return new ApiError(
    401,
    'unauthorized',
    token ? 'This link is not valid for this plan: the token is wrong or has been revoked.' : 'Open this plan with its invite link: send its token as "Authorization: Bearer <token>".',
    token ? { params: { context: 'revoked' } } : {},
  );
}

/** The bearer token of a request, or null. */
export const callerToken = (c: Context): string | null => bearerToken(c.req.header('authorization'));

/**
 * Middleware for `/api/plans/:id/...`: runs {@link authorizePlanAccess} (400 invalid_id,
 * 404 plan_not_found, 401 unauthorized) and requires the grant's role to have `right`
 * (403 forbidden). Sets `planId`, `grant`, `role` and `actor` on the context.
 */
export function requireRight(right: Right): MiddlewareHandler<AppEnv> {
  return async function requireRight(c, next) {
    const planId = c.req.param('id') ?? '';
    const token = callerToken(c);
    const decided = await authorizePlanAccess(c.var.deps, planId, token, actorName(c));
    if (!decided.ok) throw denialError(decided.denial, planId, token);
    const { grant } = decided;
    if (!can(grant.role, right)) throw new ApiError(403, 'forbidden', `Your link is an ${grant.role} link: it cannot ${RIGHT_TEXT[right]}.`, { params: { context: right, role: grant.role } });
    c.set('planId', planId);
    c.set('grant', grant);
    c.set('role', grant.role);
    c.set('actor', grant.actor);
    await next();
  };
}

/** Whether the request carries the instance admin token. */
export const isAdminCaller = (c: Context<AppEnv>): boolean => isAdminToken(c.var.deps.config.adminToken, callerToken(c));

/**
 * Who may create a plan: anyone unless ADMIN_TOKEN is set, then only the admin token holder
 * (else 401 unauthorized).
 */
export function creatorOf(c: Context<AppEnv>): Actor {
  if (isAdminCaller(c)) return { role: 'admin', linkId: null, name: actorName(c) };
  if (c.var.deps.config.adminToken) throw new ApiError(401, 'unauthorized', 'Creating plans on this server needs the instance admin token.', { params: { context: 'admin' } });
  return { role: 'anyone', linkId: null, name: actorName(c) };
}
