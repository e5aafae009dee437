/** Types of scripts/precompress.mjs (see there). */
export function precompress(dir: string): [file: string, bytes: number, brotli: number, gzip: number][];
