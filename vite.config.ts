import { defineConfig } from 'vite';

/**
 * The web client: sources in client/, built to dist/client (served by the Roundtable server).
 * In development (`npx vite`), API and sync calls go to a server on :8080.
 */
export default defineConfig({
  root: 'client',
  // Always the production builds of dependencies (Lit's dev mode is picked by NODE_ENV otherwise,
  // and the test run builds with NODE_ENV=test).
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // .vite/manifest.json: scripts/precompress.mjs derives the app shell (shell.json) from it.
    manifest: true,
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !/\/shared\//.test(id) } },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
