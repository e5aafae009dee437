import zlib from 'node:zlib';

/** Limits a zip archive must keep before anything unzips it. */
export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxUnzippedBytes: number;
  /** Number of entries. */
  maxEntries: number;
}

/** Why an upload is refused: not a zip archive at all, or one that unzips past the limits. */
export type ZipRefusal = { kind: 'not-zip'; message: string } | { kind: 'too-large'; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a zip archive (an .xlsx) before exceljs unzips it, against zip bombs: reads the
 * central directory, refuses ZIP64, encrypted entries, methods other than stored and deflate,
 * more than `maxEntries` entries or declared sizes adding up past `maxUnzippedBytes`, then
 * inflates every entry with its declared size as a hard output limit (so a lying header cannot
 * make it grow) and checks it ends exactly there. Null when the archive is safe to open.
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipRefusal | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip = (why: string): ZipRefusal => ({ kind: 'not-zip', message: `This is not an Excel workbook (.xlsx is a zip archive): ${why}.` });
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) return notZip('it does not start like a zip archive');
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (after an optional comment).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notZip('its directory is missing (truncated?)');
  const entries = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirStart = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirStart === 0xffffffff) return notZip('ZIP64 archives are not accepted');
  if (entries > limits.maxEntries) return { kind: 'too-large', message: `The workbook holds ${entries} files; at most ${limits.maxEntries} are accepted.` };
  if (dirStart + dirSize > eocd) return notZip('its directory points outside the file');
  let declared = 0;
  let at = dirStart;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL) return notZip('its directory is damaged');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return notZip('it holds an encrypted entry');
    if (method !== 0 && method !== 8) return notZip(`it uses compression method ${method} (only stored and deflate)`);
    if (size === 0xffffffff || compressed === 0xffffffff) return notZip('ZIP64 entries are not accepted');
    declared += size;
    if (declared > limits.maxUnzippedBytes) {
      return { kind: 'too-large', message: `The workbook unzips to more than ${limits.maxUnzippedBytes} bytes; that is the limit.` };
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return notZip('an entry points outside the file');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressed > buf.length) return notZip('an entry is cut off');
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 0) {
      if (compressed !== size) return notZip('a stored entry has the wrong size');
      continue;
    }
    let out: Buffer;
    try {
      // One byte more than declared, so an entry that inflates past its declared size is seen.
      out = zlib.inflateRawSync(data, { maxOutputLength: size + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too-large', message: 'An entry of the workbook unzips to more than it declares (a zip bomb?).' };
      return notZip(`an entry cannot be unzipped (${(err as Error).message})`);
    }
    if (out.length !== size) return notZip('an entry unzips to another size than it declares');
  }
  return null;
}
