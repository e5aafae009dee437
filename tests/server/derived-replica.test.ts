import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import * as cmd from '../../shared/model.js';
import { DERIVED, derivedKey, keptJsonLength, limitKeptJson, runJob } from '../../server/work/jobs.js';
import { HEAVY_DEFAULTS, HeavyWork } from '../../server/work/pool.js';
import { PieceSender, PieceTable } from '../../server/work/json-parts.js';
import { createNetwork } from '../shared/helpers/doc-network.js';
import { randomCommand } from '../shared/helpers/random-command.js';

const origin = { source: 'local', userId: 'u0' } as const;

/** Runs derive jobs as the server does (SPEC DK2): the thread's pieces, read by the event loop's table; the JSON text. */
function jobRunner(): (job: Parameters<typeof runJob>[0]) => Promise<string> {
  const sender = new PieceSender();
  const table = new PieceTable();
  return async (job) => {
    const result = await runJob(job, sender);
    if (!result.ok || !('pieces' in result)) throw new Error(`no JSON pieces for ${JSON.stringify(job).slice(0, 80)}`);
    return table.read(result.pieces).text();
  };
}

describe('derived values through the thread replica (SPEC DV)', () => {
  it('[DV2] after random local and remote edits, every derived value equals the full recomputation from readPlan', async () => {
    const budgetOptions = { asOf: '2026-06-30' };
    for (let seed = 1; seed <= 6; seed++) {
      const net = createNetwork(2, 500 + seed);
      const [a] = net.docs as [Y.Doc];
      initPlan(a, { id: `plan-${seed}`, title: 'Fuzz' });
      net.flushAll();
      const planId = `dv2-${seed}`;
      let sent: Uint8Array | undefined;
      const run = jobRunner();
      const ask = async (name: string, params?: Record<string, string>): Promise<string> => {
        const stateVector = Y.encodeStateVector(a);
        const json = await run({ kind: 'derive', name, planId, update: Y.encodeStateAsUpdate(a, sent), stateVector, ...(params ? { params } : {}) });
        sent = stateVector;
        return json;
      };
      const counter = { n: 0 };
      for (let step = 0; step < 20; step++) {
        randomCommand(net, prng.bool(net.gen) ? 0 : 1, counter);
        if (prng.int32(net.gen, 0, 5) === 0) cmd.setPlanField(a, 'currency', prng.bool(net.gen) ? 'USD' : 'EUR', origin);
        net.deliverSome(prng.int32(net.gen, 0, 3));
        // Values are asked in a random order, some not at all, so several edits pile up between reads.
        for (const name of ['budget', 'issues', 'ranking', 'export.json']) {
          if (!prng.bool(net.gen)) continue;
          const full = readPlan(a);
          expect(await ask(name), `seed ${seed} step ${step} ${name}`).toBe(JSON.stringify(DERIVED[name]!(full, {})));
        }
        if (prng.int32(net.gen, 0, 3) === 0) {
          expect(await ask('budget', budgetOptions), `seed ${seed} step ${step} budget asOf`).toBe(JSON.stringify(DERIVED['budget']!(readPlan(a), budgetOptions)));
        }
      }
    }
  }, 120_000);

  it('[DV1] options are part of the cache key: budget?asOf is never answered with the plain budget', async () => {
    expect(derivedKey('budget', { review: 'r 1', asOf: '2026-01-01' })).toBe('budget?asOf=2026-01-01&review=r%201');
    expect(derivedKey('issues')).toBe('issues');
    const work = new HeavyWork(HEAVY_DEFAULTS, null);
    const doc = new Y.Doc();
    const parsed = cmd.parsePlanJson({
      format: 'roundtable-plan/1',
      id: 'dv1',
      title: 'Rates',
      currency: 'USD',
      goals: [{ id: 'g', title: 'G' }],
      outcomes: [{ id: 'o', goalId: 'g', title: 'O' }],
      outputs: [{ id: 'p', outcomeId: 'o', title: 'P' }],
      activities: [{ id: 'x', outputId: 'p', title: 'X', budget: { amount: 100, currency: 'EUR' } }],
      exchangeRates: [
        { id: 'r1', currency: 'EUR', quote: 'USD', rate: 1, date: '2025-01-01' },
        { id: 'r2', currency: 'EUR', quote: 'USD', rate: 2, date: '2026-01-01' },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    cmd.writePlan(doc, parsed.value, { source: 'server', reason: 'test' });
    const derive = (params: Record<string, string>) => work.derive('dv1', 'budget', { stored: () => null, live: async (encode) => encode(doc) }, params);
    const planned = (json: { text(): string }) => (JSON.parse(json.text()) as cmd.BudgetRollup).plan.converted?.planned;
    expect(planned(await derive({}))).toBe(200);
    expect(planned(await derive({ asOf: '2025-06-01' }))).toBe(100);
    expect(work.cache.hits).toBe(0);
    expect(planned(await derive({ asOf: '2025-06-01' }))).toBe(100);
    expect(planned(await derive({}))).toBe(200);
    expect(work.cache.hits).toBe(2);
    await work.close();
  });

  it('[DI4] the thread keeps at most its bound of derived JSON: the least recently used text goes, and is computed again alike', async () => {
    const docs = [1, 2].map((n) => {
      const doc = new Y.Doc();
      initPlan(doc, { id: `di4-${n}`, title: `Bound ${n}` });
      for (let i = 0; i < 20; i++) cmd.addNode(doc, { kind: 'goal', id: `g${i}`, title: `Goal ${i} of plan ${n}` }, origin);
      return doc;
    });
    const run = jobRunner();
    const ask = async (n: number): Promise<string> => {
      const doc = docs[n]!;
      return run({ kind: 'derive', name: 'budget', planId: `di4-${n}`, update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) });
    };
    const first = await ask(0);
    const was = limitKeptJson(Math.floor(first.length * 1.5));
    try {
      const second = await ask(1);
      // Both texts would pass the bound: the least recently used (the first plan's) went.
      expect(keptJsonLength()).toBe(second.length);
      expect(await ask(0)).toBe(first);
      expect(first).toBe(JSON.stringify(DERIVED['budget']!(readPlan(docs[0]!), {})));
    } finally {
      limitKeptJson(was);
    }
  });
});
