import type * as Y from 'yjs';
import { placeText, placeWords, watchConflicts, type Conflict, type PlaceWords } from '../../shared/domain/conflicts.js';
import { valueText } from '../../shared/domain/diff.js';
import { fail, type Result } from '../../shared/result.js';
import { setField, type MapEntity } from '../../shared/commands/entity.js';
import { setPlanField, type PlanField } from '../../shared/commands/meta.js';
import { setScore, setAgreedScore } from '../../shared/commands/scores.js';
import { parsePresence } from '../../shared/presence.js';
import { api } from './api-routes.js';
import { loadNamespaces, t } from '../i18n.js';
import { diffFormat } from '../diff-text.js';
import type { Workspace } from './workspace.js';

/** How many Yjs client ids of this browser are remembered per plan (CF3). */
export const MAX_REMEMBERED_CLIENTS = 32;
/** Notices kept at once; older ones drop off. */
export const MAX_NOTICES = 20;

/** Who wrote a value: this person, someone named by presence or the field history, or nobody known. */
export type Writer = { you: true } | { name: string } | { someone: true };

/**
 * One conflict as the page tells it (CF5). The place, the writers and the values are kept as data
 * and worded in the reader's language each time they are read (L70), so a language switch re-words
 * a notice already shown.
 */
export interface ConflictNotice {
  key: number;
  conflict: Conflict;
  /** Where, as data. */
  where: PlaceWords;
  /** Whose value was kept / dropped. */
  kept: Writer;
  lost: Writer;
  /** Where, in the plan's terms and the reader's language. */
  readonly place: string;
  /** Whose value was kept / dropped, in the reader's language ("you", a name, "someone else"). */
  readonly keptBy: string;
  readonly lostBy: string;
  /** The two values, as the diff shows them, in the reader's language. */
  readonly keptText: string;
  readonly lostText: string;
  /** True when the value shown now is this person's. */
  mineKept: boolean;
  /** When this page learnt of it. */
  at: Date;
}

function writerText(w: Writer): string {
  if ('name' in w) return w.name;
  return 'you' in w ? t('diff:conflict.you') : t('diff:conflict.someone');
}

/** A notice whose texts are read in the reader's language when shown. */
function notice(key: number, conflict: Conflict, where: PlaceWords, kept: Writer, lost: Writer, mineKept: boolean): ConflictNotice {
  return {
    key,
    conflict,
    where,
    kept,
    lost,
    mineKept,
    at: new Date(),
    get place() {
      return placeText(this.where, t, diffFormat);
    },
    get keptBy() {
      return writerText(this.kept);
    },
    get lostBy() {
      return writerText(this.lost);
    },
    get keptText() {
      return this.conflict.kept.known ? valueText(this.conflict.kept.value, t, diffFormat) : t('diff:conflict.unknown');
    },
    get lostText() {
      return this.conflict.lost.known ? valueText(this.conflict.lost.value, t, diffFormat) : t('diff:conflict.notHere');
    },
  };
}

const storageKey = (planId: string) => `roundtable.clients.${planId}`;

/**
 * The Yjs client ids this browser wrote with for `planId` (this page's included): a page gets a
 * new client id on every load, and an offline edit made before a reload is still the person's.
 * Bounded to {@link MAX_REMEMBERED_CLIENTS}; unreadable storage remembers this page only.
 */
export function rememberClient(planId: string, clientId: number, storage: Storage | null = safeStorage()): Set<number> {
  let list: number[] = [];
  try {
    const raw = JSON.parse(storage?.getItem(storageKey(planId)) ?? '[]') as unknown;
    if (Array.isArray(raw)) list = raw.filter((x): x is number => Number.isSafeInteger(x));
  } catch {
    list = [];
  }
  list = [...list.filter((x) => x !== clientId), clientId].slice(-MAX_REMEMBERED_CLIENTS);
  try {
    storage?.setItem(storageKey(planId), JSON.stringify(list));
  } catch {
    /* storage full or blocked: this page alone */
  }
  return new Set(list);
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The conflict notices of one workspace (CF3, CF5): watches the doc for conflicts that concern
 * this browser's clients, names both writers (this person as "you", others by the name in their
 * presence, else "someone else"), and takes the other value on request (CF4).
 */
export class ConflictNotices {
  readonly notices: ConflictNotice[] = [];
  private readonly mine: Set<number>;
  private readonly stop: () => void;
  private next = 1;
  /** The `diff` messages (places, values, writers), loaded with the tracker (a notice waits for them: no raw key). */
  private readonly words: Promise<unknown>;

  constructor(
    private readonly ws: Workspace,
    private readonly planId: string,
    private readonly changed: () => void,
    /** Reads the server's field history (to name a writer presence does not know, and a value that arrived discarded). */
    private readonly history: typeof api.history = api.history,
  ) {
    this.mine = rememberClient(planId, ws.doc.clientID);
    this.words = loadNamespaces(['diff']).catch(() => undefined);
    this.stop = watchConflicts(ws.doc, (c) => this.isMine(c), (found) => this.add(found));
  }

  private isMine(client: number): boolean {
    return client === this.ws.doc.clientID || this.mine.has(client);
  }

  /** Who wrote with `client`: this person, the name in their presence, or someone not known. */
  private writerOf(client: number): Writer {
    if (this.isMine(client)) return { you: true };
    const state = parsePresence(this.ws.awareness?.getStates().get(client) ?? null);
    return state ? { name: state.user.name } : { someone: true };
  }

  private add(found: Conflict[]): void {
    const plan = this.ws.store.plan;
    for (const c of found) this.notices.unshift(notice(this.next++, c, placeWords(plan, c), this.writerOf(c.kept.client), this.writerOf(c.lost.client), this.isMine(c.kept.client)));
    this.notices.splice(MAX_NOTICES);
    void this.words.then(() => this.changed());
    for (const n of this.notices.slice(0, found.length)) void this.complete(n);
  }

  /** Fills in from the field history (FH2) a writer presence did not name and a value that arrived discarded. */
  private async complete(n: ConflictNotice): Promise<void> {
    const c = n.conflict;
    if (!c.entity || (!('someone' in n.kept) && !('someone' in n.lost) && c.lost.known)) return;
    try {
      const entries = await this.history(this.planId, { entity: c.entity, id: c.id, field: c.field, limit: 50 });
      const of = (client: number) => entries.find((e) => e.client === client);
      const kept = of(c.kept.client);
      const lost = of(c.lost.client);
      if ('someone' in n.kept && kept) n.kept = { name: kept.by.name };
      if ('someone' in n.lost && lost) n.lost = { name: lost.by.name };
      if (!c.lost.known && lost) c.lost = { client: c.lost.client, value: lost.to, known: true };
      await this.words;
      this.changed();
    } catch {
      /* offline or refused: the notice keeps what it knows */
    }
  }

  /** Drops a notice. */
  dismiss(key: number): void {
    const i = this.notices.findIndex((n) => n.key === key);
    if (i >= 0) this.notices.splice(i, 1);
    this.changed();
  }

  /** True when the dropped value can be taken back (known, and a field a shared command writes). */
  canTakeOther(n: ConflictNotice): boolean {
    return n.conflict.lost.known && !this.ws.readonly && n.conflict.entity !== null && (n.conflict.field !== null || n.conflict.entity === 'score' || n.conflict.entity === 'agreedScore');
  }

  /**
   * Writes the dropped value as an ordinary change of this person (CF4), through the shared
   * command of that field, and drops the notice when it was accepted.
   */
  takeOther(n: ConflictNotice): Result<void> {
    const c = n.conflict;
    const { doc, origin } = this.ws;
    const value = c.lost.value;
    const r = writeValue(doc, c, value, origin);
    if (r.ok) this.dismiss(n.key);
    return r;
  }

  /** Stops watching. */
  destroy(): void {
    this.stop();
  }
}

function writeValue(doc: Y.Doc, c: Conflict, value: unknown, origin: Workspace['origin']): Result<void> {
  const cell = (value ?? {}) as { value?: unknown; note?: unknown };
  if (c.entity === 'meta' && c.field) return setPlanField(doc, c.field as PlanField, value as never, origin);
  if (c.entity === 'score') {
    const [goalId = '', criterionId = '', participantId = ''] = c.id.split(':');
    return setScore(doc, { goalId, criterionId, participantId, value: Number(cell.value), ...(typeof cell.note === 'string' ? { note: cell.note } : {}) }, origin);
  }
  if (c.entity === 'agreedScore') {
    const [goalId = '', criterionId = ''] = c.id.split(':');
    return setAgreedScore(doc, { goalId, criterionId, value: Number(cell.value), ...(typeof cell.note === 'string' ? { note: cell.note } : {}) }, origin);
  }
  if (c.entity && c.field) return setField(doc, c.entity as MapEntity, c.id, c.field, value, origin);
  return fail('invalid', 'This value cannot be taken back from here; set it again where it is shown.');
}
