import fs from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * An append-only file of Yjs updates: each record is `u32 length | u32 crc32 | bytes`
 * (little-endian). Appends are synchronous `write(2)` calls on an O_APPEND descriptor, so a
 * record the server has accepted is in the kernel's page cache before the update is relayed
 * and survives `kill -9` of the process. A write the disk refuses part-way (ENOSPC, EIO) is
 * cut back off before `append` throws, so the next record starts where the refused one did.
 * On open, a torn or corrupt record (a crash mid-write, a bad block, a cut-back that failed)
 * does not end the log: reading resynchronises on the next intact record (length and CRC both
 * check out), so records written after it are kept; only bytes after the last intact record
 * are cut off.
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

  /** Opens (creating if needed) a log and returns it with the intact records it holds and the damaged bytes it skipped. */
  static open(file: string): { log: UpdateLog; records: Uint8Array[]; skippedBytes: number } {
    const { records, goodBytes, fileBytes, skippedBytes } = readRecords(file);
    if (goodBytes < fileBytes) fs.truncateSync(file, goodBytes);
    const fd = fs.openSync(file, 'a');
    return { log: new UpdateLog(file, fd, goodBytes, records.length), records, skippedBytes };
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
    try {
      let written = 0;
      while (written < total) written += writeFaults.write(this.fd, buf, written, total - written);
    } catch (err) {
      this.cutBack();
      throw err;
    }
    this.size += total;
    this.count += updates.length;
  }

  /**
   * Removes the part of a refused write that reached the file. If even that fails, the torn
   * bytes stay and later records follow them: reading resynchronises past them (see `readRecords`).
   */
  private cutBack(): void {
    try {
      fs.ftruncateSync(this.fd, this.size);
    } catch {
      try {
        this.size = fs.fstatSync(this.fd).size;
      } catch {
        // The descriptor itself is gone; the next append throws too.
      }
    }
  }

  /** Closes the descriptor (idempotent). */
  close(): void {
    if (this.fd >= 0) {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }
}

/**
 * The write used by appends, replaceable by tests to inject disk errors (a partial write, then
 * ENOSPC). Production code never changes it.
 */
export const writeFaults = {
  write: (fd: number, buf: Buffer, offset: number, length: number): number => fs.writeSync(fd, buf, offset, length),
};

/**
 * Reads every intact record of a log file; a missing file reads as empty. A record whose length
 * runs past the end or whose CRC does not match is skipped by scanning forward, byte by byte,
 * for the next offset where an intact record starts (`skippedBytes` counts what was passed
 * over). `goodBytes` is the end of the last intact record: anything after it is a torn tail.
 */
export function readRecords(file: string): RecordScan {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, fileBytes: 0, skippedBytes: 0 };
    throw err;
  }
  return scanRecords(data);
}

/** What scanning a log's bytes finds (see {@link readRecords}). */
export interface RecordScan {
  records: Uint8Array[];
  goodBytes: number;
  fileBytes: number;
  skippedBytes: number;
}

/** The intact records of a log's bytes, as {@link readRecords} describes (no file access). */
export function scanRecords(data: Buffer): RecordScan {
  const records: Uint8Array[] = [];
  let off = 0;
  let goodBytes = 0;
  let recordBytes = 0;
  while (off + 8 <= data.length) {
    const len = intactRecordAt(data, off, off > goodBytes);
    if (len < 0) {
      off++;
      continue;
    }
    records.push(new Uint8Array(data.subarray(off + 8, off + 8 + len)));
    off += 8 + len;
    recordBytes += 8 + len;
    goodBytes = off;
  }
  return { records, goodBytes, fileBytes: data.length, skippedBytes: goodBytes - recordBytes };
}

/**
 * The payload length of an intact record starting at `off`, or -1 when none starts there.
 * While resynchronising, an empty record (8 zero bytes read as one) does not count: appends
 * never write empty updates, and zero-filled blocks are a common shape of damage.
 */
function intactRecordAt(data: Buffer, off: number, resyncing: boolean): number {
  const len = data.readUInt32LE(off);
  if (off + 8 + len > data.length || (resyncing && len === 0)) return -1;
  return crc32(data.subarray(off + 8, off + 8 + len)) === data.readUInt32LE(off + 4) ? len : -1;
}
