// `npm test`: the typecheck (`tsc --noEmit -p tsconfig.json`, as `npm run typecheck`) and
// `vitest run` at the same time, and a failure of either fails the run. vitest runs its files
// one after another (one worker on two cores), so the typecheck mostly uses the other core; it
// runs at a lower priority so the tests' own servers and browser come first. The typecheck's
// errors are printed after vitest's report. Arguments go to vitest:
//   npm test -- --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const started = Date.now();

const tsc = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
try {
  os.setPriority(tsc.pid, 5);
} catch {
  // Not allowed here: it then runs at the same priority.
}
let tscOutput = '';
tsc.stdout.on('data', (c) => (tscOutput += c));
tsc.stderr.on('data', (c) => (tscOutput += c));
const typecheck = new Promise((resolve) => {
  tsc.once('error', (e) => resolve({ code: 1, error: e }));
  tsc.once('exit', (code) => resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 }));
});

const vitest = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const tests = await new Promise((resolve) => {
  vitest.once('error', () => resolve(1));
  vitest.once('exit', (code) => resolve(code ?? 1));
});

const checked = await typecheck;
if (checked.code === 0) console.log(`typecheck (tsc --noEmit): no errors, ${checked.seconds.toFixed(1)} s beside the tests`);
else {
  process.stdout.write(tscOutput);
  console.error(`typecheck (tsc --noEmit) FAILED${checked.error ? `: ${checked.error.message}` : ''}`);
}
process.exit(tests === 0 && checked.code === 0 ? 0 : 1);
