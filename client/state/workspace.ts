import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { ROOT } from '../../shared/schema/roots.js';
import { addParticipant } from '../../shared/commands/participants.js';
import { localOrigin, type Origin } from '../../shared/schema/origins.js';
import { readPlan } from '../../shared/schema/read.js';
import { parsePresence, PRESENCE_LIMITS, type CaretState, type PresenceState } from '../../shared/presence.js';
import { colourFor, type Identity } from './identity.js';
import { PlanStore, type PlanStoreOptions } from './plan-store.js';
import { keepOwnDeliverableTexts } from '../../shared/commands/stages.js';

export type { PresenceState } from '../../shared/presence.js';

/** A label cut to what presence may carry (SPEC PR2). */
const presenceLabel = (s: string) => s.slice(0, PRESENCE_LIMITS.maxLabelLength);

/** One person present on the plan (from awareness). */
export interface Presence extends PresenceState {
  clientId: number;
  self: boolean;
}

/**
 * Everything a component needs to show and change one plan: the doc (only ever written through
 * shared commands), the shared projection, the person's origin (one object, so the undo manager
 * can track exactly their changes) and presence.
 */
export class Workspace {
  readonly doc: Y.Doc;
  readonly store: PlanStore;
  readonly identity: Identity;
  /** Origin of every undoable change this person makes. Always this same object. */
  readonly origin: Origin;
  /** Origin of bookkeeping writes (joining the register) that undo must not revert. */
  readonly quietOrigin: Origin;
  readonly undo: Y.UndoManager;
  readonly awareness: Awareness | null;
  /** Stops restoring this person's words into a deliverable a concurrent start replaced (ST5). */
  private readonly stopKeepingTexts: () => void;
  /**
   * True for an observer (or a snapshot opened read-only): views show everything but offer no
   * way to change it. The server drops an observer's writes anyway; this keeps the page honest.
   */
  readonly readonly: boolean;
  /**
   * True when this person's link may facilitate: only they may record the committees' agreement,
   * agreed scores and facilitator settings (the server's gate refuses them from anyone else).
   */
  readonly facilitator: boolean;

  constructor(doc: Y.Doc, identity: Identity, awareness: Awareness | null = null, opts: { readonly?: boolean; facilitator?: boolean; store?: PlanStoreOptions } = {}) {
    this.doc = doc;
    this.readonly = opts.readonly ?? false;
    this.facilitator = !this.readonly && (opts.facilitator ?? false);
    this.identity = identity;
    this.origin = localOrigin(identity.id);
    this.quietOrigin = localOrigin(identity.id);
    this.store = new PlanStore(doc, opts.store);
    this.awareness = awareness;
    this.stopKeepingTexts = this.readonly ? () => {} : keepOwnDeliverableTexts(doc, this.quietOrigin);
    const roots = Object.values(ROOT).map((name) => doc.getMap(name));
    this.undo = new Y.UndoManager(roots, { trackedOrigins: new Set([this.origin]), captureTimeout: 600 });
    const name = identity.name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, PRESENCE_LIMITS.maxNameLength) || '?';
    awareness?.setLocalState({
      user: { id: identity.id, name, color: colourFor(identity.id), group: identity.group },
      view: '',
      focus: '',
    } satisfies PresenceState);
  }

  /**
   * Adds this person to the plan's participant register if they are not in it yet, so their
   * scores count. Returns false when that was refused.
   */
  ensureParticipant(): boolean {
    if (this.readonly) return true;
    const plan = this.store.plan;
    if (plan.participants.some((p) => p.id === this.identity.id)) return true;
    const r = addParticipant(
      this.doc,
      { id: this.identity.id, name: this.identity.name, group: this.identity.group, committee: this.identity.committee },
      this.quietOrigin,
    );
    return r.ok;
  }

  /** Shares what this person is looking at (view) or editing (focus). */
  setPresence(patch: Partial<Pick<PresenceState, 'view' | 'focus'>>): void {
    const a = this.awareness;
    if (!a) return;
    const cur = a.getLocalState() as PresenceState | null;
    if (!cur) return;
    if ((patch.view === undefined || patch.view === cur.view) && (patch.focus === undefined || patch.focus === cur.focus)) return;
    a.setLocalState({
      ...cur,
      ...(patch.view === undefined ? {} : { view: presenceLabel(patch.view) }),
      ...(patch.focus === undefined ? {} : { focus: presenceLabel(patch.focus) }),
    });
  }

  /** Shares where this person's caret and selection are in a text (SPEC PR10), or null when they left it. */
  setCaret(caret: CaretState | null): void {
    const a = this.awareness;
    const cur = a?.getLocalState() as PresenceState | null | undefined;
    if (!a || !cur) return;
    if (caret === null && !cur.caret) return;
    // The same caret again (a keyup after the input that moved it) sends nothing (SPEC PP1).
    if (caret && cur.caret && caret.text === cur.caret.text && JSON.stringify(caret) === JSON.stringify(cur.caret)) return;
    a.setLocalState({ ...cur, caret });
  }

  /**
   * Everyone present, this person first. Only well-shaped states count (SPEC PR2): a state
   * with a colour that is not `#rrggbb`, an overlong name or unknown keys is not shown.
   */
  people(): Presence[] {
    const a = this.awareness;
    if (!a) return [];
    const out: Presence[] = [];
    for (const [clientId, state] of a.getStates()) {
      const s = parsePresence(state);
      if (s) out.push({ clientId, self: clientId === a.clientID, ...s });
    }
    return out.sort((x, y) => Number(y.self) - Number(x.self) || x.user.name.localeCompare(y.user.name));
  }

  destroy(): void {
    this.stopKeepingTexts();
    this.undo.destroy();
    this.store.destroy();
  }
}

/** A plain snapshot of the doc (re-exported for tests that need one outside a store). */
export const snapshotOf = (doc: Y.Doc) => readPlan(doc);
