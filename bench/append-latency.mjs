// Per-append commit latency of the plan stores (issue 17): the time from `append` to durable
// (the file store: the synchronous write returned; PostgreSQL: the commit answered), for
// APPEND_ROUNDS (default 2,000) one-update batches of real edits (a typed character, ~30 bytes)
// appended one after the other, as a room does. Prints p50 / p99 / mean per store.
//
// Needs the server build (`npx tsc -p tsconfig.build.json`; the test suite's global setup runs
// it) and, for PostgreSQL, RT_TEST_DATABASE_URL (`.ci/postgres.sh` prints one): the bench works
// in a schema of its own and drops it after. `node bench/append-latency.mjs`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { PlanStore } from '../dist/server/store/file-storage.js';
import { PgStorage } from '../dist/server/store/pg-storage.js';
import { createLogger } from '../dist/server/log.js';

const ROUNDS = Number(process.env.APPEND_ROUNDS ?? 2000);
const log = createLogger('warn');

/** ROUNDS updates as a person typing produces them. */
function edits() {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const out = [];
  doc.on('update', (u) => out.push(u));
  for (let i = 0; i < ROUNDS; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return { state: Y.encodeStateAsUpdate(new Y.Doc()), updates: out };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(name, storage) {
  const { state, updates } = edits();
  await storage.create('bench', 'Bench', state);
  const { files } = await storage.load('bench');
  const ms = [];
  for (const u of updates) {
    const t0 = process.hrtime.bigint();
    await files.append([u]);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await files.close();
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const row = { store: name, appends: ms.length, p50_ms: +pct(ms, 50).toFixed(3), p99_ms: +pct(ms, 99).toFixed(3), mean_ms: +mean.toFixed(3) };
  console.log(JSON.stringify(row));
  return row;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-bench-'));
try {
  await measure('file', await PlanStore.open(path.join(dir, 'file'), log));
  const base = process.env.RT_TEST_DATABASE_URL;
  if (!base) {
    console.log('PostgreSQL skipped: set RT_TEST_DATABASE_URL (.ci/postgres.sh prints one)');
  } else {
    const schema = `rt_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    try {
      const store = await PgStorage.open({ url: url.toString(), dataDir: path.join(dir, 'pg'), log });
      const { rows } = await admin.query("SELECT current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fs, version() AS v");
      console.log(JSON.stringify({ postgres: rows[0].v.split(' on ')[0], synchronous_commit: rows[0].sc, fsync: rows[0].fs }));
      await measure('postgres', store);
      await store.close();
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
