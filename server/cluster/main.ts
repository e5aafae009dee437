import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { redactDatabaseUrl } from '../store/pg/connect.js';
import { startProxy, type Backend } from './proxy.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** One started node: its process and where it listens. */
interface Node {
  child: ChildProcess;
  backend: Backend;
}

/**
 * The PostgreSQL URL to use: DATABASE_URL, else the local cluster `.ci/postgres.sh` starts
 * (it installs Debian's `postgresql` if needed and needs root); null with a message when neither works.
 */
function databaseUrl(): string | null {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const run = spawnSync('bash', [path.join(ROOT, '.ci/postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = run.stdout?.trim().split('\n').pop();
  if (run.status !== 0 || !url) {
    console.error('npm run cluster: set DATABASE_URL, or run as root so .ci/postgres.sh can start a local PostgreSQL');
    return null;
  }
  return url;
}

/** Starts the built server with `env` and resolves once it announces its URL. */
function startNode(env: NodeJS.ProcessEnv, n: number): Promise<Node> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/index.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /\{"listening":"http:\/\/([^"]+):(\d+)"\}/.exec(out);
      if (m) {
        out = '';
        resolve({ child, backend: { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) } });
      }
    });
    child.once('exit', (code) => reject(new Error(`node ${n} exited with code ${code} before it listened`)));
  });
}

/**
 * `npm run cluster`: PostgreSQL (DATABASE_URL, or a local one through `.ci/postgres.sh`), NODES
 * Roundtable nodes (default 2) on it, each on a free port, and a round-robin TCP proxy on
 * PORT (default 8080) in front of them, for trying several nodes on one machine. The nodes
 * share DATA_DIR (default ./data). Ctrl-C stops the proxy and every node (each saves its plans).
 */
async function main(): Promise<number> {
  const nodes = Number(process.env.NODES ?? '2');
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 32) {
    console.error('NODES must be a whole number from 1 to 32');
    return 2;
  }
  const url = databaseUrl();
  if (!url) return 3;
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const port = Number(process.env.PORT ?? '8080');
  const env = { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', ROUNDTABLE_ANNOUNCE: '1' };
  const started: Node[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const n of started) n.child.kill('SIGTERM');
    await Promise.all(started.map((n) => new Promise((r) => (n.child.exitCode !== null ? r(null) : n.child.once('exit', r)))));
  };
  try {
    for (let i = 0; i < nodes; i++) started.push(await startNode(env, i + 1));
  } catch (err) {
    console.error(`npm run cluster: ${err instanceof Error ? err.message : String(err)}`);
    await stop();
    return 1;
  }
  const proxy = await startProxy(port, started.map((n) => n.backend), host);
  started.forEach((n, i) =>
    n.child.once('exit', (code, signal) => {
      if (!stopping) console.error(`node ${i + 1} (port ${n.backend.port}) stopped (${signal ?? code}); the proxy sends its clients to the others`);
    }),
  );
  console.log(
    `Roundtable: ${nodes} node(s) on ${redactDatabaseUrl(url)} (ports ${started.map((n) => n.backend.port).join(', ')}), round-robin proxy at http://${host}:${proxy.port}`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await proxy.close();
  await stop();
  return 0;
}

main().then((code) => process.exit(code));
