// Writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of the built web
// client (default dist/client), so the server sends the 270 KB bundle as about a quarter of
// that to browsers that accept it (serveStatic's `precompressed`), with no compression work
// per request. Run by `npm run build` after Vite; `node scripts/precompress.mjs [dir]`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Smaller files gain too little to be worth a second request path. */
const MIN_BYTES = 1024;

/** Compresses every compressible file under `dir`; returns `[file, bytes, brotli bytes, gzip bytes]` rows. */
export function precompress(dir) {
  const rows = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (COMPRESSIBLE.test(entry.name)) {
        const data = fs.readFileSync(file);
        for (const stale of ['.br', '.gz']) fs.rmSync(file + stale, { force: true });
        if (data.byteLength < MIN_BYTES) continue;
        const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });
        const gz = zlib.gzipSync(data, { level: 9 });
        fs.writeFileSync(file + '.br', br);
        fs.writeFileSync(file + '.gz', gz);
        rows.push([path.relative(dir, file), data.byteLength, br.byteLength, gz.byteLength]);
      }
    }
  };
  walk(dir);
  return rows;
}

/**
 * The app shell of the built client in `dir`: '/', the entry chunk and the chunks the page needs
 * before its first screen (the entry's static imports and `rt-app`'s, followed transitively), read
 * from Vite's `.vite/manifest.json`. The lazy views, panels and other languages are not in it.
 * Writes `dir/shell.json` (`{ files: ['/', '/assets/…'] }`, read by the service worker at install)
 * and returns the list; null when the build wrote no manifest.
 */
export function writeShell(dir) {
  const manifestFile = path.join(dir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has('/' + chunk.file)) return;
    files.add('/' + chunk.file);
    for (const css of chunk.css ?? []) files.add('/' + css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit('index.html');
  visit('components/rt-app.ts');
  const list = ['/', ...files];
  fs.writeFileSync(path.join(dir, 'shell.json'), JSON.stringify({ files: list }, null, 1) + '\n');
  // The manifest names source files; it is not served.
  fs.rmSync(path.join(dir, '.vite'), { recursive: true, force: true });
  return list;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? 'dist/client');
  const shell = writeShell(dir);
  for (const [file, bytes, br, gz] of precompress(dir)) {
    if (!file.endsWith('.map')) console.log(`${file}: ${bytes} bytes, brotli ${br}, gzip ${gz}`);
  }
  if (shell) {
    const size = (f) => (fs.existsSync(f + '.br') ? fs.statSync(f + '.br').size : fs.statSync(f).size);
    const total = shell.reduce((sum, f) => sum + size(path.join(dir, f === '/' ? 'index.html' : f)), 0);
    console.log(`app shell (shell.json): ${shell.length} files, ${total} bytes brotli`);
  }
}
