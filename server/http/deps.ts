import type { Role } from '../../shared/access.js';
import type { LinkStore } from '../access/access-store.js';
import type { Actor, AuditTrail } from '../access/audit.js';
import type { ChangeJournal } from '../access/history.js';
import type { Grant } from '../access/auth.js';
import type { Sessions } from '../access/sessions.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PlanStorage } from '../store/storage.js';
import type { SnapshotStorage } from '../store/snapshot-store.js';
import type { Registry } from '../sync/registry.js';

/** Everything the HTTP side needs; `createApp` receives it once and hands it to every sub-app. */
export interface AppDeps {
  store: PlanStorage;
  registry: Registry;
  snapshots: SnapshotStorage;
  access: LinkStore;
  audit: AuditTrail;
  /** The change journal behind field history and the diff's "who" (server/access/history.ts). */
  history: ChangeJournal;
  sessions: Sessions;
  config: Config;
  log: Logger;
}

/**
 * The Hono environment of every route. `deps` is set for every request by `createApp`;
 * `planId`, `grant`, `role` and `actor` are set by `requireRight` on plan routes only.
 */
export type AppEnv = {
  Variables: {
    deps: AppDeps;
    planId: string;
    grant: Grant;
    role: Role;
    actor: Actor;
  };
};
