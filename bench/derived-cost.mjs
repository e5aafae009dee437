// Cost of the values derived from a plan (issue 18): budget roll-up, validation (issues) and
// ranking, on plans of 1,000 / 10,000 / 60,000 activities (10 goals x 2 outcomes x 5 outputs,
// budgets in two currencies, one review period with an expenditure per activity), median of 3.
// Figures: wall ms (CPU ms), median of 3. Needs the server build (`npm run build`, or the one `npm test` makes), then
// `node bench/derived-cost.mjs [sizes...]`.
import { parsePlanJson, rollupBudget, validatePlan, rankGoals, indexNodes, buildForest, nodeCodes } from '../dist/shared/model.js';

function planOf(n) {
  const goals = [], outcomes = [], outputs = [], activities = [], reports = [];
  for (let g = 0; g < 10; g++) {
    goals.push({ id: `g${g}`, title: `Goal ${g}`, status: 'selected' });
    for (let o = 0; o < 2; o++) {
      outcomes.push({ id: `oc${g}-${o}`, goalId: `g${g}`, title: `Outcome ${g}.${o}` });
      for (let p = 0; p < 5; p++) outputs.push({ id: `op${g}-${o}-${p}`, outcomeId: `oc${g}-${o}`, title: `Output ${g}.${o}.${p}`, responsible: 'Ministry' });
    }
  }
  for (let a = 0; a < n; a++) {
    activities.push({ id: `a${a}`, outputId: outputs[a % outputs.length].id, title: `Activity ${a}`, responsible: 'NFP', start: '2026-01-01', end: '2026-06-30', budget: { amount: 1000 + a, currency: a % 3 ? 'USD' : 'EUR' } });
    reports.push({ activityId: `a${a}`, expenditure: { amount: 900, currency: a % 3 ? 'USD' : 'EUR' } });
  }
  const parsed = parsePlanJson({
    format: 'roundtable-plan/1', id: 'bench', title: 'Bench plan', currency: 'USD', goals, outcomes, outputs, activities,
    reviews: [{ id: 'rv1', kind: 'yearly', label: '2026', start: '2026-01-01', end: '2026-12-31', activities: reports }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.value;
}

/**
 * Median of 3 runs, as `wall ms (CPU ms)`: the CPU time (process.cpuUsage, garbage collection
 * included) is what to compare on a shared machine, where wall time includes waiting for a core.
 */
const median = (fn) => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    const wall = performance.now() - t;
    const cpu = process.cpuUsage(c);
    runs.push([wall, (cpu.user + cpu.system) / 1000]);
  }
  const mid = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1].toFixed(0);
  return `${mid(0)} (CPU ${mid(1)})`;
};

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [1000, 10000, 60000]) {
  const plan = planOf(n);
  const tree = `tree: indexNodes ${median(() => indexNodes(plan))} ms, buildForest ${median(() => buildForest(plan))} ms, nodeCodes ${median(() => nodeCodes(plan))} ms`;
  console.log(`${n} activities: budget ${median(() => rollupBudget(plan))} ms, issues ${median(() => validatePlan(plan))} ms, ranking ${median(() => rankGoals(plan))} ms; ${tree}`);
}
