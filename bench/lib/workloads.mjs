// The workloads of issue 7. Each function starts its own server (fresh data folder), drives it
// from this process and stops it; every loop is bounded and every wait has a timeout.
// Depends only on the root package's dependencies (yjs, ws, lib0), so tests can import it.
import fs from 'node:fs';
import * as Y from 'yjs';
import { BenchClient, clockEnd, connectMany } from './client.mjs';
import { delta, memory, sample } from './proc.mjs';
import { percentile, sleep, waitFor } from './stats.mjs';
import { startServer, tempDataDir } from './servers.mjs';

/**
 * Every workload writes plan-shaped content (activities in the `nodes` root, fields the plan's
 * registry knows), because Roundtable checks every update against the plan's rules and refuses
 * scratch roots; the peers store the same updates without looking. One edit = one field set.
 */
const NODES = 'nodes';
const TEXTS = ['title', 'result', 'risks', 'verification'];

/** This module's copy of yjs (bench/node_modules), for docs its helpers write into. */
export { Y as YB };

/** The activities root of a doc. */
export function nodesOf(doc) {
  return doc.getMap(NODES);
}

/** One activity as the plan stores it: kind, placement, four texts and six scalars. */
function activityMap(i, valueLength) {
  const a = new Y.Map();
  a.set('kind', 'activity');
  a.set('placement', { parentId: null, order: 'i' });
  for (const f of TEXTS) a.set(f, new Y.Text(`${f}-${i}-`.padEnd(valueLength, 'x')));
  a.set('responsible', `responsible-${i}-`.padEnd(valueLength, 'x'));
  a.set('start', '2027-01-01');
  a.set('end', '2027-12-31');
  a.set('budget', { amount: 1000 + i, currency: 'USD' });
  a.set('funding', null);
  a.set('archived', false);
  return a;
}

/** Fills `count` activities (ids `a<from>`...) into the `nodes` root in one transaction. */
export function addActivities(doc, count, valueLength = 20, from = 0, prefix = 'a') {
  const nodes = nodesOf(doc);
  doc.transact(() => {
    for (let i = from; i < from + count; i++) nodes.set(`${prefix}${i}`, activityMap(i, valueLength));
  });
}

/** One edit: sets the `responsible` field of activity `id`. */
export function editActivity(doc, id, value) {
  nodesOf(doc).get(id).set('responsible', value);
}

async function withServer(kind, fn, dataDir = tempDataDir(kind)) {
  const srv = await startServer(kind, dataDir);
  try {
    return await fn(srv);
  } finally {
    await srv.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function closeAll(clients) {
  for (const c of clients) c.close();
}

/**
 * M1: one writer makes `rate` edits/s for `durationMs` while `observers` watch one plan.
 * Latency = time from the writer's edit to each observer receiving it (same clock: one process).
 * Ack = Hocuspocus' SyncStatus reply to the writer, or Roundtable's acknowledgement (the writer
 * connects with `?ack=1`: sent once the edit's batch is appended); y-websocket sends none.
 */
export async function m1Latency(kind, { observers = 10, rate = 20, durationMs = 3000, warmup = 5, onStart, detail = false } = {}) {
  return withServer(kind, async (srv) => {
    onStart?.(srv);
    const doc = await srv.createDoc('M1');
    const writer = new BenchClient({ url: srv.wsUrl(doc, { ack: true }), doc, dialect: srv.dialect, onAck: (t) => acks.push(t) });
    const acks = [];
    const writerId = writer.doc.clientID;
    const edits = [];
    const latencies = [];
    const obs = await connectMany(observers, () => {
      const c = new BenchClient({
        url: srv.wsUrl(doc),
        doc,
        dialect: srv.dialect,
        light: true,
        onUpdate: (update, t, first, client) => {
          if (first || edits.length === 0) return;
          const end = clockEnd(update, writerId);
          while (client.next < edits.length && edits[client.next].end <= end) {
            const e = edits[client.next++];
            if (e.measured) latencies.push(t - e.sentAt);
            if (detail) e.latencies.push(t - e.sentAt);
          }
        },
      });
      c.next = 0;
      return c;
    });
    await writer.connect();
    await writer.whenSynced();
    addActivities(writer.doc, 1); // the activity every edit changes
    await sleep(150);
    const ackBase = acks.length;
    const n = warmup + Math.round((durationMs / 1000) * rate);
    const t0 = performance.now();
    const s0 = sample(srv.pid);
    for (let i = 0; i < n; i++) {
      const at = t0 + (i * 1000) / rate;
      const wait = at - performance.now();
      if (wait > 1) await sleep(wait);
      const sentAt = performance.now();
      editActivity(writer.doc, 'a0', `edit ${i} `.padEnd(24, '.'));
      edits.push({ end: Y.getState(writer.doc.store, writerId), sentAt, measured: i >= warmup, latencies: [] });
    }
    const expected = (n - warmup) * observers;
    await waitFor(() => latencies.length >= expected, 10_000);
    const s1 = sample(srv.pid);
    const ackLat = [];
    for (let i = warmup; i < n; i++) {
      const t = acks[ackBase + i];
      if (t !== undefined) ackLat.push(t - edits[i].sentAt);
    }
    closeAll([...obs, writer]);
    return {
      observers,
      edits: n - warmup,
      delivered: latencies.length,
      expected,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      ackP50: ackLat.length ? percentile(ackLat, 50) : null,
      ackP95: ackLat.length ? percentile(ackLat, 95) : null,
      ackP99: ackLat.length ? percentile(ackLat, 99) : null,
      serverCpuPct: delta(s0, s1).cpuPct,
      // With `detail`: each measured edit's send time (performance.now()) and its observers' latencies.
      ...(detail ? { perEdit: edits.filter((e) => e.measured).map((e) => ({ sentAt: e.sentAt, latencies: e.latencies })) } : {}),
    };
  });
}

/**
 * M2: 2,000 back-to-back edits with 100 observers; deliveries/s, server CPU, RSS after. With
 * `warmup` > 0, that many bursts run on the same server and plan first (not measured): the
 * figure is then the warm server's (its code compiled by the JIT), where the default measures a
 * server's first burst after its start.
 */
export async function m2Burst(kind, { observers = 100, edits = 2000, warmup = 0 } = {}) {
  return withServer(kind, async (srv) => {
    const doc = await srv.createDoc('M2');
    const writer = new BenchClient({ url: srv.wsUrl(doc), doc, dialect: srv.dialect });
    const writerId = writer.doc.clientID;
    let finalEnd = Infinity;
    const obs = await connectMany(observers, () => {
      const c = new BenchClient({
        url: srv.wsUrl(doc),
        doc,
        dialect: srv.dialect,
        light: true,
        onUpdate: (update, t, first, client) => {
          if (first || client.doneAt) return;
          if (clockEnd(update, writerId) >= finalEnd) client.doneAt = t;
        },
      });
      c.doneAt = 0;
      return c;
    });
    await writer.connect();
    await writer.whenSynced();
    await sleep(200);
    const rssBefore = memory(srv.pid).rss;
    addActivities(writer.doc, 50);
    await sleep(200);
    for (let w = 0; w < warmup; w++) {
      for (let i = 0; i < edits; i++) editActivity(writer.doc, `a${i % 50}`, `warm-up ${w} ${i} `.padEnd(24, '.'));
      finalEnd = Y.getState(writer.doc.store, writerId);
      if (!(await waitFor(() => obs.every((c) => c.doneAt > 0), 60_000))) break;
      for (const c of obs) c.doneAt = 0;
      await sleep(200);
    }
    const s0 = sample(srv.pid);
    for (let i = 0; i < edits; i++) editActivity(writer.doc, `a${i % 50}`, `burst ${i} `.padEnd(24, '.'));
    finalEnd = Y.getState(writer.doc.store, writerId);
    const complete = await waitFor(() => obs.every((c) => c.doneAt > 0), 60_000);
    const s1 = sample(srv.pid);
    const last = Math.max(...obs.map((c) => c.doneAt || performance.now()));
    const elapsed = (last - s0.t) / 1000;
    const d = delta(s0, s1);
    closeAll([...obs, writer]);
    return {
      complete,
      elapsedMs: elapsed * 1000,
      deliveriesPerSec: (edits * obs.filter((c) => c.doneAt).length) / elapsed,
      serverCpuSec: d.cpu,
      serverMainCpuSec: d.mainCpu,
      serverCpuPct: d.cpuPct,
      rssBeforeMB: rssBefore / 2 ** 20,
      rssAfterMB: s1.rss / 2 ** 20,
    };
  });
}

/** M3: memory per open plan: `plans` small plans, each open on one connection. */
export async function m3Memory(kind, { plans = 500, activities = 5, settleMs = 3000 } = {}) {
  return withServer(kind, async (srv) => {
    await sleep(500);
    const base = memory(srv.pid).rss;
    const names = [];
    for (let i = 0; i < plans; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, plans - i) }, (_, j) => srv.createDoc(`M3 plan ${i + j}`)));
      names.push(...batch);
    }
    const clients = await connectMany(plans, (i) => new BenchClient({ url: srv.wsUrl(names[i]), doc: names[i], dialect: srv.dialect }));
    for (const c of clients) addActivities(c.doc, activities);
    await sleep(settleMs);
    const after = memory(srv.pid).rss;
    const open = clients.filter((c) => !c.closed).length;
    closeAll(clients);
    return { plans, open, rssBaseMB: base / 2 ** 20, rssAfterMB: after / 2 ** 20, perPlanKB: (after - base) / plans / 1024 };
  });
}

/** Seeds one plan of ~`targetBytes` (activities with long fields) and stops the server cleanly. */
async function seedLargePlan(kind, dataDir, count, settleMs = 3000) {
  const srv = await startServer(kind, dataDir);
  try {
    const doc = await srv.createDoc('M4 large plan');
    const seeder = new BenchClient({ url: srv.wsUrl(doc), doc, dialect: srv.dialect });
    const seederId = seeder.doc.clientID;
    let seen = false;
    const watcher = new BenchClient({
      url: srv.wsUrl(doc),
      doc,
      dialect: srv.dialect,
      light: true,
      onUpdate: (u, t, first) => {
        if (!first && clockEnd(u, seederId) >= Y.getState(seeder.doc.store, seederId)) seen = true;
      },
    });
    await Promise.all([seeder.connect(), watcher.connect()]);
    await Promise.all([seeder.whenSynced(), watcher.whenSynced()]);
    addActivities(seeder.doc, count, 60);
    const bytes = Y.encodeStateAsUpdate(seeder.doc).byteLength;
    if (!(await waitFor(() => seen, 30_000))) throw new Error('seed not relayed');
    seeder.close();
    watcher.close();
    await sleep(settleMs); // debounced stores (Hocuspocus) and level writes (y-websocket) settle
    return { doc, bytes };
  } finally {
    await srv.stop();
  }
}

/**
 * M4: cold join of a ~4 MB plan after a restart: time to first sync (step 2), time until the
 * message that completes the content arrived, and whether the first sync was empty.
 */
export async function m4ColdJoin(kind, { runs = 3, count = 5000, settleMs = 3000 } = {}) {
  const dataDir = tempDataDir(kind);
  try {
    const { doc, bytes } = await seedLargePlan(kind, dataDir, count, settleMs);
    const out = [];
    for (let r = 0; r < runs; r++) {
      const srv = await startServer(kind, dataDir);
      try {
        let completeAt = NaN;
        let firstEmpty = null;
        let firstSize = 0;
        const c = new BenchClient({
          url: srv.wsUrl(doc),
          doc,
          dialect: srv.dialect,
          onUpdate: (u, t, first, client) => {
            const size = nodesOf(client.doc).size;
            if (first) {
              firstEmpty = size === 0;
              firstSize = size;
            }
            if (size >= count && Number.isNaN(completeAt)) completeAt = t;
          },
        });
        await c.connect();
        await waitFor(() => !Number.isNaN(completeAt) || c.closed, 30_000);
        out.push({
          bytes,
          firstSyncMs: c.firstSyncAt - c.startedAt,
          completeMs: completeAt - c.startedAt,
          firstSyncEmpty: firstEmpty,
          firstSyncActivities: firstSize,
          rssAfterLoadMB: memory(srv.pid).rss / 2 ** 20,
        });
        c.close();
      } finally {
        await srv.stop();
      }
    }
    return out;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * M5: kill -9 right after an acknowledged edit, `trials` times; then restart and look for it.
 * Ack: Hocuspocus' SyncStatus; Roundtable and y-websocket send none, so "another client
 * received the edit" is the acknowledgement.
 */
export async function m5Kill9(kind, { trials = 20, verifyMs = 2500 } = {}) {
  const dataDir = tempDataDir(kind);
  let srv = await startServer(kind, dataDir);
  const res = { trials, acked: 0, lost: 0, lostTrials: [], ack: kind === 'hocuspocus' ? 'SyncStatus from server' : 'received by another client' };
  try {
    const doc = await srv.createDoc('M5');
    for (let k = 0; k < trials; k++) {
      let acked = false;
      const pid = srv.pid;
      const killNow = () => {
        if (acked) return;
        acked = true;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      };
      let sentAt = Infinity;
      const writer = new BenchClient({
        url: srv.wsUrl(doc),
        doc,
        dialect: srv.dialect,
        onAck: (t) => {
          if (kind === 'hocuspocus' && t >= sentAt) killNow();
        },
      });
      const writerId = writer.doc.clientID;
      const observer = new BenchClient({
        url: srv.wsUrl(doc),
        doc,
        dialect: srv.dialect,
        light: true,
        onUpdate: (u, t, first) => {
          if (kind !== 'hocuspocus' && !first && clockEnd(u, writerId) > 0) killNow();
        },
      });
      await Promise.all([writer.connect(), observer.connect()]);
      await Promise.all([writer.whenSynced(), observer.whenSynced()]);
      await sleep(100);
      sentAt = performance.now();
      addActivities(writer.doc, 1, 20, k, 't');
      await waitFor(() => acked, 5000, 1);
      await srv.kill9();
      writer.close();
      observer.close();
      if (acked) res.acked++;
      srv = await startServer(kind, dataDir);
      const verifier = new BenchClient({ url: srv.wsUrl(doc), doc, dialect: srv.dialect });
      await verifier.connect();
      const found = await waitFor(() => (verifier.doc ? nodesOf(verifier.doc).has(`t${k}`) : false), verifyMs);
      verifier.close();
      if (acked && !found) {
        res.lost++;
        res.lostTrials.push(k);
      }
    }
    return res;
  } finally {
    await srv.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** M7: `clients` connections on one plan, each sending presence at 1 Hz (staggered). */
export async function m7Presence(kind, { clients = 500, warmupMs = 1500, durationMs = 5000 } = {}) {
  return withServer(kind, async (srv) => {
    const doc = await srv.createDoc('M7');
    let states = 0;
    const cs = await connectMany(
      clients,
      () => new BenchClient({ url: srv.wsUrl(doc), doc, dialect: srv.dialect, light: true, onAwareness: (n) => (states += n) }),
    );
    const ids = cs.map(() => 1 + Math.floor(Math.random() * 0x7fffffff));
    const clocks = cs.map(() => 0);
    const start = performance.now();
    const end = start + warmupMs + durationMs;
    let s0 = null;
    let g0 = null;
    let states0 = 0;
    let next = 0; // index into the schedule: send k -> client k % n at start + k * (1000 / n)
    const period = 1000 / clients;
    while (performance.now() < end) {
      const now = performance.now();
      if (!s0 && now >= start + warmupMs) {
        s0 = sample(srv.pid);
        g0 = process.cpuUsage();
        states0 = states;
      }
      while (start + next * period <= now) {
        const i = next % clients;
        // Roundtable's presence shape (SPEC PR2; its server refuses others), the same for every server.
        cs[i].sendAwareness(ids[i], ++clocks[i], { user: { id: `bench${i}`, name: `Bench user ${i}`, color: '#3366cc', group: null }, view: 'Bench', focus: `field ${clocks[i]}` });
        next++;
      }
      await sleep(5);
    }
    const s1 = sample(srv.pid);
    const g = process.cpuUsage(g0);
    const d = delta(s0, s1);
    const result = {
      clients,
      open: cs.filter((c) => !c.closed).length,
      serverCpuPct: d.cpuPct,
      statesPerSec: (states - states0) / d.wall,
      fullFanOutPerSec: clients * clients,
      generatorCpuPct: (100 * (g.user + g.system)) / 1e6 / d.wall,
      rssAfterMB: s1.rss / 2 ** 20,
    };
    closeAll(cs);
    return result;
  });
}

/**
 * Persistence cost per edit on a plan of `activities` activities: `edits` single-field edits at
 * `rate`/s, then `quietMs` so debounced stores and compactions land in the window.
 */
export async function persistCost(kind, { activities = 50, edits = 150, rate = 50, quietMs = 3000 } = {}) {
  return withServer(kind, async (srv) => {
    const doc = await srv.createDoc('persistence');
    const writer = new BenchClient({ url: srv.wsUrl(doc), doc, dialect: srv.dialect });
    await writer.connect();
    await writer.whenSynced();
    for (let i = 0; i < activities; i += 1000) addActivities(writer.doc, Math.min(1000, activities - i), 20, i);
    await sleep(Math.max(quietMs, 4000)); // the seed is stored (and compacted) before the window opens
    const s0 = sample(srv.pid);
    const t0 = performance.now();
    for (let i = 0; i < edits; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      editActivity(writer.doc, `a${(i * 7919) % activities}`, `edit ${i} `.padEnd(30, '.'));
    }
    await sleep(quietMs);
    const s1 = sample(srv.pid);
    const d = delta(s0, s1);
    const planBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    writer.close();
    return {
      activities,
      edits,
      planBytes,
      cpuMsPerEdit: (1000 * d.cpu) / edits,
      bytesWrittenPerEdit: d.written === null ? null : d.written / edits,
    };
  });
}
