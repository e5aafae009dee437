import { describe, expect, it } from 'vitest';
// The bench library depends only on the root package's dependencies (yjs, ws, lib0), so this
// smoke runs without bench/node_modules, against Roundtable only (dist/ is built by global setup).
import { m1Latency, m2Burst, m7Presence } from '../../bench/lib/workloads.mjs';
import { percentile, median } from '../../bench/lib/stats.mjs';
import { table } from '../../bench/lib/report.mjs';
import { roundtableNodeFlags } from '../../bench/lib/servers.mjs';

describe('bench harness (smoke)', () => {
  it('computes percentiles and medians', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(median([3, 1, 2, NaN])).toBe(2);
  });

  it('runs Roundtable with the Node flags of npm start, or those of BENCH_NODE_FLAGS when set', () => {
    const had = process.env.BENCH_NODE_FLAGS;
    delete process.env.BENCH_NODE_FLAGS;
    try {
      expect(roundtableNodeFlags('npm run build && node --max-semi-space-size=4 --stack-size=900 dist/server/index.js')).toEqual(['--max-semi-space-size=4', '--stack-size=900']);
      expect(roundtableNodeFlags('npm run build && node dist/server/index.js')).toEqual([]);
      process.env.BENCH_NODE_FLAGS = ' --max-semi-space-size=8 ';
      expect(roundtableNodeFlags('node --max-semi-space-size=4 dist/server/index.js')).toEqual(['--max-semi-space-size=8']);
      process.env.BENCH_NODE_FLAGS = '';
      expect(roundtableNodeFlags('node --max-semi-space-size=4 dist/server/index.js')).toEqual([]);
    } finally {
      if (had === undefined) delete process.env.BENCH_NODE_FLAGS;
      else process.env.BENCH_NODE_FLAGS = had;
    }
  });

  it('runs M1 and M2 against Roundtable and renders a table row for them', async () => {
    let started = 0;
    const m1 = await m1Latency('roundtable', { observers: 3, durationMs: 300, warmup: 2, detail: true, onStart: (srv) => (started = srv.pid) });
    expect(m1.delivered).toBe(m1.expected);
    expect(m1.p50).toBeGreaterThan(0);
    // With `detail` (bench/m1-gc.mjs): every measured edit, in order, with each observer's latency.
    expect(started).toBeGreaterThan(0);
    expect(m1.perEdit?.length).toBe(m1.edits);
    expect(m1.perEdit?.every((e, i, all) => e.latencies.length === 3 && (i === 0 || e.sentAt > all[i - 1]!.sentAt))).toBe(true);
    expect(Math.max(...m1.perEdit!.flatMap((e) => e.latencies))).toBeGreaterThanOrEqual(m1.p99);
    // The writer connects with ?ack=1: Roundtable acknowledges every stored edit.
    expect(m1.ackP50).toBeGreaterThan(0);
    const m2 = await m2Burst('roundtable', { observers: 3, edits: 50 });
    expect(m2.complete).toBe(true);
    expect(m2.deliveriesPerSec).toBeGreaterThan(0);
    // The main thread's share is read from /proc/<pid>/task/<pid>: part of the whole process's CPU.
    expect(m2.serverMainCpuSec).toBeGreaterThanOrEqual(0);
    expect(m2.serverMainCpuSec).toBeLessThanOrEqual(m2.serverCpuSec + 0.011);
    // The warm variant runs one burst first on the same server and plan, then measures a second.
    const warm = await m2Burst('roundtable', { observers: 3, edits: 50, warmup: 1 });
    expect(warm.complete).toBe(true);
    const t = table({ roundtable: { m1: { 10: [m1] }, m2: [m2], m2warm: [warm] } }, ['roundtable'], { roundtable: 'Roundtable' });
    expect(t.body.some((row) => row[0]?.startsWith('M2 burst'))).toBe(true);
    expect(t.body.find((row) => row[0]?.startsWith('M2 warm (second burst'))?.[1]).not.toBe('n/a');
  });

  it('the bare relay (the limit peer) delivers every edit and presence state of M1, M2 and M7', async () => {
    const m1 = await m1Latency('limit', { observers: 3, durationMs: 300, warmup: 2 });
    expect(m1.delivered).toBe(m1.expected);
    expect(m1.ackP50).toBeNull();
    const m2 = await m2Burst('limit', { observers: 3, edits: 50 });
    expect(m2.complete).toBe(true);
    const m7 = await m7Presence('limit', { clients: 4, warmupMs: 100, durationMs: 1000 });
    expect(m7.open).toBe(4);
    expect(m7.statesPerSec).toBeGreaterThan(0);
    const t = table({ roundtable: { m2: [m2] }, limit: { m2: [m2] } }, ['roundtable', 'limit'], { roundtable: 'Roundtable', limit: 'Limit (bare relay)' });
    expect(t.header).toContain('RT / Limit (bare relay)');
    expect(t.body.find((row) => row[0]?.startsWith('M2 burst'))?.at(-1)).toBe('1.00×');
  });
});
