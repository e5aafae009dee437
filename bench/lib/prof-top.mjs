// Prints the heaviest functions of a V8 .cpuprofile (self time and total time, % of the samples
// that were not idle): `node bench/lib/prof-top.mjs <file.cpuprofile> [count] [regexp]`; with a
// regexp, only the functions whose name or file matches it are listed.
import fs from 'node:fs';
import path from 'node:path';

const [file, countArg, filter] = process.argv.slice(2);
const match = filter ? new RegExp(filter) : null;
if (!file) {
  console.error('usage: node bench/lib/prof-top.mjs <file.cpuprofile> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map();
for (const id of prof.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const nameOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
let busy = 0;
const self = new Map();
const total = new Map();
for (const [id, h] of hits) {
  const n = byId.get(id);
  const name = nameOf(n);
  if (!idle.has(n.callFrame.functionName)) busy += h;
  self.set(name, (self.get(name) ?? 0) + h);
  // Total: every distinct function on the stack once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const nm = nameOf(byId.get(cur));
    if (seen.has(nm)) continue;
    seen.add(nm);
    total.set(nm, (total.get(nm) ?? 0) + h);
  }
}
const all = prof.samples.length;
const pct = (h) => ((100 * h) / all).toFixed(1).padStart(5);
console.log(`${all} samples, ${((100 * busy) / all).toFixed(1)} % not idle/program/gc; ${pct(self.get('(garbage collector)') ?? 0)} % gc`);
console.log('self %  function');
for (const [name, h] of [...self].sort((a, b) => b[1] - a[1]).filter(([n]) => !match || match.test(n)).slice(0, count)) console.log(`${pct(h)}   ${name}`);
console.log('\ntotal %  function');
for (const [name, h] of [...total].sort((a, b) => b[1] - a[1]).filter(([n]) => n !== '(root)' && (!match || match.test(n))).slice(0, count)) console.log(`${pct(h)}   ${name}`);
