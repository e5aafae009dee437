import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/test-server.js';
import { SHARED_FOLDER_ABSENT } from '../helpers/skip.js';
import { PG_TESTS_NEED_URL } from '../helpers/pg.js';

/**
 * The CI closing verdict (`.ci/verdict.mjs`, run by `.ci/run`) on crafted vitest JSON reports
 * shaped like the ones vitest 4 writes (the failed-hook report below was produced by vitest
 * itself for a file whose beforeAll threw).
 */
const VERDICT = path.resolve(import.meta.dirname, '../../.ci/verdict.mjs');
const dir = tempDir('roundtable-ci-');
afterAll(() => removeDir(dir));

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
interface Case {
  title: string;
  status: Status;
  skipReason?: string;
}

/** A vitest JSON report with one file per entry of `files`. */
function report(files: { name: string; status?: 'passed' | 'failed'; tests: Case[] }[]) {
  const all = files.flatMap((f) => f.tests);
  const fileFailed = (f: (typeof files)[number]) => f.status === 'failed' || f.tests.some((t) => t.status === 'failed');
  const failedSuites = files.filter(fileFailed).length;
  return {
    numTotalTestSuites: files.length,
    numFailedTestSuites: failedSuites,
    numTotalTests: all.length,
    numPassedTests: all.filter((t) => t.status === 'passed').length,
    numFailedTests: all.filter((t) => t.status === 'failed').length,
    numPendingTests: all.filter((t) => t.status === 'skipped' || t.status === 'pending').length,
    numTodoTests: all.filter((t) => t.status === 'todo').length,
    success: failedSuites === 0,
    testResults: files.map((f) => ({
      name: f.name,
      status: fileFailed(f) ? 'failed' : 'passed',
      message: '',
      assertionResults: f.tests.map((t) => ({
        ancestorTitles: [],
        fullName: t.title,
        title: t.title,
        status: t.status,
        failureMessages: [],
        meta: t.skipReason ? { skipReason: t.skipReason } : {},
      })),
    })),
  };
}

/** Runs the verdict script as CI does; returns its exit code and output. */
function run(rep: unknown, minTests: string, env: NodeJS.ProcessEnv = process.env): { code: number; out: string } {
  const reportFile = path.join(dir, 'vitest.json');
  const minFile = path.join(dir, 'min-tests');
  fs.writeFileSync(reportFile, JSON.stringify(rep));
  fs.writeFileSync(minFile, minTests);
  try {
    return { code: 0, out: execFileSync('node', [VERDICT, reportFile, minFile], { encoding: 'utf8', env }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

const passing = (n: number): Case[] => Array.from({ length: n }, (_, i) => ({ title: `t${i}`, status: 'passed' }));

describe('.ci/verdict.mjs', () => {
  it('passes a clean run at or above the recorded count and prints the closing line', () => {
    const r = run(report([{ name: 'a.test.ts', tests: passing(3) }]), '3\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 passed, 0 failed, 0 skipped (3 tests, at least 3 expected)');
  });

  it('fails when a test failed', () => {
    const r = run(report([{ name: 'a.test.ts', tests: [...passing(2), { title: 'broken', status: 'failed' }] }]), '3');
    expect(r.code).toBe(1);
    expect(r.out).toContain('failed: broken');
  });

  it('fails when the number of tests falls below .ci/min-tests', () => {
    const r = run(report([{ name: 'a.test.ts', tests: passing(3) }]), '4');
    expect(r.code).toBe(1);
    expect(r.out).toContain('fewer than the 4 recorded');
  });

  it('fails when a test is skipped without a reason, or for a reason the script does not list', () => {
    const plain = run(report([{ name: 'a.test.ts', tests: [...passing(1), { title: 'it.skip', status: 'skipped' }] }]), '2');
    expect(plain.code).toBe(1);
    expect(plain.out).toContain('skipped without a reason: it.skip');
    const todo = run(report([{ name: 'a.test.ts', tests: [...passing(1), { title: 'later', status: 'todo' }] }]), '2');
    expect(todo.code).toBe(1);
    const unlisted = run(report([{ name: 'a.test.ts', tests: [...passing(1), { title: 'x', status: 'skipped', skipReason: 'slow' }] }]), '2');
    expect(unlisted.code).toBe(1);
    expect(unlisted.out).toContain('unlisted reason (slow)');
  });

  it('passes a test skipped for a listed reason (the ../shared/ folder is absent)', () => {
    const r = run(report([{ name: 'a.test.ts', tests: [...passing(1), { title: 'domain', status: 'skipped', skipReason: SHARED_FOLDER_ABSENT }] }]), '2');
    expect(r.out).toContain('1 passed, 0 failed, 1 skipped');
    expect(r.code).toBe(0);
  });

  it('accepts the PostgreSQL skip only where RT_TEST_DATABASE_URL is unset (CI sets it, so a skip there fails)', () => {
    const rep = report([{ name: 'pg.test.ts', tests: [...passing(1), { title: 'pg', status: 'skipped', skipReason: PG_TESTS_NEED_URL }] }]);
    const { RT_TEST_DATABASE_URL: _, ...withoutDb } = process.env;
    const local = run(rep, '2', withoutDb);
    expect(local.code).toBe(0);
    expect(local.out).toContain('1 passed, 0 failed, 1 skipped');
    const ci = run(rep, '2', { ...withoutDb, RT_TEST_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' });
    expect(ci.code).toBe(1);
    expect(ci.out).toContain(`unlisted reason (${PG_TESTS_NEED_URL})`);
  });

  it('fails when a setup hook failed: a browser that does not launch in beforeAll is not a skip', () => {
    // What vitest 4 writes when beforeAll throws: the file failed, its tests "skipped".
    const rep = report([
      { name: 'e2e.test.ts', status: 'failed', tests: [{ title: 'uses the browser', status: 'skipped' }] },
      { name: 'b.test.ts', tests: passing(1) },
    ]);
    const r = run(rep, '2');
    expect(r.code).toBe(1);
    expect(r.out).toContain('file failed outside its tests (setup hook or import): e2e.test.ts');
  });

  it('fails when the report is missing (the suite did not get as far as writing it)', () => {
    const minFile = path.join(dir, 'min-tests');
    fs.writeFileSync(minFile, '1');
    expect(() => execFileSync('node', [VERDICT, path.join(dir, 'absent.json'), minFile], { stdio: 'pipe' })).toThrow();
  });
});
