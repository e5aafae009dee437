import { configOrExit } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';
import { redactDatabaseUrl, StorageUnavailableError } from './store/pg/connect.js';

/**
 * Entry point: `node dist/server/index.js`. Reads the environment once, here and nowhere else.
 * Exit codes: 2 invalid configuration, 3 storage unusable at start (PostgreSQL unreachable,
 * login refused, schema too new), 1 anything else.
 */
async function main(): Promise<void> {
  const config = configOrExit(process.env);
  const log = createLogger(config.logLevel);
  let running;
  try {
    running = await startServer(config, log);
  } catch (err) {
    if (err instanceof StorageUnavailableError) {
      // One clear line, no stack trace: the operator fixes DATABASE_URL or starts the database.
      console.error(`Roundtable cannot start: ${err.message}`);
      process.exit(3);
    }
    throw err;
  }
  const where = config.databaseUrl ? `plans in ${redactDatabaseUrl(config.databaseUrl)}, files in ${config.dataDir}` : `data in ${config.dataDir}`;
  log.info(`Roundtable is running at ${running.url} (${where})`);
  // Tests and scripts that start the server as a child read this line to learn the port.
  if (process.env.ROUNDTABLE_ANNOUNCE === '1') process.stdout.write(JSON.stringify({ listening: running.url }) + '\n');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: saving every plan, then stopping`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Roundtable failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
