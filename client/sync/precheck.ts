import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FrameBatch } from './after-paint.js';
import { gateStateOf } from '../../shared/commands/stages.js';
import { putOf } from '../../shared/rules/put-of.js';
import { checkChange, incomplete, type Change, type GateState, type Refusal, type RefusalWords, type Writer } from '../../shared/rules/update-gate.js';
import { fmt, loadNamespaces, t } from '../i18n.js';

/** The namespaces a gate refusal is worded from (L25): loaded only when one is shown, never on the first screen. */
export const GATE_NAMESPACES = ['gate', 'diff'] as const;

/** Loads the words of gate refusals ({@link GATE_NAMESPACES}); resolves (never rejects) once done or failed: English remains. */
export function loadGateWords(): Promise<void> {
  return loadNamespaces(GATE_NAMESPACES).catch(() => undefined);
}

/** A refusal's parameters for the reader: the place and field named in their language, numbers formatted. */
function wordedParams(params: RefusalWords['params'] = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number') out[k] = fmt.number(v);
    else if (k === 'place') out[k] = t(`gate:places.${v}`, { defaultValue: v });
    else if (k === 'field') out[k] = t(`diff:field.${v}`, { defaultValue: v });
    else out[k] = v;
  }
  return out;
}

/**
 * A gate refusal's reason in the reader's language (L25): `gate:<rule>.<code>_<variant>` with the
 * refusal's parameters where the browser found it (`words`), else `gate:<rule>.<code>` (all a
 * server close `<rule> <code>` carries), else the gate's English sentence (`english`: a rule this
 * catalogue does not know, or the words not loaded).
 */
export function gateReason(rule: string, code: string, english: string, words?: RefusalWords): string {
  const base = t(`gate:${rule}.${code}`, { defaultValue: english });
  return words ? t(`gate:${rule}.${code}_${words.variant}`, { ...wordedParams(words.params), defaultValue: base }) : base;
}

/**
 * The browser's side of the update gate (SPEC G1, G3-G9): before a local change leaves for the
 * server, it is judged by the same shared rules (`checkChange`) the server applies, so a
 * change the server would refuse (closing the connection with 4422) is never sent and the
 * person is told why instead. G2, G10 and G11 depend on what only the server knows (its
 * clocks, the stored size, other connections) and stay the server's alone.
 */

/** `[root, key, ...]` of a type in the doc, or null when it sits inside a list (no plan place). */
function typePath(type: Y.AbstractType<unknown>): string[] | null {
  const keys: string[] = [];
  for (let t: Y.AbstractType<unknown> = type; ; ) {
    const item = t._item;
    if (item === null) return [Y.findRootTypeKey(t), ...keys.reverse()];
    if (item.parentSub === null) return null;
    keys.push(item.parentSub);
    t = item.parent as Y.AbstractType<unknown>;
  }
}

/**
 * The changes one applied transaction made, as the gate describes them (`Change` in
 * shared/rules/update-gate.ts), read from the doc right after it: each map key set or
 * removed, and each text written into with its length afterwards. Content placed inside a
 * list (no plan place) is a refusal (G2: the server cannot place it).
 */
export function transactionChanges(tr: Y.Transaction): Change[] | Refusal {
  const changes: Change[] = [];
  const texts = new Map<Y.AbstractType<unknown>, { path: string[]; plain: boolean }>();
  const touchText = (type: Y.AbstractType<unknown>, path: string[], plain: boolean) => {
    const t = texts.get(type);
    if (t) t.plain &&= plain;
    else texts.set(type, { path, plain });
  };
  const store = tr.doc.store;
  // New items: every struct past each client's clock before the transaction.
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    const list = store.clients.get(client);
    if (!list || after <= before) continue;
    for (let i = Y.findIndexSS(list, Math.min(before, after - 1)); i < list.length; i++) {
      const item = list[i];
      if (!(item instanceof Y.Item)) continue;
      const parent = item.parent as Y.AbstractType<unknown> | null;
      const path = parent && typePath(parent);
      if (!parent || !path) return incomplete('content inside a list');
      if (item.parentSub !== null) {
        const at = [...path, item.parentSub];
        changes.push(item.deleted ? { op: 'delete', path: at, inText: false } : { op: 'set', path: at, put: putOf(item.content) });
      } else if (!item.deleted) {
        // Characters (or anything else) put into a text; already-removed ones count for nothing.
        touchText(parent, path, item.content instanceof Y.ContentString);
      }
    }
  }
  // Removals of items that existed before the transaction.
  tr.deleteSet.clients.forEach((ranges, client) => {
    const before = tr.beforeState.get(client) ?? 0;
    const list = store.clients.get(client);
    if (!list) return;
    for (const r of ranges) {
      const end = Math.min(r.clock + r.len, before);
      for (let i = r.clock < end ? Y.findIndexSS(list, r.clock) : list.length; i < list.length && list[i]!.id.clock < end; i++) {
        const s = list[i]!;
        const parent = s instanceof Y.Item ? (s.parent as Y.AbstractType<unknown> | null) : null;
        const path = parent && typePath(parent);
        if (!(s instanceof Y.Item) || !parent || !path) continue;
        if (s.parentSub !== null) changes.push({ op: 'delete', path: [...path, s.parentSub], inText: false });
        else {
          changes.push({ op: 'delete', path, inText: true });
          touchText(parent, path, true);
        }
      }
    }
  });
  for (const [type, t] of texts) changes.push({ op: 'insert', path: t.path, length: type._length, plain: t.plain });
  return changes;
}

/** Judges one applied local transaction as the server would: null, or the first refusal. */
export function precheckTransaction(writer: Writer, state: GateState, tr: Y.Transaction): Refusal | null {
  const changes = transactionChanges(tr);
  if (!Array.isArray(changes)) return changes;
  for (const change of changes) {
    const refused = checkChange(writer, state, change);
    if (refused) return refused;
  }
  return null;
}

/** What a refusal found before sending means for the person. */
export function precheckText(refusal: Refusal): string {
  return t('shell:refusals.precheck', { rule: refusal.rule, reason: gateReason(refusal.rule, refusal.code, refusal.message, refusal.words) });
}

/**
 * Puts the gate between the doc and the provider: every transaction `isLocal` accepts is
 * judged before the provider sends its update. The first refused one is not sent, nor is
 * anything after it (this device's copy no longer matches what the server would accept);
 * `onRefused` is called once with the refusal. `writer` is read at each change (null: writes
 * are not judged here, e.g. an observer, whose writes the server drops). With `afterPaint`, an
 * accepted update is sent after the frame that shows it, merged with the others of that frame
 * (SPEC MP7; what was accepted before a refusal is sent first). Returns the uninstall function,
 * whose `flush()` sends what is held at once. Relies on the stock provider sending through
 * `_updateHandler` on the doc's `update` event.
 */
export function guardSending(
  provider: WebsocketProvider,
  writer: () => Writer | null,
  isLocal: (origin: unknown) => boolean,
  onRefused: (refusal: Refusal) => void,
  opts: { afterPaint?: boolean } = {},
): (() => void) & { flush(): void } {
  const doc = provider.doc;
  const stateBefore = new WeakMap<Y.Transaction, GateState>();
  const before = (tr: Y.Transaction) => stateBefore.set(tr, gateStateOf(doc));
  const send = provider._updateHandler;
  const batch = opts.afterPaint ? new FrameBatch(send, Y.mergeUpdates) : null;
  let refused: Refusal | null = null;
  const guarded = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (!refused && origin !== provider && isLocal(origin)) {
      const w = writer();
      refused = w && precheckTransaction(w, stateBefore.get(tr) ?? gateStateOf(doc), tr);
      if (refused) {
        batch?.flush();
        onRefused(refused);
      }
    }
    if (refused) return;
    // The provider's own updates (from another tab) are never sent back: held or not, send skips them.
    if (batch && origin !== provider) batch.add(update, origin);
    else send(update, origin);
  };
  doc.on('beforeTransaction', before);
  doc.off('update', send);
  doc.on('update', guarded);
  // The stock provider's field is typed with two parameters; the doc's `update` event passes four.
  provider._updateHandler = guarded as typeof send;
  const uninstall = () => {
    batch?.flush();
    doc.off('beforeTransaction', before);
    doc.off('update', guarded);
    provider._updateHandler = send;
    doc.on('update', send);
  };
  return Object.assign(uninstall, { flush: () => batch?.flush() });
}
