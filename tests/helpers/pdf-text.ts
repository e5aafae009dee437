import zlib from 'node:zlib';

/**
 * The text of a PDF as Chromium's `page.pdf()` writes it, for tests (no poppler here): inflates
 * every Flate stream, reads each font's ToUnicode CMap, and decodes the hex strings of the
 * `Tj` / `TJ` operators of the page content streams through the CMap of the font selected by
 * `Tf`. Chromium places words (often glyphs) by position rather than writing spaces, so the
 * text is returned WITHOUT whitespace: compare with {@link squash}. Enough for Chromium's
 * (Skia's) output, not a general PDF parser: it throws when it finds no text at all, so a
 * format change fails loudly.
 */
export function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  const objRe = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = objRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endobj', start);
    if (end < 0) break;
    const body = raw.slice(start, end);
    const s = body.indexOf('stream');
    let stream: string | null = null;
    let dict = body;
    if (s >= 0 && body.startsWith('<<', body.search(/\S/))) {
      dict = body.slice(0, s);
      let dataStart = s + 'stream'.length;
      if (body[dataStart] === '\r') dataStart++;
      if (body[dataStart] === '\n') dataStart++;
      const dataEnd = body.lastIndexOf('endstream');
      let data = Buffer.from(body.slice(dataStart, dataEnd), 'latin1');
      if (/\/FlateDecode/.test(dict)) data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      stream = data.toString('latin1');
    }
    objects.set(Number(m[1]), { dict, stream });
    objRe.lastIndex = end;
  }
  // Font resource names (/F4 12 0 R inside a /Font << >> dictionary) -> ToUnicode CMaps.
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = new Map<number, Map<number, string>>();
  for (const [id, o] of objects) {
    const t = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cm = t ? objects.get(Number(t[1]))?.stream : undefined;
    if (cm) cmapOf.set(id, parseCMap(cm));
  }
  for (const o of objects.values()) {
    for (const fontDict of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const ref of fontDict[1]!.matchAll(/\/([A-Za-z0-9_.-]+)\s+(\d+) 0 R/g)) {
        const map = cmapOf.get(Number(ref[2]));
        if (map) cmaps.set(ref[1]!, map);
      }
    }
  }
  const runs: string[] = [];
  for (const o of objects.values()) {
    if (o.stream === null || !/\bT[Jj]\b/.test(o.stream)) continue;
    let font: Map<number, string> | undefined;
    const tokenRe = /\/([A-Za-z0-9_.-]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj/g;
    for (const t of o.stream.matchAll(tokenRe)) {
      if (t[1] !== undefined) font = cmaps.get(t[1]);
      else if (font) {
        const hexes = t[2] !== undefined ? [...t[2].matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((h) => h[1]!) : [t[3]!];
        runs.push(hexes.map((h) => decode(h.replace(/\s+/g, ''), font!)).join(''));
      }
    }
  }
  const text = squash(runs.join(''));
  if (!text.trim()) throw new Error('no text found in the PDF (has the PDF writer changed?)');
  return text;
}

/** `text` without any whitespace, for comparing with {@link pdfText}. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function decode(hex: string, cmap: Map<number, string>): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
  return out;
}

/** bfchar and bfrange entries of a ToUnicode CMap (two-byte codes, as Chromium writes them). */
function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const e of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(e[1]!, 16), utf16(e[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(e[1]!, 16);
      const hi = parseInt(e[2]!, 16);
      if (e[3]!.startsWith('[')) {
        [...e[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1]!)));
      } else {
        const base = parseInt(e[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + (c - lo)));
      }
    }
  }
  return map;
}
