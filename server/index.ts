import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

/** Entry point: `node dist/server/index.js`. Reads the environment once, here and nowhere else. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  log.info(`Roundtable is running at ${running.url} (data in ${config.dataDir})`);
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
