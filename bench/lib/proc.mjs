// Server CPU, RSS and disk writes straight from /proc (Linux only).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  /* keep 100 */
}

/** utime+stime of a process in seconds (all threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  return statCpu(`/proc/${pid}/stat`);
}

/**
 * utime+stime of a process's main thread alone (its JavaScript: the event loop), from
 * /proc/<pid>/task/<pid>/stat; the rest of `cpuSeconds` is V8's helper threads (garbage
 * collection, compilation) and libuv's pool. NaN when unreadable.
 */
export function mainThreadCpuSeconds(pid) {
  try {
    return statCpu(`/proc/${pid}/task/${pid}/stat`);
  } catch {
    return NaN;
  }
}

function statCpu(file) {
  const stat = fs.readFileSync(file, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime is field 14, stime field 15
  return (Number(rest[11]) + Number(rest[12])) / clkTck;
}

/** Resident set size in bytes (VmRSS) and its peak (VmHWM), from /proc/<pid>/status. */
export function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Bytes the process caused to be written to storage (write_bytes), or null when /proc/<pid>/io is unreadable. */
export function writeBytes(pid) {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    return Number(/^write_bytes:\s+(\d+)/m.exec(io)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

/** Snapshot used to compute deltas over a measured window. */
export function sample(pid) {
  return { t: performance.now(), cpu: cpuSeconds(pid), mainCpu: mainThreadCpuSeconds(pid), wb: writeBytes(pid), ...memory(pid) };
}

/** CPU seconds (all threads; `mainCpu`: the main thread alone), wall seconds, % of one core and written bytes between two samples. */
export function delta(a, b) {
  const wall = (b.t - a.t) / 1000;
  const cpu = b.cpu - a.cpu;
  return { wall, cpu, mainCpu: b.mainCpu - a.mainCpu, cpuPct: wall > 0 ? (100 * cpu) / wall : 0, written: a.wb != null && b.wb != null ? b.wb - a.wb : null };
}
