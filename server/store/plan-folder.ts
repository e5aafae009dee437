import fs from 'node:fs';
import path from 'node:path';
import type { StoredContent } from './storage.js';
import { scanRecords } from './update-log.js';

/**
 * `state.json`: the whole plan as one Yjs update, plus the first log it does not hold. Written
 * in the V1 encoding, the one the y-websocket protocol speaks, so a client joining a plan that
 * is not in memory can be answered straight from these bytes while the plan loads. (Files
 * written as V2 by earlier versions still load.)
 */
export interface StateFile {
  version: 1;
  encoding: 'yjs-update-v1' | 'yjs-update-v2';
  /** base64 of the encoded state. */
  state: string;
  /** Logs numbered below this are already folded into `state`. */
  logSeq: number;
  bytes: number;
  savedAt: string;
}

/** Names of a plan folder's update logs (`updates-<n>.log`). */
export const LOG_RE = /^updates-(\d{1,12})\.log$/;
/** The file name of update log `seq`. */
export const logName = (seq: number): string => `updates-${seq}.log`;

/** Attempts before {@link readPlanFolder} gives up on a folder that keeps being compacted. */
const ATTEMPTS = 5;

/**
 * Reads a plan folder's stored content (state, then the intact records of every log it does
 * not hold) synchronously and without changing any file: for the heavy-work thread, so the
 * event loop never reads or decodes a big plan. Safe while the plan is being compacted:
 * compaction writes the new `state.json` (atomic rename) before removing older logs, so a log
 * that vanished between listing and reading (or a gap in the logs after the state's) means the
 * state now holds it, and the read starts over. A record still being appended reads as a torn tail and is skipped (an earlier, whole
 * state of the plan).
 */
export function readPlanFolder(dir: string): StoredContent {
  for (let attempt = 1; ; attempt++) {
    try {
      return readOnce(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= ATTEMPTS) throw err;
    }
  }
}

function readOnce(dir: string): StoredContent {
  let sf: StateFile | null = null;
  try {
    sf = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as StateFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const floor = sf?.logSeq ?? 0;
  const seqs = fs
    .readdirSync(dir)
    .map((n) => LOG_RE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((seq) => seq >= floor)
    .sort((a, b) => a - b);
  // The logs a state does not hold are numbered from its logSeq on, without a gap; a gap means
  // the state read was replaced meanwhile (its logs are gone): read again.
  if (seqs.some((seq, i) => seq !== floor + i)) throw Object.assign(new Error('plan folder changed while read'), { code: 'ENOENT' });
  const updates: Uint8Array[] = [];
  // A missing log throws ENOENT: it was folded into a newer state.json, so the read starts over.
  for (const seq of seqs) updates.push(...scanRecords(fs.readFileSync(path.join(dir, logName(seq)))).records);
  return {
    state: sf ? new Uint8Array(Buffer.from(sf.state, 'base64')) : null,
    stateEncoding: sf?.encoding === 'yjs-update-v2' ? 'v2' : 'v1',
    updates,
  };
}
