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
  /** Where their caret and selection are in a text they are typing in (PR10); absent or null when none. */
  caret?: CaretState | null;
}

/** A place in a Y.Text that moves with the text (a Yjs relative position): after/before an item, or a text end. */
export interface CaretPos {
  /** The id `[client, clock]` of the character the position sticks to; null for an end of the text. */
  item: [number, number] | null;
  /** 0: sticks to the character after the place (or the end); -1: to the one before it (or the start). */
  assoc: 0 | -1;
}

/** A caret and selection in one collaborative text (PR10). */
export interface CaretState {
  /** Which text: `<kind>:<id>:<field>` as the text box names its reference (kind `plan` has an empty id). */
  text: string;
  anchor: CaretPos;
  head: CaretPos;
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
  /** Longest caret text key (PR10). */
  maxCaretKeyLength: 160,
  /** Awareness client ids one connection may introduce (PR3). */
  maxClientsPerConnection: 4,
} as const;

/** A colour as `#rrggbb` (PR2): the only colour form presence may carry. */
export const PRESENCE_COLOUR_RE = /^#[0-9a-fA-F]{6}$/;

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const KEYS = new Set(['user', 'view', 'focus', 'caret']);
const CARET_KEYS = new Set(['text', 'anchor', 'head']);
const POS_KEYS = new Set(['item', 'assoc']);
const CARET_TEXT_RE = /^[a-z]{1,20}:[A-Za-z0-9_-]{0,64}:[A-Za-z]{1,64}$/;
const USER_KEYS = new Set(['id', 'name', 'color', 'group']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, keys: Set<string>) => Object.keys(v).every((k) => keys.has(k));
const label = (v: unknown) => typeof v === 'string' && v.length <= PRESENCE_LIMITS.maxLabelLength;

/**
 * PR2: a presence state is well shaped when it is exactly `{ user: { id, name, color, group },
 * view, focus }` (and, PR10, optionally `caret`) with an id of 1-64 URL-safe characters, a name of 1-80 characters without
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
  const out: PresenceState = { user: { id, name, color, group: group as Group | null }, view: state.view as string, focus: state.focus as string };
  if ('caret' in state) {
    const caret = state.caret === null ? null : parseCaret(state.caret);
    if (caret === undefined) return null;
    out.caret = caret;
  }
  return out;
}

function parsePos(v: unknown): CaretPos | undefined {
  if (!isRecord(v) || !onlyKeys(v, POS_KEYS) || (v.assoc !== 0 && v.assoc !== -1)) return undefined;
  if (v.item === null) return { item: null, assoc: v.assoc };
  const item = v.item;
  if (!Array.isArray(item) || item.length !== 2) return undefined;
  const [client, clock] = item as unknown[];
  if (!Number.isInteger(client) || (client as number) < 0 || (client as number) > 0xffffffff) return undefined;
  if (!Number.isSafeInteger(clock) || (clock as number) < 0) return undefined;
  return { item: [client as number, clock as number], assoc: v.assoc };
}

/**
 * PR10: a caret is `{ text, anchor, head }`: `text` names a collaborative text as
 * `<kind>:<id>:<field>` (at most 160 characters), anchor and head are positions
 * `{ item: [client, clock] | null, assoc: 0 | -1 }` with a 32-bit client and a safe, non-negative
 * clock. Returns undefined for anything else.
 */
export function parseCaret(v: unknown): CaretState | undefined {
  if (!isRecord(v) || !onlyKeys(v, CARET_KEYS) || typeof v.text !== 'string' || v.text.length > PRESENCE_LIMITS.maxCaretKeyLength || !CARET_TEXT_RE.test(v.text)) return undefined;
  const anchor = parsePos(v.anchor);
  const head = parsePos(v.head);
  return anchor && head ? { text: v.text, anchor, head } : undefined;
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
