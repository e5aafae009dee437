import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds the server (tsc -> dist/) once before the suite, because some tests run the real
 * server as a child process (to `kill -9` it), and builds the web client for browser tests.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  // tsc emits even when it finds type errors; those fail `npm run typecheck`, which runs first.
  spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'ignore',
  });
  if (!fs.existsSync(path.join(root, 'dist/server/index.js'))) throw new Error('the server build (tsc) produced no dist/server/index.js');
  // RT_SKIP_CLIENT_BUILD=1 saves the Vite build when only running server or shared tests.
  if (process.env.RT_SKIP_CLIENT_BUILD !== '1' && fs.existsSync(path.join(root, 'client/index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    // As `npm run build` does: Brotli and gzip copies, so browser tests get what users get.
    execFileSync(process.execPath, [path.join(root, 'scripts/precompress.mjs'), path.join(root, 'dist/client')], { cwd: root, stdio: 'ignore' });
  }
}
