// Turns raw results into the table: one row per figure, one column per server, ratios Roundtable / peer.
import { median } from './stats.mjs';

const fmt = (v, digits) => {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'n/a';
  if (typeof v === 'string') return v;
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(digits);
};

/**
 * Rows of the table. `get(r)` receives one server's raw results ({ m1: {10: [runs]}, m2: [runs], ... })
 * and returns a number (median over runs) or a string.
 */
export function rows() {
  const out = [];
  const pick = (list, key) => median((list ?? []).map((r) => r?.[key]).filter((v) => v !== null && v !== undefined));
  for (const n of [10, 100, 500]) {
    for (const p of ['p50', 'p95', 'p99']) {
      out.push({ id: `m1.${n}.${p}`, label: `M1 edit→remote latency ${p}, ${n} observers (ms)`, better: 'lower', get: (r) => pick(r.m1?.[n], p) });
    }
  }
  for (const n of [10, 100, 500]) {
    out.push({ id: `m1.${n}.ack`, label: `M1 writer ack p50 / p99, ${n} observers (ms)`, better: 'lower', text: true, get: (r) => {
      const a = pick(r.m1?.[n], 'ackP50');
      const b = pick(r.m1?.[n], 'ackP99');
      return Number.isFinite(a) ? `${a.toFixed(2)} / ${b.toFixed(2)}` : 'no ack message';
    } });
  }
  out.push({ id: 'm2.rate', label: 'M2 burst 2,000 edits × 100 observers: deliveries/s', better: 'higher', get: (r) => pick(r.m2, 'deliveriesPerSec') });
  out.push({ id: 'm2.cpu', label: 'M2 server CPU for the burst (s)', better: 'lower', digits: 2, get: (r) => pick(r.m2, 'serverCpuSec') });
  out.push({ id: 'm2.rss', label: 'M2 server RSS after the burst (MB)', better: 'lower', digits: 1, get: (r) => pick(r.m2, 'rssAfterMB') });
  out.push({ id: 'm2.main', label: 'M2 server CPU on its main thread (s; the rest: garbage collection and JIT threads)', better: 'lower', digits: 2, get: (r) => pick(r.m2, 'serverMainCpuSec') });
  out.push({ id: 'm2w.rate', label: 'M2 warm (second burst on the same server): deliveries/s', better: 'higher', get: (r) => pick(r.m2warm, 'deliveriesPerSec') });
  out.push({ id: 'm2w.cpu', label: 'M2 warm: server CPU for the burst (s)', better: 'lower', digits: 2, get: (r) => pick(r.m2warm, 'serverCpuSec') });
  out.push({ id: 'm3.plan', label: 'M3 RSS per open plan (KB)', better: 'lower', digits: 0, get: (r) => pick(r.m3, 'perPlanKB') });
  out.push({ id: 'm4.first', label: 'M4 cold join ~4 MB: time to first sync (ms)', better: 'lower', get: (r) => pick(r.m4, 'firstSyncMs') });
  out.push({ id: 'm4.complete', label: 'M4 cold join ~4 MB: time to complete content (ms)', better: 'lower', get: (r) => pick(r.m4, 'completeMs') });
  out.push({ id: 'm4.empty', label: 'M4 first sync empty (runs)', text: true, get: (r) => (r.m4 ? `${r.m4.filter((x) => x.firstSyncEmpty).length}/${r.m4.length}` : 'n/a') });
  out.push({ id: 'm5.lost', label: 'M5 kill -9 after ack: edits lost / acked', text: true, get: (r) => (r.m5 ? r.m5.map((x) => `${x.lost}/${x.acked}`).join(', ') : 'n/a') });
  out.push({ id: 'm7.cpu', label: 'M7 presence, 500 clients @1 Hz: server CPU (% of a core)', better: 'lower', digits: 1, get: (r) => pick(r.m7, 'serverCpuPct') });
  out.push({ id: 'm7.states', label: 'M7 presence states delivered/s', better: 'higher', get: (r) => pick(r.m7, 'statesPerSec') });
  out.push({ id: 'm7.gen', label: 'M7 load-generator CPU (% of a core)', digits: 0, get: (r) => pick(r.m7, 'generatorCpuPct') });
  for (const n of [50, 500, 5000]) {
    out.push({ id: `p.${n}.cpu`, label: `Persistence CPU per edit, ${n.toLocaleString('en-US')} activities (ms)`, better: 'lower', digits: 2, get: (r) => pick(r.persist?.[n], 'cpuMsPerEdit') });
    out.push({ id: `p.${n}.bytes`, label: `Persistence bytes written per edit, ${n.toLocaleString('en-US')} activities`, better: 'lower', get: (r) => pick(r.persist?.[n], 'bytesWrittenPerEdit') });
  }
  return out;
}

/** { header: string[], body: string[][] } for the servers present. */
export function table(results, kinds, labels) {
  const peers = kinds.filter((k) => k !== 'roundtable');
  const header = ['Figure', ...kinds.map((k) => labels[k]), ...peers.map((k) => `RT / ${labels[k]}`)];
  const body = [];
  for (const row of rows()) {
    const vals = kinds.map((k) => (results[k] ? row.get(results[k]) : NaN));
    if (vals.every((v) => v === 'n/a' || (typeof v === 'number' && !Number.isFinite(v)))) continue;
    const rt = vals[kinds.indexOf('roundtable')];
    const ratios = peers.map((k) => {
      const v = vals[kinds.indexOf(k)];
      if (row.text || typeof rt !== 'number' || typeof v !== 'number' || !Number.isFinite(rt) || !Number.isFinite(v) || v === 0) return '';
      return `${(rt / v).toFixed(2)}×`;
    });
    const label = row.better ? `${row.label} [${row.better} is better]` : row.label;
    body.push([label, ...vals.map((v) => fmt(v, row.digits ?? 2)), ...ratios]);
  }
  return { header, body };
}

export function toMarkdown({ header, body }) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(line)].join('\n');
}

export function toText({ header, body }) {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
