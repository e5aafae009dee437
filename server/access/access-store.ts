import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { newId } from '../../shared/ids.js';
import type { PlanFolders } from '../store/storage.js';
import { ROLES, type Role } from '../../shared/access.js';

/** One invite link. Only the SHA-256 of its token is stored. */
export interface Link {
  id: string;
  role: Role;
  /** hex SHA-256 of the token */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
  /** Who the link is for, set by the facilitator when issuing it ("for the Ministry of Labour"); absent in older files. */
  label?: string;
}

/** Longest link label, in characters. */
export const MAX_LINK_LABEL = 120;

interface AccessFile {
  version: 1;
  links: Link[];
}

/** A link as shown to facilitators (never the hash). */
export type LinkInfo = Omit<Link, 'hash'>;

/** 24 random bytes = 192 bits, base64url. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Hex SHA-256 of a token: what access.json stores instead of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Plans whose links an AccessStore keeps in memory by default. */
export const DEFAULT_MAX_CACHED_PLANS = 1_000;

/** Token shape accepted at the boundary (base64url, 16 to 128 characters). */
const TOKEN_RE = /^[A-Za-z0-9_-]{16,128}$/;

/** The hash to look a presented token up by, or null for a missing or malformed token. */
export function presentedHash(token: string | undefined | null): string | null {
  return token && TOKEN_RE.test(token) ? hashToken(token) : null;
}

/** New links, one per role, labelled `label` ('' for none), and their tokens (shown once; only the hash is kept in the link). */
export function newLinks(roles: readonly Role[], label = ''): { links: Link[]; issued: Record<Role, { linkId: string; token: string }> } {
  const links: Link[] = [];
  const issued = {} as Record<Role, { linkId: string; token: string }>;
  for (const role of roles) {
    const token = newToken();
    const link: Link = { id: newId(12), role, hash: hashToken(token), createdAt: new Date().toISOString(), revokedAt: null, label };
    links.push(link);
    issued[role] = { linkId: link.id, token };
  }
  return { links, issued };
}

/** A link without its hash, as facilitators see it ('' label for links issued before labels). */
export const linkInfo = ({ hash: _h, ...info }: Link): LinkInfo => ({ ...info, label: info.label ?? '' });

/**
 * The invite links of every plan: in `<plan>/access.json` ({@link AccessStore}) or in
 * PostgreSQL (`PgAccessStore`, when DATABASE_URL is set). Tokens are returned once, at issue
 * time, and stored only as hashes; a revoked link stays listed with its revocation time.
 */
export interface LinkStore {
  /** Issues one new link per role given, labelled `label` ('' for none), and returns their tokens (shown once). */
  issue(planId: string, roles?: readonly Role[], label?: string): Promise<Record<Role, { linkId: string; token: string }>>;
  /** The live link a token belongs to, or null (unknown, malformed or revoked). */
  resolve(planId: string, token: string | undefined | null): Promise<Link | null>;
  /** Every link of a plan, newest first, without hashes. */
  list(planId: string): Promise<LinkInfo[]>;
  /** Revokes a link; returns it, or null when there is no such live link. */
  revoke(planId: string, linkId: string): Promise<LinkInfo | null>;
  /** Drops what is cached of a plan's links (after the plan was deleted, or its creation failed). */
  forget(planId: string): void;
  /** Every link of a plan with its hash, oldest first (for moving plans between stores). */
  exportLinks(planId: string): Promise<Link[]>;
  /** Adds links as they are (hash, dates, revocation), oldest first; ids the plan has are skipped. */
  importLinks(planId: string, links: readonly Link[]): Promise<void>;
}

/**
 * Invite links per plan in `<plan>/access.json` (lowdb). Tokens are returned once, at issue
 * time, and stored only as hashes; a revoked link stays listed (with its revocation time) so
 * the audit trail can name it. The links of at most `maxCached` plans are kept in memory, least
 * recently used dropped first (they are read again from disk when needed), so a server with
 * many plans, or someone probing plan ids, cannot grow memory without bound.
 */
export class AccessStore implements LinkStore {
  private readonly cache = new Map<string, Promise<Low<AccessFile>>>();

  constructor(
    private readonly plans: Pick<PlanFolders, 'dir'>,
    /** Plans whose links are kept in memory (least recently used dropped first). */
    private readonly maxCached = DEFAULT_MAX_CACHED_PLANS,
  ) {}

  /** Plans whose links are in memory now. */
  get cachedPlans(): number {
    return this.cache.size;
  }

  private db(planId: string): Promise<Low<AccessFile>> {
    let p = this.cache.get(planId);
    if (p) {
      // Most recently used goes last: Map keeps insertion order.
      this.cache.delete(planId);
      this.cache.set(planId, p);
    } else {
      const db = new Low<AccessFile>(new JSONFile<AccessFile>(path.join(this.plans.dir(planId), 'access.json')), { version: 1, links: [] });
      p = db.read().then(() => db);
      p.catch(() => this.cache.delete(planId));
      this.cache.set(planId, p);
      while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  /** Drops a plan's cached links (after the plan was deleted, or its creation failed). */
  forget(planId: string): void {
    this.cache.delete(planId);
  }

  /** Issues one new link per role given (each with `label`, '' for none) and returns their tokens (shown once). */
  async issue(planId: string, roles: readonly Role[] = ROLES, label = ''): Promise<Record<Role, { linkId: string; token: string }>> {
    const db = await this.db(planId);
    const { links, issued } = newLinks(roles, label);
    db.data.links.push(...links);
    await db.write();
    return issued;
  }

  /** The live link a token belongs to, or null (unknown, malformed or revoked). */
  async resolve(planId: string, token: string | undefined | null): Promise<Link | null> {
    const hash = presentedHash(token);
    if (!hash) return null;
    const db = await this.db(planId);
    return db.data.links.find((l) => l.hash === hash && l.revokedAt === null) ?? null;
  }

  /** Every link of a plan, newest first, without hashes. */
  async list(planId: string): Promise<LinkInfo[]> {
    const db = await this.db(planId);
    return db.data.links.map(linkInfo).reverse();
  }

  /** Revokes a link; returns it, or null when there is no such live link. */
  async revoke(planId: string, linkId: string): Promise<LinkInfo | null> {
    const db = await this.db(planId);
    const link = db.data.links.find((l) => l.id === linkId && l.revokedAt === null);
    if (!link) return null;
    link.revokedAt = new Date().toISOString();
    await db.write();
    return linkInfo(link);
  }

  /** Every link of a plan with its hash, oldest first. */
  async exportLinks(planId: string): Promise<Link[]> {
    return (await this.db(planId)).data.links.map((l) => ({ ...l }));
  }

  /** Adds links as they are; ids the plan already has are skipped. */
  async importLinks(planId: string, links: readonly Link[]): Promise<void> {
    const db = await this.db(planId);
    const have = new Set(db.data.links.map((l) => l.id));
    db.data.links.push(...links.filter((l) => !have.has(l.id)).map((l) => ({ ...l })));
    await db.write();
  }
}
