import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as cmd from '../../shared/model.js';
import { readPlan } from '../../shared/schema/read.js';
import { PlanProjection } from '../../shared/schema/projection.js';
import { budgetJsonPieces } from '../../shared/domain/budget.js';
import { JsonPieces, listJsonPieces } from '../../shared/domain/json-memo.js';
import { treeIndexOf } from '../../shared/domain/tree-memo.js';
import { derivedPieces } from '../../server/work/jobs.js';
import { JsonBody, PieceSender, PieceTable, SHARED_PIECE } from '../../server/work/json-parts.js';
import { HEAVY_DEFAULTS, HeavyWork } from '../../server/work/pool.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, rememberLinks, serverForTests, syncUrl, tokenFor } from '../helpers/test-server.js';
import { bigPlan } from './heavy-helpers.js';

const origin = { source: 'server', reason: 'test' } as const;

/** A plan of `n` activities, half with no budget, responsible party or dates (four issues each). */
function planOf(n: number): cmd.PlanData {
  const plan = bigPlan(n);
  plan.activities = plan.activities.map((a, i) => (i % 2 ? a : { ...a, budget: null, responsible: '', start: null, end: null, funding: null }));
  return plan;
}

describe('derived JSON by pieces (SPEC DK)', () => {
  it('[DK1] budget and issues as pieces: their concatenation is JSON.stringify; after one edit the long pieces are the same texts but one or two', () => {
    const doc = new Y.Doc();
    cmd.writePlan(doc, planOf(3000), origin);
    const projection = new PlanProjection(doc);
    const long = (pieces: string[]) => pieces.filter((p) => p.length >= SHARED_PIECE);
    let last: Record<string, string[]> = {};
    for (let step = 0; step < 6; step++) {
      const plan = projection.plan;
      const now: Record<string, string[]> = {};
      for (const name of ['budget', 'issues']) {
        const pieces = derivedPieces(name, plan);
        now[name] = pieces;
        const full = name === 'budget' ? cmd.rollupBudget(structuredClone(plan)) : { issues: cmd.validatePlan(structuredClone(plan)) };
        expect(pieces.join(''), `${name} step ${step}`).toBe(JSON.stringify(full));
        expect(long(pieces).length, name).toBeGreaterThan(10);
        if (step > 0) {
          const before = new Set(long(last[name]!));
          const fresh = long(pieces).filter((p) => !before.has(p));
          expect(fresh.length, `${name} step ${step}: new long pieces`).toBeLessThanOrEqual(2);
        }
      }
      last = now;
      const id = plan.activities[(step * 977) % plan.activities.length]!.id;
      cmd.setField(doc, 'activity', id, 'budget', step % 2 ? null : { amount: 1000 + step, currency: 'USD' }, origin);
    }
    // JsonPieces merges short text and keeps each piece it is given as it is.
    const out = new JsonPieces();
    out.text('{');
    out.text('"a":');
    listJsonPieces([{ x: 1 }, { x: 2 }], out);
    out.text('}');
    expect(out.done().join('')).toBe('{"a":[{"x":1},{"x":2}]}');
    expect(budgetJsonPieces(cmd.rollupBudget(cmd.readPlan(doc))).join('')).toBe(JSON.stringify(cmd.rollupBudget(readPlan(doc))));
    projection.destroy();
    doc.destroy();
  });

  it('[DK2] the thread sends each long piece once: the table rebuilds every value byte for byte, in step, and forgets what no value uses', () => {
    const gen = prng.create(4242);
    const sender = new PieceSender(40 * SHARED_PIECE);
    const table = new PieceTable();
    const pool = Array.from({ length: 30 }, (_, i) => `"${String(i).padStart(4, '0')}${'é€x'.repeat(SHARED_PIECE / 3 + prng.int32(gen, 0, 50))}"`);
    // What the table knows, as the test sees it from the messages: number and text.
    const known = new Map<number, string>();
    for (let step = 0; step < 300; step++) {
      const channel = `plan-${prng.int32(gen, 0, 3)}\u0000budget`;
      const pieces: string[] = [];
      for (let i = prng.int32(gen, 0, 12); i > 0; i--) {
        pieces.push(prng.bool(gen) ? prng.oneOf(gen, pool) : `,${prng.int32(gen, 0, 999)},`);
        // Now and then a new long text (an edited run).
        if (prng.int32(gen, 0, 9) === 0) pool[prng.int32(gen, 0, pool.length - 1)] = `"${step}-${'y'.repeat(SHARED_PIECE + prng.int32(gen, 0, 99))}"`;
      }
      const message = sender.send(channel, pieces);
      const body = table.read(message);
      expect(body.text()).toBe(pieces.join(''));
      expect(body.bytes).toBe(Buffer.byteLength(pieces.join('')));
      // A long text the table still holds is never sent again; short ones always go as text.
      const held = new Set(known.values());
      for (const [id, text] of message.added) {
        expect(held.has(text), `step ${step}: sent twice`).toBe(false);
        known.set(id, text);
      }
      for (const r of message.refs) if (typeof r === 'string') expect(r.length).toBeLessThan(SHARED_PIECE);
      for (const id of message.dropped) known.delete(id);
      expect(table.size).toBe(sender.shared);
      expect(table.size).toBe(known.size);
    }
    // The bound holds: at most about 40 long pieces are shared at once.
    expect(sender.shared).toBeLessThanOrEqual(40 + 12);
    // A number the table does not know is an error that says so, never wrong bytes.
    expect(() => table.read({ refs: [987654], added: [], dropped: [] })).toThrow(/out of step/);
    expect(JsonBody.of('{"a":"é"}').bytes).toBe(10);
  });

  it('[DK4] issues after each of 60 edits on a plan with four issues per second activity: a full run\'s result, no holes', () => {
    const doc = new Y.Doc();
    cmd.writePlan(doc, planOf(400), origin);
    const projection = new PlanProjection(doc);
    const gen = prng.create(77);
    for (let step = 0; step < 60; step++) {
      const plan = projection.plan;
      const ids = plan.activities.map((a) => a.id);
      const id = prng.oneOf(gen, ids);
      const r = prng.int32(gen, 0, 4);
      if (r === 0) cmd.setField(doc, 'activity', id, 'budget', prng.bool(gen) ? null : { amount: 5, currency: 'USD' }, origin);
      else if (r === 1) cmd.setField(doc, 'activity', id, 'responsible', prng.bool(gen) ? '' : 'Ministry', origin);
      else if (r === 2) cmd.setField(doc, 'activity', id, 'start', prng.bool(gen) ? null : '2026-01-01', origin);
      else if (r === 3) cmd.setText(doc, { kind: 'node', id, field: 'title' }, `Renamed ${step}`, origin);
      else cmd.addNode(doc, { kind: 'activity', id: `new${step}`, parentId: plan.outputs[0]!.id, title: `New ${step}` }, origin);
      const issues = cmd.validatePlan(projection.plan);
      expect(Object.keys(issues).length, `step ${step}: holes`).toBe(issues.length);
      expect(issues, `step ${step}`).toEqual(cmd.validatePlan(structuredClone(projection.plan)));
    }
    projection.destroy();
    doc.destroy();
  });

  it('[DK5] the event loop sends the updates it followed since the last read, not a walk of the doc; deletions and a new thread included', async () => {
    for (const work of [new HeavyWork(), new HeavyWork(HEAVY_DEFAULTS, null)]) {
      const doc = new Y.Doc();
      cmd.writePlan(doc, planOf(50), origin);
      const source = { stored: () => null, live: async (encode: (d: Y.Doc) => unknown) => encode(doc) } as Parameters<HeavyWork['derive']>[2];
      const expectAsFull = async (name: string) => expect((await work.derive('dk6', name, source)).text(), name).toBe(JSON.stringify(name === 'issues' ? { issues: cmd.validatePlan(readPlan(doc)) } : cmd.rollupBudget(readPlan(doc))));
      await expectAsFull('budget');
      expect(work.wholeEncodes).toBe(1);
      for (let i = 0; i < 5; i++) {
        cmd.setField(doc, 'activity', `a${i}`, 'budget', { amount: 10 * i + 1, currency: 'USD' }, origin);
        // A deletion only: the state vector does not move.
        const title = (doc.getMap('nodes').get(`a${i + 10}`) as Y.Map<unknown>).get('title') as Y.Text;
        title.delete(0, 3);
        await expectAsFull(i % 2 ? 'issues' : 'budget');
      }
      // Both values at one version: the second read sends an empty update.
      await expectAsFull('issues');
      await expectAsFull('budget');
      expect(work.wholeEncodes).toBe(1);
      await work.close();
      // A new thread has no replica: its first read walks the doc again, then follows.
      cmd.setField(doc, 'activity', 'a1', 'responsible', 'Ministry of Labour', origin);
      await expectAsFull('budget');
      cmd.setField(doc, 'activity', 'a2', 'responsible', 'Ministry of Labour', origin);
      await expectAsFull('budget');
      // Inline jobs keep their replica in this process, but the read after close() starts over all the same.
      expect(work.wholeEncodes).toBe(2);
      await work.close();
      doc.destroy();
    }
  }, 60_000);

  it('[DK6] a plan with no state leaves nothing behind once a garbage collection ran: its trees, issues and spending are held weakly', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const refs = ((): WeakRef<object>[] => {
      const plan = structuredClone(planOf(30));
      for (let i = 0; i < 3; i++) {
        cmd.validatePlan(plan);
        cmd.rollupBudget(plan);
        treeIndexOf(plan);
      }
      return [new WeakRef(plan), new WeakRef(plan.activities), new WeakRef(plan.activities[0]!), new WeakRef(plan.outputs[0]!)];
    })();
    // A WeakRef's target (the loose keeps' too) lives to the end of the job that made or read it:
    // collect after a turn of the event loop, a few times (held strongly, as before DK6, never).
    for (let i = 0; i < 5 && refs.some((r) => r.deref() !== undefined); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true, true]);
  });
});

describe('derived JSON over HTTP (SPEC DK3)', () => {
  const ctx = serverForTests();

  it('[DK3] a budget of a live plan is written from its pieces with its length; an edit over the socket shows in the next one', async () => {
    const imported = await fetch(`${ctx.server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(planOf(600)) });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as { id: string; links: Record<string, string> };
    rememberLinks(created as Parameters<typeof rememberLinks>[0]);
    const planId = created.id;
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(ctx.server), planId, doc, tokenFor(planId, 'editor'));
    await waitSynced(provider, 30_000);
    await waitFor(() => ctx.server.registry.size === 1, 'the plan in a room');
    const get = async () => {
      const res = await fetch(`${ctx.server.url}/api/plans/${planId}/budget`, { headers: auth(planId, 'observer') });
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return JSON.parse(bytes.toString('utf8')) as cmd.BudgetRollup;
    };
    const first = await get();
    expect(first).toEqual(JSON.parse(JSON.stringify(cmd.rollupBudget(readPlan(doc)))));
    cmd.setField(doc, 'activity', 'a1', 'budget', { amount: 123_456, currency: 'USD' }, { source: 'local', userId: 'u1' });
    // The edit reaches the server over the socket; the next budget answers from it.
    let after = first;
    for (let i = 0; i < 50 && JSON.stringify(after) === JSON.stringify(first); i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await get();
    }
    expect(after).toEqual(JSON.parse(JSON.stringify(cmd.rollupBudget(readPlan(doc)))));
    expect(after).not.toEqual(first);
    provider.destroy();
    doc.destroy();
  }, 120_000);
});
