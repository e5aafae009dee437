import type pg from 'pg';
import { isId } from '../../shared/ids.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { newSnapshotMeta, sha256, SnapshotError, type SnapshotInfo, type SnapshotStorage } from './snapshot-store.js';

/**
 * Snapshots in PostgreSQL (table `plan_snapshots`, migration step 4), used with DATABASE_URL,
 * so every node sees the same versions. Same rules as the file store: the state never
 * changes; name, note and status change until the snapshot is endorsed, then nothing changes
 * and it cannot be deleted (checked in the same statement that changes it, so two nodes
 * cannot race past it); every read checks the SHA-256 and reports tampering.
 */
export class PgSnapshotStore implements SnapshotStorage {
  constructor(private readonly pool: pg.Pool) {}

  /** Stores a new snapshot of `state` and returns its meta. */
  async create(planId: string, state: Uint8Array, info: SnapshotInfo): Promise<SnapshotMeta> {
    const meta = newSnapshotMeta(planId, state, info);
    await this.insert(meta, state, false);
    return meta;
  }

  /** Count and bytes (base64 size of the states plus their meta, as the file store counts its files). */
  async usage(planId: string): Promise<{ count: number; bytes: number }> {
    const { rows } = await this.pool.query<{ count: number; bytes: string | null }>(
      'SELECT count(*)::int AS count, sum(ceil(octet_length(state) / 3.0) * 4 + octet_length(meta)) AS bytes FROM plan_snapshots WHERE plan_id = $1',
      [planId],
    );
    return { count: rows[0]!.count, bytes: Number(rows[0]!.bytes ?? 0) };
  }

  /** Every snapshot of a plan, newest first (one whose row does not check out is listed with its problem). */
  async list(planId: string): Promise<(SnapshotMeta & { problem?: string })[]> {
    const { rows } = await this.pool.query<{ id: string; meta: string; state: Buffer }>('SELECT id, meta, state FROM plan_snapshots WHERE plan_id = $1', [planId]);
    const out: (SnapshotMeta & { problem?: string })[] = [];
    for (const r of rows) {
      try {
        out.push(checked(planId, r.id, r.meta, r.state).meta);
      } catch (err) {
        out.push({ id: r.id, planId, name: '', note: '', status: 'draft', author: '', createdAt: '', changedAt: null, sha256: '', bytes: 0, problem: (err as Error).message });
      }
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** A snapshot's meta and state, after checking that the state matches its checksum. */
  async read(planId: string, sid: string): Promise<{ meta: SnapshotMeta; state: Uint8Array }> {
    if (!isId(sid)) throw new SnapshotError('not_found', `There is no snapshot "${sid}".`);
    const { rows } = await this.pool.query<{ meta: string; state: Buffer }>('SELECT meta, state FROM plan_snapshots WHERE plan_id = $1 AND id = $2', [planId, sid]);
    if (!rows[0]) throw new SnapshotError('not_found', `There is no snapshot "${sid}" in this plan.`);
    return checked(planId, sid, rows[0].meta, rows[0].state);
  }

  /** Renames, re-notes or advances a snapshot; refused once it is endorsed (also when another node endorsed it meanwhile). */
  async update(planId: string, sid: string, change: Partial<Pick<SnapshotMeta, 'name' | 'note' | 'status'>>): Promise<SnapshotMeta> {
    const { meta } = await this.read(planId, sid);
    if (meta.status === 'endorsed') throw endorsed(meta, 'changed');
    const next: SnapshotMeta = { ...meta, ...change, changedAt: new Date().toISOString() };
    const res = await this.pool.query('UPDATE plan_snapshots SET meta = $3 WHERE plan_id = $1 AND id = $2 AND meta = $4', [planId, sid, JSON.stringify(next), JSON.stringify(meta)]);
    if (res.rowCount !== 1) return this.update(planId, sid, change); // changed meanwhile: judge again
    return next;
  }

  /** Deletes a snapshot; refused for endorsed ones. */
  async remove(planId: string, sid: string): Promise<void> {
    const { meta } = await this.read(planId, sid);
    if (meta.status === 'endorsed') throw endorsed(meta, 'deleted');
    const res = await this.pool.query('DELETE FROM plan_snapshots WHERE plan_id = $1 AND id = $2 AND meta = $3', [planId, sid, JSON.stringify(meta)]);
    if (res.rowCount !== 1) return this.remove(planId, sid);
  }

  /** Adds a snapshot as it is; an id the plan has is skipped. */
  async importSnapshot(meta: SnapshotMeta, state: Uint8Array): Promise<void> {
    await this.insert(meta, state, true);
  }

  private async insert(meta: SnapshotMeta, state: Uint8Array, skipTaken: boolean): Promise<void> {
    await this.pool.query(
      `INSERT INTO plan_snapshots (plan_id, id, meta, state) VALUES ($1, $2, $3, $4)${skipTaken ? ' ON CONFLICT (plan_id, id) DO NOTHING' : ''}`,
      [meta.planId, meta.id, JSON.stringify(meta), Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
    );
  }
}

function endorsed(meta: SnapshotMeta, what: 'changed' | 'deleted'): SnapshotError {
  return new SnapshotError('endorsed', what === 'changed' ? `Snapshot "${meta.name}" is endorsed: it can no longer be changed.` : `Snapshot "${meta.name}" is endorsed: it can never be deleted.`);
}

/** The row's meta and state after checking that they describe the snapshot asked for and that the state matches its SHA-256. */
function checked(planId: string, sid: string, metaJson: string, stateBytes: Buffer): { meta: SnapshotMeta; state: Uint8Array } {
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(metaJson) as SnapshotMeta;
  } catch {
    throw new SnapshotError('tampered', `Snapshot "${sid}" is unreadable: its record is not valid JSON.`);
  }
  if (meta?.id !== sid || meta.planId !== planId) throw new SnapshotError('tampered', `Snapshot "${sid}" has been altered: its record does not describe it.`);
  const state = new Uint8Array(stateBytes);
  if (sha256(state) !== meta.sha256) throw new SnapshotError('tampered', `Snapshot "${sid}" has been altered: its content no longer matches its SHA-256.`);
  return { meta, state };
}
