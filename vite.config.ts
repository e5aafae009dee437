import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { BOOT_PICKS } from './client/i18n-namespaces.js';
import { DEFAULT_VIEW } from './scripts/precompress.mjs';
import enCatalogue from './shared/i18n/en/index.js';

/** `lib0/schema`: it only defines values; nothing it defines is used once {@link lib0Pure} applies. */
const LIB0_PURE = /[\\/]node_modules[\\/]lib0[\\/]schema\.js$/;
/** `lib0/dom`, whose top-level `$.$custom(...)` schema values are the only users of `lib0/schema`. */
const LIB0_DOM = /[\\/]node_modules[\\/]lib0[\\/]dom\.js$/;

/**
 * Yjs imports `lib0/logging`, which imports `lib0/dom` for its browser console; `lib0/dom` builds
 * three schema values at its top level (`$.$custom(...)`), calls the bundler must keep as possible
 * effects, and with them all of `lib0/schema` (about 7 KB, 2 KB brotli) rode in the first screen
 * though nothing reads them (SPEC BL6). Marking those calls pure lets an unused one go.
 */
function lib0Pure(): Plugin {
  return {
    name: 'rt-lib0-pure',
    apply: 'build',
    transform(code, id) {
      if (!LIB0_DOM.test(id)) return null;
      return { code: code.replace(/= \$\.\$custom\(/g, '= /* @__PURE__ */ $.$custom('), map: null };
    },
  };
}

/** The entry: it sets the reader's language, then imports {@link APP}. */
const MAIN = path.resolve(import.meta.dirname, 'client/main.ts');
/** The module whose static imports make the page's first screen (the entry imports it once the language is set). */
const APP = path.resolve(import.meta.dirname, 'client/components/rt-app.ts');

/**
 * Every module the first screen needs beyond the entry's own: `rt-app` and its static imports,
 * followed transitively, less the entry's static imports (i18n), which must run before `rt-app` is
 * defined (filled at the end of the module graph, read when chunks are made). They go into one
 * `rt-app` chunk, so a first visit on a poor link makes one request for them instead of a dozen
 * (each response also carries about 1 KB of headers).
 */
const appModules = new Set<string>();
/** The entry's static imports (i18next, the English boot namespaces): the `i18n` chunk, loaded beside the entry. */
const entryModules = new Set<string>();
/**
 * The default view's code (the stage panel and the Plan of Action, `DEFAULT_VIEW` in
 * scripts/precompress.mjs, and what they import that the first screen does not already hold): one
 * `first-view` chunk (SPEC BL5). Its English texts: one `first-view-texts` chunk. As 16 files they
 * were 18 KB brotli (each compressed alone, those under 1 KB sent as they are); as two, 14 KB.
 * Left out of `first-view`: what a lazily loaded module other than a view or panel also imports
 * (conflict notices, "since you were last here", derived values, the home page). Those load outside
 * `client/views.ts`, which loads the first view's texts before any view or panel module
 * (`loadView`), so importing this chunk never defines an element before its texts are in.
 */
const firstViewModules = new Set<string>();
/** The default view's English namespaces (pure data): the `first-view-texts` chunk. */
const firstViewTexts = new Set<string>();
const CLIENT = path.resolve(import.meta.dirname, 'client');
/** The view list (its lazy imports are the views and panels) and the catalogue loader. */
const VIEWS = path.join(CLIENT, 'views.ts');
const I18N = path.join(CLIENT, 'i18n.ts');

/** Records {@link appModules} once the module graph is complete. */
function appClosure(): Plugin {
  return {
    name: 'rt-app-closure',
    apply: 'build',
    buildEnd() {
      const closure = (start: string): Set<string> => {
        const seen = new Set<string>();
        const queue = [start];
        while (queue.length) {
          const id = queue.pop()!;
          if (seen.has(id)) continue;
          seen.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const entry = closure(MAIN);
      entryModules.clear();
      for (const id of entry) if (id !== MAIN) entryModules.add(id);
      appModules.clear();
      const app = closure(APP);
      for (const id of app) if (!entry.has(id)) appModules.add(id);
      firstViewModules.clear();
      firstViewTexts.clear();
      for (const ns of DEFAULT_VIEW.namespaces) {
        const id = path.resolve(import.meta.dirname, `shared/i18n/en/${ns}.ts`);
        if (!entry.has(id) && !app.has(id)) firstViewTexts.add(id);
      }
      // Modules imported lazily from anywhere but the view list and the catalogue loader.
      const early = new Set<string>();
      for (const id of this.getModuleIds()) {
        if (id === VIEWS || id === I18N) continue;
        for (const lazy of this.getModuleInfo(id)?.dynamicallyImportedIds ?? []) for (const m of closure(lazy)) early.add(m);
      }
      for (const m of DEFAULT_VIEW.modules)
        for (const id of closure(path.join(CLIENT, m))) if (!entry.has(id) && !app.has(id) && !early.has(id) && !firstViewTexts.has(id)) firstViewModules.add(id);
    },
  };
}

/** `client/i18n-picks.ts`: the English boot namespaces the first screen reads in part. */
const PICKS = path.resolve(import.meta.dirname, 'client/i18n-picks.ts');

/**
 * Replaces {@link PICKS}' code with only the picked top-level keys of each namespace (`BOOT_PICKS`,
 * SPEC BL5), read from the English catalogue itself; a pick the catalogue lacks fails the build.
 */
function bootPicks(): Plugin {
  return {
    name: 'rt-boot-picks',
    apply: 'build',
    transform(_code, id) {
      if (id !== PICKS) return null;
      const out: Record<string, Record<string, unknown>> = {};
      for (const [ns, keys] of Object.entries(BOOT_PICKS)) {
        const messages = (enCatalogue as Record<string, Record<string, unknown>>)[ns];
        out[ns] = {};
        for (const key of keys) {
          if (messages?.[key] === undefined) this.error(`BOOT_PICKS names ${ns}:${key}, which the English catalogue lacks`);
          out[ns][key] = messages[key];
        }
      }
      return { code: `export default ${JSON.stringify(out)};\n`, map: null };
    },
  };
}

/**
 * The web client: sources in client/, built to dist/client (served by the Roundtable server).
 * In development (`npx vite`), API and sync calls go to a server on :8080.
 */
export default defineConfig({
  root: 'client',
  // Always the production builds of dependencies (Lit's dev mode is picked by NODE_ENV otherwise,
  // and the test run builds with NODE_ENV=test).
  resolve: { conditions: ['module', 'browser', 'production'] },
  plugins: [appClosure(), bootPicks(), lib0Pure()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // .vite/manifest.json: scripts/precompress.mjs derives the app shell (shell.json) from it.
    manifest: true,
    rolldownOptions: {
      // shared/ is pure code (no module runs for its effects), so a module nothing uses is left
      // out, even when a barrel such as shared/model.ts re-exports it: library data, seeds and
      // domain code reach only the chunks of the views that call them (issue 16, poor links).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]/.test(id) && !LIB0_PURE.test(id) },
      output: {
        codeSplitting: {
          groups: [
            { name: 'i18n', test: (id: string) => entryModules.has(id), priority: 2 },
            { name: 'rt-app', test: (id: string) => appModules.has(id), priority: 1 },
            { name: 'first-view', test: (id: string) => firstViewModules.has(id), priority: 1, includeDependenciesRecursively: false },
            { name: 'first-view-texts', test: (id: string) => firstViewTexts.has(id), priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
