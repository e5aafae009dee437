import { GROUPS, type Group } from './schema/types.js';

/**
 * Live presence (y-protocols awareness) as Roundtable shares it, and the rules both sides
 * apply to it: the browser before it shows a state (PR2), the server before it accepts one
 * (PR1-PR3, see `server/sync/presence-guard.ts`). Pure: no DOM, no node.
 */

/** What each person shares through awareness: who they are and what they are looking at. */
export interface PresenceState {
  user: { id: string; name: string; color: string; group: Group | null };
  /** The view they have open, e.g. "Goals and scoring". */
  view: string;
  /** What they are editing right now, e.g. "plan title"; '' when nothing. */
  focus: string;
}

/** Limits of presence (SPEC PR1-PR3). */
export const PRESENCE_LIMITS = {
  /** Longest encoded (JSON) state of one client, in UTF-16 code units (PR1). */
  maxStateChars: 2048,
  /** Longest participant id (PR2). */
  maxIdLength: 64,
  /** Longest display name (PR2). */
  maxNameLength: 80,
  /** Longest view or focus label (PR2). */
  maxLabelLength: 200,
  /** Awareness client ids one connection may introduce (PR3). */
  maxClientsPerConnection: 4,
} as const;

/** A colour as `#rrggbb` (PR2): the only colour form presence may carry. */
export const PRESENCE_COLOUR_RE = /^#[0-9a-fA-F]{6}$/;

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const KEYS = new Set(['user', 'view', 'focus']);
const USER_KEYS = new Set(['id', 'name', 'color', 'group']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, keys: Set<string>) => Object.keys(v).every((k) => keys.has(k));
const label = (v: unknown) => typeof v === 'string' && v.length <= PRESENCE_LIMITS.maxLabelLength;

/**
 * PR2: a presence state is well shaped when it is exactly `{ user: { id, name, color, group },
 * view, focus }` with an id of 1-64 URL-safe characters, a name of 1-80 characters without
 * control characters, a `#rrggbb` colour, a known group or null, and view/focus strings of at
 * most 200 characters. Returns the state typed, or null for anything else.
 */
export function parsePresence(state: unknown): PresenceState | null {
  if (!isRecord(state) || !onlyKeys(state, KEYS) || !isRecord(state.user) || !onlyKeys(state.user, USER_KEYS)) return null;
  const { id, name, color, group } = state.user;
  if (typeof id !== 'string' || !ID_RE.test(id)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > PRESENCE_LIMITS.maxNameLength || /[\u0000-\u001f\u007f]/.test(name)) return null;
  if (typeof color !== 'string' || !PRESENCE_COLOUR_RE.test(color)) return null;
  if (group !== null && !(GROUPS as readonly unknown[]).includes(group)) return null;
  if (!label(state.view) || !label(state.focus)) return null;
  return { user: { id, name, color, group: group as Group | null }, view: state.view as string, focus: state.focus as string };
}

/**
 * PR1: one client's encoded state (the JSON string y-protocols sends) is acceptable when it is
 * at most `maxStateChars` long and is `null` (a removal), `{}` (the stock client's state
 * before it says who it is) or a well-shaped state (PR2).
 */
export function acceptablePresenceJson(json: string): boolean {
  if (json.length > PRESENCE_LIMITS.maxStateChars) return false;
  if (json === 'null' || json === '{}') return true;
  try {
    return parsePresence(JSON.parse(json)) !== null;
  } catch {
    return false;
  }
}
