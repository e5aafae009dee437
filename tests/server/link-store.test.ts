import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { AccessStore, type LinkStore } from '../../server/access/access-store.js';
import { PgAccessStore } from '../../server/access/pg-access-store.js';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/file-storage.js';
import { PgStorage } from '../../server/store/pg-storage.js';
import type { ServerStorage } from '../../server/store/storage.js';
import { createTestSchema, PG_TESTS_NEED_URL, testDatabaseUrl } from '../helpers/pg.js';
import { skipBecause } from '../helpers/skip.js';
import { removeDir, tempDir } from '../helpers/test-server.js';

const log = createLogger('silent');
const EMPTY = Uint8Array.of(0, 0);

interface Stores {
  plans: ServerStorage;
  links: LinkStore;
}

/**
 * The same checks for every LinkStore: the file one (access.json) and PostgreSQL. `make` opens
 * plan storage and its link store; cleanups run after each test.
 */
function describeLinkStore(name: string, make: (cleanups: (() => Promise<void> | void)[]) => Promise<Stores>, skipReason: () => string | null): void {
  describe(`invite links: ${name}`, () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });
    async function open(ctx: TestContext): Promise<Stores> {
      const reason = skipReason();
      if (reason) skipBecause(ctx, reason);
      const stores = await make(cleanups);
      await stores.plans.create('p', 'P', EMPTY);
      return stores;
    }

    it('issues one link per role, resolves each token to its role, lists newest first without hashes, refuses unknown and malformed tokens', async (ctx) => {
      const { links } = await open(ctx);
      const issued = await links.issue('p');
      for (const role of ['facilitator', 'editor', 'observer'] as const) {
        expect(await links.resolve('p', issued[role].token)).toMatchObject({ id: issued[role].linkId, role, revokedAt: null });
      }
      expect(await links.resolve('p', 'A'.repeat(32))).toBeNull();
      expect(await links.resolve('p', "x' OR '1'='1")).toBeNull();
      expect(await links.resolve('p', null)).toBeNull();
      const listed = await links.list('p');
      expect(listed.map((l) => l.role)).toEqual(['observer', 'editor', 'facilitator']);
      expect(listed.every((l) => !('hash' in l))).toBe(true);
    });

    it('a revoked link no longer resolves, stays listed with its time, and cannot be revoked twice', async (ctx) => {
      const { links } = await open(ctx);
      const { editor } = await links.issue('p', ['editor']);
      const revoked = await links.revoke('p', editor.linkId);
      expect(revoked).toMatchObject({ id: editor.linkId, role: 'editor' });
      expect(revoked!.revokedAt).not.toBeNull();
      expect(revoked).not.toHaveProperty('hash');
      expect(await links.resolve('p', editor.token)).toBeNull();
      expect(await links.revoke('p', editor.linkId)).toBeNull();
      expect((await links.list('p'))[0]).toEqual(revoked);
    });

    it('exported links imported into another plan keep working (and revoked ones stay revoked); a second import adds nothing', async (ctx) => {
      const { plans, links } = await open(ctx);
      const issued = await links.issue('p');
      await links.revoke('p', issued.observer.linkId);
      await plans.create('q', 'Q', EMPTY);
      const exported = await links.exportLinks('p');
      expect(exported.map((l) => l.role)).toEqual(['facilitator', 'editor', 'observer']);
      await links.importLinks('q', exported);
      await links.importLinks('q', exported);
      expect(await links.exportLinks('q')).toEqual(exported);
      expect((await links.resolve('q', issued.editor.token))?.role).toBe('editor');
      expect(await links.resolve('q', issued.observer.token)).toBeNull();
    });

    it('deleting a plan deletes its links: a plan made again under the same id does not honour them', async (ctx) => {
      const { plans, links } = await open(ctx);
      const { editor } = await links.issue('p', ['editor']);
      await plans.delete('p');
      links.forget('p');
      await plans.create('p', 'P again', EMPTY);
      expect(await links.resolve('p', editor.token)).toBeNull();
      expect(await links.list('p')).toEqual([]);
    });
  });
}

describeLinkStore(
  'file (access.json)',
  async (cleanups) => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const plans = await PlanStore.open(dir, log);
    return { plans, links: new AccessStore(plans) };
  },
  () => null,
);

describeLinkStore(
  'PostgreSQL (plan_links)',
  async (cleanups) => {
    const schema = await createTestSchema();
    const dir = tempDir();
    cleanups.push(async () => {
      await schema.drop();
      removeDir(dir);
    });
    const plans = await PgStorage.open({ url: schema.url, dataDir: dir, log });
    cleanups.push(() => plans.close());
    return { plans, links: new PgAccessStore(plans.pool) };
  },
  () => (testDatabaseUrl() ? null : PG_TESTS_NEED_URL),
);
