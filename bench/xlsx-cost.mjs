// Cost of the Excel export, the CSV export and the workbook import on a large plan (issue 11):
// builds a plan of XLSX_ACTIVITIES activities (default 1,000; 10 goals x 2 outcomes x 5
// outputs, budgets in two currencies, funding, one indicator per output, a review period with
// expenditures and readings), then times export.xlsx, export.csv?sheet=matrix and the import
// of that workbook (zip checks + exceljs + parsing + writing the new plan), and export.docx,
// median of 3 runs. The plan is scored (4 criteria, 20 named participants, agreed scores on goal
// 0) with named scores allowed, so the import reads the scoring sheets back too (SPEC XL1-XL3).
// Needs the server build: `npx tsc -p tsconfig.build.json`, then `node bench/xlsx-cost.mjs`.
import { renderWorkbook } from '../dist/server/export/xlsx.js';
import { csvFormat } from '../dist/server/export/csv.js';
import { importWorkbook } from '../dist/server/import/xlsx-job.js';
import { DOCX_EXPORT } from '../dist/server/export/docx.js';
import { parsePlanJson } from '../dist/shared/model.js';

const ACTIVITIES = Number(process.env.XLSX_ACTIVITIES ?? 1000);
const goals = [], outcomes = [], outputs = [], activities = [], indicators = [], reports = [], readings = [];
for (let g = 0; g < 10; g++) {
  goals.push({ id: `g${g}`, title: `Goal ${g}`, status: 'selected' });
  for (let o = 0; o < 2; o++) {
    outcomes.push({ id: `oc${g}-${o}`, goalId: `g${g}`, title: `Outcome ${g}.${o}` });
    for (let p = 0; p < 5; p++) {
      const out = `op${g}-${o}-${p}`;
      outputs.push({ id: out, outcomeId: `oc${g}-${o}`, title: `Output ${g}.${o}.${p}`, responsible: 'Ministry' });
      indicators.push({ id: `i-${out}`, nodeId: out, name: `# of things for ${out}`, kind: 'direct', level: 'output', target: { value: 10, date: '2027-12-31' } });
      readings.push({ indicatorId: `i-${out}`, value: 4, note: '' });
    }
  }
}
for (let a = 0; a < ACTIVITIES; a++) {
  const id = `a${a}`;
  activities.push({
    id, outputId: outputs[a % outputs.length].id, title: `Activity ${a}: consultations with stakeholders`, responsible: 'NFP',
    start: '2026-01-01', end: '2026-06-30', budget: { amount: 1000 + a, currency: a % 3 ? 'USD' : 'EUR' },
    funding: { kind: 'external', modality: 'project', funder: `Funder ${a % 7}`, status: a % 2 ? 'secured' : 'pledged' },
    result: 'Interests mapped', risks: 'Government open to the process', verification: 'Minutes',
  });
  reports.push({ activityId: id, expenditure: { amount: 900, currency: a % 3 ? 'USD' : 'EUR' }, result: 'Done', progress: 'On track', risksMaterialised: '' });
}
const criteria = ['rally', 'priority', 'simple', 'alone'].map((id, i) => ({ id, title: `Criterion ${i + 1}`, order: String.fromCharCode(97 + i) }));
const participants = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, group: 'government', committee: i % 2 ? 'imc' : 'ncc' }));
const scores = goals.flatMap((g, gi) => criteria.flatMap((c, ci) => participants.map((p, pi) => ({ goalId: g.id, criterionId: c.id, participantId: p.id, value: (gi + ci + pi) % 3 }))));
const agreedScores = criteria.map((c) => ({ goalId: 'g0', criterionId: c.id, value: 2, note: 'agreed' }));
const parsed = parsePlanJson({
  format: 'roundtable-plan/1', id: 'bench', title: 'Bench plan', currency: 'USD', goals, outcomes, outputs, activities, indicators,
  criteria, participants, scores, agreedScores, exportNamedScores: true,
  reviews: [{ id: 'rv1', kind: 'yearly', label: '2026', start: '2026-01-01', end: '2026-12-31', activities: reports, indicators: readings }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
const plan = parsed.value;
const source = { plan, snapshot: null, params: {}, generatedAt: new Date().toISOString() };

// Wall-clock and this process's CPU time (user + system: less sensitive to a loaded machine), medians.
const median = async (fn) => {
  const times = [];
  const cpus = [];
  let out;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    out = await fn();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpus.push((used.user + used.system) / 1000);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[1];
  return { ms: mid(times), cpu: mid(cpus), out };
};
const fmt = (r) => `${r.ms.toFixed(0)} ms (CPU ${r.cpu.toFixed(0)} ms)`;
const xlsx = await median(() => renderWorkbook(source));
const csv = await median(() => csvFormat.render({ ...source, params: { sheet: 'matrix' } }));
const imported = await median(() => importWorkbook({ kind: 'import-xlsx', bytes: xlsx.out, id: 'bench2', maxItems: 200000, into: null }));
if (!imported.out.ok) throw new Error(JSON.stringify(imported.out));
const docx = await median(() => DOCX_EXPORT.render(source));
console.log(
  `${ACTIVITIES} activities, ${scores.length} named scores: export.xlsx ${fmt(xlsx)}, ${(xlsx.out.byteLength / 1024).toFixed(0)} KiB; ` +
    `export.csv?sheet=matrix ${fmt(csv)}; import.xlsx ${fmt(imported)} ${JSON.stringify(imported.out.counts)}; ` +
    `export.docx ${fmt(docx)}, ${(docx.out.byteLength / 1024).toFixed(0)} KiB`,
);
