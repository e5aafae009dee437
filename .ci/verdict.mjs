#!/usr/bin/env node
// The CI verdict on a vitest JSON report: one plain closing line, and exit 1 when the run
// cannot be trusted. Used by .ci/run; tested by tests/ci/verdict.test.ts on crafted reports.
//
//   node .ci/verdict.mjs <vitest.json> <min-tests file>
//
// Fails when: the report is missing or unreadable; vitest says it did not succeed; a test
// failed; a test file failed outside its tests (a beforeAll/afterAll hook, an import error:
// vitest then reports the file's tests as skipped); a test was skipped without one of the
// reasons listed below; or fewer tests ran than the count recorded in the min-tests file.
import fs from 'node:fs';

/**
 * The only reasons a test may be skipped. A test gives its reason with `skipBecause(ctx,
 * reason)` (tests/helpers/skip.ts), which records it in the test's meta as `skipReason`.
 */
export const ALLOWED_SKIP_REASONS = [
  // The domain reference lives beside the repository (../shared/), not in a fresh clone.
  'the ../shared/ folder beside the repository is absent',
];

/** Why PostgreSQL tests skip without a test database (tests/helpers/pg.ts). */
export const PG_SKIP_REASON = 'PostgreSQL tests need RT_TEST_DATABASE_URL (set by .ci/run)';

/**
 * The reasons accepted in an environment: the PostgreSQL reason only where RT_TEST_DATABASE_URL
 * is unset. `.ci/run` sets it, so in CI a skipped PostgreSQL test fails the run.
 */
export function allowedSkipReasons(env = process.env) {
  return env.RT_TEST_DATABASE_URL ? [...ALLOWED_SKIP_REASONS] : [...ALLOWED_SKIP_REASONS, PG_SKIP_REASON];
}

/** The verdict on a parsed report: { line, problems } (no problems: the run passed). */
export function verdict(report, minTests, allowed = allowedSkipReasons()) {
  const problems = [];
  const tests = report.testResults.flatMap((file) => file.assertionResults.map((t) => ({ ...t, file: file.name })));
  const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');
  if (!report.success) problems.push('vitest reports the run as unsuccessful');
  if (report.numFailedTestSuites > 0) problems.push(`${report.numFailedTestSuites} test suites failed (a failed hook counts)`);
  for (const t of tests.filter((t) => t.status === 'failed')) problems.push(`failed: ${t.fullName}`);
  for (const file of report.testResults) {
    if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
      problems.push(`file failed outside its tests (setup hook or import): ${file.name}: ${file.message || 'no message'}`);
    }
  }
  for (const t of skipped) {
    const reason = t.meta?.skipReason;
    if (!allowed.includes(reason)) {
      problems.push(`skipped ${reason ? `for an unlisted reason (${reason})` : 'without a reason'}: ${t.fullName}`);
    }
  }
  if (tests.length < minTests) problems.push(`${tests.length} tests ran, fewer than the ${minTests} recorded in .ci/min-tests`);
  const passed = tests.filter((t) => t.status === 'passed').length;
  const failed = tests.filter((t) => t.status === 'failed').length;
  const line = `${passed} passed, ${failed} failed, ${skipped.length} skipped (${tests.length} tests, at least ${minTests} expected)`;
  return { line, problems };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [reportFile, minFile] = process.argv.slice(2);
  let report;
  let minTests;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    minTests = Number.parseInt(fs.readFileSync(minFile, 'utf8').trim(), 10);
  } catch (err) {
    console.log(`CI FAILED: cannot read the test report or the min-tests file: ${err.message}`);
    process.exit(1);
  }
  if (!Number.isInteger(minTests) || minTests < 1) {
    console.log(`CI FAILED: ${minFile} must hold a positive whole number`);
    process.exit(1);
  }
  const { line, problems } = verdict(report, minTests);
  for (const p of problems) console.log(`  - ${p}`);
  console.log(problems.length === 0 ? line : `CI FAILED: ${line}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
