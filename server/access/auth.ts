import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from './audit.js';
import type { AccessStore } from './access-store.js';
import type { Role } from '../../shared/access.js';

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
  access: AccessStore,
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
