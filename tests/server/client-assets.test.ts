import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, precompress } from '../../scripts/precompress.mjs';
import { BOOT_PICKS, VIEW_NAMESPACES } from '../../client/i18n-namespaces.js';
import type { RunningServer } from '../../server/server.js';
import { startTestServer } from '../helpers/test-server.js';

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('the web client is sent compressed (issue 16: no 270 KB bundle in the clear)', () => {
  let dir: string;
  let server: RunningServer;
  const script = 'export const lines = [\n' + Array.from({ length: 800 }, (_, i) => `  "line ${i} of a bundle that compresses well",`).join('\n') + '\n];\n';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-assets-'));
    const clientDir = path.join(dir, 'client');
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Roundtable</title><script type="module" src="/assets/app-1.js"></script>');
    fs.writeFileSync(path.join(clientDir, 'assets/app-1.js'), script);
    fs.writeFileSync(path.join(clientDir, 'assets/tiny-1.js'), 'export {};\n');
    const rows = precompress(clientDir);
    expect(rows.map((r) => r[0])).toEqual([path.join('assets', 'app-1.js')]);
    server = await startTestServer(path.join(dir, 'data'), { clientDir });
  });

  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends Brotli to a browser that accepts it, gzip to one that only takes gzip, and the plain file otherwise', async () => {
    const url = `${server.url}/assets/app-1.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect([br.status, br.headers['content-encoding'], br.headers['vary']]).toEqual([200, 'br', 'Accept-Encoding']);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.byteLength).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.headers['content-security-policy']).toContain("default-src 'none'");
    expect(br.headers['cache-control']).toContain('immutable');

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves files too small to gain as they are', async () => {
    const tiny = await rawGet(`${server.url}/assets/tiny-1.js`, { 'accept-encoding': 'br' });
    expect([tiny.status, tiny.headers['content-encoding'], tiny.body.toString()]).toEqual([200, undefined, 'export {};\n']);
  });
});

describe('a plan page\'s first load on a poor link (issue 16, SPEC BL1)', () => {
  const dist = path.resolve(import.meta.dirname, '../../dist/client');

  type Shell = { files: string[]; firstLoad: string[]; precache: string[]; assets: string[]; build: string };
  const readShell = (): Shell => {
    const shellFile = path.join(dist, 'shell.json');
    if (!fs.existsSync(shellFile)) throw new Error(`${shellFile} is missing: build the client (npm run build, or run without RT_SKIP_CLIENT_BUILD)`);
    return JSON.parse(fs.readFileSync(shellFile, 'utf8')) as Shell;
  };
  const name = (f: string) => /^\/assets\/(.+)-[\w-]{8}\.(js|css)$/.exec(f)?.[1] ?? f;
  /** Every source file of the first screen's chunks (absolute paths), from their source maps. */
  const firstScreenSources = (shell: Shell): Set<string> => {
    const sources = new Set<string>();
    for (const f of shell.firstLoad.filter((x) => x.endsWith('.js'))) {
      const map = path.join(dist, f + '.map');
      if (!fs.existsSync(map)) continue;
      for (const src of (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources) sources.add(path.resolve(path.dirname(map), src));
    }
    return sources;
  };

  it('[BL1][BL5] a plan page\'s first screen, its default view included, is at most 120 KB brotli', () => {
    const shell = readShell();
    // The default stage (preparatory) shows the Plan of Action view under the stage panel.
    expect(DEFAULT_VIEW.namespaces).toEqual([...VIEW_NAMESPACES.poa, ...VIEW_NAMESPACES.stage]);
    const names = shell.firstLoad.map(name);
    expect(names).toEqual(expect.arrayContaining(['/', 'index', 'i18n', 'rt-app', 'rt-poa', 'rt-stage-panel', 'poa', 'cycle', 'first-view', 'first-view-texts']));
    expect(shell.firstLoad).toEqual(expect.arrayContaining(shell.files));
    // Library data, seeds, the full codelists and the other screens' code stay out of it.
    expect(names.filter((n) => /codelists|library-data|consult-seeds|rt-matrix|rt-scoring|rt-monitoring|derived/.test(n))).toEqual([]);
    expect(shell.assets).toEqual(expect.arrayContaining(shell.firstLoad.filter((f) => f !== '/')));
    expect(shell.build).toMatch(/^[0-9a-f]{16}$/);
    expect(fs.readFileSync(path.join(dist, 'sw.js'), 'utf8')).toContain(`const BUILD = '${shell.build}';`);

    const brotli = (f: string) => {
      const file = path.join(dist, f === '/' ? 'index.html' : f);
      return fs.existsSync(file + '.br') ? fs.statSync(file + '.br').size : zlib.brotliCompressSync(fs.readFileSync(file)).byteLength;
    };
    // Until the name dialog (what bench/first-load.mjs measures): html, entry, i18n, rt-app.
    const shellBytes = shell.files.reduce((sum, f) => sum + brotli(f), 0);
    expect(shellBytes, `shell ${shellBytes} bytes brotli`).toBeLessThanOrEqual(120 * 1024);
    // [BL5] With the default view's chunks and texts (the bound holds for the whole first screen).
    const total = shell.firstLoad.reduce((sum, f) => sum + brotli(f), 0);
    expect(total, `first load ${total} bytes brotli`).toBeLessThanOrEqual(120 * 1024);
  });

  it('[BL5] the first screen leaves out the issue texts, the diff, conflict notices and the home page; the service worker keeps them too', () => {
    const shell = readShell();
    const names = shell.firstLoad.map(name);
    // Chunks named after what they hold (the English namespaces of issues, monitoring and the timeline,
    // the semantic diff, the conflict tracker, "since you were last here", the home page, the gate's refusals L25).
    expect(names.filter((n) => /^(issue-text|issues|monitoring|timeline|diff|conflicts|last-seen|rt-home|rt-since|gate)$/.test(n))).toEqual([]);
    expect(shell.precache).toEqual(expect.arrayContaining(shell.firstLoad));
    expect(shell.precache.map(name)).toEqual(expect.arrayContaining(['rt-home', 'conflicts', 'last-seen']));
  });

  it('[BL5] the first view\'s chunk is imported only by views and panels (which load its texts first), never by the conflict notices, the diff of "since you were last here", derived values or the home page', () => {
    const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const firstView = assets.filter((f) => name(`/assets/${f}`) === 'first-view');
    expect(firstView).toHaveLength(1);
    const importsOf = (f: string): string[] => [...fs.readFileSync(path.join(dist, 'assets', f), 'utf8').matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]!);
    const staticClosure = (f: string): Set<string> => {
      const seen = new Set<string>();
      const queue = [f];
      while (queue.length) {
        const g = queue.pop()!;
        if (seen.has(g)) continue;
        seen.add(g);
        queue.push(...importsOf(g));
      }
      return seen;
    };
    const early = assets.filter((f) => /^(conflicts|last-seen|derived|rt-home)$/.test(name(`/assets/${f}`)));
    expect(early.map((f) => name(`/assets/${f}`)).sort()).toEqual(['conflicts', 'derived', 'last-seen', 'rt-home']);
    for (const f of early) expect([...staticClosure(f)].filter((g) => firstView.includes(g)), f).toEqual([]);
  });

  it('[L45] the code pickers\' codelists chunk holds English names only; each language\'s names are a chunk of their own, imported only on demand', () => {
    const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const read = (f: string) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8');
    const named = (n: string) => assets.filter((f) => name(`/assets/${f}`) === n);
    const lists = named('codelists');
    expect(lists).toHaveLength(1);
    const code = read(lists[0]!);
    // The chunks the codelists chunk imports on demand (another lazy chunk may share a language's name: the library text's `fr.json`).
    const imported = [...code.matchAll(/import\(`\.\/([\w.-]+\.js)`\)/g)].map((m) => m[1]!);
    const namesChunks = ['fr', 'es', 'ar'].map((l) => {
      const files = imported.filter((f) => name(`/assets/${f}`) === l);
      expect(files, l).toHaveLength(1);
      return files[0]!;
    });
    // The codelists chunk imports each names chunk dynamically; no chunk imports one statically.
    for (const f of namesChunks) expect(code).toContain(`import(\`./${f}\`)`);
    for (const f of assets) expect([...read(f).matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]).filter((g) => namesChunks.includes(g!)), f).toEqual([]);
    expect(code).toContain('Facilitation of orderly, safe, regular and responsible migration and mobility');
    for (const other of ['Faciliter la migration et la mobilité', 'Facilitar la migración y la movilidad', 'تيسير الهجرة']) expect(code).not.toContain(other);
    expect(read(namesChunks[1]!)).toContain('Facilitar la migración y la movilidad');
    // Back to its size before French names rode along (stop 15: 35 KB brotli with them).
    const br = path.join(dist, 'assets', lists[0]! + '.br');
    const bytes = fs.existsSync(br) ? fs.statSync(br).size : zlib.brotliCompressSync(Buffer.from(code)).byteLength;
    expect(bytes, `codelists chunk ${bytes} bytes brotli`).toBeLessThanOrEqual(21 * 1024);
  });

  it('[L134] another language\'s boot namespaces are one chunk per language, fetched in one request: no proxy chunk re-exports from it', () => {
    const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const read = (f: string) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8');
    for (const l of ['fr', 'es', 'ar']) {
      const boot = assets.filter((f) => name(`/assets/${f}`) === `i18n-${l}`);
      expect(boot, l).toHaveLength(1);
      // Its own words (the join dialog's), and every boot namespace in it.
      const code = read(boot[0]!);
      expect(code, l).toContain({ fr: 'Votre nom ou un pseudonyme', es: 'Su nombre o un seudónimo', ar: 'اسمك أو اسم مستعار' }[l]);
      // A chunk that only re-exports from it would be one more request on a first visit (7 of them cost about 7 KB of headers).
      const proxies = assets.filter((f) => new RegExp(`^export\\{[^}]*\\}from"\\./${boot[0]!.replace(/[.$-]/g, '\\$&')}";?\\s*$`).test(read(f)));
      expect(proxies, l).toEqual([]);
    }
  });

  it('[BL5] every message of a picked boot namespace the first screen asks for is picked (no raw key before the namespace loads whole)', () => {
    const shell = readShell();
    // The client sources of the first screen's chunks, from their source maps.
    const sources = new Set([...firstScreenSources(shell)].filter((file) => file.includes(`${path.sep}client${path.sep}`) && !file.includes('node_modules')));
    expect(sources.size).toBeGreaterThan(20);
    const picks = BOOT_PICKS as Record<string, readonly string[]>;
    const asked: string[] = [];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`](\w+):([\w$]+)/g)) if (m[1]! in picks) asked.push(`${m[1]}:${m[2]}`);
    }
    expect(asked).toEqual(expect.arrayContaining(['sectors:title', 'sectors:open', 'consult:heading', 'library:title']));
    expect(asked.filter((k) => !picks[k.split(':')[0]!]!.includes(k.split(':')[1]!))).toEqual([]);
    // The built English boot set holds the picked messages and not the rest of those namespaces.
    const i18nChunk = shell.files.find((f) => name(f) === 'i18n')!;
    const code = fs.readFileSync(path.join(dist, i18nChunk), 'utf8');
    expect(code).toContain('Sector checklists');
    expect(code).not.toContain('Fourteen sectors');
  });

  it('[BL6] the first screen carries only what it uses: no Export menu content, API routes, comment rules, matrix or criteria commands, sector checklists or lib0 schemas', () => {
    const shell = readShell();
    const root = path.resolve(import.meta.dirname, '../..');
    const sources = [...firstScreenSources(shell)].map((f) => (f.includes('node_modules') ? f.slice(f.lastIndexOf('node_modules')) : path.relative(root, f)).split(path.sep).join('/'));
    // What the first screen does use of those modules is there (the analysis reads the right maps).
    expect(sources).toEqual(
      expect.arrayContaining([
        'client/components/rt-export-menu.ts',
        'client/state/api.ts',
        'shared/domain/comment-targets.ts',
        'shared/commands/node-fields.ts',
        'shared/commands/criteria-lock.ts',
        'node_modules/yjs/dist/yjs.mjs',
      ]),
    );
    const leftOut = /^(client\/components\/export-menu-body\.ts|client\/state\/(exports|api-routes)\.ts|shared\/domain\/(comments|sectors)\.ts|shared\/commands\/(nodes|criteria)\.ts|shared\/i18n\/en\/export\.ts|node_modules\/lib0\/schema\.js)$/;
    expect(sources.filter((s) => leftOut.test(s))).toEqual([]);
    // The Export menu's content and its English texts are prefetched and precached, so its first opening needs no network.
    expect(shell.precache.map(name)).toEqual(expect.arrayContaining(['export-menu-body', 'export']));
    expect(shell.firstLoad.map(name)).not.toContain('export-menu-body');
  });
});
