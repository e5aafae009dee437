import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { precompressParallel, writeShell } from '../../scripts/precompress.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';
import { transpileServer } from './transpile-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's websocket endpoint ('' when browser tests launch their own). */
    chromiumEndpoint: string;
  }
}

/** Runs a Node script to its end; rejects when it fails. */
function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} failed (${signal ?? code})`))));
  });
}

/** Milliseconds since `start`, for the timing line RT_SETUP_TIMES=1 prints. */
const since = (start: number): number => Math.round(performance.now() - start);

/**
 * Builds what the tests run before the suite, in parallel:
 * - the server (dist/server, dist/shared), because some tests run the real server as a child
 *   process (to `kill -9` it) and the heavy-work thread runs its built file. This is a transpile
 *   of each file (tests/helpers/transpile-server.ts), not tsc: `npm test` runs `npm run typecheck`
 *   first, which proves the types; `npm run build` stays on tsc.
 * - the web client for browser tests (a production Vite build in a child process, then its
 *   Brotli and gzip copies, as `npm run build` makes them);
 * - ONE headless Chromium that every browser test file connects to (launching a browser per file
 *   cost about 2 s of each file), closed after the run.
 * RT_SKIP_CLIENT_BUILD=1 saves the client build and the browser when only running server or
 * shared tests. RT_SETUP_TIMES=1 prints how long each step took.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const start = performance.now();
  const times: string[] = [];
  const buildClient = process.env.RT_SKIP_CLIENT_BUILD !== '1' && fs.existsSync(path.join(root, 'client/index.html'));
  // A production build, as `npm run build` makes (vitest sets NODE_ENV=test, which would give a
  // build with `import.meta.env.PROD` false: every English namespace loaded by a top-level await).
  const client = buildClient
    ? runNode([path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], root, { ...process.env, NODE_ENV: 'production' }).then(async () => {
        times.push(`vite build ${since(start)} ms`);
        const dir = path.join(root, 'dist/client');
        const compressing = performance.now();
        // As `npm run build` does: the app shell, then Brotli and gzip copies, so browser tests get what users get.
        writeShell(dir);
        await precompressParallel(dir);
        times.push(`precompress ${since(compressing)} ms`);
      })
    : Promise.resolve();
  // While Vite builds in its own process (and even if it fails: it is awaited below).
  const browser = buildClient && fs.existsSync(CHROMIUM) ? chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }) : null;
  browser?.catch(() => {});
  try {
    const transpiling = performance.now();
    await transpileServer(root);
    times.push(`server transpile ${since(transpiling)} ms`);
    if (!fs.existsSync(path.join(root, 'dist/server/index.js'))) throw new Error('the server build produced no dist/server/index.js');
    await client;
  } catch (e) {
    await (await browser?.catch(() => null))?.close();
    throw e;
  }
  if (process.env.RT_SETUP_TIMES === '1') console.log(`global setup: ${times.join(', ')}; all ${since(start)} ms`);
  if (browser) {
    const server = await browser;
    project.provide('chromiumEndpoint', server.wsEndpoint());
    return () => server.close();
  }
  project.provide('chromiumEndpoint', '');
}
