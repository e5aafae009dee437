import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { CLOSE } from '../shared/protocol.js';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './log.js';
import { PlanStore } from './store/plan-store.js';
import { PgStorage } from './store/pg-storage.js';
import type { ServerStorage } from './store/storage.js';
import { SnapshotStore } from './store/snapshot-store.js';
import { AccessStore, type LinkStore } from './access/access-store.js';
import { PgAccessStore } from './access/pg-access-store.js';
import { AuditLog } from './access/audit.js';
import { FieldHistory, type ChangeJournal } from './access/history.js';
import { PgFieldHistory } from './access/pg-history.js';
import { PgAuditLog } from './access/pg-audit.js';
import { PgSnapshotStore } from './store/pg-snapshot-store.js';
import { Sessions } from './access/sessions.js';
import { Registry } from './sync/registry.js';
import { attachSync } from './sync/ws.js';
import { PgCluster } from './store/pg/cluster.js';

/** A running Roundtable server. */
export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  /** The plan storage: the file store, or PostgreSQL when `databaseUrl` is set. */
  store: ServerStorage;
  registry: Registry;
  /** Stops accepting, closes every socket with 1001, stores every plan, releases the storage. Idempotent. */
  close(): Promise<void>;
}

/**
 * The storage the config asks for: PostgreSQL when `databaseUrl` is set (rejects with a
 * `StorageUnavailableError` when it cannot be used), else the file store in `dataDir`.
 */
export async function openStorage(config: Pick<Config, 'dataDir' | 'databaseUrl'>, log: Logger): Promise<ServerStorage> {
  if (config.databaseUrl) return PgStorage.open({ url: config.databaseUrl, dataDir: config.dataDir, log });
  return PlanStore.open(config.dataDir, log);
}

/**
 * Opens the store, recovers plans left with unfolded update logs, and serves HTTP and the
 * sync websocket on one port. Port 0 picks a free port (tests).
 */
export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const store = await openStorage(config, log);
  // Snapshots and the audit trail live beside the plan content: in PostgreSQL with DATABASE_URL.
  const audit = store instanceof PgStorage ? new PgAuditLog(store.pool, log) : new AuditLog(store);
  const snapshots = store instanceof PgStorage ? new PgSnapshotStore(store.pool) : new SnapshotStore(store);
  const sessions = new Sessions();
  // Several nodes on one database (README "Running on several machines"): notifications,
  // catch-up by sequence number, presence and revocations across nodes.
  let cluster: PgCluster | null = null;
  // The change journal too (SPEC FH1-FH4, CL7).
  const history: ChangeJournal = store instanceof PgStorage ? new PgFieldHistory(store.pool, log) : new FieldHistory(store);
  const registry = new Registry(store, config, log, audit, history, store instanceof PgStorage ? () => [cluster!.hook()] : null);
  if (store instanceof PgStorage) {
    cluster = new PgCluster({ url: config.databaseUrl!, store, room: (id) => registry.loaded(id), sessions, log, pollMs: config.clusterPollMs });
  }
  try {
    await registry.recover(store.plansWithPendingLogs());
  } catch (err) {
    await cluster?.close();
    await store.close().catch(() => undefined);
    throw err;
  }
  // Links live beside the plan content: in PostgreSQL with DATABASE_URL, else in access.json.
  const access: LinkStore = store instanceof PgStorage ? new PgAccessStore(store.pool) : new AccessStore(store);
  const app = createApp({ store, registry, snapshots, access, audit, history, sessions, config, log });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const sync = attachSync(server, { store, registry, access, sessions, config, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await registry.closeAll(CLOSE.goingAway, 'server failed to start');
    await cluster?.close();
    if (audit instanceof PgAuditLog) await audit.close();
    await store.close().catch(() => undefined);
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    store,
    registry,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        sync.close();
        await registry.closeAll(CLOSE.goingAway, 'server shutting down');
        // Closing rooms journal their last edits (SPEC PF4): write them before the store closes.
        await history.settle();
        server.closeAllConnections();
        await stopped;
        await cluster?.close();
        if (audit instanceof PgAuditLog) await audit.close();
        await store.close();
      })();
      return closing;
    },
  };
}
