// Writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of the built web
// client (default dist/client), so the server sends the 270 KB bundle as about a quarter of
// that to browsers that accept it (serveStatic's `precompressed`), with no compression work
// per request. Run by `npm run build` after Vite; `node scripts/precompress.mjs [dir]`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Smaller files gain too little to be worth a second request path. */
const MIN_BYTES = 1024;
/**
 * Brotli quality per file: the highest (11) for what pages load. Source maps are fetched only by
 * a browser's developer tools; at 11 they took three quarters of this script's time (1.4 MB of
 * map: about 10 s), at 9 they take 0.5 s and come out about 9 % bigger.
 */
const brotliQuality = (file) => (file.endsWith('.map') ? 9 : 11);
const brotliOptions = (file, data) => ({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file), [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });

/** The compressible files under `dir`, each with its old .br/.gz copies removed; the ones big enough to compress. */
function compressible(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (COMPRESSIBLE.test(entry.name)) {
        for (const stale of ['.br', '.gz']) fs.rmSync(file + stale, { force: true });
        if (fs.statSync(file).size >= MIN_BYTES) files.push(file);
      }
    }
  };
  walk(dir);
  return files;
}

/** Writes one file's copies; returns its `[file, bytes, brotli bytes, gzip bytes]` row. */
function written(dir, file, data, br, gz) {
  fs.writeFileSync(file + '.br', br);
  fs.writeFileSync(file + '.gz', gz);
  return [path.relative(dir, file), data.byteLength, br.byteLength, gz.byteLength];
}

/** Compresses every compressible file under `dir`; returns `[file, bytes, brotli bytes, gzip bytes]` rows. */
export function precompress(dir) {
  return compressible(dir).map((file) => {
    const data = fs.readFileSync(file);
    return written(dir, file, data, zlib.brotliCompressSync(data, brotliOptions(file, data)), zlib.gzipSync(data, { level: 9 }));
  });
}

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

/**
 * As {@link precompress}, with the same output, but the files are compressed on Node's thread
 * pool at once, so every core works (the build and the test run's global setup use this).
 * Resolves to the rows in the same order.
 */
export function precompressParallel(dir) {
  return Promise.all(
    compressible(dir).map(async (file) => {
      const data = fs.readFileSync(file);
      const [br, gz] = await Promise.all([brotliAsync(data, brotliOptions(file, data)), gzipAsync(data, { level: 9 })]);
      return written(dir, file, data, br, gz);
    }),
  );
}

/**
 * What a plan page's first visit loads on its default stage (preparatory: the Plan of Action view
 * and the stage panel) beyond the shell: their modules and the English namespaces they read
 * (`client/i18n-namespaces.ts`; tests/server/client-assets.test.ts holds this list to it).
 */
export const DEFAULT_VIEW = { modules: ['components/rt-poa.ts', 'components/rt-stage-panel.ts'], namespaces: ['poa', 'translations', 'cycle', 'stages', 'people'] };

/**
 * Modules the service worker keeps at install beside `firstLoad` (SPEC BL5), each its own chunk
 * since a plan page's first load does not carry it: the home page (so `/` opens offline), the
 * conflict tracker and the diff of "since you were last here" (so an offline reload has both),
 * and what the first click of the header may need (the Export menu's content, SPEC BL6).
 */
export const PRECACHE_MORE = [
  'components/rt-home.ts',
  'state/conflicts.ts',
  '../shared/domain/last-seen.ts',
  // A refusal or an unreachable server is worded from `refusals` (SPEC L21, L39), even offline.
  ...['en', 'fr', 'es', 'ar'].map((l) => `../shared/i18n/${l}/refusals.ts`),
  // The Export menu's content and its texts (SPEC BL6): the menu opens offline too.
  'components/export-menu-body.ts',
  ...['en', 'fr', 'es', 'ar'].map((l) => `../shared/i18n/${l}/export.ts`),
];

/**
 * The app shell of the built client in `dir`, read from Vite's `.vite/manifest.json`, written to
 * `dir/shell.json` (read by the service worker) and returned:
 * - `files`: '/', the entry and the chunks the page needs before its first screen (the entry's
 *   static imports and `rt-app`'s, followed transitively): precached at install. The lazy views,
 *   panels and other languages are not in it.
 * - `firstLoad`: `files` plus the default view's chunks and namespaces ({@link DEFAULT_VIEW}), the
 *   set whose size SPEC BL1 and BL5 bound.
 * - `precache`: `firstLoad` plus {@link PRECACHE_MORE}: what the service worker fetches at install.
 * - `assets`: every file of this build under /assets/ (the service worker drops cached assets of
 *   older builds at activation, SPEC BL3).
 * - `build`: an id of this build (a hash of `assets`), written into `sw.js` so each build installs
 *   a new service worker.
 * Returns null when the build wrote no manifest.
 */
export function writeShell(dir) {
  const manifestFile = path.join(dir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const closure = (keys) => {
    const files = new Set();
    const visit = (key) => {
      const chunk = manifest[key];
      if (!chunk) throw new Error(`the client build has no ${key}`);
      if (files.has('/' + chunk.file)) return;
      files.add('/' + chunk.file);
      for (const css of chunk.css ?? []) files.add('/' + css);
      for (const dep of chunk.imports ?? []) visit(dep);
    };
    for (const key of keys) visit(key);
    return ['/', ...files];
  };
  const files = closure(['index.html', 'components/rt-app.ts']);
  const firstLoadKeys = ['index.html', 'components/rt-app.ts', ...DEFAULT_VIEW.modules, ...DEFAULT_VIEW.namespaces.map((ns) => `../shared/i18n/en/${ns}.ts`)];
  const firstLoad = closure(firstLoadKeys);
  const precache = closure([...firstLoadKeys, ...PRECACHE_MORE]);
  const assets = fs
    .readdirSync(path.join(dir, 'assets'))
    .filter((f) => !/\.(map|br|gz)$/.test(f))
    .sort()
    .map((f) => `/assets/${f}`);
  const build = crypto.createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16);
  fs.writeFileSync(path.join(dir, 'shell.json'), JSON.stringify({ build, files, firstLoad, precache, assets }, null, 1) + '\n');
  const sw = path.join(dir, 'sw.js');
  if (fs.existsSync(sw)) fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/^const BUILD = '[^']*';/m, `const BUILD = '${build}';`));
  // The manifest names source files; it is not served.
  fs.rmSync(path.join(dir, '.vite'), { recursive: true, force: true });
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? 'dist/client');
  const shell = writeShell(dir);
  for (const [file, bytes, br, gz] of await precompressParallel(dir)) {
    if (!file.endsWith('.map')) console.log(`${file}: ${bytes} bytes, brotli ${br}, gzip ${gz}`);
  }
  if (shell) {
    const size = (f) => (fs.existsSync(f + '.br') ? fs.statSync(f + '.br').size : fs.statSync(f).size);
    const total = shell.reduce((sum, f) => sum + size(path.join(dir, f === '/' ? 'index.html' : f)), 0);
    console.log(`app shell (shell.json): ${shell.length} files, ${total} bytes brotli`);
  }
}
