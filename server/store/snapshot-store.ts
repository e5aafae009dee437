import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { isId, newId } from '../../shared/ids.js';
import type { SnapshotMeta, SnapshotStatus } from '../../shared/versions.js';
import type { PlanFolders } from './storage.js';

export { SNAPSHOT_STATUSES, type SnapshotMeta, type SnapshotStatus } from '../../shared/versions.js';

interface SnapshotFile extends SnapshotMeta {
  version: 1;
  encoding: 'yjs-update-v2';
  /** base64 of Y.encodeStateAsUpdateV2 of the plan when the snapshot was taken. */
  state: string;
}

/** Why a snapshot operation was refused; the HTTP layer maps `code` to a status. */
export class SnapshotError extends Error {
  constructor(
    readonly code: 'not_found' | 'endorsed' | 'tampered' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Hex SHA-256 of a snapshot's state (stored with it and checked on every read). */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The meta of a new snapshot of `state`: a fresh id, now, its checksum and size. */
export function newSnapshotMeta(planId: string, state: Uint8Array, info: SnapshotInfo): SnapshotMeta {
  return { id: newId(), planId, ...info, createdAt: new Date().toISOString(), changedAt: null, sha256: sha256(state), bytes: state.byteLength };
}

/** What the snapshot fields of a create call hold. */
export type SnapshotInfo = { name: string; note: string; status: SnapshotStatus; author: string };

/**
 * Named versions of every plan: one JSON file each ({@link SnapshotStore}) or PostgreSQL rows
 * (`PgSnapshotStore`, with DATABASE_URL). Both keep the same rules: the state never changes,
 * an endorsed snapshot never changes and is never deleted, every read checks the SHA-256.
 */
export interface SnapshotStorage {
  /** Stores a new snapshot of `state` (a V2 update) and returns its meta. */
  create(planId: string, state: Uint8Array, info: SnapshotInfo): Promise<SnapshotMeta>;
  /** How many snapshots the plan has and the bytes they take. */
  usage(planId: string): Promise<{ count: number; bytes: number }>;
  /** Every snapshot of a plan, newest first (unreadable ones listed with a problem). */
  list(planId: string): Promise<(SnapshotMeta & { problem?: string })[]>;
  /** A snapshot's meta and state, after checking the checksum; SnapshotError when missing or altered. */
  read(planId: string, sid: string): Promise<{ meta: SnapshotMeta; state: Uint8Array }>;
  /** Renames, re-notes or advances a snapshot; refused once it is endorsed. */
  update(planId: string, sid: string, change: Partial<Pick<SnapshotMeta, 'name' | 'note' | 'status'>>): Promise<SnapshotMeta>;
  /** Deletes a snapshot; refused for endorsed ones. */
  remove(planId: string, sid: string): Promise<void>;
  /** Adds a snapshot as it is (id, dates, checksum), for moving plans between stores; an id the plan has is skipped. */
  importSnapshot(meta: SnapshotMeta, state: Uint8Array): Promise<void>;
}

/**
 * Named, immutable versions of a plan, one JSON file each in `<plan>/snapshots/<sid>.json`
 * (written atomically through lowdb). The state never changes after it is written; name, note
 * and status may change until a snapshot is endorsed, after which nothing about it can change
 * and it cannot be deleted. Reading verifies the SHA-256 and reports tampering.
 */
export class SnapshotStore implements SnapshotStorage {
  constructor(private readonly plans: Pick<PlanFolders, 'dir'>) {}

  private folder(planId: string): string {
    return path.join(this.plans.dir(planId), 'snapshots');
  }

  private file(planId: string, sid: string): string {
    if (!isId(sid)) throw new SnapshotError('not_found', `There is no snapshot "${sid}".`);
    return path.join(this.folder(planId), `${sid}.json`);
  }

  /** Stores a new snapshot of `state` and returns its meta. */
  async create(planId: string, state: Uint8Array, info: SnapshotInfo): Promise<SnapshotMeta> {
    await fsp.mkdir(this.folder(planId), { recursive: true });
    const meta = newSnapshotMeta(planId, state, info);
    await write(this.file(planId, meta.id), {
      version: 1,
      encoding: 'yjs-update-v2',
      ...meta,
      state: Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('base64'),
    });
    return meta;
  }

  /**
   * What a plan's snapshots take: how many files and their bytes on disk (read from the
   * folder listing and file sizes, without reading the snapshots).
   */
  async usage(planId: string): Promise<{ count: number; bytes: number }> {
    let names: string[] = [];
    try {
      names = await fsp.readdir(this.folder(planId));
    } catch {
      return { count: 0, bytes: 0 };
    }
    let count = 0;
    let bytes = 0;
    for (const name of names) {
      if (!name.endsWith('.json') || !isId(name.slice(0, -5))) continue;
      const st = await fsp.stat(path.join(this.folder(planId), name)).catch(() => null);
      if (!st) continue;
      count++;
      bytes += st.size;
    }
    return { count, bytes };
  }

  /** Every snapshot of a plan, newest first (unreadable files are listed as tampered, not hidden). */
  async list(planId: string): Promise<(SnapshotMeta & { problem?: string })[]> {
    let names: string[] = [];
    try {
      names = await fsp.readdir(this.folder(planId));
    } catch {
      return [];
    }
    const out: (SnapshotMeta & { problem?: string })[] = [];
    for (const name of names) {
      const sid = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!isId(sid)) continue;
      try {
        out.push((await this.read(planId, sid)).meta);
      } catch (err) {
        out.push({ ...blankMeta(planId, sid), problem: (err as Error).message });
      }
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** A snapshot's meta and state, after checking that the state matches its checksum. */
  async read(planId: string, sid: string): Promise<{ meta: SnapshotMeta; state: Uint8Array }> {
    const file = this.file(planId, sid);
    let data: SnapshotFile | null;
    try {
      const db = new Low<SnapshotFile | null>(new JSONFile<SnapshotFile | null>(file), null);
      await db.read();
      data = db.data;
    } catch {
      throw new SnapshotError('tampered', `Snapshot "${sid}" is unreadable: its file is not valid JSON.`);
    }
    if (!data) throw new SnapshotError('not_found', `There is no snapshot "${sid}" in this plan.`);
    if (typeof data.state !== 'string' || data.id !== sid || data.planId !== planId) {
      throw new SnapshotError('tampered', `Snapshot "${sid}" has been altered: its file does not describe it.`);
    }
    const state = new Uint8Array(Buffer.from(data.state, 'base64'));
    if (sha256(state) !== data.sha256) {
      throw new SnapshotError('tampered', `Snapshot "${sid}" has been altered: its content no longer matches its SHA-256.`);
    }
    const { version: _v, encoding: _e, state: _s, ...meta } = data;
    return { meta, state };
  }

  /** Renames, re-notes or advances a snapshot; refused once it is endorsed. */
  async update(planId: string, sid: string, change: Partial<Pick<SnapshotMeta, 'name' | 'note' | 'status'>>): Promise<SnapshotMeta> {
    const { meta, state } = await this.read(planId, sid);
    if (meta.status === 'endorsed') {
      throw new SnapshotError('endorsed', `Snapshot "${meta.name}" is endorsed: it can no longer be changed.`);
    }
    const next: SnapshotMeta = { ...meta, ...change, changedAt: new Date().toISOString() };
    await write(this.file(planId, sid), {
      version: 1,
      encoding: 'yjs-update-v2',
      ...next,
      state: Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('base64'),
    });
    return next;
  }

  /** Writes a snapshot as it is (id, dates, checksum); an id the plan has is skipped. */
  async importSnapshot(meta: SnapshotMeta, state: Uint8Array): Promise<void> {
    const file = this.file(meta.planId, meta.id);
    if (await fsp.stat(file).then(() => true, () => false)) return;
    await fsp.mkdir(this.folder(meta.planId), { recursive: true });
    await write(file, { version: 1, encoding: 'yjs-update-v2', ...meta, state: Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('base64') });
  }

  /** Deletes a snapshot; refused for endorsed ones. */
  async remove(planId: string, sid: string): Promise<void> {
    const { meta } = await this.read(planId, sid);
    if (meta.status === 'endorsed') {
      throw new SnapshotError('endorsed', `Snapshot "${meta.name}" is endorsed: it can never be deleted.`);
    }
    await fsp.rm(this.file(planId, sid));
  }
}

function blankMeta(planId: string, id: string): SnapshotMeta {
  return { id, planId, name: '', note: '', status: 'draft', author: '', createdAt: '', changedAt: null, sha256: '', bytes: 0 };
}

async function write(file: string, data: SnapshotFile): Promise<void> {
  const db = new Low<SnapshotFile>(new JSONFile<SnapshotFile>(file), data);
  db.data = data;
  await db.write();
}
