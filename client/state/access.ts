/**
 * The invite links this browser holds, kept in localStorage: per plan, the token of each role
 * it was given (facilitator, editor, observer), a token whose role is not known yet (just opened
 * from a link), and what the home page shows (title, last change, role). Nothing here talks to
 * the server: `api.ts` reads the tokens from here to send the strongest one held.
 */

import { ROLES, can, type Role } from '../../shared/access.js';
import { labelsOf } from '../labels.js';

/** Roles an invite link can carry (shared with the server, which enforces them). */
export { ROLES, type Role };

/** Each role's name in the reader's language (read when shown). */
export const ROLE_LABELS: Record<Role, string> = labelsOf('shell:role.', ROLES);

/** What this browser remembers about one plan. */
export interface HeldPlan {
  id: string;
  title: string;
  tokens: Partial<Record<Role, string>>;
  /** A token from a link just opened, role not yet confirmed by the server. */
  pending: string | null;
  /** The role the server last confirmed for the strongest token. */
  role: Role | null;
  updatedAt: string | null;
  /** When this browser last opened or added it (ISO). */
  seenAt: string;
}

const KEY = 'roundtable.access';
const TOKEN_RE = /^[A-Za-z0-9_-]{16,128}$/;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Every plan held, keyed by id (unreadable or malformed entries are dropped). */
export function loadAll(store: Storage | null = storage()): Record<string, HeldPlan> {
  try {
    const raw = store?.getItem(KEY);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as Record<string, Partial<HeldPlan>>;
    const out: Record<string, HeldPlan> = {};
    for (const [id, v] of Object.entries(parsed ?? {})) {
      if (!ID_RE.test(id) || typeof v !== 'object' || v === null) continue;
      const tokens: Partial<Record<Role, string>> = {};
      for (const r of ROLES) {
        const t = v.tokens?.[r];
        if (typeof t === 'string' && TOKEN_RE.test(t)) tokens[r] = t;
      }
      out[id] = {
        id,
        title: typeof v.title === 'string' ? v.title : '',
        tokens,
        pending: typeof v.pending === 'string' && TOKEN_RE.test(v.pending) ? v.pending : null,
        role: (ROLES as readonly unknown[]).includes(v.role) ? (v.role as Role) : null,
        updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : null,
        seenAt: typeof v.seenAt === 'string' ? v.seenAt : new Date(0).toISOString(),
      };
    }
    return out;
  } catch {
    return {};
  }
}

function saveAll(all: Record<string, HeldPlan>, store: Storage | null = storage()): void {
  try {
    store?.setItem(KEY, JSON.stringify(all));
  } catch {
    /* private mode or quota: links last for this page only */
  }
}

/** The plans held, most recently seen first. */
export function heldPlans(store: Storage | null = storage()): HeldPlan[] {
  return Object.values(loadAll(store)).sort((a, b) => b.seenAt.localeCompare(a.seenAt));
}

export function heldPlan(planId: string, store: Storage | null = storage()): HeldPlan | null {
  return loadAll(store)[planId] ?? null;
}

/** Changes (or creates) what is held for one plan. */
export function updateHeld(planId: string, change: (p: HeldPlan) => void, store: Storage | null = storage()): HeldPlan {
  const all = loadAll(store);
  const p = all[planId] ?? { id: planId, title: '', tokens: {}, pending: null, role: null, updatedAt: null, seenAt: new Date().toISOString() };
  change(p);
  all[planId] = p;
  saveAll(all, store);
  return p;
}

/** Forgets a plan in this browser (its links stay valid on the server). */
export function forgetPlan(planId: string, store: Storage | null = storage()): void {
  const all = loadAll(store);
  delete all[planId];
  saveAll(all, store);
}

/** Forgets one token (wrong or revoked); the plan stays listed while other tokens remain. */
export function dropToken(planId: string, token: string, store: Storage | null = storage()): void {
  updateHeld(
    planId,
    (p) => {
      for (const r of ROLES) if (p.tokens[r] === token) delete p.tokens[r];
      if (p.pending === token) p.pending = null;
      if (strongest(p) === null) p.role = null;
    },
    store,
  );
}

/** The most powerful known token held for a plan (a pending one only when nothing else is held). */
export function strongest(p: HeldPlan | null): { token: string; role: Role | null } | null {
  if (!p) return null;
  for (const r of ROLES) {
    const t = p.tokens[r];
    if (t) return { token: t, role: r };
  }
  return p.pending ? { token: p.pending, role: null } : null;
}

/** The token of a page URL such as `<origin>/plans/<id>?token=<token>`, with the plan id. */
export function parseInvite(text: string, base = typeof location !== 'undefined' ? location.origin : 'http://localhost'): { planId: string; token: string } | null {
  let url: URL;
  try {
    url = new URL(text.trim(), base);
  } catch {
    return null;
  }
  const m = /^\/plans\/([A-Za-z0-9_-]{1,64})\/?$/.exec(url.pathname);
  const token = url.searchParams.get('token');
  if (!m || !token || !TOKEN_RE.test(token)) return null;
  return { planId: m[1]!, token };
}

/** Stores the tokens of a create / import / fork answer (`links` carry `?token=`). */
export function holdLinks(body: { id: string; title?: string; updatedAt?: string; links: Partial<Record<Role, string>> }, store: Storage | null = storage()): HeldPlan {
  return updateHeld(
    body.id,
    (p) => {
      for (const r of ROLES) {
        const link = body.links[r];
        const parsed = link ? parseInvite(link) : null;
        if (parsed && parsed.planId === body.id) p.tokens[r] = parsed.token;
      }
      if (body.title) p.title = body.title;
      if (body.updatedAt) p.updatedAt = body.updatedAt;
      p.role = strongest(p)?.role ?? null;
      p.seenAt = new Date().toISOString();
    },
    store,
  );
}

/**
 * On a plan page opened as `/plans/<id>?token=...`: keeps the token (role to be confirmed) and
 * removes it from the address bar so it is not left in history, bookmarks or screenshots.
 * Returns the token taken, or null.
 */
export function takeTokenFromUrl(planId: string, loc: Location = location, hist: History = history): string | null {
  const url = new URL(loc.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
  if (!TOKEN_RE.test(token)) return null;
  updateHeld(planId, (p) => {
    if (!ROLES.some((r) => p.tokens[r] === token)) p.pending = token;
    p.seenAt = new Date().toISOString();
  });
  return token;
}

/** Records the role the server confirmed for a token, and what the plan is called. */
export function confirmToken(planId: string, token: string, info: { role: Role; title?: string; updatedAt?: string }, store: Storage | null = storage()): HeldPlan {
  return updateHeld(
    planId,
    (p) => {
      p.tokens[info.role] = token;
      if (p.pending === token) p.pending = null;
      if (info.title !== undefined) p.title = info.title;
      if (info.updatedAt !== undefined) p.updatedAt = info.updatedAt;
      p.role = strongest(p)?.role ?? info.role;
      p.seenAt = new Date().toISOString();
    },
    store,
  );
}

/** "Role hierarchy" checks the UI uses (the server enforces them). */
export const canWrite = (r: Role | null) => r !== null && can(r, 'write');
export const canFacilitate = (r: Role | null) => r !== null && can(r, 'facilitate');
