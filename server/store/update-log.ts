import fs from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * An append-only file of Yjs updates: each record is `u32 length | u32 crc32 | bytes`
 * (little-endian). Appends are synchronous `write(2)` calls on an O_APPEND descriptor, so a
 * record the server has accepted is in the kernel's page cache before the update is relayed
 * and survives `kill -9` of the process. A torn or corrupt tail (a crash mid-write, a bad
 * disk block) ends the log: everything before it is kept, the tail is cut off on open.
 */
export class UpdateLog {
  private fd: number;
  /** Bytes in the file after the last good record. */
  size: number;
  /** Records in the file. */
  count: number;

  private constructor(readonly file: string, fd: number, size: number, count: number) {
    this.fd = fd;
    this.size = size;
    this.count = count;
  }

  /** Opens (creating if needed) a log and returns it with the records it already holds. */
  static open(file: string): { log: UpdateLog; records: Uint8Array[] } {
    const { records, goodBytes, fileBytes } = readRecords(file);
    if (goodBytes < fileBytes) fs.truncateSync(file, goodBytes);
    const fd = fs.openSync(file, 'a');
    return { log: new UpdateLog(file, fd, goodBytes, records.length), records };
  }

  /** Appends records in one write. Throws if the disk refuses (the caller must not relay then). */
  append(updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    let total = 0;
    for (const u of updates) total += 8 + u.byteLength;
    const buf = Buffer.allocUnsafe(total);
    let off = 0;
    for (const u of updates) {
      buf.writeUInt32LE(u.byteLength, off);
      buf.writeUInt32LE(crc32(u), off + 4);
      buf.set(u, off + 8);
      off += 8 + u.byteLength;
    }
    let written = 0;
    while (written < total) written += fs.writeSync(this.fd, buf, written, total - written);
    this.size += total;
    this.count += updates.length;
  }

  /** Closes the descriptor (idempotent). */
  close(): void {
    if (this.fd >= 0) {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }
}

/** Reads every intact record of a log file; a missing file reads as empty. */
export function readRecords(file: string): { records: Uint8Array[]; goodBytes: number; fileBytes: number } {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, fileBytes: 0 };
    throw err;
  }
  const records: Uint8Array[] = [];
  let off = 0;
  while (off + 8 <= data.length) {
    const len = data.readUInt32LE(off);
    const sum = data.readUInt32LE(off + 4);
    if (off + 8 + len > data.length) break;
    const payload = data.subarray(off + 8, off + 8 + len);
    if (crc32(payload) !== sum) break;
    records.push(new Uint8Array(payload));
    off += 8 + len;
  }
  return { records, goodBytes: off, fileBytes: data.length };
}
