import * as Y from 'yjs';
import { initPlan } from '../../shared/model.js';
import type { Identity } from '../../client/state/identity.js';
import { Workspace } from '../../client/state/workspace.js';
import type { PlanStoreOptions } from '../../client/state/plan-store.js';

/** A plan doc as the server creates it, and a workspace on it for `name` (no provider). */
export function localWorkspace(name = 'Ana', opts: { doc?: Y.Doc; committee?: Identity['committee']; facilitator?: boolean; store?: PlanStoreOptions } = {}): Workspace {
  const doc = opts.doc ?? new Y.Doc();
  if (!opts.doc) initPlan(doc, { id: 'plan-1', title: 'National POA on M&D' });
  const ws = new Workspace(doc, { id: `p-${name.toLowerCase()}`, name, group: 'government', committee: opts.committee ?? 'none' }, null, { facilitator: opts.facilitator ?? false, store: opts.store });
  ws.ensureParticipant();
  return ws;
}

/** Mounts an element in the document and waits for its first render. */
export async function mount<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T): Promise<T> {
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** Waits until the plan store has announced every change (lagging values wait for 600 ms of quiet and an idle moment; at most 10 s) and the element has re-rendered. */
export async function settle(el: { updateComplete: Promise<boolean>; ws?: Workspace | null }): Promise<void> {
  const start = Date.now();
  // The render that follows a change may itself start a lagging value's refresh (a budget that
  // took 4 ms or more, as it does on a cold first run): wait again until a render leaves none.
  do {
    await Promise.resolve();
    while (el.ws?.store.pending && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  } while (el.ws?.store.pending && Date.now() - start < 10_000);
}

/** Two docs joined in memory: every update of one is applied to the other with origin 'remote'. */
export function link(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'remote');
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
}
