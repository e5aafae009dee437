import { defineConfig } from 'vitest/config';

/** What every project of the run shares (see `projects` below). */
const common = { environment: 'node', testTimeout: 20_000, hookTimeout: 60_000, pool: 'forks' } as const;

/** Node tests of the server and the shared code, and the repository's own checks. */
const PURE = ['tests/shared/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/architecture/**/*.test.ts', 'tests/ci/**/*.test.ts', 'tests/bench/**/*.test.ts'];

/**
 * One run for the whole suite. Node is the default environment; component tests opt into
 * happy-dom with a `// @vitest-environment happy-dom` comment at the top of the file. The global
 * setup (builds, the shared Chromium) runs once, for the root.
 *
 * Projects:
 * - `pure` runs its files one after another in ONE process (`isolate: false`): each file used to
 *   pay a fresh process and a fresh import of Yjs, Hono and the server (about 0.5 s a file). These
 *   tests keep no global state between files: no module mocks, stubbed globals or environment,
 *   fake timers or process listeners; each starts and closes its own servers, rooms and stores.
 * - `e2e` (Chromium) likewise: each file has its own server (`useBrowserSuite`) and its own
 *   contexts on the run's one Chromium, and imports playwright-core, Yjs and the server once.
 * - `client` (happy-dom components) keeps a fresh process per file: each file gets its own
 *   window, where the components' modules must run again to define their custom elements.
 */
export default defineConfig({
  test: {
    ...common,
    globalSetup: ['tests/helpers/global-setup.ts'],
    projects: [
      { test: { ...common, name: 'pure', include: PURE, isolate: false } },
      { test: { ...common, name: 'client', include: ['tests/client/**/*.test.ts'] } },
      { test: { ...common, name: 'e2e', include: ['tests/e2e/**/*.test.ts'], isolate: false } },
    ],
  },
});
