/** Types of scripts/precompress.mjs (see there). */
export function precompress(dir: string): [file: string, bytes: number, brotli: number, gzip: number][];
export function precompressParallel(dir: string): Promise<[file: string, bytes: number, brotli: number, gzip: number][]>;
export const DEFAULT_VIEW: { modules: string[]; namespaces: string[] };
export function writeShell(dir: string): string[] | null;
