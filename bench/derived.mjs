// Derived values at every size (issue 18, SPEC DV): budget, issues and ranking of plans of
// 1,000 / 10,000 / 60,000 activities (10 goals x 2 outcomes x 5 outputs, budgets in two
// currencies, one review period with an expenditure per activity, 4 criteria x 20 participants
// of scores), plus a "many issues" plan (no activity has a budget, a responsible party or dates:
// four issues per activity).
//
// For each size and value it prints, as CPU ms (median of the runs; wall ms beside it):
// - full:  the pure function over plain plan data seen for the first time (a fresh copy each
//          run, so no memo keyed by its rows can answer: SPEC DI1, DI2);
// - cold:  the first request for a live plan through the server's path (`HeavyWork.derive`, run
//          inline: the whole state sent, a replica built, read, computed, written as pieces and
//          read into the event loop's buffers);
// - edit:  the request after one edit (an activity's budget): the doc's update since the last
//          request (SPEC DK5), the replica takes it, its projection re-reads the changed row, the
//          value is recomputed and only its new pieces are encoded (DK1, DK2);
// - warm:  a repeated request at the same document version (the server's cache: a lookup).
// Each size runs in a fresh process (`--in-process`: all in one). Results go to bench/results/derived-<date>.json (one file per size). Needs the server build (`npm run build`, or
// `npx tsc -p tsconfig.build.json`). Usage: `npm run bench:derived [-- --sizes=1000,10000]
// [--runs=5] [--profile]`; `--profile` writes V8 CPU profiles of the full passes and of budget and
// issues after edits, at the largest size, to bench/results/tmp-prof/ and prints their heaviest functions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
// The root package's yjs (the one dist/ uses), not bench/node_modules' copy for the peers.
import * as Y from '../node_modules/yjs/dist/yjs.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = path.join(root, 'dist/server/work/jobs.js');
if (!fs.existsSync(built)) {
  console.error('bench:derived needs the server build: run `npx tsc -p tsconfig.build.json` (or `npm run build`) first.');
  process.exit(2);
}
const model = await import(path.join(root, 'dist/shared/model.js'));
const { dropReplica } = await import(built);
const { HeavyWork, HEAVY_DEFAULTS } = await import(path.join(root, 'dist/server/work/pool.js'));
const { parsePlanJson, rollupBudget, validatePlan, rankGoals, writePlan, setField } = model;

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SIZES = arg('sizes', '1000,10000,60000').split(',').map(Number);
const RUNS = Number(arg('runs', '5'));
const PROFILE = process.argv.includes('--profile');
// `node --allow-natives-syntax bench/derived.mjs --shapes`: whether the items the projection reads have fast properties (SPEC DJ1).
const SHAPES = process.argv.includes('--shapes');

// Each size in a process of its own (unless `--in-process`): one size's plans and garbage never
// weigh on the next size's garbage collections, as in a heavy-work thread that holds one big plan.
if (SIZES.length > 1 && !PROFILE && !SHAPES && !process.argv.includes('--in-process')) {
  const { execFileSync } = await import('node:child_process');
  const rest = process.argv.slice(2).filter((a) => !a.startsWith('--sizes='));
  for (const n of SIZES) execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--sizes=${n}`, ...rest], { stdio: 'inherit' });
  process.exit(0);
}

/** A plan of `n` activities; `manyIssues`: activities without budget, responsible party or dates. */
export function planOf(n, manyIssues = false) {
  const goals = [], outcomes = [], outputs = [], activities = [], reports = [], scores = [];
  const criteria = ['c1', 'c2', 'c3', 'c4'].map((id, i) => ({ id, title: `Criterion ${i + 1}` }));
  const participants = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `Participant ${i}`, committee: 'imc', imcLevel: 'technical' }));
  for (let g = 0; g < 10; g++) {
    goals.push({ id: `g${g}`, title: `Goal ${g}`, status: 'selected' });
    for (const c of criteria) for (const p of participants) scores.push({ goalId: `g${g}`, criterionId: c.id, participantId: p.id, value: (g + p.id.length + c.id.length) % 3 });
    for (let o = 0; o < 2; o++) {
      outcomes.push({ id: `oc${g}-${o}`, goalId: `g${g}`, title: `Outcome ${g}.${o}` });
      for (let p = 0; p < 5; p++) outputs.push({ id: `op${g}-${o}-${p}`, outcomeId: `oc${g}-${o}`, title: `Output ${g}.${o}.${p}`, responsible: 'Ministry' });
    }
  }
  for (let a = 0; a < n; a++) {
    const currency = a % 3 ? 'USD' : 'EUR';
    const base = { id: `a${a}`, outputId: outputs[a % outputs.length].id, title: `Activity ${a}` };
    activities.push(manyIssues ? base : { ...base, responsible: 'NFP', start: '2026-01-01', end: '2026-06-30', budget: { amount: 1000 + a, currency } });
    reports.push({ activityId: `a${a}`, expenditure: { amount: 900, currency } });
  }
  const parsed = parsePlanJson({
    format: 'roundtable-plan/1', id: 'bench', title: 'Bench plan', currency: 'USD', goals, outcomes, outputs, activities, criteria, participants, scores,
    exchangeRates: [{ id: 'r1', currency: 'EUR', quote: 'USD', rate: 1.1, date: '2026-01-01' }],
    reviews: [{ id: 'rv1', kind: 'yearly', label: '2026', start: '2026-01-01', end: '2026-12-31', activities: reports }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.value;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Runs `fn` `runs` times (on what `setup(i)` gives, made before the clock starts); the median CPU and wall ms. */
async function measure(fn, runs = RUNS, setup = (i) => i) {
  const cpu = [], wall = [];
  for (let i = 0; i < runs; i++) {
    const input = setup(i);
    const c = cpuNow();
    const t = performance.now();
    await fn(input);
    wall.push(performance.now() - t);
    cpu.push(cpuNow() - c);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpu: mid(cpu), wall: mid(wall) };
}

const VALUES = {
  budget: (plan) => rollupBudget(plan),
  issues: (plan) => validatePlan(plan),
  ranking: (plan) => rankGoals(plan),
};

/** A full garbage collection now (`gc` exposed at run time). */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');

let planSeq = 0;
/**
 * The server's path for a live plan (server/work/pool.ts `HeavyWork.derive`, run inline so one
 * process's CPU counts all of it): the event loop sends the live doc's changes since the replica's
 * state (SPEC DK5), the job updates the replica and writes the value as pieces (DK1), and the event
 * loop reads them into a body of kept buffers (DK2). Only the hop between threads is left out.
 */
async function serverPath(plan, name) {
  const planId = `bench-${++planSeq}`;
  const doc = new Y.Doc();
  writePlan(doc, plan, { source: 'server', reason: 'bench' });
  const work = new HeavyWork(HEAVY_DEFAULTS, null);
  const source = { stored: () => null, live: async (encode) => encode(doc) };
  const job = () => work.derive(planId, name, source);
  const cold = await measure(() => job(), 1);
  // The garbage of the earlier cases (whole plans, cold replicas) is collected before the edits are
  // timed, so each edit pays for its own work and its own garbage only.
  collect();
  const activities = plan.activities.length;
  const edit = await measure(async (i) => {
    setField(doc, 'activity', `a${(i * 7919) % activities}`, 'budget', { amount: 5 + i, currency: 'USD' }, { source: 'server', reason: 'bench' });
    await job();
  });
  const hits = work.cache.hits;
  const body = await job();
  const warm = await measure(async () => {
    if ((await job()) !== body) throw new Error('cache miss');
  }, 101);
  if (work.cache.hits !== hits + 102) throw new Error('the warm requests were not answered from the cache');
  await work.close();
  doc.destroy();
  dropReplica(planId);
  return { cold, edit, warm, bytes: body.bytes };
}

if (SHAPES) {
  if (!process.execArgv.includes('--allow-natives-syntax')) {
    console.error('--shapes needs `node --allow-natives-syntax bench/derived.mjs --shapes`');
    process.exit(2);
  }
  const fast = new Function('o', 'return %HasFastProperties(o)');
  const doc = new Y.Doc();
  writePlan(doc, planOf(100), { source: 'server', reason: 'bench' });
  const read = model.readPlan(doc);
  const lists = ['goals', 'outcomes', 'outputs', 'activities', 'reviews', 'participants', 'criteria'];
  console.log(`fast properties (readPlan): ${lists.map((l) => `${l} ${read[l].every((x) => fast(x)) ? 'yes' : 'NO'}`).join(', ')}`);
  doc.destroy();
}

const fmt = ({ cpu, wall }) => `${cpu < 10 ? cpu.toFixed(2) : cpu.toFixed(0)} (${wall < 10 ? wall.toFixed(2) : wall.toFixed(0)})`;
const results = { date: new Date().toISOString(), node: process.version, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))), runs: RUNS, sizes: {} };

console.log(`load average ${results.loadavg.join(' ')}; CPU ms (wall ms), median of ${RUNS}`);
console.log('| plan | value | full | cold (thread) | after one edit (thread) | warm (cache) | JSON KB |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const n of SIZES) {
  for (const manyIssues of [false, true]) {
    const plan = planOf(n, manyIssues);
    const label = `${n.toLocaleString('en-US')}${manyIssues ? ' many issues' : ''}`;
    for (const name of manyIssues ? ['issues'] : Object.keys(VALUES)) {
      VALUES[name](structuredClone(plan)); // warm the JIT on this shape
      const full = await measure((copy) => VALUES[name](copy), RUNS, () => structuredClone(plan));
      const server = await serverPath(plan, name);
      const issues = name === 'issues' ? ` (${validatePlan(plan).length} issues)` : '';
      (results.sizes[label] ??= {})[name] = { full, ...server };
      console.log(`| ${label}${issues} | ${name} | ${fmt(full)} | ${fmt(server.cold)} | ${fmt(server.edit)} | ${fmt(server.warm)} | ${(server.bytes / 1024).toFixed(0)} |`);
    }
  }
}

/** A V8 CPU profile of `work()`, written to bench/results/tmp-prof/<name>.cpuprofile; prints its heaviest functions. */
async function profileOf(name, work) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await work();
  const { profile } = await session.post('Profiler.stop');
  const dir = path.join(root, 'bench/results/tmp-prof');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`profile: ${path.relative(root, file)}`);
  const { execFileSync } = await import('node:child_process');
  console.log(execFileSync(process.execPath, [path.join(root, 'bench/lib/prof-top.mjs'), file, '20'], { encoding: 'utf8' }));
}

if (PROFILE) {
  const n = SIZES[SIZES.length - 1];
  const plan = planOf(n);
  await profileOf(`derived-${n}`, () => {
    for (let i = 0; i < RUNS; i++) for (const f of Object.values(VALUES)) f(plan);
  });
  // The path after an edit (SPEC DI, DJ): a projection of a live doc, one budget edit, then budget and issues as JSON.
  const { PlanProjection } = await import(path.join(root, 'dist/shared/schema/projection.js'));
  const { derivedJson } = await import(built);
  const doc = new Y.Doc();
  writePlan(doc, plan, { source: 'server', reason: 'bench' });
  const projection = new PlanProjection(doc);
  for (const name of ['budget', 'issues']) derivedJson(name, projection.plan);
  await profileOf(`derived-${n}-edit`, () => {
    for (let i = 0; i < RUNS * 3; i++) {
      setField(doc, 'activity', `a${(i * 7919) % n}`, 'budget', { amount: 5 + i, currency: 'USD' }, { source: 'server', reason: 'bench' });
      for (const name of ['budget', 'issues']) derivedJson(name, projection.plan);
    }
  });
  projection.destroy();
  doc.destroy();
}

const out = path.join(root, `bench/results/derived-${results.date.replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`results: ${path.relative(root, out)}`);
