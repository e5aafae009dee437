import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of one test's own (initdb in a temporary folder, Debian's binaries), so
 * the test can stop and start it without disturbing the shared test cluster other tests use.
 * As root (CI) the server runs as the `postgres` user, which owns the folder.
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on 127.0.0.1 only). */
  url: string;
  /** Stops the server (`pg_ctl stop -m <mode>`): `fast` ends every session and checkpoints; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): void;
  /** Stops it (if running) and removes its folder. */
  destroy(): void;
}

/** The newest Debian PostgreSQL `bin` folder, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb'))).sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? path.join(base, versions[versions.length - 1]!, 'bin') : null;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * Creates and starts a throwaway server. Throws (the test fails, it does not skip) when
 * PostgreSQL's binaries are missing: wherever RT_TEST_DATABASE_URL is set, `.ci/postgres.sh`
 * installed them.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (install Debian\'s postgresql package)');
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-pg-'));
  const data = path.join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const file = path.join(bin, cmd);
    if (root) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
    else execFileSync(file, args, { stdio: 'pipe' });
  };
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=40 -c shared_buffers=16MB`;
  let running = false;
  const api: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', path.join(dir, 'log'), '-o', options]);
      running = true;
    },
    stop(mode = 'fast') {
      run('pg_ctl', ['stop', '-D', data, '-w', '-t', '60', '-m', mode]);
      running = false;
    },
    destroy() {
      try {
        if (running) api.stop('immediate');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    api.start();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return api;
}
