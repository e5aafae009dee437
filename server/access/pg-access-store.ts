import type pg from 'pg';
import { ROLES, type Role } from '../../shared/access.js';
import { linkInfo, newLinks, presentedHash, type Link, type LinkInfo, type LinkStore } from './access-store.js';

interface LinkRow {
  id: string;
  role: Role;
  hash: string;
  created_at: Date;
  revoked_at: Date | null;
  label: string;
}

const COLUMNS = 'id, role, hash, created_at, revoked_at, label';
const toLink = (r: LinkRow): Link => ({
  id: r.id,
  role: r.role,
  hash: r.hash,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  label: r.label,
});

/**
 * Invite links in PostgreSQL (table `plan_links`, migration step 2), used when DATABASE_URL is
 * set. Nothing is cached: every check reads the database (one indexed lookup by plan and token
 * hash), so a revocation holds at once for every request. Issuing several links is one
 * statement, so either all of them exist or none.
 */
export class PgAccessStore implements LinkStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Issues one new link per role given, labelled `label`, and returns their tokens (shown once). */
  async issue(planId: string, roles: readonly Role[] = ROLES, label = ''): Promise<Record<Role, { linkId: string; token: string }>> {
    const { links, issued } = newLinks(roles, label);
    await this.insert(planId, links);
    return issued;
  }

  /** The live link a token belongs to, or null (unknown, malformed or revoked). */
  async resolve(planId: string, token: string | undefined | null): Promise<Link | null> {
    const hash = presentedHash(token);
    if (!hash) return null;
    const { rows } = await this.pool.query<LinkRow>(`SELECT ${COLUMNS} FROM plan_links WHERE plan_id = $1 AND hash = $2 AND revoked_at IS NULL LIMIT 1`, [planId, hash]);
    return rows[0] ? toLink(rows[0]) : null;
  }

  /** Every link of a plan, newest first, without hashes. */
  async list(planId: string): Promise<LinkInfo[]> {
    return (await this.exportLinks(planId)).map(linkInfo).reverse();
  }

  /** Revokes a link; returns it, or null when there is no such live link. */
  async revoke(planId: string, linkId: string): Promise<LinkInfo | null> {
    const { rows } = await this.pool.query<LinkRow>(
      `UPDATE plan_links SET revoked_at = $3 WHERE plan_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [planId, linkId, new Date()],
    );
    return rows[0] ? linkInfo(toLink(rows[0])) : null;
  }

  /** Nothing is cached. */
  forget(): void {}

  /** Every link of a plan with its hash, oldest first. */
  async exportLinks(planId: string): Promise<Link[]> {
    const { rows } = await this.pool.query<LinkRow>(`SELECT ${COLUMNS} FROM plan_links WHERE plan_id = $1 ORDER BY n`, [planId]);
    return rows.map(toLink);
  }

  /** Adds links as they are, in one statement; ids the plan already has are skipped. */
  async importLinks(planId: string, links: readonly Link[]): Promise<void> {
    await this.insert(planId, links);
  }

  private async insert(planId: string, links: readonly Link[]): Promise<void> {
    if (links.length === 0) return;
    await this.pool.query(
      `INSERT INTO plan_links (plan_id, id, role, hash, created_at, revoked_at, label)
       SELECT $1, l.id, l.role, l.hash, l.created_at, l.revoked_at, l.label
       FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[]) WITH ORDINALITY AS l (id, role, hash, created_at, revoked_at, label, o)
       ORDER BY l.o
       ON CONFLICT (plan_id, id) DO NOTHING`,
      [planId, links.map((l) => l.id), links.map((l) => l.role), links.map((l) => l.hash), links.map((l) => l.createdAt), links.map((l) => l.revokedAt), links.map((l) => l.label ?? '')],
    );
  }
}
