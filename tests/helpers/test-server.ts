import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES, type Role } from '../../shared/access.js';
import { parseConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { afterAll, beforeAll } from 'vitest';

/** A fresh temporary data folder; removed by `removeDir`. */
export function tempDir(prefix = 'roundtable-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Config for tests: port 0 on 127.0.0.1, silent, the given data folder. */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return parseConfig({}, { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...overrides });
}

/** Starts the real server in this process on port 0. */
export async function startTestServer(dataDir: string, overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config = testConfig(dataDir, overrides);
  return startServer(config, createLogger(config.logLevel));
}

/** `ws://host:port/sync`, the serverUrl a stock WebsocketProvider takes. */
export function syncUrl(server: { url: string }): string {
  return server.url.replace(/^http/, 'ws') + '/sync';
}

/** Invite tokens of the plans tests created, by plan id and role. */
const tokens = new Map<string, Record<Role, string>>();

/** Remembers the tokens of a create/import/fork answer (`links` are page URLs with ?token=). */
export function rememberLinks(body: { id: string; links: Record<Role, string> }): void {
  const byRole = {} as Record<Role, string>;
  for (const role of ROLES) byRole[role] = new URL(body.links[role]).searchParams.get('token')!;
  tokens.set(body.id, byRole);
}

/** The token of a plan this test run created (editor by default). */
export function tokenFor(planId: string, role: Role = 'editor'): string {
  const t = tokens.get(planId)?.[role];
  if (!t) throw new Error(`no ${role} token known for plan ${planId}`);
  return t;
}

/** `{ authorization: 'Bearer <token>' }` for a plan and role. */
export function auth(planId: string, role: Role = 'facilitator'): Record<string, string> {
  return { authorization: `Bearer ${tokenFor(planId, role)}` };
}

/** Creates a plan over HTTP, remembers its invite tokens and returns its id. */
export async function createPlan(server: { url: string }, title = 'Test plan'): Promise<string> {
  const res = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; links: Record<Role, string> };
  rememberLinks(body);
  return body.id;
}

/** The built server (dist/) running as a child process, so tests can kill -9 it. */
export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Waits for the process to exit. */
  exited: Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `node dist/server/index.js` on port 0 and resolves once it announces its URL. */
export function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/index.js')], {
    // DATABASE_URL from the developer's shell never leaks in: a test asks for PostgreSQL in `env`.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ROUNDTABLE_ANNOUNCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('child server did not start in time')), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /\{"listening":"([^"]+)"\}/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve({ url: line[1]!, child, exited });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited with ${code} before starting`));
    });
  });
}

/**
 * Starts the real server in a fresh data folder before the tests of the calling file or
 * `describe` block and stops it (removing the folder) after them; read `.server` inside tests.
 */
export function serverForTests(overrides: Partial<Config> = {}): { readonly server: RunningServer } {
  let dir = '';
  let running: RunningServer | null = null;
  beforeAll(async () => {
    dir = tempDir();
    running = await startTestServer(dir, overrides);
  });
  afterAll(async () => {
    await running?.close();
    removeDir(dir);
  });
  return {
    get server(): RunningServer {
      if (!running) throw new Error('the test server is not started yet');
      return running;
    },
  };
}
