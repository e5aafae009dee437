import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's websocket endpoint ('' when browser tests launch their own). */
    chromiumEndpoint: string;
  }
}

/**
 * Builds the server (tsc -> dist/) once before the suite, because some tests run the real
 * server as a child process (to `kill -9` it), and builds the web client for browser tests.
 * With the client built, it also starts ONE headless Chromium that every browser test file
 * connects to (launching a browser per file cost about 2 s of each file), and closes it after
 * the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const root = path.resolve(import.meta.dirname, '../..');
  // tsc emits even when it finds type errors; those fail `npm run typecheck`, which runs first.
  spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'ignore',
  });
  if (!fs.existsSync(path.join(root, 'dist/server/index.js'))) throw new Error('the server build (tsc) produced no dist/server/index.js');
  // RT_SKIP_CLIENT_BUILD=1 saves the Vite build when only running server or shared tests.
  if (process.env.RT_SKIP_CLIENT_BUILD !== '1' && fs.existsSync(path.join(root, 'client/index.html'))) {
    // A production build, as `npm run build` makes (vitest sets NODE_ENV=test, which would give a
    // build with `import.meta.env.PROD` false: every English namespace loaded by a top-level await).
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    // As `npm run build` does: Brotli and gzip copies, so browser tests get what users get.
    execFileSync(process.execPath, [path.join(root, 'scripts/precompress.mjs'), path.join(root, 'dist/client')], { cwd: root, stdio: 'ignore' });
    if (fs.existsSync(CHROMIUM)) {
      const browser = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      project.provide('chromiumEndpoint', browser.wsEndpoint());
      return () => browser.close();
    }
  }
  project.provide('chromiumEndpoint', '');
}
