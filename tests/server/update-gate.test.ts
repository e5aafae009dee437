import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
  addCriterion,
  addIndicator,
  addNode,
  addParticipant,
  addRequirement,
  addReview,
  addSection,
  archiveNode,
  archiveSection,
  clearAgreedScore,
  clearScore,
  moveCriterion,
  moveNode,
  moveSection,
  readPlan,
  removeRequirement,
  restoreNode,
  setActivityReport,
  setAgreedScore,
  setCriteriaAgreement,
  setGoalStatus,
  setIndicatorField,
  setIndicatorReading,
  setNodeField,
  setParticipantField,
  setPlanField,
  setScore,
  setText,
  updateRequirement,
} from '../../shared/model.js';
import { CLOSE } from '../../shared/protocol.js';
import { metaMap, nodesMap, scoresMap, agreedMap, criteriaMap, sectionsMap } from '../../shared/schema/roots.js';
import type { Role } from '../../shared/access.js';
import type { Config } from '../../server/config.js';
import type { RunningServer } from '../../server/server.js';
import { readSyncFrame, SYNC, syncStep1Frame, syncUpdateFrame } from '../../server/sync/frames.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

/**
 * The update gate against the real server (SPEC G1-G10): each attack of issue 12 is a crafted
 * update built with Yjs and sent on a raw websocket with a real link; a stock provider watches.
 * A refused update closes its connection with 4422; an accepted one is followed by the answer to
 * a sync step 1 sent after it. Then an honest facilitator edit is the barrier for the watcher,
 * and a fresh provider shows what the server holds.
 */

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ME = { source: 'local', userId: 'tester' } as const;
const GOAL = 'g1';
const CRIT = 'crit-national-priority';

async function boot(overrides: Partial<Config> = {}): Promise<{ server: RunningServer; id: string; fac: WebsocketProvider; watcher: WebsocketProvider }> {
  const dir = tempDir();
  const server = await startTestServer(dir, overrides);
  cleanups.push(() => removeDir(dir), () => server.close());
  const id = await createPlan(server);
  const fac = provider(server, id, 'facilitator', { participant: 'pFac' });
  const watcher = provider(server, id, 'observer');
  await Promise.all([waitSynced(fac), waitSynced(watcher)]);
  expect(addParticipant(fac.doc, { id: 'pFac', name: 'Fatou' }, ME).ok).toBe(true);
  expect(addParticipant(fac.doc, { id: 'pEd', name: 'Edem' }, ME).ok).toBe(true);
  expect(addNode(fac.doc, { kind: 'goal', id: GOAL, title: 'Diaspora investment' }, ME).ok).toBe(true);
  await waitFor(() => readPlan(watcher.doc).goals.length === 1, 'the goal reaches the watcher');
  return { server, id, fac, watcher };
}

function provider(server: RunningServer, id: string, role: Role, params: Record<string, string> = {}): WebsocketProvider {
  const p = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, role), params);
  cleanups.push(() => p.destroy());
  return p;
}

/**
 * Sends one crafted update as `role` on a raw websocket and resolves with the close code, or 0
 * when the server handled it and kept the connection. `craft` gets a copy of the
 * server's state (from the watcher) and returns the update to send.
 */
async function attack(
  ctx: { server: RunningServer; id: string; fac: WebsocketProvider; watcher: WebsocketProvider },
  role: Role,
  craft: (base: Y.Doc) => Uint8Array,
  participant = 'pEd',
): Promise<number> {
  const base = new Y.Doc();
  Y.applyUpdate(base, Y.encodeStateAsUpdate(ctx.watcher.doc));
  const update = craft(base);
  const url = `${syncUrl(ctx.server)}/${ctx.id}?token=${tokenFor(ctx.id, role)}&participant=${participant}`;
  const ws = new WebSocket(url);
  cleanups.push(() => ws.terminate());
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve) => ws.once('message', () => resolve())); // joined: the server's step 1
  // Frames of one socket are handled in order: the answer to a step 1 sent after the update
  // means the update was handled and the connection kept.
  const answered = new Promise<number>((resolve) =>
    ws.on('message', (data: Buffer) => {
      if (readSyncFrame(new Uint8Array(data))?.step === SYNC.step2) resolve(0);
    }),
  );
  ws.send(syncUpdateFrame(update));
  ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
  const code = await Promise.race([closed, answered]);
  await barrier(ctx);
  return code;
}

let tick = 0;
/** An honest facilitator edit, awaited at the watcher: everything relayed before it has arrived. */
async function barrier(ctx: { fac: WebsocketProvider; watcher: WebsocketProvider }): Promise<void> {
  const n = (tick = (tick % 99) + 1);
  metaMap(ctx.fac.doc).set('handful', n);
  await waitFor(() => metaMap(ctx.watcher.doc).get('handful') === n, 'the barrier edit reaches the watcher');
}

/** The changes `change` makes to a copy of `base`, as one update. */
function changed(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, sv);
}

/** What a newcomer is served now. */
async function served(ctx: { server: RunningServer; id: string }): Promise<Y.Doc> {
  const p = provider(ctx.server, ctx.id, 'observer');
  await waitSynced(p);
  return p.doc;
}

describe('update gate (real server, crafted updates, stock watcher)', () => {
  it('[G3] an editor cannot write the lock flags, even with a write that sorts before the agreed value', async () => {
    const ctx = await boot();
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => metaMap(d).set('criteriaAgreedByImc', true)))).toBe(CLOSE.refusedUpdate);
    setCriteriaAgreement(ctx.fac.doc, 'imc', true, ME);
    await waitFor(() => readPlan(ctx.watcher.doc).criteriaAgreedByImc, 'the facilitator agrees');
    const sortsBefore = () => {
      const crafted = new Y.Doc();
      crafted.clientID = 1; // lowest client id, no origin: its item sorts before the facilitator's
      metaMap(crafted).set('criteriaAgreedByImc', false);
      return Y.encodeStateAsUpdate(crafted);
    };
    expect(await attack(ctx, 'editor', sortsBefore)).toBe(CLOSE.refusedUpdate);
    expect(readPlan(ctx.watcher.doc).criteriaAgreedByImc).toBe(true);
    expect(readPlan(await served(ctx)).criteriaAgreedByImc).toBe(true);
  });

  it('[G2] deferred deletions of the facilitator\'s future items are refused; the facilitator\'s next edits stay', async () => {
    const ctx = await boot();
    const facClient = ctx.fac.doc.clientID;
    const deferred = (b: Y.Doc) => {
      // Play the facilitator's next 500 clock ticks in a copy, delete them, send only the deletions.
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(b));
      d.clientID = facClient; // after loading: Yjs picks a new id when a loaded update uses its own
      const sv = Y.encodeStateVector(d);
      const t = new Y.Text('x'.repeat(500));
      sectionsMap(d).set('bg-trends-ghost', t);
      sectionsMap(d).delete('bg-trends-ghost');
      const full = Y.decodeUpdate(Y.encodeStateAsUpdate(d, sv));
      expect(full.ds.clients.get(facClient)?.length).toBeGreaterThan(0);
      return Y.encodeStateAsUpdate(d, Y.encodeStateVector(d)); // no structs, the whole delete set
    };
    expect(await attack(ctx, 'editor', deferred)).toBe(CLOSE.refusedUpdate);
    // The facilitator's next items (at exactly those clocks) arrive and stay.
    expect(setText(ctx.fac.doc, { kind: 'section', id: 'bg-trends', field: 'body' }, 'Remittances grew by a third.', ME).ok).toBe(true);
    expect(addNode(ctx.fac.doc, { kind: 'goal', id: 'g2', title: 'Skills partnerships' }, ME).ok).toBe(true);
    await waitFor(() => readPlan(ctx.watcher.doc).goals.length === 2, 'the new goal reaches the watcher');
    const plan = readPlan(await served(ctx));
    expect(plan.sections.find((s) => s.id === 'bg-trends')?.body).toBe('Remittances grew by a third.');
    expect(plan.goals.map((g) => g.id).sort()).toEqual([GOAL, 'g2']);
  });

  it('[G5] locked criteria cannot be edited, archived or added to by an editor', async () => {
    const ctx = await boot();
    setCriteriaAgreement(ctx.fac.doc, 'imc', true, ME);
    setCriteriaAgreement(ctx.fac.doc, 'ncc', true, ME);
    await waitFor(() => readPlan(ctx.watcher.doc).criteriaAgreedByNcc, 'locked');
    const title = (d: Y.Doc) => (criteriaMap(d).get(CRIT) as Y.Map<unknown>).get('title') as Y.Text;
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => title(d).insert(0, 'Not ')))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => (criteriaMap(d).get(CRIT) as Y.Map<unknown>).set('archived', true)))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => criteriaMap(d).set('crit-new', new Y.Map())))).toBe(CLOSE.refusedUpdate);
    const plan = readPlan(await served(ctx));
    expect(plan.criteria.map((c) => c.id)).not.toContain('crit-new');
    expect(plan.criteria.find((c) => c.id === CRIT)).toMatchObject({ archived: false });
    expect(plan.criteria.find((c) => c.id === CRIT)!.title.startsWith('Not ')).toBe(false);
  });

  it('[G6][G7][G8] score cells: only one\'s own, only 0/1/2; agreed scores only by a facilitator and in domain', async () => {
    const ctx = await boot();
    const cell = (p: string) => `${GOAL}:${CRIT}:${p}`;
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => scoresMap(d).set(cell('pFac'), { value: 0 })))).toBe(CLOSE.refusedUpdate);
    // Naming the facilitator's participant in the URL does not help: the facilitator's link claimed it first.
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => scoresMap(d).set(cell('pFac'), { value: 0 })), 'pFac')).toBe(CLOSE.refusedUpdate);
    for (const value of [99, -5, 1e15]) {
      expect(await attack(ctx, 'editor', (b) => changed(b, (d) => scoresMap(d).set(cell('pEd'), { value })))).toBe(CLOSE.refusedUpdate);
    }
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => agreedMap(d).set(`${GOAL}:${CRIT}`, { value: 2 })))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'facilitator', (b) => changed(b, (d) => agreedMap(d).set(`${GOAL}:${CRIT}`, { value: 7 })), 'pFac')).toBe(CLOSE.refusedUpdate);
    // Honest writes pass: the editor's own cell, the facilitator's agreed score.
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => setScore(d, { goalId: GOAL, criterionId: CRIT, participantId: 'pEd', value: 2 }, ME)))).toBe(0);
    expect(setAgreedScore(ctx.fac.doc, { goalId: GOAL, criterionId: CRIT, value: 1 }, ME).ok).toBe(true);
    await waitFor(() => readPlan(ctx.watcher.doc).agreedScores.length === 1, 'the agreed score reaches the watcher');
    const plan = readPlan(await served(ctx));
    expect(plan.scores).toEqual([{ goalId: GOAL, criterionId: CRIT, participantId: 'pEd', value: 2 }]);
    expect(plan.agreedScores).toEqual([{ goalId: GOAL, criterionId: CRIT, value: 1 }]);
  });

  it('[G1][G4][G9] unknown roots and keys, the server\'s own keys and over-long texts are refused', async () => {
    const ctx = await boot();
    const refusedAll = [
      (b: Y.Doc) => changed(b, (d) => d.getMap('evil').set('x', 'y'.repeat(1000))),
      (b: Y.Doc) => changed(b, (d) => metaMap(d).set('unknownKey', 1)),
      (b: Y.Doc) => changed(b, (d) => (criteriaMap(d).get(CRIT) as Y.Map<unknown>).set('colour', 'red')),
      (b: Y.Doc) => changed(b, (d) => metaMap(d).set('schemaVersion', 999)),
      (b: Y.Doc) => changed(b, (d) => (metaMap(d).get('title') as Y.Text).insert(0, 'x'.repeat(150_000))),
    ];
    for (const craft of refusedAll) expect(await attack(ctx, 'facilitator', craft, 'pFac')).toBe(CLOSE.refusedUpdate);
    const doc = await served(ctx);
    expect(doc.share.has('evil')).toBe(false);
    expect(metaMap(doc).has('unknownKey')).toBe(false);
    expect(metaMap(doc).get('schemaVersion')).toBe(1);
    expect(readPlan(doc).title).toBe('Test plan');
  });

  it('[G8][I1][I3] IATI codes outside the official codelists are refused by the real server; listed ones pass', async () => {
    const ctx = await boot();
    const goal = (d: Y.Doc) => nodesMap(d).get(GOAL) as Y.Map<unknown>;
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => goal(d).set('dacSectors', ['00000'])))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => goal(d).set('sdgTargets', ['10.99'])))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => metaMap(d).set('reportingOrgType', '77')))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => goal(d).set('dacSectors', ['15190'])))).toBe(0);
    expect(readPlan(await served(ctx)).goals[0]!.dacSectors).toEqual(['15190']);
    expect(readPlan(await served(ctx)).reportingOrgType).toBeNull();
  });

  it('[G10] an update that would grow the plan past MAX_PLAN_BYTES is refused; smaller ones still pass', async () => {
    const ctx = await boot({ maxPlanBytes: 120_000 });
    const body = (d: Y.Doc) => (sectionsMap(d).get('bg-trends') as Y.Map<unknown>).get('body') as Y.Text;
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => body(d).insert(0, 'x'.repeat(150_000))))).toBe(CLOSE.refusedUpdate);
    expect(await attack(ctx, 'editor', (b) => changed(b, (d) => body(d).insert(0, 'short and fine')))).toBe(0);
    expect(readPlan(await served(ctx)).sections.find((s) => s.id === 'bg-trends')?.body).toBe('short and fine');
  });

  it('[G1][G6][G8] honest commands of every kind pass the gate, and everyone converges', async () => {
    const ctx = await boot();
    const ed = provider(ctx.server, ctx.id, 'editor', { participant: 'pEd' });
    await waitSynced(ed);
    let closed = 0;
    ed.on('connection-close', (e: { code: number } | null) => (closed = e?.code ?? -1));
    const d = ed.doc;
    const ok = (r: { ok: boolean }) => expect(r).toMatchObject({ ok: true });
    ok(setParticipantField(d, 'pEd', 'organisation', 'Diaspora council', ME));
    ok(addCriterion(d, { id: 'c5', title: 'Costs little', description: 'cheap' }, ME));
    ok(moveCriterion(d, 'c5', 0, ME));
    ok(setText(d, { kind: 'criterion', id: 'c5', field: 'title' }, 'Costs very little', ME));
    ok(addNode(d, { kind: 'outcome', id: 'o1', parentId: GOAL, title: 'More investment' }, ME));
    ok(addNode(d, { kind: 'output', id: 'op1', parentId: 'o1', title: 'A fund' }, ME));
    ok(addNode(d, { kind: 'activity', id: 'a1', parentId: 'op1', title: 'Design the fund' }, ME));
    ok(addNode(d, { kind: 'activity', id: 'a2', parentId: 'op1', title: 'Launch the fund' }, ME));
    ok(setNodeField(d, 'a1', 'budget', { amount: 125_000, currency: 'XOF' }, ME));
    ok(setNodeField(d, 'a2', 'dependencies', [{ activityId: 'a1', type: 'chronological' }], ME));
    ok(setNodeField(d, 'a1', 'start', '2027-01-15', ME));
    ok(setText(d, { kind: 'node', id: 'a1', field: 'risks' }, 'Currency risk', ME));
    ok(moveNode(d, 'a2', { parentId: 'op1', index: 0 }, ME));
    ok(archiveNode(d, 'a2', ME));
    ok(restoreNode(d, 'a2', ME));
    ok(setGoalStatus(d, GOAL, 'selected', ME));
    ok(addRequirement(d, GOAL, { id: 'r1', kind: 'other', description: 'A law' }, ME));
    ok(updateRequirement(d, GOAL, 'r1', { description: 'A decree' }, ME));
    ok(addRequirement(d, GOAL, { id: 'r2', kind: 'other' }, ME));
    ok(removeRequirement(d, GOAL, 'r2', ME));
    ok(addIndicator(d, { id: 'i1', nodeId: 'o1', name: 'Invested amount' }, ME));
    ok(setIndicatorField(d, 'i1', 'target', { value: 1e6, date: '2030-12-31' }, ME));
    ok(addReview(d, { id: 'rv1', kind: 'yearly', label: '2027' }, ME));
    ok(setActivityReport(d, 'rv1', 'a1', { expenditure: { amount: 5_000, currency: 'XOF' }, progress: 'Started' }, ME));
    ok(setIndicatorReading(d, 'rv1', 'i1', { value: 20_000 }, ME));
    ok(addSection(d, { id: 'an9', part: 'annex', title: 'Fund statutes' }, ME));
    ok(moveSection(d, 'an9', 0, ME));
    ok(setText(d, { kind: 'section', id: 'an9', field: 'body' }, 'Article 1.', ME));
    ok(archiveSection(d, 'an9', ME));
    ok(setPlanField(d, 'horizonEnd', '2031-12-31', ME)); // not the stage: only a facilitator moves it (ST2, tests/server/stage-gate.test.ts)
    ok(setText(d, { kind: 'plan', field: 'title' }, 'Test plan 2027', ME));
    ok(setScore(d, { goalId: GOAL, criterionId: CRIT, participantId: 'pEd', value: 1, note: 'depends on the fund' }, ME));
    ok(setScore(d, { goalId: GOAL, criterionId: 'c5', participantId: 'pEd', value: 2 }, ME));
    ok(clearScore(d, GOAL, 'c5', 'pEd', ME));
    await waitFor(() => readPlan(ctx.fac.doc).criteria.some((c) => c.id === 'c5'), 'the facilitator has the new criterion');
    ok(setAgreedScore(ctx.fac.doc, { goalId: GOAL, criterionId: 'c5', value: 2 }, ME));
    ok(clearAgreedScore(ctx.fac.doc, GOAL, 'c5', ME));
    ok(setAgreedScore(ctx.fac.doc, { goalId: GOAL, criterionId: CRIT, value: 2 }, ME));
    ok(setCriteriaAgreement(ctx.fac.doc, 'imc', true, ME));
    ok(setCriteriaAgreement(ctx.fac.doc, 'ncc', true, ME));
    ok(setCriteriaAgreement(ctx.fac.doc, 'ncc', false, ME));
    const want = JSON.stringify(readPlan(ed.doc));
    await waitFor(() => JSON.stringify(readPlan(ctx.watcher.doc)) === JSON.stringify(readPlan(ed.doc)), 'the watcher converges');
    expect(closed).toBe(0);
    expect(JSON.stringify(readPlan(await served(ctx)))).toBe(JSON.stringify(readPlan(ed.doc)));
    expect(readPlan(ed.doc).title).toBe('Test plan 2027');
    expect(want).toContain('Fund statutes');
  });
});
