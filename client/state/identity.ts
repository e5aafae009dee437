import { COMMITTEES, GROUPS, type Committee, type Group } from '../../shared/schema/types.js';

/** Who is at the keyboard, kept in this browser (localStorage) across plans. */
export interface Identity {
  /** Stable participant id of this person in every plan they join. */
  id: string;
  name: string;
  group: Group | null;
  committee: Committee;
}

const KEY = 'roundtable.identity';

/** A fresh participant id (URL-safe, 16 characters). */
export function newParticipantId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'p' + Array.from(bytes, (b) => (b % 36).toString(36)).join('').slice(0, 15);
}

let pageId: string | null = null;

/**
 * The participant id of this page before the person has said who they are: the plan connection
 * is opened with it (the server binds a connection to one participant's score cells), and the
 * first-visit dialog gives it to the new identity, so no reconnect is needed.
 */
export function pageParticipantId(): string {
  return (pageId ??= newParticipantId());
}

/** The identity saved in this browser, or null on a first visit (or unreadable storage). */
export function loadIdentity(storage: Storage | null = safeStorage()): Identity | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Identity>;
    if (typeof v.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v.id) || typeof v.name !== 'string' || !v.name.trim()) return null;
    return {
      id: v.id,
      name: v.name.trim().slice(0, 80),
      group: (GROUPS as readonly unknown[]).includes(v.group) ? (v.group as Group) : null,
      committee: (COMMITTEES as readonly unknown[]).includes(v.committee) ? (v.committee as Committee) : 'none',
    };
  } catch {
    return null;
  }
}

/** Saves the identity in this browser (ignored when storage is unavailable). */
export function saveIdentity(identity: Identity, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(identity));
  } catch {
    /* private mode or quota: the identity lasts for this page only */
  }
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const PALETTE = ['#1f5fbf', '#b3261e', '#2e7d32', '#8e24aa', '#c75b00', '#00796b', '#ad1457', '#5d4037', '#3949ab', '#6d7f00'];

/** A colour for a person, stable for their id. */
export function colourFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export const GROUP_LABELS: Record<Group, string> = {
  government: 'Government',
  'civil-society': 'Civil society / NGO',
  diaspora: 'Diaspora or migrant association',
  'private-sector': 'Private sector',
  'development-partner': 'Development partner / donor',
  research: 'Research or statistics',
  'international-organisation': 'International organisation',
};

export const COMMITTEE_LABELS: Record<Committee, string> = {
  imc: 'Inter-ministerial committee (IMC)',
  ncc: 'National consultative committee (NCC)',
  none: 'Neither committee',
};
