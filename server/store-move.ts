import { AccessStore } from './access/access-store.js';
import { PgAccessStore } from './access/pg-access-store.js';
import { AuditLog } from './access/audit.js';
import { PgAuditLog } from './access/pg-audit.js';
import { FieldHistory } from './access/history.js';
import { PgFieldHistory } from './access/pg-history.js';
import { SnapshotStore } from './store/snapshot-store.js';
import { PgSnapshotStore } from './store/pg-snapshot-store.js';
import { configOrExit } from './config.js';
import { createLogger } from './log.js';
import { copyPlans } from './store/move.js';
import { PlanStore } from './store/file-storage.js';
import { PgStorage } from './store/pg-storage.js';
import { redactDatabaseUrl, StorageUnavailableError } from './store/pg/connect.js';
import type { ServerStorage } from './store/storage.js';

const USAGE = 'usage: npm run store:move -- --to postgres|files   (reads DATA_DIR and DATABASE_URL; stop the server first)';

/**
 * `npm run store:move -- --to postgres` copies every plan of the file store in DATA_DIR (its
 * content, invite links, snapshots, audit trail and change journal) into the PostgreSQL database of DATABASE_URL; `--to files` the
 * other way. Plans the target already
 * holds are skipped, so a second run only copies what is new; the source is left as it is (a
 * fallback until you remove it). Exit codes: 0 done, 1 a copy failed, 2 usage or configuration,
 * 3 the database cannot be used.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const to = args[0] === '--to' ? args[1] : undefined;
  if ((to !== 'postgres' && to !== 'files') || args.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const config = configOrExit(process.env);
  if (!config.databaseUrl) {
    console.error(`DATABASE_URL must name the PostgreSQL database to copy ${to === 'postgres' ? 'to' : 'from'}. ${USAGE}`);
    return 2;
  }
  const log = createLogger(config.logLevel);
  const stores: ServerStorage[] = [];
  try {
    const files = await PlanStore.open(config.dataDir, log);
    stores.push(files);
    const db = await PgStorage.open({ url: config.databaseUrl, dataDir: config.dataDir, log });
    stores.push(db);
    const [from, target] = to === 'postgres' ? [files, db] : [db, files];
    const fileLinks = new AccessStore(files);
    const dbLinks = new PgAccessStore(db.pool);
    const links = to === 'postgres' ? { from: fileLinks, to: dbLinks } : { from: dbLinks, to: fileLinks };
    const fileSnaps = new SnapshotStore(files);
    const dbSnaps = new PgSnapshotStore(db.pool);
    const snapshots = to === 'postgres' ? { from: fileSnaps, to: dbSnaps } : { from: dbSnaps, to: fileSnaps };
    const fileAudit = new AuditLog(files);
    const dbAudit = new PgAuditLog(db.pool, log);
    const audit = to === 'postgres' ? { from: fileAudit, to: dbAudit } : { from: dbAudit, to: fileAudit };
    const fileHistory = new FieldHistory(files);
    const dbHistory = new PgFieldHistory(db.pool, log);
    const history = to === 'postgres' ? { from: fileHistory, to: dbHistory } : { from: dbHistory, to: fileHistory };
    const report = await copyPlans(from, target, log, { links, snapshots, audit, history });
    const where = `${config.dataDir} ${to === 'postgres' ? '->' : '<-'} ${redactDatabaseUrl(config.databaseUrl)}`;
    console.log(`${report.copied.length} plans copied, ${report.skipped.length} already there (${where})`);
    return 0;
  } catch (err) {
    if (err instanceof StorageUnavailableError) {
      console.error(`store:move cannot start: ${err.message}`);
      return 3;
    }
    console.error(`store:move failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    for (const s of stores) await s.close().catch(() => undefined);
  }
}

main().then((code) => process.exit(code));
