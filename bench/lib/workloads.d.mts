export type ServerKind = 'roundtable' | 'ywebsocket' | 'hocuspocus' | 'limit';
export interface M1Result {
  observers: number; edits: number; delivered: number; expected: number;
  p50: number; p95: number; p99: number;
  ackP50: number | null; ackP95: number | null; ackP99: number | null; serverCpuPct: number;
  /** With `detail`: each measured edit's send time (performance.now(), ms) and its observers' latencies (ms). */
  perEdit?: { sentAt: number; latencies: number[] }[];
}
export interface M2Result {
  complete: boolean; elapsedMs: number; deliveriesPerSec: number;
  serverCpuSec: number; serverMainCpuSec: number; serverCpuPct: number; rssBeforeMB: number; rssAfterMB: number;
}
export function m1Latency(kind: ServerKind, opts?: { observers?: number; rate?: number; durationMs?: number; warmup?: number; onStart?: (srv: { pid: number; child: import('node:child_process').ChildProcess }) => void; detail?: boolean }): Promise<M1Result>;
export function m2Burst(kind: ServerKind, opts?: { observers?: number; edits?: number; warmup?: number }): Promise<M2Result>;
export function m3Memory(kind: ServerKind, opts?: { plans?: number; activities?: number; settleMs?: number }): Promise<Record<string, number>>;
export function m4ColdJoin(kind: ServerKind, opts?: { runs?: number; count?: number; settleMs?: number }): Promise<Record<string, unknown>[]>;
export function m5Kill9(kind: ServerKind, opts?: { trials?: number; verifyMs?: number }): Promise<Record<string, unknown>>;
export function m7Presence(kind: ServerKind, opts?: { clients?: number; warmupMs?: number; durationMs?: number }): Promise<Record<string, number>>;
export function persistCost(kind: ServerKind, opts?: { activities?: number; edits?: number; rate?: number; quietMs?: number }): Promise<Record<string, number | null>>;
export function addActivities(doc: unknown, count: number, valueLength?: number, from?: number): void;
