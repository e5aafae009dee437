import type { PlanData } from '../../shared/schema/types.js';

/**
 * What this browser last saw of each plan (SPEC LS1), for "Since you were last here": one record
 * per plan in IndexedDB (`roundtable-last-seen`), holding the plan's canonical JSON projection
 * and when it was seen. Bounded: at most MAX_PLANS plans (the least recently seen are dropped)
 * and no plan whose JSON passes MAX_PLAN_CHARS (such a plan gets no summary). Every failure
 * (private mode, quota, no IndexedDB) means "nothing remembered", never an error.
 */

/** Plans remembered per browser. */
export const MAX_PLANS = 30;
/** Largest plan (JSON characters) remembered. */
export const MAX_PLAN_CHARS = 8 * 1024 * 1024;
/** While the page is visible, the plan is remembered again this often (when it changed). */
export const SEEN_EVERY_MS = 30_000;

const DB = 'roundtable-last-seen';
const STORE = 'plans';

/** One remembered plan. */
export interface SeenRecord {
  planId: string;
  /** ISO time it was last seen. */
  seenAt: string;
  plan: PlanData;
}

function open(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'planId' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

function done<T>(req: IDBRequest<T>): Promise<T | null> {
  return new Promise((resolve) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
}

/** The plan as this browser last saw it, or null (first visit, or nothing could be read). */
export async function loadSeen(planId: string): Promise<SeenRecord | null> {
  const db = await open();
  if (!db) return null;
  try {
    const rec = (await done(db.transaction(STORE, 'readonly').objectStore(STORE).get(planId))) as SeenRecord | null | undefined;
    return rec && typeof rec.seenAt === 'string' && rec.plan && typeof rec.plan === 'object' ? rec : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Remembers `plan` as seen now; drops the least recently seen plans past MAX_PLANS. */
export async function saveSeen(planId: string, plan: PlanData, now = new Date()): Promise<void> {
  if (JSON.stringify(plan).length > MAX_PLAN_CHARS) return void (await forgetSeen(planId));
  const db = await open();
  if (!db) return;
  try {
    const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
    await done(store.put({ planId, seenAt: now.toISOString(), plan } satisfies SeenRecord));
    const all = ((await done(db.transaction(STORE, 'readonly').objectStore(STORE).getAll())) ?? []) as SeenRecord[];
    if (all.length > MAX_PLANS) {
      const old = all.sort((a, b) => (a.seenAt < b.seenAt ? -1 : 1)).slice(0, all.length - MAX_PLANS);
      const del = db.transaction(STORE, 'readwrite').objectStore(STORE);
      for (const r of old) del.delete(r.planId);
    }
  } catch {
    /* quota or a closed database: nothing remembered */
  } finally {
    db.close();
  }
}

/** Forgets a plan (too large to remember). */
async function forgetSeen(planId: string): Promise<void> {
  const db = await open();
  if (!db) return;
  try {
    await done(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(planId));
  } finally {
    db.close();
  }
}
