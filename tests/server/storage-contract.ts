import { afterEach, describe, expect, it as vitestIt } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import type { PlanStorage } from '../../server/store/storage.js';
import { readPlanFolder } from '../../server/store/plan-folder.js';
import { Registry } from '../../server/sync/registry.js';
import { skipBecause } from '../helpers/skip.js';
import { nextMillisecond } from './room-helpers.js';

/** One storage implementation under test, over one backing data set. */
export interface StorageUnderTest {
  /** Opens the storage; a second call is a restart over the same data. */
  open(): Promise<PlanStorage>;
  /**
   * Leaves a partial record at the end of a plan's current log, as a crash mid-append would (a
   * database: an append transaction that never commits because its connection dies).
   */
  tearTail(id: string): void | Promise<void>;
  /** Makes later appends fail like a full disk (a partial write, then an error), or stops that. */
  failAppends(on: boolean): void | Promise<void>;
  /** Removes the backing data (and closes what `open` opened). */
  cleanup(): void | Promise<void>;
}

const bytes = (...n: number[]) => Uint8Array.from(n);
/** Waits for an append, whether the storage is synchronous or asynchronous. */
const settle = async (r: void | Promise<void>) => {
  await r;
};
const registryConfig = { idleUnloadMs: 60_000, idleCompactMs: 60_000, compactMinBytes: 1 << 20, maxBufferedBytes: 1 << 25 };

/**
 * The contract every PlanStorage must pass (see `server/store/storage.ts`): append/load order,
 * compaction keeps everything, a torn tail is cut, a restart keeps data, concurrent loads of
 * one plan (through the Registry) load once, an unload while a join waits loads again with
 * everything. A future database store runs the same suite.
 */
export function describeStorageContract(
  name: string,
  make: () => Promise<StorageUnderTest> | StorageUnderTest,
  /** When set, every test of the suite skips with this reason (one the CI verdict lists). */
  skipReason: string | null = null,
): void {
  /** `it`, skipping with `skipReason` when the storage cannot run here. */
  const it = (title: string, fn: () => Promise<void>) =>
    vitestIt(title, async (ctx) => {
      if (skipReason) skipBecause(ctx, skipReason);
      await fn();
    });
  describe(`storage contract: ${name}`, () => {
    let under: StorageUnderTest | null = null;
    afterEach(async () => {
      const done = under;
      under = null;
      await done?.cleanup();
    });
    async function open(): Promise<PlanStorage> {
      under ??= await make();
      return under.open();
    }

    it('creates, lists newest first, refuses bad and taken ids, and deletes', async () => {
      const s = await open();
      await s.create('first', 'First', bytes(0, 0));
      await nextMillisecond();
      const meta = await s.create('second', 'Second', bytes(0, 0));
      expect(meta).toMatchObject({ id: 'second', title: 'Second' });
      expect(s.list().map((m) => m.id)).toEqual(['second', 'first']);
      expect(s.has('first') && s.get('first')?.title === 'First').toBe(true);
      await expect(s.create('../evil', 'x', bytes(0, 0))).rejects.toThrow(/invalid plan id/);
      await expect(s.create('first', 'again', bytes(0, 0))).rejects.toThrow(/exists/);
      await s.delete('first');
      expect(s.has('first')).toBe(false);
      await expect(s.load('first')).rejects.toThrow();
      expect((await open()).list().map((m) => m.id)).toEqual(['second']);
    });

    it('load returns the state, then every appended record in append order', async () => {
      const s = await open();
      await s.create('p', 'P', bytes(1, 1));
      const a = await s.load('p');
      expect(a.state).toEqual(bytes(1, 1));
      expect(a.updates).toEqual([]);
      await settle(a.files.append([bytes(1), bytes(2, 2)]));
      await settle(a.files.append([bytes(3)]));
      expect(a.files.logCount).toBe(3);
      expect(a.files.logBytes).toBeGreaterThanOrEqual(4);
      await a.files.close();
      const b = await s.load('p');
      expect(b.updates).toEqual([bytes(1), bytes(2, 2), bytes(3)]);
      await b.files.close();
    });

    it('the stored records do not change when the caller reuses its buffers', async () => {
      const s = await open();
      await s.create('p', 'P', bytes(0));
      const a = await s.load('p');
      const buf = bytes(5, 5);
      await settle(a.files.append([buf]));
      buf[0] = 7;
      await a.files.close();
      const b = await s.load('p');
      expect(b.updates).toEqual([bytes(5, 5)]);
      await b.files.close();
    });

    it('compaction keeps everything, including what is appended while it runs', async () => {
      const s = await open();
      await s.create('p', 'P', bytes(0, 0));
      const a = await s.load('p');
      await settle(a.files.append([bytes(1)]));
      const writing = a.files.compact(bytes(9, 9)); // a state holding update 1
      await settle(a.files.append([bytes(2)])); // arrives while the state is written
      await writing;
      expect(a.files.stateBytes).toBe(2);
      expect(a.files.logCount).toBe(1);
      await a.files.close();
      const b = await s.load('p');
      expect(b.state).toEqual(bytes(9, 9));
      expect(b.updates).toEqual([bytes(2)]);
      await b.files.close();
    });

    it('a restart keeps plans, titles set before a compaction, and pending logs', async () => {
      const s = await open();
      await s.create('p', 'Draft', bytes(0, 0));
      await s.create('q', 'Other', bytes(0, 0));
      const a = await s.load('p');
      await settle(a.files.append([bytes(4)]));
      s.setTitle('p', 'Final');
      s.touch('p');
      await a.files.compact(bytes(8));
      await settle(a.files.append([bytes(5)]));
      await a.files.close();
      const again = await open();
      expect(again.get('p')?.title).toBe('Final');
      expect(again.list().map((m) => m.id)).toEqual(['p', 'q']);
      expect(again.plansWithPendingLogs()).toEqual(['p']);
      const b = await again.load('p');
      expect([b.state, b.updates]).toEqual([bytes(8), [bytes(5)]]);
      await b.files.compact(bytes(8, 5));
      await b.files.close();
      expect((await open()).plansWithPendingLogs()).toEqual([]);
    });

    it('a torn last record is cut off on load; everything before it is kept and appends go on', async () => {
      const s = await open();
      await s.create('p', 'P', bytes(0));
      const a = await s.load('p');
      await settle(a.files.append([bytes(1, 1), bytes(2, 2)]));
      await a.files.close();
      await under!.tearTail('p');
      const again = await open();
      const b = await again.load('p');
      expect(b.updates).toEqual([bytes(1, 1), bytes(2, 2)]);
      await settle(b.files.append([bytes(3)]));
      await b.files.close();
      const c = await again.load('p');
      expect(c.updates).toEqual([bytes(1, 1), bytes(2, 2), bytes(3)]);
      await c.files.close();
    });

    it('a refused append stores nothing of its batch; later appends and a restart keep every acknowledged record', async () => {
      const s = await open();
      await s.create('p', 'P', bytes(0));
      const a = await s.load('p');
      await settle(a.files.append([bytes(1)]));
      await under!.failAppends(true);
      await expect((async () => a.files.append([new Uint8Array(4096).fill(7), bytes(8)]))()).rejects.toThrow();
      await under!.failAppends(false);
      for (let i = 2; i <= 20; i++) await settle(a.files.append([bytes(i, i)]));
      // No close: the process dies here (kill -9), and the next start loads what is stored.
      const b = await (await open()).load('p');
      expect(b.updates).toEqual([bytes(1), ...Array.from({ length: 19 }, (_, k) => bytes(k + 2, k + 2))]);
      await b.files.close();
    });

    it('loads of different plans run concurrently without mixing their data', async () => {
      const s = await open();
      const ids = ['a', 'b', 'c', 'd'];
      for (const [i, id] of ids.entries()) {
        await s.create(id, id, bytes(i));
        const h = await s.load(id);
        await settle(h.files.append([bytes(i, i)]));
        await h.files.close();
      }
      const loaded = await Promise.all(ids.map((id) => s.load(id)));
      expect(loaded.map((l) => [l.state, l.updates])).toEqual(ids.map((_, i) => [bytes(i), [bytes(i, i)]]));
      await Promise.all(loaded.map((l) => l.files.close()));
    });

    it('source (when offered) reads what load returns, skipping a torn tail without cutting it, and after a compaction', async () => {
      const s = await open();
      if (!s.source) return; // optional: a store without it has heavy requests load the plan
      await s.create('p', 'P', bytes(0));
      // Synchronous (files, memory) or asynchronous (PostgreSQL).
      const content = async (id: string) => {
        const src = await s.source!(id);
        return 'dir' in src ? readPlanFolder(src.dir) : src.content;
      };
      expect(await content('p')).toEqual({ state: bytes(0), stateEncoding: 'v1', updates: [] });
      const a = await s.load('p');
      await settle(a.files.append([bytes(1, 1), bytes(2, 2)]));
      await a.files.close();
      under!.tearTail('p');
      const stored = await content('p');
      expect(stored.updates).toEqual([bytes(1, 1), bytes(2, 2)]);
      const b = await (await open()).load('p');
      expect([b.state, b.updates]).toEqual([stored.state, stored.updates]);
      await settle(b.files.append([bytes(3)]));
      await b.files.compact(bytes(7, 7));
      await settle(b.files.append([bytes(4)]));
      await b.files.close();
      expect(await content('p')).toEqual({ state: bytes(7, 7), stateEncoding: 'v1', updates: [bytes(4)] });
      await expect((async () => s.source!('nope'))()).rejects.toThrow();
    });

    describe('under the Registry', () => {
      const log = createLogger('silent');
      const planState = () => {
        const doc = new Y.Doc();
        doc.getText('t').insert(0, 'stored');
        return Y.encodeStateAsUpdate(doc);
      };

      it('concurrent joins of one plan load it once', async () => {
        const s = await open();
        await s.create('p', 'P', planState());
        const registry = new Registry(s, registryConfig, log);
        const rooms = await Promise.all(Array.from({ length: 8 }, () => registry.get('p')));
        expect(new Set(rooms).size).toBe(1);
        expect(registry.loads).toBe(1);
        expect(rooms[0]!.doc.getText('t').toString()).toBe('stored');
        await registry.closeAll(1001, 'done');
      });

      it('a join during an unload waits for it and loads again with everything', async () => {
        const s = await open();
        await s.create('p', 'P', planState());
        const registry = new Registry(s, registryConfig, log);
        const room = await registry.get('p');
        room.doc.getText('t').insert(6, ' and edited');
        room.flush(); // stored through the persistence hook
        const unloading = registry.unload('p');
        const joined = registry.get('p');
        await unloading;
        const again = await joined;
        expect(again).not.toBe(room);
        expect(registry.loads).toBe(2);
        expect(again.doc.getText('t').toString()).toBe('stored and edited');
        await registry.closeAll(1001, 'done');
        const reopened = await open();
        expect(reopened.plansWithPendingLogs()).toEqual([]);
      });
    });
  });
}
