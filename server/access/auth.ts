import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from './audit.js';
import type { LinkStore } from './access-store.js';
import type { Role } from '../../shared/access.js';
import { isId } from '../../shared/ids.js';
import type { Config } from '../config.js';
import type { PlanStorage } from '../store/storage.js';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares a presented token with the instance admin token in constant time. */
export function isAdminToken(adminToken: string | null, token: string | null): boolean {
  if (!adminToken || !token) return false;
  return timingSafeEqual(digest(adminToken), digest(token));
}

/** Who a token makes the caller on one plan. */
export interface Grant {
  role: Role;
  actor: Actor;
}

/** Longest pseudonym kept in the audit trail. */
const MAX_NAME = 80;

/** A pseudonym from a header or query value: printable, trimmed, at most 80 characters. */
export function cleanName(raw: string | undefined | null): string {
  return (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_NAME);
}

/**
 * Resolves a token for a plan: the instance admin token grants facilitator rights on every
 * plan; an invite link grants its role. Null for a missing, wrong or revoked token.
 */
export async function grantFor(
  access: LinkStore,
  adminToken: string | null,
  planId: string,
  token: string | null,
  name: string,
): Promise<Grant | null> {
  if (isAdminToken(adminToken, token)) return { role: 'facilitator', actor: { role: 'admin', linkId: null, name } };
  const link = await access.resolve(planId, token);
  if (!link) return null;
  return { role: link.role, actor: { role: link.role, linkId: link.id, name } };
}

/** What deciding access to a plan needs (both AppDeps and the sync deps have it). */
export interface AccessGate {
  store: Pick<PlanStorage, 'has'>;
  access: LinkStore;
  config: Pick<Config, 'adminToken'>;
}

/** Why access to a plan was refused: a malformed id, an unknown plan, or a missing/wrong/revoked token. */
export type AccessDenial = 'invalid_id' | 'plan_not_found' | 'unauthorized';

/** The outcome of {@link authorizePlanAccess}. */
export type PlanAccess = { ok: true; grant: Grant } | { ok: false; denial: AccessDenial };

/**
 * The first, synchronous half of {@link authorizePlanAccess}: why `planId` names no plan here
 * (malformed id or unknown plan), or null when it does. The websocket runs it before counting a
 * connection against its address's cap, so an unknown plan is always refused with 4404.
 */
export function planDenial(gate: Pick<AccessGate, 'store'>, planId: string): 'invalid_id' | 'plan_not_found' | null {
  if (!isId(planId)) return 'invalid_id';
  if (!gate.store.has(planId)) return 'plan_not_found';
  return null;
}

/**
 * The one access check for a plan, used by every HTTP plan route and by the sync websocket:
 * the id must be well formed, the plan must exist, and the token must be the instance admin
 * token or a live invite link of this plan. `name` is the caller's pseudonym for the trail.
 */
export async function authorizePlanAccess(gate: AccessGate, planId: string, token: string | null, name: string): Promise<PlanAccess> {
  const denial = planDenial(gate, planId);
  if (denial) return { ok: false, denial };
  const grant = await grantFor(gate.access, gate.config.adminToken, planId, token, name);
  return grant ? { ok: true, grant } : { ok: false, denial: 'unauthorized' };
}
